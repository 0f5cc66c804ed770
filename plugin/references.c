/*
 * references.c - every reference a function body or a static initializer
 * makes to a function or a variable of static storage.
 *
 * The trees are read as the C front end leaves them, before gimplification
 * (PLUGIN_PRE_GENERICIZE for bodies, PLUGIN_FINISH_DECL for initializers):
 * both fire under -fsyntax-only, and nothing has been inlined, cloned or
 * folded away yet, so the same source gives the same references at every
 * optimisation level.  Sections are not judged here: a later declaration
 * may still add __init, so they are all judged at the end (judge.c).
 *
 * The walk records; it calls nothing above it.  What else it meets that
 * a feature wants to see (a call's string arguments, every literal:
 * strings.c) goes through the hooks set from above (ic_walk_set_hooks).
 * Top-level asm records its references here too (toplevel-asm.c).  Once
 * the unit is parsed, the store answers questions about the graph: which
 * functions can run, the calls of each, which ones are always-inline and
 * judged at their callers (ic_is_transparent, ic_for_each_real_call).
 */
#include "initcheck.h"

/* Decls kept alive across garbage collections until PLUGIN_FINISH that
   no reference names (the trees references name are the chunks' roots,
   chunk_roots): a static function -O2 removes is still a decl we report
   on, or suggest.c and redecl.c hold. */
static GTY(()) vec<tree, va_gc> *ic_live_decls;

const struct ggc_root_tab ic_refs_ggc_roots[] = {
	{ &ic_live_decls, 1, sizeof(ic_live_decls),
	  &gt_ggc_mx_vec_tree_va_gc_, &gt_pch_nx_vec_tree_va_gc_ },
	LAST_GGC_ROOT_TAB
};

/* The references, in chunks of IC_REF_CHUNK: a reference stays where it
   was recorded, and no array of them is copied as it grows (a kernel unit
   records some 100,000).  The chunks are mapped from the system, not taken
   from malloc's heap, where these long-lived blocks among the compiler's
   own small ones made its mallocs slower (1.6 M instructions on
   bench/gen-tu.c's unit); malloc's when mmap fails. */
#define IC_REF_CHUNK_BITS 12
#define IC_REF_CHUNK (1u << IC_REF_CHUNK_BITS)

struct chunk {
	struct ic_ref *refs;
	bool mapped;		/* from mmap, not malloc */
	struct ggc_root_tab *roots;	/* its trees, for the collector */
};

static struct chunk *ref_chunks;
static unsigned nrefs, nchunks, chunks_alloc;

static inline struct ic_ref *ref_at(unsigned i)
{
	return &ref_chunks[i >> IC_REF_CHUNK_BITS].refs[i & (IC_REF_CHUNK - 1)];
}

/* What the walk tells the layers above it as it goes, besides the
   references it records (strings.c's literals): set from above. */
static const struct ic_walk_hooks *hooks;

/*
 * Sets of decls as a bit per DECL_UID: a unit's decls are numbered densely
 * from 0, and each keeps its DECL_UID for its life, so a bit test answers
 * what a hash_set<tree> answered, in a few instructions where the set
 * cost some 140 (35,000 initializers read in bench/gen-tu.c's unit).
 */
struct uid_set {
	unsigned long *bits;
	unsigned nwords;
};

static void __attribute__((noinline)) uid_set_grow(struct uid_set *set,
						   unsigned word)
{
	unsigned n = MAX(2 * set->nwords, word + 64);

	set->bits = XRESIZEVEC(unsigned long, set->bits, n);
	memset(set->bits + set->nwords, 0,
	       (n - set->nwords) * sizeof(*set->bits));
	set->nwords = n;
}

/* Whether DECL was in SET already; puts it in. */
static inline bool uid_set_add(struct uid_set *set, const_tree decl)
{
	unsigned uid = DECL_UID(decl), word = uid / HOST_BITS_PER_LONG;
	unsigned long bit = 1ul << (uid % HOST_BITS_PER_LONG), was;

	if (__builtin_expect(word >= set->nwords, 0))
		uid_set_grow(set, word);
	was = set->bits[word] & bit;
	set->bits[word] |= bit;
	return was != 0;
}

static inline bool uid_set_contains(const struct uid_set *set, const_tree decl)
{
	unsigned uid = DECL_UID(decl), word = uid / HOST_BITS_PER_LONG;

	return word < set->nwords
	       && (set->bits[word] >> (uid % HOST_BITS_PER_LONG) & 1);
}

static void uid_set_release(struct uid_set *set)
{
	XDELETEVEC(set->bits);
	set->bits = NULL;
	set->nwords = 0;
}

/* The variables whose initializer was read. */
static struct uid_set scanned;

/* How the walk takes each tree code, decided once from GCC's tables
   (ic_refs_init): one load per node where TYPE_P, CONSTANT_CLASS_P, a
   switch, EXPR_P, starts_with_operand0, operand_is_lvalue and
   TREE_OPERAND_LENGTH each looked at the code again.  W_SKIP nodes hold
   no reference (types, constants, parameters, fields, ...): the operand
   loop does not even call the walk for them. */
enum walk_kind {
	W_SKIP,
	W_EXPR,		/* any other expression or statement: its operands */
	W_VAR, W_FUNCTION,
	W_CALL, W_ADDR, W_SAVE, W_BIND, W_DECL_EXPR, W_STATEMENT_LIST,
	W_CONSTRUCTOR, W_ASM, W_LABEL,
	W_STRING,	/* a string literal, when there are hooks to tell */
	W_TREE_LIST, W_TREE_VEC
};

/* What the code's operands are (operand_is_lvalue, starts_with_operand0,
   as they were written before the table, are in code_info_of): */
#define F_LEFT0		1	/* its source text begins with operand 0 */
#define F_LVAL_ALL	2	/* every operand is designated, not read */
#define F_LVAL_OP0	4	/* operand 0 is designated */
#define F_LVAL_INHERIT	8	/* operand 0 is designated when the whole is */
#define F_COND		16	/* ?:, && or ||: an operand after the first
				   may be dead (dead_operand) */

#define NOPS_VL		255	/* tcc_vl_exp: the count is in the node */

