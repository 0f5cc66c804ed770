/*
 * initcheck-report - what a whole build gives back when init memory is
 * freed, from the manifests the initcheck plugin put into its objects.
 *
 *   initcheck-report [--json] [--top N] [--linked BINARY] [--manifests]
 *                    [--suggest] PATH...
 *   initcheck-report [--json] [--page-size N] --predict-free IMAGE PATH...
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
 * Exit status: 0; 1 when a cross-unit mismatch is an error, an input
 * could not be read, or --predict-free cannot name some bytes; 2 for a
 * usage error.
 */
#define _GNU_SOURCE
#include <gelf.h>
#include <getopt.h>
#include <libelf.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

static struct total *totals;
static size_t ntotals;

static struct total *total_for(const char *name, enum rc_class cls)
{
	size_t i;

	for (i = 0; i < ntotals; i++)
		if (!strcmp(totals[i].name, name))
			return &totals[i];
	totals = rc_xrealloc(totals, (ntotals + 1) * sizeof(*totals));
	totals[ntotals] = (struct total){ name, cls, 0, 0, -1, 0, 0, 0, false };
	return &totals[ntotals++];
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
		for (i = 0; name && i < ntotals; i++)
			if (!strcmp(totals[i].name, name))
				totals[i].linked += (long long)sh.sh_size;
	}
	elf_end(e);
	close(fd);

	for (i = 0; i < ntotals; i++) {
		long long off = 0, relax = 0;

		for (k = 0; k < rc_nobjects; k++) {
			const struct rc_object *o = &rc_objects[k];
			size_t j;

			for (j = 0; j < o->nsections; j++) {
				long long a = o->sections[j].align;

				if (strcmp(o->sections[j].name, totals[i].name)
				    || o->sections[j].bytes <= 0)
					continue;
				if (a > 1)
					off = (off + a - 1) / a * a;
				off += o->sections[j].bytes;
				relax += o->sections[j].relax;
			}
		}
		totals[i].predicted = off;
		/* What relaxation may have deleted, in a final link (not
		   ld -r, which keeps the relocations and relaxes nothing). */
		totals[i].relax_max = eh.e_type == ET_REL ? 0 : relax;
		totals[i].relaxed = 0;
		if (totals[i].linked < off
		    && off - totals[i].linked <= totals[i].relax_max)
			totals[i].relaxed = totals[i].linked - off;
	}
	return 0;
}

