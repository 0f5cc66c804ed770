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

/* Where each column of the references table is in this manifest's rows,
   by the names its header gives ("reference_columns", or the first line
   of a record's table; initcheck-record.h): -1 for a column an older
   plugin did not write. */
static void ref_columns(const char *const *names, size_t n, int *at)
{
	static const char *const known[] = { IC_REF_COLUMNS };
	size_t i, k;

	for (k = 0; k < IC_NCOLUMNS; k++)
		at[k] = -1;
	for (i = 0; i < n; i++)
		for (k = 0; names[i] && k < IC_NCOLUMNS; k++)
			if (!strcmp(names[i], known[k]))
				at[k] = (int)i;
}

/* One row's cells, from either form of the table: a string, or a number
   (has_num), or neither (no such cell). */
struct ref_cells {
	const char *str[IC_NCOLUMNS];
	long long num[IC_NCOLUMNS];
	bool has_num[IC_NCOLUMNS];
};

/* The small tables a row's numbers index, and what the previous row
   said (a function's rows are together: its name interned once). */
struct ref_reader {
	const char **files, **sets;
	size_t nfiles, nsets;
	const char *prev_from, *prev_sec;
};

static const char *entry(const char **v, size_t n, const struct ref_cells *c,
			 enum ic_ref_column k)
{
	return c->has_num[k] && c->num[k] >= 0 && (unsigned long long)c->num[k]
	       < n ? v[c->num[k]] : NULL;
}

static unsigned number(const struct ref_cells *c, enum ic_ref_column k)
{
	return c->has_num[k] ? (unsigned)c->num[k] : 0;
}

/* Row C into X: false for a row without a symbol. */
static bool store_ref(struct rc_ref *x, const struct ref_cells *c,
		      struct ref_reader *r)
{
	const char *from = c->str[IC_COL_FROM], *sec = c->str[IC_COL_FROM_SECTION];
	const char *kind = c->str[IC_COL_KIND], *inl = c->str[IC_COL_FROM_INLINE];

	if (!(x->sym = rc_intern(c->str[IC_COL_SYMBOL])))
		return false;
	x->from = r->prev_from && from && !strcmp(r->prev_from, from)
		  ? r->prev_from : (r->prev_from = rc_intern(from));
	x->from_sec = r->prev_sec && sec && !strcmp(r->prev_sec, sec)
		      ? r->prev_sec : (r->prev_sec = rc_intern(sec));
	x->call = kind && !strcmp(kind, "call");
	x->file = entry(r->files, r->nfiles, c, IC_COL_FILE);
	x->line = number(c, IC_COL_LINE);
	x->col = number(c, IC_COL_COLUMN);
	x->forbidden = entry(r->sets, r->nsets, c, IC_COL_FORBIDDEN);
	x->from_inline = inl && *inl ? rc_intern(inl) : NULL;
	x->from_file = entry(r->files, r->nfiles, c, IC_COL_FROM_FILE);
	x->from_line = number(c, IC_COL_FROM_LINE);
	x->from_col = number(c, IC_COL_FROM_COLUMN);
	return true;
}

static void reader_init(struct ref_reader *r, json_t *m)
{
	json_t *fj = json_object_get(m, "files");
	json_t *sj = json_object_get(m, "forbidden");

	memset(r, 0, sizeof(*r));
	r->files = intern_table(fj);
	r->sets = intern_table(sj);
	r->nfiles = json_array_size(fj);
	r->nsets = json_array_size(sj);
}

/* The rows of "references", with "files" and "forbidden" looked up. */
static void read_refs(struct rc_unit *u)
{
	json_t *refs = json_object_get(u->manifest, "references"), *row;
	json_t *names = json_object_get(u->manifest, "reference_columns");
	const char *name[64] = { 0 };
	struct ref_reader rd;
	size_t i, n = 0, k;
	int at[IC_NCOLUMNS];

	for (i = 0; i < json_array_size(names) && i < 64; i++)
		name[i] = json_string_value(json_array_get(names, i));
	ref_columns(name, i, at);
	reader_init(&rd, u->manifest);
	u->refs = rc_xcalloc(json_array_size(refs), sizeof(*u->refs));
	json_array_foreach(refs, i, row) {
		struct ref_cells c;

		memset(&c, 0, sizeof(c));
		for (k = 0; k < IC_NCOLUMNS; k++) {
			json_t *v = at[k] < 0 ? NULL
				    : json_array_get(row, (size_t)at[k]);

			c.str[k] = json_string_value(v);
			c.has_num[k] = json_is_integer(v);
			c.num[k] = json_integer_value(v);
		}
		n += store_ref(&u->refs[n], &c, &rd);
	}
	u->nrefs = n;
	free(rd.files);
	free(rd.sets);
}

