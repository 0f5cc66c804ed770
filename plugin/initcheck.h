/*
 * initcheck.h - what the parts of the plugin share.
 *
 * The plugin is split by concern, in layers: a file calls only files of
 * the layers below it (make layers checks it from the objects;
 * docs/design.md shows how one finding goes through them).  Bottom first:
 *
 *   options.c     -fplugin-arg-initcheck-KEY[=VALUE], parsed into ic_opts
 *   rules.c       (source class, target class) -> rule, as one table; the
 *                 profiles' exemptions; severities, as the options set them
 *   symbols.c     the unit's file-scope declarations, by name
 *   classify.c    section name -> class (init, exit, ref, table, ...)
 *   json-text.c   JSON strings and text every JSON parser accepts
 *   files.c       side files, written atomically
 *   references.c  the reference store: every reference a function body,
 *                 a static initializer or top-level asm makes, the walk
 *                 that finds them, and the questions about the graph
 *   toplevel-asm.c references made by top-level asm (EXPORT_SYMBOL)
 *   strings.c     string literals only init code uses (counted, or moved)
 *   redecl.c      a section added by a later declaration
 *   suggest.c     what only init code uses, and could be freed with it
 *   judge.c       the one decision on a reference: rule, severity,
 *                 exemption
 *   sarif.c       the plugin's SARIF log
 *   gcc-sarif.c   the rule in GCC's own SARIF (gcc-common.h)
 *   findings.c    every kind of finding and note, its message in one place,
 *                 emitted to GCC and to the SARIF log
 *   diagnose.c    the unit's findings, with their notes and fix-its
 *   manifest.c    the unit's manifest, into the object
 *   initcheck.c   plugin_init: version check, callbacks
 */
#ifndef INITCHECK_H
#define INITCHECK_H

/* The version, from one place: the Makefile's VERSION. */
#ifndef IC_VERSION
#error "IC_VERSION is not defined: build with the Makefile"
#endif

#include "gcc-common.h"
#include "../include/initcheck-record.h"	/* what the tools read */

#define IC_NAME "initcheck"

/*
 * A map from DECL_UID to a non-zero unsigned, by open addressing (inline:
 * classify.c and references.c keep one each).  For questions about a few
 * of a unit's decls, where an array by DECL_UID is as long as the unit's
 * highest DECL_UID (some 300,000 in a kernel unit), cleared and copied as
 * it grows.
 */
struct ic_uid_map {
	unsigned *slots;	/* pairs: 1 + DECL_UID (0: empty), value */
	unsigned size, used;	/* pairs; SIZE a power of two */
};

static inline unsigned *ic_uid_map_at(const struct ic_uid_map *m,
				      unsigned uid)
{
	unsigned mask = m->size - 1, i = (uid * 2654435761u) & mask;

	while (m->slots[2 * i] && m->slots[2 * i] != uid + 1)
		i = (i + 1) & mask;
	return &m->slots[2 * i];
}

/* The value for DECL_UID UID, or 0. */
static inline unsigned ic_uid_map_get(const struct ic_uid_map *m,
				      unsigned uid)
{
	return m->size ? ic_uid_map_at(m, uid)[1] : 0;
}

static inline void ic_uid_map_put(struct ic_uid_map *m, unsigned uid,
				  unsigned value)
{
	unsigned *slot;

	if (2 * (m->used + 1) > m->size) {
		struct ic_uid_map old = *m;
		unsigned i;

		m->size = old.size ? 2 * old.size : 256;
		m->slots = XCNEWVEC(unsigned, 2 * m->size);
		for (i = 0; i < old.size; i++)
			if (old.slots[2 * i]) {
				slot = ic_uid_map_at(m, old.slots[2 * i] - 1);
				slot[0] = old.slots[2 * i];
				slot[1] = old.slots[2 * i + 1];
			}
		XDELETEVEC(old.slots);
	}
	slot = ic_uid_map_at(m, uid);
	if (!slot[0]) {
		slot[0] = uid + 1;
		m->used++;
	}
	slot[1] = value;
}

static inline void ic_uid_map_release(struct ic_uid_map *m)
{
	XDELETEVEC(m->slots);
	m->slots = NULL;
	m->size = m->used = 0;
}

/* options.c: -fplugin-arg-initcheck-KEY[=VALUE], parsed into ic_opts,
   which the layers above read. */
enum ic_profile { IC_PROFILE_STRICT, IC_PROFILE_KERNEL, IC_PROFILE_XEN };

