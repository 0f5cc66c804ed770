/*
 * alloccmp.c - are two ELF files (one source compiled without and with
 * the plugin) the same in everything that is loaded or linked?
 *
 *	alloccmp [-q] PLAIN OTHER
 *
 * Compared: the ELF header's machine, type, flags and entry; the program
 * headers; every allocated (SHF_ALLOC) section, in order: name, type,
 * flags, address, size, alignment, entry size, linked sections (by name)
 * and every byte; the relocations that apply to allocated sections
 * (offset, type, addend, and the symbol by name, so that added symbols
 * may renumber the symbol table); and every symbol that is undefined,
 * absolute, common or defined in an allocated section, but for the
 * plugin's own end labels (record_label()).
 *
 * OTHER may have sections PLAIN lacks only if they are not allocated:
 * they are named on the "added:" line.  Prints one line,
 *	same: N allocated sections, R relocations, S symbols; added: LIST
 * and exits 0, or prints the differences and exits 1; 2 when a file
 * cannot be read.  -q prints nothing when they are the same.
 *
 * One loaded word may differ, in linked MIPS programs only, and it is
 * named at the end of that line: GNU ld writes the number of the output's
 * sections, plus one, into .dynamic's DT_MIPS_UNREFEXTNO
 * (bfd/elfxx-mips.c, _bfd_mips_elf_finish_dynamic_sections:
 * "dyn.d_un.d_val = bfd_count_sections (output_bfd) + 1"), so a kept
 * non-allocated section adds one to it.  The compiler writes no .dynamic;
 * the value is ld's count of sections, not code or data of a unit.  It is
 * accepted only when every other byte of .dynamic is the same and the two
 * values differ by exactly the number of sections OTHER adds, all of them
 * non-allocated (the line then ends "; ld's section count:
 * DT_MIPS_UNREFEXTNO A, B", or, when the files differ otherwise, a line
 * "not a difference: ld's section count: ..." follows theirs); any other
 * difference stays one.
 */
#include <fcntl.h>
#include <stdint.h>
#include <gelf.h>
#include <libelf.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_REPORTED 10

struct file {
	const char *path;
	int fd;
	Elf *elf;
	GElf_Ehdr eh;
	size_t shstrndx, shnum;
};

static int differences;

/* DT_MIPS_UNREFEXTNO of PLAIN and OTHER when only it differs in .dynamic
   (compare_dynamic), checked against the added sections in main(). */
static bool unref_differs;
static uintmax_t unref_a, unref_b;

static void differ(const char *fmt, ...)
{
	va_list ap;

	if (++differences > MAX_REPORTED)
		return;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);

	if (!p) {
		fprintf(stderr, "alloccmp: out of memory\n");
		exit(2);
	}
	return p;
}

static char *xstrdup(const char *s)
{
	return memcpy(xcalloc(strlen(s) + 1, 1), s, strlen(s) + 1);
}

static void open_file(struct file *f, const char *path)
{
	f->path = path;
	f->fd = open(path, O_RDONLY);
	if (f->fd < 0) {
		perror(path);
		exit(2);
	}
	f->elf = elf_begin(f->fd, ELF_C_READ, NULL);
	if (!f->elf || elf_kind(f->elf) != ELF_K_ELF || !gelf_getehdr(f->elf, &f->eh)
	    || elf_getshdrstrndx(f->elf, &f->shstrndx)
	    || elf_getshdrnum(f->elf, &f->shnum)) {
		fprintf(stderr, "alloccmp: %s: not an ELF file (%s)\n", path,
			elf_errmsg(-1));
		exit(2);
	}
}

static const char *sec_name(struct file *f, size_t ndx)
{
	Elf_Scn *scn = elf_getscn(f->elf, ndx);
	GElf_Shdr sh;
	const char *name;

	if (!scn || !gelf_getshdr(scn, &sh))
		return "?";
	name = elf_strptr(f->elf, f->shstrndx, sh.sh_name);
	return name ? name : "?";
}

static bool sec_alloc(struct file *f, size_t ndx)
{
	Elf_Scn *scn = elf_getscn(f->elf, ndx);
	GElf_Shdr sh;

	return scn && gelf_getshdr(scn, &sh) && (sh.sh_flags & SHF_ALLOC);
}

