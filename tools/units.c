/*
 * units.c - one translation unit's manifest, parsed with jansson, and the
 * section sizes its record carries.
 */
#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "../include/initcheck-record.h"

struct rc_unit *rc_units;
size_t rc_nunits;
size_t rc_nsuggesting;
static size_t units_alloc;
bool rc_keep_json;
static struct rc_map strings;	/* the interned strings: key = value */

const char *rc_intern(const char *s)
{
	const char *p;
	char *q;

	if (!s)
		return NULL;
	if ((p = rc_map_get(&strings, s)))
		return p;
	q = rc_xstrdup(s);
	rc_map_put(&strings, q, q);
	return q;
}

static void intern_free(void)
{
	size_t i;

	for (i = 0; i < strings.cap; i++)
		free(strings.vals[i]);
	rc_map_free(&strings);
}

/* The strings of a small table ("files", "forbidden"), interned. */
static const char **intern_table(json_t *arr)
{
	const char **v = rc_xcalloc(json_array_size(arr) + 1, sizeof(*v));
	json_t *e;
	size_t i;

	json_array_foreach(arr, i, e)
		v[i] = rc_intern(json_string_value(e));
	return v;
}

/* Entry IX of a table, or NULL (no such cell: an older manifest). */
static const char *table_at(const char **v, size_t n, json_t *ix)
{
	json_int_t i = json_integer_value(ix);

	return json_is_integer(ix) && i >= 0 && (size_t)i < n ? v[i] : NULL;
}

/* Where each column of the references table is in this manifest's rows,
   by the names "reference_columns" gives (initcheck-record.h): -1 for a
   column an older plugin did not write. */
static void ref_columns(json_t *names, int *at)
{
	static const char *const known[] = { IC_REF_COLUMNS };
	size_t i, k;

	for (k = 0; k < IC_NCOLUMNS; k++)
		at[k] = -1;
	for (i = 0; i < json_array_size(names); i++) {
		const char *n = json_string_value(json_array_get(names, i));

		for (k = 0; n && k < IC_NCOLUMNS; k++)
			if (!strcmp(n, known[k]))
				at[k] = (int)i;
	}
}

static json_t *cell(json_t *row, const int *at, enum ic_ref_column c)
{
	return at[c] < 0 ? NULL : json_array_get(row, (size_t)at[c]);
}

/* The rows of "references", with "files" and "forbidden" looked up. */
static void read_refs(struct rc_unit *u)
{
	json_t *refs = json_object_get(u->manifest, "references"), *r;
	json_t *fj = json_object_get(u->manifest, "files");
	json_t *sj = json_object_get(u->manifest, "forbidden");
	const char **files = intern_table(fj), **sets = intern_table(sj);
	const char *prev_from = NULL, *prev_sec = NULL;
	size_t i, n = 0, nfiles = json_array_size(fj);
	int at[IC_NCOLUMNS];

	ref_columns(json_object_get(u->manifest, "reference_columns"), at);
	u->refs = rc_xcalloc(json_array_size(refs), sizeof(*u->refs));
	json_array_foreach(refs, i, r) {
		struct rc_ref *x = &u->refs[n];
		const char *kind = json_string_value(cell(r, at, IC_COL_KIND));
		const char *from = json_string_value(cell(r, at, IC_COL_FROM));
		const char *sec = json_string_value(
			cell(r, at, IC_COL_FROM_SECTION));
		const char *inl = json_string_value(
			cell(r, at, IC_COL_FROM_INLINE));

		if (!(x->sym = rc_intern(json_string_value(
				cell(r, at, IC_COL_SYMBOL)))))
			continue;
		/* a function's rows are together: its name once */
		x->from = prev_from && from && !strcmp(prev_from, from)
			  ? prev_from : (prev_from = rc_intern(from));
		x->from_sec = prev_sec && sec && !strcmp(prev_sec, sec)
			      ? prev_sec : (prev_sec = rc_intern(sec));
		x->call = kind && !strcmp(kind, "call");
		x->file = table_at(files, nfiles, cell(r, at, IC_COL_FILE));
		x->line = (unsigned)json_integer_value(cell(r, at, IC_COL_LINE));
		x->col = (unsigned)json_integer_value(
			cell(r, at, IC_COL_COLUMN));
		x->forbidden = table_at(sets, json_array_size(sj),
					cell(r, at, IC_COL_FORBIDDEN));
		x->from_inline = inl && *inl ? rc_intern(inl) : NULL;
		x->from_file = table_at(files, nfiles,
					cell(r, at, IC_COL_FROM_FILE));
		x->from_line = (unsigned)json_integer_value(
			cell(r, at, IC_COL_FROM_LINE));
		x->from_col = (unsigned)json_integer_value(
			cell(r, at, IC_COL_FROM_COLUMN));
		n++;
	}
	u->nrefs = n;
	free(files);
	free(sets);
}

