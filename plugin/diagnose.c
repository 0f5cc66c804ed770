/*
 * diagnose.c - judge every recorded reference against the final sections of
 * both ends and report the bad ones, once, at the end of the translation
 * unit (PLUGIN_FINISH, which fires under -fsyntax-only too).
 *
 * The error line alone says everything (both names, both sections, the
 * rule): VS Code's $gcc problem matcher and many CI log scrapers drop notes.
 * The notes are for people: where the target is declared, and what to do
 * about the source, with a fix-it when one insertion fixes it:
 *
 *  - a static function that only __init code calls: mark it __init;
 *  - a static variable that only __init code uses: mark it __initdata
 *    (or __initconst);
 *  - otherwise, for a static function, one call chain from code that runs
 *    after init (an external or address-taken function) to the reference.
 */
#include "initcheck.h"

/* How far the call chain search goes before it gives up. */
#define IC_CHAIN_MAX 64

/* Source order: file, line, column. */
static int cmp_locations(location_t la, location_t lb)
{
	expanded_location ea = expand_location(la);
	expanded_location eb = expand_location(lb);
	int c;

	c = strcmp(ea.file ? ea.file : "", eb.file ? eb.file : "");
	if (c)
		return c;
	if (ea.line != eb.line)
		return ea.line < eb.line ? -1 : 1;
	if (ea.column != eb.column)
		return ea.column < eb.column ? -1 : 1;
	return 0;
}

/* "__init function", "__initdata variable", "init variable", ... */
static const char *describe(const struct ic_place *p, char *buf, size_t len)
{
	snprintf(buf, len, "%s %s",
		 p->marker ? p->marker : ic_class_name(p->cls),
		 p->is_function ? "function" : "variable");
	return buf;
}

static const char *name_of(tree decl)
{
	return DECL_NAME(decl) && !ic_is_compound_literal(decl)
	       ? IDENTIFIER_POINTER(DECL_NAME(decl)) : "compound literal";
}

static enum ic_class class_of(tree decl)
{
	struct ic_place p;

	ic_classify(decl, &p);
	return p.cls;
}

/* Every reference to DECL comes from __init code (and there is one).
   ALL_CALLS also asks that each is a call, not an address taken. */
static bool only_init_uses(tree decl, bool all_calls)
{
	unsigned i, n = ic_refs_count(), uses = 0;

	for (i = 0; i < n; i++) {
		const struct ic_ref *r = ic_ref_at(i);

		if (r->to != decl)
			continue;
		if (!r->from || class_of(r->from) != IC_INIT
		    || (all_calls && r->kind != IC_REF_CALL))
			return false;
		uses++;
	}
	return uses > 0;
}

/* Code that runs after init and that other code can reach: an external
   function, or one whose address is taken by code or data that lives on. */
static bool is_entry(tree fn)
{
	unsigned i, n = ic_refs_count();

	if (TREE_PUBLIC(fn))
		return true;
	for (i = 0; i < n; i++) {
		const struct ic_ref *r = ic_ref_at(i);

		if (r->to == fn && r->kind != IC_REF_CALL
		    && (!r->from || class_of(r->from) != IC_INIT))
			return true;
	}
	return false;
}

/*
 * Breadth-first, backwards from FN over references made by functions that
 * outlive init, to the nearest entry.  Fills CHAIN (entry first) and
 * returns its length, or 0 when there is none within IC_CHAIN_MAX nodes.
 */
