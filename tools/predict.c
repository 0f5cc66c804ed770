/*
 * predict.c - --predict-free IMAGE: the figure the kernel prints when it
 * frees its init memory,
 *
 *   Freeing unused kernel image (initmem) memory: NNNK
 *
 * from the linked image and the link's inputs, with every byte of
 * [__init_begin, __init_end) named: the units' init sections, objects
 * without a manifest (assembler files), other input sections the linker
 * script places in the range (.altinstructions, __mcount_loc, per-CPU
 * data on !SMP, ...), padding inside output sections, gaps between them,
 * and the page rounding of free_reserved_area() (mm/page_alloc.c in 6.1:
 * start = PAGE_ALIGN(start), end &= PAGE_MASK, then pages << (PAGE_SHIFT
 * - 10) printed as K).
 *
 * Which output section an input section went to is the linker script's
 * choice; it is read back from the image, not from the script: an output
 * section of the same name, else the output section of a symbol the input
 * section defines (objects.c keeps one per section), else the kernel's
 * __start_NAME marker.  Addresses are the image's load addresses moved to
 * the kernel mapping, so that sections linked at another virtual address
 * (x86_64 SMP's zero-based .data..percpu) are placed where they lie.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report.h"

#define NCLASSES (RC_OTHER + 1)

struct osec {
	const char *name;
	unsigned long long vma, img, size, align;
	bool alloc, in_range, loaded;
	long long units[NCLASSES];	/* the units' bytes, by class */
	long long no_manifest, other, inputs, slack;
	long long relax;		/* at most this much deleted by RISC-V's
					   linker relaxation (objects.c) */
};

struct isym {
	const char *name;
	size_t shndx;
	unsigned long long value;
	bool global;
};

/* One input section name over all inputs: where it went and its bytes. */
struct iname {
	const char *name;
	long out;		/* image section index, -1: not located */
	const char *how;	/* "name", "symbol", "marker" */
	const char *via;	/* the symbol that located it */
	long long units[NCLASSES], no_manifest, other, pieces, slack;
	long long align, relax;
};

static struct osec *secs;
static size_t nsecs;
static struct isym *syms;
static size_t nsyms;

static int cmp_isym(const void *a, const void *b)
{
	return strcmp(((const struct isym *)a)->name,
		      ((const struct isym *)b)->name);
}

/* The symbols of the image called NAME: the first, and how many. */
static struct isym *find_syms(const char *name, size_t *count)
{
	struct isym key = { .name = name }, *s, *e;

	s = bsearch(&key, syms, nsyms, sizeof(*syms), cmp_isym);
	*count = 0;
	if (!s)
		return NULL;
	while (s > syms && !strcmp(s[-1].name, name))
		s--;
	for (e = s; e < syms + nsyms && !strcmp(e->name, name); e++)
		(*count)++;
	return s;
}

/*
 * Xen frees its init memory itself, in init_done() (xen/arch/x86/setup.c):
 * [__2M_init_start, __2M_init_end) when the image is mapped with 2M pages
 * (using_2M_mapping(): every __2M_* boundary 2M-aligned), else
 * [__init_begin, __init_end), and prints "Freed NkB init memory" with
 * (end - start) >> 10.  Returns the bytes, or -1 for an image that is not
 * Xen's (no __2M_* symbols).
 */
static long long xen_freed(unsigned long long begin, unsigned long long end)
{
	static const char *const bounds[] = {
		"__2M_text_end", "__2M_rodata_start", "__2M_rodata_end",
		"__2M_init_start", "__2M_init_end", "__2M_rwdata_start",
		"__2M_rwdata_end",
	};
	unsigned long long v[sizeof bounds / sizeof bounds[0]];
	bool aligned = true;
	size_t i, n;

	for (i = 0; i < sizeof bounds / sizeof bounds[0]; i++) {
		struct isym *s = find_syms(bounds[i], &n);

		if (!s || n != 1)
			return -1;
		v[i] = s->value;
		aligned = aligned && (v[i] & ((1ULL << 21) - 1)) == 0;
	}
	return aligned ? (long long)(v[4] - v[3]) : (long long)(end - begin);
}

/* The image section of symbol NAME: a unique symbol, or the one global
   among namesakes when GLOBAL; -1 if none or ambiguous. */