/* error=, warning=, ignore=, kernel=: what rules.c applies, in order. */
struct ic_rule_setting {
	const char *key;	/* "error", "warning", "ignore", "kernel" */
	const char *value;	/* "RULE[,RULE...]", "VERSION": as given */
};

struct ic_options {
	bool disable;		/* load, but do nothing */
	bool warn_only;		/* errors become warnings */
	const char *sarif;	/* write findings as SARIF 2.1.0 here */
	const char *manifest;	/* also write the manifest as JSON here */
	bool suggest;		/* note what could be __init (suggest.c) */
	bool move_strings;	/* init-only literals into .init.rodata */
	bool no_lang_warning;	/* no word about input that is not C */
	bool help;		/* print the options, check nothing */
	enum ic_profile profile;	/* profile=, or kernel= */
	struct ic_rule_setting *rule_settings;
	unsigned nrule_settings;
};
extern struct ic_options ic_opts;
bool ic_parse_options(struct plugin_name_args *info);
const char *ic_options_help(void);

/* What the layers pass up to each other: the place of a decl, a
   reference, a rule. */
/* What the section of a function or variable says about its lifetime. */
enum ic_class {
	IC_NORMAL,	/* .text, .data, .bss, any unlisted section: lives on */
	IC_RODATA,	/* .rodata, .data.rel.ro, const data with no section */
	IC_INIT,	/* .init.*: freed after boot */
	IC_MEMINIT,	/* .meminit.*: kept after boot with memory hotplug */
	IC_EXIT,	/* .exit.*: discarded when built in */
	IC_REF,		/* .ref.*: declared to refer to init while it lives */
	IC_INIT_TABLE,	/* .initcall*.init, .init.setup, .exitcall.exit */
	IC_EXPORT,	/* ___ksymtab*: the kernel's export table */
	IC_PCI_FIXUP,	/* .pci_fixup_*: PCI quirk tables */
	IC_HEAD,	/* .head.text: the kernel's early entry code */
	IC_DISCARD,	/* .discard.*: dropped by the linker script */
	IC_NCLASSES
};

#define IC_BIT(c) (1u << (c))

/* The class of DECL and the section it is in, with the marker that puts
   a function or variable there (for messages and fix-its). */
struct ic_place {
	enum ic_class cls;
	const char *section;	/* ".init.text", or GCC's default ".text" */
	const char *marker;	/* "__init", "__initdata", ... or NULL */
	bool is_function;
	bool section_is_default;	/* no section of the user's */
};

/* How a reference was made; only calls are told apart in messages. */
enum ic_ref_kind {
	IC_REF_CALL,
	IC_REF_ADDRESS,	/* &fn, fn as a value, &var */
	IC_REF_USE,	/* a read or write of a variable */
};

struct ic_ref {
	tree from;		/* the function or variable making it, or
				   NULL_TREE for a top-level asm statement */
	const char *asm_section;	/* then: the section it emits into */
	tree to;		/* the function or variable referred to */
	location_t loc_;	/* where, with a range when GCC has one:
				   read through ic_ref_loc() */
	enum ic_ref_kind kind;
	bool loc_at_start;	/* ic_ref_loc() puts the caret at the start
				   of LOC_'s range (a leftmost variable) */
	/* Where in the source the reference sits, for the exemptions of a
	   profile that look at it (rules.c): */
	tree member;		/* the FIELD_DECL an initializer element
				   stores it in, or NULL_TREE */
	tree asm_stmt;		/* the ASM_EXPR it is an operand of */
	const struct ic_guard *guard;	/* the innermost boot-only condition
					   it is evaluated under, or NULL */
};

/* A condition under which code runs only while booting (profile xen,
   rules.c). */
struct ic_guard;

enum ic_severity { IC_IGNORE, IC_WARNING, IC_ERROR };

struct ic_rule {
	const char *name;	/* short id, shown as [initcheck:NAME] */
	unsigned from;		/* IC_BIT mask of source classes */
	int from_kind;		/* -1 any, 0 data only, 1 code only */
	unsigned to;		/* IC_BIT mask of forbidden target classes */
	enum ic_severity severity;
	const char *summary;	/* one line: why it is a bug */
};

/* rules.c */
const struct ic_rule *ic_rule_for(const struct ic_place *from,
				  const struct ic_place *to);
const struct ic_rule *ic_rule_named(const char *name);
const struct ic_rule *ic_rule_at(unsigned i);

bool ic_rules_configure(void);
const char *ic_exempt(const struct ic_ref *r, tree from,
		      const struct ic_place *fp,
		      tree to, const struct ic_place *tp);
