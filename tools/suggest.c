/*
 * suggest.c - what could be __init, __initdata or __initconst, over the
 * whole build (-fplugin-arg-initcheck-suggest, docs/rules.md).
 *
 * Each unit judged its static functions and variables itself; it could not
 * judge its global ones, which other units may use.  Its manifest lists
 * those ("global") with the other units' symbols it uses only from init
 * code ("init_only") and after boot ("runtime").  A global candidate is
 * suggested here when no unit uses it after boot, no object without a
 * manifest (assembler files) refers to it, and something uses it at all.
 * When a unit was compiled without the option nothing is known of what it
 * uses, and global candidates are held back.
 *
 * Bytes: a variable's size is in the manifest; a function's is its st_size
 * in the object, with its clones' (foo.constprop.0, foo.cold).  A function
 * inlined into all its callers has no symbol and frees nothing more.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

static const char *or_else(const char *s, const char *none)
{
	return s ? s : none;
}

/* One suggestion, as computed: what both outputs print. */
struct suggestion {
	const char *name, *marker, *file;	/* file: never NULL */
	bool function;
	long units;		/* 0: a static; else of how many units */
	long long bytes;	/* -1: not known */
	json_int_t line, col;
	json_t *needs;		/* borrowed from the manifest */
};

struct file_total {
	const char *file;
	long long bytes;
	size_t n;
};

/* The suggestions over all units, computed once (rc_suggest), then
   given as JSON or as text. */
struct rc_suggestions {
	size_t with;		/* units compiled with the option */
	bool complete;		/* all of them */
	size_t held;		/* global candidates held back */
	struct suggestion *list;
	size_t nlist;
	struct file_total *files;	/* by bytes, then name */
	size_t nfiles;
	long long total;	/* bytes over all files */
	size_t nsym;
	size_t str_units;	/* init-only string literals (strings.c) */
	long long str_literals, str_bytes, str_moved;
	json_t **sizes;		/* per unit: name -> bytes in the objects */
	json_t *foreign;	/* names objects without a manifest use */
};

/* ---- what the objects say: sizes, and the names foreign code uses */

/* The unit that lists global NAME as a candidate, of the first LIMIT
   units (those read by the time the object was): in an ld -r output the
   symbol table does not say which unit a global function came from. */
struct owners {
	json_t *map;		/* global candidate -> index in rc_units */
	size_t seen;		/* units already in it */
};

static const struct rc_unit *owner_of(struct owners *ow, const char *name,
				      size_t limit)
{
	json_t *v, *ix;
	size_t k;

	for (; ow->seen < limit; ow->seen++) {
		json_t *sg = json_object_get(rc_units[ow->seen].manifest,
					     "suggest");

		json_array_foreach(json_object_get(sg, "global"), k, v)
			json_object_set_new(ow->map, json_string_value(
				json_object_get(v, "name")),
				json_integer((json_int_t)ow->seen));
	}
	ix = json_object_get(ow->map, name);
	return ix ? &rc_units[json_integer_value(ix)] : NULL;
}

/* A symbol D of unit U: a function counts for its origin too, for a
   clone ("foo.constprop.0" is foo's); a variable by its own name
   ("once.0", a function's static). */
static void add_size(struct rc_suggestions *sg, const struct rc_unit *u,
		     const struct rc_sized *d)
{
	size_t n = d->function ? strcspn(d->name, ".") : strlen(d->name);
	json_t **sizes = &sg->sizes[u - rc_units], *v;
	char *base = strndup(d->name, n);

	if (!base)
		return;
	if (!*sizes)
		*sizes = json_object();
	v = json_object_get(*sizes, base);
	json_object_set_new(*sizes, base, json_integer(
		(v ? json_integer_value(v) : 0) + d->bytes));
	free(base);
}

/* The symbols the objects define, to the units with suggestions, and
   the names objects of no unit use, in the order they were read. */
