/*
 * units.c - one translation unit's manifest, parsed with jansson, and the
 * section sizes its record carries.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "report.h"

struct rc_unit *rc_units;
size_t rc_nunits;
static size_t units_alloc;

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

const char *rc_class_label(enum rc_class cls)
{
	size_t i;

	for (i = 0; i < sizeof(classes) / sizeof(classes[0]); i++)
		if (classes[i].cls == cls)
			return classes[i].label;
	return "other";
}

static void *xcalloc(size_t n, size_t size)
{
	return memset(rc_xrealloc(NULL, n * size), 0, n * size);
}

static char *xstrdup(const char *s)
{
	char *p = strdup(s ? s : "");

	if (!p) {
		rc_error("out of memory");
		exit(2);
	}
	return p;
}

struct rc_symbol *rc_unit_symbol(struct rc_unit *u, const char *name)
{
	size_t i;

	for (i = 0; i < u->nsymbols; i++)
		if (!strcmp(u->symbols[i].name, name))
			return &u->symbols[i];
	return NULL;
}

/* The unit of a manifest (JSON text of LEN bytes) with the SIZES its
   record carries, in the order of its "sections". */
struct rc_unit *rc_unit_add(const char *origin, const char *text, size_t len,
			    const unsigned *sizes, size_t nsizes)
{
	json_error_t err;
	json_t *m = json_loadb(text, len, 0, &err), *secs, *syms, *v;
	struct rc_unit *u;
	size_t i;

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
	if (rc_nunits == units_alloc) {
		units_alloc = units_alloc ? 2 * units_alloc : 64;
		rc_units = rc_xrealloc(rc_units, units_alloc * sizeof(*rc_units));
	}
	u = &rc_units[rc_nunits++];
	memset(u, 0, sizeof(*u));
	u->origin = xstrdup(origin);
	u->manifest = m;
	u->tu = json_string_value(json_object_get(m, "tu"));
	u->sizes_exact = json_is_true(json_object_get(m, "sizes_exact"));
	u->lto_only = json_is_true(json_object_get(m, "lto_only"));

	secs = json_object_get(m, "sections");
	u->nsections = json_array_size(secs);
	u->sections = xcalloc(u->nsections, sizeof(*u->sections));
	json_array_foreach(secs, i, v) {
		struct rc_section *s = &u->sections[i];

		s->name = xstrdup(json_string_value(json_object_get(v, "name")));
		s->cls = rc_class_of(s->name, json_string_value(
					     json_object_get(v, "class")));
		/* 0xffffffff: a name the assembler could not use. */
		s->bytes = i < nsizes && sizes[i] != 0xffffffffu
			   ? (long long)sizes[i] : -1;
	}

	syms = json_object_get(m, "symbols");
	u->nsymbols = json_array_size(syms);
	u->symbols = xcalloc(u->nsymbols, sizeof(*u->symbols));
	json_array_foreach(syms, i, v) {
		struct rc_symbol *s = &u->symbols[i];
		const char *sec = json_string_value(json_object_get(v,
								    "section"));
		json_t *bytes = json_object_get(v, "bytes");
		size_t k;

		s->name = xstrdup(json_string_value(json_object_get(v, "name")));
		s->function = !strcmp(json_string_value(json_object_get(
					      v, "kind")) ?: "", "function");
		s->global = json_is_true(json_object_get(v, "global"));
		s->file = json_string_value(json_object_get(v, "file"));
		s->line = (long)json_integer_value(json_object_get(v, "line"));
		s->bytes = json_is_integer(bytes) ? json_integer_value(bytes)
						  : -1;
		s->section = "";
		for (k = 0; sec && k < u->nsections; k++)
			if (!strcmp(u->sections[k].name, sec))
				s->section = u->sections[k].name;
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
		free(u->origin);
		json_decref(u->manifest);
		json_decref(u->fn_sizes);
	}
	free(rc_units);
	rc_units = NULL;
	rc_nunits = units_alloc = 0;
}