/* Whether the walk notes boot-only conditions (profile xen's guards):
   asked per operand, so inline. */
static inline bool ic_profile_has_guards(void)
{
	return ic_opts.profile == IC_PROFILE_XEN;
}
const struct ic_guard *ic_guard_of(tree cond, bool truth);
bool ic_init_only_unit(void);
bool ic_glob(const char *pattern, const char *s);
void ic_rules_note_unit(void);
void ic_rules_release(void);
enum ic_severity ic_rule_severity(const struct ic_rule *rule);
diagnostic_t ic_diagnostic_kind(enum ic_severity sev);
bool ic_werror_suspend(diagnostic_t kind);
void ic_werror_resume(bool suspended);
void ic_kernel_include_file(const char *path);

/* symbols.c */
bool ic_symbols_note(tree decl);
extern const struct ggc_root_tab ic_symbols_ggc_roots[];
tree ic_symbol_by_id(tree id);
tree ic_decl_named(const char *name);
void ic_symbols_release(void);

/* classify.c */
void ic_classify(tree decl, struct ic_place *out);

/*
 * Whether DECL certainly has no section of the user's, told without
 * classifying it: no attribute at all (so neither section nor alias) and
 * no section set in its symtab node.  Its class is then GCC's default
 * (classify.c): IC_NORMAL or IC_RODATA, or IC_INIT in an init-only unit.
 * Most references are to such decls; inline, since diagnose.c asks it of
 * every one.
 */
static inline bool ic_default_section(tree decl)
{
	symtab_node *node;

	if (DECL_ATTRIBUTES(decl))
		return false;
	node = symtab_node::get(decl);
	return !node || !node->get_section() || node->implicit_section;
}

void ic_classify_freeze(void);
void ic_classify_release(void);
void ic_classify_section(const char *section, bool is_function,
			 struct ic_place *out);
const char *ic_class_name(enum ic_class cls);
tree ic_alias_ultimate(tree decl);

/* json-text.c: JSON strings and text every JSON parser accepts */
namespace json { class value; }
json::value *ic_json_str(const char *s);
char *ic_json_text(json::value *v);
size_t ic_utf8_length(const unsigned char *s);

/* table-text.c: the record's references table, tab-separated text */
struct ic_table {
	char *text;		/* NUL-terminated */
	size_t len, cap;
	bool in_row;
};
void ic_table_str(struct ic_table *t, const char *s);
void ic_table_int(struct ic_table *t, long v);
void ic_table_end_row(struct ic_table *t);
void ic_table_release(struct ic_table *t);

/* files.c */
bool ic_write_file(const char *path, const char *text, const char *what);

/* references.c */
void ic_refs_init(void);
void ic_scan_function(tree fndecl);
void ic_scan_decl(tree decl);
void ic_keep_decl(tree decl);
bool ic_can_run(tree from);
bool ic_is_compound_literal(tree t);
const vec<unsigned> *ic_calls_of(tree fn);
bool ic_address_taken(tree fn);
bool ic_is_transparent(tree fn);
typedef void (*ic_call_fn)(const struct ic_ref *call, void *data);
void ic_for_each_real_call(tree fn, ic_call_fn each, void *data);
void ic_record_asm_ref(const char *section, tree to, location_t loc);
unsigned ic_refs_count(void);
const struct ic_ref *ic_ref_at(unsigned i);
const struct ic_ref *ic_refs_chunk(unsigned k, unsigned *n);
location_t ic_ref_loc(const struct ic_ref *r);
void ic_refs_release(void);
extern const struct ggc_root_tab ic_refs_ggc_roots[];

/* What the walk tells a layer above it, besides the references. */
struct ic_walk_hooks {
	void (*call)(tree from, tree call);	/* a direct call, before its
						   arguments are walked */
	void (*string)(tree str);		/* every string literal */
};
void ic_walk_set_hooks(const struct ic_walk_hooks *hooks);

/* toplevel-asm.c */
bool ic_asm_note_decl(tree decl);
void ic_scan_toplevel_asm(void);
void ic_asm_release(void);
const char *ic_asm_section_at(unsigned i);

/* strings.c */
extern const struct ic_walk_hooks ic_strings_hooks;
void ic_strings_move(void);
void ic_strings_json(json::object *m);
void ic_strings_release(void);

/* redecl.c */
struct ic_redecl {
	tree decl;
	location_t first;	/* the declaration without a section */
	location_t later;	/* the one that adds it */
	struct ic_place place;	/* where it is now */
};
bool ic_redecl_seen(tree decl, struct ic_redecl *out);

