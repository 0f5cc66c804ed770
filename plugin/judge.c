/*
 * judge.c - the one decision on a reference: which rule it breaks, at what
 * severity, and whether the profile exempts it.  diagnose.c asks it of
 * every reference of the unit; manifest.c asks it of the references to
 * other units' symbols, for each class the symbol may turn out to have
 * there (the report's half of the check).
 *
 * A reference made in an always-inline function is judged at each call
 * that brings it into a function of its own (ic_for_each_real_call), with
 * that function as its source: SITE is then the call, which a profile may
 * exempt too (a call under a boot-only condition, profile xen).
 */
#include "initcheck.h"

/*
 * A latent helper: a static function declared inline (not always_inline:
 * that one is judged at its callers) that only init code uses, in this
 * unit.  At -O2 GCC inlines it there and no object refers to anything
 * from .text; built with -O0, -fno-inline, KCOV or GCOV, or by another
 * compiler, it is emitted out of line in .text.  What it refers to that
 * another unit turns out to define __init is then a mismatch no build of
 * this configuration shows: the report judges it under init-from-inline.
 * A caller counts as init code when it is init code, __ref code (which
 * vouches for what it refers to while init lives: Linux's
 * sparse_index_alloc() calls memblock_alloc_node() so), or a latent
 * helper itself (helpers calling helpers, as headers have them).
 */
static hash_map<tree, bool> *latent_cache;

static bool is_latent_helper(tree fn, int depth);

struct init_callers {
	int depth;		/* of the helper asked about */
	unsigned uses;		/* calls from init code */
	bool other;		/* a call from anything else */
};

static void count_init_call(const struct ic_ref *c, void *data)
{
	struct init_callers *k = (struct init_callers *)data;
	struct ic_place p;

	if (k->other)
		return;
	ic_classify(c->from, &p);
	/* __ref code vouches for its references while init lives: the
	   helper inlined there is as safe as in __init code. */
	if (p.cls != IC_INIT && p.cls != IC_REF
	    && !is_latent_helper(c->from, k->depth + 1))
		k->other = true;
	else
		k->uses++;
}

/* Whether only init code (or latent helpers) calls FN, and something does;
   through always-inline callers, to the functions they are part of.  A
   helper nothing calls brings no copy: not a caller.  An address is a copy
   out of line: every use must be a call. */
static bool used_by_init_only(tree fn, int depth)
{
	struct init_callers k = { depth, 0, false };

	if (ic_address_taken(fn))
		return false;
	ic_for_each_real_call(fn, count_init_call, &k);
	return !k.other && k.uses > 0;
}

static bool is_latent_helper(tree fn, int depth)
{
	bool existed, *known, latent;
	struct ic_place p;

	if (!fn || TREE_CODE(fn) != FUNCTION_DECL || TREE_PUBLIC(fn)
	    || !DECL_DECLARED_INLINE_P(fn)
	    || lookup_attribute("always_inline", DECL_ATTRIBUTES(fn)))
		return false;
	if (depth > 8)
		return false;
	if (!latent_cache)
		latent_cache = new hash_map<tree, bool>;
	known = &latent_cache->get_or_insert(fn, &existed);
	if (existed)
		return *known;
	*known = false;		/* a cycle of helpers is not latent */
	ic_classify(fn, &p);
	latent = p.cls == IC_NORMAL && used_by_init_only(fn, depth);
	*latent_cache->get(fn) = latent;
	return latent;
}

/*
 * Reference R, as made from FROM (R's own source, or the function an
 * always-inline one is inlined into, through the call SITE; NULL_TREE for
 * top-level asm): the verdict in *V, and whether it is a finding (a rule
 * applies, in force, and no exemption covers it).  TO is the target's
 * place, or NULL for its own; with IC_JUDGE_ELSEWHERE it is a class the
 * target may have in another unit, where what a latent helper refers to
 * breaks init-from-inline (an init or meminit target).
 */
bool ic_judge(const struct ic_ref *r, tree from, const struct ic_ref *site,
	      const struct ic_place *to, unsigned flags,
	      struct ic_verdict *v)
{
	if (from)
		ic_classify(from, &v->from);
	else
		ic_classify_section(r->asm_section, false, &v->from);
	if (to)
		v->to = *to;
	else
		ic_classify(r->to, &v->to);
	v->exemption = NULL;
	v->severity = IC_IGNORE;
	v->rule = ic_rule_for(&v->from, &v->to);
	if (!v->rule)
		return false;
	/* meminit too: freed as init is when memory hotplug is off, and kept
	   with init callers inlined into it otherwise. */
	if ((flags & IC_JUDGE_ELSEWHERE) && v->to.cls != IC_EXIT
	    && is_latent_helper(from, 0))
		v->rule = ic_rule_named(IC_RULE_INIT_FROM_INLINE);
	v->severity = ic_rule_severity(v->rule);
	if (v->severity == IC_IGNORE)
		return false;
	v->exemption = ic_exempt(r, from, &v->from, r->to, &v->to);
	if (!v->exemption && site)
		v->exemption = ic_exempt(site, from, &v->from, r->to, &v->to);
	return !v->exemption;
}

void ic_judge_release(void)
{
	delete latent_cache;
	latent_cache = NULL;
}
