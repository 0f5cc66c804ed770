/*
 * sarif.c - -fplugin-arg-initcheck-sarif=FILE: initcheck's findings as a
 * SARIF 2.1.0 log, for CI code scanning.  GCC 12 can only print text or
 * its own JSON; GCC 13's -fdiagnostics-format=sarif-file would make this
 * file unnecessary.
 *
 * Built with GCC's own json.h (the tree GCC's JSON output is made of) and
 * written with ic_write_file (files.c), so a reader never sees half a log.
 */
#include "initcheck.h"

struct ic_note {
	location_t loc;
	char *message;
};

struct ic_result {
	struct ic_note *notes;	/* relatedLocations */
	unsigned nnotes;
	const struct ic_rule *rule;
	enum ic_severity sev;
	location_t loc;
	char *message;
	location_t fix_loc;
	char *fix_text;
};

static struct ic_result *results;
static unsigned nresults, results_alloc;

void ic_sarif_result(const struct ic_rule *rule, enum ic_severity sev,
		     location_t loc, const char *message,
		     location_t fix_loc, const char *fix_text)
{
	struct ic_result *r;

	if (!ic_opts.sarif)
		return;
	if (nresults == results_alloc) {
		results_alloc = results_alloc ? 2 * results_alloc : 32;
		results = XRESIZEVEC(struct ic_result, results, results_alloc);
	}
	r = &results[nresults++];
	r->notes = NULL;
	r->nnotes = 0;
	r->rule = rule;
	r->sev = sev;
	r->loc = loc;
	r->message = xstrdup(message);
	r->fix_loc = fix_loc;
	r->fix_text = fix_text ? xstrdup(fix_text) : NULL;
}

/* A note of the last result (GCC's "note:" after it): a related
   location. */
void ic_sarif_note(location_t loc, const char *message)
{
	struct ic_result *r;

	if (!ic_opts.sarif || !nresults || loc == UNKNOWN_LOCATION)
		return;
	r = &results[nresults - 1];
	r->notes = XRESIZEVEC(struct ic_note, r->notes, r->nnotes + 1);
	r->notes[r->nnotes].loc = loc;
	r->notes[r->nnotes++].message = xstrdup(message);
}

static json::object *text(const char *s)
{
	json::object *o = new json::object;

	o->set("text", ic_json_str(s));
	return o;
}

static json::object *artifact(location_t loc)
{
	expanded_location x = expand_location(loc);
	json::object *art = new json::object;

	art->set("uri", ic_json_str(x.file ? x.file : "<unknown>"));
	return art;
}

/* physicalLocation with a one-point region (line and column are 1-based
   in both GCC and SARIF). */
static json::object *physical(location_t loc)
{
	expanded_location x = expand_location(loc);
	json::object *region = new json::object, *phys = new json::object;

	region->set("startLine", new json::integer_number(x.line));
	if (x.column)
		region->set("startColumn", new json::integer_number(x.column));
	phys->set("artifactLocation", artifact(loc));
	phys->set("region", region);
	return phys;
}

/* A fix that inserts text: an empty deleted region before the column. */
static json::object *fix(const struct ic_result *r)
{
	expanded_location x = expand_location(r->fix_loc);
	json::object *f = new json::object, *change = new json::object;
	json::object *repl = new json::object, *del = new json::object;
	json::array *changes = new json::array, *repls = new json::array;

	del->set("startLine", new json::integer_number(x.line));
	del->set("startColumn", new json::integer_number(x.column));
	del->set("endColumn", new json::integer_number(x.column));
	repl->set("deletedRegion", del);
	repl->set("insertedContent", text(r->fix_text));
	repls->append(repl);
	change->set("artifactLocation", artifact(r->fix_loc));
	change->set("replacements", repls);
	changes->append(change);
	f->set("description", text("insert the marker"));
	f->set("artifactChanges", changes);
	return f;
}

/* The notes, each a location with its message. */
static json::array *related(const struct ic_result *r)
{
	json::array *a = new json::array;
	unsigned i;

	for (i = 0; i < r->nnotes; i++) {
		json::object *loc = new json::object;

		loc->set("id", new json::integer_number(i));
		loc->set("physicalLocation", physical(r->notes[i].loc));
		loc->set("message", text(r->notes[i].message));
		a->append(loc);
	}
	return a;
}

static json::object *build_log(void)
{
	json::object *log = new json::object, *run = new json::object;
	json::object *tool = new json::object, *driver = new json::object;
	json::array *runs = new json::array, *rules = new json::array;
	json::array *res = new json::array;
	const struct ic_rule *rule;
	unsigned i;

	log->set("$schema", ic_json_str(
		"https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/"
		"schemas/sarif-schema-2.1.0.json"));
	log->set("version", ic_json_str("2.1.0"));
	driver->set("name", ic_json_str(IC_NAME));
	driver->set("version", ic_json_str(IC_VERSION));
	driver->set("informationUri", ic_json_str(
		"https://gcc.gnu.org/onlinedocs/gccint/Plugins.html"));
	for (i = 0; (rule = ic_rule_at(i)); i++) {
		json::object *r = new json::object;

		r->set("id", ic_json_str(rule->name));
		/* No helpUri: the rules are documented in docs/rules.md
		   and initcheck(1), neither at an absolute URI. */
		r->set("shortDescription", text(rule->summary));
		rules->append(r);
	}
	driver->set("rules", rules);
	tool->set("driver", driver);
	run->set("tool", tool);

	for (i = 0; i < nresults; i++) {
		const struct ic_result *r = &results[i];
		json::object *o = new json::object, *loc = new json::object;
		json::array *locs = new json::array;

		o->set("ruleId", ic_json_str(r->rule->name));
		o->set("level", ic_json_str(r->sev == IC_ERROR ? "error"
						 : "warning"));
		o->set("message", text(r->message));
		loc->set("physicalLocation", physical(r->loc));
		locs->append(loc);
		o->set("locations", locs);
		if (r->nnotes)
			o->set("relatedLocations", related(r));
		if (r->fix_text) {
			json::array *fixes = new json::array;

			fixes->append(fix(r));
			o->set("fixes", fixes);
		}
		res->append(o);
	}
	run->set("results", res);
	runs->append(run);
	log->set("runs", runs);
	return log;
}

void ic_sarif_write(const char *path)
{
	json::object *log;
	char *text;
	unsigned i;

	if (!path)
		return;
	log = build_log();
	text = ic_json_text(log);
	ic_write_file(path, text, "SARIF log");
	free(text);
	delete log;
	for (i = 0; i < nresults; i++) {
		unsigned k;

		for (k = 0; k < results[i].nnotes; k++)
			free(results[i].notes[k].message);
		XDELETEVEC(results[i].notes);
		free(results[i].message);
		free(results[i].fix_text);
	}
	XDELETEVEC(results);
	results = NULL;
	nresults = results_alloc = 0;
}