/* A cell of a record's table as a number, if it is one: an optional
   minus and at most 18 digits (a line, a column, an index).  Not strtoll:
   it is asked for seven cells of every row, and its locale and errno cost
   more than the rest of reading the row. */
static bool cell_number(const char *s, long long *v)
{
	bool minus = *s == '-';
	long long n = 0;
	int digits = 0;

	for (s += minus; *s >= '0' && *s <= '9' && digits < 18; s++, digits++)
		n = 10 * n + (*s - '0');
	*v = minus ? -n : n;
	return digits && !*s;
}

/* The cells of a table's row as JSON, for --manifests: the integer
   columns as numbers, everything else as strings (U+FFFD for one that is
   not UTF-8, which the plugin never writes). */
static json_t *row_json(char **cell, int n, const bool *is_int)
{
	json_t *row = json_array();
	long long v;

	for (int i = 0; i < n; i++) {
		json_t *j = is_int[i] && cell_number(cell[i], &v)
			    ? json_integer(v) : json_string(cell[i]);

		json_array_append_new(row, j ? j : json_string("\xef\xbf\xbd"));
	}
	return row;
}

/* The references table of an INITCHK3 record (TABLE, up to its
   terminating NUL at END; table.c), read as read_refs() reads the JSON.
   For --manifests it also goes into the manifest as JSON, where every
   other form of the manifest has it. */
static void read_table(struct rc_unit *u, char *table, char *end)
{
	char *header[64], *cell[64], *p;
	bool is_int[64] = { false };
	json_t *rows = rc_keep_json ? json_array() : NULL;
	struct ref_reader rd;
	size_t n = 0, cap = 0, k;
	int nh, nc, at[IC_NCOLUMNS];

	nh = rc_table_row(&table, end, header, 64);
	ref_columns((const char *const *)header, nh < 0 ? 0 : (size_t)nh, at);
	for (k = IC_COL_FILE; k <= IC_COL_FROM_COLUMN; k++)
		if (at[k] >= 0 && k != IC_COL_FROM_INLINE)
			is_int[at[k]] = true;
	reader_init(&rd, u->manifest);
	for (p = table; p < end; p++)	/* rows to come: at most the lines */
		cap += *p == '\n';
	u->refs = rc_xcalloc(cap + 1, sizeof(*u->refs));
	while (n <= cap && (nc = rc_table_row(&table, end, cell, 64)) >= 0) {
		struct ref_cells c;

		memset(&c, 0, sizeof(c));
		for (k = 0; k < IC_NCOLUMNS; k++) {
			if (at[k] < 0 || at[k] >= nc)
				continue;
			c.str[k] = cell[at[k]];
			if (is_int[at[k]])
				c.has_num[k] = cell_number(c.str[k], &c.num[k]);
		}
		n += store_ref(&u->refs[n], &c, &rd);
		if (rows)
			json_array_append_new(rows, row_json(cell, nc, is_int));
	}
	u->nrefs = n;
	free(rd.files);
	free(rd.sets);
	if (rows) {
		json_t *cols = json_array();

		for (int i = 0; i < nh; i++)
			json_array_append_new(cols, json_string(header[i]));
		json_object_set_new(u->manifest, "reference_columns", cols);
		json_object_set_new(u->manifest, "references", rows);
	}
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
   record carries, in the order of its "sections", and an INITCHK3
   record's references TABLE (TABLE_LEN bytes and a NUL; NULL for the
   other forms, whose JSON has them). */
struct rc_unit *rc_unit_add(const char *origin, const char *text, size_t len,
			    char *table, size_t table_len,
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
	if (table)
		read_table(u, table, table + table_len);
	else
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
