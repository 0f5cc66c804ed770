/*
 * objects.c - the inputs of initcheck-report: objects, archives (thin ones
 * too), ld -r outputs, JSON side files, and directories of them.
 *
 * ELF is read with libelf only.  An object carries its units' manifests as
 * records in .discard.initcheck (see plugin/manifest.c); ld -r and ar keep
 * the records of all their inputs, one after the other.  Sizes of functions
 * come from the symbol table; to tell which unit a local symbol belongs to
 * in an ld -r output, the STT_FILE symbol that precedes each input's locals
 * is matched with the unit's source file name, in order.  What else the
 * symbol tables say that a part above needs (the symbols a unit with
 * suggestions could count, the names objects of no unit use) is kept in
 * struct rc_object for it to take after reading: this reader calls none
 * of the parts above it.
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
#define ZLIB_CONST
#include <zlib.h>

#include "report.h"
#include "../include/initcheck-record.h"

#define RECORD_SECTION IC_RECORD_SECTION

struct rc_object *rc_objects;
size_t rc_nobjects;
static size_t objects_alloc;

static uint32_t get_u32(const unsigned char *p, bool big_endian)
{
	return big_endian ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16
			    | (uint32_t)p[2] << 8 | p[3]
			  : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16
			    | (uint32_t)p[1] << 8 | p[0];
}

/* One record's header, in any of the formats (docs/manifest.md):
   "INITCHK1" u32 json_len, u32 n, sizes[n], JSON;
   "INITCHK2" u32 stored_len, u32 n, u32 json_len, sizes[n], zlib(JSON);
   "INITCHK3" u32 stored_len, u32 n, u32 json_len, u32 table_len,
	      sizes[n], zlib(JSON, then the references table). */
struct record {
	int version;
	uint32_t stored, n, json_len, table_len;
	size_t header;		/* bytes before the sizes */
};

static bool record_header(const unsigned char *p, size_t left, bool big,
			  struct record *r)
{
	static const struct { const char *magic; size_t header; } v[] = {
		{ IC_RECORD_MAGIC_V1, 16 }, { IC_RECORD_MAGIC_V2, 20 },
		{ IC_RECORD_MAGIC, 24 },
	};

	if (left < 8)
		return false;
	for (r->version = 0; r->version < 3; r->version++)
		if (!memcmp(p, v[r->version].magic, 8))
			break;
	if (r->version == 3 || left < v[r->version].header)
		return false;
	r->header = v[r->version].header;
	r->version++;
	r->stored = get_u32(p + 8, big);
	r->n = get_u32(p + 12, big);
	r->json_len = r->version > 1 ? get_u32(p + 16, big) : r->stored;
	r->table_len = r->version > 2 ? get_u32(p + 20, big) : 0;
	return true;
}

/* zlib's uncompress, with the preset dictionary of the record's VERSION. */
static bool inflate_record(Bytef *out, uLongf *len, const Bytef *in,
			   uLong inlen, int version)
{
	static const char dict3[] = IC_RECORD_DICTIONARY;
	static const char dict2[] = IC_RECORD_DICTIONARY_V2;
	const char *dict = version == 2 ? dict2 : dict3;
	size_t dict_len = version == 2 ? sizeof(dict2) - 1 : sizeof(dict3) - 1;
	z_stream zs;
	int rc;

	memset(&zs, 0, sizeof(zs));
	zs.next_in = in;
	zs.avail_in = (uInt)inlen;
	zs.next_out = out;
	zs.avail_out = (uInt)*len;
	if (inflateInit(&zs) != Z_OK)
		return false;
	rc = inflate(&zs, Z_FINISH);
	if (rc == Z_NEED_DICT
	    && inflateSetDictionary(&zs, (const Bytef *)dict, (uInt)dict_len)
	       == Z_OK)
		rc = inflate(&zs, Z_FINISH);
	*len = zs.total_out;
	inflateEnd(&zs);
	return rc == Z_STREAM_END;
}

/* The text of zlib record R, its stored bytes at DATA: inflated (the JSON,
   then an INITCHK3 record's table, and a NUL), or NULL after an error. */
