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

/* Where a candidate is defined: here with internal linkage (noted now),
   here with external linkage, or in another unit (the report decides
   those two over all manifests, from what each unit says of them). */
enum cand_kind { CAND_STATIC, CAND_GLOBAL, CAND_EXTERN, CAND_NONE };

struct candidate {
	tree decl;
	enum cand_kind kind;
	bool out;		/* held back, or reached from runtime code */
	bool exit_only;		/* every use so far from .exitcall.exit */
	bool exit_use;		/* one use from there */
	unsigned uses;		/* references from code that can run */
};

static hash_set<tree> *defined;		/* function bodies seen */
static struct ic_suggestion *sugg;
static unsigned nsugg, nlocal;		/* all; the static ones first */
static vec<tree> init_only_ext, runtime_ext;
static bool computed;

static vec<tree> global_defs;		/* defined here, external linkage */

/* PLUGIN_PRE_GENERICIZE: DECL, a function, has a body in this unit;
   PLUGIN_FINISH_DECL: DECL, a variable, is defined here.  A global one
   may be used only by other units, so it is a candidate even when
   nothing here refers to it. */
void ic_suggest_seen_definition(tree decl)
{
	if (TREE_CODE(decl) == FUNCTION_DECL) {
		if (!defined)
			defined = new hash_set<tree>;
		defined->add(decl);
	}
	if (TREE_PUBLIC(decl))
		global_defs.safe_push(decl);
}

static bool in_main_file(tree decl)
{
	location_t loc = DECL_SOURCE_LOCATION(decl);
	const char *file = LOCATION_FILE(loc);

	return file && main_input_filename
	       && !filename_cmp(file, main_input_filename)
	       && !from_macro_expansion_at(loc);
}

static enum cand_kind candidate_kind(tree decl)
{
	struct ic_place p;
	bool here;

