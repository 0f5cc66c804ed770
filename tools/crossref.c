/*
 * crossref.c - references across translation units.
 *
 * A unit that saw only a prototype without __init calls the function as
 * normal code; the unit that defines it puts it in .init.text.  Neither
 * compile can see the mismatch.  Each manifest lists the external symbols
 * its unit refers to, from each function or variable that refers to
 * them, with the rule each would break if the symbol turned out to be
 * init, meminit or exit (decided by the plugin's own rule table and
 * options); this file joins them with the definitions, found by name in
 * a hash table of every unit's global symbols.
 */
#include <stdio.h>
#include <stdlib.h>
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

/* Global symbol name -> its first definition (unit, symbol) that is in a
   section of the unit's manifest. */
struct defs {
	struct rc_map by_name;
	struct def *all;
	size_t n;
};

static void index_defs(struct defs *d)
{
	size_t i, k, total = 0;

	for (i = 0; i < rc_nunits; i++)
		total += rc_units[i].nsymbols;
	d->all = rc_xcalloc(total, sizeof(*d->all));
	for (i = 0; i < rc_nunits; i++)
		for (k = 0; k < rc_units[i].nsymbols; k++) {
			const struct rc_symbol *s = &rc_units[i].symbols[k];

			if (!s->global || rc_map_get(&d->by_name, s->name))
				continue;
			d->all[d->n] = (struct def){ &rc_units[i], s,
						     section_of(&rc_units[i], s) };
			rc_map_put(&d->by_name, s->name, &d->all[d->n++]);
		}
}

/* The rule "init=init-from-text:error exit=..." gives for CLS, into
   RULE (name) and *ERROR; false when the set has none for it. */
static bool rule_for(const char *set, enum rc_class cls, char *rule,
		     size_t len, bool *error)
{
	char key[32];
	const char *p, *end, *colon;
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
		if ((colon = strchr(rule, ':'))) {
			*error = !strcmp(colon + 1, "error");
			rule[colon - rule] = '\0';
		}
		return true;
	}
	return false;
}

static void print_finding(FILE *text, const struct rc_ref *x,
			  const struct def *d, const char *rule, bool error)
{
	fprintf(text, "%s:%lld:%lld: %s: '%s' (section %s) %s '%s', which %s "
		"defines in section %s (%s) [initcheck:%s]\n",
		x->file ? x->file : "?", (long long)x->line, (long long)x->col,
		error ? "error" : "warning", x->from ? x->from : "?",
		x->from_sec ? x->from_sec : "?",
		x->call ? "calls" : "references",
		x->sym, d->unit->tu ? d->unit->tu : "?", d->sec->name,
		rc_class_label(d->sec->cls), rule);
	fprintf(text, "%s:%ld: note: '%s' is defined here, in section %s\n",
		d->sym->file ? d->sym->file : "?", d->sym->line, x->sym,
		d->sec->name);
}

static json_t *finding_json(const struct rc_ref *x, const struct def *d,
			    const char *rule, bool error)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:s, s:s, s:s,"
			 " s:s, s:I}",
		"rule", rule, "severity", error ? "error" : "warning",
		"from", x->from ? x->from : "", "from_section",
		x->from_sec ? x->from_sec : "", "file", x->file ? x->file : "",
		"line", (json_int_t)x->line, "column", (json_int_t)x->col,
		"symbol", x->sym,
		"kind", x->call ? "call" : "reference",
		"defined_in", d->sym->file ? d->sym->file : "",
		"section", d->sec->name, "defined_line", (json_int_t)d->sym->line);
}

/* Print each mismatch as GCC would to TEXT (unless NULL), add it to OUT;
   return the number of errors (warnings are printed, not counted). */
int rc_crossref(json_t *out, FILE *text)
{
	struct defs defs = { { 0 }, NULL, 0 };
	size_t i, k;
	int errors = 0;

	index_defs(&defs);
	for (i = 0; i < rc_nunits; i++) {
		const struct rc_unit *u = &rc_units[i];

		for (k = 0; k < u->nrefs; k++) {
			const struct rc_ref *x = &u->refs[k];
			const struct def *d;
			char rule[64];
			bool error;

			if (!(d = rc_map_get(&defs.by_name, x->sym))
			    || d->unit == u || !d->sec
			    || !rule_for(x->forbidden, d->sec->cls, rule,
					 sizeof(rule), &error))
				continue;
			if (text)
				print_finding(text, x, d, rule, error);
			json_array_append_new(out, finding_json(x, d, rule, error));
			errors += error;
		}
	}
	rc_map_free(&defs.by_name);
	free(defs.all);
	return errors;
}