/* The indices of F's allocated sections, in file order. */
static size_t *alloc_sections(struct file *f, size_t *n)
{
	size_t *v = xcalloc(f->shnum, sizeof(*v));
	size_t i;

	*n = 0;
	for (i = 1; i < f->shnum; i++)
		if (sec_alloc(f, i))
			v[(*n)++] = i;
	return v;
}

static void compare_headers(struct file *a, struct file *b)
{
	size_t na, nb, i;

	if (a->eh.e_ident[EI_CLASS] != b->eh.e_ident[EI_CLASS]
	    || a->eh.e_ident[EI_DATA] != b->eh.e_ident[EI_DATA]
	    || a->eh.e_machine != b->eh.e_machine || a->eh.e_type != b->eh.e_type
	    || a->eh.e_flags != b->eh.e_flags || a->eh.e_entry != b->eh.e_entry)
		differ("ELF header: class, data, machine, type, flags or entry differ");
	if (elf_getphdrnum(a->elf, &na) || elf_getphdrnum(b->elf, &nb)) {
		differ("program headers: unreadable");
		return;
	}
	if (na != nb) {
		differ("program headers: %zu, %zu", na, nb);
		return;
	}
	for (i = 0; i < na; i++) {
		GElf_Phdr pa, pb;

		if (!gelf_getphdr(a->elf, i, &pa) || !gelf_getphdr(b->elf, i, &pb)
		    || memcmp(&pa, &pb, sizeof(pa)))
			differ("program header %zu differs", i);
	}
}

/* .dynamic of two linked MIPS programs whose bytes differ: the same
   entries, tag by tag, and the same values but DT_MIPS_UNREFEXTNO's
   (see the top of the file).  False at the first other difference. */
static bool compare_dynamic(struct file *a, Elf_Data *da, struct file *b,
			    Elf_Data *db)
{
	size_t n, k;
	bool seen = false;

	if (a->eh.e_machine != EM_MIPS || b->eh.e_machine != EM_MIPS)
		return false;
	n = da->d_size / gelf_fsize(a->elf, ELF_T_DYN, 1, EV_CURRENT);
	for (k = 0; k < n; k++) {
		GElf_Dyn xa, xb;

		if (!gelf_getdyn(da, (int)k, &xa) || !gelf_getdyn(db, (int)k, &xb)
		    || xa.d_tag != xb.d_tag)
			return false;
		if (xa.d_un.d_val == xb.d_un.d_val)
			continue;
		if (xa.d_tag != DT_MIPS_UNREFEXTNO || seen)
			return false;
		seen = true;
		unref_a = xa.d_un.d_val;
		unref_b = xb.d_un.d_val;
	}
	unref_differs = seen;
	return seen;
}

static void compare_section(struct file *a, size_t ia, struct file *b,
			    size_t ib)
{
	GElf_Shdr sa, sb;
	Elf_Data *da, *db;
	const char *name = sec_name(a, ia);

	gelf_getshdr(elf_getscn(a->elf, ia), &sa);
	gelf_getshdr(elf_getscn(b->elf, ib), &sb);
	if (strcmp(name, sec_name(b, ib))) {
		differ("allocated section %zu: %s, %s", ia, name, sec_name(b, ib));
		return;
	}
	if (sa.sh_type != sb.sh_type || sa.sh_flags != sb.sh_flags
	    || sa.sh_addr != sb.sh_addr || sa.sh_addralign != sb.sh_addralign
	    || sa.sh_entsize != sb.sh_entsize) {
		differ("%s: type, flags, address, alignment or entry size differ",
		       name);
		return;
	}
	if (sa.sh_size != sb.sh_size) {
		differ("%s: size %ju, %ju", name, (uintmax_t)sa.sh_size,
		       (uintmax_t)sb.sh_size);
		return;
	}
	if ((sa.sh_link || sb.sh_link)
	    && strcmp(sec_name(a, sa.sh_link), sec_name(b, sb.sh_link)))
		differ("%s: sh_link names %s, %s", name, sec_name(a, sa.sh_link),
		       sec_name(b, sb.sh_link));
	if (sa.sh_type == SHT_NOBITS)
		return;
	da = elf_rawdata(elf_getscn(a->elf, ia), NULL);
	db = elf_rawdata(elf_getscn(b->elf, ib), NULL);
	if (!da || !db || da->d_size != db->d_size) {
		differ("%s: contents unreadable", name);
		return;
	}
	if (da->d_size && memcmp(da->d_buf, db->d_buf, da->d_size)
	    && !(sa.sh_type == SHT_DYNAMIC && compare_dynamic(a, da, b, db))) {
		size_t k = 0;
		const unsigned char *pa = da->d_buf, *pb = db->d_buf;

		while (pa[k] == pb[k])
			k++;
		differ("%s: bytes differ from offset 0x%zx", name, k);
	}
}

