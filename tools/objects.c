/*
 * objects.c - the inputs of initcheck-report: objects, archives (thin ones
 * too), ld -r outputs, JSON side files, and directories of them.
 *
 * ELF is read with libelf only.  An object carries its units' manifests as
 * records in .discard.initcheck (see plugin/manifest.c); ld -r and ar keep
 * the records of all their inputs, one after the other.  Sizes of functions
 * come from the symbol table; to tell which unit a local symbol belongs to
 * in an ld -r output, the STT_FILE symbol that precedes each input's locals
 * is matched with the unit's source file name, in order.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <gelf.h>
#include <libelf.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report.h"

#define RECORD_MAGIC "INITCHK1"
#define RECORD_SECTION ".discard.initcheck"

struct rc_object *rc_objects;
size_t rc_nobjects;
static size_t objects_alloc;
int rc_errors;

void rc_error(const char *fmt, ...)
{
	va_list ap;

	fputs("initcheck-report: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	rc_errors++;
}

void *rc_xrealloc(void *p, size_t size)
{
	p = realloc(p, size ? size : 1);
	if (!p) {
		rc_error("out of memory");
		exit(2);
	}
	return p;
}

static uint32_t get_u32(const unsigned char *p, bool big_endian)
{
	return big_endian ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16
			    | (uint32_t)p[2] << 8 | p[3]
			  : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16
			    | (uint32_t)p[1] << 8 | p[0];
}

/* Split a .discard.initcheck section into its records. */
static void read_records(const char *origin, const unsigned char *p,
			 size_t len, bool big_endian)
{
	size_t off = 0;

	while (off < len) {
		uint32_t jlen, n, *sizes, i;
		char where[64];

		snprintf(where, sizeof(where), "offset %zu", off);
		if (len - off < 16 || memcmp(p + off, RECORD_MAGIC, 8)) {
			rc_error("%s: %s: not an initcheck record at %s",
				 origin, RECORD_SECTION, where);
			return;
		}
		jlen = get_u32(p + off + 8, big_endian);
		n = get_u32(p + off + 12, big_endian);
		if (n > (len - off - 16) / 4
		    || jlen > len - off - 16 - 4 * (size_t)n) {
			rc_error("%s: %s: truncated record at %s", origin,
				 RECORD_SECTION, where);
			return;
		}
		sizes = calloc(n ? n : 1, sizeof(*sizes));
		for (i = 0; i < n; i++)
			sizes[i] = get_u32(p + off + 16 + 4 * i, big_endian);
		rc_unit_add(origin, (const char *)p + off + 16 + 4 * n, jlen,
			    sizes, n);
		free(sizes);
		off += 16 + 4 * (size_t)n + jlen;
	}
}

static void put_u32(unsigned char *p, uint32_t v, bool big_endian)
{
	for (int i = 0; i < 4; i++)
		p[big_endian ? 3 - i : i] = (unsigned char)(v >> (8 * i));
}

/* Where the assembler cannot resolve a size (.Lend - SECTION) because the
   linker may still shrink the code between the two (RISC-V's linker
   relaxation), it leaves the difference as a pair of relocations on the
   record: R_RISCV_ADD32 of the end label, R_RISCV_SUB32 of the section's
   start, over a zero.  Applied here as ld would (S + A each), with the
   symbols' values in this object: the section's size as assembled, the
   size the other targets' records carry.  ld -r keeps such pairs,
   rebased onto its output's sections.  Any other relocation on the
   record is an error: its sizes cannot be trusted, and the section's
   records are not read (false). */
