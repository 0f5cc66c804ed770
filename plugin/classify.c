/*
 * classify.c - what a function's or variable's section says about how long
 * it lives.
 *
 * One table maps section names (shell patterns, first match wins) to a class.
 * The names are the Linux kernel's (include/linux/init.h, the linker script
 * include/asm-generic/vmlinux.lds.h and scripts/mod/modpost.c), which other
 * freestanding code that frees its start-up sections copies.
 */
#include "initcheck.h"

struct ic_pattern {
	const char *glob;
	enum ic_class cls;
	const char *marker;	/* the macro that puts a symbol there */
};

static const struct ic_pattern ic_patterns[] = {
	/* Tables that point at init or exit code and are freed or discarded
	   with it: initcalls, __setup, module_exit.  They come before .init.*
	   because .init.setup would match it. */
	{ ".initcall*.init",	IC_INIT_TABLE,	"initcall" },
	{ ".con_initcall.init",	IC_INIT_TABLE,	"console_initcall" },
	{ ".init.setup",	IC_INIT_TABLE,	"__setup" },
	{ ".exitcall.exit",	IC_INIT_TABLE,	"__exitcall" },
	/* Kernel tables that include/asm-generic/vmlinux.lds.h places inside
	   INIT_DATA (and arch scripts inside init memory): freed with init,
	   so they may point at it. */
	{ "_ftrace_eval_map",	IC_INIT_TABLE,	"TRACE_DEFINE_ENUM" },
	{ "__earlycon_table",	IC_INIT_TABLE,	"EARLYCON_DECLARE" },
	{ ".lsm_info.init",	IC_INIT_TABLE,	"DEFINE_LSM" },
	{ ".early_lsm_info.init", IC_INIT_TABLE, "DEFINE_EARLY_LSM" },
	{ ".x86_cpu_dev.init",	IC_INIT_TABLE,	"cpu_dev_register" },
	/* powerpc: vmlinux.lds.S keeps it before __init_end; __init
	   probe_machine() copies the chosen one into ppc_md. */
	{ ".machine.desc",	IC_INIT_TABLE,	"define_machine" },
	{ "__*_of_table",	IC_INIT_TABLE,	"OF_DECLARE" },
	{ "__*_acpi_probe_table", IC_INIT_TABLE, "ACPI_DECLARE_PROBE_ENTRY" },
	{ ".kunit_test_suites",	IC_INIT_TABLE,	"kunit_test_suites" },
	/* Constructors: KERNEL_CTORS() puts them inside INIT_DATA, and
	   SANITIZER_DISCARDS throws them away without CONFIG_CONSTRUCTORS;
	   they never outlive init.  Not .init.*, it only looks like it. */
	{ ".init_array",	IC_INIT_TABLE,	NULL },
	{ ".init_array.*",	IC_INIT_TABLE,	NULL },

	{ ".init.text",		IC_INIT,	"__init" },
	{ ".init.data",		IC_INIT,	"__initdata" },
	{ ".init.rodata",	IC_INIT,	"__initconst" },
	{ ".init.*",		IC_INIT,	NULL },

	{ ".meminit.text",	IC_MEMINIT,	"__meminit" },
	{ ".meminit.data",	IC_MEMINIT,	"__meminitdata" },
	{ ".meminit.rodata",	IC_MEMINIT,	"__meminitconst" },
	{ ".meminit.*",		IC_MEMINIT,	NULL },

	{ ".exit.text",		IC_EXIT,	"__exit" },
	{ ".exit.data",		IC_EXIT,	"__exitdata" },
	{ ".exit.rodata",	IC_EXIT,	"__exitconst" },
	{ ".exit.*",		IC_EXIT,	NULL },

	{ ".ref.text",		IC_REF,		"__ref" },
	{ ".ref.data",		IC_REF,		"__refdata" },
	{ ".ref.rodata",	IC_REF,		"__refconst" },
	{ ".ref.*",		IC_REF,		NULL },

	/* EXPORT_SYMBOL where the entry is a C variable (no PREL32). */
	{ "___ksymtab*",	IC_EXPORT,	"EXPORT_SYMBOL" },
	/* Linux 6.5 and later: EXPORT_SYMBOL records the symbol here and
	   modpost makes the ksymtab (top-level asm, toplevel-asm.c). */
	{ ".export_symbol",	IC_EXPORT,	"EXPORT_SYMBOL" },
	{ ".pci_fixup_*",	IC_PCI_FIXUP,	"DECLARE_PCI_FIXUP" },
	{ ".head.text",		IC_HEAD,	"__head" },

	/* Thrown away by the linker script (e.g. __ADDRESSABLE for initcalls). */
	{ ".discard",		IC_DISCARD,	NULL },
	{ ".discard.*",		IC_DISCARD,	NULL },

	{ ".rodata",		IC_RODATA,	NULL },
	{ ".rodata.*",		IC_RODATA,	NULL },
	{ ".data.rel.ro",	IC_RODATA,	NULL },
	{ ".data.rel.ro.*",	IC_RODATA,	NULL },
};