/* Whether ic_redecl_seen looks at declarations at all: only under profile
   strict (asked first: every declaration of a unit comes by). */
static inline bool ic_redecl_active(void)
{
	return ic_opts.profile == IC_PROFILE_STRICT;
}

void ic_redecl_release(void);

/* suggest.c */
struct ic_suggestion {
	tree decl;
	const char *marker;	/* "__init", "__initdata", "__initconst" */
	long bytes;		/* a variable's size; -1 for a function */
	unsigned uses;		/* references in this unit */
	unsigned nneeds;	/* the suggested functions that reach it, */
	tree *needs;		/* to be marked with it (or none) */
};
void ic_suggest_seen_definition(tree fndecl);
unsigned ic_suggestions(const struct ic_suggestion **out, unsigned *nstatic,
			const vec<tree> **ext_init,
			const vec<tree> **ext_runtime);
void ic_suggest_decide(void);
namespace json { class object; }
void ic_suggest_json(json::object *m);
void ic_suggest_release(void);

/* judge.c: the one decision on a reference */
struct ic_verdict {
	const struct ic_rule *rule;	/* the rule it breaks, or NULL */
	enum ic_severity severity;	/* the rule's, as in force */
	const char *exemption;		/* why the profile allows it, or NULL
					   (asked only of a rule in force) */
	struct ic_place from, to;	/* its ends, as judged */
};
/* TO is a class the target may have in another unit (manifest.c). */
#define IC_JUDGE_ELSEWHERE 1u
bool ic_judge(const struct ic_ref *r, tree from, const struct ic_ref *site,
	      const struct ic_place *to, unsigned flags,
	      struct ic_verdict *v);
void ic_judge_release(void);

/* sarif.c: findings for -fplugin-arg-initcheck-sarif=FILE */
void ic_sarif_result(const struct ic_rule *rule, enum ic_severity sev,
		     location_t loc, const char *message,
		     location_t fix_loc, const char *fix_text);
void ic_sarif_note(location_t loc, const char *message);
void ic_sarif_write(const char *path);

/* gcc-sarif.c: the rule of a finding in GCC's own SARIF (gcc-common.h) */
extern const char *ic_gcc_sarif_rule;
bool ic_gcc_sarif_requested(void);
void ic_gcc_sarif_init(void);

/* findings.c: every kind of finding and note, with its one message (the
   table in findings.c); emitted to GCC and to the SARIF log alike */
enum ic_message_id {
	IC_MSG_REFERENCE,		/* findings */
	IC_MSG_INLINED,
	IC_MSG_TOPLEVEL_ASM,
	IC_MSG_COMPOUND_LITERAL,
	IC_MSG_REDECL,
	IC_MSG_INLINED_HERE,		/* their notes */
	IC_MSG_DECLARED,
	IC_MSG_ALIAS_DECLARED,
	IC_MSG_MARK_SOURCE,
	IC_MSG_RUNS_AFTER_INIT,
	IC_MSG_LITERAL_INIT_ONLY,
	IC_MSG_EARLIER_DECL,
	IC_MSG_SUGGEST_FUNCTION,	/* suggestions */
	IC_MSG_SUGGEST_VARIABLE,
	IC_MSG_SUGGEST_FUNCTION_WITH,
	IC_MSG_SUGGEST_VARIABLE_WITH,
	IC_MSG_SUGGEST_EXIT,
	IC_NMESSAGES
};

#define IC_MESSAGE_MAX_ARGS 8

/* A message: its kind, and the arguments of the kind's format, in order. */
struct ic_message_arg {
	tree decl;		/* a decl, shown by its name, */
	const char *text;	/* or a text */
};

struct ic_message {
	enum ic_message_id id;
	unsigned nargs;
	struct ic_message_arg args[IC_MESSAGE_MAX_ARGS];
};
void ic_message_start(struct ic_message *m, enum ic_message_id id);
void ic_message_decl(struct ic_message *m, tree decl);
void ic_message_text(struct ic_message *m, const char *text);
bool ic_emit_finding(const struct ic_message *m, const struct ic_rule *rule,
		     enum ic_severity sev, rich_location *richloc,
		     location_t fix_loc, const char *fix_text);
void ic_emit_note(const struct ic_message *m, rich_location *richloc);

/* diagnose.c */
void ic_diagnose_all(void);
void ic_diagnose_redecl(const struct ic_redecl *rd);
void ic_diagnose_suggestions(void);
void ic_diagnose_release(void);

/* manifest.c */
void ic_manifest_finish_unit(void);
void ic_manifest_syntax_only(void);

#endif /* INITCHECK_H */