struct code_info {
	unsigned char kind, flags, nops;
	/* HOW of operand 0 as masks (F_LEFT0, F_LVAL_*): */
	unsigned char left;		/* L_LEFT when the node starts it */
	unsigned char lval0;		/* L_LVAL always */
	unsigned char inherit;		/* L_LVAL when the node's own HOW has it */
	/* And of the others: */
	unsigned char lval_n;		/* L_LVAL always */
	unsigned char unused;
};

static struct code_info codes[MAX_TREE_CODES];

/* The state of the walk that changes at every node is in its arguments:
   the innermost location, and HOW the node is reached.  Fields of struct
   scan are what changes rarely. */
#define L_LEFT		1	/* operand 0 of a postfix or infix expression:
				   starts where it does */
#define L_LVAL		2	/* an object designated, not read */
#define L_AT_USE	4	/* in an initializer read in place of its
				   variable: keep the use's location */

/* SAVE_EXPRs visited, without a hash set for the few a body has (a set
   cost a malloc, a free and a hash per body that had one): a set only
   past IC_SAVE_INLINE of them. */
#define IC_SAVE_INLINE 16

struct scan {
	tree from;
	tree address_of;		/* the variable an enclosing & takes
					   the address of (&v, &v.f, &v[i],
					   an array decaying to a pointer) */
	/* SAVE_EXPRs: shared, read once. */
	unsigned nsaves;
	tree saves[IC_SAVE_INLINE];
	hash_set<tree> *more_saves;
	/* Where the walk is, for a profile's exemptions (rules.c): */
	tree member;			/* the field an initializer element
					   stores into */
	tree asm_stmt;			/* the asm statement operands are
					   read of */
	const struct ic_guard *guard;	/* the innermost boot-only condition
					   (profiles with guards only) */
};

static void scan(struct scan *s, tree t, location_t loc, unsigned how);

/* The kind and operand facts of CODE, as the walk before the table
   decided them node by node. */
static struct code_info code_info_of(enum tree_code code)
{
	struct code_info ci = { W_SKIP, 0, 0, 0, 0, 0, 0, 0 };
	enum tree_code_class cls = TREE_CODE_CLASS(code);

	switch (code) {
	case FUNCTION_DECL:	ci.kind = W_FUNCTION; return ci;
	case LABEL_DECL:	ci.kind = W_LABEL; return ci;
	case VAR_DECL:		ci.kind = W_VAR; return ci;
	case STATEMENT_LIST:	ci.kind = W_STATEMENT_LIST; return ci;
	case TREE_LIST:		ci.kind = W_TREE_LIST; return ci;
	case TREE_VEC:		ci.kind = W_TREE_VEC; return ci;
	case CONSTRUCTOR:	ci.kind = W_CONSTRUCTOR; return ci;
	case STRING_CST:
		ci.kind = hooks ? W_STRING : W_SKIP;
		return ci;
	case ASM_EXPR:		ci.kind = W_ASM; break;
	case CALL_EXPR:		ci.kind = W_CALL; break;
	case ADDR_EXPR:		ci.kind = W_ADDR; break;
	case SAVE_EXPR:		ci.kind = W_SAVE; break;
	case BIND_EXPR:		ci.kind = W_BIND; break;
	case DECL_EXPR:		ci.kind = W_DECL_EXPR; break;
	default:
		if (cls == tcc_type || cls == tcc_constant
		    || !IS_EXPR_CODE_CLASS(cls))
			return ci;
		ci.kind = W_EXPR;
		break;
	}
	/* An expression or statement (EXPR_P). */
	ci.nops = cls == tcc_vl_exp ? NOPS_VL : TREE_CODE_LENGTH(code);

	/* Whether the source text of the node begins with its operand 0. */
	switch (code) {
	case ARRAY_REF:
	case COMPONENT_REF:
	case MODIFY_EXPR:
	case POSTINCREMENT_EXPR:
	case POSTDECREMENT_EXPR:
	case COND_EXPR:
	case NON_LVALUE_EXPR:
	case VIEW_CONVERT_EXPR:
	case SAVE_EXPR:
	CASE_CONVERT:
		ci.flags |= F_LEFT0;
		break;
	default:
		if (cls == tcc_binary || cls == tcc_comparison)
			ci.flags |= F_LEFT0;
		break;
	}

	/*
	 * Whether operand I designates an object rather than reading it, as
	 * c_fully_fold passes "lval" down: the operand of &, the left side of
	 * an assignment or increment, and the base of a member or element
	 * access that is itself designated.
	 */
	switch (code) {
	case ADDR_EXPR:
	case ASM_EXPR:
		ci.flags |= F_LVAL_ALL;
		break;
	case MODIFY_EXPR:
	case PREINCREMENT_EXPR:
	case PREDECREMENT_EXPR:
	case POSTINCREMENT_EXPR:
	case POSTDECREMENT_EXPR:
		ci.flags |= F_LVAL_OP0;
		break;
	case COMPONENT_REF:
	case ARRAY_REF:
	case REALPART_EXPR:
	case IMAGPART_EXPR:
	case VIEW_CONVERT_EXPR:
		ci.flags |= F_LVAL_INHERIT;
		break;
	default:
		break;
	}

	switch (code) {
	case COND_EXPR:
	case TRUTH_ANDIF_EXPR:
	case TRUTH_ORIF_EXPR:
		ci.flags |= F_COND;
		break;
	default:
		break;
	}

	/* The same, as masks of HOW bits (operands_how). */
	ci.left = ci.flags & F_LEFT0 ? L_LEFT : 0;
	ci.lval0 = ci.flags & (F_LVAL_ALL | F_LVAL_OP0) ? L_LVAL : 0;
	ci.inherit = ci.flags & F_LVAL_INHERIT ? L_LVAL : 0;
	ci.lval_n = ci.flags & F_LVAL_ALL ? L_LVAL : 0;
	return ci;
}

void ic_refs_init(void)
{
	int code;

	for (code = 0; code < MAX_TREE_CODES; code++)
		codes[code] = code_info_of((enum tree_code)code);
}