static void usage(FILE *f)
{
	fputs("usage: initcheck-report [--json] [--top N] [--linked BINARY]"
	      " [--manifests] [--suggest] PATH...\n"
	      "       initcheck-report [--json] [--page-size N]"
	      " --predict-free IMAGE PATH...\n", f);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "top", required_argument, NULL, 't' },
		{ "linked", required_argument, NULL, 'l' },
		{ "manifests", no_argument, NULL, 'm' },
		{ "suggest", no_argument, NULL, 's' },
		{ "predict-free", required_argument, NULL, 'p' },
		{ "page-size", required_argument, NULL, 'P' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool as_json = false, manifests = false, suggest = false;
	const char *linked = NULL, *predict = NULL;
	long top = 10;
	long long page_size = 4096;
	long long by_class[NCLASSES] = { 0 };
	struct rc_unit **units;
	struct symref *syms;
	size_t nsyms = 0, lto_only = 0, i, k;
	json_t *out, *cross, *arr;
	int c, errors, rc = 0;
	char *end;

	while ((c = getopt_long(argc, argv, "jt:l:msp:P:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'j': as_json = true; break;
		case 'm': manifests = true; break;
		case 's': suggest = true; break;
		case 'l': linked = optarg; break;
		case 'p': predict = optarg; break;
		case 'P':
			page_size = strtoll(optarg, &end, 0);
			if (*end || page_size <= 0 || (page_size & (page_size - 1))) {
				fprintf(stderr, "initcheck-report: --page-size takes "
					"a power of two, not '%s'\n", optarg);
				return 2;
			}
			break;
		case 't':
			top = strtol(optarg, &end, 10);
			if (*end || top < 0) {
				fprintf(stderr, "initcheck-report: --top takes "
					"a number, not '%s'\n", optarg);
				return 2;
			}
			break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind == argc) {
		usage(stderr);
		return 2;
	}
	for (i = (size_t)optind; i < (size_t)argc; i++)
		rc |= rc_read_path(argv[i]);
	if (predict) {
		rc |= rc_predict_free(predict, page_size, as_json);
		rc_units_free();
		return rc || rc_errors ? 1 : 0;
	}

	for (i = 0; i < rc_nunits; i++)
		lto_only += rc_units[i].lto_only;

	if (manifests) {
		arr = json_array();
		for (i = 0; i < rc_nunits; i++) {
			json_t *m = json_deep_copy(rc_units[i].manifest);
			json_t *secs = json_object_get(m, "sections"), *s;
			json_t *symarr = json_array();

			json_t *bytes = json_object(), *classes = json_object();
			long long by_cls[NCLASSES] = { 0 };

			/* "sections": name -> bytes, as the objects give them;
			   the class of each beside it. */
			json_array_foreach(secs, k, s) {
				const struct rc_section *sec = &rc_units[i].sections[k];

				json_object_set_new(bytes, sec->name, sec->bytes < 0
					? json_null() : json_integer(sec->bytes));
				json_object_set_new(classes, sec->name,
					json_string(rc_class_label(sec->cls)));
				if (sec->bytes > 0)
					by_cls[sec->cls] += sec->bytes;
			}
			json_object_set_new(m, "sections", bytes);
			json_object_set_new(m, "section_classes", classes);
			json_object_set_new(m, "reclaimable_bytes",
				json_integer(by_cls[RC_INIT] + by_cls[RC_INIT_TABLE]));
			json_object_set_new(m, "exit_bytes", json_integer(by_cls[RC_EXIT]));
			json_object_set_new(m, "meminit_bytes", json_integer(by_cls[RC_MEMINIT]));
			for (k = 0; k < rc_units[i].nsymbols; k++) {
				const struct rc_symbol *y = &rc_units[i].symbols[k];

				json_array_append_new(symarr, json_pack(
					"{s:s, s:s, s:s, s:b, s:s, s:I, s:o}",
					"name", y->name, "kind", y->function ? "function" : "variable",
					"section", y->section, "global", y->global,
					"file", y->file ? y->file : "", "line", (json_int_t)y->line,
					"bytes", y->bytes < 0 ? json_null() : json_integer(y->bytes)));
			}
			json_object_set_new(m, "symbols", symarr);
			json_object_set_new(m, "object", json_string(rc_units[i].origin));
			json_array_append_new(arr, m);
		}
		json_dumpf(arr, stdout, JSON_INDENT(2) | JSON_SORT_KEYS);
		putchar('\n');
		json_decref(arr);
		return rc || rc_errors ? 1 : 0;
	}

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
	qsort(totals, ntotals, sizeof(*totals), cmp_total);
	for (i = 0; i < ntotals; i++)
		by_class[totals[i].cls] += totals[i].bytes;
	/* Bytes in objects of no unit (objects without a manifest), and in
	   sections of an object that no record of it lists: renamed after
	   the compile, as objcopy --prefix-alloc-sections=.init makes the
	   .text of arm64's and RISC-V's EFI stub .init.text. */
	for (k = 0; k < rc_nobjects; k++) {
		const struct rc_object *o = &rc_objects[k];
		size_t j;

		for (j = 0; j < o->nsections; j++) {
			bool listed = false;
			size_t u, m;

			for (u = o->first_unit; !listed
			     && u < o->first_unit + o->nunits; u++)
				for (m = 0; m < rc_units[u].nsections; m++)
					if (!strcmp(rc_units[u].sections[m].name,
						    o->sections[j].name))
						listed = true;
			if (listed)
				continue;
			for (i = 0; i < ntotals; i++)
				if (!strcmp(totals[i].name, o->sections[j].name))
					totals[i].unclaimed += o->sections[j].bytes;
		}
	}
	if (linked)
		rc |= read_linked(linked);

	units = rc_xrealloc(NULL, (rc_nunits + 1) * sizeof(*units));
	for (i = 0; i < rc_nunits; i++)
		units[i] = &rc_units[i];
	qsort(units, rc_nunits, sizeof(*units), cmp_unit);
	syms = rc_xrealloc(NULL, (nsyms + 1) * sizeof(*syms));
	nsyms = 0;
	for (i = 0; i < rc_nunits; i++)
		for (k = 0; k < rc_units[i].nsymbols; k++)
			syms[nsyms++] = (struct symref){ &rc_units[i],
						 &rc_units[i].symbols[k] };
	qsort(syms, nsyms, sizeof(*syms), cmp_sym);

	out = json_object();
	cross = json_array();
	errors = rc_crossref(cross, as_json ? NULL : stdout);

	if (as_json) {
		json_t *secs = json_array(), *tops = json_array(), *topsy = json_array();

		for (i = 0; i < ntotals; i++) {
			json_t *s = json_pack("{s:s, s:s, s:I, s:b}", "name",
				totals[i].name, "class", rc_class_label(totals[i].cls),
				"bytes", (json_int_t)totals[i].bytes, "complete", !totals[i].unknown);

			if (linked) {
				json_object_set_new(s, "linked_bytes", json_integer(totals[i].linked));
				json_object_set_new(s, "without_manifest",
					json_integer(totals[i].unclaimed));
				json_object_set_new(s, "alignment_padding",
					json_integer(totals[i].predicted - totals[i].bytes
						     - totals[i].unclaimed));
				json_object_set_new(s, "linker_relaxation",
					json_integer(totals[i].relaxed));
				json_object_set_new(s, "unexplained",
					json_integer(totals[i].linked - totals[i].predicted
						     - totals[i].relaxed));
			}
			json_array_append_new(secs, s);
		}
		for (i = 0; i < rc_nunits && i < (size_t)top; i++)
			json_array_append_new(tops, json_pack("{s:s, s:s, s:I}",
				"tu", units[i]->tu ? units[i]->tu : "", "object", units[i]->origin,
				"init_bytes", (json_int_t)unit_bytes(units[i], true)));
		for (i = 0; i < nsyms && i < (size_t)top; i++)
			json_array_append_new(topsy, json_pack("{s:s, s:s, s:I, s:s, s:I}",
				"name", syms[i].sym->name, "section", syms[i].sym->section,
				"bytes", (json_int_t)syms[i].sym->bytes,
				"file", syms[i].sym->file ? syms[i].sym->file : "",
				"line", (json_int_t)syms[i].sym->line));
		json_object_set_new(out, "units", json_integer((json_int_t)rc_nunits));
		json_object_set_new(out, "objects", json_integer((json_int_t)rc_nobjects));
		json_object_set_new(out, "lto_only_units", json_integer((json_int_t)lto_only));
		json_object_set_new(out, "init_bytes", json_integer(by_class[RC_INIT] + by_class[RC_INIT_TABLE]));
		json_object_set_new(out, "exit_bytes", json_integer(by_class[RC_EXIT]));
		json_object_set_new(out, "meminit_bytes", json_integer(by_class[RC_MEMINIT]));
		json_object_set_new(out, "sections", secs);
		json_object_set_new(out, "top_units", tops);
		json_object_set_new(out, "top_symbols", topsy);
		json_object_set_new(out, "cross_unit", cross);
		rc_suggest(out, NULL, suggest);
		json_dumpf(out, stdout, JSON_INDENT(2));
		putchar('\n');
	} else {
		enum rc_class cls;

		printf("initcheck-report: %zu units in %zu objects\n", rc_nunits,
		       rc_nobjects);
		/* Slim -flto objects: 0 bytes would read as "no init". */
		if (lto_only)
			printf("  %zu of them compiled with -flto and no "
			       "-ffat-lto-objects: their code is made at link "
			       "time and is not counted\n", lto_only);
		for (cls = RC_INIT; cls < RC_OTHER; cls++) {
			static const char *const what[] = {
				[RC_INIT] = "init: freed after boot",
				[RC_INIT_TABLE] = "init tables: freed after boot",
				[RC_MEMINIT] = "meminit: freed only without memory hotplug",
				[RC_EXIT] = "exit: discarded when built in",
			};
			printf("%-48s %10lld bytes\n", what[cls], by_class[cls]);
			for (i = 0; i < ntotals; i++) {
				if (totals[i].cls != cls)
					continue;
				printf("  %-46s %10lld%s", totals[i].name,
				       totals[i].bytes, totals[i].unknown
				       ? " (some sizes unknown)" : "");
				if (linked)
					printf("  linked %lld = %lld + %lld "
					       "without manifest + %lld alignment "
					       "padding + %lld unexplained",
					       totals[i].linked, totals[i].bytes,
					       totals[i].unclaimed,
					       totals[i].predicted - totals[i].bytes
					       - totals[i].unclaimed,
					       totals[i].linked - totals[i].predicted
					       - totals[i].relaxed);
				if (linked && totals[i].relaxed)
					printf(" - %lld linker relaxation",
					       -totals[i].relaxed);
				putchar('\n');
			}
		}
		printf("reclaimable at boot (init + init tables): %lld bytes\n",
		       by_class[RC_INIT] + by_class[RC_INIT_TABLE]);
		rc_suggest(NULL, stdout, suggest);
		if (top && rc_nunits) {
			printf("\ntop units by init bytes:\n");
			for (i = 0; i < rc_nunits && i < (size_t)top; i++)
				printf("  %10lld  %s (%s)\n",
				       unit_bytes(units[i], true),
				       units[i]->tu ? units[i]->tu : "?",
				       units[i]->origin);
		}
		if (top && nsyms) {
			printf("\ntop symbols:\n");
			for (i = 0; i < nsyms && i < (size_t)top; i++) {
				if (syms[i].sym->bytes < 0)
					printf("  %10s  ", "?");
				else
					printf("  %10lld  ", syms[i].sym->bytes);
				printf("%s  %s  %s:%ld\n", syms[i].sym->name,
				       syms[i].sym->section,
				       syms[i].sym->file ? syms[i].sym->file : "?",
				       syms[i].sym->line);
			}
		}
	}
	json_decref(out);
	free(units);
	free(syms);
	free(totals);
	rc_units_free();
	return errors || rc || rc_errors ? 1 : 0;
}
