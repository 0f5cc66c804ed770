/*
 * initcheck-report - what a whole build gives back when init memory is
 * freed, from the manifests the initcheck plugin put into its objects.
 *
 *   initcheck-report [--json] [--top N] [--linked BINARY] [--manifests]
 *                    [--suggest] [--sarif FILE] PATH...
 *   initcheck-report [--json] [--page-size N] --predict-free IMAGE [PATH...]
 *   initcheck-report [--json] [--page-size N] [--kallsyms] --predict-module KO
 *
 * PATH: objects, archives (thin ones too), ld -r outputs (vmlinux.o), JSON
 * side files, or directories searched for *.o, *.a and *.initcheck.json.
 * Prints the bytes per class and section, the largest units and symbols,
 * and every reference across units from code that outlives init to an
 * init or exit symbol (as file:line:col: error: ...).  --linked compares
 * the total with the sections of the linked binary and names the
 * difference (alignment padding the linker adds between inputs; in a
 * final RISC-V link, what linker relaxation deleted, within the bound the
 * inputs' relocations give).
 * --manifests prints each unit's manifest with the sizes the object gives.
 * Units compiled with -fplugin-arg-initcheck-suggest add the bytes that
 * marking what only init code uses would free; --suggest lists each one
 * as file:line:col: note: ..., with the bytes per file.
 * --predict-free predicts the kernel's "Freeing unused kernel image
 * (initmem) memory: NNNK" for the linked IMAGE from the link's inputs
 * PATH..., naming every byte of [__init_begin, __init_end) (predict.c).
 *
 * --predict-module gives the init bytes a loadable module frees once its
 * init function returns, laid out as the kernel lays them out (module.c).
 *
 * Exit status: 0; 1 when a cross-unit mismatch is an error, an input
 * could not be read, units compiled with -flto and no -ffat-lto-objects
 * cannot be checked, or --predict-free cannot name some bytes; 2 for a
 * usage error or a PATH that does not exist (then nothing is reported).
 * The man page (initcheck-report.1) says the same at length.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "report.h"

static void usage(FILE *f)
{
	fputs("usage: initcheck-report [OPTION]... PATH...\n"
	      "       initcheck-report [--json] [--page-size N]"
	      " --predict-free IMAGE [PATH...]\n"
	      "       initcheck-report [--json] [--page-size N] [--kallsyms]"
	      " --predict-module KO\n", f);
}

static void help(void)
{
	usage(stdout);
	fputs("\n"
"What a build gives back when init memory is freed, from the manifests the\n"
"initcheck GCC plugin put into its objects, and every reference across\n"
"units to init or exit code and data.  PATH: objects, archives (thin ones\n"
"too), ld -r outputs (vmlinux.o), JSON side files, or directories searched\n"
"for *.o, *.a and *.initcheck.json.\n"
"\n"
"  -j, --json             print the report as JSON\n"
"  -t, --top N            list the N largest units and symbols (default 10)\n"
"  -l, --linked BINARY    the linked binary's bytes of each section as the\n"
"                         headline, and how the inputs add up to them\n"
"  -m, --manifests        print each unit's manifest, all sizes filled in\n"
"                         (docs/manifest.md, manifest.schema.json)\n"
"  -s, --suggest          list what could be marked __init, and its bytes\n"
"  -S, --sarif FILE       also write the cross-unit findings as SARIF 2.1.0\n"
"  -p, --predict-free IMAGE\n"
"                         predict the kernel's \"Freeing unused kernel image\n"
"                         (initmem) memory\" for IMAGE from the link's inputs\n"
"                         PATH...; with no PATH, from those a kernel build\n"
"                         directory holds beside IMAGE (vmlinux.a, ...)\n"
"  -P, --page-size N      the page size for --predict-free (default 4096)\n"
"  -M, --predict-module KO\n"
"                         the init bytes a loadable module frees once its\n"
"                         init function returns (Linux 6.4+ layout)\n"
"  -K, --kallsyms         with --predict-module: as with CONFIG_KALLSYMS\n"
"  -h, --help             print this help and exit\n"
"  -V, --version          print the version and exit\n"
"\n"
"Exit status:\n"
"  0  no error-severity mismatch across units, every input read\n"
"  1  a cross-unit mismatch of error severity; an input that could not be\n"
"     read; units compiled with -flto and no -ffat-lto-objects (they cannot\n"
"     be checked); --predict-free bytes it cannot name\n"
"  2  a usage error, or a PATH that does not exist (nothing is reported)\n"
"\n"
"See initcheck-report(1) and initcheck(1).\n", stdout);
}

struct opts {
	bool json, manifests, suggest, kallsyms;
	const char *linked, *predict, *sarif, *module;
	long top;
	long long page_size;
};

static bool number_arg(const char *opt, const char *arg, long long *v,
		       bool power_of_two)
{
	char *end;

	errno = 0;
	*v = strtoll(arg, &end, 10);
	if (!*arg || *end || errno || *v < 0
	    || (power_of_two && (*v <= 0 || (*v & (*v - 1))))) {
		fprintf(stderr, "initcheck-report: %s takes %s, not '%s'\n", opt,
			power_of_two ? "a power of two" : "a number", arg);
		return false;
	}
	return true;
}

/* The options into O; the index of the first PATH, or -1 to exit with
   *STATUS. */
