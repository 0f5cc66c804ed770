/*
 * sarif.c - --sarif FILE: the cross-unit findings as a SARIF 2.1.0 log
 * (the plugin's -fplugin-arg-initcheck-sarif= log holds each unit's own
 * findings; this one what only the whole build shows).
 */
#include <stdio.h>
#include <string.h>

#include "report.h"

static json_t *text(const char *s)
{
	return json_pack("{s:s}", "text", s ? s : "");
}

static json_t *location(const char *file, json_int_t line, json_int_t col)
{
	json_t *region = json_pack("{s:I}", "startLine", line > 0 ? line : 1);

	if (col > 0)
		json_object_set_new(region, "startColumn", json_integer(col));
	return json_pack("{s:{s:{s:s}, s:o}}", "physicalLocation",
			 "artifactLocation", "uri", file && *file ? file : "unknown",
			 "region", region);
}

static const char *str(json_t *f, const char *key)
{
	const char *s = json_string_value(json_object_get(f, key));

	return s ? s : "";
}

static json_t *place(json_t *o)
{
	return location(str(o, "file"),
			json_integer_value(json_object_get(o, "line")),
			json_integer_value(json_object_get(o, "column")));
}

/* A fix-it: an insertion, as an empty region replaced. */
static json_t *fix(json_t *f)
{
	json_int_t line = json_integer_value(json_object_get(f, "line"));
	json_int_t col = json_integer_value(json_object_get(f, "column"));

	return json_pack("{s:o, s:[{s:{s:s}, s:[{s:{s:I, s:I, s:I}, s:{s:s}}]}]}",
		"description", text("insert the marker"),
		"artifactChanges", "artifactLocation", "uri", str(f, "file"),
		"replacements", "deletedRegion", "startLine", line,
		"startColumn", col, "endColumn", col,
		"insertedContent", "text", str(f, "insert"));
}

/* One finding of rc_crossref's JSON as a SARIF result: its message and
   notes as crossref.c worded them. */
static json_t *result(json_t *f)
{
	json_t *related = json_array(), *note, *r;
	size_t i;

	json_array_foreach(json_object_get(f, "notes"), i, note) {
		json_t *loc = place(note);

		json_object_set_new(loc, "id", json_integer((json_int_t)i));
		json_object_set_new(loc, "message", text(str(note, "message")));
		json_array_append_new(related, loc);
	}
	r = json_pack("{s:s, s:s, s:o, s:[o], s:o}", "ruleId", str(f, "rule"),
		      "level", str(f, "severity"), "message",
		      text(str(f, "message")), "locations", place(f),
		      "relatedLocations", related);
	if (json_object_get(f, "fix"))
		json_object_set_new(r, "fixes",
				    json_pack("[o]", fix(json_object_get(f, "fix"))));
	return r;
}

/* The rules the findings name, each once. */
static json_t *rules(json_t *findings)
{
	json_t *seen = json_object(), *arr = json_array(), *f;
	size_t i;

	json_array_foreach(findings, i, f) {
		const char *id = json_string_value(json_object_get(f, "rule"));

		if (!id || json_object_get(seen, id))
			continue;
		json_object_set_new(seen, id, json_true());
		json_array_append_new(arr, json_pack("{s:s, s:o}", "id", id,
			"shortDescription", text("a reference across units to "
						 "code or data freed after boot")));
	}
	json_decref(seen);
	return arr;
}

int rc_sarif_write(const char *path, json_t *findings)
{
	json_t *log, *res = json_array(), *f;
	size_t i;
	int rc;

	json_array_foreach(findings, i, f)
		json_array_append_new(res, result(f));
	log = json_pack("{s:s, s:s, s:[{s:{s:{s:s, s:s, s:s, s:o}}, s:o}]}",
		"$schema", "https://docs.oasis-open.org/sarif/sarif/v2.1.0/"
			   "errata01/os/schemas/sarif-schema-2.1.0.json",
		"version", "2.1.0", "runs", "tool", "driver",
		"name", "initcheck-report", "version", IC_VERSION,
		"informationUri", "https://gcc.gnu.org/onlinedocs/gccint/Plugins.html",
		"rules", rules(findings), "results", res);
	rc = json_dump_file(log, path, JSON_INDENT(2));
	if (rc)
		rc_error("%s: cannot write the SARIF log", path);
	json_decref(log);
	return rc ? 1 : 0;
}
