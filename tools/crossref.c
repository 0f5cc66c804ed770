/*
 * crossref.c - references across translation units.
 *
 * A unit that saw only a prototype without __init calls the function as
 * normal code; the unit that defines it puts it in .init.text.  Neither
 * compile can see the mismatch.  Each manifest lists the external symbols
 * its unit refers to, with the rule each would break if the symbol turned
 * out to be init, meminit or exit (decided by the plugin's own rule table
 * and options); this file joins them with the definitions.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>

#include "report.h"

struct def {
	const struct rc_unit *unit;
	const struct rc_symbol *sym;
	const struct rc_section *sec;
};

static const struct rc_section *section_of(const struct rc_unit *u,
					   const struct rc_symbol *s)
{
	size_t i;

	for (i = 0; i < u->nsections; i++)
		if (!strcmp(u->sections[i].name, s->section))
			return &u->sections[i];
	return NULL;
}

static bool find_def(const char *name, struct def *d)
{
	size_t i, k;

	for (i = 0; i < rc_nunits; i++) {
		const struct rc_unit *u = &rc_units[i];

		for (k = 0; k < u->nsymbols; k++) {
			const struct rc_symbol *s = &u->symbols[k];

			if (s->global && !strcmp(s->name, name)) {
				d->unit = u;
				d->sym = s;
				d->sec = section_of(u, s);
				return d->sec != NULL;
			}
		}
	}
	return false;
}

/* Print each mismatch as GCC would to TEXT (unless NULL), add it to OUT;
   return the number of errors (warnings are printed, not counted). */
int rc_crossref(json_t *out, FILE *text)
{
	size_t i, k;
	int errors = 0;

	for (i = 0; i < rc_nunits; i++) {
		const struct rc_unit *u = &rc_units[i];
		json_t *refs = json_object_get(u->manifest, "references"), *r;

		json_array_foreach(refs, k, r) {
			const char *sym = json_string_value(json_object_get(r, "symbol"));
			const char *rule;
			char name[128], *colon;
			struct def d;
			bool error;

			if (!sym || !find_def(sym, &d) || d.unit == u)
				continue;
			rule = json_string_value(json_object_get(json_object_get(
				r, "forbidden"), rc_class_label(d.sec->cls)));
			if (!rule)
				continue;
			snprintf(name, sizeof(name), "%s", rule);
			colon = strchr(name, ':');
			error = !colon || !strcmp(colon + 1, "error");
			if (colon)
				*colon = '\0';
			if (text)
				fprintf(text, "%s:%lld:%lld: %s: '%s' (section %s) %s '%s', "
			       "which %s defines in section %s (%s) "
			       "[initcheck:%s]\n",
			       json_string_value(json_object_get(r, "file")),
			       json_integer_value(json_object_get(r, "line")),
			       json_integer_value(json_object_get(r, "column")),
			       error ? "error" : "warning",
			       json_string_value(json_object_get(r, "from")),
			       json_string_value(json_object_get(r, "from_section")),
			       !strcmp(json_string_value(json_object_get(r, "kind"))
				       ?: "", "call") ? "calls" : "references",
			       sym, d.unit->tu, d.sec->name,
			       rc_class_label(d.sec->cls), name);
			if (text)
				fprintf(text, "%s:%ld: note: '%s' is defined here, in section "
			       "%s\n", d.sym->file, d.sym->line, sym,
			       d.sec->name);
			json_array_append_new(out, json_pack(
				"{s:s, s:s, s:O, s:O, s:O, s:O, s:s, s:s, s:I}",
				"rule", name, "severity", error ? "error" : "warning",
				"from", json_object_get(r, "from"),
				"file", json_object_get(r, "file"),
				"line", json_object_get(r, "line"),
				"symbol", json_object_get(r, "symbol"),
				"defined_in", d.sym->file, "section", d.sec->name,
				"defined_line", (json_int_t)d.sym->line));
			if (error)
				errors++;
		}
	}
	return errors;
}
