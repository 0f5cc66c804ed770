/*
 * redecl.c - a symbol declared first without a section and later with an
 * init or exit one (clang's -Wsection, for the case GCC lets pass).
 *
 *	int setup(void);		<- a header: callers see normal code
 *	int __init setup(void) { }	<- the definition: freed after boot
 *
 * Inside this translation unit initcheck judges every reference by the
 * final section anyway; the warning is about the others, which see only
 * the header.  GCC itself warns when two explicit sections conflict.
 *
 * The kernel's include/linux/init.h allows __init on the definition alone,
 * so -fplugin-arg-initcheck-profile=kernel does not run this check.
 *
 * What it sees it hands up as data (struct ic_redecl); diagnose.c words
 * and emits the warning, at once (initcheck.c).
 */
#include "initcheck.h"

static hash_set<tree> *seen;
static hash_map<tree, location_t> *unmarked;	/* first seen without section */

static bool is_candidate(tree decl)
{
	if (TREE_CODE(decl) == FUNCTION_DECL)
		return !DECL_IS_UNDECLARED_BUILTIN(decl);
	return VAR_P(decl) && (TREE_STATIC(decl) || DECL_EXTERNAL(decl))
	       && !decl_function_context(decl);
}

/* Each declaration or definition of DECL, in source order: whether it
   puts DECL in an init or exit section that an earlier declaration did
   not name, and then where both are, in *OUT (diagnose.c words it). */
bool ic_redecl_seen(tree decl, struct ic_redecl *out)
{
	struct ic_place p;
	location_t *first;
	bool found = false;

	if (ic_opts.profile != IC_PROFILE_STRICT || !is_candidate(decl))
		return false;
	if (!seen) {
		seen = new hash_set<tree>;
		unmarked = new hash_map<tree, location_t>;
	}
	ic_classify(decl, &p);
	if (!seen->add(decl)) {
		if (p.section_is_default)
			unmarked->put(decl, DECL_SOURCE_LOCATION(decl));
		return false;
	}
	first = unmarked->get(decl);
	if (!first || p.section_is_default)
		return false;
	if (p.cls == IC_INIT || p.cls == IC_MEMINIT || p.cls == IC_EXIT) {
		out->decl = decl;
		out->first = *first;
		out->later = DECL_SOURCE_LOCATION(decl);
		if (out->later == *first)
			out->later = input_location;
		out->place = p;
		found = true;
	}
	unmarked->remove(decl);
	return found;
}

void ic_redecl_release(void)
{
	delete seen;
	delete unmarked;
	seen = NULL;
	unmarked = NULL;
}
