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


struct osec {
	const char *name;
	unsigned long long vma, img, size, align;
	bool alloc, in_range, loaded;
	long long units[RC_NCLASSES];	/* the units' bytes, by class */
	long long no_manifest, other, inputs, slack;
	long long relax;		/* at most this much deleted by RISC-V's
					   linker relaxation (objects.c) */
	/* what measure() makes of it, in the range */
	long long gap;			/* from the section before */
	long long padding, relaxed, unexplained;
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
	long long units[RC_NCLASSES], no_manifest, other, pieces, slack;
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

/* The load address of section O (header SH), from the segment that
   holds it. */
static void load_address(Elf *e, struct osec *o, const GElf_Shdr *sh,
			 size_t nphdr)
{
	size_t k;

	for (k = 0; o->alloc && o->size && k < nphdr; k++) {
		GElf_Phdr ph;

		if (!gelf_getphdr(e, (int)k, &ph) || ph.p_type != PT_LOAD)
			continue;
		if (sh->sh_addr >= ph.p_vaddr
		    && sh->sh_addr + sh->sh_size <= ph.p_vaddr + ph.p_memsz) {
			o->img = ph.p_paddr + (sh->sh_addr - ph.p_vaddr);
			o->loaded = true;
			return;
		}
	}
}

/* The symbols that locate something: defined, named, no section or
   file symbols. */
static void read_symtab(Elf *e, Elf_Scn *scn, const GElf_Shdr *sh)
{
	Elf_Data *d = elf_getdata(scn, NULL);
	size_t n = sh->sh_entsize ? sh->sh_size / sh->sh_entsize : 0, i;

	syms = rc_xrealloc(syms, (nsyms + n + 1) * sizeof(*syms));
	for (i = 1; d && i < n; i++) {
		GElf_Sym y;
		const char *name;

		if (!gelf_getsym(d, (int)i, &y)
		    || GELF_ST_TYPE(y.st_info) == STT_SECTION
		    || GELF_ST_TYPE(y.st_info) == STT_FILE
		    || y.st_shndx == SHN_UNDEF || y.st_shndx >= SHN_LORESERVE
		    || !(name = elf_strptr(e, sh->sh_link, y.st_name)) || !*name)
			continue;
		syms[nsyms++] = (struct isym){ name, y.st_shndx, y.st_value,
					       GELF_ST_BIND(y.st_info) != STB_LOCAL };
	}
}

/* Load addresses, moved into the mapping of the largest section
   (x86_64: __START_KERNEL_map + physical); sections outside every
   segment keep their own address. */
static void to_mapping(void)
{
	struct osec *big = NULL;
	unsigned long long delta;
	size_t i;

	for (i = 1; i < nsecs; i++)
		if (secs[i].loaded && (!big || secs[i].size > big->size))
			big = &secs[i];
	delta = big ? big->vma - big->img : 0;
	for (i = 1; i < nsecs; i++)
		if (secs[i].loaded)
			secs[i].img += delta;
}

static int read_image(Elf *e, const char *path)
{
	size_t shstrndx, nphdr = 0;
	Elf_Scn *scn = NULL;

	if (elf_getshdrstrndx(e, &shstrndx) != 0
	    || elf_getshdrnum(e, &nsecs) != 0) {
		rc_error("%s: %s", path, elf_errmsg(-1));
		return 1;
	}
	elf_getphdrnum(e, &nphdr);
	secs = rc_xcalloc(nsecs + 1, sizeof(*secs));
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
		load_address(e, o, &sh, nphdr);
		if (sh.sh_type == SHT_SYMTAB)
			read_symtab(e, scn, &sh);
	}
	if (nsyms)	/* qsort of a NULL base is undefined, even of 0 */
		qsort(syms, nsyms, sizeof(*syms), cmp_isym);
	to_mapping();
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

