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
#include <gelf.h>
#include <getopt.h>
#include <libelf.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report.h"

#define NCLASSES (RC_OTHER + 1)

struct total {
	const char *name;
	enum rc_class cls;
	long long bytes;	/* what the units give */
	long long unclaimed;	/* in the objects, but in no unit: code the
				   plugin did not compile (assembler files) */
	long long linked;	/* -1 without --linked */
	long long predicted;	/* linked size expected from the inputs */
	long long relax_max;	/* at most this much less by RISC-V's linker
				   relaxation (a final link only) */
	long long relaxed;	/* linked - predicted, when that is a
				   relaxation's: within relax_max */
	bool unknown;		/* some unit had no size for it */
};

static int cmp_total(const void *a, const void *b);
static struct total *totals;
static size_t ntotals, totals_alloc;
static struct rc_map total_ix;	/* name -> index + 1, until sorted */

static struct total *total_for(const char *name, enum rc_class cls)
{
	void *ix = rc_map_get(&total_ix, name);

	if (ix)
		return &totals[RC_UNIX(ix)];
	if (ntotals == totals_alloc) {
		totals_alloc = totals_alloc ? 2 * totals_alloc : 16;
		totals = rc_xrealloc(totals, totals_alloc * sizeof(*totals));
	}
	totals[ntotals] = (struct total){ .name = name, .cls = cls, .linked = -1 };
	rc_map_put(&total_ix, name, RC_IX(ntotals));
	return &totals[ntotals++];
}

static struct total *find_total(const char *name)
{
	void *ix = rc_map_get(&total_ix, name);

	return ix ? &totals[RC_UNIX(ix)] : NULL;
}

/* Sorted by class, then name; the index follows. */
static void sort_totals(void)
{
	size_t i;

	qsort(totals, ntotals, sizeof(*totals), cmp_total);
	rc_map_free(&total_ix);
	for (i = 0; i < ntotals; i++)
		rc_map_put(&total_ix, totals[i].name, RC_IX(i));
}

static int cmp_total(const void *a, const void *b)
{
	const struct total *x = a, *y = b;

	if (x->cls != y->cls)
		return x->cls < y->cls ? -1 : 1;
	return strcmp(x->name, y->name);
}

static long long unit_bytes(const struct rc_unit *u, bool init_only)
{
	long long sum = 0;
	size_t i;

	for (i = 0; i < u->nsections; i++)
		if (u->sections[i].bytes > 0
		    && (!init_only || u->sections[i].cls == RC_INIT
			|| u->sections[i].cls == RC_INIT_TABLE))
			sum += u->sections[i].bytes;
	return sum;
}

static int cmp_unit(const void *a, const void *b)
{
	long long x = unit_bytes(*(struct rc_unit *const *)a, true);
	long long y = unit_bytes(*(struct rc_unit *const *)b, true);

	return x < y ? 1 : x > y ? -1 : 0;
}

struct symref {
	const struct rc_unit *unit;
	const struct rc_symbol *sym;
};

static int cmp_sym(const void *a, const void *b)
{
	const struct symref *x = a, *y = b;

	if (x->sym->bytes != y->sym->bytes)
		return x->sym->bytes < y->sym->bytes ? 1 : -1;
	return strcmp(x->sym->name, y->sym->name);
}

/* --linked: the size of each totalled section in the linked binary, and
   the size the inputs predict: each object's part placed at its
   alignment, in the order given, as ld places input sections. */