static void read_objects(struct rc_suggestions *sg)
{
	struct owners ow = { json_object(), 0 };
	size_t k, i;

	sg->sizes = rc_xcalloc(rc_nunits, sizeof(*sg->sizes));
	sg->foreign = json_object();
	for (k = 0; k < rc_nobjects; k++) {
		const struct rc_object *o = &rc_objects[k];

		for (i = 0; i < o->nsized; i++) {
			const struct rc_sized *d = &o->sized[i];
			const struct rc_unit *u = d->unit
				? &rc_units[d->unit - 1]
				: owner_of(&ow, d->name, o->first_unit + o->nunits);

			if (u && u->has_suggest)
				add_size(sg, u, d);
		}
		for (i = 0; i < o->nundefined; i++)
			json_object_set_new(sg->foreign, o->undefined[i],
					    json_true());
	}
	json_decref(ow.map);
}

/* ---- the suggestions */

static void add_to_file(struct rc_suggestions *sg, const char *file,
			long long bytes)
{
	size_t i;

	for (i = 0; i < sg->nfiles; i++)
		if (!strcmp(sg->files[i].file, file))
			break;
	if (i == sg->nfiles) {
		sg->files = rc_grow(sg->files, sg->nfiles, sizeof(*sg->files));
		sg->files[sg->nfiles++] = (struct file_total){ file, 0, 0 };
	}
	sg->files[i].bytes += bytes;
	sg->files[i].n++;
}

/* What marking S frees: its bytes in the object (a variable GCC folded
   away, or a function inlined into all its callers, frees nothing more);
   without the object (a JSON side file), a variable's declared size. */
static long long bytes_of(const struct rc_suggestions *sg,
			  const struct rc_unit *u, json_t *s)
{
	json_t *b = json_object_get(s, "bytes"), *f;
	json_t *sizes = sg->sizes[u - rc_units];

	if (!u->sizes_exact)
		return json_is_integer(b) ? json_integer_value(b) : -1;
	f = sizes ? json_object_get(sizes, json_string_value(
				json_object_get(s, "name"))) : NULL;
	return f ? json_integer_value(f) : 0;
}

/* Candidate S of unit U, a suggestion of UNITS units (0: a static). */
static void suggest_one(struct rc_suggestions *sg, const struct rc_unit *u,
			json_t *s, long units)
{
	const char *file = json_string_value(json_object_get(s, "file"));
	const char *kind = json_string_value(json_object_get(s, "kind"));
	struct suggestion *x;

	sg->list = rc_grow(sg->list, sg->nlist, sizeof(*sg->list));
	x = &sg->list[sg->nlist++];
	*x = (struct suggestion){
		.name = json_string_value(json_object_get(s, "name")),
		.marker = json_string_value(json_object_get(s, "marker")),
		.file = file ? file : "",
		.function = !strcmp(or_else(kind, ""), "function"),
		.units = units,
		.bytes = bytes_of(sg, u, s),
		.line = json_integer_value(json_object_get(s, "line")),
		.col = json_integer_value(json_object_get(s, "column")),
		.needs = json_object_get(s, "needs"),
	};
	add_to_file(sg, x->file, x->bytes > 0 ? x->bytes : 0);
}

/* What every unit's manifest says of the global candidates: used after
   boot (RUNTIME), by how many units from init code (INIT_USERS), defined
   by how many (DEFS). */
struct uses {
	json_t *runtime, *init_users, *defs;
};

static void count_one(json_t *counts, const char *name)
{
	json_t *n = json_object_get(counts, name);

	json_object_set_new(counts, name,
			    json_integer(n ? json_integer_value(n) + 1 : 1));
}

static void read_uses(struct rc_suggestions *sg, struct uses *us)
{
	json_t *v;
	size_t i, k;

	for (i = 0; i < rc_nunits; i++) {
		json_t *sj = json_object_get(rc_units[i].manifest, "suggest");

		if (!sj)
			continue;
		sg->with++;
		json_array_foreach(json_object_get(sj, "runtime"), k, v)
			json_object_set_new(us->runtime, json_string_value(v),
					    json_true());
		json_array_foreach(json_object_get(sj, "init_only"), k, v)
			count_one(us->init_users, json_string_value(v));
		json_array_foreach(json_object_get(sj, "global"), k, v)
			count_one(us->defs, json_string_value(
				json_object_get(v, "name")));
	}
}