static bool apply_record_relocs(Elf *e, const char *origin, Elf_Scn *rel,
				const GElf_Shdr *relsh, unsigned char *buf,
				size_t len, bool big_endian)
{
	Elf_Data *d = elf_getdata(rel, NULL), *symd;
	Elf_Scn *symscn = elf_getscn(e, relsh->sh_link);
	GElf_Ehdr eh;
	size_t i, n;

	if (!d || !symscn || !(symd = elf_getdata(symscn, NULL))
	    || !gelf_getehdr(e, &eh) || !relsh->sh_entsize) {
		rc_error("%s: %s: cannot read its relocations", origin,
			 RECORD_SECTION);
		return false;
	}
	n = relsh->sh_size / relsh->sh_entsize;
	for (i = 0; i < n; i++) {
		GElf_Rela r;
		GElf_Sym sym;
		unsigned type;
		int64_t v;

		if (relsh->sh_type == SHT_RELA) {
			if (!gelf_getrela(d, (int)i, &r))
				break;
		} else {
			GElf_Rel rl;

			if (!gelf_getrel(d, (int)i, &rl))
				break;
			r.r_offset = rl.r_offset;
			r.r_info = rl.r_info;
			r.r_addend = 0;
		}
		type = (unsigned)GELF_R_TYPE(r.r_info);
		if (eh.e_machine == EM_RISCV && type == R_RISCV_NONE)
			continue;
		if (eh.e_machine != EM_RISCV
		    || (type != R_RISCV_ADD32 && type != R_RISCV_SUB32)
		    || r.r_offset > len || len - r.r_offset < 4
		    || !gelf_getsym(symd, (int)GELF_R_SYM(r.r_info), &sym)) {
			rc_error("%s: %s: relocation of type %u at offset %llu "
				 "not understood: the record's sizes cannot be "
				 "read", origin, RECORD_SECTION, type,
				 (unsigned long long)r.r_offset);
			return false;
		}
		v = (int64_t)get_u32(buf + r.r_offset, big_endian);
		v += (type == R_RISCV_ADD32 ? 1 : -1)
		     * ((int64_t)sym.st_value + r.r_addend);
		put_u32(buf + r.r_offset, (uint32_t)v, big_endian);
	}
	return true;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path ? path : "", '/');

	return s ? s + 1 : path ? path : "";
}

/* The unit of this object that a symbol belongs to, or NULL. */
static struct rc_unit *owner(struct rc_object *o, const char *name,
			     bool global, const char *file, size_t file_seq)
{
	size_t i, seen = 0;

	if (o->nunits == 1)
		return &rc_units[o->first_unit];
	for (i = o->first_unit; i < o->first_unit + o->nunits; i++) {
		struct rc_unit *u = &rc_units[i];
		struct rc_symbol *s;

		if (global) {
			s = rc_unit_symbol(u, name);
			if (s && s->global)
				return u;
		} else if (file && !strcmp(base_name(u->tu), file)) {
			if (seen++ == file_seq)
				return u;
		}
	}
	return NULL;
}

static struct rc_section *unit_section(struct rc_unit *u, const char *name)
{
	size_t i;

	for (i = 0; i < u->nsections; i++)
		if (!strcmp(u->sections[i].name, name))
			return &u->sections[i];
	return NULL;
}

/* A symbol the manifest did not list (made after PLUGIN_FINISH_UNIT,
   e.g. by the assembler from inline asm): added with what ELF says. */
static struct rc_symbol *add_symbol(struct rc_unit *u, const char *name,
				    const struct rc_section *sec, bool func,
				    bool global)
{
	struct rc_symbol *s;

	u->symbols = rc_xrealloc(u->symbols, (u->nsymbols + 1) * sizeof(*s));
	s = &u->symbols[u->nsymbols++];
	memset(s, 0, sizeof(*s));
	s->name = strdup(name);
	s->section = sec->name;
	s->function = func;
	s->global = global;
	s->file = u->tu;
	s->bytes = -1;
	return s;
}

