/*
 * symbols.c - the file-scope functions and variables of the unit, by name:
 * what a name in the text of a top-level asm statement (toplevel-asm.c)
 * and the target of an alias attribute (classify.c) refer to.
 *
 * Filled from the declaration callbacks, through toplevel-asm.c, which
 * keeps the decls alive across garbage collections (ic_keep_decl).  The
 * hash index is made only when a unit has top-level asm to read (most
 * have none), and brought up to date at each lookup.
 */
#include "initcheck.h"

static vec<tree> noted;			/* in the order seen */
static unsigned noted_upto;		/* indexed up to here */
static hash_map<tree, tree> *by_name;	/* identifier -> decl */

/* Note DECL if it is a named file-scope (or external) function or
   variable; whether it was. */
bool ic_symbols_note(tree decl)
{
	if (!DECL_NAME(decl) || !(TREE_PUBLIC(decl) || DECL_EXTERNAL(decl)
				  || !decl_function_context(decl)))
		return false;
	noted.safe_push(decl);
	return true;
}

/* The decl noted last under identifier ID, or NULL_TREE; through the
   index. */
tree ic_symbol_by_id(tree id)
{
	tree *decl;

	if (!by_name)
		by_name = new hash_map<tree, tree>;
	for (; noted_upto < noted.length(); noted_upto++)
		by_name->put(DECL_NAME(noted[noted_upto]), noted[noted_upto]);
	decl = by_name->get(id);
	return decl ? *decl : NULL_TREE;
}

/* The file-scope function or variable called NAME, or NULL_TREE (the
   target of an alias attribute: classify.c). */
tree ic_decl_named(const char *name)
{
	tree id = get_identifier(name);
	unsigned i;

	/* A unit has a few aliases at most: a pass over the names costs
	   less than indexing them (the latest declaration wins, as in the
	   index). */
	for (i = noted.length(); i-- > 0;)
		if (DECL_NAME(noted[i]) == id)
			return noted[i];
	return NULL_TREE;
}

void ic_symbols_release(void)
{
	delete by_name;
	by_name = NULL;
	noted.release();
	noted_upto = 0;
}