static const struct {
	const char *name;
	enum rc_class cls;
	const char *label;
} classes[] = {
	{ "init", RC_INIT, "init" },
	{ "init table", RC_INIT_TABLE, "init table" },
	{ "meminit", RC_MEMINIT, "meminit" },
	{ "exit", RC_EXIT, "exit" },
};

enum rc_class rc_class_of(const char *section, const char *class_name)
{
	size_t i;

	(void)section;
	for (i = 0; class_name && i < sizeof(classes) / sizeof(classes[0]); i++)
		if (!strcmp(class_name, classes[i].name))
			return classes[i].cls;
	return RC_OTHER;
}

enum rc_class rc_class_by_prefix(const char *section)
{
	if (!strncmp(section, ".init.", 6))
		return RC_INIT;
	if (!strncmp(section, ".exit.", 6))
		return RC_EXIT;
	if (!strncmp(section, ".meminit.", 9))
		return RC_MEMINIT;
	return RC_OTHER;
}

const char *rc_class_label(enum rc_class cls)
{
	size_t i;

	for (i = 0; i < sizeof(classes) / sizeof(classes[0]); i++)
		if (classes[i].cls == cls)
			return classes[i].label;
	return "other";
}

/* What the unit's arrays hold is not kept as JSON too (a third of the
   memory: measured on a kernel, 57 MB against 21 MB), unless the JSON is
   printed whole (--manifests). */
static const char *const read_keys[] = { "references", "files",
	"forbidden", "reference_columns", "symbols", "sections" };

static bool is_read_key(const char *key)
{
	size_t i;

	for (i = 0; i < sizeof(read_keys) / sizeof(read_keys[0]); i++)
		if (!strcmp(key, read_keys[i]))
			return true;
	return false;
}

/* M without what its unit's arrays hold, copied with malloc (M is in
   the arena's blocks). */
static json_t *copy_unread_json(json_t *m)
{
	json_t *copy = json_object(), *v;
	const char *key;

	json_object_foreach(m, key, v)
		if (!is_read_key(key))
			json_object_set_new(copy, key, json_deep_copy(v));
	return copy;
}

struct rc_symbol *rc_unit_symbol(struct rc_unit *u, const char *name)
{
	void *ix = u->symbol_ix ? rc_map_get(u->symbol_ix, name) : NULL;

	return ix ? &u->symbols[RC_UNIX(ix)] : NULL;
}

/* Indexes symbol I of U by name (the first of namesakes stays). */
void rc_unit_index_symbol(struct rc_unit *u, size_t i)
{
	if (!u->symbol_ix)
		u->symbol_ix = rc_xcalloc(1, sizeof(*u->symbol_ix));
	if (!rc_map_get(u->symbol_ix, u->symbols[i].name))
		rc_map_put(u->symbol_ix, u->symbols[i].name, RC_IX(i));
}

static const char *str_or(json_t *v, const char *none)
{
	const char *s = json_string_value(v);

	return s ? s : none;
}

/* The manifest's "sections", with the SIZES the record carries in
   their order. */
static void read_sections(struct rc_unit *u, const unsigned *sizes,
			  size_t nsizes)
{
	json_t *secs = json_object_get(u->manifest, "sections"), *v;
	size_t i;

	u->nsections = json_array_size(secs);
	u->sections = rc_xcalloc(u->nsections, sizeof(*u->sections));
	json_array_foreach(secs, i, v) {
		struct rc_section *s = &u->sections[i];

		s->name = rc_xstrdup(json_string_value(json_object_get(v, "name")));
		s->cls = rc_class_of(s->name, json_string_value(
					     json_object_get(v, "class")));
		/* 0xffffffff: a name the assembler could not use. */
		s->bytes = i < nsizes && sizes[i] != 0xffffffffu
			   ? (long long)sizes[i] : -1;
	}
}

/* The manifest's "symbols", each in one of the unit's sections (or in
   none: ""), indexed by name. */
static void read_symbols(struct rc_unit *u)
{
	json_t *syms = json_object_get(u->manifest, "symbols"), *v;
	size_t i, k;

	u->nsymbols = json_array_size(syms);
	u->symbols = rc_xcalloc(u->nsymbols, sizeof(*u->symbols));
	json_array_foreach(syms, i, v) {
		struct rc_symbol *s = &u->symbols[i];
		const char *sec = json_string_value(json_object_get(v,
								    "section"));
		json_t *bytes = json_object_get(v, "bytes");

		s->name = rc_xstrdup(json_string_value(json_object_get(v, "name")));
		s->function = !strcmp(str_or(json_object_get(v, "kind"), ""),
				      "function");
		s->global = json_is_true(json_object_get(v, "global"));
		s->file = rc_intern(json_string_value(json_object_get(v, "file")));
		s->line = (long)json_integer_value(json_object_get(v, "line"));
		s->bytes = json_is_integer(bytes) ? json_integer_value(bytes)
						  : -1;
		s->section = "";
		for (k = 0; sec && k < u->nsections; k++)
			if (!strcmp(u->sections[k].name, sec))
				s->section = u->sections[k].name;
		rc_unit_index_symbol(u, i);
	}
}

