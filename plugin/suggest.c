/*
 * suggest.c - -fplugin-arg-initcheck-suggest: functions and variables that
 * only init code uses, and that could therefore be __init, __initdata or
 * __initconst and be freed after boot.
 *
 * The mirror image of a mismatch: instead of runtime code reaching into
 * init, init code is the only thing that reaches something that lives on.
 * Judged from the same front-end references as the rules, so the answer is
 * the same at every -O and under -fsyntax-only.
 *
 * A candidate is defined in this unit's own source file (a header's static
 * function is shared with other units, which may call it after boot), has
 * internal linkage (an external one may be used by other units: the report
 * decides those over all manifests) and has no section of its own.  It is
 * suggested when every reference to it comes from an __init function, from
 * an init table (initcall, __setup: read only while booting) or from another
 * suggested candidate, and there is at least one.  Held back, since the
 * compiler cannot see every use:
 *   - any address taken outside an init table (it may be stored and called
 *     or read after boot: a callback registered from __init code);
 *   - any use from top-level asm, and `used' symbols (asm may refer to them);
 *   - alias, weak, always_inline and inline functions, thread-locals;
 *   - anything declared inside a macro expansion (the edit is the macro's).
 */
#include "initcheck.h"

struct candidate {
	tree decl;
	bool out;		/* held back, or reached from runtime code */
	unsigned uses;		/* references from code that can run */
};

static hash_set<tree> *defined;		/* function bodies seen */
static struct ic_suggestion *sugg;
static unsigned nsugg;
static bool computed;

/* PLUGIN_PRE_GENERICIZE: FNDECL has a body in this unit. */
void ic_suggest_seen_definition(tree fndecl)
{
	if (!defined)
		defined = new hash_set<tree>;
	defined->add(fndecl);
}

static bool in_main_file(tree decl)
{
	location_t loc = DECL_SOURCE_LOCATION(decl);
	const char *file = LOCATION_FILE(loc);

	return file && main_input_filename
	       && !filename_cmp(file, main_input_filename)
	       && !from_macro_expansion_at(loc);
}

static bool is_candidate(tree decl)
{
	struct ic_place p;

	if (!DECL_NAME(decl) || DECL_ARTIFICIAL(decl) || TREE_PUBLIC(decl)
	    || DECL_EXTERNAL(decl) || DECL_PRESERVE_P(decl) || DECL_WEAK(decl)
	    || lookup_attribute("alias", DECL_ATTRIBUTES(decl))
	    || !in_main_file(decl))
		return false;
	if (TREE_CODE(decl) == FUNCTION_DECL) {
		if (!defined || !defined->contains(decl)
		    || DECL_DECLARED_INLINE_P(decl)
		    || lookup_attribute("always_inline",
					DECL_ATTRIBUTES(decl)))
			return false;
	} else if (!VAR_P(decl) || !TREE_STATIC(decl)
		   || DECL_THREAD_LOCAL_P(decl)
		   || TREE_THIS_VOLATILE(decl)
		   || !DECL_SIZE_UNIT(decl)
		   || !tree_fits_uhwi_p(DECL_SIZE_UNIT(decl))) {
		return false;
	}
	ic_classify(decl, &p);
	return p.section_is_default
	       && (p.cls == IC_NORMAL || p.cls == IC_RODATA);
}

/* Whether reference R keeps its target alive after boot by itself,
   whatever else is suggested.  FROM_CLS is the class of its source. */
static bool runtime_use(const struct ic_ref *r, enum ic_class from_cls)
{
	if (!r->from)
		return true;		/* top-level asm */
	if (from_cls == IC_INIT_TABLE)
		return TREE_CODE(r->to) != FUNCTION_DECL;
	if (r->kind == IC_REF_ADDRESS)
		return true;
	return TREE_CODE(r->from) != FUNCTION_DECL || from_cls != IC_INIT;
}

static int cmp_suggestions(const void *pa, const void *pb)
{
	const struct ic_suggestion *a = (const struct ic_suggestion *)pa;
	const struct ic_suggestion *b = (const struct ic_suggestion *)pb;
	expanded_location xa = expand_location(DECL_SOURCE_LOCATION(a->decl));
	expanded_location xb = expand_location(DECL_SOURCE_LOCATION(b->decl));

	if (xa.line != xb.line)
		return xa.line < xb.line ? -1 : 1;
	return xa.column < xb.column ? -1 : xa.column > xb.column;
}

static const char *marker_for(tree decl)
{
	if (TREE_CODE(decl) == FUNCTION_DECL)
		return "__init";
	return TYPE_READONLY(strip_array_types(TREE_TYPE(decl)))
	       ? "__initconst" : "__initdata";
}

