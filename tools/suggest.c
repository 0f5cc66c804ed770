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

static json_t *foreign;		/* names objects without a manifest use */
static json_t *owners;		/* global candidate -> index in rc_units */
static size_t owners_seen;	/* units already in it */

/* The unit that lists global NAME as a candidate: in an ld -r output the
   symbol table does not say which unit a global function came from. */
struct rc_unit *rc_suggest_owner(const char *name)
{
	json_t *v, *ix;
	size_t k;

	if (!owners)
		owners = json_object();
	for (; owners_seen < rc_nunits; owners_seen++) {
		json_t *sg = json_object_get(rc_units[owners_seen].manifest,
					     "suggest");

		json_array_foreach(json_object_get(sg, "global"), k, v)
			json_object_set_new(owners, json_string_value(
				json_object_get(v, "name")),
				json_integer((json_int_t)owners_seen));
	}
	ix = json_object_get(owners, name);
	return ix ? &rc_units[json_integer_value(ix)] : NULL;
}

/* An undefined symbol of an object the plugin did not compile. */
void rc_suggest_foreign(const char *name)
{
	if (!foreign)
		foreign = json_object();
	json_object_set_new(foreign, name, json_true());
}

/* A symbol of unit U, if U has suggestions: a function counts for its
   origin too, for a clone ("foo.constprop.0" is foo's); a variable by
   its own name ("once.0", a function's static). */
void rc_suggest_size(struct rc_unit *u, const char *name, long long size,
		     bool function)
{
	json_t *sg = json_object_get(u->manifest, "suggest");
	size_t n = function ? strcspn(name, ".") : strlen(name);
	char *base;
	json_t *v;

	if (!sg)
		return;
	base = strndup(name, n);
	if (!base)
		return;
	if (!u->fn_sizes)
		u->fn_sizes = json_object();
	v = json_object_get(u->fn_sizes, base);
	json_object_set_new(u->fn_sizes, base, json_integer(
		(v ? json_integer_value(v) : 0) + size));
	free(base);
}

struct file_total {
	const char *file;
	long long bytes;
	size_t n;
};

static struct file_total *files;
static size_t nfiles;

static void add_to_file(const char *file, long long bytes)
{
	size_t i;

	for (i = 0; i < nfiles; i++)
		if (!strcmp(files[i].file, file))
			break;
	if (i == nfiles) {
		files = rc_xrealloc(files, (nfiles + 1) * sizeof(*files));
		files[nfiles++] = (struct file_total){ file, 0, 0 };
	}
	files[i].bytes += bytes;
	files[i].n++;
}

/* What marking S frees: its bytes in the object (a variable GCC folded
   away, or a function inlined into all its callers, frees nothing more);
   without the object (a JSON side file), a variable's declared size. */
static long long bytes_of(const struct rc_unit *u, json_t *s)
{
	json_t *b = json_object_get(s, "bytes"), *f;

	if (!u->sizes_exact)
		return json_is_integer(b) ? json_integer_value(b) : -1;
	f = u->fn_sizes ? json_object_get(u->fn_sizes, json_string_value(
				json_object_get(s, "name"))) : NULL;
	return f ? json_integer_value(f) : 0;
}

/* TEXT: print to stdout (a flag, as the callers' FILE) */
static void suggest_one(const struct rc_unit *u, json_t *s, long units,
			json_t *list, const FILE *text)
{
	const char *file = json_string_value(json_object_get(s, "file"));
	const char *name = json_string_value(json_object_get(s, "name"));
	const char *marker = json_string_value(json_object_get(s, "marker"));
	bool fn = !strcmp(or_else(json_string_value(json_object_get(s, "kind")), ""),
			  "function");
	long long bytes = bytes_of(u, s);
	json_int_t line = json_integer_value(json_object_get(s, "line"));
	json_int_t col = json_integer_value(json_object_get(s, "column"));

	file = file ? file : "";
	add_to_file(file, bytes > 0 ? bytes : 0);
	if (list) {
		json_t *needs = json_object_get(s, "needs");

		json_array_append_new(list, json_pack(
			"{s:s, s:s, s:s, s:s, s:I, s:I, s:o, s:b, s:O}",
			"name", or_else(name, ""), "kind", fn ? "function" : "variable",
			"marker", or_else(marker, ""), "file", file, "line", line,
			"column", col,
			"bytes", bytes < 0 ? json_null() : json_integer(bytes),
			"global", units > 0,
			"needs", needs ? needs : json_array()));
	}
	if (!text)
		return;
	if (marker && !strcmp(marker, "__exit")) {
		printf("%s:%lld:%lld: note: '%s' is only named by the module "
		       "exit table; marking it '__exit' discards %lld bytes "
		       "when built in [initcheck:suggest]\n", file,
		       (long long)line, (long long)col, or_else(name, "?"),
		       bytes < 0 ? 0 : bytes);
		return;
	}
	printf("%s:%lld:%lld: note: '%s' is only %s init code", file,
	       (long long)line, (long long)col, or_else(name, "?"),
	       fn ? "reached from" : "used by");
	if (units > 1)
		printf(" (of %ld units)", units);
	printf("; marking it '%s' frees ", or_else(marker, "?"));
	if (bytes < 0)
		printf("its %s", fn ? "code" : "bytes");
	else
		printf("%lld bytes", bytes);
	printf(" after boot [initcheck:suggest]\n");
}