static unsigned find_chain(tree fn, tree *chain)
{
	tree queue[IC_CHAIN_MAX];
	int parent[IC_CHAIN_MAX];
	unsigned head = 0, tail = 0, i, j, n = ic_refs_count(), len;
	int k;

	queue[tail] = fn;
	parent[tail++] = -1;
	while (head < tail) {
		tree cur = queue[head];

		if (head > 0 && is_entry(cur)) {
			len = 0;
			for (k = head; k >= 0; k = parent[k])
				chain[len++] = queue[k];
			return len;
		}
		for (i = 0; i < n && tail < IC_CHAIN_MAX; i++) {
			const struct ic_ref *r = ic_ref_at(i);
			enum ic_class c;

			if (r->to != cur || !r->from
			    || TREE_CODE(r->from) != FUNCTION_DECL)
				continue;
			c = class_of(r->from);
			if (c != IC_NORMAL && c != IC_HEAD)
				continue;
			for (j = 0; j < tail && queue[j] != r->from; j++)
				;
			if (j < tail)
				continue;
			queue[tail] = r->from;
			parent[tail++] = head;
		}
		head++;
	}
	return 0;
}

/* The marker a static SOURCE should carry to live in init, when adding it
   before the name is a correct edit: not for pointers, where the attribute
   would land on the pointer type (int *__initdata p). */
static const char *init_marker_for(tree source)
{
	tree type;

	if (TREE_PUBLIC(source) || DECL_EXTERNAL(source) || !DECL_NAME(source)
	    || ic_is_compound_literal(source)
	    || from_macro_expansion_at(DECL_SOURCE_LOCATION(source)))
		return NULL;
	/* Not a nested function: GCC 12 does not emit one that has a section
	   attribute, and the object is left with an undefined inner.0. */
	if (TREE_CODE(source) == FUNCTION_DECL)
		return only_init_uses(source, true)
		       && !decl_function_context(source) ? "__init" : NULL;
	type = strip_array_types(TREE_TYPE(source));
	if (POINTER_TYPE_P(type) || !only_init_uses(source, false))
		return NULL;
	return TYPE_READONLY(type) ? "__initconst" : "__initdata";
}

/* Sources already told to take a marker: suggest.c leaves them alone. */
static hash_set<tree> *marked;

bool ic_diagnose_marked(tree decl)
{
	return marked && marked->contains(decl);
}

static void note_source(const struct ic_ref *r, const struct ic_place *from,
			const char *marker)
{
	tree chain[IC_CHAIN_MAX];
	unsigned len, i;

	if (marker) {
		gcc_rich_location richloc(DECL_SOURCE_LOCATION(r->from));
		char fix[32];

		if (!marked)
			marked = new hash_set<tree>;
		marked->add(r->from);
		snprintf(fix, sizeof(fix), "%s ", marker);
		richloc.add_fixit_insert_before(fix);
		inform(&richloc, "%qD is only %s from %<__init%> code; mark it %s",
		       r->from, from->is_function ? "called" : "used", marker);
		return;
	}
	if (TREE_CODE(r->from) != FUNCTION_DECL || TREE_PUBLIC(r->from)
	    || from->cls != IC_NORMAL)
		return;
	len = find_chain(r->from, chain);
	if (len) {
		pretty_printer pp;

		for (i = 0; i < len; i++)
			pp_printf(&pp, "%s%qs", i ? " -> " : "",
				  name_of(chain[i]));
		inform(DECL_SOURCE_LOCATION(chain[0]),
		       "%qD runs after init: %s", r->from,
		       pp_formatted_text(&pp));
	}
}

/* A reference that breaks a rule in force, and where its ends are.  When
   the reference is made inside an always-inline function, SITE is the call
   in a real function that brings it there, and FROM is that function. */
struct finding {
	const struct ic_ref *ref;
	const struct ic_ref *site;
	tree from_decl;
	location_t loc;
	struct ic_verdict v;	/* the rule, its severity, both ends */
};