/* The symbol table and its string table, or NULL. */
static Elf_Data *symtab(struct file *f, size_t *strndx, size_t *count)
{
	size_t i;

	for (i = 1; i < f->shnum; i++) {
		Elf_Scn *scn = elf_getscn(f->elf, i);
		GElf_Shdr sh;

		if (gelf_getshdr(scn, &sh) && sh.sh_type == SHT_SYMTAB) {
			*strndx = sh.sh_link;
			*count = sh.sh_entsize ? sh.sh_size / sh.sh_entsize : 0;
			return elf_getdata(scn, NULL);
		}
	}
	*count = 0;
	return NULL;
}

/* A symbol as text: what it is independent of its index; section
   symbols by their section's name. */
static char *sym_text(struct file *f, Elf_Data *d, size_t strndx, size_t k,
		      bool with_value)
{
	GElf_Sym s;
	const char *name, *sec = "";
	char *buf;
	size_t len;

	if (!gelf_getsym(d, k, &s))
		return xstrdup("?");
	name = elf_strptr(f->elf, strndx, s.st_name);
	if (s.st_shndx == SHN_UNDEF)
		sec = "UND";
	else if (s.st_shndx == SHN_ABS)
		sec = "ABS";
	else if (s.st_shndx == SHN_COMMON)
		sec = "COM";
	else if (s.st_shndx < SHN_LORESERVE)
		sec = sec_name(f, s.st_shndx);
	if (GELF_ST_TYPE(s.st_info) == STT_SECTION)
		name = sec;
	if (!name)
		name = "?";
	len = strlen(name) + strlen(sec) + 80;
	buf = xcalloc(len, 1);
	if (with_value)
		snprintf(buf, len, "%s %s %jx %ju %u %u", name, sec,
			 (uintmax_t)s.st_value, (uintmax_t)s.st_size,
			 s.st_info, s.st_other);
	else
		snprintf(buf, len, "%s %s", name, sec);
	return buf;
}

/* Does symbol K count: undefined, absolute, common or in an allocated
   section (not the null symbol, not a non-allocated section's)? */
static bool sym_counts(struct file *f, Elf_Data *d, size_t k)
{
	GElf_Sym s;

	if (k == 0 || !gelf_getsym(d, k, &s))
		return false;
	if (s.st_shndx == SHN_UNDEF)
		return s.st_name != 0;
	if (s.st_shndx >= SHN_LORESERVE)
		return true;
	return sec_alloc(f, s.st_shndx);
}

/* The end label of the plugin's record (plugin/manifest.c), where the
   assembler keeps it because a relocation names it (RISC-V's linker
   relaxation leaves .Linitcheck_endN - SECTION to the linker): a local
   label of no type and no size at the very end of its section, which
   adds no byte, moves none, and names nothing the program uses. */