	for (c = 0; c < RC_NCLASSES; c++)
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

/* The prediction, computed whole before either output gives it. */
struct prediction {
	const char *path;
	long long page;
	unsigned long long begin, end;	/* __init_begin, __init_end */
	size_t *order, nin;	/* the output sections in the range, by
				   address (indexes into secs) */
	struct iname *ins;	/* every input section name, located */
	size_t nins;
	long long all_units[RC_NCLASSES];	/* the units' bytes, by class */
	long long in_units[RC_NCLASSES];	/* of those, in the range */
	long long no_manifest, other, padding, relaxed, unexplained;
	long long gaps, tail;	/* between output sections, after them */
	long long not_located;	/* units' init bytes the link discarded */
	unsigned long long begin_al, end_al, freed;	/* page rounded */
	long long xen;		/* Xen's own figure; -1: not Xen */
	bool bad;		/* an error was said */
};

/* __init_begin and __init_end in the image; false (an error said) if it
   has not one of each. */
static bool init_bounds(struct prediction *p)
{
	struct isym *b, *en;
	size_t n;

	b = find_syms("__init_begin", &n);
	if (n != 1)
		b = NULL;
	en = find_syms("__init_end", &n);
	if (!b || n != 1) {
		rc_error("%s: no __init_begin and __init_end symbols: not a "
			 "kernel image?", p->path);
		return false;
	}
	p->begin = sym_img(b);
	p->end = sym_img(en);
	return true;
}

/* The output sections in the range, in address order. */
static void range_sections(struct prediction *p)
{
	size_t i, k;

	p->order = rc_xrealloc(NULL, (nsecs + 1) * sizeof(*p->order));
	for (i = 1; i < nsecs; i++) {
		struct osec *o = &secs[i];

		if (!o->alloc || !o->size || o->img + o->size <= p->begin
		    || o->img >= p->end)
			continue;
		if (o->img < p->begin || o->img + o->size > p->end) {
			rc_error("%s: section %s straddles __init_begin or "
				 "__init_end", p->path, o->name);
			p->bad = true;
			continue;
		}
		o->in_range = true;
		for (k = p->nin; k > 0 && secs[p->order[k - 1]].img > o->img; k--)
			p->order[k] = p->order[k - 1];
		p->order[k] = i;
		p->nin++;
	}
}

/* The inputs' bytes, to the output sections they went to. */
static void sum_inputs(struct prediction *p)
{
	size_t i, k;
	int c;

	for (i = 0; i < rc_nunits; i++)
		for (k = 0; k < rc_units[i].nsections; k++)
			if (rc_units[i].sections[k].bytes > 0)
				p->all_units[rc_units[i].sections[k].cls] +=
					rc_units[i].sections[k].bytes;
	p->ins = gather(&p->nins);
	for (k = 0; k < p->nins; k++) {
		const struct iname *in = &p->ins[k];
		struct osec *o;

		if (in->out < 0 || !(o = &secs[in->out])->in_range)
			continue;
		for (c = 0; c < RC_NCLASSES; c++) {
			o->units[c] += in->units[c];
			p->in_units[c] += in->units[c];
		}
		o->no_manifest += in->no_manifest;
		o->other += in->other;
		o->inputs += sum_cls(in->units, false) + in->no_manifest + in->other;
		/* at most align - 1 before each piece, and before the
		   first one a script ALIGN() up to the largest */
		o->slack += in->slack + (in->align > 1 ? in->align - 1 : 0);
		o->relax += in->relax;
		p->no_manifest += in->no_manifest;
		p->other += in->other;
	}
}

/* Each output section in the range: the gap before it, and what of its
   size its inputs do not give.  Padding is what the inputs' alignment
   can make, no more; a section smaller than its inputs, what RISC-V's
   linker relaxation can delete from them, no more; the rest is
   unexplained. */
static void measure(struct prediction *p)
{
	unsigned long long at = p->begin;
	size_t k;

	for (k = 0; k < p->nin; k++) {
		struct osec *o = &secs[p->order[k]];
		long long pad = (long long)o->size - o->inputs;

		o->gap = (long long)(o->img - at);
		if (o->gap < 0) {
			rc_error("%s: section %s overlaps the one before it",
				 p->path, o->name);
			p->bad = true;
		}
		p->gaps += o->gap;
		at = o->img + o->size;
		if (pad < 0 && -pad <= o->relax)
			o->relaxed = pad;
		else if (pad < 0 || pad > o->slack)
			o->unexplained = pad;
		else
			o->padding = pad;
		p->padding += o->padding;
		p->relaxed += o->relaxed;
		p->unexplained += o->unexplained;
	}
	p->tail = (long long)(p->end - at);
}

/* The units' init bytes in input sections outside the range: in no
   section of the image (discarded by the link), or placed elsewhere. */
static long long outside(const struct iname *in)
{
	long long init = sum_cls(in->units, true);

	return in->out >= 0 && secs[in->out].in_range ? 0 : init;
}

/* The page rounding of free_reserved_area(), Xen's own figure, and the
   check that every byte of the range is named. */
static void conclude(struct prediction *p)
{
	unsigned long long page = (unsigned long long)p->page;
	long long span = p->in_units[RC_INIT] + p->in_units[RC_INIT_TABLE]
		+ p->in_units[RC_MEMINIT] + p->in_units[RC_EXIT]
		+ p->no_manifest + p->other + p->padding + p->relaxed
		+ p->unexplained + p->gaps + p->tail;
	size_t k;

	for (k = 0; k < p->nins; k++)
		if (p->ins[k].out < 0)
			p->not_located += outside(&p->ins[k]);
	p->begin_al = (p->begin + page - 1) / page * page;
	p->end_al = p->end / page * page;
	p->freed = p->end_al > p->begin_al ? p->end_al - p->begin_al : 0;
	p->xen = xen_freed(p->begin, p->end);
	if (span != (long long)(p->end - p->begin)) {
		rc_error("%s: the parts (%lld) do not add up to the range "
			 "(%llu)", p->path, span, p->end - p->begin);
		p->bad = true;
	}
}

/* ---- output */

static json_t *sections_json(const struct prediction *p)
{
	json_t *arr = json_array();
	size_t k;

	for (k = 0; k < p->nin; k++) {
		const struct osec *o = &secs[p->order[k]];

		json_array_append_new(arr, json_pack(
			"{s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}",
			"name", o->name, "address", (json_int_t)o->img,
			"bytes", (json_int_t)o->size, "gap_before", (json_int_t)o->gap,
			"units_init", (json_int_t)o->units[RC_INIT],
			"units_init_table", (json_int_t)o->units[RC_INIT_TABLE],
			"units_meminit", (json_int_t)o->units[RC_MEMINIT],
			"units_exit", (json_int_t)o->units[RC_EXIT],
			"without_manifest", (json_int_t)o->no_manifest,
			"other_input", (json_int_t)o->other,
			"padding", (json_int_t)o->padding,
			"linker_relaxation", (json_int_t)o->relaxed,
			"unexplained", (json_int_t)o->unexplained));
	}
	return arr;
}

/* The input sections in the range (IN_RANGE), or the units' init
   sections outside it. */
static json_t *inputs_json(const struct prediction *p, bool in_range)
{
	json_t *arr = json_array();
	size_t k;

	for (k = 0; k < p->nins; k++) {
		const struct iname *in = &p->ins[k];

		if (in_range && in->out >= 0 && secs[in->out].in_range)
			json_array_append_new(arr, json_pack(
				"{s:s, s:s, s:I, s:I, s:I, s:s, s:s}",
				"name", in->name, "output_section", secs[in->out].name,
				"units", (json_int_t)sum_cls(in->units, false),
				"without_manifest", (json_int_t)in->no_manifest,
				"other_input", (json_int_t)in->other, "located_by", in->how,
				"via", in->via ? in->via : ""));
		else if (!in_range && outside(in))
			json_array_append_new(arr, json_pack("{s:s, s:s, s:I}",
				"name", in->name, "output_section",
				in->out < 0 ? "" : secs[in->out].name,
				"bytes", (json_int_t)outside(in)));
	}
	return arr;
}

static void print_json(const struct prediction *p)
{
	json_t *out = json_object();
	long long all_init = sum_cls(p->all_units, true);

#define SET(key, v) json_object_set_new(out, key, json_integer((json_int_t)(v)))
	json_object_set_new(out, "image", json_string(p->path));
	SET("init_begin", p->begin);
	SET("init_end", p->end);
	SET("page_size", p->page);
	SET("units_init_bytes", all_init);
	SET("units_init_outside_range", all_init - sum_cls(p->in_units, true));
	SET("units_init_discarded", p->not_located);
	SET("units_exit_in_range", p->in_units[RC_EXIT]);
	SET("units_meminit_in_range", p->in_units[RC_MEMINIT]);
	SET("without_manifest", p->no_manifest);
	SET("other_input", p->other);
	SET("padding", p->padding);
	SET("linker_relaxation", p->relaxed);
	SET("gaps", p->gaps);
	SET("tail", p->tail);
	SET("unexplained", p->unexplained);
	SET("range_bytes", p->end - p->begin);
	SET("round_begin", p->begin_al - p->begin);
	SET("round_end", p->end - p->end_al);
	SET("freed_bytes", p->freed);
	SET("predicted_kib", p->freed >> 10);
	if (p->xen >= 0)
		SET("xen_freed_kib", p->xen >> 10);
#undef SET
	json_object_set_new(out, "sections", sections_json(p));
	json_object_set_new(out, "inputs", inputs_json(p, true));
	json_object_set_new(out, "units_init_outside", inputs_json(p, false));
	json_dumpf(out, stdout, JSON_INDENT(2));
	putchar('\n');
	json_decref(out);
}

/* The output sections in the range, then the input sections in it, then
   the units' init sections outside it. */
static void print_sections(const struct prediction *p)
{
	size_t k;

	printf("initcheck-report: the init memory of %s\n", p->path);
	printf("  [__init_begin, __init_end) = [%#llx, %#llx): %llu bytes"
	       " in %zu output sections\n", p->begin, p->end,
	       p->end - p->begin, p->nin);
	printf("  %-22s %10s %10s %10s %10s %10s %10s %10s\n", "output section",
	       "bytes", "gap before", "units", "no manif.", "other in.",
	       "padding", "unexplained");
	for (k = 0; k < p->nin; k++) {
		const struct osec *o = &secs[p->order[k]];

		printf("  %-22s %10llu %10lld %10lld %10lld %10lld %10lld %10lld\n",
		       o->name, o->size, o->gap, sum_cls(o->units, false),
		       o->no_manifest, o->other, o->padding, o->unexplained);
	}
	printf("input sections in the range:  %10s %10s %10s  where (located by)\n",
	       "units", "no manif.", "other in.");
	for (k = 0; k < p->nins; k++) {
		const struct iname *in = &p->ins[k];

		if (in->out >= 0 && secs[in->out].in_range)
			printf("  %-28s %10lld %10lld %10lld  %s (%s%s%s)\n",
			       in->name, sum_cls(in->units, false),
			       in->no_manifest, in->other, secs[in->out].name,
			       in->how, in->via ? " " : "", in->via ? in->via : "");
	}
	printf("units' init sections outside the range:%s\n",
	       sum_cls(p->all_units, true) > sum_cls(p->in_units, true)
	       ? "" : " none");
	for (k = 0; k < p->nins; k++) {
		const struct iname *in = &p->ins[k];

		if (!outside(in))
			continue;
		if (in->out < 0)
			printf("  %-28s %10lld  in no section of the image "
			       "(the link discarded them)\n", in->name, outside(in));
		else
			printf("  %-28s %10lld  in %s\n", in->name, outside(in),
			       secs[in->out].name);
	}
}

/* From the units' init sections to the kernel's figure. */
static void print_sum(const struct prediction *p)
{
	long long all_init = sum_cls(p->all_units, true);

	printf("from the units' init sections to the kernel's figure:\n");
	printf("  %12lld  units' init + init tables (%zu units)\n", all_init, rc_nunits);
	printf("  %+12lld  of those, outside the range (%lld of them discarded by the link)\n",
	       -(all_init - sum_cls(p->in_units, true)), p->not_located);
	printf("  %+12lld  units' exit sections in the range\n", p->in_units[RC_EXIT]);
	printf("  %+12lld  units' meminit sections in the range\n", p->in_units[RC_MEMINIT]);
	printf("  %+12lld  objects without a manifest (assembler files)\n", p->no_manifest);
	printf("  %+12lld  other input: sections no manifest lists, from units' objects\n", p->other);
	printf("  %+12lld  alignment padding inside output sections\n", p->padding);
	if (p->relaxed)
		printf("  %+12lld  linker relaxation (RISC-V: code the link shrank)\n",
		       p->relaxed);
	printf("  %+12lld  gaps between output sections (alignment, the script's ALIGN())\n", p->gaps);
	printf("  %+12lld  from the last section to __init_end (the script's ALIGN())\n", p->tail);
	if (p->unexplained)
		printf("  %+12lld  UNEXPLAINED\n", p->unexplained);
	printf("  = %10llu  __init_end - __init_begin\n", p->end - p->begin);
	printf("  %12s  PAGE_ALIGN(__init_begin) - __init_begin\n",
	       neg(p->begin_al - p->begin));
	printf("  %12s  __init_end - (__init_end & PAGE_MASK)\n",
	       neg(p->end - p->end_al));
	printf("  = %10llu  freed: %llu pages of %lld bytes\n", p->freed,
	       p->freed / (unsigned long long)p->page, p->page);
	if (p->xen >= 0)
		printf("predicted: Freed %lldkB init memory (Xen's init_done())\n",
		       p->xen >> 10);
	else
		printf("predicted: Freeing unused kernel image (initmem) memory: %lluK\n",
		       p->freed >> 10);
}

int rc_predict_free(const char *path, long long page, bool as_json)
{
	struct prediction p = { .path = path, .page = page };
	int fd = open(path, O_RDONLY), rc = 1;
	Elf *e = NULL;

	if (fd < 0 || !(e = elf_begin(fd, ELF_C_READ, NULL))
	    || elf_kind(e) != ELF_K_ELF)
		rc_error("%s: cannot read the linked image", path);
	else if (!read_image(e, path) && init_bounds(&p)) {
		range_sections(&p);
		sum_inputs(&p);
		measure(&p);
		conclude(&p);
		if (as_json)
			print_json(&p);
		else {
			print_sections(&p);
			print_sum(&p);
		}
		rc = p.bad || p.unexplained ? 1 : 0;
	}
	free(p.ins);
	free(p.order);
	if (e)
		elf_end(e);
	if (fd >= 0)
		close(fd);
	free(secs);
	free(syms);
	secs = NULL;
	syms = NULL;
	nsecs = nsyms = 0;
	return rc;
}