static int read_linked(const char *path)
{
	int fd = open(path, O_RDONLY);
	Elf *e;
	size_t shstrndx, i, k;
	Elf_Scn *scn = NULL;
	struct total *t;
	GElf_Ehdr eh;

	if (fd < 0 || !(e = elf_begin(fd, ELF_C_READ, NULL))
	    || elf_getshdrstrndx(e, &shstrndx) != 0 || !gelf_getehdr(e, &eh)) {
		rc_error("%s: cannot read the linked binary", path);
		if (fd >= 0)
			close(fd);
		return 1;
	}
	for (i = 0; i < ntotals; i++)
		totals[i].linked = 0;
	while ((scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;
		const char *name;

		if (!gelf_getshdr(scn, &sh))
			continue;
		name = elf_strptr(e, shstrndx, sh.sh_name);
		if (name && (t = find_total(name)))
			t->linked += (long long)sh.sh_size;
	}
	elf_end(e);
	close(fd);

	for (i = 0; i < ntotals; i++)
		totals[i].predicted = totals[i].relax_max = 0;
	for (k = 0; k < rc_nobjects; k++) {
		const struct rc_object *o = &rc_objects[k];

		for (i = 0; i < o->nsections; i++) {
			long long a = o->sections[i].align;

			if (o->sections[i].bytes <= 0
			    || !(t = find_total(o->sections[i].name)))
				continue;
			if (a > 1)
				t->predicted = (t->predicted + a - 1) / a * a;
			t->predicted += o->sections[i].bytes;
			t->relax_max += o->sections[i].relax;
		}
	}
	/* What RISC-V's linker relaxation may have deleted, in a final link
	   (not ld -r, which keeps the relocations and relaxes nothing). */
	for (i = 0; i < ntotals; i++) {
		t = &totals[i];
		if (eh.e_type == ET_REL)
			t->relax_max = 0;
		t->relaxed = 0;
		if (t->linked < t->predicted
		    && t->predicted - t->linked <= t->relax_max)
			t->relaxed = t->linked - t->predicted;
	}
	return 0;
}

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
	long long by_cls[NCLASSES] = { 0 };
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

/* An object without a manifest (assembler files, code built without the
   plugin) and the bytes of its reclaimable sections. */
struct bare {
	const struct rc_object *o;
	long long bytes[NCLASSES];
};

struct report {
	long long by_class[NCLASSES], linked[NCLASSES], bare_bytes[NCLASSES];
	struct rc_unit **units;
	struct symref *syms;
	size_t nsyms, nbare;
	struct bare *bare;
	json_t *cross;
	int errors;
	struct rc_suggestions *suggest;
};

/* The class of a section no unit names: by the kernel's names. */
static enum rc_class class_by_name(const char *name)
{
	const struct total *t = find_total(name);

	if (t)
		return t->cls;
	if (!strncmp(name, ".init.", 6))
		return RC_INIT;
	if (!strncmp(name, ".exit.", 6))
		return RC_EXIT;
	if (!strncmp(name, ".meminit.", 9))
		return RC_MEMINIT;
	return RC_OTHER;
}

static void count_bare(struct report *r)
{
	size_t k, j;

	r->bare = rc_xcalloc(rc_nobjects, sizeof(*r->bare));
	for (k = 0; k < rc_nobjects; k++) {
		const struct rc_object *o = &rc_objects[k];
		struct bare *b = &r->bare[r->nbare];

		if (o->nunits)
			continue;
		b->o = o;
		for (j = 0; j < o->nsections; j++) {
			const struct rc_section *s = &o->sections[j];
			struct total *t = find_total(s->name);
			enum rc_class cls = class_by_name(s->name);

			if (t)
				t->unclaimed += s->bytes;
			if (cls != RC_OTHER && s->alloc) {
				b->bytes[cls] += s->bytes;
				r->bare_bytes[cls] += s->bytes;
			}
		}
		r->nbare++;
	}
}

/* Bytes in sections of an object that no record of it lists: renamed
   after the compile, as objcopy --prefix-alloc-sections=.init makes the
   .text of arm64's and RISC-V's EFI stub .init.text.  (Objects of no
   unit are count_bare()'s.) */
static void count_unlisted(void)
{
	size_t k, j, u, m;

	for (k = 0; k < rc_nobjects; k++) {
		const struct rc_object *ob = &rc_objects[k];

		for (j = 0; ob->nunits && j < ob->nsections; j++) {
			struct total *t = find_total(ob->sections[j].name);
			bool listed = false;

			for (u = ob->first_unit; t && !listed
			     && u < ob->first_unit + ob->nunits; u++)
				for (m = 0; m < rc_units[u].nsections; m++)
					if (!strcmp(rc_units[u].sections[m].name,
						    ob->sections[j].name))
						listed = true;
			if (t && !listed)
				t->unclaimed += ob->sections[j].bytes;
		}
	}
}

static void compute(struct report *r, const struct opts *o)
{
	size_t i, k, nsyms = 0;

	for (i = 0; i < rc_nunits; i++) {
		const struct rc_unit *u = &rc_units[i];

		for (k = 0; k < u->nsections; k++) {
			struct total *t = total_for(u->sections[k].name,
						    u->sections[k].cls);

			if (u->sections[k].bytes < 0)
				t->unknown = true;
			else
				t->bytes += u->sections[k].bytes;
		}
		nsyms += u->nsymbols;
	}
	sort_totals();
	for (i = 0; i < ntotals; i++)
		r->by_class[totals[i].cls] += totals[i].bytes;
	count_bare(r);
	count_unlisted();
	if (o->linked && read_linked(o->linked) == 0)
		for (i = 0; i < ntotals; i++)
			r->linked[totals[i].cls] += totals[i].linked;
	r->units = rc_xcalloc(rc_nunits, sizeof(*r->units));
	for (i = 0; i < rc_nunits; i++)
		r->units[i] = &rc_units[i];
	if (rc_nunits)
		qsort(r->units, rc_nunits, sizeof(*r->units), cmp_unit);
	r->syms = rc_xcalloc(nsyms, sizeof(*r->syms));
	for (i = 0; i < rc_nunits; i++)
		for (k = 0; k < rc_units[i].nsymbols; k++)
			r->syms[r->nsyms++] = (struct symref){ &rc_units[i],
						      &rc_units[i].symbols[k] };
	if (r->nsyms)
		qsort(r->syms, r->nsyms, sizeof(*r->syms), cmp_sym);
	r->cross = json_array();
	r->errors = rc_crossref(r->cross, o->json ? NULL : stdout);
	r->suggest = rc_suggest();
}

static json_t *sections_json(bool linked)
{
	json_t *secs = json_array();
	size_t i;

	for (i = 0; i < ntotals; i++) {
		const struct total *t = &totals[i];
		json_t *s = json_pack("{s:s, s:s, s:I, s:b}", "name", t->name,
			"class", rc_class_label(t->cls), "bytes", (json_int_t)t->bytes,
			"complete", !t->unknown);

		if (linked) {
			json_object_set_new(s, "linked_bytes", json_integer(t->linked));
			json_object_set_new(s, "without_manifest",
					    json_integer(t->unclaimed));
			json_object_set_new(s, "alignment_padding", json_integer(
				t->predicted - t->bytes - t->unclaimed));
			json_object_set_new(s, "linker_relaxation",
					    json_integer(t->relaxed));
			json_object_set_new(s, "unexplained", json_integer(
				t->linked - t->predicted - t->relaxed));
		}
		json_array_append_new(secs, s);
	}
	return secs;
}

static json_t *tops_json(const struct report *r, size_t top, json_t **topsy)
{
	json_t *tops = json_array();
	size_t i;

	for (i = 0; i < rc_nunits && i < top; i++)
		json_array_append_new(tops, json_pack("{s:s, s:s, s:I}",
			"tu", r->units[i]->tu ? r->units[i]->tu : "",
			"object", r->units[i]->origin,
			"init_bytes", (json_int_t)unit_bytes(r->units[i], true)));
	*topsy = json_array();
	for (i = 0; i < r->nsyms && i < top; i++) {
		const struct rc_symbol *y = r->syms[i].sym;

		json_array_append_new(*topsy, json_pack("{s:s, s:s, s:I, s:s, s:I}",
			"name", y->name, "section", y->section,
			"bytes", (json_int_t)y->bytes, "file", y->file ? y->file : "",
			"line", (json_int_t)y->line));
	}
	return tops;
}

static json_t *bare_json(const struct report *r)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; i < r->nbare; i++)
		json_array_append_new(arr, json_pack("{s:s, s:I, s:I}",
			"object", r->bare[i].o->path, "init_bytes",
			(json_int_t)(r->bare[i].bytes[RC_INIT]
				     + r->bare[i].bytes[RC_INIT_TABLE]),
			"exit_bytes", (json_int_t)r->bare[i].bytes[RC_EXIT]));
	return arr;
}