/* Sizes of the symbols in reclaimable sections, from the symbol table. */
static void read_symbols(Elf *e, struct rc_object *o, Elf_Scn *symscn,
			 GElf_Shdr *symsh, size_t shstrndx)
{
	Elf_Data *d = elf_getdata(symscn, NULL);
	size_t i, n = symsh->sh_entsize ? symsh->sh_size / symsh->sh_entsize
					: 0;
	const char *file = NULL;
	/* how many earlier STT_FILE symbols had this same name */
	size_t file_seq = 0;
	char *files[4096];
	size_t nfiles = 0, k;

	for (i = 0; d && i < n; i++) {
		GElf_Sym sym;
		GElf_Shdr sh;
		Elf_Scn *scn;
		const char *name, *secname;
		struct rc_unit *u;
		struct rc_section *sec;
		struct rc_symbol *s;
		int type;

		if (!gelf_getsym(d, (int)i, &sym))
			break;
		name = elf_strptr(e, symsh->sh_link, sym.st_name);
		type = GELF_ST_TYPE(sym.st_info);
		if (type == STT_FILE) {
			file = name;
			file_seq = 0;
			for (k = 0; k < nfiles; k++)
				if (!strcmp(files[k], name ? name : ""))
					file_seq++;
			if (nfiles < sizeof(files) / sizeof(files[0]))
				files[nfiles++] = (char *)(name ? name : "");
			continue;
		}
		/* What assembler files use: never suggested (suggest.c). */
		if (sym.st_shndx == SHN_UNDEF && !o->nunits && name && *name)
			rc_suggest_foreign(name);
		if ((type != STT_FUNC && type != STT_OBJECT) || !name
		    || sym.st_shndx == SHN_UNDEF || sym.st_shndx >= SHN_LORESERVE)
			continue;
		scn = elf_getscn(e, sym.st_shndx);
		if (!scn || !gelf_getshdr(scn, &sh))
			continue;
		secname = elf_strptr(e, shstrndx, sh.sh_name);
		u = owner(o, name, GELF_ST_BIND(sym.st_info) != STB_LOCAL,
			  file, file_seq);
		if (u || (u = rc_suggest_owner(name)))
			rc_suggest_size(u, name, (long long)sym.st_size,
					type == STT_FUNC);
		if (!u || !secname || !(sec = unit_section(u, secname)))
			continue;
		s = rc_unit_symbol(u, name);
		if (!s)
			s = add_symbol(u, name, sec, type == STT_FUNC,
				       GELF_ST_BIND(sym.st_info) != STB_LOCAL);
		s->bytes = (long long)sym.st_size;
	}
}

static struct rc_object *new_object(const char *path)
{
	struct rc_object *o;

	if (rc_nobjects == objects_alloc) {
		objects_alloc = objects_alloc ? 2 * objects_alloc : 64;
		rc_objects = rc_xrealloc(rc_objects,
					 objects_alloc * sizeof(*rc_objects));
	}
	o = &rc_objects[rc_nobjects++];
	memset(o, 0, sizeof(*o));
	o->path = strdup(path);
	o->first_unit = rc_nunits;
	return o;
}

/* Every section of this object, by name (a name may repeat: COMDAT
   groups), with its size and alignment: what --linked places, and what
   tells bytes no unit claims. */
static void object_sections(Elf *e, struct rc_object *o, size_t shstrndx)
{
	Elf_Scn *scn = NULL;

	while ((scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;
		const char *name;
		size_t j;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type == SHT_NULL
		    || !(name = elf_strptr(e, shstrndx, sh.sh_name)))
			continue;
		for (j = 0; j < o->nsections; j++)
			if (!strcmp(o->sections[j].name, name))
				break;
		if (j == o->nsections) {
			o->sections = rc_xrealloc(o->sections, (o->nsections + 1)
						  * sizeof(*o->sections));
			o->sections[j].name = strdup(name);
			o->sections[j].cls = RC_OTHER;
			o->sections[j].bytes = 0;
			o->sections[j].align = 1;
			o->sections[j].alloc = false;
			o->sections[j].witness = NULL;
			o->sections[j].witness_global = false;
			o->sections[j].relax = 0;
			o->nsections++;
		}
		o->sections[j].bytes += (long long)sh.sh_size;
		if (sh.sh_flags & SHF_ALLOC)
			o->sections[j].alloc = true;
		if ((long long)sh.sh_addralign > o->sections[j].align)
			o->sections[j].align = (long long)sh.sh_addralign;
	}
}