/* jansson's allocations while one manifest is parsed and read come from
   blocks that are dropped together afterwards, not freed value by value:
   a Linux 6.12 defconfig vmlinux.o holds 2.2 million values, and malloc
   and free of each were a fifth of the report's time.  What the unit
   keeps of its JSON is copied out with malloc first (json_deep_copy). */
#define ARENA_BLOCK (1u << 20)
struct arena_block {
	struct arena_block *next;
	size_t size, used;
	max_align_t data[];
};
static struct arena_block *arena;

static void *arena_alloc(size_t n)
{
	struct arena_block *b = arena;
	size_t a = sizeof(max_align_t);

	if (n > SIZE_MAX / 2)
		return NULL;
	n = (n + a - 1) / a * a;
	if (!b || b->size - b->used < n) {
		size_t size = n > ARENA_BLOCK ? n : ARENA_BLOCK;

		b = rc_xrealloc(NULL, sizeof(*b) + size);
		b->size = size;
		b->used = 0;
		b->next = arena;
		arena = b;
	}
	b->used += n;
	return (char *)b->data + b->used - n;
}

static void arena_free(void *p)
{
	(void)p;	/* the block goes with the others, in arena_drop */
}

/* Back to malloc, and the blocks dropped (every value in them with
   them): the last block made stays, empty, for the next manifest. */
static void arena_drop(void)
{
	json_set_alloc_funcs(malloc, free);
	while (arena && arena->next) {
		struct arena_block *next = arena->next;

		free(arena);
		arena = next;
	}
	if (arena)
		arena->used = 0;
}

/* The manifest in TEXT (LEN bytes), parsed: NULL (an error said) if it
   is not one this tool reads. */
static json_t *parse_manifest(const char *origin, const char *text,
			      size_t len)
{
	json_error_t err;
	json_t *m = json_loadb(text, len, 0, &err);

	if (!m || !json_is_object(m)) {
		rc_error("%s: manifest is not valid JSON: %s (line %d)", origin,
			 err.text, err.line);
		json_decref(m);
		return NULL;
	}
	if (json_integer_value(json_object_get(m, "version")) != 1) {
		rc_error("%s: manifest version %lld, this tool reads 1", origin,
			 (long long)json_integer_value(json_object_get(m,
								   "version")));
		json_decref(m);
		return NULL;
	}
	return m;
}

/* The unit of a manifest (JSON text of LEN bytes) with the SIZES its
   record carries, in the order of its "sections". */
struct rc_unit *rc_unit_add(const char *origin, const char *text, size_t len,
			    const unsigned *sizes, size_t nsizes)
{
	json_t *m;
	struct rc_unit *u;

	if (!rc_keep_json)
		json_set_alloc_funcs(arena_alloc, arena_free);
	m = parse_manifest(origin, text, len);
	if (!m) {
		if (!rc_keep_json)
			arena_drop();
		return NULL;
	}
	if (rc_nunits == units_alloc) {
		units_alloc = units_alloc ? 2 * units_alloc : 64;
		rc_units = rc_xrealloc(rc_units, units_alloc * sizeof(*rc_units));
	}
	u = &rc_units[rc_nunits++];
	memset(u, 0, sizeof(*u));
	u->origin = rc_xstrdup(origin);
	u->manifest = m;
	u->tu = json_string_value(json_object_get(m, "tu"));
	u->sizes_exact = json_is_true(json_object_get(m, "sizes_exact"));
	u->lto_only = json_is_true(json_object_get(m, "lto_only"));
	u->has_suggest = json_object_get(m, "suggest") != NULL;
	rc_nsuggesting += u->has_suggest;
	read_sections(u, sizes, nsizes);
	read_symbols(u);
	read_refs(u);
	u->tu = rc_intern(u->tu);
	if (!rc_keep_json) {
		json_set_alloc_funcs(malloc, free);
		u->manifest = copy_unread_json(m);
		arena_drop();
	}
	return u;
}

void rc_units_free(void)
{
	size_t i, k;

	for (i = 0; i < rc_nunits; i++) {
		struct rc_unit *u = &rc_units[i];

		for (k = 0; k < u->nsections; k++)
			free(u->sections[k].name);
		for (k = 0; k < u->nsymbols; k++)
			free(u->symbols[k].name);
		free(u->sections);
		free(u->symbols);
		free(u->refs);
		free(u->origin);
		json_decref(u->manifest);
		if (u->symbol_ix)
			rc_map_free(u->symbol_ix);
		free(u->symbol_ix);
	}
	free(rc_units);
	rc_units = NULL;
	rc_nunits = units_alloc = rc_nsuggesting = 0;
	intern_free();
}