static long section_of_symbol(const char *name, bool global)
{
	size_t n, i, hits = 0;
	struct isym *s = find_syms(name, &n);
	long out = -1;

	for (i = 0; i < n; i++) {
		if (n > 1 && !(global && s[i].global))
			continue;
		out = (long)s[i].shndx;
		hits++;
	}
	return hits == 1 && out > 0 && (size_t)out < nsecs ? out : -1;
}

/* A symbol's address in the image.  ld gives a symbol of an empty output
   section it drops (.init.begin) the index of another section, maybe one
   linked elsewhere (x86_64 SMP: __init_begin "in" .data..percpu at 0):
   only a value inside its section is moved with it. */
static unsigned long long sym_img(const struct isym *s)
{
	const struct osec *o = &secs[s->shndx];

	if (s->value >= o->vma && s->value <= o->vma + o->size)
		return s->value - o->vma + o->img;
	return s->value;
}

static int read_image(Elf *e, const char *path)
{
	size_t shstrndx, nphdr = 0, i, k;
	Elf_Scn *scn = NULL;
	struct osec *big = NULL;
	unsigned long long delta;

	if (elf_getshdrstrndx(e, &shstrndx) != 0
	    || elf_getshdrnum(e, &nsecs) != 0) {
		rc_error("%s: %s", path, elf_errmsg(-1));
		return 1;
	}
	elf_getphdrnum(e, &nphdr);
	secs = rc_xrealloc(NULL, (nsecs + 1) * sizeof(*secs));
	memset(secs, 0, (nsecs + 1) * sizeof(*secs));
	while ((scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;
		struct osec *o = &secs[elf_ndxscn(scn)];

		if (!gelf_getshdr(scn, &sh))
			continue;
		o->name = elf_strptr(e, shstrndx, sh.sh_name);
		o->vma = o->img = sh.sh_addr;
		o->size = sh.sh_size;
		o->align = sh.sh_addralign;
		o->alloc = (sh.sh_flags & SHF_ALLOC) != 0;
		/* The load address, from the segment holding the section. */
		for (k = 0; o->alloc && o->size && k < nphdr; k++) {
			GElf_Phdr ph;

			if (!gelf_getphdr(e, (int)k, &ph) || ph.p_type != PT_LOAD)
				continue;
			if (sh.sh_addr >= ph.p_vaddr
			    && sh.sh_addr + sh.sh_size <= ph.p_vaddr + ph.p_memsz) {
				o->img = ph.p_paddr + (sh.sh_addr - ph.p_vaddr);
				o->loaded = true;
				break;
			}
		}
		if (sh.sh_type == SHT_SYMTAB) {
			Elf_Data *d = elf_getdata(scn, NULL);
			size_t n = sh.sh_entsize ? sh.sh_size / sh.sh_entsize : 0;

			syms = rc_xrealloc(syms, (nsyms + n + 1) * sizeof(*syms));
			for (i = 1; d && i < n; i++) {
				GElf_Sym y;
				const char *name;

				if (!gelf_getsym(d, (int)i, &y)
				    || GELF_ST_TYPE(y.st_info) == STT_SECTION
				    || GELF_ST_TYPE(y.st_info) == STT_FILE
				    || y.st_shndx == SHN_UNDEF
				    || y.st_shndx >= SHN_LORESERVE
				    || !(name = elf_strptr(e, sh.sh_link, y.st_name))
				    || !*name)
					continue;
				syms[nsyms++] = (struct isym){ name, y.st_shndx,
					y.st_value, GELF_ST_BIND(y.st_info) != STB_LOCAL };
			}
		}
	}
	if (nsyms)	/* qsort of a NULL base is undefined, even of 0 */
		qsort(syms, nsyms, sizeof(*syms), cmp_isym);

	/* Load addresses, moved into the mapping of the largest section
	   (x86_64: __START_KERNEL_map + physical); sections outside every
	   segment keep their own address. */
	for (i = 1; i < nsecs; i++)
		if (secs[i].loaded && (!big || secs[i].size > big->size))
			big = &secs[i];
	delta = big ? big->vma - big->img : 0;
	for (i = 1; i < nsecs; i++)
		if (secs[i].loaded)
			secs[i].img += delta;
	return 0;
}

/* Where the input sections called NAME went. */
static void locate(struct iname *in)
{
	char marker[512];
	const char *bare = in->name;
	size_t i, j, n;
	long out;

	in->out = -1;
	for (i = 1; i < nsecs; i++)
		if (secs[i].alloc && secs[i].name && !strcmp(secs[i].name, in->name)) {
			in->out = (long)i;
			in->how = "name";
			return;
		}
	for (i = 0; i < rc_nobjects; i++)
		for (j = 0; j < rc_objects[i].nsections; j++) {
			const struct rc_section *s = &rc_objects[i].sections[j];

			if (!s->witness || strcmp(s->name, in->name))
				continue;
			out = section_of_symbol(s->witness, s->witness_global);
			if (out > 0) {
				in->out = out;
				in->how = "symbol";
				in->via = s->witness;
				return;
			}
		}
	while (*bare == '.' || *bare == '_')
		bare++;
	snprintf(marker, sizeof(marker), "__start_%s", bare);
	if (find_syms(marker, &n) && n == 1) {
		in->out = section_of_symbol(marker, false);
		in->how = "marker";
		in->via = find_syms(marker, &n)->name;
	}
}

/* In the order of the image: by output section, then name. */
static int cmp_iname(const void *a, const void *b)
{
	const struct iname *x = a, *y = b;
	unsigned long long ax = x->out < 0 ? ~0ULL : secs[x->out].img;
	unsigned long long ay = y->out < 0 ? ~0ULL : secs[y->out].img;

	if (ax != ay)
		return ax < ay ? -1 : 1;
	return strcmp(x->name, y->name);
}

static struct iname *gather(size_t *count)
{
	struct iname *ins = NULL;
	size_t nins = 0, i, j, k, m;

	for (i = 0; i < rc_nobjects; i++) {
		const struct rc_object *o = &rc_objects[i];

		for (j = 0; j < o->nsections; j++) {
			const struct rc_section *s = &o->sections[j];
			struct iname *in;
			long long mine = 0, gap;

			if (!s->alloc || s->bytes <= 0)
				continue;
			for (k = 0; k < nins; k++)
				if (!strcmp(ins[k].name, s->name))
					break;
			if (k == nins) {
				ins = rc_xrealloc(ins, (nins + 1) * sizeof(*ins));
				memset(&ins[nins], 0, sizeof(*ins));
				ins[nins++].name = s->name;
			}
			in = &ins[k];
			/* The units' bytes of this object's section. */
			for (k = o->first_unit; k < o->first_unit + o->nunits; k++)
				for (m = 0; m < rc_units[k].nsections; m++) {
					const struct rc_section *us = &rc_units[k].sections[m];

					if (us->bytes > 0 && !strcmp(us->name, s->name)) {
						in->units[us->cls] += us->bytes;
						mine += us->bytes;
					}
				}
			gap = o->nunits > 1 && mine && s->align > 1
				? (long long)(o->nunits - 1) * (s->align - 1) : 0;
			if (!o->nunits)
				in->no_manifest += s->bytes;
			else if (s->bytes - mine > gap)
				in->other += s->bytes - mine;
			/* else the padding ld -r put between the units of a
			   composite object: left to the output's padding */
			in->pieces++;
			in->slack += (s->align > 1 ? s->align - 1 : 0) + gap;
			in->relax += s->relax;
			if (s->align > in->align)
				in->align = s->align;
		}
	}
	for (k = 0; k < nins; k++)
		locate(&ins[k]);
	if (nins)
		qsort(ins, nins, sizeof(*ins), cmp_iname);
	*count = nins;
	return ins;
}

static long long sum_cls(const long long *v, bool init_only)
{
	long long s = 0;
	int c;

	for (c = 0; c < NCLASSES; c++)
		if (!init_only || c == RC_INIT || c == RC_INIT_TABLE)
			s += v[c];
	return s;
}

/* "-N", also for 0: what the rounding takes away. */
static const char *neg(unsigned long long n)
{
	static char buf[2][32];
	static int i;

	i ^= 1;
	snprintf(buf[i], sizeof(buf[i]), "-%llu", n);
	return buf[i];
}

int rc_predict_free(const char *path, long long page, bool as_json)
{
	int fd = open(path, O_RDONLY), bad = 0;
	Elf *e;
	size_t n, i, k, nins, nin = 0, *order;
	struct isym *b, *en;
	unsigned long long begin, end, at, begin_al, end_al, freed;
	long long all_units[NCLASSES] = { 0 }, in_units[NCLASSES] = { 0 };
	long long no_manifest = 0, other = 0, padding = 0, gaps = 0, tail = 0;
	long long unexplained = 0, not_located = 0, relaxed = 0;
	struct iname *ins;
	json_t *out = NULL, *jsecs = NULL, *jother = NULL, *jnl = NULL;

	if (fd < 0 || !(e = elf_begin(fd, ELF_C_READ, NULL))
	    || elf_kind(e) != ELF_K_ELF) {
		rc_error("%s: cannot read the linked image", path);
		if (fd >= 0)
			close(fd);
		return 1;
	}
	if (read_image(e, path)) {
		elf_end(e);
		close(fd);
		return 1;
	}
	b = find_syms("__init_begin", &n);
	if (n != 1)
		b = NULL;
	en = find_syms("__init_end", &n);
	if (!b || n != 1) {
		rc_error("%s: no __init_begin and __init_end symbols: not a "
			 "kernel image?", path);
		elf_end(e);
		close(fd);
		return 1;
	}
	begin = sym_img(b);
	end = sym_img(en);

	for (i = 0; i < rc_nunits; i++)
		for (k = 0; k < rc_units[i].nsections; k++)
			if (rc_units[i].sections[k].bytes > 0)
				all_units[rc_units[i].sections[k].cls] +=
					rc_units[i].sections[k].bytes;

	/* The output sections in the range, in address order. */
	order = rc_xrealloc(NULL, (nsecs + 1) * sizeof(*order));
	for (i = 1; i < nsecs; i++) {
		struct osec *o = &secs[i];

		if (!o->alloc || !o->size || o->img + o->size <= begin
		    || o->img >= end)
			continue;
		if (o->img < begin || o->img + o->size > end) {
			rc_error("%s: section %s straddles __init_begin or "
				 "__init_end", path, o->name);
			bad = 1;
			continue;
		}
		o->in_range = true;
		for (k = nin; k > 0 && secs[order[k - 1]].img > o->img; k--)
			order[k] = order[k - 1];
		order[k] = i;
		nin++;
	}

	ins = gather(&nins);
	for (k = 0; k < nins; k++) {
		struct iname *in = &ins[k];
		struct osec *o;
		int c;

		if (in->out < 0) {
			continue;
		}
		o = &secs[in->out];
		if (!o->in_range)
			continue;
		for (c = 0; c < NCLASSES; c++) {
			o->units[c] += in->units[c];
			in_units[c] += in->units[c];
		}
		o->no_manifest += in->no_manifest;
		o->other += in->other;
		o->inputs += sum_cls(in->units, false) + in->no_manifest + in->other;
		/* at most align - 1 before each piece, and before the
		   first one a script ALIGN() up to the largest */
		o->slack += in->slack + (in->align > 1 ? in->align - 1 : 0);
		o->relax += in->relax;
		no_manifest += in->no_manifest;
		other += in->other;
	}

	if (as_json) {
		out = json_object();
		jsecs = json_array();
		jother = json_array();
		jnl = json_array();
	} else {
		printf("initcheck-report: the init memory of %s\n", path);
		printf("  [__init_begin, __init_end) = [%#llx, %#llx): %llu bytes"
		       " in %zu output sections\n", begin, end, end - begin, nin);
		printf("  %-22s %10s %10s %10s %10s %10s %10s %10s\n", "output section",
		       "bytes", "gap before", "units", "no manif.", "other in.",
		       "padding", "unexplained");
	}
	at = begin;
	for (k = 0; k < nin; k++) {
		struct osec *o = &secs[order[k]];
		long long pad = (long long)o->size - o->inputs, gap, unexp = 0;
		long long relax = 0;

		gap = (long long)(o->img - at);
		if (gap < 0) {
			rc_error("%s: section %s overlaps the one before it",
				 path, o->name);
			bad = 1;
		}
		gaps += gap;
		at = o->img + o->size;
		/* Padding is what the inputs' alignment can make, no more; a
		   section smaller than its inputs, what RISC-V's linker
		   relaxation can delete from them, no more. */
		if (pad < 0 && -pad <= o->relax) {
			relax = pad;
			pad = 0;
		} else if (pad < 0 || pad > o->slack) {
			unexp = pad;
			pad = 0;
		}
		padding += pad;
		relaxed += relax;
		unexplained += unexp;
		if (as_json)
			json_array_append_new(jsecs, json_pack(
				"{s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}",
				"name", o->name, "address", (json_int_t)o->img,
				"bytes", (json_int_t)o->size, "gap_before", (json_int_t)gap,
				"units_init", (json_int_t)o->units[RC_INIT],
				"units_init_table", (json_int_t)o->units[RC_INIT_TABLE],
				"units_meminit", (json_int_t)o->units[RC_MEMINIT],
				"units_exit", (json_int_t)o->units[RC_EXIT],
				"without_manifest", (json_int_t)o->no_manifest,
				"other_input", (json_int_t)o->other,
				"padding", (json_int_t)pad,
				"linker_relaxation", (json_int_t)relax,
				"unexplained", (json_int_t)unexp));
		else
			printf("  %-22s %10llu %10lld %10lld %10lld %10lld %10lld %10lld\n",
			       o->name, o->size, gap, sum_cls(o->units, false),
			       o->no_manifest, o->other, pad, unexp);
	}
	tail = (long long)(end - at);

	/* The input sections in the range, by name; then the units' init
	   sections that are not (discarded by the link, or placed
	   elsewhere). */
	if (!as_json)
		printf("input sections in the range:  %10s %10s %10s  where (located by)\n",
		       "units", "no manif.", "other in.");
	for (k = 0; k < nins; k++) {
		struct iname *in = &ins[k];

		if (in->out < 0 || !secs[in->out].in_range)
			continue;
		if (as_json)
			json_array_append_new(jother, json_pack(
				"{s:s, s:s, s:I, s:I, s:I, s:s, s:s}",
				"name", in->name, "output_section", secs[in->out].name,
				"units", (json_int_t)sum_cls(in->units, false),
				"without_manifest", (json_int_t)in->no_manifest,
				"other_input", (json_int_t)in->other, "located_by", in->how,
				"via", in->via ? in->via : ""));
		else
			printf("  %-28s %10lld %10lld %10lld  %s (%s%s%s)\n", in->name,
			       sum_cls(in->units, false), in->no_manifest, in->other,
			       secs[in->out].name, in->how, in->via ? " " : "",
			       in->via ? in->via : "");
	}
	if (!as_json)
		printf("units' init sections outside the range:%s\n",
		       sum_cls(all_units, true) > sum_cls(in_units, true) ? "" : " none");
	for (k = 0; k < nins; k++) {
		struct iname *in = &ins[k];
		long long init = sum_cls(in->units, true);

		if (!init || (in->out >= 0 && secs[in->out].in_range))
			continue;
		if (in->out < 0)
			not_located += init;
		if (as_json)
			json_array_append_new(jnl, json_pack("{s:s, s:s, s:I}",
				"name", in->name, "output_section",
				in->out < 0 ? "" : secs[in->out].name,
				"bytes", (json_int_t)init));
		else if (in->out < 0)
			printf("  %-28s %10lld  in no section of the image "
			       "(the link discarded them)\n", in->name, init);
		else
			printf("  %-28s %10lld  in %s\n", in->name, init,
			       secs[in->out].name);
	}
	begin_al = (begin + page - 1) / page * page;
	end_al = end / page * page;
	freed = end_al > begin_al ? end_al - begin_al : 0;
	{
		long long all_init = sum_cls(all_units, true);
		long long in_init = sum_cls(in_units, true);
		long long outside = all_init - in_init;
		long long span = in_units[RC_INIT] + in_units[RC_INIT_TABLE]
			+ in_units[RC_MEMINIT] + in_units[RC_EXIT] + no_manifest
			+ other + padding + relaxed + unexplained + gaps + tail;

		if (span != (long long)(end - begin)) {
			rc_error("%s: the parts (%lld) do not add up to the "
				 "range (%llu)", path, span, end - begin);
			bad = 1;
		}
		if (as_json) {
			json_object_set_new(out, "image", json_string(path));
			json_object_set_new(out, "init_begin", json_integer((json_int_t)begin));
			json_object_set_new(out, "init_end", json_integer((json_int_t)end));
			json_object_set_new(out, "page_size", json_integer(page));
			json_object_set_new(out, "units_init_bytes", json_integer(all_init));
			json_object_set_new(out, "units_init_outside_range", json_integer(outside));
			json_object_set_new(out, "units_init_discarded", json_integer(not_located));
			json_object_set_new(out, "units_exit_in_range", json_integer(in_units[RC_EXIT]));
			json_object_set_new(out, "units_meminit_in_range", json_integer(in_units[RC_MEMINIT]));
			json_object_set_new(out, "without_manifest", json_integer(no_manifest));
			json_object_set_new(out, "other_input", json_integer(other));
			json_object_set_new(out, "padding", json_integer(padding));
			json_object_set_new(out, "linker_relaxation", json_integer(relaxed));
			json_object_set_new(out, "gaps", json_integer(gaps));
			json_object_set_new(out, "tail", json_integer(tail));
			json_object_set_new(out, "unexplained", json_integer(unexplained));
			json_object_set_new(out, "range_bytes", json_integer((json_int_t)(end - begin)));
			json_object_set_new(out, "round_begin", json_integer((json_int_t)(begin_al - begin)));
			json_object_set_new(out, "round_end", json_integer((json_int_t)(end - end_al)));
			json_object_set_new(out, "freed_bytes", json_integer((json_int_t)freed));
			json_object_set_new(out, "predicted_kib", json_integer((json_int_t)(freed >> 10)));
			if (xen_freed(begin, end) >= 0)
				json_object_set_new(out, "xen_freed_kib",
					json_integer((json_int_t)(xen_freed(begin, end) >> 10)));
			json_object_set_new(out, "sections", jsecs);
			json_object_set_new(out, "inputs", jother);
			json_object_set_new(out, "units_init_outside", jnl);
			json_dumpf(out, stdout, JSON_INDENT(2));
			putchar('\n');
			json_decref(out);
		} else {
			printf("from the units' init sections to the kernel's figure:\n");
			printf("  %12lld  units' init + init tables (%zu units)\n", all_init, rc_nunits);
			printf("  %+12lld  of those, outside the range (%lld of them discarded by the link)\n",
			       -outside, not_located);
			printf("  %+12lld  units' exit sections in the range\n", in_units[RC_EXIT]);
			printf("  %+12lld  units' meminit sections in the range\n", in_units[RC_MEMINIT]);
			printf("  %+12lld  objects without a manifest (assembler files)\n", no_manifest);
			printf("  %+12lld  other input: sections no manifest lists, from units' objects\n", other);
			printf("  %+12lld  alignment padding inside output sections\n", padding);
			if (relaxed)
				printf("  %+12lld  linker relaxation (RISC-V: code the link shrank)\n",
				       relaxed);
			printf("  %+12lld  gaps between output sections (alignment, the script's ALIGN())\n", gaps);
			printf("  %+12lld  from the last section to __init_end (the script's ALIGN())\n", tail);
			if (unexplained)
				printf("  %+12lld  UNEXPLAINED\n", unexplained);
			printf("  = %10llu  __init_end - __init_begin\n", end - begin);
			printf("  %12s  PAGE_ALIGN(__init_begin) - __init_begin\n",
			       neg(begin_al - begin));
			printf("  %12s  __init_end - (__init_end & PAGE_MASK)\n",
			       neg(end - end_al));
			printf("  = %10llu  freed: %llu pages of %lld bytes\n", freed,
			       freed / page, page);
			if (xen_freed(begin, end) >= 0)
				printf("predicted: Freed %lldkB init memory "
				       "(Xen's init_done())\n",
				       xen_freed(begin, end) >> 10);
			else
				printf("predicted: Freeing unused kernel image (initmem) memory: %lluK\n",
				       freed >> 10);
		}
	}
	free(ins);
	free(order);
	elf_end(e);
	close(fd);
	free(secs);
	free(syms);
	return bad || unexplained ? 1 : 0;
}