static void print_json(struct report *r, const struct opts *o)
{
	json_t *out = json_object(), *topsy, *tops;

	tops = tops_json(r, (size_t)o->top, &topsy);
	json_object_set_new(out, "units", json_integer((json_int_t)rc_nunits));
	json_object_set_new(out, "objects", json_integer((json_int_t)rc_nobjects));
	json_object_set_new(out, "init_bytes",
		json_integer(r->by_class[RC_INIT] + r->by_class[RC_INIT_TABLE]));
	json_object_set_new(out, "exit_bytes", json_integer(r->by_class[RC_EXIT]));
	json_object_set_new(out, "meminit_bytes",
			    json_integer(r->by_class[RC_MEMINIT]));
	if (o->linked)
		json_object_set_new(out, "linked_init_bytes", json_integer(
			r->linked[RC_INIT] + r->linked[RC_INIT_TABLE]));
	json_object_set_new(out, "without_manifest", bare_json(r));
	json_object_set_new(out, "without_manifest_init_bytes", json_integer(
		r->bare_bytes[RC_INIT] + r->bare_bytes[RC_INIT_TABLE]));
	json_object_set_new(out, "sections", sections_json(o->linked != NULL));
	json_object_set_new(out, "top_units", tops);
	json_object_set_new(out, "top_symbols", topsy);
	json_object_set_new(out, "cross_unit", json_incref(r->cross));
	rc_suggest_json(out, r->suggest, o->suggest);
	json_dumpf(out, stdout, JSON_INDENT(2));
	putchar('\n');
	json_decref(out);
}