static char *record_text(const char *origin, const struct record *r,
			 const unsigned char *data)
{
	uint64_t want = (uint64_t)r->json_len + r->table_len;
	uLongf len = (uLongf)want;
	Bytef *out;

	/* no more than zlib can make of it (1032:1) */
	if (want / 1032 > (uint64_t)r->stored + 1) {
		rc_error("%s: %s: a record claims %llu bytes from %u", origin,
			 RECORD_SECTION, (unsigned long long)want, r->stored);
		return NULL;
	}
	out = rc_xrealloc(NULL, (size_t)want + 1);
	if (!inflate_record(out, &len, data, r->stored, r->version)
	    || len != want) {
		rc_error("%s: %s: a record does not inflate", origin,
			 RECORD_SECTION);
		free(out);
		return NULL;
	}
	out[want] = '\0';
	return (char *)out;
}

/* Split a .discard.initcheck section into its records. */
static void read_records(const char *origin, const unsigned char *p,
			 size_t len, bool big_endian)
{
	size_t off = 0;

	while (off < len) {
		struct record r;
		uint32_t *sizes, i;
		size_t body;
		char *text;

		if (!record_header(p + off, len - off, big_endian, &r)) {
			rc_error("%s: %s: not an initcheck record at offset %zu",
				 origin, RECORD_SECTION, off);
			return;
		}
		body = len - off - r.header;
		if (r.n > body / 4 || r.stored > body - 4 * (size_t)r.n) {
			rc_error("%s: %s: truncated record at offset %zu", origin,
				 RECORD_SECTION, off);
			return;
		}
		sizes = rc_xcalloc(r.n, sizeof(*sizes));
		for (i = 0; i < r.n; i++)
			sizes[i] = get_u32(p + off + r.header + 4 * i, big_endian);
		off += r.header + 4 * (size_t)r.n;
		if (r.version == 1)
			rc_unit_add(origin, (const char *)p + off, r.json_len,
				    NULL, 0, sizes, r.n);
		else if ((text = record_text(origin, &r, p + off))) {
			rc_unit_add(origin, text, r.json_len, r.version == 3
				    ? text + r.json_len : NULL, r.table_len,
				    sizes, r.n);
			free(text);
		}
		free(sizes);
		off += r.stored;
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

/* The units of O by their source's base name: BY_BASE gives the first
   (index + 1), NEXT[i - first_unit] the next of the same name (index + 1,
   or 0).  An STT_FILE symbol is looked up here, not by a scan of every
   unit: vmlinux.o has thousands of each. */
struct file_index {
	struct rc_map by_base;
	size_t *next;
};

static void index_files(const struct rc_object *o, struct file_index *fi)
{
	size_t i, *last = rc_xcalloc(o->nunits + 1, sizeof(*last));

	fi->next = rc_xcalloc(o->nunits + 1, sizeof(*fi->next));
	for (i = o->first_unit; i < o->first_unit + o->nunits; i++) {
		const char *b = base_name(rc_units[i].tu);
		void *first = rc_map_get(&fi->by_base, b);

		if (!first)
			rc_map_put(&fi->by_base, b, RC_IX(i));
		else
			fi->next[last[RC_UNIX(first) - o->first_unit]
				 - o->first_unit] = i + 1;
		/* the chain's tail, kept at its head's slot */
		last[(first ? RC_UNIX(first) : i) - o->first_unit] = i;
	}
	free(last);
}

/* The unit of object O whose source file has base name FILE, the SEQ-th
   of that name (ld -r keeps the inputs' order), or NULL. */
static struct rc_unit *unit_of_file(const struct rc_object *o,
				    const struct file_index *fi,
				    const char *file, size_t seq)
{
	void *first = file ? rc_map_get(&fi->by_base, file) : NULL;
	size_t i = first ? RC_UNIX(first) + 1 : 0;

	while (i && seq--)
		i = fi->next[i - 1 - o->first_unit];
	return i ? &rc_units[i - 1] : NULL;
}

/* Global symbol name -> the unit of O whose manifest lists it global. */
static void index_globals(const struct rc_object *o, struct rc_map *m)
{
	size_t i, k;

	for (i = o->first_unit; i < o->first_unit + o->nunits; i++)
		for (k = 0; k < rc_units[i].nsymbols; k++)
			if (rc_units[i].symbols[k].global
			    && !rc_map_get(m, rc_units[i].symbols[k].name))
				rc_map_put(m, rc_units[i].symbols[k].name,
					   RC_IX(i));
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
	s->name = rc_xstrdup(name);
	s->section = sec->name;
	s->function = func;
	s->global = global;
	s->file = u->tu;
	s->bytes = -1;
	rc_unit_index_symbol(u, u->nsymbols - 1);
	return s;
}

/* Where read_symbols is in the symbol table: the unit that the last
   STT_FILE symbol names (for the locals after it) and the object's
   globals. */
struct sym_walk {
	struct rc_object *o;
	struct rc_unit *file_unit;
	struct rc_map file_seen;	/* STT_FILE name -> times seen */
	struct rc_map globals;		/* name -> unit index + 1 */
	struct file_index files;
};

static void file_symbol(struct sym_walk *w, const char *name)
{
	size_t seq = (size_t)rc_map_get(&w->file_seen, name);

	rc_map_put(&w->file_seen, name, (void *)(seq + 1));
	w->file_unit = w->o->nunits == 1 ? &rc_units[w->o->first_unit]
		       : unit_of_file(w->o, &w->files, name, seq);
}

static struct rc_unit *owner(struct sym_walk *w, const char *name,
			     bool global)
{
	void *ix;

	if (w->o->nunits == 1)
		return &rc_units[w->o->first_unit];
	if (!global)
		return w->file_unit;
	ix = rc_map_get(&w->globals, name);
	return ix ? &rc_units[RC_UNIX(ix)] : NULL;
}

/* A defined function or object symbol of O, U's (NULL: no unit known),
   kept if a unit could count it: U if it has suggestions, else any unit
   read so far, one of which may list it a candidate. */
static void keep_sized(struct rc_object *o, const struct rc_unit *u,
			 const char *name, const GElf_Sym *sym)
{
	struct rc_sized *d;

	if (u ? !u->has_suggest : !rc_nsuggesting)
		return;
	o->sized = rc_grow(o->sized, o->nsized, sizeof(*o->sized));
	d = &o->sized[o->nsized++];
	d->name = rc_intern(name);
	d->bytes = (long long)sym->st_size;
	d->function = GELF_ST_TYPE(sym->st_info) == STT_FUNC;
	d->unit = u ? (size_t)(u - rc_units) + 1 : 0;
}

/* A name an object of no unit uses (assembler files): such a name is
   never suggested (suggest.c). */
static void keep_undefined(struct rc_object *o, const char *name)
{
	o->undefined = rc_grow(o->undefined, o->nundefined,
			       sizeof(*o->undefined));
	o->undefined[o->nundefined++] = rc_intern(name);
}

/* One defined function or object symbol: its size to its unit. */
static void sized_symbol(Elf *e, struct sym_walk *w, const GElf_Sym *sym,
			 const char *name, size_t shstrndx)
{
	GElf_Shdr sh;
	Elf_Scn *scn = elf_getscn(e, sym->st_shndx);
	const char *secname;
	struct rc_unit *u;
	struct rc_section *sec;
	struct rc_symbol *s;
	int type = GELF_ST_TYPE(sym->st_info);
	bool global = GELF_ST_BIND(sym->st_info) != STB_LOCAL;

	if (!scn || !gelf_getshdr(scn, &sh))
		return;
	secname = elf_strptr(e, shstrndx, sh.sh_name);
	u = owner(w, name, global);
	keep_sized(w->o, u, name, sym);
	if (!u || !secname || !(sec = unit_section(u, secname)))
		return;
	s = rc_unit_symbol(u, name);
	if (!s)
		s = add_symbol(u, name, sec, type == STT_FUNC, global);
	s->bytes = (long long)sym->st_size;
}

/* A global definition in a section freed or discarded by name (an
   assembler file's .init.data, say): for crossref.c. */
static void defined_symbol(Elf *e, struct rc_object *o, const GElf_Sym *sym,
			   const char *name, size_t shstrndx)
{
	GElf_Shdr sh;
	Elf_Scn *scn = elf_getscn(e, sym->st_shndx);
	const char *secname;
	struct rc_def *d;

	if (GELF_ST_BIND(sym->st_info) == STB_LOCAL || !*name || !scn
	    || !gelf_getshdr(scn, &sh)
	    || !(secname = elf_strptr(e, shstrndx, sh.sh_name))
	    || rc_class_by_prefix(secname) == RC_OTHER)
		return;
	/* rc_grow: a linked vmlinux.o has thousands. */
	o->defs = rc_grow(o->defs, o->ndefs, sizeof(*o->defs));
	d = &o->defs[o->ndefs++];
	d->name = rc_xstrdup(name);
	d->section = rc_xstrdup(secname);
}

/* Sizes of the symbols in reclaimable sections, from the symbol table. */
static void read_symbols(Elf *e, struct rc_object *o, Elf_Scn *symscn,
			 GElf_Shdr *symsh, size_t shstrndx)
{
	Elf_Data *d = elf_getdata(symscn, NULL);
	size_t i, n = symsh->sh_entsize ? symsh->sh_size / symsh->sh_entsize
					: 0;
	struct sym_walk w = { o, NULL, { 0 }, { 0 }, { { 0 }, NULL } };

	index_globals(o, &w.globals);
	index_files(o, &w.files);
	for (i = 0; d && i < n; i++) {
		GElf_Sym sym;
		const char *name;
		int type;

		if (!gelf_getsym(d, (int)i, &sym))
			break;
		name = elf_strptr(e, symsh->sh_link, sym.st_name);
		type = GELF_ST_TYPE(sym.st_info);
		if (type == STT_FILE) {
			file_symbol(&w, name ? name : "");
			continue;
		}
		if (sym.st_shndx == SHN_UNDEF && !o->nunits && name && *name)
			keep_undefined(o, name);
		if (type != STT_SECTION && name && sym.st_shndx != SHN_UNDEF
		    && sym.st_shndx < SHN_LORESERVE)
			defined_symbol(e, o, &sym, name, shstrndx);
		if ((type == STT_FUNC || type == STT_OBJECT) && name
		    && sym.st_shndx != SHN_UNDEF && sym.st_shndx < SHN_LORESERVE)
			sized_symbol(e, &w, &sym, name, shstrndx);
	}
	rc_map_free(&w.file_seen);
	rc_map_free(&w.files.by_base);
	free(w.files.next);
	rc_map_free(&w.globals);
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
	o->path = rc_xstrdup(path);
	o->first_unit = rc_nunits;
	return o;
}

/* Every section of this object, by name (a name may repeat: COMDAT
   groups), with its size and alignment: what --linked places, and what
   tells bytes no unit claims.  BYNAME gets name -> index + 1. */
static void object_sections(Elf *e, struct rc_object *o, size_t shstrndx,
			    struct rc_map *byname)
{
	Elf_Scn *scn = NULL;

	while ((scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;
		const char *name;
		struct rc_section *s;
		void *ix;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type == SHT_NULL
		    || !(name = elf_strptr(e, shstrndx, sh.sh_name)))
			continue;
		ix = rc_map_get(byname, name);
		if (!ix) {
			o->sections = rc_xrealloc(o->sections, (o->nsections + 1)
						  * sizeof(*o->sections));
			s = &o->sections[o->nsections];
			*s = (struct rc_section){ .name = rc_xstrdup(name),
						  .cls = RC_OTHER, .align = 1 };
			ix = RC_IX(o->nsections++);
			rc_map_put(byname, s->name, ix);
		}
		s = &o->sections[RC_UNIX(ix)];
		s->bytes += (long long)sh.sh_size;
		if (sh.sh_flags & SHF_ALLOC)
			s->alloc = true;
		if ((long long)sh.sh_addralign > s->align)
			s->align = (long long)sh.sh_addralign;
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
			     GElf_Shdr *symsh, size_t shstrndx,
			     const struct rc_map *byname)
{
	Elf_Data *d = elf_getdata(symscn, NULL);
	size_t i, n = symsh->sh_entsize ? symsh->sh_size / symsh->sh_entsize
				     : 0;

	for (i = 1; d && i < n; i++) {
		GElf_Sym sym;
		GElf_Shdr sh;
		Elf_Scn *scn;
		const char *name, *secname;
		struct rc_section *s;
		void *ix;
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
		    || !(secname = elf_strptr(e, shstrndx, sh.sh_name))
		    || !(ix = rc_map_get(byname, secname)))
			continue;
		s = &o->sections[RC_UNIX(ix)];
		if (!s->witness_global && (!s->witness
			|| GELF_ST_BIND(sym.st_info) != STB_LOCAL)) {
			free(s->witness);
			s->witness = rc_xstrdup(name);
			s->witness_global = GELF_ST_BIND(sym.st_info) != STB_LOCAL;
		}
	}
}

/* A .discard.initcheck section SCN: its records, read from a copy with
   the relocations on them applied. */
static void read_record_section(Elf *e, const char *origin, Elf_Scn *scn,
				bool big)
{
	Elf_Data *d = elf_getdata(scn, NULL);
	Elf_Scn *rel = NULL;
	unsigned char *buf;
	bool ok = true;

	if (!d || !d->d_buf)
		return;
	buf = rc_xrealloc(NULL, d->d_size);
	memcpy(buf, d->d_buf, d->d_size);
	while ((rel = elf_nextscn(e, rel))) {
		GElf_Shdr rsh;

		if (gelf_getshdr(rel, &rsh)
		    && (rsh.sh_type == SHT_RELA || rsh.sh_type == SHT_REL)
		    && rsh.sh_info == elf_ndxscn(scn))
			ok &= apply_record_relocs(e, origin, rel, &rsh, buf,
						  d->d_size, big);
	}
	if (ok)
		read_records(origin, buf, d->d_size, big);
	free(buf);
}

static void read_elf(Elf *e, const char *origin)
{
	size_t shstrndx, oi = rc_nobjects;
	Elf_Scn *scn = NULL, *symscn = NULL;
	GElf_Shdr symsh = { 0 };
	struct rc_object *o;
	struct rc_map byname = { 0 };
	bool big = elf_getident(e, NULL)[EI_DATA] == ELFDATA2MSB;

	if (elf_getshdrstrndx(e, &shstrndx) != 0) {
		rc_error("%s: %s", origin, elf_errmsg(-1));
		return;
	}
	new_object(origin);
	while ((scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;
		const char *name;

		if (!gelf_getshdr(scn, &sh))
			continue;
		if (sh.sh_type == SHT_SYMTAB) {
			symscn = scn;
			symsh = sh;
		}
		name = elf_strptr(e, shstrndx, sh.sh_name);
		if (name && !strcmp(name, RECORD_SECTION))
			read_record_section(e, origin, scn, big);
	}
	o = &rc_objects[oi];
	o->nunits = rc_nunits - o->first_unit;
	object_sections(e, o, shstrndx, &byname);
	object_relax(e, o, shstrndx);
	object_tail_padding(o);
	if (symscn) {
		read_symbols(e, o, symscn, &symsh, shstrndx);
		object_witnesses(e, o, symscn, &symsh, shstrndx, &byname);
	}
	rc_map_free(&byname);
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
		    && (origin = rc_xasprintf("%s(%s)", path, h->ar_name))) {
			read_elf(m, origin);
			free(origin);
		}
		cmd = elf_next(m);
		elf_end(m);
	}
}

static int read_thin_archive(const char *path);

/* The whole of a small file, or NULL (an error said). */
static unsigned char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	size_t n = 0, cap = 0, got;

	if (!f) {
		rc_error("%s: %s", path, strerror(errno));
		return NULL;
	}
	do {
		if (n == cap)
			buf = rc_xrealloc(buf, cap = cap ? 2 * cap : 65536);
		got = fread(buf + n, 1, cap - n, f);
		n += got;
	} while (got);
	if (ferror(f)) {
		rc_error("%s: %s", path, strerror(errno));
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len = n;
	return buf;
}

/* A member header's decimal field of WIDTH bytes (space padded). */
static bool ar_number(const unsigned char *p, size_t width, size_t *out)
{
	size_t i, v = 0;

	for (i = 0; i < width && p[i] >= '0' && p[i] <= '9'; i++) {
		if (v > ((size_t)-1 - 9) / 10)
			return false;
		v = v * 10 + (size_t)(p[i] - '0');
	}
	if (i == 0)
		return false;
	for (; i < width; i++)
		if (p[i] != ' ')
			return false;
	*out = v;
	return true;
}

/* The long-name offset N of a name field "/N": digits, then spaces.
   GNU ar ends the field of some thin-archive members with a '/' (seen in
   Linux 6.1's vmlinux.a: "/3712          /", a member of a nested
   archive, whose origin the date field holds); the name is the table's
   all the same, as "ar t" prints it. */
static bool ar_long_name_offset(const unsigned char *h, size_t *off)
{
	unsigned char field[15];

	if (h[0] != '/')
		return false;
	memcpy(field, h + 1, sizeof field);
	if (field[14] == '/')
		field[14] = ' ';
	return ar_number(field, sizeof field, off);
}

/* Member name of header H: "name/" or "/N", N an offset into the long
   name table NAMES (entries end with "/\n"); NULL if malformed. */
static char *ar_member_name(const unsigned char *h, const unsigned char *names,
			    size_t nnames)
{
	size_t off, end;

	if (ar_long_name_offset(h, &off)) {
		if (!names || off >= nnames)
			return NULL;
		for (end = off; end < nnames && names[end] != '\n'; end++)
			;
		if (end == off || end >= nnames || names[end - 1] != '/')
			return NULL;
		return rc_xasprintf("%.*s", (int)(end - 1 - off),
				    (const char *)names + off);
	}
	for (end = 0; end < 16 && h[end] != '/'; end++)
		;
	return end && end < 16 ? rc_xasprintf("%.*s", (int)end, (const char *)h)
				: NULL;
}

void rc_strv_free(char **v)
{
	size_t i;

	for (i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

/* "ar t" of a thin archive, read from the file itself: the format is ar's,
   not ELF (libelf of elfutils 0.188 does not open thin archives), and no
   program is run for it. */
static char **thin_members(const char *path, const unsigned char *p,
			   size_t len, const char *dir)
{
	const unsigned char *names = NULL;
	size_t off = 8, nnames = 0, n = 0, size;
	char **v = rc_xcalloc(1, sizeof(*v)), *name;

	while (off < len) {
		const unsigned char *h = p + off;

		if (len - off < 60 || h[58] != '`' || h[59] != '\n'
		    || !ar_number(h + 48, 10, &size))
			goto bad;
		off += 60;
		if (h[0] == '/' && (h[1] == ' ' || h[1] == '/'
				    || !memcmp(h, "/SYM64/", 7))) {
			/* symbol table, long names: their data is here */
			if (size > len - off)
				goto bad;
			if (h[1] == '/') {
				names = p + off;
				nnames = size;
			}
			off += size + (size & 1);
			continue;
		}
		if (!(name = ar_member_name(h, names, nnames)))
			goto bad;
		v = rc_xrealloc(v, (n + 2) * sizeof(*v));
		v[n++] = name[0] == '/' ? name
				      : rc_xasprintf("%s/%s", dir, name);
		if (v[n - 1] != name)
			free(name);
		v[n] = NULL;
	}
	return v;
bad:
	rc_error("%s: malformed thin archive at offset %zu", path, off);
	rc_strv_free(v);
	return NULL;
}

char **rc_thin_members(const char *path)
{
	size_t len;
	unsigned char *p = slurp(path, &len);
	char *dir, *slash, **v = NULL;

	if (!p)
		return NULL;
	if (len < 8 || memcmp(p, "!<thin>\n", 8)) {
		rc_error("%s: not a thin archive", path);
		free(p);
		return NULL;
	}
	dir = rc_xstrdup(path);
	slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	v = thin_members(path, p, len, slash ? dir : ".");
	free(dir);
	free(p);
	return v;
}

static int read_json_file(const char *path)
{
	size_t len;
	unsigned char *buf = slurp(path, &len);
	int rc = !buf || !rc_unit_add(path, (const char *)buf, len, NULL, 0,
					 NULL, 0);

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

/* A thin archive (the kernel's built-in.a) names its members, which stay
   where they are: read each as a file, relative to the archive. */
static int read_thin_archive(const char *path)
{
	static int depth;	/* a thin archive may name one (or itself) */
	char **v;
	size_t i;
	int rc = 0;

	if (depth == 8) {
		rc_error("%s: thin archives nested more than 8 deep", path);
		return 1;
	}
	if (!(v = rc_thin_members(path)))
		return 1;
	depth++;
	for (i = 0; v[i]; i++)
		rc |= read_file(v[i]);
	depth--;
	rc_strv_free(v);
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
