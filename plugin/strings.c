/*
 * strings.c - string literals that only init code uses.
 *
 * "Freeing unused kernel memory" frees __init code but not the literals it
 * prints or compares: they sit in .rodata.str for ever.  The kernel's old
 * initify plugin moved them into an init section; this does the same, only
 * when asked (-fplugin-arg-initcheck-move-strings, the one option with
 * which the plugin changes generated code), and otherwise counts them
 * (-fplugin-arg-initcheck-suggest): the manifest's "init_strings".
 *
 * A literal is init-only when it appears in an __init function as an
 * argument that the callee does not keep: the format string and the
 * variadic arguments of a function with the format attribute (printk,
 * snprintf), or an argument of one of the functions in the table below.
 * Anything else (a literal stored in a table, passed to a registration
 * function, returned) may be used after boot and stays where it is.  A
 * literal whose text other code of the unit also uses is not counted: GCC
 * merges equal literals, so the bytes stay either way.
 *
 * Moved literals become static const char arrays of alignment 1 in
 * .init.rodata (equal texts share one), and the argument becomes the
 * address of the array's first element, as the literal's was; a text
 * other code of the unit also uses is not moved (it would be stored
 * twice).
 */
#include "initcheck.h"

/* Functions that read a string argument and never keep the pointer, with
   the arguments (bit N: argument N, from 0) that are such strings.  They
   are matched by name, since the kernel builds with -fno-builtin and has
   its own. */
static const struct {
	const char *name;
	unsigned args;
} readers[] = {
	{ "strcmp", 3 }, { "strncmp", 3 }, { "strcasecmp", 3 },
	{ "strncasecmp", 3 }, { "strlen", 1 }, { "strnlen", 1 },
	{ "memcmp", 3 }, { "strspn", 2 }, { "strcspn", 2 },
	{ "strcpy", 2 }, { "strncpy", 2 }, { "strscpy", 2 }, { "strlcpy", 2 },
	{ "strcat", 2 }, { "strncat", 2 }, { "strlcat", 2 }, { "memcpy", 2 },
	{ "puts", 1 }, { "fputs", 1 }, { "sysfs_streq", 3 },
	{ "parse_option_str", 2 }, { "strstarts", 2 },
};


static vec<tree> found;			/* the init-only literals, in order */
static hash_set<tree> *init_only;	/* the literals in FOUND */
static hash_set<nofree_string_hash> *other_texts;
static hash_map<nofree_string_hash, tree> *moved_vars;

static bool active(void)
{
	return ic_opts.suggest || ic_opts.move_strings;
}

/* Which arguments of CALL's callee are strings it only reads. */
static unsigned read_only_args(tree fndecl, int nargs)
{
	tree attr;
	size_t i;
	unsigned mask = 0;

	for (attr = lookup_attribute("format", TYPE_ATTRIBUTES(
		     TREE_TYPE(fndecl)));
	     attr; attr = lookup_attribute("format", TREE_CHAIN(attr))) {
		tree args = TREE_VALUE(attr);
		HOST_WIDE_INT fmt, first;

		if (!args || !TREE_CHAIN(args) || !TREE_CHAIN(TREE_CHAIN(args))
		    || !tree_fits_shwi_p(TREE_VALUE(TREE_CHAIN(args)))
		    || !tree_fits_shwi_p(TREE_VALUE(TREE_CHAIN(TREE_CHAIN(
			    args)))))
			continue;
		fmt = tree_to_shwi(TREE_VALUE(TREE_CHAIN(args)));
		first = tree_to_shwi(TREE_VALUE(TREE_CHAIN(TREE_CHAIN(args))));
		if (fmt >= 1 && fmt <= 32)
			mask |= 1u << (fmt - 1);
		for (i = first; first >= 1 && (int)i <= nargs && i <= 32; i++)
			mask |= 1u << (i - 1);
	}
	for (i = 0; i < ARRAY_SIZE(readers); i++)
		if (!strcmp(IDENTIFIER_POINTER(DECL_NAME(fndecl)),
			    readers[i].name))
			mask |= readers[i].args;
	return mask;
}