static int cmp_files(const void *pa, const void *pb)
{
	const struct file_total *a = pa, *b = pb;

	if (a->bytes != b->bytes)
		return a->bytes < b->bytes ? 1 : -1;
	return strcmp(a->file, b->file);
}

/* The suggestions over all units: listed (LIST) as notes on TEXT or into
   OUT's "suggest", with the bytes per file and for the build.  Nothing
   when no unit was compiled with the option. */
void rc_suggest(json_t *out, FILE *text, bool list)
{
	json_t *runtime = json_object(), *init_users = json_object();
	json_t *defs = json_object(), *arr = json_array(), *sg, *v;
	size_t i, k, with = 0, held = 0, nsym = 0, str_units = 0;
	long long total = 0, str_literals = 0, str_bytes = 0, str_moved = 0;
	bool complete;

	for (i = 0; i < rc_nunits; i++) {
		sg = json_object_get(rc_units[i].manifest, "suggest");
		if (!sg)
			continue;
		with++;
		json_array_foreach(json_object_get(sg, "runtime"), k, v)
			json_object_set_new(runtime, json_string_value(v),
					    json_true());
		json_array_foreach(json_object_get(sg, "init_only"), k, v) {
			json_t *n = json_object_get(init_users,
						    json_string_value(v));

			json_object_set_new(init_users, json_string_value(v),
				json_integer(n ? json_integer_value(n) + 1 : 1));
		}
		json_array_foreach(json_object_get(sg, "global"), k, v) {
			const char *name = json_string_value(
				json_object_get(v, "name"));
			json_t *d = json_object_get(defs, name);

			json_object_set_new(defs, name, json_integer(
				d ? json_integer_value(d) + 1 : 1));
		}
	}
	/* Init-only string literals (the plugin's strings.c). */
	for (i = 0; i < rc_nunits; i++) {
		json_t *st = json_object_get(rc_units[i].manifest,
					     "init_strings");

		if (!st)
			continue;
		str_units++;
		str_literals += json_integer_value(json_object_get(st,
							       "literals"));
		if (json_is_true(json_object_get(st, "moved")))
			str_moved += json_integer_value(json_object_get(st,
								"bytes"));
		else
			str_bytes += json_integer_value(json_object_get(st,
								"bytes"));
	}
	if (str_units && out)
		json_object_set_new(out, "init_strings", json_pack(
			"{s:I, s:I, s:I}", "literals", (json_int_t)str_literals,
			"movable_bytes", (json_int_t)str_bytes,
			"moved_bytes", (json_int_t)str_moved));
	if (str_units && text)
		printf("string literals only init code reads: %lld in %zu "
		       "units; %lld bytes could move to .init.rodata, %lld "
		       "moved\n", str_literals, str_units, str_bytes,
		       str_moved);
	if (!with)
		goto done;
	complete = with == rc_nunits;

	for (i = 0; i < rc_nunits; i++) {
		const struct rc_unit *u = &rc_units[i];

		sg = json_object_get(u->manifest, "suggest");
		json_array_foreach(json_object_get(sg, "static"), k, v)
			suggest_one(u, v, 0, list ? arr : NULL,
				    list ? text : NULL);
		json_array_foreach(json_object_get(sg, "global"), k, v) {
			const char *name = json_string_value(
				json_object_get(v, "name"));
			json_t *n = json_object_get(init_users, name);
			long users = n ? (long)json_integer_value(n) : 0;
			long uses = users + (long)json_integer_value(
					json_object_get(v, "uses"));

			if (!complete || json_object_get(runtime, name)
			    || (foreign && json_object_get(foreign, name))
			    || json_integer_value(json_object_get(defs, name))
			       != 1
			    || uses == 0) {
				held++;
				continue;
			}
			suggest_one(u, v, users + (uses > users),
				    list ? arr : NULL,
				    list ? text : NULL);
		}
	}
	qsort(files, nfiles, sizeof(*files), cmp_files);
	for (i = 0; i < nfiles; i++) {
		total += files[i].bytes;
		nsym += files[i].n;
	}
	if (out) {
		json_t *per_file = json_array();

		for (i = 0; i < nfiles; i++)
			json_array_append_new(per_file, json_pack(
				"{s:s, s:I, s:I}", "file", files[i].file,
				"bytes", (json_int_t)files[i].bytes,
				"symbols", (json_int_t)files[i].n));
		json_object_set_new(out, "suggest", json_pack(
			"{s:I, s:I, s:I, s:b, s:o, s:o}",
			"bytes", (json_int_t)total,
			"symbols", (json_int_t)nsym,
			"global_held_back", (json_int_t)held,
			"complete", complete, "files", per_file,
			"suggestions", arr));
		arr = NULL;
	}
	if (text) {
		printf("could be freed if marked (suggest): %lld bytes in %zu "
		       "symbols", total, nsym);
		if (held)
			printf("; %zu global candidates held back", held);
		if (!complete)
			printf("; %zu of %zu units compiled without "
			       "-fplugin-arg-initcheck-suggest",
			       rc_nunits - with, rc_nunits);
		putchar('\n');
		for (i = 0; list && i < nfiles; i++)
			printf("  %10lld  %s (%zu)\n", files[i].bytes,
			       files[i].file, files[i].n);
	}
done:
	json_decref(arr);
	json_decref(runtime);
	json_decref(init_users);
	json_decref(defs);
	json_decref(foreign);
	foreign = NULL;
	json_decref(owners);
	owners = NULL;
	owners_seen = 0;
	free(files);
	files = NULL;
	nfiles = 0;
}