static void report(const struct finding *f)
{
	const struct ic_ref *r = f->ref;
	const struct ic_place *from = &f->v.from, *to = &f->v.to;
	const struct ic_rule *rule = f->v.rule;
	auto_diagnostic_group d;
	gcc_rich_location richloc(f->loc);
	enum ic_severity sev = f->v.severity;
	char what[64], msg[512], fix[32];
	const char *verb = r->kind == IC_REF_CALL ? "calls" : "references";
	const char *marker = NULL;
	diagnostic_t kind = ic_diagnostic_kind(sev);
	bool shown, lifted;
	/* The source is named in quotes when it has a name of the user's. */
	bool quoted = f->from_decl && !ic_is_compound_literal(f->from_decl);

	if (f->from_decl && !f->site
	    && (from->cls == IC_NORMAL || from->cls == IC_RODATA))
		marker = init_marker_for(f->from_decl);

	describe(to, what, sizeof(what));
	/* GCC's own SARIF: the rule is the result's ruleId (gcc-common.h),
	   and the fix-it, which GCC's SARIF takes only from the result, is
	   on it too. */
	if (ic_gcc_sarif_requested()) {
		ic_gcc_sarif_init();
		ic_gcc_sarif_rule = rule->name;
		if (marker) {
			snprintf(fix, sizeof(fix), "%s ", marker);
			richloc.add_fixit_insert_before(
				DECL_SOURCE_LOCATION(f->from_decl), fix);
		}
	}
	lifted = ic_werror_suspend(kind);
	if (!f->from_decl)
		/* A top-level asm statement: no symbol, only a section. */
		shown = emit_diagnostic(kind, &richloc, 0,
					"top-level %<asm%> (section %s) "
					"references %s %qD (section %s) [%s:%s]",
					from->section, what, r->to, to->section,
					IC_NAME, rule->name);
	else if (f->site)
		shown = emit_diagnostic(kind, &richloc, 0,
					"%qD (section %s) calls always-inline "
					"%qD, which %s %s %qD (section %s) "
					"[%s:%s]", f->from_decl, from->section,
					f->site->to, verb, what, r->to,
					to->section, IC_NAME, rule->name);
	else if (ic_is_compound_literal(f->from_decl))
		/* Its name is the assembler's, not the user's. */
		shown = emit_diagnostic(kind, &richloc, 0,
					"compound literal (section %s) %s %s "
					"%qD (section %s) [%s:%s]",
					from->section, verb, what, r->to,
					to->section, IC_NAME, rule->name);
	else
		shown = emit_diagnostic(kind, &richloc, 0,
					"%qD (section %s) %s %s %qD (section %s)"
					" [%s:%s]", f->from_decl, from->section,
					verb, what, r->to, to->section,
					IC_NAME, rule->name);
	ic_gcc_sarif_rule = NULL;
	ic_werror_resume(lifted);
	if (!shown)
		return;
	if (f->site)
		inform(r->loc, "%qD %s %qD here, inlined into %qD", r->from,
		       verb, r->to, f->from_decl);
	if (ic_alias_ultimate(r->to) != r->to)
		inform(DECL_SOURCE_LOCATION(ic_alias_ultimate(r->to)),
		       "%qD is an alias of %qD, declared %s here", r->to,
		       ic_alias_ultimate(r->to),
		       to->marker ? to->marker : to->section);
	else
		inform(DECL_SOURCE_LOCATION(r->to), "%qD is declared %s here",
		       r->to, to->marker ? to->marker : to->section);
	if (f->from_decl && !f->site)
		note_source(r, from, marker);
	if (f->from_decl && ic_is_compound_literal(f->from_decl)
	    && only_init_uses(f->from_decl, false))
		/* No marker can be put on a literal: it takes the default
		   section whatever its user's is. */
		inform(DECL_SOURCE_LOCATION(f->from_decl),
		       "only %<__init%> code and data use this compound "
		       "literal, but it is in %s; make it a variable of its "
		       "own, marked %s", from->section,
		       from->cls == IC_RODATA ? "__initconst" : "__initdata");

	snprintf(msg, sizeof(msg), "%s%s%s (section %s) %s %s '%s' (section %s)",
		 quoted ? "'" : "",
		 f->from_decl ? name_of(f->from_decl) : "top-level asm",
		 quoted ? "'" : "", from->section,
		 f->site ? "reaches" : verb, what, name_of(r->to),
		 to->section);
	if (marker)
		snprintf(fix, sizeof(fix), "%s ", marker);
	ic_sarif_result(rule, sev, f->loc, msg,
			marker ? DECL_SOURCE_LOCATION(f->from_decl)
			       : UNKNOWN_LOCATION,
			marker ? fix : NULL);
	if (f->site) {
		snprintf(msg, sizeof(msg), "'%s' %s '%s' here, inlined into '%s'",
			 name_of(r->from), verb, name_of(r->to),
			 f->from_decl ? name_of(f->from_decl) : "?");
		ic_sarif_note(r->loc, msg);
	}
	snprintf(msg, sizeof(msg), "'%s' is declared %s here",
		 name_of(ic_alias_ultimate(r->to)),
		 to->marker ? to->marker : to->section);
	ic_sarif_note(DECL_SOURCE_LOCATION(ic_alias_ultimate(r->to)), msg);
}