void ic_walk_set_hooks(const struct ic_walk_hooks *h)
{
	hooks = h;
	/* String literals are walked to only when someone is told. */
	codes[STRING_CST] = code_info_of(STRING_CST);
}

static inline const struct code_info *info(const_tree t)
{
	return &codes[TREE_CODE(t)];
}

/* Whether the walk would find nothing in T, known without calling it:
   a node of a W_SKIP code, or an automatic variable that is not const
   (scan_var records only variables of static storage, and reads the
   initializer of const ones only). */
static inline bool nothing_in(const_tree t)
{
	unsigned kind = info(t)->kind;

	if (kind == W_SKIP)
		return true;
	return kind == W_VAR && !TREE_STATIC(t) && !DECL_EXTERNAL(t)
	       && !TREE_READONLY(t);
}

/* Each decl once, told by a bit per DECL_UID (a hash set cost a lookup
   per reference; pushing every time grew the collector's vector, by
   copies, to one entry per reference). */
static struct uid_set kept;

/* T into the collector's roots; the vector grown fourfold, since each
   growth is a copy. */
static void keep_tree(tree t)
{
	if (!vec_safe_space(ic_live_decls, 1))
		vec_safe_reserve_exact(ic_live_decls,
				       3 * vec_safe_length(ic_live_decls) + 256);
	ic_live_decls->quick_push(t);
}

static inline void keep(tree decl)
{
	if (!uid_set_add(&kept, decl))
		keep_tree(decl);
}

void ic_keep_decl(tree decl)
{
	keep(decl);
}

#define IC_REF_CHUNK_BYTES (IC_REF_CHUNK * sizeof(struct ic_ref))

/*
 * The trees a chunk's references name are roots of the collector, by a
 * table over its tree fields (every reference's from, to, member and
 * asm_stmt; the unused ones are zero), registered when the chunk is made:
 * the collector marks them itself, where keep() put every target in
 * ic_live_decls, a bit test per reference and a push per decl (105,000
 * references on bench/gen-tu.c's unit).  The table stays registered for
 * good; free_chunk empties it.
 */
static struct ggc_root_tab *chunk_roots(struct ic_ref *refs)
{
	struct ggc_root_tab *rt = XCNEWVEC(struct ggc_root_tab, 5);
	void *fields[4] = { &refs[0].from, &refs[0].to, &refs[0].member,
			    &refs[0].asm_stmt };
	unsigned i;

	for (i = 0; i < 4; i++) {
		rt[i].base = fields[i];
		rt[i].nelt = IC_REF_CHUNK;
		rt[i].stride = sizeof(struct ic_ref);
		rt[i].cb = &gt_ggc_mx_tree_node;
		rt[i].pchw = &gt_pch_nx_tree_node;
	}
	register_callback(IC_NAME, PLUGIN_REGISTER_GGC_ROOTS, NULL, rt);
	return rt;
}

static struct chunk alloc_chunk(void)
{
	struct chunk c;
	void *m = mmap(NULL, IC_REF_CHUNK_BYTES, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	c.mapped = m != MAP_FAILED;
	c.refs = c.mapped ? (struct ic_ref *)m	/* zeroed */
		 : XCNEWVEC(struct ic_ref, IC_REF_CHUNK);
	c.roots = chunk_roots(c.refs);
	return c;
}

static void free_chunk(struct chunk *c)
{
	c->roots[0].base = NULL;	/* an empty table from now on */
	if (c->mapped)
		munmap(c->refs, IC_REF_CHUNK_BYTES);
	else
		XDELETEVEC(c->refs);
}

static void __attribute__((noinline)) grow_refs(void)
{
	if (nchunks == chunks_alloc) {
		chunks_alloc = chunks_alloc ? 2 * chunks_alloc : 16;
		ref_chunks = XRESIZEVEC(struct chunk, ref_chunks,
					chunks_alloc);
	}
	ref_chunks[nchunks++] = alloc_chunk();
}

static inline struct ic_ref *new_ref(void)
{
	if (__builtin_expect(nrefs == nchunks * IC_REF_CHUNK, 0))
		grow_refs();
	return ref_at(nrefs++);
}

/* A reference from a top-level asm statement emitting into SECTION. */
void ic_record_asm_ref(const char *section, tree to, location_t loc)
{
	struct ic_ref *r = new_ref();

	r->from = NULL_TREE;
	r->asm_section = section;
	r->to = to;
	r->loc_ = loc;
	r->kind = IC_REF_ADDRESS;
	r->loc_at_start = false;
	r->member = NULL_TREE;
	r->asm_stmt = NULL_TREE;
	r->guard = NULL;
}

static inline bool has_static_storage(const_tree t)
{
	if (TREE_CODE(t) == FUNCTION_DECL)
		return true;
	return VAR_P(t) && (TREE_STATIC(t) || DECL_EXTERNAL(t));
}

/* The reference to TO at LOC, or NULL when none is kept. */
static inline __attribute__((always_inline)) struct ic_ref *
record(struct scan *s, tree to, location_t loc, enum ic_ref_kind kind)
{
	struct ic_ref *r;