static int parse_args(int argc, char **argv, struct opts *o, int *status)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "top", required_argument, NULL, 't' },
		{ "linked", required_argument, NULL, 'l' },
		{ "manifests", no_argument, NULL, 'm' },
		{ "suggest", no_argument, NULL, 's' },
		{ "sarif", required_argument, NULL, 'S' },
		{ "predict-free", required_argument, NULL, 'p' },
		{ "page-size", required_argument, NULL, 'P' },
		{ "predict-module", required_argument, NULL, 'M' },
		{ "kallsyms", no_argument, NULL, 'K' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	long long v;
	int c;

	*o = (struct opts){ .top = 10, .page_size = 4096 };
	*status = 2;
	while ((c = getopt_long(argc, argv, "jt:l:msS:p:P:M:KhV", longopts,
				NULL)) != -1) {
		switch (c) {
		case 'j': o->json = true; break;
		case 'm': o->manifests = true; break;
		case 's': o->suggest = true; break;
		case 'l': o->linked = optarg; break;
		case 'S': o->sarif = optarg; break;
		case 'p': o->predict = optarg; break;
		case 'M': o->module = optarg; break;
		case 'K': o->kallsyms = true; break;
		case 'P':
			if (!number_arg("--page-size", optarg, &o->page_size, true))
				return -1;
			break;
		case 't':
			if (!number_arg("--top", optarg, &v, false))
				return -1;
			o->top = v > 1000000000 ? 1000000000 : (long)v;
			break;
		case 'h': help(); *status = 0; return -1;
		case 'V':
			printf("initcheck-report %s\n", IC_VERSION);
			*status = 0;
			return -1;
		default: usage(stderr); return -1;
		}
	}
	if (o->module ? optind != argc : optind == argc && !o->predict) {
		usage(stderr);
		return -1;
	}
	return optind;
}

/* Every PATH exists, or it is an error with exit status 2 and no
   report: a misspelt path must not read as a build with nothing to free. */
static bool inputs_exist(const char *const *paths, int n)
{
	struct stat st;
	bool ok = true;
	int i;

	for (i = 0; i < n; i++)
		if (stat(paths[i], &st) != 0) {
			rc_error("%s: %s", paths[i], strerror(errno));
			ok = false;
		}
	return ok;
}

/* --manifests: each unit's manifest as the object holds it (one schema,
   docs/manifest.md), with the sizes the record and the symbol table give
   filled in, the symbols the assembler added, and the report's sums. */
