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

/* The rule "init=init-from-text:error exit=..." gives for CLS, into
   RULE (name) and *ERROR; false when the set has none for it. */
static bool rule_for(const char *set, enum rc_class cls, char *rule,
		     size_t len, bool *error)
{
	char key[32];
	const char *p, *end;
	size_t n;

	snprintf(key, sizeof(key), "%s=", rc_class_label(cls));
	for (p = set; p && *p; p = end + (*end == ' ')) {
		end = p + strcspn(p, " ");
		if (strncmp(p, key, strlen(key)))
			continue;
		p += strlen(key);
		n = (size_t)(end - p) < len - 1 ? (size_t)(end - p) : len - 1;
		memcpy(rule, p, n);
		rule[n] = '\0';
		*error = true;
		if (strchr(rule, ':')) {
			*error = !strcmp(strchr(rule, ':') + 1, "error");
			*strchr(rule, ':') = '\0';
		}
		return true;
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
		json_t *files = json_object_get(u->manifest, "files");
		json_t *sets = json_object_get(u->manifest, "forbidden");

		/* Columns: symbol, from, from_section, kind, file, line,
		   column, forbidden (see "reference_columns"). */
		json_array_foreach(refs, k, r) {
			const char *sym = json_string_value(json_array_get(r, 0));
			const char *from = json_string_value(json_array_get(r, 1));
			const char *from_sec = json_string_value(json_array_get(r, 2));
			const char *kind = json_string_value(json_array_get(r, 3));
			const char *file = json_string_value(json_array_get(files,
				json_integer_value(json_array_get(r, 4))));
			json_int_t line = json_integer_value(json_array_get(r, 5));
			json_int_t col = json_integer_value(json_array_get(r, 6));
			const char *set = json_string_value(json_array_get(sets,
				json_integer_value(json_array_get(r, 7))));
			char rule[64];
			struct def d;
			bool error;

			if (!sym || !find_def(sym, &d) || d.unit == u
			    || !rule_for(set, d.sec->cls, rule, sizeof(rule),
					 &error))
				continue;
			if (text) {
				fprintf(text, "%s:%lld:%lld: %s: '%s' (section %s) "
					"%s '%s', which %s defines in section %s "
					"(%s) [initcheck:%s]\n", file ? file : "?",
					(long long)line, (long long)col,
					error ? "error" : "warning", from, from_sec,
					kind && !strcmp(kind, "call") ? "calls"
					: "references", sym, d.unit->tu,
					d.sec->name, rc_class_label(d.sec->cls),
					rule);
				fprintf(text, "%s:%ld: note: '%s' is defined here, "
					"in section %s\n", d.sym->file, d.sym->line,
					sym, d.sec->name);
			}
			json_array_append_new(out, json_pack(
				"{s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:s, s:I}",
				"rule", rule, "severity", error ? "error" : "warning",
				"from", from ? from : "", "file", file ? file : "",
				"line", line, "symbol", sym,
				"defined_in", d.sym->file ? d.sym->file : "",
				"section", d.sec->name,
				"defined_line", (json_int_t)d.sym->line));
			if (error)
				errors++;
		}
	}
	return errors;
}