/* As manifests spell them, which the tools read (initcheck-record.h); the
   messages use them too ("init variable"). */
static const char *const ic_class_names[IC_NCLASSES] = {
	[IC_NORMAL] = IC_CLASS_NORMAL,
	[IC_RODATA] = IC_CLASS_RODATA,
	[IC_INIT] = IC_CLASS_INIT,
	[IC_MEMINIT] = IC_CLASS_MEMINIT,
	[IC_EXIT] = IC_CLASS_EXIT,
	[IC_REF] = IC_CLASS_REF,
	[IC_INIT_TABLE] = IC_CLASS_INIT_TABLE,
	[IC_EXPORT] = IC_CLASS_EXPORT,
	[IC_PCI_FIXUP] = IC_CLASS_PCI_FIXUP,
	[IC_HEAD] = IC_CLASS_HEAD,
	[IC_DISCARD] = IC_CLASS_DISCARD,
};

const char *ic_class_name(enum ic_class cls)
{
	return ic_class_names[cls];
}

/*
 * The section the user asked for, or NULL.  The attribute is read first:
 * it survives on the decl when -O2 removes an unused symbol's symtab node
 * (and DECL_SECTION_NAME with it), so the verdict does not depend on what
 * the optimisers kept.  Sections GCC chose itself (-ffunction-sections)
 * do not count.
 */
static const char *user_section(tree decl)
{
	tree attr = lookup_attribute("section", DECL_ATTRIBUTES(decl));
	symtab_node *node;

	if (attr && TREE_VALUE(attr)
	    && TREE_CODE(TREE_VALUE(TREE_VALUE(attr))) == STRING_CST)
		return TREE_STRING_POINTER(TREE_VALUE(TREE_VALUE(attr)));
	node = symtab_node::get(decl);
	if (node && node->get_section() && !node->implicit_section)
		return node->get_section();
	return NULL;
}

/* Read-only data: what GCC puts in .rodata or, with relocations under
   -fpic/-fpie, in .data.rel.ro.  The declared type decides, not
   TREE_READONLY, which -O2 sets on variables it finds are never written.
   A const volatile one is read-only from GCC 13 on, data before
   (IC_CONST_VOLATILE_READONLY, gcc-common.h). */
static bool is_readonly_var(tree decl)
{
	tree type = strip_array_types(TREE_TYPE(decl));

	return TYPE_READONLY(type)
	       && (IC_CONST_VOLATILE_READONLY || !TYPE_VOLATILE(type));
}

/* The first pattern SEC matches, or -1.  A unit names few sections
   (.text.unlikely, .data..read_mostly, .init.text, ...) and classifies
   decls in them again and again: the answer is kept per name, since a
   pass over the table costs some 30,000 instructions with fnmatch alone
   (ic_glob asks it only where the name starts as the pattern does). */
static hash_map<nofree_string_hash, int> *by_section;

/* And the last few names asked about, compared as strings: a section
   attribute's string is the decl's own, and get_identifier hashes it
   each time (some 200 instructions, for every __init function). */
#define IC_RECENT_SECTIONS 4
#define IC_RECENT_NAME 32

static struct {
	char name[IC_RECENT_NAME];
	int pattern;
} recent[IC_RECENT_SECTIONS];
static unsigned nrecent, recent_next;

static int pattern_of(const char *sec)
{
	const char *key;
	bool existed;
	int *known, i;
	unsigned k;

	for (k = 0; k < nrecent; k++)
		if (!strcmp(recent[k].name, sec))
			return recent[k].pattern;
	key = IDENTIFIER_POINTER(get_identifier(sec));
	if (!by_section)
		by_section = new hash_map<nofree_string_hash, int>;
	known = &by_section->get_or_insert(key, &existed);
	if (!existed) {
		*known = -1;
		for (i = 0; i < (int)ARRAY_SIZE(ic_patterns); i++) {
			if (ic_glob(ic_patterns[i].glob, sec)) {
				*known = i;
				break;
			}
		}
	}
	if (strlen(sec) < IC_RECENT_NAME) {
		strcpy(recent[recent_next].name, sec);
		recent[recent_next].pattern = *known;
		recent_next = (recent_next + 1) % IC_RECENT_SECTIONS;
		if (nrecent < IC_RECENT_SECTIONS)
			nrecent++;
	}
	return *known;
}

