/*
 * report.h - what the parts of initcheck-report share.  Bottom layer
 * first: each file uses only files listed before it (`make layers`
 * checks that no two files depend on each other; docs/design.md,
 * "Layers of initcheck-report", has the diagram).
 *
 *   util.c              messages, allocation that exits when memory runs
 *                       out, growing arrays
 *   table.c             an INITCHK3 record's references table (TSV)
 *   map.c               a string-keyed hash table
 *   units.c             one translation unit: its manifest (jansson), the
 *                       section sizes its record carries; interned strings
 *   objects.c           inputs: files, directories, archives (thin ones
 *                       too), ld -r outputs, read with libelf: the units
 *                       of their records, and what their sections and
 *                       symbol tables say (struct rc_object)
 *   crossref.c          references across units to init and exit symbols
 *   suggest.c           what could be __init, over all units
 *   totals.c            the report's figures: bytes per section and class,
 *                       objects without a manifest, --linked, the largest
 *                       units and symbols
 *   predict.c           --predict-free: the kernel's freed init memory
 *   kbuild.c            --predict-free IMAGE alone: the link's inputs in a
 *                       kernel build directory, then predict.c
 *   module.c            --predict-module: a loadable module's init memory
 *   sarif.c             --sarif: the cross-unit findings as SARIF 2.1.0
 *   initcheck-report.c  the command line, and the report as text or JSON
 *                       from what the files above computed
 */
#ifndef INITCHECK_REPORT_H
#define INITCHECK_REPORT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Section classes, as the plugin names them in the manifest. */
enum rc_class { RC_INIT, RC_INIT_TABLE, RC_MEMINIT, RC_EXIT, RC_OTHER };
#define RC_NCLASSES (RC_OTHER + 1)

struct rc_section {
	char *name;
	enum rc_class cls;
	long long bytes;	/* -1: not known */
	long long align;	/* objects only: sh_addralign */
	bool alloc;		/* objects only: SHF_ALLOC */
	char *witness;		/* objects only: a symbol defined in it,
				   global if it has one (--predict-free
				   finds where the section went by it) */
	bool witness_global;
	long long relax;	/* objects only: at most this many of its
				   bytes RISC-V's linker relaxation deletes
				   in a final link (object_relax()) */
};

struct rc_symbol {
	char *name;
	const char *section;	/* points into the unit's sections */
	long long bytes;	/* -1: not known */
	bool function;
	bool global;
	const char *file;	/* borrowed from the manifest */
	long line;
};

/* One row of a manifest's "references" (docs/manifest.md): strings
   interned (rc_intern), shared by every unit. */
struct rc_ref {
	const char *sym, *from, *from_sec, *file, *forbidden;
	unsigned line, col;
	bool call;
	const char *from_inline;	/* "inline", "always_inline" or NULL */
	const char *from_file;		/* where FROM is defined, or NULL */
	unsigned from_line, from_col;
};

struct rc_unit {
	char *origin;		/* "obj/a.o", "lib.a(a.o)", "x.json" */
	struct rc_ref *refs;	/* the references table, as rows */
	size_t nrefs;
	json_t *manifest;
	const char *tu;		/* borrowed from the manifest */
	struct rc_section *sections;
	size_t nsections;
	struct rc_symbol *symbols;
	size_t nsymbols;
	bool sizes_exact;
	bool has_suggest;	/* the manifest has "suggest" (compiled with
				   -fplugin-arg-initcheck-suggest) */
	bool lto_only;		/* -flto, no fat code: nothing counted */
	struct rc_map *symbol_ix;	/* name -> index + 1 in symbols */
};

/* A function or variable an object defines, as its symbol table has it:
   what suggest.c needs to count the bytes marking it would free, kept
   only where a unit could use it (one with "suggest"). */
struct rc_sized {
	const char *name;	/* interned */
	long long bytes;	/* st_size */
	bool function;
	size_t unit;		/* index + 1 in rc_units of the unit the symbol
				   table gives it to; 0: none (suggest.c looks
				   for the unit that lists it a candidate) */
};

/* A global symbol an ELF input defines in a section whose name says it
   is freed or discarded (.init.*, .meminit.*, .exit.*): what the
   cross-unit check looks up when no manifest defines the name, as for an
   assembler file's symbols. */
struct rc_def {
	char *name, *section;
};

/* One ELF input's own section sizes, for what the units do not explain
   (link-time padding, objects the plugin did not compile), and its
   symbols as far as a part above needs them. */
struct rc_object {
	char *path;
	struct rc_section *sections;	/* every section of the ELF, by name:
					   size summed, largest alignment */
	size_t nsections;
	size_t first_unit, nunits;	/* its units in rc_units */
	struct rc_sized *sized;		/* see struct rc_sized */
	size_t nsized;
	const char **undefined;		/* objects of no unit only: the names
					   they use (interned) */
	size_t nundefined;
	struct rc_def *defs;		/* see struct rc_def */
	size_t ndefs;
};

/* util.c */
#ifdef __GNUC__		/* the format checked where the compiler can */
#define RC_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define RC_PRINTF(f, a)
#endif
extern int rc_errors;	/* rc_error()s said */
void rc_error(const char *fmt, ...) RC_PRINTF(1, 2);
void *rc_xrealloc(void *p, size_t size);	/* or exit 2: out of memory */
void *rc_xcalloc(size_t n, size_t size);
void *rc_grow(void *p, size_t n, size_t size);	/* room for p[n] */
char *rc_xstrdup(const char *s);
char *rc_xasprintf(const char *fmt, ...) RC_PRINTF(1, 2);