/* Init-only string literals (the plugin's strings.c). */
static void read_strings(struct rc_suggestions *sg)
{
	size_t i;

	for (i = 0; i < rc_nunits; i++) {
		json_t *st = json_object_get(rc_units[i].manifest,
					     "init_strings");
		long long bytes;

		if (!st)
			continue;
		sg->str_units++;
		sg->str_literals += json_integer_value(json_object_get(st,
							"literals"));
		bytes = json_integer_value(json_object_get(st, "bytes"));
		if (json_is_true(json_object_get(st, "moved")))
			sg->str_moved += bytes;
		else
			sg->str_bytes += bytes;
	}
}

/* Global candidate V of a unit: suggested (of how many units) when no
   unit uses it after boot, no foreign code names it, one unit defines
   it and something uses it at all; else -1, held back. */
static long global_units(const struct rc_suggestions *sg,
			 const struct uses *us, json_t *v)
{
	const char *name = json_string_value(json_object_get(v, "name"));
	json_t *n = json_object_get(us->init_users, name);
	long users = n ? (long)json_integer_value(n) : 0;
	long uses = users + (long)json_integer_value(json_object_get(v,
								"uses"));

	if (!sg->complete || json_object_get(us->runtime, name)
	    || json_object_get(sg->foreign, name)
	    || json_integer_value(json_object_get(us->defs, name)) != 1
	    || uses == 0)
		return -1;
	return users + (uses > users);
}

static int cmp_files(const void *pa, const void *pb)
{
	const struct file_total *a = pa, *b = pb;

	if (a->bytes != b->bytes)
		return a->bytes < b->bytes ? 1 : -1;
	return strcmp(a->file, b->file);
}

static void judge(struct rc_suggestions *sg, const struct uses *us)
{
	json_t *v;
	size_t i, k;

	for (i = 0; i < rc_nunits; i++) {
		const struct rc_unit *u = &rc_units[i];
		json_t *sj = json_object_get(u->manifest, "suggest");

		json_array_foreach(json_object_get(sj, "static"), k, v)
			suggest_one(sg, u, v, 0);
		json_array_foreach(json_object_get(sj, "global"), k, v) {
			long units = global_units(sg, us, v);

			if (units < 0)
				sg->held++;
			else
				suggest_one(sg, u, v, units);
		}
	}
	if (sg->nfiles)
		qsort(sg->files, sg->nfiles, sizeof(*sg->files), cmp_files);
	for (i = 0; i < sg->nfiles; i++) {
		sg->total += sg->files[i].bytes;
		sg->nsym += sg->files[i].n;
	}
}

struct rc_suggestions *rc_suggest(void)
{
	struct rc_suggestions *sg = rc_xcalloc(1, sizeof(*sg));
	struct uses us = { json_object(), json_object(), json_object() };

	read_uses(sg, &us);
	read_strings(sg);
	if (sg->with) {
		sg->complete = sg->with == rc_nunits;
		read_objects(sg);
		judge(sg, &us);
	}
	json_decref(us.runtime);
	json_decref(us.init_users);
	json_decref(us.defs);
	return sg;
}

/* ---- output */

static json_t *suggestion_json(const struct suggestion *x)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:I, s:I, s:o, s:b, s:o}",
		"name", or_else(x->name, ""),
		"kind", x->function ? "function" : "variable",
		"marker", or_else(x->marker, ""), "file", x->file,
		"line", x->line, "column", x->col,
		"bytes", x->bytes < 0 ? json_null() : json_integer(x->bytes),
		"global", x->units > 0,
		"needs", x->needs ? json_incref(x->needs) : json_array());
}

/* Into OUT: "init_strings" when a unit has some, and "suggest" when a
   unit was compiled with the option (its list only with LIST). */