/* The class of an explicitly named section. */
void ic_classify_section(const char *sec, bool is_function,
			 struct ic_place *out)
{
	int i = pattern_of(sec);

	out->is_function = is_function;
	out->section = sec;
	out->section_is_default = false;
	out->marker = i < 0 ? NULL : ic_patterns[i].marker;
	out->cls = i < 0 ? IC_NORMAL : ic_patterns[i].cls;
}

/*
 * Once the unit is parsed no section changes any more, and the same decls
 * are classified again and again (every reference names two): from then
 * on the answers are kept.  Found by DECL_UID, which stays a decl's for
 * its life, in an ic_uid_map: a hash map of trees cost some 130
 * instructions a lookup, and an array by DECL_UID was as long as the
 * unit's highest DECL_UID, cleared and copied as it grew, for the few
 * decls asked about (diagnose.c no longer asks about those in GCC's
 * default section).  The same answers: a decl is classified at its first
 * question after the freeze, as before.
 */
static bool frozen;
static struct ic_uid_map known_at;	/* DECL_UID -> 1 + index in KNOWN */
static vec<struct ic_place> known;

void ic_classify_freeze(void)
{
	frozen = true;
}

void ic_classify_release(void)
{
	frozen = false;
	ic_uid_map_release(&known_at);
	known.release();
	delete by_section;
	by_section = NULL;
	nrecent = recent_next = 0;
}

static void classify(tree decl, struct ic_place *out);

void ic_classify(tree decl, struct ic_place *out)
{
	unsigned at;

	if (!frozen) {
		classify(decl, out);
		return;
	}
	at = ic_uid_map_get(&known_at, DECL_UID(decl));
	if (!at) {
		struct ic_place p;

		classify(decl, &p);
		known.safe_push(p);
		at = known.length();
		ic_uid_map_put(&known_at, DECL_UID(decl), at);
	}
	*out = known[at - 1];
}

/* The decl that DECL's alias attribute makes it another name for, or
   NULL_TREE.  An alias is the same address as its target, so it is in the
   target's section (GCC rejects an alias declared in another). */
static tree alias_target(tree decl)
{
	tree attr = lookup_attribute("alias", DECL_ATTRIBUTES(decl));

	if (!attr || !TREE_VALUE(attr)
	    || TREE_CODE(TREE_VALUE(TREE_VALUE(attr))) != STRING_CST)
		return NULL_TREE;
	return ic_decl_named(TREE_STRING_POINTER(TREE_VALUE(TREE_VALUE(attr))));
}

/* What DECL is another name for, through aliases of aliases (a cycle
   is GCC's error; stop anyway), or DECL itself. */
tree ic_alias_ultimate(tree decl)
{
	tree next;
	int depth;

	for (depth = 0; depth < 8 && (next = alias_target(decl))
			&& next != decl; depth++)
		decl = next;
	return decl;
}

static void classify(tree decl, struct ic_place *out)
{
	tree target = ic_alias_ultimate(decl);
	const char *sec = user_section(target);

	if (sec) {
		ic_classify_section(sec, TREE_CODE(decl) == FUNCTION_DECL,
				    out);
		return;
	}
	out->is_function = TREE_CODE(decl) == FUNCTION_DECL;
	out->marker = NULL;
	out->section_is_default = true;

	/* No section of the user's: GCC's default.  A variable that is the
	   source of a reference has a non-zero initializer, so it is never
	   in .bss. */
	if (ic_init_only_unit() && !DECL_EXTERNAL(target)) {
		/* A Xen foo.init.o (profile xen, rules.c): objcopy renames
		   what this unit defines to .init.*, and the build fails on
		   anything left in .text, .data or .bss. */
		out->section = out->is_function ? ".init.text"
			       : is_readonly_var(target) ? ".init.rodata"
			       : ".init.data";
		out->cls = IC_INIT;
	} else if (out->is_function) {
		out->section = ".text";
		out->cls = IC_NORMAL;
	} else if (is_readonly_var(target)) {
		out->section = flag_pic ? ".data.rel.ro" : ".rodata";
		out->cls = IC_RODATA;
	} else {
		out->section = ".data";
		out->cls = IC_NORMAL;
	}
}
