/*
 * diagnose.c - judge every recorded reference against the final sections of
 * both ends and report the bad ones, once, at the end of the translation
 * unit (PLUGIN_FINISH, which fires under -fsyntax-only too).
 *
 * The error line alone says everything (both names, both sections, the
 * rule): VS Code's $gcc problem matcher and many CI log scrapers drop notes.
 * The note at the target's declaration is for people reading a terminal.
 */
#include "initcheck.h"

/* Reports in source order, whatever order the callbacks recorded them in. */
static int cmp_refs(const void *pa, const void *pb)
{
	const struct ic_ref *a = *(const struct ic_ref *const *)pa;
	const struct ic_ref *b = *(const struct ic_ref *const *)pb;
	expanded_location ea = expand_location(a->loc);
	expanded_location eb = expand_location(b->loc);
	int c;

	c = strcmp(ea.file ? ea.file : "", eb.file ? eb.file : "");
	if (c)
		return c;
	if (ea.line != eb.line)
		return ea.line < eb.line ? -1 : 1;
	if (ea.column != eb.column)
		return ea.column < eb.column ? -1 : 1;
	/* Stable for equal locations: the order they were recorded in. */
	return a < b ? -1 : a > b;
}

/* "__init function", "__initdata variable", "init variable", ... */
static const char *describe(const struct ic_place *p, char *buf, size_t len)
{
	snprintf(buf, len, "%s %s",
		 p->marker ? p->marker : ic_class_name(p->cls),
		 p->is_function ? "function" : "variable");
	return buf;
}

static bool same_ref(const struct ic_ref *a, const struct ic_ref *b)
{
	return a->from == b->from && a->to == b->to && a->loc == b->loc;
}

static void report(const struct ic_ref *r, const struct ic_rule *rule,
		   const struct ic_place *from, const struct ic_place *to)
{
	auto_diagnostic_group d;
	gcc_rich_location richloc(r->loc);
	char what[64];
	const char *verb = r->kind == IC_REF_CALL ? "calls" : "references";
	bool shown;

	describe(to, what, sizeof(what));
	if (ic_rule_severity(rule) == IC_ERROR) {
		error_at(&richloc, "%qD (section %s) %s %s %qD (section %s)"
			 " [%s:%s]", r->from, from->section, verb, what,
			 r->to, to->section, IC_NAME, rule->name);
		shown = true;
	} else {
		shown = warning_at(&richloc, 0, "%qD (section %s) %s %s %qD"
				   " (section %s) [%s:%s]", r->from,
				   from->section, verb, what, r->to,
				   to->section, IC_NAME, rule->name);
	}
	if (shown)
		inform(DECL_SOURCE_LOCATION(r->to), "%qD is declared %s here",
		       r->to, to->marker ? to->marker : to->section);
}

void ic_diagnose_all(void)
{
	unsigned n = ic_refs_count(), i;
	const struct ic_ref **order;

	if (!n)
		return;
	order = XNEWVEC(const struct ic_ref *, n);
	for (i = 0; i < n; i++)
		order[i] = ic_ref_at(i);
	qsort(order, n, sizeof(*order), cmp_refs);

	for (i = 0; i < n; i++) {
		const struct ic_ref *r = order[i];
		struct ic_place from, to;
		const struct ic_rule *rule;

		if (i && same_ref(r, order[i - 1]))
			continue;
		ic_classify(r->from, &from);
		ic_classify(r->to, &to);
		rule = ic_rule_for(&from, &to);
		if (rule && ic_rule_severity(rule) != IC_IGNORE)
			report(r, rule, &from, &to);
	}
	XDELETEVEC(order);
}