static void print_class_sections(enum rc_class cls, bool linked)
{
	size_t i;

	for (i = 0; i < ntotals; i++) {
		const struct total *t = &totals[i];

		if (t->cls != cls)
			continue;
		if (linked) {
			printf("  %-46s %10lld  = %lld from units + %lld without "
			       "manifest + %lld alignment padding + %lld "
			       "unexplained", t->name, t->linked, t->bytes,
			       t->unclaimed, t->predicted - t->bytes - t->unclaimed,
			       t->linked - t->predicted - t->relaxed);
			if (t->relaxed)
				printf(" - %lld linker relaxation", -t->relaxed);
			putchar('\n');
		} else
			printf("  %-46s %10lld%s\n", t->name, t->bytes,
			       t->unknown ? " (some sizes unknown)" : "");
	}
}

static void print_bare(const struct report *r)
{
	size_t i;

	if (!r->nbare)
		return;
	printf("%zu objects without a manifest (not compiled with the plugin), "
	       "not in the figures above: %lld init bytes, %lld exit bytes\n",
	       r->nbare, r->bare_bytes[RC_INIT] + r->bare_bytes[RC_INIT_TABLE],
	       r->bare_bytes[RC_EXIT]);
	for (i = 0; i < r->nbare; i++)
		printf("  %10lld  %s\n", r->bare[i].bytes[RC_INIT]
		       + r->bare[i].bytes[RC_INIT_TABLE], r->bare[i].o->path);
}