	if (!has_static_storage(to) || to == s->from
	    || (TREE_CODE(to) == FUNCTION_DECL && fndecl_built_in_p(to)))
		return NULL;
	r = new_ref();
	r->from = s->from;
	r->asm_section = NULL;
	r->to = to;
	r->loc_ = loc != UNKNOWN_LOCATION ? loc : DECL_SOURCE_LOCATION(s->from);
	r->kind = kind;
	r->loc_at_start = false;
	r->member = s->member;
	r->asm_stmt = s->asm_stmt;
	r->guard = s->guard;
	return r;
}

/*
 * Where R is.  A variable has no location of its own; where it is the
 * leftmost operand (table[i], x = 1, x++, x + 1) the caret goes to the
 * start of the expression, which is the name.  That location is made at
 * the first question, not when the reference is recorded: make_location
 * costs some 300 instructions, and most references are never shown.  It
 * is the same location either way (GCC keeps one per caret and range).
 */
location_t ic_ref_loc(const struct ic_ref *r)
{
	if (r->loc_at_start) {
		struct ic_ref *w = (struct ic_ref *)r;
		location_t loc = r->loc_;

		w->loc_ = make_location(get_start(loc), get_start(loc),
					get_finish(loc));
		w->loc_at_start = false;
	}
	return r->loc_;
}

static void scan_init(struct scan *s, tree from)
{
	s->from = from;
	s->address_of = NULL_TREE;
	s->nsaves = 0;
	s->more_saves = NULL;
	s->member = NULL_TREE;
	s->asm_stmt = NULL_TREE;
	s->guard = NULL;
}

/* Whether SAVE_EXPR T was walked already; marks it walked. */
static bool seen_save(struct scan *s, tree t)
{
	unsigned i;

	for (i = 0; i < s->nsaves; i++)
		if (s->saves[i] == t)
			return true;
	if (s->more_saves)
		return s->more_saves->add(t);
	if (s->nsaves < IC_SAVE_INLINE) {
		s->saves[s->nsaves++] = t;
		return false;
	}
	s->more_saves = new hash_set<tree>;
	s->more_saves->add(t);
	return false;
}

/*
 * A compound literal of static storage is a variable of its own, which
 * the C front end makes without a declaration of the user's: no
 * PLUGIN_FINISH_DECL announces it, and at file scope it has a name made
 * up for the assembler, "__compound_literal.N" (c-decl.cc,
 * set_compound_literal_name), in .data like any other variable.  modpost
 * sees that symbol refer to what the literal holds.
 */
bool ic_is_compound_literal(tree t)
{
	const char *name;

	if (!VAR_P(t) || !TREE_STATIC(t) || !DECL_ARTIFICIAL(t))
		return false;
	if (!DECL_NAME(t))
		return true;
	name = IDENTIFIER_POINTER(DECL_NAME(t));
	return !strncmp(name, "__compound_literal.", 19);
}

/* Its initializer is read once, with the literal as the source. */
static void scan_initializer(tree decl, location_t loc, tree from)
{
	tree init = DECL_INITIAL(decl), val;
	struct scan s;
	unsigned ix;

	if (!init || init == error_mark_node)
		return;
	/* A constant, or a table of them (most initializers: {1, 3, 5, 7}):
	   the walk would find nothing, so it is not set up.  Reading such an
	   initializer again finds nothing again, so it need not be marked
	   read either. */
	if (nothing_in(init))
		return;
	if (TREE_CODE(init) == CONSTRUCTOR) {
		FOR_EACH_CONSTRUCTOR_VALUE(CONSTRUCTOR_ELTS(init), ix, val)
			if (val && !nothing_in(val))
				break;
		if (ix == CONSTRUCTOR_NELTS(init))
			return;
	}
	if (uid_set_add(&scanned, decl))
		return;
	scan_init(&s, from);
	scan(&s, init, loc, 0);
	delete s.more_saves;
}

/*
 * Whether a read of variable T in a function is its initializer.  From -O1
 * up the C front end replaces such a read by a copy of the initializer
 * before any plugin sees the body (c_fully_fold, decl_constant_value: a
 * const, non-volatile scalar with a constant initializer), and at -O0 the
 * gimplifier folds the load the same way.  Doing the same at every -O
 * keeps the verdict independent of -O: reading a __initconst scalar is
 * no reference, and reading a const pointer to init data refers to what
 * the pointer's initializer names, from the function, at the read (where
 * -O2 reports it once fold has turned "*&x" into "x").
 */
static bool reads_initializer(const struct scan *s, tree t, bool lval)
{
	tree init = DECL_INITIAL(t);

	return !lval && s->from && TREE_CODE(s->from) == FUNCTION_DECL
	       && TREE_READONLY(t) && !TREE_THIS_VOLATILE(t)
	       && init && init != error_mark_node && TREE_CONSTANT(init)
	       && TREE_CODE(init) != CONSTRUCTOR
	       && TYPE_MODE(TREE_TYPE(init)) != BLKmode
	       && TREE_CODE(TREE_TYPE(init)) != ARRAY_TYPE;
}

/* After "if (system_state >= SYS_STATE_active) return ...;" the rest of
   the block runs only while booting: an early return under the negation
   of a boot-only condition (rules.c) guards what follows. */
static void guard_after(struct scan *s, tree stmt)
{
	const struct ic_guard *g;
	tree then;

	if (TREE_CODE(stmt) != COND_EXPR || TREE_OPERAND(stmt, 2))
		return;
	/* The arm's last statement, through "{ decls; ...; return x; }". */
	for (then = TREE_OPERAND(stmt, 1); then;) {
		if (TREE_CODE(then) == BIND_EXPR)
			then = BIND_EXPR_BODY(then);
		else if (TREE_CODE(then) == STATEMENT_LIST
			 && !tsi_end_p(tsi_last(then)))
			then = tsi_stmt(tsi_last(then));
		else
			break;
	}
	if (!then || TREE_CODE(then) != RETURN_EXPR)
		return;
	g = ic_guard_of(TREE_OPERAND(stmt, 0), false);
	if (g)
		s->guard = g;
}

/* A variable named in an expression, which nothing_in let through (of
   static storage, or const): LOC is the innermost location, HOW how it is
   reached.  Out of line: the walk's own frame stays small. */
static void __attribute__((noinline))
scan_var(struct scan *s, tree t, location_t loc, unsigned how)
{
	struct ic_ref *r;

	/* A compound literal of static storage (at file scope, or C23's
	   static one in a function) refers through its own initializer. */
	if (DECL_ARTIFICIAL(t) && ic_is_compound_literal(t)) {
		/* Recorded too: who uses the literal decides what diagnose.c
		   tells about it. */
		record(s, t, loc, t == s->address_of ? IC_REF_ADDRESS
						     : IC_REF_USE);
		scan_initializer(t, loc, t);
		return;
	}
	if (TREE_READONLY(t) && reads_initializer(s, t, how & L_LVAL)) {
		scan(s, DECL_INITIAL(t), loc, how | L_AT_USE);
		return;
	}
	/* A leftmost operand's caret goes to the start of the expression
	   (ic_ref_loc). */
	r = record(s, t, loc, t == s->address_of ? IC_REF_ADDRESS
						 : IC_REF_USE);
	if (r && (how & L_LEFT) && loc != UNKNOWN_LOCATION)
		r->loc_at_start = true;
}

/*
 * Whether operand I of T is never evaluated because the condition is a
 * constant of the front end: "if (IS_ENABLED(CONFIG_X) && ...)" with X
 * off, "0 && f()", "1 || f()", "0 ? f() : g()".  GCC emits no code for it
 * at any -O (it drops such arms even at -O0), so it refers to nothing, as
 * modpost sees it.
 */
static bool dead_operand(tree t, int i)
{
	tree c;

	if (i == 0)
		return false;
	switch (TREE_CODE(t)) {
	case COND_EXPR:
		c = TREE_OPERAND(t, 0);
		return TREE_CODE(c) == INTEGER_CST
		       && (i == 1 ? integer_zerop(c) : !integer_zerop(c));
	case TRUTH_ANDIF_EXPR:
		c = TREE_OPERAND(t, 0);
		return TREE_CODE(c) == INTEGER_CST && integer_zerop(c);
	case TRUTH_ORIF_EXPR:
		c = TREE_OPERAND(t, 0);
		return TREE_CODE(c) == INTEGER_CST && !integer_zerop(c);
	default:
		return false;
	}
}

/* Whether the walk passes operand I of T by: it would find nothing in
   it, or it is never evaluated. */
static inline bool passed_by(const struct code_info *ci, tree t, int i)
{
	tree op = TREE_OPERAND(t, i);

	return !op || nothing_in(op)
	       || ((ci->flags & F_COND) && dead_operand(t, i));
}

/* Whether location L has a place in the source: EXPR_HAS_LOCATION for a
   node known to be an expression. */
static inline bool has_locus(location_t l)
{
	if (l == UNKNOWN_LOCATION)
		return false;
	return !IS_ADHOC_LOC(l)
	       || get_location_from_adhoc_loc(line_table, l) != UNKNOWN_LOCATION;
}

/* The location and HOW of expression T's operands (code facts CI), the
   node reached at *LOC with HOW: T's own location when it has one (not in
   an initializer read at a use), and whether operand 0 is leftmost or an
   lvalue.  Returned for operand 0, in *HOW_N for the others. */
static inline unsigned operands_how(tree t, const struct code_info *ci,
				    location_t *loc, unsigned how,
				    unsigned *how_n)
{
	unsigned carry = how & L_AT_USE, how0;

	how0 = carry | ci->lval0 | (how & ci->inherit);
	if (!carry && has_locus(t->exp.locus)) {
		*loc = t->exp.locus;
		how0 |= ci->left;
	} else
		how0 |= how & ci->left;
	*how_n = carry | ci->lval_n;
	return how0;
}

static void guarded_scan(struct scan *s, tree t, int i, location_t loc,
			 unsigned how);

/*
 * The operands of expression T (code facts CI) but the last worth a
 * visit, walked at the innermost location known; the last is returned,
 * with its location and how in *LOC and *HOW, for the caller to walk
 * (NULL_TREE when there is none, or when it was walked here under a
 * guard).  An operand the walk would find nothing in (passed_by: most
 * are constants, parameters and automatic variables) is passed by
 * without a call.
 */
static inline __attribute__((always_inline)) tree
operands(struct scan *s, tree t, const struct code_info *ci,
	 location_t *loc, unsigned *how)
{
	unsigned how0, how_n;
	int i, j, n = ci->nops;

	if (n == NOPS_VL)
		n = VL_EXP_OPERAND_LENGTH(t);
	for (i = 0; i < n && passed_by(ci, t, i); i++)
		;
	if (i == n)
		return NULL_TREE;
	how0 = operands_how(t, ci, loc, *how, &how_n);
	for (;;) {
		for (j = i + 1; j < n && passed_by(ci, t, j); j++)
			;
		if (j == n)
			break;
		if (i > 0 && ic_profile_has_guards())
			guarded_scan(s, t, i, *loc, how_n);
		else
			scan(s, TREE_OPERAND(t, i), *loc, i ? how_n : how0);
		i = j;
	}
	if (i > 0 && ic_profile_has_guards()) {
		guarded_scan(s, t, i, *loc, how_n);
		return NULL_TREE;
	}
	*how = i ? how_n : how0;
	return TREE_OPERAND(t, i);
}

/* T's operands, all of them, with *RESTORE put back to SAVED after
   (the asm statement). */
static void operands_then_restore(struct scan *s, tree t, location_t loc,
				  unsigned how, tree *restore, tree saved)
{
	tree last = operands(s, t, info(t), &loc, &how);

	if (last)
		scan(s, last, loc, how);
	*restore = saved;
}

/* The kinds the walk meets seldom, out of line (the walk's own frame
   stays small): a constructor, an asm statement, an address of a compound
   literal, a label's address, a string literal, a list or vector of
   trees, a declaration other than an automatic variable's. */
static void __attribute__((noinline))
scan_seldom(struct scan *s, tree t, location_t loc, unsigned how)
{
	tree decl, saved, index, val;
	unsigned ix;
	int i;

	switch (info(t)->kind) {
	case W_CONSTRUCTOR:
		saved = s->member;
		FOR_EACH_CONSTRUCTOR_ELT(CONSTRUCTOR_ELTS(t), ix, index, val) {
			if (!val || nothing_in(val))
				continue;
			if (index && TREE_CODE(index) == FIELD_DECL)
				s->member = index;
			scan(s, val, loc, how);
			s->member = saved;
		}
		return;
	case W_ASM:
		saved = s->asm_stmt;
		s->asm_stmt = t;
		operands_then_restore(s, t, loc, how, &s->asm_stmt, saved);
		return;
	case W_ADDR:
		/* &(struct ops){ ... } at file scope: the literal is a
		   variable whose address is taken. */
		for (decl = TREE_OPERAND(t, 0); handled_component_p(decl);)
			decl = TREE_OPERAND(decl, 0);
		decl = COMPOUND_LITERAL_EXPR_DECL(decl);
		record(s, decl, loc, IC_REF_ADDRESS);
		scan_initializer(decl, loc, decl);
		return;
	case W_LABEL:
		/* &&label (GNU C) is an address inside the function that
		   holds the label: a static table of them in an __init
		   function keeps pointers into .init.text after boot. */
		if (DECL_CONTEXT(t)
		    && TREE_CODE(DECL_CONTEXT(t)) == FUNCTION_DECL)
			record(s, DECL_CONTEXT(t), loc, IC_REF_ADDRESS);
		return;
	case W_STRING:
		hooks->string(t);
		return;
	case W_TREE_LIST:	/* asm operands, attribute arguments */
		for (; t; t = TREE_CHAIN(t))
			scan(s, TREE_VALUE(t), loc, how);
		return;
	case W_TREE_VEC:
		for (i = 0; i < TREE_VEC_LENGTH(t); i++)
			scan(s, TREE_VEC_ELT(t, i), loc, how);
		return;
	case W_DECL_EXPR:
		decl = DECL_EXPR_DECL(t);
		if (ic_is_compound_literal(decl))
			scan_initializer(decl, EXPR_LOCATION(t), decl);
		/* A nested function (GNU C): the C front end sends
		   PLUGIN_PRE_GENERICIZE for outermost functions only, so its
		   body is read here, with itself as the source.  GCC puts it
		   in the default .text whatever its parent's section. */
		else if (TREE_CODE(decl) == FUNCTION_DECL
			 && DECL_SAVED_TREE(decl)) {
			keep(decl);
			ic_scan_function(decl);
		}
		return;
	default:
		gcc_unreachable();
	}
}

/*
 * The walk itself.  Not walk_tree: this visits only what can hold a
 * reference (statements, expressions, initializers, asm operand lists) and
 * skips types, constants and declarations it passes by, which made it
 * several times cheaper on kernel units; and it tracks the innermost
 * location on the way down (LOC), which walk_tree cannot tell a callback.
 *
 * A node's last operand worth a visit is walked by going round again
 * (AGAIN), not by a call: most nodes have one such operand (a conversion,
 * a statement's expression), and a call per node was most of the walk's
 * cost.  The order of the visits, hence of the references, is the
 * recursion's.
 */
static void scan(struct scan *s, tree t, location_t loc, unsigned how)
{
	const struct code_info *ci;
	tree_stmt_iterator it;
	tree fn, decl, saved, op0, op1;
	unsigned how0, how_n;
	int i, n;

	if (!t)
		return;
again:
	ci = info(t);
	switch (ci->kind) {
	case W_SKIP:
		return;
	case W_VAR:
		scan_var(s, t, loc, how);
		return;
	case W_FUNCTION:
		record(s, t, loc, IC_REF_ADDRESS);
		return;
	case W_STATEMENT_LIST:
		if (ic_profile_has_guards()) {
			const struct ic_guard *saved_guard = s->guard;

			for (it = tsi_start(t); !tsi_end_p(it); tsi_next(&it)) {
				scan(s, tsi_stmt(it), loc, how);
				guard_after(s, tsi_stmt(it));
			}
			s->guard = saved_guard;
			return;
		}
		/* Without guards nothing is put back after the last
		   statement: it is walked by going round again. */
		it = tsi_start(t);
		if (tsi_end_p(it))
			return;
		for (;;) {
			t = tsi_stmt(it);
			tsi_next(&it);
			if (tsi_end_p(it))
				break;
			scan(s, t, loc, how);
		}
		goto again;
	case W_CALL:
		/* No CALL_EXPR_FN: an internal function, e.g. the one
		   __builtin_mul_overflow becomes. */
		fn = CALL_EXPR_FN(t);
		if (fn && TREE_CODE(fn) == ADDR_EXPR
		    && TREE_CODE(TREE_OPERAND(fn, 0)) == FUNCTION_DECL) {
			location_t at = EXPR_LOCATION(t);

			record(s, TREE_OPERAND(fn, 0), at, IC_REF_CALL);
			if (hooks)
				hooks->call(s->from, t);
			/* The arguments and the static chain at the call's
			   location (or the one so far), neither leftmost nor
			   lvalues. */
			if (at != UNKNOWN_LOCATION)
				loc = at;
			how &= L_AT_USE;
			n = call_expr_nargs(t);
			for (i = 0; i < n; i++) {
				tree arg = CALL_EXPR_ARG(t, i);

				if (arg && !nothing_in(arg))
					scan(s, arg, loc, how);
			}
			t = CALL_EXPR_STATIC_CHAIN(t);
			if (!t)
				return;
			goto again;
		}
		break;
	case W_ADDR:
		/* Told apart from a read or write only for suggest.c: an
		   address may be stored and used after boot. */
		for (decl = TREE_OPERAND(t, 0); handled_component_p(decl);)
			decl = TREE_OPERAND(decl, 0);
		if (TREE_CODE(decl) == COMPOUND_LITERAL_EXPR
		    && ic_is_compound_literal(COMPOUND_LITERAL_EXPR_DECL(decl))) {
			scan_seldom(s, t, loc, how);
			return;
		}
		if (!VAR_P(decl))
			break;
		/* The variable is the one whose address is taken while its
		   operand is walked. */
		op0 = TREE_OPERAND(t, 0);
		if (!op0 || nothing_in(op0))
			return;
		how0 = operands_how(t, ci, &loc, how, &how_n);
		saved = s->address_of;
		s->address_of = decl;
		/* &v itself (most of them) straight to scan_var, as the
		   walk's own dispatch would take it. */
		if (op0 == decl)
			scan_var(s, op0, loc, how0);
		else
			scan(s, op0, loc, how0);
		s->address_of = saved;
		return;
	case W_SAVE:
		/* The one node the front end shares: walk it once.  No
		   "visited" set for the whole walk, since that would also
		   skip the second reference to the same decl. */
		if (seen_save(s, t))
			return;
		break;
	case W_BIND:
		/* Only the body: BIND_EXPR_VARS declares, it does not refer.
		   Automatic variables' initializers are read at their
		   DECL_EXPR; static ones through PLUGIN_FINISH_DECL, with the
		   variable (not the function) as the source.  The body at
		   the BIND_EXPR's location (or the one so far). */
		if (EXPR_LOCATION(t) != UNKNOWN_LOCATION)
			loc = EXPR_LOCATION(t);
		how &= L_AT_USE;
		t = BIND_EXPR_BODY(t);
		if (!t)
			return;
		goto again;
	case W_DECL_EXPR:
		decl = DECL_EXPR_DECL(t);
		if (VAR_P(decl) && !TREE_STATIC(decl) && !DECL_EXTERNAL(decl)) {
			/* An automatic variable's initializer, as for
			   BIND_EXPR. */
			if (!DECL_INITIAL(decl)
			    || DECL_INITIAL(decl) == error_mark_node)
				return;
			if (EXPR_LOCATION(t) != UNKNOWN_LOCATION)
				loc = EXPR_LOCATION(t);
			how &= L_AT_USE;
			t = DECL_INITIAL(decl);
			goto again;
		}
		scan_seldom(s, t, loc, how);
		return;
	case W_EXPR:
		break;
	default:
		scan_seldom(s, t, loc, how);
		return;
	}
	/* An expression: its operands, the last one by going round again.
	   One or two of them (most nodes) without the loop. */
	if (ci->nops == 1) {
		op0 = TREE_OPERAND(t, 0);
		if (!op0 || nothing_in(op0))
			return;
		how = operands_how(t, ci, &loc, how, &how_n);
		t = op0;
		goto again;
	}
	if (ci->nops == 2) {
		op0 = TREE_OPERAND(t, 0);
		op1 = TREE_OPERAND(t, 1);
		if (op0 && nothing_in(op0))
			op0 = NULL_TREE;
		if (op1 && (nothing_in(op1)
			    || ((ci->flags & F_COND) && dead_operand(t, 1))))
			op1 = NULL_TREE;
		if (!op0 && !op1)
			return;
		how0 = operands_how(t, ci, &loc, how, &how_n);
		if (op0) {
			if (!op1) {
				t = op0;
				how = how0;
				goto again;
			}
			scan(s, op0, loc, how0);
		}
		if (ic_profile_has_guards()) {
			guarded_scan(s, t, 1, loc, how_n);
			return;
		}
		t = op1;
		how = how_n;
		goto again;
	}
	t = operands(s, t, ci, &loc, &how);
	if (t)
		goto again;
}

/* Operand I of T, under the boot-only condition its evaluation implies, if
   any: the then-arm of "if (system_state < SYS_STATE_active)", the right
   of "c == &boot_cpu_data && ...", the else-arm of a negated test.  Which
   conditions those are is the profile's data (rules.c). */
static void guarded_scan(struct scan *s, tree t, int i, location_t loc,
			 unsigned how)
{
	const struct ic_guard *saved = s->guard, *g = NULL;

	switch (TREE_CODE(t)) {
	case COND_EXPR:
		g = ic_guard_of(TREE_OPERAND(t, 0), i == 1);
		break;
	case TRUTH_ANDIF_EXPR:
	case TRUTH_AND_EXPR:
		g = ic_guard_of(TREE_OPERAND(t, 0), true);
		break;
	case TRUTH_ORIF_EXPR:
	case TRUTH_OR_EXPR:
		g = ic_guard_of(TREE_OPERAND(t, 0), false);
		break;
	default:
		break;
	}
	if (g)
		s->guard = g;
	scan(s, TREE_OPERAND(t, i), loc, how);
	s->guard = saved;
}

/* PLUGIN_PRE_GENERICIZE: the body of FNDECL, as parsed.  The caller
   keeps FNDECL alive (a file-scope function is a name symbols.c keeps). */
void ic_scan_function(tree fndecl)
{
	struct scan s;

	if (!DECL_SAVED_TREE(fndecl))
		return;
	scan_init(&s, fndecl);
	scan(&s, DECL_SAVED_TREE(fndecl), DECL_SOURCE_LOCATION(fndecl), 0);
	delete s.more_saves;
}

/* PLUGIN_FINISH_DECL: the initializer of a variable of static storage,
   once even when it is declared again.  The caller keeps DECL alive. */
void ic_scan_decl(tree decl)
{
	if (!VAR_P(decl) || !TREE_STATIC(decl))
		return;
	scan_initializer(decl, DECL_SOURCE_LOCATION(decl), decl);
}

/*
 * Which functions can run at all: every external function, every static
 * one marked used, and every static function that something which can run
 * refers to (variables and top-level asm count as running: an initializer
 * or a table is there whether or not it is used).  A static function
 * nothing refers to, such as most of the static inline functions a header
 * brings in, or the kernel's never-called __check_NAME() type checks of
 * module_param(), never runs: its references cannot dangle.  GCC emits
 * no code for it from -O1 on (at -O0 it emits code that nothing calls).
 * Decided from the source, not from what the optimisers removed, so the
 * answer is the same at every -O.
 */
static struct uid_set live;
static bool live_known;

static bool is_root(tree from)
{
	return !from || TREE_CODE(from) != FUNCTION_DECL || TREE_PUBLIC(from)
	       || DECL_PRESERVE_P(from);
}

/* A body's references are recorded in one run, as it is walked: the
   runs of each static function are chained (RUN_HEAD by DECL_UID, then
   RUNS), not every index kept.  A map by DECL_UID and an array where a
   hash map of vectors cost a hash and a malloc per body (3.2 M
   instructions on kernel/sched/core.c); the same set of live functions,
   found in another order. */
struct run {
	unsigned start, next;	/* first reference; 1 + the next run, or 0 */
};

static void compute_live(void)
{
	struct ic_uid_map run_head = { NULL, 0, 0 };
	vec<struct run> runs = vNULL;
	vec<tree> work = vNULL;
	tree last = NULL_TREE;
	unsigned i, k;

	live_known = true;
	for (i = 0; i < nrefs; i++) {
		const struct ic_ref *r = ref_at(i);
		bool root = is_root(r->from);

		if (!root && r->from != last) {
			unsigned uid = DECL_UID(r->from);
			struct run run;

			run.start = i;
			run.next = ic_uid_map_get(&run_head, uid);
			runs.safe_push(run);
			ic_uid_map_put(&run_head, uid, runs.length());
		}
		last = r->from;
		if (root && TREE_CODE(r->to) == FUNCTION_DECL
		    && !is_root(r->to) && !uid_set_add(&live, r->to))
			work.safe_push(r->to);
	}
	while (!work.is_empty()) {
		tree fn = work.pop();
		for (k = ic_uid_map_get(&run_head, DECL_UID(fn)); k;
		     k = runs[k - 1].next) {
			for (i = runs[k - 1].start; i < nrefs && ref_at(i)->from == fn;
			     i++) {
				tree to = ref_at(i)->to;

				if (TREE_CODE(to) == FUNCTION_DECL
				    && !is_root(to) && !uid_set_add(&live, to))
					work.safe_push(to);
			}
		}
	}
	ic_uid_map_release(&run_head);
	runs.release();
	work.release();
}

/* Whether code in FROM can run (see above); asked once parsing is done. */
bool ic_can_run(tree from)
{
	static tree last_asked;		/* asked once per run of references */
	static bool last_answer;

	if (is_root(from))
		return true;
	if (!live_known) {
		compute_live();
		last_asked = NULL_TREE;
	}
	if (from != last_asked) {
		last_asked = from;
		last_answer = uid_set_contains(&live, from);
	}
	return last_answer;
}

/*
 * The calls of each function, for what is judged at the calls of an
 * always-inline function (ic_for_each_real_call): an index built once,
 * where a scan of every reference per inlined reference cost 0.2 % of a
 * kernel unit's compile.
 */
static hash_map<tree, vec<unsigned> > *callers;

static hash_set<tree> *address_taken;

static void index_callers(void)
{
	unsigned i;

	callers = new hash_map<tree, vec<unsigned> >;
	address_taken = new hash_set<tree>;
	for (i = 0; i < nrefs; i++) {
		const struct ic_ref *r = ref_at(i);

		if (r->kind == IC_REF_CALL && r->from)
			callers->get_or_insert(r->to).safe_push(i);
		else if (r->kind != IC_REF_CALL)
			address_taken->add(r->to);
	}
}

/* Whether anything refers to FN other than by calling it. */
bool ic_address_taken(tree fn)
{
	if (!callers)
		index_callers();
	return address_taken->contains(fn);
}

/* The calls of FN (indexes for ic_ref_at), or NULL when there are none. */
const vec<unsigned> *ic_calls_of(tree fn)
{
	if (!callers)
		index_callers();
	return callers->get(fn);
}

/*
 * An always-inline static function is not code of its own: the language
 * puts its body into every caller, whatever -O says.  What it refers to is
 * judged at each call, against the caller's section, so a wrapper like
 * the kernel's memblock_alloc() (always-inline, calling __init code) is
 * fine in __init callers and an error in the others.  One whose address
 * is taken gets an out-of-line copy and is judged as itself.
 */
static hash_map<tree, bool> *transparent_cache;

static tree transparent_asked;		/* the references of one body come */
static bool transparent_answer;		/* in a run: ask once per run */

bool ic_is_transparent(tree fn)
{
	bool *known, existed;
	struct ic_place p;

	if (fn == transparent_asked)
		return transparent_answer;
	transparent_asked = fn;
	transparent_answer = false;
	if (!fn || TREE_CODE(fn) != FUNCTION_DECL || TREE_PUBLIC(fn)
	    || !lookup_attribute("always_inline", DECL_ATTRIBUTES(fn)))
		return false;
	if (!transparent_cache)
		transparent_cache = new hash_map<tree, bool>;
	known = &transparent_cache->get_or_insert(fn, &existed);
	if (!existed) {
		ic_classify(fn, &p);
		*known = p.cls == IC_NORMAL && !ic_address_taken(fn);
	}
	transparent_answer = *known;
	return transparent_answer;
}

/* The calls that bring FN's body into functions of their own, each given
   to EACH with DATA: FN's calls from code that can run, and where the
   caller is always-inline (ic_is_transparent), its callers' calls, and so
   on, DEPTH levels up to 8. */
static void real_calls(tree fn, ic_call_fn each, void *data, int depth)
{
	const vec<unsigned> *calls = ic_calls_of(fn);
	unsigned i;

	for (i = 0; calls && i < calls->length(); i++) {
		const struct ic_ref *c = ref_at((*calls)[i]);

		if (!ic_can_run(c->from))
			continue;
		if (!ic_is_transparent(c->from))
			each(c, data);
		else if (depth < 8)
			real_calls(c->from, each, data, depth + 1);
	}
}

void ic_for_each_real_call(tree fn, ic_call_fn each, void *data)
{
	real_calls(fn, each, data, 0);
}

unsigned ic_refs_count(void)
{
	return nrefs;
}

/* The K-th chunk of references and, in *N, how many it holds, or NULL
   past the last: for a pass over all of them in order without a call per
   reference. */
const struct ic_ref *ic_refs_chunk(unsigned k, unsigned *n)
{
	if (k >= nchunks || k * IC_REF_CHUNK >= nrefs)
		return NULL;
	*n = MIN(IC_REF_CHUNK, nrefs - k * IC_REF_CHUNK);
	return ref_chunks[k].refs;
}

const struct ic_ref *ic_ref_at(unsigned i)
{
	return ref_at(i);
}

void ic_refs_release(void)
{
	unsigned i;

	for (i = 0; i < nchunks; i++)
		free_chunk(&ref_chunks[i]);
	XDELETEVEC(ref_chunks);
	ref_chunks = NULL;
	nrefs = nchunks = chunks_alloc = 0;
	uid_set_release(&scanned);
	uid_set_release(&kept);
	uid_set_release(&live);
	live_known = false;
	if (callers)
		for (hash_map<tree, vec<unsigned> >::iterator it =
		     callers->begin(); it != callers->end(); ++it)
			(*it).second.release();
	delete callers;
	callers = NULL;
	delete address_taken;
	address_taken = NULL;
	delete transparent_cache;
	transparent_cache = NULL;
	transparent_asked = NULL_TREE;
	transparent_answer = false;
	vec_free(ic_live_decls);
}