void rc_suggest_json(json_t *out, const struct rc_suggestions *sg, bool list)
{
	json_t *per_file, *arr;
	size_t i;

	if (sg->str_units)
		json_object_set_new(out, "init_strings", json_pack(
			"{s:I, s:I, s:I}", "literals", (json_int_t)sg->str_literals,
			"movable_bytes", (json_int_t)sg->str_bytes,
			"moved_bytes", (json_int_t)sg->str_moved));
	if (!sg->with)
		return;
	per_file = json_array();
	for (i = 0; i < sg->nfiles; i++)
		json_array_append_new(per_file, json_pack(
			"{s:s, s:I, s:I}", "file", sg->files[i].file,
			"bytes", (json_int_t)sg->files[i].bytes,
			"symbols", (json_int_t)sg->files[i].n));
	arr = json_array();
	for (i = 0; list && i < sg->nlist; i++)
		json_array_append_new(arr, suggestion_json(&sg->list[i]));
	json_object_set_new(out, "suggest", json_pack(
		"{s:I, s:I, s:I, s:b, s:o, s:o}",
		"bytes", (json_int_t)sg->total,
		"symbols", (json_int_t)sg->nsym,
		"global_held_back", (json_int_t)sg->held,
		"complete", sg->complete, "files", per_file,
		"suggestions", arr));
}

/* As GCC's notes: file:line:col: note: ... */
static void print_one(FILE *f, const struct suggestion *x)
{
	if (x->marker && !strcmp(x->marker, "__exit")) {
		fprintf(f, "%s:%lld:%lld: note: '%s' is only named by the module "
			"exit table; marking it '__exit' discards %lld bytes "
			"when built in [initcheck:suggest]\n", x->file,
			(long long)x->line, (long long)x->col,
			or_else(x->name, "?"), x->bytes < 0 ? 0 : x->bytes);
		return;
	}
	fprintf(f, "%s:%lld:%lld: note: '%s' is only %s init code", x->file,
		(long long)x->line, (long long)x->col, or_else(x->name, "?"),
		x->function ? "reached from" : "used by");
	if (x->units > 1)
		fprintf(f, " (of %ld units)", x->units);
	fprintf(f, "; marking it '%s' frees ", or_else(x->marker, "?"));
	if (x->bytes < 0)
		fprintf(f, "its %s", x->function ? "code" : "bytes");
	else
		fprintf(f, "%lld bytes", x->bytes);
	fprintf(f, " after boot [initcheck:suggest]\n");
}

/* The same as text: the string literals' line, each suggestion (LIST),
   the sum, and the bytes per file (LIST). */
void rc_suggest_print(FILE *f, const struct rc_suggestions *sg, bool list)
{
	size_t i;

	if (sg->str_units)
		fprintf(f, "string literals only init code reads: %lld in %zu "
			"units; %lld bytes could move to .init.rodata, %lld "
			"moved\n", sg->str_literals, sg->str_units,
			sg->str_bytes, sg->str_moved);
	if (!sg->with)
		return;
	for (i = 0; list && i < sg->nlist; i++)
		print_one(f, &sg->list[i]);
	fprintf(f, "could be freed if marked (suggest): %lld bytes in %zu "
		"symbols", sg->total, sg->nsym);
	if (sg->held)
		fprintf(f, "; %zu global candidates held back", sg->held);
	if (!sg->complete)
		fprintf(f, "; %zu of %zu units compiled without "
			"-fplugin-arg-initcheck-suggest",
			rc_nunits - sg->with, rc_nunits);
	fputc('\n', f);
	for (i = 0; list && i < sg->nfiles; i++)
		fprintf(f, "  %10lld  %s (%zu)\n", sg->files[i].bytes,
			sg->files[i].file, sg->files[i].n);
}

void rc_suggest_free(struct rc_suggestions *sg)
{
	size_t i;

	if (!sg)
		return;
	for (i = 0; sg->sizes && i < rc_nunits; i++)
		json_decref(sg->sizes[i]);
	free(sg->sizes);
	json_decref(sg->foreign);
	free(sg->list);
	free(sg->files);
	free(sg);
}