static json_t *manifest_json(const struct rc_unit *u)
{
	json_t *m = json_deep_copy(u->manifest), *secs = json_array();
	json_t *syms = json_array();
	long long by_cls[RC_NCLASSES] = { 0 };
	size_t k;

	for (k = 0; k < u->nsections; k++) {
		const struct rc_section *s = &u->sections[k];

		json_array_append_new(secs, json_pack("{s:s, s:s, s:o}",
			"name", s->name, "class", rc_class_label(s->cls), "bytes",
			s->bytes < 0 ? json_null() : json_integer(s->bytes)));
		if (s->bytes > 0)
			by_cls[s->cls] += s->bytes;
	}
	for (k = 0; k < u->nsymbols; k++) {
		const struct rc_symbol *y = &u->symbols[k];
		const struct rc_section *s = NULL;
		size_t j;

		for (j = 0; j < u->nsections && !s; j++)
			if (u->sections[j].name == y->section)
				s = &u->sections[j];
		json_array_append_new(syms, json_pack(
			"{s:s, s:s, s:s, s:s, s:b, s:s, s:I, s:o}",
			"name", y->name, "kind", y->function ? "function" : "variable",
			"section", y->section, "class",
			rc_class_label(s ? s->cls : RC_OTHER), "global", y->global,
			"file", y->file ? y->file : "", "line", (json_int_t)y->line,
			"bytes", y->bytes < 0 ? json_null() : json_integer(y->bytes)));
	}
	json_object_set_new(m, "sections", secs);
	json_object_set_new(m, "symbols", syms);
	json_object_set_new(m, "object", json_string(u->origin));
	json_object_set_new(m, "reclaimable_bytes",
			    json_integer(by_cls[RC_INIT] + by_cls[RC_INIT_TABLE]));
	json_object_set_new(m, "exit_bytes", json_integer(by_cls[RC_EXIT]));
	json_object_set_new(m, "meminit_bytes", json_integer(by_cls[RC_MEMINIT]));
	return m;
}

static void print_manifests(void)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; i < rc_nunits; i++)
		json_array_append_new(arr, manifest_json(&rc_units[i]));
	json_dumpf(arr, stdout, JSON_INDENT(2) | JSON_SORT_KEYS);
	putchar('\n');
	json_decref(arr);
}

/* The report: the figures (totals.c), the cross-unit findings, the
   suggestions; computed before any of it is printed. */
struct report {
	struct rc_totals t;
	json_t *cross;
	int errors;		/* of error severity, in cross */
	struct rc_suggestions *suggest;
};

/* crossref.c prints its findings as it finds them (to TEXT: none with
   --json), before the figures. */
static void compute(struct report *r, const struct opts *o)
{
	rc_totals(&r->t, o->linked);
	r->cross = json_array();
	r->errors = rc_crossref(r->cross, o->json ? NULL : stdout);
	r->suggest = rc_suggest();
}

static void report_free(struct report *r)
{
	json_decref(r->cross);
	rc_suggest_free(r->suggest);
	rc_totals_free(&r->t);
}

/* ---- JSON */

static json_t *sections_json(const struct rc_totals *t, bool linked)
{
	json_t *secs = json_array();
	size_t i;

	for (i = 0; i < t->nsections; i++) {
		const struct rc_total *s = &t->sections[i];
		json_t *j = json_pack("{s:s, s:s, s:I, s:b}", "name", s->name,
			"class", rc_class_label(s->cls), "bytes", (json_int_t)s->bytes,
			"complete", !s->unknown);

		if (linked) {
			json_object_set_new(j, "linked_bytes", json_integer(s->linked));
			json_object_set_new(j, "without_manifest",
					    json_integer(s->unclaimed));
			json_object_set_new(j, "alignment_padding",
					    json_integer(s->padding));
			json_object_set_new(j, "linker_relaxation",
					    json_integer(s->relaxed));
			json_object_set_new(j, "unexplained",
					    json_integer(s->unexplained));
		}
		json_array_append_new(secs, j);
	}
	return secs;
}

static json_t *top_units_json(const struct rc_totals *t, size_t top)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; i < rc_nunits && i < top; i++) {
		const struct rc_unit_row *row = &t->units[i];

		json_array_append_new(arr, json_pack("{s:s, s:s, s:I}",
			"tu", row->unit->tu ? row->unit->tu : "",
			"object", row->unit->origin,
			"init_bytes", (json_int_t)row->init));
	}
	return arr;
}

static json_t *top_symbols_json(const struct rc_totals *t, size_t top)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; i < t->nsyms && i < top; i++) {
		const struct rc_symbol *y = t->syms[i].sym;

		json_array_append_new(arr, json_pack("{s:s, s:s, s:I, s:s, s:I}",
			"name", y->name, "section", y->section,
			"bytes", (json_int_t)y->bytes, "file", y->file ? y->file : "",
			"line", (json_int_t)y->line));
	}
	return arr;
}