/* RISC-V: a final link relaxes code (linker relaxation), so a section
   may be linked smaller than it was assembled; ld -r does not relax.
   The bytes ld may delete are bounded by the section's relocations: the
   nops an R_RISCV_ALIGN reserved (its addend), and for each instruction
   pair marked R_RISCV_RELAX at most 6 (a call's auipc+jalr, 8 bytes,
   becomes c.jal or jal; a lui or auipc of an address is dropped, 4). */
static void object_relax(Elf *e, struct rc_object *o, size_t shstrndx)
{
	GElf_Ehdr eh;
	Elf_Scn *scn = NULL;

	if (!gelf_getehdr(e, &eh) || eh.e_machine != EM_RISCV
	    || eh.e_type != ET_REL)
		return;
	while ((scn = elf_nextscn(e, scn))) {
		GElf_Shdr rsh, sh;
		Elf_Scn *target;
		Elf_Data *d;
		const char *name;
		size_t j, k, n;
		long long bound = 0;

		if (!gelf_getshdr(scn, &rsh) || rsh.sh_type != SHT_RELA
		    || !rsh.sh_entsize || !(target = elf_getscn(e, rsh.sh_info))
		    || !gelf_getshdr(target, &sh)
		    || !(name = elf_strptr(e, shstrndx, sh.sh_name))
		    || !(d = elf_getdata(scn, NULL)))
			continue;
		n = rsh.sh_size / rsh.sh_entsize;
		for (k = 0; k < n; k++) {
			GElf_Rela r;

			if (!gelf_getrela(d, (int)k, &r))
				break;
			if (GELF_R_TYPE(r.r_info) == R_RISCV_ALIGN
			    && r.r_addend > 0)
				bound += r.r_addend;
			else if (GELF_R_TYPE(r.r_info) == R_RISCV_RELAX)
				bound += 6;
		}
		for (j = 0; j < o->nsections; j++)
			if (!strcmp(o->sections[j].name, name))
				o->sections[j].relax += bound;
	}
}

/* The assembler's own end padding: s390's and MIPS's gas round a
   section's size up to its alignment after everything in it, so after
   the record's end label too (plugin/manifest.c).  In an object of one
   unit those bytes are the unit's, freed with it: its size is the
   object's, when the difference is such a rounding (less than the
   alignment, up to a multiple of it).  In an ld -r output of several
   units they stay the padding between inputs. */
static void object_tail_padding(struct rc_object *o)
{
	struct rc_unit *u;
	size_t j, m;

	if (o->nunits != 1)
		return;
	u = &rc_units[o->first_unit];
	for (m = 0; m < u->nsections; m++) {
		struct rc_section *us = &u->sections[m];

		if (us->bytes < 0)
			continue;
		for (j = 0; j < o->nsections; j++) {
			const struct rc_section *s = &o->sections[j];

			if (!strcmp(s->name, us->name) && s->bytes > us->bytes
			    && s->align > 1 && s->bytes - us->bytes < s->align
			    && s->bytes % s->align == 0)
				us->bytes = s->bytes;
		}
	}
}

/* One symbol defined in each section, a global one where there is one:
   in the linked image, that symbol's section is where the input section
   went (the linker script, not the name, decides that). */
