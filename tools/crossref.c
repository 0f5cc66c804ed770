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
 * a hash table of every unit's global symbols, then of the global symbols
 * objects without a manifest (assembler files) define in such sections.
 *
 * A helper of a header is in every unit that includes it: each finding is
 * reported once per function (by its definition's place) and symbol, and a
 * site that is a real mismatch in one unit and a latent one in another
 * (init-from-inline: only init code calls the helper there) is the real
 * one.  Each finding is built once, as data (its message, notes and fix);
 * the text, the JSON, the SARIF log and initcheck-cc print that.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "../include/initcheck-record.h"

struct def {
	const struct rc_unit *unit;	/* NULL: an object without manifest */
	const char *name, *section, *file;
	long line;
	enum rc_class cls;
	const char *object;		/* the object, when no unit */
};

struct defs {
	struct rc_map by_name;
	struct def *all;
	size_t n;
};

static const char *section_of(const struct rc_unit *u,
			      const struct rc_symbol *s, enum rc_class *cls)
{
	size_t i;

	for (i = 0; i < u->nsections; i++)
		if (!strcmp(u->sections[i].name, s->section)) {
			*cls = u->sections[i].cls;
			return u->sections[i].name;
		}
	return NULL;
}

static void add_def(struct defs *d, struct def def)
{
	if (rc_map_get(&d->by_name, def.name))
		return;
	d->all[d->n] = def;
	rc_map_put(&d->by_name, def.name, &d->all[d->n++]);
}

/* Global symbol name -> its first definition in a section of a unit's
   manifest; then the names only objects without a manifest define. */
static void index_defs(struct defs *d)
{
	size_t i, k, total = 0;

	for (i = 0; i < rc_nunits; i++)
		total += rc_units[i].nsymbols;
	for (i = 0; i < rc_nobjects; i++)
		total += rc_objects[i].ndefs;
	d->all = rc_xcalloc(total + 1, sizeof(*d->all));
	for (i = 0; i < rc_nunits; i++)
		for (k = 0; k < rc_units[i].nsymbols; k++) {
			const struct rc_symbol *s = &rc_units[i].symbols[k];
			struct def def = { &rc_units[i], s->name, NULL,
					   s->file, s->line, RC_OTHER, NULL };

			if (s->global
			    && (def.section = section_of(&rc_units[i], s,
							 &def.cls)))
				add_def(d, def);
		}
	for (i = 0; i < rc_nobjects; i++)
		for (k = 0; k < rc_objects[i].ndefs; k++) {
			const struct rc_def *o = &rc_objects[i].defs[k];
			struct def def = { NULL, o->name, o->section, NULL, 0,
					   rc_class_by_prefix(o->section),
					   rc_objects[i].path };

			add_def(d, def);
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

/* One site: a reference that breaks a rule, seen in UNITS units. */
struct finding {
	const struct rc_ref *x;
	const struct def *d;
	char rule[64];
	bool error;
	size_t units;
};

struct findings {
	struct finding *all;
	size_t n, alloc;
	struct rc_map by_site;	/* "from\nsymbol\nwhere" -> ix + 1 */
	char **keys;
};

static bool is_latent(const struct finding *f)
{
	return !strcmp(f->rule, IC_RULE_INIT_FROM_INLINE);
}

static void add_finding(struct findings *fs, const struct finding *f)
{
	/* The function by its definition (a header's helper is one function
	   in every unit that includes it), and the symbol: as the manifest
	   keeps one row per pair. */
	const struct rc_ref *x = f->x;
	char *key = x->from_file
		? rc_xasprintf("%s\n%s\n%s:%u:%u", x->from ? x->from : "",
			       x->sym, x->from_file, x->from_line, x->from_col)
		: rc_xasprintf("%s\n%s\n%s:%u:%u", x->from ? x->from : "",
			       x->sym, x->file ? x->file : "", x->line, x->col);
	void *ix = rc_map_get(&fs->by_site, key);
	struct finding *old;

	if (ix) {
		old = &fs->all[RC_UNIX(ix)];
		old->units++;
		/* The real mismatch over the latent one, an error over a
		   warning: what the worst unit makes of the site. */
		if ((is_latent(old) && !is_latent(f))
		    || (f->error && !old->error)) {
			size_t units = old->units;

			*old = *f;
			old->units = units;
		}
		free(key);
		return;
	}
	if (fs->n == fs->alloc) {
		fs->alloc = fs->alloc ? 2 * fs->alloc : 64;
		fs->all = rc_xrealloc(fs->all, fs->alloc * sizeof(*fs->all));
		fs->keys = rc_xrealloc(fs->keys, fs->alloc * sizeof(*fs->keys));
	}
	fs->keys[fs->n] = key;
	fs->all[fs->n] = *f;
	fs->all[fs->n].units = 1;
	rc_map_put(&fs->by_site, key, RC_IX(fs->n));
	fs->n++;
}

static void collect(struct findings *fs, const struct defs *defs)
{
	size_t i, k;

	for (i = 0; i < rc_nunits; i++) {
		const struct rc_unit *u = &rc_units[i];

		for (k = 0; k < u->nrefs; k++) {
			struct finding f = { &u->refs[k], NULL, "", false, 0 };

			if (!(f.d = rc_map_get(&defs->by_name, f.x->sym))
			    || f.d->unit == u
			    || !rule_for(f.x->forbidden, f.d->cls, f.rule,
					 sizeof(f.rule), &f.error))
				continue;
			add_finding(fs, &f);
		}
	}
}

/* Who defines the symbol, in a message: a unit's file, or the object. */
static const char *definer(const struct def *d, char *buf, size_t len)
{
	if (d->unit)
		snprintf(buf, len, "%s", d->unit->tu ? d->unit->tu : "?");
	else
		snprintf(buf, len, "%s, in no manifest (assembler, or C "
			 "compiled without the plugin),", d->object);
	return buf;
}

/* The finding's one message, the notes and the fix, as the JSON every
   output prints. */
static json_t *finding_json(const struct finding *f)
{
	const struct rc_ref *x = f->x;
	const struct def *d = f->d;
	char msg[1024], who[512];
	json_t *j, *notes = json_array();
	const char *from = x->from ? x->from : "?";

	definer(d, who, sizeof(who));
	if (is_latent(f))
		snprintf(msg, sizeof(msg), "inline '%s' (section %s) %s '%s', "
			 "which %s defines in section %s (%s): only init code "
			 "uses '%s', where it is inlined, but a copy out of line in "
			 "%s %s", from, x->from_sec ? x->from_sec : "?",
			 x->call ? "calls" : "references", x->sym, who,
			 d->section, rc_class_label(d->cls), from,
			 x->from_sec ? x->from_sec : "?",
			 x->call ? "would call freed code"
			 : "would refer to freed data");
	else
		snprintf(msg, sizeof(msg), "'%s' (section %s) %s '%s', which %s "
			 "defines in section %s (%s)", from,
			 x->from_sec ? x->from_sec : "?",
			 x->call ? "calls" : "references", x->sym, who,
			 d->section, rc_class_label(d->cls));
	j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:s, s:s, s:s,"
		      " s:s, s:I, s:s, s:I}",
		"rule", f->rule, "severity", f->error ? "error" : "warning",
		"from", x->from ? x->from : "", "from_section",
		x->from_sec ? x->from_sec : "", "file", x->file ? x->file : "",
		"line", (json_int_t)x->line, "column", (json_int_t)x->col,
		"symbol", x->sym, "kind", x->call ? "call" : "reference",
		"defined_in", d->unit ? (d->file ? d->file : "") : d->object,
		"section", d->section, "defined_line", (json_int_t)d->line,
		"message", msg, "units", (json_int_t)f->units);
	snprintf(msg, sizeof(msg), d->unit ? "'%s' is defined here, in section %s"
		 : "'%s' is defined in section %s of this object", x->sym,
		 d->section);
	json_array_append_new(notes, json_pack("{s:s, s:I, s:I, s:s}",
		"file", d->unit ? (d->file ? d->file : "?") : d->object,
		"line", (json_int_t)d->line, "column", (json_int_t)0,
		"message", msg));
	if (is_latent(f) && x->from_file) {
		snprintf(msg, sizeof(msg), "only init code calls '%s' (in %zu "
			 "unit%s); mark it __init, or __always_inline if code "
			 "that runs after init is to call it too", from,
			 f->units, f->units == 1 ? "" : "s");
		json_array_append_new(notes, json_pack("{s:s, s:I, s:I, s:s}",
			"file", x->from_file, "line", (json_int_t)x->from_line,
			"column", (json_int_t)x->from_col, "message", msg));
		json_object_set_new(j, "fix", json_pack("{s:s, s:I, s:I, s:s}",
			"file", x->from_file, "line", (json_int_t)x->from_line,
			"column", (json_int_t)x->from_col, "insert", "__init "));
	}
	json_object_set_new(j, "notes", notes);
	if (x->from_inline)
		json_object_set_new(j, "from_inline",
				    json_string(x->from_inline));
	return j;
}

static void print_place(FILE *text, json_t *o)
{
	json_int_t line = json_integer_value(json_object_get(o, "line"));
	json_int_t col = json_integer_value(json_object_get(o, "column"));

	fputs(json_string_value(json_object_get(o, "file")), text);
	if (line > 0)
		fprintf(text, ":%lld", (long long)line);
	if (line > 0 && col > 0)
		fprintf(text, ":%lld", (long long)col);
}

/* A finding as GCC prints a diagnostic and its notes. */
void rc_print_finding(FILE *text, json_t *f)
{
	json_t *note;
	size_t i;

	print_place(text, f);
	fprintf(text, ": %s: %s [initcheck:%s]\n",
		json_string_value(json_object_get(f, "severity")),
		json_string_value(json_object_get(f, "message")),
		json_string_value(json_object_get(f, "rule")));
	json_array_foreach(json_object_get(f, "notes"), i, note) {
		print_place(text, note);
		fprintf(text, ": note: %s\n",
			json_string_value(json_object_get(note, "message")));
	}
}

/* Print each mismatch as GCC would to TEXT (unless NULL), add it to OUT;
   return the number of errors (warnings are printed, not counted). */
int rc_crossref(json_t *out, FILE *text)
{
	struct defs defs = { { 0 }, NULL, 0 };
	struct findings fs = { NULL, 0, 0, { 0 }, NULL };
	size_t i;
	int errors = 0;

	index_defs(&defs);
	collect(&fs, &defs);
	for (i = 0; i < fs.n; i++) {
		json_t *j = finding_json(&fs.all[i]);

		if (text)
			rc_print_finding(text, j);
		json_array_append_new(out, j);
		errors += fs.all[i].error;
		free(fs.keys[i]);
	}
	rc_map_free(&fs.by_site);
	rc_map_free(&defs.by_name);
	free(fs.all);
	free(fs.keys);
	free(defs.all);
	return errors;
}