static void compute(void)
{
	hash_map<tree, unsigned> index;
	vec<struct candidate> cands = vNULL;
	unsigned i, n = ic_refs_count();
	bool changed = true;

	computed = true;
	for (i = 0; i < n; i++) {
		const struct ic_ref *r = ic_ref_at(i);
		struct candidate c = { r->to, false, 0 };

		if (!index.get(r->to) && is_candidate(r->to)) {
			index.put(r->to, cands.length());
			cands.safe_push(c);
		}
	}
	if (cands.is_empty())
		return;

	/* Direct verdicts: a use from code or data that lives on rules its
	   target out; a use from a candidate depends on that candidate. */
	for (i = 0; i < n; i++) {
		const struct ic_ref *r = ic_ref_at(i);
		unsigned *to = index.get(r->to), *from;
		struct ic_place fp;

		if (!to || (r->from && !ic_can_run(r->from)))
			continue;
		cands[*to].uses++;
		from = r->from ? index.get(r->from) : NULL;
		if (from && r->kind != IC_REF_ADDRESS
		    && TREE_CODE(r->from) == FUNCTION_DECL)
			continue;	/* decided below */
		if (r->from)
			ic_classify(r->from, &fp);
		if (runtime_use(r, r->from ? fp.cls : IC_NORMAL))
			cands[*to].out = true;
	}

	/* A candidate ruled out is runtime code or data: what it calls or
	   reads is reached after boot too.  Small sets, so a plain fixpoint. */
	while (changed) {
		changed = false;
		for (i = 0; i < n; i++) {
			const struct ic_ref *r = ic_ref_at(i);
			unsigned *to = index.get(r->to);
			unsigned *from = r->from ? index.get(r->from) : NULL;

			if (to && from && cands[*from].out && !cands[*to].out
			    && ic_can_run(r->from)) {
				cands[*to].out = true;
				changed = true;
			}
		}
	}

	for (i = 0; i < cands.length(); i++) {
		struct ic_suggestion *s;

		if (cands[i].out || !cands[i].uses)
			continue;
		sugg = XRESIZEVEC(struct ic_suggestion, sugg, nsugg + 1);
		s = &sugg[nsugg++];
		s->decl = cands[i].decl;
		s->marker = marker_for(s->decl);
		s->bytes = TREE_CODE(s->decl) == FUNCTION_DECL ? -1
			   : (long)tree_to_uhwi(DECL_SIZE_UNIT(s->decl));
	}
	qsort(sugg, nsugg, sizeof(*sugg), cmp_suggestions);
	cands.release();
}

/* The suggestions, in source order; computed once, when first asked for
   (by the manifest at the end of the unit, or by the notes). */
unsigned ic_suggestions(const struct ic_suggestion **out)
{
	if (!ic_opts.suggest) {
		*out = NULL;
		return 0;
	}
	if (!computed)
		compute();
	*out = sugg;
	return nsugg;
}

/*
 * The fix-it: the marker before the name, as in `static int __init f(void)'
 * and `static char __initdata buf[64]'; after the name for a pointer
 * (`static char *p __initdata'), where an attribute before the name would
 * belong to the pointer type.  None for an array of pointers: it would
 * have to follow the declarator's brackets, which the tree does not place.
 */
static bool add_fixit(rich_location *richloc, tree decl, const char *marker)
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

/* PLUGIN_FINISH: one note per suggestion, after the findings. */
void ic_suggest_notes(void)
{
	const struct ic_suggestion *s;
	unsigned i, n = ic_suggestions(&s);

	for (i = 0; i < n; i++) {
		tree decl = s[i].decl;
		gcc_rich_location richloc(DECL_SOURCE_LOCATION(decl));

		/* A finding's note already asks for the marker. */
		if (ic_diagnose_marked(decl))
			continue;
		add_fixit(&richloc, decl, s[i].marker);
		if (TREE_CODE(decl) == FUNCTION_DECL)
			inform(&richloc, "%qD is only reached from init code; "
			       "marking it %qs frees its code after boot "
			       "[%s:suggest]", decl, s[i].marker, IC_NAME);
		else
			inform(&richloc, "%qD is only used by init code; "
			       "marking it %qs frees its %ld bytes after boot "
			       "[%s:suggest]", decl, s[i].marker, s[i].bytes,
			       IC_NAME);
	}
}

void ic_suggest_release(void)
{
	delete defined;
	defined = NULL;
	XDELETEVEC(sugg);
	sugg = NULL;
	nsugg = 0;
	computed = false;
}