static void object_witnesses(Elf *e, struct rc_object *o, Elf_Scn *symscn,
			     GElf_Shdr *symsh, size_t shstrndx)
{
	Elf_Data *d = elf_getdata(symscn, NULL);
	size_t i, j, n = symsh->sh_entsize ? symsh->sh_size / symsh->sh_entsize
					: 0;

	for (i = 1; d && i < n; i++) {
		GElf_Sym sym;
		GElf_Shdr sh;
		Elf_Scn *scn;
		const char *name, *secname;
		int type;

		if (!gelf_getsym(d, (int)i, &sym))
			break;
		type = GELF_ST_TYPE(sym.st_info);
		/* Not a mapping symbol ($x, $d: arm64 and RISC-V mark code and
		   data in every section with them): one of many of that name
		   in the image, it locates nothing. */
		if (type == STT_SECTION || type == STT_FILE
		    || sym.st_shndx == SHN_UNDEF || sym.st_shndx >= SHN_LORESERVE
		    || !(name = elf_strptr(e, symsh->sh_link, sym.st_name))
		    || !*name || *name == '$' || !(scn = elf_getscn(e, sym.st_shndx))
		    || !gelf_getshdr(scn, &sh)
		    || !(secname = elf_strptr(e, shstrndx, sh.sh_name)))
			continue;
		for (j = 0; j < o->nsections; j++) {
			struct rc_section *s = &o->sections[j];

			if (strcmp(s->name, secname))
				continue;
			if (!s->witness_global && (!s->witness
				|| GELF_ST_BIND(sym.st_info) != STB_LOCAL)) {
				free(s->witness);
				s->witness = strdup(name);
				s->witness_global =
					GELF_ST_BIND(sym.st_info) != STB_LOCAL;
			}
			break;
		}
	}
}