	if (!DECL_NAME(decl) || DECL_ARTIFICIAL(decl) || DECL_PRESERVE_P(decl)
	    || DECL_WEAK(decl)
	    || lookup_attribute("alias", DECL_ATTRIBUTES(decl)))
		return CAND_NONE;
	if (TREE_CODE(decl) == FUNCTION_DECL) {
		if (fndecl_built_in_p(decl) || DECL_DECLARED_INLINE_P(decl)
		    || lookup_attribute("always_inline",
					DECL_ATTRIBUTES(decl)))
			return CAND_NONE;
		here = defined && defined->contains(decl);
	} else if (VAR_P(decl) && (TREE_STATIC(decl) || DECL_EXTERNAL(decl))
		   && !DECL_THREAD_LOCAL_P(decl)
		   && !TREE_THIS_VOLATILE(decl) && DECL_SIZE_UNIT(decl)
		   && tree_fits_uhwi_p(DECL_SIZE_UNIT(decl))) {
		here = !DECL_EXTERNAL(decl);
	} else {
		return CAND_NONE;
	}
	ic_classify(decl, &p);
	if (!p.section_is_default || (p.cls != IC_NORMAL && p.cls != IC_RODATA))
		return CAND_NONE;
	if (!here)
		return TREE_PUBLIC(decl) ? CAND_EXTERN : CAND_NONE;
	if (!in_main_file(decl))
		return CAND_NONE;
	return TREE_PUBLIC(decl) ? CAND_GLOBAL : CAND_STATIC;
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

/*
 * What each suggestion needs marked with it: the suggested functions that
 * reach it.  A helper only an init function and another suggested helper
 * call is __init only if that other helper is too; whoever applies a part
 * of the suggestions must take these along (the note names the first,
 * the manifest all of them).
 */
static void find_needs(void)
{
	hash_map<tree, unsigned> at;	/* suggested decl -> index in SUGG */
	unsigned i, n = ic_refs_count();

	for (i = 0; i < nsugg; i++)
		at.put(sugg[i].decl, i);
	for (i = 0; i < n; i++) {
		const struct ic_ref *r = ic_ref_at(i);
		unsigned *to = at.get(r->to), k;
		struct ic_suggestion *s;

		if (!to || !r->from || !at.get(r->from) || r->from == r->to)
			continue;
		s = &sugg[*to];
		for (k = 0; k < s->nneeds && s->needs[k] != r->from; k++)
			;
		if (k < s->nneeds)
			continue;
		s->needs = XRESIZEVEC(tree, s->needs, s->nneeds + 1);
		s->needs[s->nneeds++] = r->from;
	}
}

static const char *marker_for(tree decl)
{
	if (TREE_CODE(decl) == FUNCTION_DECL)
		return "__init";
	return TYPE_READONLY(strip_array_types(TREE_TYPE(decl)))
	       ? "__initconst" : "__initdata";
}

/* The candidates of the unit, and where each is in the list. */
struct candidates {
	hash_map<tree, unsigned> index;
	vec<struct candidate> list;
};

static void add_candidate(struct candidates *c, tree decl, bool global_only)
{
	struct candidate k = { decl, CAND_NONE, false, true, false, 0 };

	if (c->index.get(decl))
		return;
	k.kind = candidate_kind(decl);
	if (global_only ? k.kind != CAND_GLOBAL : k.kind == CAND_NONE)
		return;
	c->index.put(decl, c->list.length());
	c->list.safe_push(k);
}

/* Every function and variable a reference names, and every global one
   defined here (other units may be its only users). */
static void find_candidates(struct candidates *c)
{
	unsigned i, n = ic_refs_count();

	for (i = 0; i < n; i++)
		add_candidate(c, ic_ref_at(i)->to, false);
	for (i = 0; i < global_defs.length(); i++)
		add_candidate(c, global_defs[i], true);
}

/* Direct verdicts: a use from code or data that lives on rules its target
   out; a use from a candidate depends on that candidate. */
static void decide_direct_uses(struct candidates *c)
{
	unsigned i, n = ic_refs_count();

	for (i = 0; i < n; i++) {
		const struct ic_ref *r = ic_ref_at(i);
		unsigned *to = c->index.get(r->to), *from;
		struct candidate *t;
		struct ic_place fp;

		if (!to || (r->from && !ic_can_run(r->from)))
			continue;
		t = &c->list[*to];
		t->uses++;
		/* From a static candidate: decided below, with it.  From a
		   global one: as from runtime code, since other units may
		   call it after boot; a second run, once it is marked, may
		   suggest what it alone uses. */
		from = r->from ? c->index.get(r->from) : NULL;
		if (from && c->list[*from].kind == CAND_STATIC
		    && r->kind != IC_REF_ADDRESS
		    && TREE_CODE(r->from) == FUNCTION_DECL) {
			t->exit_only = false;
			continue;
		}
		if (r->from)
			ic_classify(r->from, &fp);
		if (runtime_use(r, r->from ? fp.cls : IC_NORMAL))
			t->out = true;
		/* module_exit()'s table: what only it names is exit code,
		   discarded when built in (__exit), not init code. */
		if (!r->from || fp.cls != IC_INIT_TABLE
		    || strcmp(fp.section, ".exitcall.exit"))
			t->exit_only = false;
		else
			t->exit_use = true;
	}
	/* Named by the exit table and used by init code too: neither
	   marker fits (a module's exit function runs long after init). */
	for (i = 0; i < c->list.length(); i++)
		if (c->list[i].exit_use && !c->list[i].exit_only)
			c->list[i].out = true;
}

/* A candidate ruled out is runtime code or data: what it calls or reads
   is reached after boot too.  Small sets, so a plain fixpoint. */
static void spread_runtime_uses(struct candidates *c)
{
	unsigned i, n = ic_refs_count();
	bool changed = true;

	while (changed) {
		changed = false;
		for (i = 0; i < n; i++) {
			const struct ic_ref *r = ic_ref_at(i);
			unsigned *to = c->index.get(r->to);
			unsigned *from = r->from ? c->index.get(r->from) : NULL;

			if (to && from && c->list[*from].out
			    && !c->list[*to].out && ic_can_run(r->from)) {
				c->list[*to].out = true;
				changed = true;
			}
		}
	}
}

static void add_suggestion(const struct candidate *k)
{
	struct ic_suggestion *s;

	sugg = XRESIZEVEC(struct ic_suggestion, sugg, nsugg + 1);
	s = &sugg[nsugg++];
	s->decl = k->decl;
	s->marker = k->exit_only && k->exit_use
		    && TREE_CODE(s->decl) == FUNCTION_DECL
		    ? "__exit" : marker_for(s->decl);
	s->uses = k->uses;
	s->needs = NULL;
	s->nneeds = 0;
	s->bytes = TREE_CODE(s->decl) == FUNCTION_DECL ? -1
		   : (long)tree_to_uhwi(DECL_SIZE_UNIT(s->decl));
}

/* Static ones with a use are suggested, first; a global one is, by the
   report, when no unit uses it after boot.  Other units' symbols go to
   the lists of those this unit uses only from init code, or after boot. */
static void make_suggestions(const struct candidates *c)
{
	unsigned i;

	for (int pass = 0; pass < 2; pass++) {
		for (i = 0; i < c->list.length(); i++) {
			const struct candidate *k = &c->list[i];

			if (k->kind == CAND_EXTERN) {
				if (pass == 0 && k->uses)
					(k->out ? runtime_ext : init_only_ext)
						.safe_push(k->decl);
				continue;
			}
			if (k->out || (k->kind == CAND_STATIC && !k->uses)
			    || (k->kind == CAND_STATIC) != (pass == 0))
				continue;
			add_suggestion(k);
		}
		if (pass == 0)
			nlocal = nsugg;
	}
}

static void compute(void)
{
	struct candidates c;

	computed = true;
	c.list = vNULL;
	find_candidates(&c);
	if (c.list.is_empty())
		return;
	decide_direct_uses(&c);
	spread_runtime_uses(&c);
	make_suggestions(&c);
	find_needs();
	qsort(sugg, nlocal, sizeof(*sugg), cmp_suggestions);
	qsort(sugg + nlocal, nsugg - nlocal, sizeof(*sugg), cmp_suggestions);
	c.list.release();
}

/* PLUGIN_ALL_IPA_PASSES_START: decide now, before the IPA passes change
   what decls say of themselves (at -O2 a thread-local variable nothing
   writes may stop being one), so that every -O gives the same answer.
   Under -fsyntax-only the event does not fire: decided at the end. */
void ic_suggest_decide(void)
{
	if (ic_opts.suggest && !computed)
		compute();
}

/* The suggestions, in source order, computed once when first asked for
   (by the manifest at the end of the unit, or by the notes): the static
   ones (*NLOCAL of them) first, then the global ones the report judges.
   EXT_INIT and EXT_RUNTIME get the other units' symbols this one uses
   only from init code, and after boot. */
unsigned ic_suggestions(const struct ic_suggestion **out, unsigned *nstatic,
			const vec<tree> **ext_init,
			const vec<tree> **ext_runtime)
{
	*out = NULL;
	*nstatic = 0;
	if (!ic_opts.suggest)
		return 0;
	if (!computed)
		compute();
	*out = sugg;
	*nstatic = nlocal;
	if (ext_init)
		*ext_init = &init_only_ext;
	if (ext_runtime)
		*ext_runtime = &runtime_ext;
	return nsugg;
}

static json::object *suggestion_json(const struct ic_suggestion *s)
{
	json::object *o = new json::object;
	expanded_location x = expand_location(DECL_SOURCE_LOCATION(s->decl));

	o->set("name", ic_json_str(
		IDENTIFIER_POINTER(DECL_ASSEMBLER_NAME(s->decl))));
	o->set("kind", ic_json_str(TREE_CODE(s->decl) == FUNCTION_DECL
					? "function" : "variable"));
	o->set("marker", ic_json_str(s->marker));
	o->set("file", ic_json_str(x.file ? x.file : ""));
	o->set("line", new json::integer_number(x.line));
	o->set("column", new json::integer_number(x.column));
	o->set("uses", new json::integer_number(s->uses));
	if (s->nneeds) {
		json::array *a = new json::array;

		for (unsigned k = 0; k < s->nneeds; k++)
			a->append(ic_json_str(IDENTIFIER_POINTER(
				DECL_ASSEMBLER_NAME(s->needs[k]))));
		o->set("needs", a);
	}
	/* A function's size is the object's (st_size); the report reads it. */
	if (s->bytes >= 0)
		o->set("bytes", new json::integer_number(s->bytes));
	else
		o->set("bytes", new json::literal(json::JSON_NULL));
	return o;
}

static json::array *names_json(const vec<tree> *decls)
{
	json::array *a = new json::array;
	unsigned i;

	for (i = 0; i < decls->length(); i++)
		a->append(ic_json_str(
			IDENTIFIER_POINTER(DECL_ASSEMBLER_NAME((*decls)[i]))));
	return a;
}

/* The manifest's "suggest" member (docs/manifest.md): this unit's static
   suggestions, its global candidates, and which other units' symbols it
   uses only from init code or after boot, for the report to decide. */
void ic_suggest_json(json::object *m)
{
	const struct ic_suggestion *s;
	const vec<tree> *ext_init, *ext_runtime;
	json::object *o;
	json::array *local, *global;
	unsigned i, nstatic, n;

	if (!ic_opts.suggest)
		return;
	n = ic_suggestions(&s, &nstatic, &ext_init, &ext_runtime);
	o = new json::object;
	local = new json::array;
	global = new json::array;
	for (i = 0; i < n; i++)
		(i < nstatic ? local : global)->append(suggestion_json(&s[i]));
	o->set("static", local);
	o->set("global", global);
	o->set("init_only", names_json(ext_init));
	o->set("runtime", names_json(ext_runtime));
	m->set("suggest", o);
}

void ic_suggest_release(void)
{
	delete defined;
	defined = NULL;
	global_defs.release();
	for (unsigned i = 0; i < nsugg; i++)
		XDELETEVEC(sugg[i].needs);
	XDELETEVEC(sugg);
	sugg = NULL;
	nsugg = nlocal = 0;
	init_only_ext.release();
	runtime_ext.release();
	computed = false;
}