static json_t *bare_json(const struct rc_totals *t)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; i < t->nbare; i++)
		json_array_append_new(arr, json_pack("{s:s, s:I, s:I}",
			"object", t->bare[i].o->path,
			"init_bytes", (json_int_t)t->bare[i].init,
			"exit_bytes", (json_int_t)t->bare[i].bytes[RC_EXIT]));
	return arr;
}

static void print_json(const struct report *r, const struct opts *o)
{
	const struct rc_totals *t = &r->t;
	json_t *out = json_object();

	json_object_set_new(out, "units", json_integer((json_int_t)rc_nunits));
	json_object_set_new(out, "objects", json_integer((json_int_t)rc_nobjects));
	json_object_set_new(out, "init_bytes", json_integer(t->init));
	json_object_set_new(out, "exit_bytes", json_integer(t->by_class[RC_EXIT]));
	json_object_set_new(out, "meminit_bytes",
			    json_integer(t->by_class[RC_MEMINIT]));
	if (o->linked)
		json_object_set_new(out, "linked_init_bytes",
				    json_integer(t->linked_init));
	json_object_set_new(out, "without_manifest", bare_json(t));
	json_object_set_new(out, "without_manifest_init_bytes",
			    json_integer(t->bare_init));
	json_object_set_new(out, "sections", sections_json(t, o->linked != NULL));
	json_object_set_new(out, "top_units", top_units_json(t, (size_t)o->top));
	json_object_set_new(out, "top_symbols",
			    top_symbols_json(t, (size_t)o->top));
	json_object_set_new(out, "cross_unit", json_incref(r->cross));
	rc_suggest_json(out, r->suggest, o->suggest);
	json_dumpf(out, stdout, JSON_INDENT(2));
	putchar('\n');
	json_decref(out);
}

/* ---- text */

static void print_class_sections(const struct rc_totals *t, enum rc_class cls,
				 bool linked)
{
	size_t i;

	for (i = 0; i < t->nsections; i++) {
		const struct rc_total *s = &t->sections[i];

		if (s->cls != cls)
			continue;
		if (linked) {
			printf("  %-46s %10lld  = %lld from units + %lld without "
			       "manifest + %lld alignment padding + %lld "
			       "unexplained", s->name, s->linked, s->bytes,
			       s->unclaimed, s->padding, s->unexplained);
			if (s->relaxed)
				printf(" - %lld linker relaxation", -s->relaxed);
			putchar('\n');
		} else
			printf("  %-46s %10lld%s\n", s->name, s->bytes,
			       s->unknown ? " (some sizes unknown)" : "");
	}
}

static void print_bare(const struct rc_totals *t)
{
	size_t i;

	if (!t->nbare)
		return;
	printf("%zu objects without a manifest (not compiled with the plugin), "
	       "not in the figures above: %lld init bytes, %lld exit bytes\n",
	       t->nbare, t->bare_init, t->bare_bytes[RC_EXIT]);
	for (i = 0; i < t->nbare; i++)
		printf("  %10lld  %s\n", t->bare[i].init, t->bare[i].o->path);
}

static void print_tops(const struct rc_totals *t, size_t top)
{
	size_t i;

	if (top && rc_nunits) {
		printf("\ntop units by init bytes:\n");
		for (i = 0; i < rc_nunits && i < top; i++)
			printf("  %10lld  %s (%s)\n", t->units[i].init,
			       t->units[i].unit->tu ? t->units[i].unit->tu : "?",
			       t->units[i].unit->origin);
	}
	if (!top || !t->nsyms)
		return;
	printf("\ntop symbols:\n");
	for (i = 0; i < t->nsyms && i < top; i++) {
		const struct rc_symbol *y = t->syms[i].sym;

		if (y->bytes < 0)
			printf("  %10s  ", "?");
		else
			printf("  %10lld  ", y->bytes);
		printf("%s  %s  %s:%ld\n", y->name, y->section,
		       y->file ? y->file : "?", y->line);
	}
}

/* The headline is the linked binary's bytes with --linked, else the
   units'. */