/* The literal an argument passes as &"text", through conversions. */
static tree literal_of(tree t)
{
	while (CONVERT_EXPR_P(t) || TREE_CODE(t) == NON_LVALUE_EXPR)
		t = TREE_OPERAND(t, 0);
	if (TREE_CODE(t) != ADDR_EXPR
	    || TREE_CODE(TREE_OPERAND(t, 0)) != STRING_CST)
		return NULL_TREE;
	return TREE_OPERAND(t, 0);
}

/* The text of a literal as a key: its length and its bytes, in hex when
   it holds a NUL before its end. */
static const char *text_key(tree str)
{
	int i, len = TREE_STRING_LENGTH(str);
	const char *p = TREE_STRING_POINTER(str);
	char *key, *k;
	const char *id;

	if (len <= 0 || !memchr(p, 0, len - 1)) {
		key = xasprintf("%d:%s", len, len > 0 ? p : "");
	} else {
		key = k = XNEWVEC(char, 2 * len + 16);
		k += sprintf(k, "%d:x", len);
		for (i = 0; i < len; i++)
			k += sprintf(k, "%02x", (unsigned char)p[i]);
	}
	id = IDENTIFIER_POINTER(get_identifier(key));
	free(key);
	return id;
}

/* CALL, made in __init function FROM: its literals that the callee only
   reads.  Told by the walk before it visits the arguments. */
static void strings_call(tree from, tree call)
{
	struct ic_place p;
	tree fn = CALL_EXPR_FN(call);
	unsigned mask;
	int i, n = call_expr_nargs(call);

	if (!active() || !fn || TREE_CODE(fn) != ADDR_EXPR
	    || TREE_CODE(TREE_OPERAND(fn, 0)) != FUNCTION_DECL)
		return;
	ic_classify(from, &p);
	if (p.cls != IC_INIT || !p.is_function)
		return;
	mask = read_only_args(TREE_OPERAND(fn, 0), n);
	for (i = 0; i < n && i < 32; i++) {
		tree str;

		if (!(mask & (1u << i))
		    || !(str = literal_of(CALL_EXPR_ARG(call, i))))
			continue;
		if (!init_only)
			init_only = new hash_set<tree>;
		init_only->add(str);
		found.safe_push(str);
	}
}

/* Every literal the walk meets: those not in init-only use keep their
   text alive. */
static void strings_seen(tree str)
{
	if (!active() || (init_only && init_only->contains(str)))
		return;
	if (!other_texts)
		other_texts = new hash_set<nofree_string_hash>;
	other_texts->add(text_key(str));
}

/* What the walk (references.c) tells this file, as it meets it: set by
   initcheck.c when suggest= or move-strings asks for the literals. */
const struct ic_walk_hooks ic_strings_hooks = { strings_call, strings_seen };

/* The array a literal of this text moves to: one per text. */
static tree init_array(tree str, location_t loc)
{
	bool existed;
	tree *var = &(moved_vars ? moved_vars
		      : (moved_vars = new hash_map<nofree_string_hash, tree>))
			->get_or_insert(text_key(str), &existed);
	tree type = TREE_TYPE(str);	/* char[N], as the literal's */
	tree init;

	if (existed)
		return *var;
	*var = build_decl(loc, VAR_DECL, create_tmp_var_name("initcheck_str"),
			  type);
	TREE_STATIC(*var) = 1;
	TREE_READONLY(*var) = 1;
	TREE_USED(*var) = 1;
	DECL_ARTIFICIAL(*var) = 1;
	DECL_IGNORED_P(*var) = 1;
	SET_DECL_ALIGN(*var, BITS_PER_UNIT);
	DECL_USER_ALIGN(*var) = 1;
	init = build_string(TREE_STRING_LENGTH(str),
			    TREE_STRING_POINTER(str));
	TREE_TYPE(init) = type;
	DECL_INITIAL(*var) = init;
	set_decl_section_name(*var, ".init.rodata");
	/* Added after the unit was analysed: add, not finalize_decl. */
	varpool_node::add(*var);
	varpool_node::get(*var)->analyze();
	return *var;
}

