/*
 * diagnose.c - the unit's findings.  Every recorded reference is judged
 * (judge.c) against the final sections of both ends, and the bad ones are
 * reported once, in source order, at the end of the translation unit
 * (PLUGIN_FINISH, which fires under -fsyntax-only too); a redeclaration
 * that adds a section (redecl.c) as soon as it is seen; the suggestions
 * (suggest.c) after the findings.  findings.c words and emits each.
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

/* Sources already told to take a marker: no suggestion repeats it. */
static hash_set<tree> *marked;

/* The note on the source of a finding: the marker that fixes it, or one
   call chain from code that runs after init. */
static void note_source(const struct ic_ref *r, const struct ic_place *from,
			const char *marker)
{
	tree chain[IC_CHAIN_MAX];
	struct ic_message m;
	unsigned len, i;

	if (marker) {
		gcc_rich_location richloc(DECL_SOURCE_LOCATION(r->from));
		char fix[32];

		if (!marked)
			marked = new hash_set<tree>;
		marked->add(r->from);
		snprintf(fix, sizeof(fix), "%s ", marker);
		richloc.add_fixit_insert_before(fix);
		ic_message_start(&m, IC_MSG_MARK_SOURCE);
		ic_message_decl(&m, r->from);
		ic_message_text(&m, from->is_function ? "called" : "used");
		ic_message_text(&m, marker);
		ic_emit_note(&m, &richloc);
		return;
	}
	if (TREE_CODE(r->from) != FUNCTION_DECL || TREE_PUBLIC(r->from)
	    || from->cls != IC_NORMAL)
		return;
	len = find_chain(r->from, chain);
	if (len) {
		gcc_rich_location richloc(DECL_SOURCE_LOCATION(chain[0]));
		pretty_printer pp;

		for (i = 0; i < len; i++)
			pp_printf(&pp, "%s%qs", i ? " -> " : "",
				  name_of(chain[i]));
		ic_message_start(&m, IC_MSG_RUNS_AFTER_INIT);
		ic_message_decl(&m, r->from);
		ic_message_text(&m, pp_formatted_text(&pp));
		ic_emit_note(&m, &richloc);
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

/* The message of finding F; WHAT (LEN bytes) holds the words for its
   target. */
static void finding_message(struct ic_message *m, const struct finding *f,
			    char *what, size_t len)
{
	const struct ic_ref *r = f->ref;
	const char *verb = r->kind == IC_REF_CALL ? "calls" : "references";

	describe(&f->v.to, what, len);
	if (!f->from_decl) {
		/* A top-level asm statement: no symbol, only a section. */
		ic_message_start(m, IC_MSG_TOPLEVEL_ASM);
		ic_message_text(m, f->v.from.section);
	} else if (f->site) {
		ic_message_start(m, IC_MSG_INLINED);
		ic_message_decl(m, f->from_decl);
		ic_message_text(m, f->v.from.section);
		ic_message_decl(m, f->site->to);
		ic_message_text(m, verb);
	} else if (ic_is_compound_literal(f->from_decl)) {
		/* Its name is the assembler's, not the user's. */
		ic_message_start(m, IC_MSG_COMPOUND_LITERAL);
		ic_message_text(m, f->v.from.section);
		ic_message_text(m, verb);
	} else {
		ic_message_start(m, IC_MSG_REFERENCE);
		ic_message_decl(m, f->from_decl);
		ic_message_text(m, f->v.from.section);
		ic_message_text(m, verb);
	}
	ic_message_text(m, what);
	ic_message_decl(m, r->to);
	ic_message_text(m, f->v.to.section);
}

/* The note at the target: where it is declared in its section. */
static void note_target(const struct ic_ref *r, const struct ic_place *to)
{
	tree target = ic_alias_ultimate(r->to);
	gcc_rich_location richloc(DECL_SOURCE_LOCATION(target));
	struct ic_message m;

	if (target != r->to) {
		ic_message_start(&m, IC_MSG_ALIAS_DECLARED);
		ic_message_decl(&m, r->to);
		ic_message_decl(&m, target);
	} else {
		ic_message_start(&m, IC_MSG_DECLARED);
		ic_message_decl(&m, r->to);
	}
	ic_message_text(&m, to->marker ? to->marker : to->section);
	ic_emit_note(&m, &richloc);
}

static void report(const struct finding *f)
{
	const struct ic_ref *r = f->ref;
	const struct ic_place *from = &f->v.from;
	auto_diagnostic_group d;
	gcc_rich_location richloc(f->loc);
	struct ic_message m;
	char what[64], fix[32];
	const char *marker = NULL;

	if (f->from_decl && !f->site
	    && (from->cls == IC_NORMAL || from->cls == IC_RODATA))
		marker = init_marker_for(f->from_decl);
	if (marker)
		snprintf(fix, sizeof(fix), "%s ", marker);
	finding_message(&m, f, what, sizeof(what));
	if (!ic_emit_finding(&m, f->v.rule, f->v.severity, &richloc,
			     marker ? DECL_SOURCE_LOCATION(f->from_decl)
			     : UNKNOWN_LOCATION, marker ? fix : NULL))
		return;
	if (f->site) {
		gcc_rich_location here(ic_ref_loc(r));

		ic_message_start(&m, IC_MSG_INLINED_HERE);
		ic_message_decl(&m, r->from);
		ic_message_text(&m, r->kind == IC_REF_CALL ? "calls"
				: "references");
		ic_message_decl(&m, r->to);
		ic_message_decl(&m, f->from_decl);
		ic_emit_note(&m, &here);
	}
	note_target(r, &f->v.to);
	if (f->from_decl && !f->site)
		note_source(r, from, marker);
	if (f->from_decl && ic_is_compound_literal(f->from_decl)
	    && only_init_uses(f->from_decl, false)) {
		/* No marker can be put on a literal: it takes the default
		   section whatever its user's is. */
		gcc_rich_location lit(DECL_SOURCE_LOCATION(f->from_decl));

		ic_message_start(&m, IC_MSG_LITERAL_INIT_ONLY);
		ic_message_text(&m, from->section);
		ic_message_text(&m, from->cls == IC_RODATA ? "__initconst"
				: "__initdata");
		ic_emit_note(&m, &lit);
	}
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
		add_finding(in->ref, c, c->from, ic_ref_loc(c), &v);
}

void ic_diagnose_all(void)
{
	unsigned i, k, n, forbidden = 0;
	const struct ic_ref *chunk;
	const struct ic_rule *rule;
	bool asked = false, by_default;

	/* The target classes some rule forbids (init, meminit, exit): a rule
	   applies only where its TO has the target's class, so a reference to
	   anything else (code and data that live on: most references) breaks
	   none, whatever its source.  Asked first, from the target's class
	   alone: liveness and ic_judge (the source's class, ic_rule_for) cost
	   some 300 instructions a reference more.  ic_judge is still asked at
	   the first reference that can run, as before: the kernel profile
	   says there which kernel it judges by (rules.c, select_kernel). */
	for (i = 0; (rule = ic_rule_at(i)); i++)
		forbidden |= rule->to;
	/* A target in GCC's default section (ic_default_section: most of
	   them) is normal or read-only, told without classifying it, unless
	   the unit is init-only or a rule forbids those. */
	by_default = !ic_init_only_unit()
		     && !(forbidden & (IC_BIT(IC_NORMAL) | IC_BIT(IC_RODATA)));

	/* Judge every reference, a chunk at a time; sort only the findings
	   (few) into source order, since expanding locations for all of them
	   is not cheap. */
	for (k = 0; (chunk = ic_refs_chunk(k, &n)); k++)
		for (i = 0; i < n; i++) {
			const struct ic_ref *r = &chunk[i];
			struct ic_verdict v;
			struct ic_place to;

			if (asked && by_default && ic_default_section(r->to))
				continue;
			ic_classify(r->to, &to);
			if (asked && !(forbidden & IC_BIT(to.cls)))
				continue;
			/* A static function nothing refers to never runs. */
			if (r->from && !ic_can_run(r->from))
				continue;
			asked = true;
			if (!ic_judge(r, r->from, NULL, &to, 0, &v))
				continue;
			if (ic_is_transparent(r->from)) {
				struct inlined_ref in = { r, &v.to };

				ic_for_each_real_call(r->from, judge_at_call,
						      &in);
				continue;
			}
			add_finding(r, NULL, r->from, ic_ref_loc(r), &v);
		}
	qsort(found, nfound, sizeof(*found), cmp_findings);
	for (i = 0; i < nfound; i++)
		if (!i || !same_finding(&found[i], &found[i - 1]))
			report(&found[i]);
	XDELETEVEC(found);
	found = NULL;
	nfound = 0;
}

/* A section added by a later declaration (redecl.c), emitted as soon as it
   is seen, as GCC emits its own warnings on declarations. */
void ic_diagnose_redecl(const struct ic_redecl *rd)
{
	const struct ic_rule *rule = ic_rule_named("section-redecl");
	enum ic_severity sev = ic_rule_severity(rule);
	const struct ic_place *p = &rd->place;
	/* The one edit that makes them agree: the marker on the earlier
	   declaration too, before its name. */
	bool fixable = p->marker && p->is_function;
	auto_diagnostic_group d;
	gcc_rich_location richloc(rd->later), first(rd->first);
	struct ic_message m;
	char fix[64];

	if (sev == IC_IGNORE)
		return;
	if (fixable)
		snprintf(fix, sizeof(fix), "%s ", p->marker);
	ic_message_start(&m, IC_MSG_REDECL);
	ic_message_decl(&m, rd->decl);
	ic_message_text(&m, p->section);
	if (!ic_emit_finding(&m, rule, sev, &richloc,
			     fixable ? rd->first : UNKNOWN_LOCATION,
			     fixable ? fix : NULL))
		return;
	if (fixable)
		first.add_fixit_insert_before(rd->first, fix);
	ic_message_start(&m, IC_MSG_EARLIER_DECL);
	ic_message_decl(&m, rd->decl);
	ic_emit_note(&m, &first);
}

/*
 * The fix-it: the marker before the name, as in `static int __init f(void)'
 * and `static char __initdata buf[64]'; after the name for a pointer
 * (`static char *p __initdata'), where an attribute before the name would
 * belong to the pointer type.  None for an array of pointers: it would
 * have to follow the declarator's brackets, which the tree does not place.
 */
static bool add_marker_fixit(rich_location *richloc, tree decl, const char *marker)
{
	location_t loc = DECL_SOURCE_LOCATION(decl);
	tree type = TREE_TYPE(decl);
	char fix[32];

	if (TREE_CODE(decl) == FUNCTION_DECL || !POINTER_TYPE_P(type)) {
		if (TREE_CODE(decl) != FUNCTION_DECL
		    && POINTER_TYPE_P(strip_array_types(type)))
			return false;
		snprintf(fix, sizeof(fix), "%s ", marker);
		richloc->add_fixit_insert_before(loc, fix);
		return true;
	}
	snprintf(fix, sizeof(fix), " %s", marker);
	richloc->add_fixit_insert_after(
		linemap_position_for_loc_and_offset(line_table, loc,
			IDENTIFIER_LENGTH(DECL_NAME(decl)) - 1), fix);
	return true;
}

/* PLUGIN_FINISH: one note per suggestion (suggest.c), after the findings;
   none for a source a finding's note already asks to mark. */
void ic_diagnose_suggestions(void)
{
	const struct ic_suggestion *s;
	unsigned i, n;

	ic_suggestions(&s, &n, NULL, NULL);
	for (i = 0; i < n; i++) {
		tree decl = s[i].decl;
		bool fn = TREE_CODE(decl) == FUNCTION_DECL;
		gcc_rich_location richloc(DECL_SOURCE_LOCATION(decl));
		struct ic_message m;
		char bytes[24];

		if (marked && marked->contains(decl))
			continue;
		add_marker_fixit(&richloc, decl, s[i].marker);
		snprintf(bytes, sizeof(bytes), "%ld", s[i].bytes);
		if (s[i].nneeds) {
			ic_message_start(&m, fn ? IC_MSG_SUGGEST_FUNCTION_WITH
					 : IC_MSG_SUGGEST_VARIABLE_WITH);
			ic_message_decl(&m, decl);
			ic_message_decl(&m, s[i].needs[0]);
			ic_message_text(&m, s[i].marker);
			ic_message_decl(&m, s[i].needs[0]);
		} else {
			ic_message_start(&m, !strcmp(s[i].marker, "__exit")
					 ? IC_MSG_SUGGEST_EXIT
					 : fn ? IC_MSG_SUGGEST_FUNCTION
					 : IC_MSG_SUGGEST_VARIABLE);
			ic_message_decl(&m, decl);
			ic_message_text(&m, s[i].marker);
		}
		if (!fn)
			ic_message_text(&m, bytes);
		ic_emit_note(&m, &richloc);
	}
}

void ic_diagnose_release(void)
{
	delete marked;
	marked = NULL;
}
