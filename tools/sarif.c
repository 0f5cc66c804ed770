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

/* One finding of rc_crossref's JSON as a SARIF result. */
static json_t *result(json_t *f)
{
	char msg[1024];
	json_t *loc, *def;

#define S(k) str(f, k)
	snprintf(msg, sizeof(msg), "'%s' (section %s) %s '%s', which is "
		 "defined in section %s", S("from"), S("from_section"),
		 !strcmp(S("kind"), "call") ? "calls" : "references",
		 S("symbol"), S("section"));
	loc = location(S("file"),
		       json_integer_value(json_object_get(f, "line")),
		       json_integer_value(json_object_get(f, "column")));
	def = location(S("defined_in"),
		       json_integer_value(json_object_get(f, "defined_line")), 0);
	json_object_set_new(def, "id", json_integer(0));
	json_object_set_new(def, "message", text("defined here"));
	return json_pack("{s:s, s:s, s:o, s:[o], s:[o]}", "ruleId", S("rule"),
			 "level", S("severity"), "message", text(msg),
			 "locations", loc, "relatedLocations", def);
#undef S
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
