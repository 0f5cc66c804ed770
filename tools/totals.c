/*
 * totals.c - the report's figures, computed once from the units and
 * objects read: the bytes per section and class, what objects without a
 * manifest hold, with --linked what the linked binary has and how the
 * inputs add up to it, and the units and symbols by size.  The outputs
 * (initcheck-report.c) print them as text or JSON and compute nothing.
 */
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report.h"

/* One section name over all units, while they are summed: its index in
   T->sections by name. */
static struct rc_map total_ix;

static struct rc_total *total_for(struct rc_totals *t, const char *name,
				  enum rc_class cls)
{
	void *ix = rc_map_get(&total_ix, name);

	if (ix)
		return &t->sections[RC_UNIX(ix)];
	t->sections = rc_grow(t->sections, t->nsections, sizeof(*t->sections));
	t->sections[t->nsections] = (struct rc_total){ .name = name,
						       .cls = cls, .linked = -1 };
	rc_map_put(&total_ix, name, RC_IX(t->nsections));
	return &t->sections[t->nsections++];
}

static struct rc_total *find_total(struct rc_totals *t, const char *name)
{
	void *ix = rc_map_get(&total_ix, name);

	return ix ? &t->sections[RC_UNIX(ix)] : NULL;
}

static int cmp_total(const void *a, const void *b)
{
	const struct rc_total *x = a, *y = b;

	if (x->cls != y->cls)
		return x->cls < y->cls ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Each section the units name, with their bytes: sorted by class, then
   name, the index following. */
static void sum_units(struct rc_totals *t)
{
	size_t i, k;

	for (i = 0; i < rc_nunits; i++) {
		const struct rc_unit *u = &rc_units[i];

		for (k = 0; k < u->nsections; k++) {
			struct rc_total *s = total_for(t, u->sections[k].name,
						       u->sections[k].cls);

			if (u->sections[k].bytes < 0)
				s->unknown = true;
			else
				s->bytes += u->sections[k].bytes;
		}
	}
	if (t->nsections)
		qsort(t->sections, t->nsections, sizeof(*t->sections),
		      cmp_total);
	rc_map_free(&total_ix);
	for (i = 0; i < t->nsections; i++) {
		rc_map_put(&total_ix, t->sections[i].name, RC_IX(i));
		t->by_class[t->sections[i].cls] += t->sections[i].bytes;
	}
}

/* The class of a section no unit names: by the kernel's names. */
static enum rc_class class_by_name(struct rc_totals *t, const char *name)
{
	const struct rc_total *s = find_total(t, name);

	return s ? s->cls : rc_class_by_prefix(name);
}

/* Objects without a manifest (assembler files, code built without the
   plugin): their bytes in the totalled sections, and in reclaimable
   ones by class. */
static void count_bare(struct rc_totals *t)
{
	size_t k, j;

	t->bare = rc_xcalloc(rc_nobjects, sizeof(*t->bare));
	for (k = 0; k < rc_nobjects; k++) {
		const struct rc_object *o = &rc_objects[k];
		struct rc_bare *b = &t->bare[t->nbare];

		if (o->nunits)
			continue;
		b->o = o;
		for (j = 0; j < o->nsections; j++) {
			const struct rc_section *s = &o->sections[j];
			struct rc_total *st = find_total(t, s->name);
			enum rc_class cls = class_by_name(t, s->name);

			if (st)
				st->unclaimed += s->bytes;
			if (cls != RC_OTHER && s->alloc) {
				b->bytes[cls] += s->bytes;
				t->bare_bytes[cls] += s->bytes;
			}
		}
		b->init = b->bytes[RC_INIT] + b->bytes[RC_INIT_TABLE];
		t->nbare++;
	}
	t->bare_init = t->bare_bytes[RC_INIT] + t->bare_bytes[RC_INIT_TABLE];
}

/* Bytes in sections of an object that no record of it lists: renamed
   after the compile, as objcopy --prefix-alloc-sections=.init makes the
   .text of arm64's and RISC-V's EFI stub .init.text.  (Objects of no
   unit are count_bare()'s.) */
static void count_unlisted(struct rc_totals *t)
{
	size_t k, j, u, m;

	for (k = 0; k < rc_nobjects; k++) {
		const struct rc_object *ob = &rc_objects[k];

		for (j = 0; ob->nunits && j < ob->nsections; j++) {
			struct rc_total *s = find_total(t, ob->sections[j].name);
			bool listed = false;

			for (u = ob->first_unit; s && !listed
			     && u < ob->first_unit + ob->nunits; u++)
				for (m = 0; m < rc_units[u].nsections; m++)
					if (!strcmp(rc_units[u].sections[m].name,
						    ob->sections[j].name))
						listed = true;
			if (s && !listed)
				s->unclaimed += ob->sections[j].bytes;
		}
	}
}

/* --linked: the size of each totalled section in the linked binary. */
static int read_linked(struct rc_totals *t, const char *path, bool *final)
{
	int fd = open(path, O_RDONLY);
	Elf *e;
	size_t shstrndx, i;
	Elf_Scn *scn = NULL;
	struct rc_total *s;
	GElf_Ehdr eh;

	if (fd < 0 || !(e = elf_begin(fd, ELF_C_READ, NULL))
	    || elf_getshdrstrndx(e, &shstrndx) != 0 || !gelf_getehdr(e, &eh)) {
		rc_error("%s: cannot read the linked binary", path);
		if (fd >= 0)
			close(fd);
		return 1;
	}
	for (i = 0; i < t->nsections; i++)
		t->sections[i].linked = 0;
	while ((scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;
		const char *name;

		if (!gelf_getshdr(scn, &sh))
			continue;
		name = elf_strptr(e, shstrndx, sh.sh_name);
		if (name && (s = find_total(t, name)))
			s->linked += (long long)sh.sh_size;
	}
	*final = eh.e_type != ET_REL;
	elf_end(e);
	close(fd);
	return 0;
}

/* The size the inputs predict for each totalled section: each object's
   part placed at its alignment, in the order given, as ld places input
   sections; and what RISC-V's linker relaxation may have deleted, in a
   FINAL link (not ld -r, which keeps the relocations and relaxes
   nothing). */
static void predict_linked(struct rc_totals *t, bool final)
{
	size_t i, k;
	struct rc_total *s;

	for (k = 0; k < rc_nobjects; k++) {
		const struct rc_object *o = &rc_objects[k];

		for (i = 0; i < o->nsections; i++) {
			long long a = o->sections[i].align;

			if (o->sections[i].bytes <= 0
			    || !(s = find_total(t, o->sections[i].name)))
				continue;
			if (a > 1)
				s->predicted = (s->predicted + a - 1) / a * a;
			s->predicted += o->sections[i].bytes;
			s->relax_max += o->sections[i].relax;
		}
	}
	for (i = 0; i < t->nsections; i++) {
		s = &t->sections[i];
		if (!final)
			s->relax_max = 0;
		if (s->linked < s->predicted
		    && s->predicted - s->linked <= s->relax_max)
			s->relaxed = s->linked - s->predicted;
		t->linked_by_class[s->cls] += s->linked;
	}
}

/* What the units do not explain of each section's linked size. */
static void explain_linked(struct rc_totals *t)
{
	size_t i;

	for (i = 0; i < t->nsections; i++) {
		struct rc_total *s = &t->sections[i];

		s->padding = s->predicted - s->bytes - s->unclaimed;
		s->unexplained = s->linked - s->predicted - s->relaxed;
	}
}

static long long unit_init_bytes(const struct rc_unit *u)
{
	long long sum = 0;
	size_t i;

	for (i = 0; i < u->nsections; i++)
		if (u->sections[i].bytes > 0
		    && (u->sections[i].cls == RC_INIT
			|| u->sections[i].cls == RC_INIT_TABLE))
			sum += u->sections[i].bytes;
	return sum;
}

/* Largest first; of equal ones, in the order read. */
static int cmp_unit(const void *a, const void *b)
{
	const struct rc_unit_row *x = a, *y = b;

	if (x->init != y->init)
		return x->init < y->init ? 1 : -1;
	return x->unit < y->unit ? -1 : x->unit > y->unit;
}

/* Largest first; of equal ones by name, then in the order read. */
static int cmp_sym(const void *a, const void *b)
{
	const struct rc_symref *x = a, *y = b;
	int c;

	if (x->sym->bytes != y->sym->bytes)
		return x->sym->bytes < y->sym->bytes ? 1 : -1;
	if ((c = strcmp(x->sym->name, y->sym->name)))
		return c;
	if (x->unit != y->unit)
		return x->unit < y->unit ? -1 : 1;
	return x->sym < y->sym ? -1 : x->sym > y->sym;
}

/* The units by their init bytes, every symbol by its bytes. */
static void rank(struct rc_totals *t)
{
	size_t i, k, n = 0;

	t->units = rc_xcalloc(rc_nunits, sizeof(*t->units));
	for (i = 0; i < rc_nunits; i++) {
		t->units[i] = (struct rc_unit_row){ &rc_units[i],
						    unit_init_bytes(&rc_units[i]) };
		n += rc_units[i].nsymbols;
	}
	if (rc_nunits)
		qsort(t->units, rc_nunits, sizeof(*t->units), cmp_unit);
	t->syms = rc_xcalloc(n, sizeof(*t->syms));
	for (i = 0; i < rc_nunits; i++)
		for (k = 0; k < rc_units[i].nsymbols; k++)
			t->syms[t->nsyms++] = (struct rc_symref){ &rc_units[i],
						      &rc_units[i].symbols[k] };
	if (t->nsyms)
		qsort(t->syms, t->nsyms, sizeof(*t->syms), cmp_sym);
}

void rc_totals(struct rc_totals *t, const char *linked)
{
	bool final = false;

	memset(t, 0, sizeof(*t));
	sum_units(t);
	count_bare(t);
	count_unlisted(t);
	if (linked && read_linked(t, linked, &final) == 0)
		predict_linked(t, final);
	explain_linked(t);
	t->init = t->by_class[RC_INIT] + t->by_class[RC_INIT_TABLE];
	t->linked_init = t->linked_by_class[RC_INIT]
			 + t->linked_by_class[RC_INIT_TABLE];
	rank(t);
}

void rc_totals_free(struct rc_totals *t)
{
	free(t->sections);
	free(t->bare);
	free(t->units);
	free(t->syms);
	rc_map_free(&total_ix);
	memset(t, 0, sizeof(*t));
}