/* Whether literal STR is one to move: only init code uses its text. */
static bool movable(tree str)
{
	return init_only && init_only->contains(str)
	       && !(other_texts && other_texts->contains(text_key(str)));
}

/*
 * PLUGIN_ALL_IPA_PASSES_START, with move-strings: the unit is parsed, so
 * which texts other code shares is known, and the bodies are GIMPLE, not
 * yet optimised.  The gimplifier copied the expressions but not the
 * constants: a call argument &"text" still holds the literal the walk
 * found, and becomes &initcheck_str.N[0].  A call GCC already rewrote
 * (printf("x\n") into puts("x")) holds a literal of its own and keeps it.
 */
void ic_strings_move(void)
{
	cgraph_node *node;

	if (!ic_opts.move_strings || !init_only)
		return;
	FOR_EACH_FUNCTION_WITH_GIMPLE_BODY(node) {
		struct function *fn = DECL_STRUCT_FUNCTION(node->decl);
		struct ic_place p;
		basic_block bb;

		ic_classify(node->decl, &p);
		if (p.cls != IC_INIT || !fn || !fn->cfg)
			continue;
		FOR_EACH_BB_FN(bb, fn) {
			gimple_stmt_iterator gsi;

			for (gsi = gsi_start_bb(bb); !gsi_end_p(gsi);
			     gsi_next(&gsi)) {
				gimple *stmt = gsi_stmt(gsi);
				unsigned i;

				if (!is_gimple_call(stmt))
					continue;
				for (i = 0; i < gimple_call_num_args(stmt); i++) {
					tree arg = gimple_call_arg(stmt, i), var;

					if (TREE_CODE(arg) != ADDR_EXPR
					    || TREE_CODE(TREE_OPERAND(arg, 0))
					       != STRING_CST
					    || !movable(TREE_OPERAND(arg, 0)))
						continue;
					var = init_array(TREE_OPERAND(arg, 0),
							 gimple_location(stmt));
					arg = build1(ADDR_EXPR, TREE_TYPE(arg),
						build4(ARRAY_REF,
						       TREE_TYPE(TREE_TYPE(var)),
						       var, integer_zero_node,
						       NULL_TREE, NULL_TREE));
					recompute_tree_invariant_for_addr_expr(
						arg);
					gimple_call_set_arg(stmt, i, arg);
					/* The symbol table's own record of the
					   use, or the array is removed as
					   unreachable. */
					node->create_reference(
						varpool_node::get_create(var),
						IPA_REF_ADDR, stmt);
				}
			}
		}
	}
}

/* The manifest's "init_strings": literals only init code uses, and the
   bytes of their distinct texts no other code of the unit uses. */
void ic_strings_json(json::object *m)
{
	hash_set<nofree_string_hash> counted;
	unsigned i, literals = 0;
	unsigned long bytes = 0;
	json::object *o;

	if (!active())
		return;
	for (i = 0; i < found.length(); i++) {
		const char *key = text_key(found[i]);

		literals++;
		if ((other_texts && other_texts->contains(key))
		    || counted.add(key))
			continue;
		bytes += TREE_STRING_LENGTH(found[i]);
	}
	o = new json::object;
	o->set("literals", new json::integer_number(literals));
	o->set("bytes", new json::integer_number(bytes));
	o->set("moved", new json::literal(ic_opts.move_strings ? true
					  : false));
	m->set("init_strings", o);
}

void ic_strings_release(void)
{
	found.release();
	delete init_only;
	delete other_texts;
	delete moved_vars;
	init_only = NULL;
	other_texts = NULL;
	moved_vars = NULL;
}