static bool record_label(struct file *f, Elf_Data *d, size_t strndx, size_t k)
{
	GElf_Sym s;
	GElf_Shdr sh;
	Elf_Scn *scn;
	const char *name;

	if (!gelf_getsym(d, k, &s) || GELF_ST_BIND(s.st_info) != STB_LOCAL
	    || GELF_ST_TYPE(s.st_info) != STT_NOTYPE || s.st_size != 0
	    || s.st_shndx == SHN_UNDEF || s.st_shndx >= SHN_LORESERVE
	    || !(scn = elf_getscn(f->elf, s.st_shndx)) || !gelf_getshdr(scn, &sh)
	    || !(name = elf_strptr(f->elf, strndx, s.st_name)))
		return false;
	return !strncmp(name, ".Linitcheck_end", 15) && s.st_value == sh.sh_size;
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static char **symbol_list(struct file *f, size_t *n)
{
	size_t strndx, count, k;
	Elf_Data *d = symtab(f, &strndx, &count);
	char **v = xcalloc(count, sizeof(*v));

	*n = 0;
	for (k = 0; d && k < count; k++)
		if (sym_counts(f, d, k) && !record_label(f, d, strndx, k))
			v[(*n)++] = sym_text(f, d, strndx, k, true);
	qsort(v, *n, sizeof(*v), cmp_str);
	return v;
}

static size_t compare_symbols(struct file *a, struct file *b)
{
	size_t na, nb, i, j;
	char **va = symbol_list(a, &na), **vb = symbol_list(b, &nb);

	for (i = 0, j = 0; i < na || j < nb;) {
		int c = i == na ? 1 : j == nb ? -1 : strcmp(va[i], vb[j]);

		if (c < 0)
			differ("symbol only without the plugin: %s", va[i++]);
		else if (c > 0)
			differ("symbol only with the plugin: %s", vb[j++]);
		else
			i++, j++;
	}
	for (i = 0; i < na; i++)
		free(va[i]);
	for (j = 0; j < nb; j++)
		free(vb[j]);
	free(va);
	free(vb);
	return na;
}

/* How many sections before NDX have NDX's name: sections of the same name
   (COMDAT groups) are paired in order of occurrence. */
static size_t occurrence(struct file *f, size_t ndx)
{
	const char *name = sec_name(f, ndx);
	size_t i, k = 0;

	for (i = 1; i < ndx; i++)
		k += !strcmp(sec_name(f, i), name);
	return k;
}

/* The index of the K-th section named NAME in F, or 0. */
static size_t nth_named(struct file *f, const char *name, size_t k)
{
	size_t i;

	for (i = 1; i < f->shnum; i++)
		if (!strcmp(sec_name(f, i), name) && k-- == 0)
			return i;
	return 0;
}

static char *rel_text(struct file *f, size_t ri, size_t k)
{
	Elf_Scn *scn = elf_getscn(f->elf, ri);
	Elf_Data *d = elf_getdata(scn, NULL);
	Elf_Data *syms;
	GElf_Shdr sh;
	GElf_Rela r = { 0 };
	size_t strndx, count;
	char *sym, *buf;
	size_t len, symi;
	uintmax_t type;

	gelf_getshdr(scn, &sh);
	if (sh.sh_type == SHT_RELA) {
		gelf_getrela(d, k, &r);
	} else {
		GElf_Rel rel;

		gelf_getrel(d, k, &rel);
		r.r_offset = rel.r_offset;
		r.r_info = rel.r_info;
	}
	/* MIPS64's r_info is not the generic one: a 32-bit symbol index,
	   then r_ssym, r_type3, r_type2 and r_type bytes.  libelf reads it
	   as one integer of the file's byte order, which is right for the
	   big-endian layout and scrambled for mips64el: undone here. */
	symi = GELF_R_SYM(r.r_info);
	type = GELF_R_TYPE(r.r_info);
	if (f->eh.e_machine == EM_MIPS && gelf_getclass(f->elf) == ELFCLASS64
	    && f->eh.e_ident[EI_DATA] == ELFDATA2LSB) {
		uint64_t x = r.r_info;

		symi = (size_t)(x & 0xffffffffu);
		type = (uintmax_t)(x >> 56) | (uintmax_t)((x >> 48) & 0xff) << 8
		       | (uintmax_t)((x >> 40) & 0xff) << 16
		       | (uintmax_t)((x >> 32) & 0xff) << 24;
	}
	syms = symtab(f, &strndx, &count);
	sym = syms ? sym_text(f, syms, strndx, symi, false)
		   : xstrdup("?");
	len = strlen(sym) + 80;
	buf = xcalloc(len, 1);
	snprintf(buf, len, "0x%jx type %ju %s %+jd", (uintmax_t)r.r_offset,
		 type, sym, (intmax_t)r.r_addend);
	free(sym);
	return buf;
}

/* Relocations that apply to allocated sections of A, in order, against
   B's.  Sections are matched by name, in order of occurrence, like the
   sections themselves. */
static size_t compare_relocations(struct file *a, struct file *b)
{
	size_t i, total = 0;

	for (i = 1; i < a->shnum; i++) {
		GElf_Shdr sa, sb;
		size_t ib, n, k;

		if (!gelf_getshdr(elf_getscn(a->elf, i), &sa)
		    || (sa.sh_type != SHT_REL && sa.sh_type != SHT_RELA)
		    || (sa.sh_flags & SHF_ALLOC) || !sa.sh_info
		    || !sec_alloc(a, sa.sh_info))
			continue;
		ib = nth_named(b, sec_name(a, i), occurrence(a, i));
		if (!ib) {
			differ("%s: relocations only without the plugin", sec_name(a, i));
			continue;
		}
		gelf_getshdr(elf_getscn(b->elf, ib), &sb);
		n = sa.sh_entsize ? sa.sh_size / sa.sh_entsize : 0;
		if (sa.sh_type != sb.sh_type || sa.sh_size != sb.sh_size) {
			differ("%s: %zu relocations, %ju", sec_name(a, i), n,
			       (uintmax_t)(sb.sh_entsize ? sb.sh_size / sb.sh_entsize : 0));
			continue;
		}
		for (k = 0; k < n; k++) {
			char *ra = rel_text(a, i, k), *rb = rel_text(b, ib, k);

			if (strcmp(ra, rb))
				differ("%s: relocation %zu: %s, %s", sec_name(a, i),
				       k, ra, rb);
			free(ra);
			free(rb);
		}
		total += n;
	}
	return total;
}

/* Sections of B that A has fewer of, by name: must not be allocated.
   Returns how many. */
static size_t added_sections(struct file *a, struct file *b, char *list,
			     size_t len)
{
	size_t i, used = 0, count = 0;

	list[0] = '\0';
	for (i = 1; i < b->shnum; i++) {
		const char *name = sec_name(b, i);

		if (nth_named(a, name, occurrence(b, i)))
			continue;
		count++;
		if (sec_alloc(b, i))
			differ("allocated section only with the plugin: %s", name);
		if (used < len)
			used += snprintf(list + used, len - used, "%s%s",
					 used ? " " : "", name);
	}
	for (i = 1; i < a->shnum; i++)
		if (!nth_named(b, sec_name(a, i), occurrence(a, i)))
			differ("section only without the plugin: %s",
			       sec_name(a, i));
	return count;
}

int main(int argc, char **argv)
{
	struct file a, b;
	size_t *va, *vb, na, nb, i, nrel, nsym, nadded;
	char added[4096];
	bool quiet = false;

	if (argc > 1 && !strcmp(argv[1], "-q")) {
		quiet = true;
		argc--, argv++;
	}
	if (argc != 3) {
		fprintf(stderr, "usage: alloccmp [-q] PLAIN OTHER\n");
		return 2;
	}
	if (elf_version(EV_CURRENT) == EV_NONE)
		return 2;
	open_file(&a, argv[1]);
	open_file(&b, argv[2]);

	compare_headers(&a, &b);
	va = alloc_sections(&a, &na);
	vb = alloc_sections(&b, &nb);
	if (na != nb)
		differ("%zu allocated sections without the plugin, %zu with", na, nb);
	for (i = 0; i < na && i < nb; i++)
		compare_section(&a, va[i], &b, vb[i]);
	nrel = compare_relocations(&a, &b);
	nsym = compare_symbols(&a, &b);
	nadded = added_sections(&a, &b, added, sizeof(added));
	/* ld's section count: more by exactly the sections added, and the
	   files' section counts differ by as many. */
	if (unref_differs
	    && (unref_b < unref_a || unref_b - unref_a != nadded
		|| b.shnum < a.shnum || b.shnum - a.shnum != nadded)) {
		differ(".dynamic: DT_MIPS_UNREFEXTNO %ju, %ju: not ld's section count with the %zu added sections",
		       unref_a, unref_b, nadded);
		unref_differs = false;
	}

	if (differences > MAX_REPORTED)
		printf("... %d differences in all\n", differences);
	if (differences && !quiet && unref_differs)
		printf("not a difference: ld's section count: DT_MIPS_UNREFEXTNO %ju, %ju\n",
		       unref_a, unref_b);
	if (!differences && !quiet) {
		printf("same: %zu allocated sections, %zu relocations, %zu symbols; added: %s",
		       na, nrel, nsym, added[0] ? added : "none");
		if (unref_differs)
			printf("; ld's section count: DT_MIPS_UNREFEXTNO %ju, %ju",
			       unref_a, unref_b);
		putchar('\n');
	}
	free(va);
	free(vb);
	elf_end(a.elf);
	elf_end(b.elf);
	close(a.fd);
	close(b.fd);
	return differences ? 1 : 0;
}