static void read_elf(Elf *e, const char *origin)
{
	size_t shstrndx;
	Elf_Scn *scn = NULL, *symscn = NULL;
	GElf_Shdr symsh;
	struct rc_object *o;
	bool big = elf_getident(e, NULL)[EI_DATA] == ELFDATA2MSB;

	if (elf_getshdrstrndx(e, &shstrndx) != 0) {
		rc_error("%s: %s", origin, elf_errmsg(-1));
		return;
	}
	o = new_object(origin);
	while ((scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;
		const char *name;
		Elf_Data *d;
		Elf_Scn *rel = NULL;
		unsigned char *buf;
		bool ok = true;

		if (!gelf_getshdr(scn, &sh))
			continue;
		if (sh.sh_type == SHT_SYMTAB) {
			symscn = scn;
			symsh = sh;
		}
		name = elf_strptr(e, shstrndx, sh.sh_name);
		if (!name || strcmp(name, RECORD_SECTION))
			continue;
		d = elf_getdata(scn, NULL);
		if (!d || !d->d_buf)
			continue;
		/* A copy, with the relocations on the record applied. */
		buf = rc_xrealloc(NULL, d->d_size);
		memcpy(buf, d->d_buf, d->d_size);
		while ((rel = elf_nextscn(e, rel))) {
			GElf_Shdr rsh;

			if (gelf_getshdr(rel, &rsh)
			    && (rsh.sh_type == SHT_RELA || rsh.sh_type == SHT_REL)
			    && rsh.sh_info == elf_ndxscn(scn))
				ok &= apply_record_relocs(e, origin, rel, &rsh,
							  buf, d->d_size, big);
		}
		if (ok)
			read_records(origin, buf, d->d_size, big);
		free(buf);
	}
	o = &rc_objects[rc_nobjects - 1];
	o->nunits = rc_nunits - o->first_unit;
	object_sections(e, o, shstrndx);
	object_relax(e, o, shstrndx);
	object_tail_padding(o);
	if (symscn) {
		read_symbols(e, o, symscn, &symsh, shstrndx);
		object_witnesses(e, o, symscn, &symsh, shstrndx);
	}
}

static void read_archive(int fd, Elf *ar, const char *path)
{
	Elf_Cmd cmd = ELF_C_READ;
	Elf *m;

	while ((m = elf_begin(fd, cmd, ar))) {
		Elf_Arhdr *h = elf_getarhdr(m);
		char *origin;

		if (h && h->ar_name && h->ar_name[0] != '/'
		    && elf_kind(m) == ELF_K_ELF
		    && asprintf(&origin, "%s(%s)", path, h->ar_name) > 0) {
			read_elf(m, origin);
			free(origin);
		}
		cmd = elf_next(m);
		elf_end(m);
	}
}

/* A thin archive (the kernel's built-in.a) names its members, which stay
   where they are: read each as a file, relative to the archive. */
static int read_thin_archive(const char *path);

static int read_json_file(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t len = 0;
	int rc = 0;

	if (!f) {
		rc_error("%s: %s", path, strerror(errno));
		return 1;
	}
	{
		FILE *mem = open_memstream(&buf, &len);
		char chunk[65536];
		size_t n;

		while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
			fwrite(chunk, 1, n, mem);
		fclose(mem);
	}
	fclose(f);
	if (!rc_unit_add(path, buf, len, NULL, 0))
		rc = 1;
	free(buf);
	return rc;
}

static int read_file(const char *path)
{
	char magic[8] = "";
	int fd = open(path, O_RDONLY);
	ssize_t n;
	Elf *e;

	if (fd < 0) {
		rc_error("%s: %s", path, strerror(errno));
		return 1;
	}
	n = read(fd, magic, sizeof(magic));
	if (n == 8 && !memcmp(magic, "!<thin>\n", 8)) {
		close(fd);
		return read_thin_archive(path);
	}
	if (n > 0 && (magic[0] == '{' || magic[0] == ' ' || magic[0] == '\n')) {
		close(fd);
		return read_json_file(path);
	}
	e = elf_begin(fd, ELF_C_READ, NULL);
	if (!e) {
		rc_error("%s: not an object, archive or manifest: %s", path,
			 elf_errmsg(-1));
		close(fd);
		return 1;
	}
	if (elf_kind(e) == ELF_K_AR)
		read_archive(fd, e, path);
	else if (elf_kind(e) == ELF_K_ELF)
		read_elf(e, path);
	else
		rc_error("%s: not an object, archive or manifest", path);
	elf_end(e);
	close(fd);
	return 0;
}

static int read_thin_archive(const char *path)
{
	/* The member list is the archive's own format, not ELF: libelf
	   (elfutils 0.188) does not open thin archives, binutils' ar does. */
	char *dir = strdup(path), *slash = strrchr(dir, '/'), *cmd, line[4096];
	FILE *p;
	int rc = 0;

	if (slash)
		*slash = '\0';
	else
		strcpy(dir, ".");
	if (asprintf(&cmd, "ar t '%s'", path) < 0)
		return 1;
	p = popen(cmd, "r");
	while (p && fgets(line, sizeof(line), p)) {
		char *member;

		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '/')
			member = strdup(line);
		else if (asprintf(&member, "%s/%s", dir, line) < 0)
			continue;
		rc |= read_file(member);
		free(member);
	}
	if (!p || pclose(p) != 0) {
		rc_error("%s: cannot list the thin archive with ar", path);
		rc = 1;
	}
	free(cmd);
	free(dir);
	return rc;
}

static bool wanted_in_directory(const char *path)
{
	size_t n = strlen(path);

	return (n > 2 && !strcmp(path + n - 2, ".o"))
	       || (n > 2 && !strcmp(path + n - 2, ".a"))
	       || (n > 15 && !strcmp(path + n - 15, ".initcheck.json"));
}

static int walk_rc;

static int walk_one(const char *path, const struct stat *st, int type,
		    struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (type == FTW_F && wanted_in_directory(path))
		walk_rc |= read_file(path);
	return 0;
}

int rc_read_path(const char *path)
{
	struct stat st;

	if (elf_version(EV_CURRENT) == EV_NONE) {
		rc_error("libelf: %s", elf_errmsg(-1));
		return 1;
	}
	if (stat(path, &st) != 0) {
		rc_error("%s: %s", path, strerror(errno));
		return 1;
	}
	if (S_ISDIR(st.st_mode)) {
		walk_rc = 0;
		/* Sorted by nftw's order (directory order); the report sorts
		   what it prints. */
		if (nftw(path, walk_one, 32, FTW_PHYS) != 0) {
			rc_error("%s: %s", path, strerror(errno));
			return 1;
		}
		return walk_rc;
	}
	return read_file(path);
}