static void print_text(const struct report *r, const struct opts *o)
{
	static const char *const what[] = {
		[RC_INIT] = "init: freed after boot",
		[RC_INIT_TABLE] = "init tables: freed after boot",
		[RC_MEMINIT] = "meminit: freed only without memory hotplug",
		[RC_EXIT] = "exit: discarded when built in",
	};
	const struct rc_totals *t = &r->t;
	const long long *head = o->linked ? t->linked_by_class : t->by_class;
	enum rc_class cls;

	printf("initcheck-report: %zu units in %zu objects\n", rc_nunits,
	       rc_nobjects);
	if (o->linked)
		printf("bytes of %s (the units' own sums are in --json):\n",
		       o->linked);
	for (cls = RC_INIT; cls < RC_OTHER; cls++) {
		printf("%-48s %10lld bytes\n", what[cls], head[cls]);
		print_class_sections(t, cls, o->linked != NULL);
	}
	printf("reclaimable at boot (init + init tables): %lld bytes%s\n",
	       o->linked ? t->linked_init : t->init,
	       o->linked ? ", linked" : "");
	if (o->linked)
		printf("  of which the units' manifests explain: %lld bytes\n",
		       t->init);
	print_bare(t);
	rc_suggest_print(stdout, r->suggest, o->suggest);
	print_tops(t, (size_t)o->top);
}

/* Slim -flto objects hold no code and no init symbols: no cross-unit
   check is possible from them, which must not read as a pass. */
static bool refuse_lto_only(void)
{
	size_t i, n = 0;

	for (i = 0; i < rc_nunits; i++)
		n += rc_units[i].lto_only;
	if (n)
		rc_error("%zu of %zu units were compiled with -flto and no "
			 "-ffat-lto-objects: their code and init symbols are "
			 "made at link time, so they cannot be checked or "
			 "counted; add -ffat-lto-objects", n, rc_nunits);
	return n != 0;
}

/* The exit status once all is said: 1 if any error was. */
static int status(int rc)
{
	return rc || rc_errors ? 1 : 0;
}

/* --predict-module KO */
static int run_module(const struct opts *o)
{
	if (!inputs_exist(&o->module, 1))
		return 2;
	return status(rc_predict_module(o->module, o->page_size, o->kallsyms,
					o->json));
}

/* Every one of the N PATHS, in the order given; 0 if all were read. */
static int read_paths(char **paths, int n)
{
	int i, rc = 0;

	for (i = 0; i < n; i++)
		rc |= rc_read_path(paths[i]);
	return rc;
}

/* --predict-free IMAGE with the PATHS read, or none: those of the kernel
   build directory IMAGE is in. */
static int run_predict(const struct opts *o, char **paths, int n)
{
	int rc;

	if (!n)
		rc = rc_predict_free_kbuild(o->predict, o->page_size, o->json);
	else {
		rc = read_paths(paths, n);
		rc |= rc_predict_free(o->predict, o->page_size, o->json);
	}
	rc_units_free();
	return status(rc);
}

/* The report, or with --manifests the manifests, of the PATHS read. */
static int run_report(const struct opts *o, char **paths, int n)
{
	struct report r = { { 0 }, NULL, 0, NULL };
	int rc = read_paths(paths, n);

	if (o->manifests)
		print_manifests();
	else if (refuse_lto_only())
		rc = 1;
	else {
		compute(&r, o);
		if (o->sarif)
			rc |= rc_sarif_write(o->sarif, r.cross);
		if (o->json)
			print_json(&r, o);
		else
			print_text(&r, o);
		rc |= r.errors;
		report_free(&r);
	}
	rc_units_free();
	return status(rc);
}

int main(int argc, char **argv)
{
	struct opts o;
	int first, rc;

	if ((first = parse_args(argc, argv, &o, &rc)) < 0)
		return rc;
	if (o.module)
		return run_module(&o);
	rc_keep_json = o.manifests;
	if (!inputs_exist((const char *const *)(argv + first), argc - first)
	    || (o.predict && !inputs_exist(&o.predict, 1))
	    || (o.linked && !inputs_exist(&o.linked, 1)))
		return 2;
	if (o.predict)
		return run_predict(&o, argv + first, argc - first);
	return run_report(&o, argv + first, argc - first);
}
