/*
 * symbols.c - the file-scope functions and variables of the unit, by name:
 * what a name in the text of a top-level asm statement (toplevel-asm.c)
 * and the target of an alias attribute (classify.c) refer to.
 *
 * Filled from the declaration callbacks, through toplevel-asm.c.  The
 * hash index is made only when a unit has top-level asm to read (most
 * have none), and brought up to date at each lookup.
 */
#include "initcheck.h"

/* In the order seen; a root of the collector, which keeps them alive:
   where each was put in ic_live_decls (ic_keep_decl) as well, that cost
   a bit test and, for most, a push more per declaration (70,000 on
   bench/gen-tu.c's unit). */
static GTY(()) vec<tree, va_gc> *noted;

const struct ggc_root_tab ic_symbols_ggc_roots[] = {
	{ &noted, 1, sizeof(noted),
	  &gt_ggc_mx_vec_tree_va_gc_, &gt_pch_nx_vec_tree_va_gc_ },
	LAST_GGC_ROOT_TAB
};
static unsigned noted_upto;		/* indexed up to here */

/* Identifier -> the latest decl noted under it: open addressing on the
   identifier's own hash (IDENTIFIER_HASH_VALUE), a power of two of slots.
   A hash_map of trees cost some 150 instructions a name (its pointer
   hash, its prime-sized table and its growth): kernel/sched/core.c's 240
   asm statements made it index some 11,000 names. */
struct name_slot {
	tree id, decl;
};
static struct name_slot *by_name;
static unsigned by_name_size, by_name_used;

static struct name_slot *name_slot(tree id)
{
	unsigned mask = by_name_size - 1, i = IDENTIFIER_HASH_VALUE(id) & mask;

	while (by_name[i].id && by_name[i].id != id)
		i = (i + 1) & mask;
	return &by_name[i];
}

/* Room for N names at most half the slots full, in one step: the first
   lookup indexes every name noted so far (some 11,000 in a kernel unit),
   and growing by doubling from the smallest table rehashed them five
   times. */
static void reserve_names(unsigned n)
{
	struct name_slot *old = by_name;
	unsigned i, old_size = by_name_size, size = old_size ? old_size : 1024;

	while (2 * n > size)
		size *= 2;
	if (size == old_size)
		return;
	by_name_size = size;
	by_name = XCNEWVEC(struct name_slot, size);
	for (i = 0; i < old_size; i++)
		if (old[i].id)
			*name_slot(old[i].id) = old[i];
	XDELETEVEC(old);
}

/* Name ID is DECL from now on: the later declaration wins. */
static void name_put(tree id, tree decl)
{
	struct name_slot *slot;

	if (2 * (by_name_used + 1) > by_name_size)
		reserve_names(by_name_used + 1);
	slot = name_slot(id);
	if (!slot->id) {
		slot->id = id;
		by_name_used++;
	}
	slot->decl = decl;
}

/* Whether DECL is declared outside any function: !decl_function_context,
   answered without the call where the context says it at once (a
   function's locals, whose context is the function, are most of the
   declarations of a body; file-scope ones have none, or the unit). */
static bool at_file_scope(tree decl)
{
	tree ctx = DECL_CONTEXT(decl);

	if (TREE_CODE(decl) != FUNCTION_DECL || !DECL_VIRTUAL_P(decl)) {
		if (!ctx)
			return true;
		if (TREE_CODE(ctx) == FUNCTION_DECL)
			return false;
		if (TREE_CODE(ctx) == TRANSLATION_UNIT_DECL
		    && !DECL_CONTEXT(ctx))
			return true;
	}
	return !decl_function_context(decl);
}

/* Note DECL if it is a named file-scope (or external) function or
   variable, kept alive from then on; whether it was. */
bool ic_symbols_note(tree decl)
{
	if (!DECL_NAME(decl) || !(TREE_PUBLIC(decl) || DECL_EXTERNAL(decl)
				  || at_file_scope(decl)))
		return false;
	vec_safe_push(noted, decl);
	return true;
}

/* The decl noted last under identifier ID, or NULL_TREE; through the
   index. */
tree ic_symbol_by_id(tree id)
{
	/* At most this many names more (a name declared twice is one). */
	if (noted_upto < vec_safe_length(noted))
		reserve_names(by_name_used + vec_safe_length(noted) - noted_upto);
	for (; noted_upto < vec_safe_length(noted); noted_upto++)
		name_put(DECL_NAME((*noted)[noted_upto]), (*noted)[noted_upto]);
	return by_name_size ? name_slot(id)->decl : NULL_TREE;
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
	for (i = vec_safe_length(noted); i-- > 0;)
		if (DECL_NAME((*noted)[i]) == id)
			return (*noted)[i];
	return NULL_TREE;
}

void ic_symbols_release(void)
{
	XDELETEVEC(by_name);
	by_name = NULL;
	by_name_size = by_name_used = 0;
	vec_free(noted);
	noted_upto = 0;
}