/* map.c: string keys (borrowed), pointer values (never NULL). */
struct rc_map {
	const char **keys;
	void **vals;
	unsigned long long *hashes;
	size_t cap, n;
};
void *rc_map_get(const struct rc_map *m, const char *key);
void *rc_map_put(struct rc_map *m, const char *key, void *val);
void rc_map_free(struct rc_map *m);
#define RC_IX(i) ((void *)((size_t)(i) + 1))	/* an index as a value */
#define RC_UNIX(p) ((size_t)(p) - 1)		/* and back */

/* table.c: the next row of a record's references table. */
int rc_table_row(char **at, char *end, char **cells, int max);

/* units.c: the units read, in the order read. */
extern struct rc_unit *rc_units;
extern size_t rc_nunits;
extern size_t rc_nsuggesting;	/* units with has_suggest */
struct rc_unit *rc_unit_add(const char *origin, const char *json,
			    size_t len, char *table, size_t table_len,
			    const unsigned *sizes, size_t nsizes);
enum rc_class rc_class_of(const char *section, const char *class_name);
/* The class of a section by its name alone: .init.*, .meminit.*, .exit.* */
enum rc_class rc_class_by_prefix(const char *section);
const char *rc_class_label(enum rc_class cls);
struct rc_symbol *rc_unit_symbol(struct rc_unit *u, const char *name);
void rc_unit_index_symbol(struct rc_unit *u, size_t i);
const char *rc_intern(const char *s);	/* one copy of each string */
/* Keep each manifest's whole JSON (--manifests prints it); else what is
   read into the unit's arrays is dropped from it. */
extern bool rc_keep_json;
void rc_units_free(void);

/* objects.c: the objects read, in the order read. */
extern struct rc_object *rc_objects;
extern size_t rc_nobjects;
int rc_read_path(const char *path);	/* file or directory; 0 if fine */
/* The members a thin archive names, as paths (relative ones joined to the
   archive's directory), NULL-terminated; NULL (an error said) if the file
   is not one.  Free with rc_strv_free. */
char **rc_thin_members(const char *path);
void rc_strv_free(char **v);

/* crossref.c */
int rc_crossref(json_t *out, FILE *text);	/* errors found */
void rc_print_finding(FILE *text, json_t *finding);	/* as GCC does */

/* suggest.c: computed once all is read, then given as JSON or text;
   LIST: each suggestion, not only the sums. */
struct rc_suggestions;
struct rc_suggestions *rc_suggest(void);
void rc_suggest_json(json_t *out, const struct rc_suggestions *sg, bool list);
void rc_suggest_print(FILE *f, const struct rc_suggestions *sg, bool list);
void rc_suggest_free(struct rc_suggestions *sg);

/* totals.c: the report's figures, computed once all is read. */
struct rc_total {		/* one section name over all units */
	const char *name;
	enum rc_class cls;
	long long bytes;	/* what the units give */
	bool unknown;		/* some unit had no size for it */
	long long unclaimed;	/* in the objects, but in no unit: code the
				   plugin did not compile (assembler files) */
	/* --linked */
	long long linked;	/* its bytes in the linked binary; -1: not
				   read */
	long long predicted;	/* linked size expected from the inputs */
	long long relax_max;	/* at most this much less by RISC-V's linker
				   relaxation (a final link only) */
	long long relaxed;	/* linked - predicted, when that is a
				   relaxation's: within relax_max */
	long long padding;	/* predicted - bytes - unclaimed */
	long long unexplained;	/* linked - predicted - relaxed */
};

struct rc_unit_row {
	const struct rc_unit *unit;
	long long init;		/* its init and init table bytes */
};

struct rc_symref {
	const struct rc_unit *unit;
	const struct rc_symbol *sym;
};

/* An object without a manifest (assembler files, code built without the
   plugin) and the bytes of its reclaimable sections. */
struct rc_bare {
	const struct rc_object *o;
	long long bytes[RC_NCLASSES];
	long long init;		/* init + init tables */
};

struct rc_totals {
	struct rc_total *sections;	/* by class, then name */
	size_t nsections;
	long long by_class[RC_NCLASSES];	/* the units' */
	long long linked_by_class[RC_NCLASSES];	/* --linked */
	long long bare_bytes[RC_NCLASSES];	/* objects without a manifest */
	long long init, linked_init, bare_init;	/* init + init tables */
	struct rc_unit_row *units;	/* rc_nunits, by init bytes */
	struct rc_symref *syms;		/* every unit's, by bytes */
	size_t nsyms;
	struct rc_bare *bare;
	size_t nbare;
};
/* LINKED: the linked binary, or NULL. */
void rc_totals(struct rc_totals *t, const char *linked);
void rc_totals_free(struct rc_totals *t);

/* predict.c */
int rc_predict_free(const char *image, long long page_size, bool as_json);

/* kbuild.c: --predict-free IMAGE alone, in a kernel build directory: the
   link's inputs found as scripts/link-vmlinux.sh gives them, then read
   and predicted. */
int rc_predict_free_kbuild(const char *image, long long page_size,
			   bool as_json);

/* module.c: --predict-module KO */
int rc_predict_module(const char *path, long long page, bool kallsyms,
		      bool as_json);

/* sarif.c */
int rc_sarif_write(const char *path, json_t *findings);

#endif