static void print_tops(const struct report *r, size_t top)
{
	size_t i;

	if (top && rc_nunits) {
		printf("\ntop units by init bytes:\n");
		for (i = 0; i < rc_nunits && i < top; i++)
			printf("  %10lld  %s (%s)\n", unit_bytes(r->units[i], true),
			       r->units[i]->tu ? r->units[i]->tu : "?",
			       r->units[i]->origin);
	}
	if (!top || !r->nsyms)
		return;
	printf("\ntop symbols:\n");
	for (i = 0; i < r->nsyms && i < top; i++) {
		const struct rc_symbol *y = r->syms[i].sym;

		if (y->bytes < 0)
			printf("  %10s  ", "?");
		else
			printf("  %10lld  ", y->bytes);
		printf("%s  %s  %s:%ld\n", y->name, y->section,
		       y->file ? y->file : "?", y->line);
	}
}

static void print_text(const struct report *r, const struct opts *o)
{
	static const char *const what[] = {
		[RC_INIT] = "init: freed after boot",
		[RC_INIT_TABLE] = "init tables: freed after boot",
		[RC_MEMINIT] = "meminit: freed only without memory hotplug",
		[RC_EXIT] = "exit: discarded when built in",
	};
	const long long *head = o->linked ? r->linked : r->by_class;
	enum rc_class cls;

	printf("initcheck-report: %zu units in %zu objects\n", rc_nunits,
	       rc_nobjects);
	if (o->linked)
		printf("bytes of %s (the units' own sums are in --json):\n",
		       o->linked);
	for (cls = RC_INIT; cls < RC_OTHER; cls++) {
		printf("%-48s %10lld bytes\n", what[cls], head[cls]);
		print_class_sections(cls, o->linked != NULL);
	}
	printf("reclaimable at boot (init + init tables): %lld bytes%s\n",
	       head[RC_INIT] + head[RC_INIT_TABLE],
	       o->linked ? ", linked" : "");
	if (o->linked)
		printf("  of which the units' manifests explain: %lld bytes\n",
		       r->by_class[RC_INIT] + r->by_class[RC_INIT_TABLE]);
	print_bare(r);
	rc_suggest_print(stdout, r->suggest, o->suggest);
	print_tops(r, (size_t)o->top);
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

int main(int argc, char **argv)
{
	struct opts o;
	struct report r;
	int first, i, rc = 0;

	memset(&r, 0, sizeof(r));
	if ((first = parse_args(argc, argv, &o, &rc)) < 0)
		return rc;
	rc = 0;
	if (o.module)
		return !inputs_exist(&o.module, 1) ? 2
		       : rc_predict_module(o.module, o.page_size, o.kallsyms,
					   o.json) || rc_errors ? 1 : 0;
	rc_keep_json = o.manifests;
	if (!inputs_exist((const char *const *)(argv + first), argc - first)
	    || (o.predict && !inputs_exist(&o.predict, 1))
	    || (o.linked && !inputs_exist(&o.linked, 1)))
		return 2;
	if (o.predict && first == argc) {
		rc = rc_predict_free_kbuild(o.predict, o.page_size, o.json);
		rc_units_free();
		return rc || rc_errors ? 1 : 0;
	}
	for (i = first; i < argc; i++)
		rc |= rc_read_path(argv[i]);
	if (o.predict) {
		rc |= rc_predict_free(o.predict, o.page_size, o.json);
		rc_units_free();
		return rc || rc_errors ? 1 : 0;
	}
	if (o.manifests) {
		print_manifests();
		rc_units_free();
		return rc || rc_errors ? 1 : 0;
	}
	if (refuse_lto_only()) {
		rc_units_free();
		return 1;
	}
	compute(&r, &o);
	if (o.sarif)
		rc |= rc_sarif_write(o.sarif, r.cross);
	if (o.json)
		print_json(&r, &o);
	else
		print_text(&r, &o);
	json_decref(r.cross);
	free(r.units);
	free(r.syms);
	free(r.bare);
	rc_suggest_free(r.suggest);
	free(totals);
	rc_map_free(&total_ix);
	rc_units_free();
	return r.errors || rc || rc_errors ? 1 : 0;
}