/* Reports in source order, whatever order the callbacks recorded them in;
   for equal locations, the order of recording (refs is one array). */
static int cmp_findings(const void *pa, const void *pb)
{
	const struct finding *a = (const struct finding *)pa;
	const struct finding *b = (const struct finding *)pb;
	int c = cmp_locations(a->loc, b->loc);

	if (c)
		return c;
	if (a->ref != b->ref)
		return a->ref < b->ref ? -1 : 1;
	return a < b ? -1 : a > b;
}

static bool same_finding(const struct finding *a, const struct finding *b)
{
	return a->from_decl == b->from_decl && a->ref->to == b->ref->to
	       && a->loc == b->loc;
}

static struct finding *found;
static unsigned nfound;

static void add_finding(const struct ic_ref *r, const struct ic_ref *site,
			tree from, location_t loc, const struct ic_verdict *v)
{
	struct finding *f;

	found = XRESIZEVEC(struct finding, found, nfound + 1);
	f = &found[nfound++];
	f->ref = r;
	f->site = site;
	f->from_decl = from;
	f->loc = loc;
	f->v = *v;
}

/* A reference made in an always-inline function, and its target's place:
   judged at each call that brings it into a function of its own. */
struct inlined_ref {
	const struct ic_ref *ref;
	const struct ic_place *to;
};

static void judge_at_call(const struct ic_ref *c, void *data)
{
	const struct inlined_ref *in = (const struct inlined_ref *)data;
	struct ic_verdict v;

	if (ic_judge(in->ref, c->from, c, in->to, 0, &v))
		add_finding(in->ref, c, c->from, c->loc, &v);
}

void ic_diagnose_all(void)
{
	unsigned n = ic_refs_count(), i;

	/* Judge every reference; sort only the findings (few) into source
	   order, since expanding locations for all of them is not cheap. */
	for (i = 0; i < n; i++) {
		const struct ic_ref *r = ic_ref_at(i);
		struct ic_verdict v;

		/* A static function nothing refers to never runs. */
		if (r->from && !ic_can_run(r->from))
			continue;
		if (!ic_judge(r, r->from, NULL, NULL, 0, &v))
			continue;
		if (ic_is_transparent(r->from)) {
			struct inlined_ref in = { r, &v.to };

			ic_for_each_real_call(r->from, judge_at_call, &in);
			continue;
		}
		add_finding(r, NULL, r->from, r->loc, &v);
	}
	qsort(found, nfound, sizeof(*found), cmp_findings);
	for (i = 0; i < nfound; i++)
		if (!i || !same_finding(&found[i], &found[i - 1]))
			report(&found[i]);
	XDELETEVEC(found);
	found = NULL;
	nfound = 0;
}

void ic_diagnose_release(void)
{
	delete marked;
	marked = NULL;
}
