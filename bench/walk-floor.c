/*
 * walk-floor.c - a plugin that only visits: every node of every function
 * body (PLUGIN_PRE_GENERICIZE) and of every static variable's initializer
 * (PLUGIN_FINISH_DECL) where a reference to a function or variable could
 * be, and counts the decls it meets.  No location, no state, nothing
 * recorded or judged.
 *
 * bench/syntax-bench.sh loads it next to initcheck: what it costs is the
 * least any checker that finds references in the parsed trees must pay,
 * the floor under initcheck's own walk.  It is written for that and for
 * nothing else: the same dispatch by tables of tree codes as
 * plugin/references.c, one recursion per operand but the last (the last
 * by going round again), each SAVE_EXPR once.  It enters less than
 * initcheck does (no asm operand lists, no attribute arguments) and asks
 * nothing of a node but its code, so it is a floor, not a rival.
 *
 *   g++ -shared -fPIC -fno-rtti -O2 -I$(gcc -print-file-name=plugin)/include \
 *       -o walk-floor.so bench/walk-floor.c
 */
#include "gcc-plugin.h"
#include "plugin-version.h"
#include "tree.h"
#include "tree-iterator.h"

int plugin_is_GPL_compatible;

enum { K_SKIP, K_DECL, K_EXPR, K_LIST, K_BIND, K_DECL_EXPR, K_CTOR, K_SAVE };

static unsigned char kinds[MAX_TREE_CODES];
static unsigned char nops[MAX_TREE_CODES];	/* of K_EXPR; 255: in the node */
static unsigned long ndecls;	/* what it found, so nothing is optimised away */

/* The SAVE_EXPRs of the body being walked: a body has few. */
static tree saves[64];
static unsigned nsaves;

static bool seen_save(tree t)
{
	unsigned i;

	for (i = 0; i < nsaves; i++)
		if (saves[i] == t)
			return true;
	if (nsaves < 64)
		saves[nsaves++] = t;
	return false;
}

static inline bool skip(const_tree t)
{
	return !t || kinds[TREE_CODE(t)] == K_SKIP;
}

static void visit(tree t)
{
	tree_stmt_iterator it;
	tree last, op, val;
	unsigned ix;
	int i, n;

again:
	switch (kinds[TREE_CODE(t)]) {
	case K_SKIP:
		return;
	case K_DECL:
		if (TREE_CODE(t) == FUNCTION_DECL || TREE_STATIC(t)
		    || DECL_EXTERNAL(t))
			ndecls++;
		return;
	case K_LIST:
		last = NULL_TREE;
		for (it = tsi_start(t); !tsi_end_p(it); tsi_next(&it)) {
			if (last)
				visit(last);
			last = tsi_stmt(it);
		}
		if (!last)
			return;
		t = last;
		goto again;
	case K_BIND:
		t = BIND_EXPR_BODY(t);
		if (skip(t))
			return;
		goto again;
	case K_DECL_EXPR:
		t = DECL_EXPR_DECL(t);
		if (!VAR_P(t) || TREE_STATIC(t) || skip(DECL_INITIAL(t)))
			return;
		t = DECL_INITIAL(t);
		goto again;
	case K_CTOR:
		FOR_EACH_CONSTRUCTOR_VALUE(CONSTRUCTOR_ELTS(t), ix, val)
			if (!skip(val))
				visit(val);
		return;
	case K_SAVE:
		if (seen_save(t))
			return;
		/* fall through */
	default:
		n = nops[TREE_CODE(t)];
		if (n == 255)
			n = VL_EXP_OPERAND_LENGTH(t);
		last = NULL_TREE;
		for (i = 0; i < n; i++) {
			op = TREE_OPERAND(t, i);
			if (skip(op))
				continue;
			if (last)
				visit(last);
			last = op;
		}
		if (!last)
			return;
		t = last;
		goto again;
	}
}

static void on_body(void *gcc_data, void *)
{
	tree body = DECL_SAVED_TREE((tree)gcc_data);

	nsaves = 0;
	if (!skip(body))
		visit(body);
}

static void on_decl(void *gcc_data, void *)
{
	tree decl = (tree)gcc_data;

	if (VAR_P(decl) && TREE_STATIC(decl) && !skip(DECL_INITIAL(decl))) {
		nsaves = 0;
		visit(DECL_INITIAL(decl));
	}
}

static void on_finish(void *, void *)
{
	if (getenv("WALK_FLOOR_VERBOSE"))
		fprintf(stderr, "walk-floor: %lu decls met\n", ndecls);
}

int plugin_init(struct plugin_name_args *info,
		struct plugin_gcc_version *version)
{
	int code;

	if (!plugin_default_version_check(version, &gcc_version))
		return 1;
	for (code = 0; code < MAX_TREE_CODES; code++) {
		enum tree_code_class cls = TREE_CODE_CLASS((enum tree_code)code);

		if (code == VAR_DECL || code == FUNCTION_DECL)
			kinds[code] = K_DECL;
		else if (code == STATEMENT_LIST)
			kinds[code] = K_LIST;
		else if (code == CONSTRUCTOR)
			kinds[code] = K_CTOR;
		else if (code == BIND_EXPR)
			kinds[code] = K_BIND;
		else if (code == DECL_EXPR)
			kinds[code] = K_DECL_EXPR;
		else if (code == SAVE_EXPR)
			kinds[code] = K_SAVE;
		else if (IS_EXPR_CODE_CLASS(cls))
			kinds[code] = K_EXPR;
		nops[code] = cls == tcc_vl_exp ? 255
			     : TREE_CODE_LENGTH((enum tree_code)code);
	}
	register_callback(info->base_name, PLUGIN_PRE_GENERICIZE, on_body,
			  NULL);
	register_callback(info->base_name, PLUGIN_FINISH_DECL, on_decl, NULL);
	register_callback(info->base_name, PLUGIN_FINISH, on_finish, NULL);
	return 0;
}
