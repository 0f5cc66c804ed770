/*
 * module.c - --predict-module KO: the init memory a loadable module gives
 * back once its init function returns.
 *
 * A module keeps nothing of its init sections: Linux 6.4 and later
 * (kernel/module/main.c in 6.12) lay the module's SHF_ALLOC sections out
 * into memory regions by type (layout_sections(), __layout_sections()):
 *
 *   init sections: name starts with ".init" (module_init_section()), and
 *   ".exit*" too when the kernel has no CONFIG_MODULE_UNLOAD
 *   (module_init_layout_section());
 *   in the order of masks[]: executable -> MOD_INIT_TEXT, read-only ->
 *   MOD_INIT_RODATA, writable (and the rest) -> MOD_INIT_DATA; each
 *   section at ALIGN(size, sh_addralign) (module_get_offset_and_type());
 *   with CONFIG_KALLSYMS, the whole .symtab and .strtab, a struct
 *   mod_kallsyms and a type byte per symbol at the end of MOD_INIT_DATA
 *   (layout_symtab() in kernel/module/kallsyms.c);
 *
 * each region that is not empty is allocated PAGE_ALIGN(size) bytes
 * (module_memory_alloc()), and do_init_module() frees the three init
 * regions after mod->init returned (do_free_init(), execmem_free()).
 * /sys/module/NAME/initsize shows the sum of those sizes while init runs
 * (show_initsize()) and 0 afterwards.
 *
 * The input is the .ko, not the module's objects: the .ko is what the
 * kernel reads, after modpost's NAME.mod.o is linked in and
 * scripts/module.lds has merged the input sections (and thrown away
 * .discard.*, where the plugin's manifests are).  Whether the kernel has
 * CONFIG_MODULE_UNLOAD is in the .ko's vermagic ("mod_unload "); whether
 * it has CONFIG_KALLSYMS is not, hence --kallsyms.  Layouts of Linux
 * before 6.4 (one init_layout, text/rodata page-aligned apart) are not
 * modelled: the vermagic says which kernel the .ko is for.
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

enum { INIT_TEXT, INIT_RODATA, INIT_DATA, NREGIONS };
static const char *const region_names[NREGIONS] = {
	"init text", "init rodata", "init data"
};

#define SHF_RO_AFTER_INIT_K 0x00200000	/* the kernel's own flag */

static unsigned long long align_up(unsigned long long v, unsigned long long a)
{
	if (a <= 1)
		return v;
	return (v + a - 1) / a * a;
}

/* The vermagic string of .modinfo ("6.12.117 SMP mod_unload ..."), or
   NULL; DATA is the section's bytes. */
static const char *vermagic(const char *data, size_t size)
{
	size_t i = 0;

	while (i < size) {
		const char *s = data + i;
		size_t n = strnlen(s, size - i);

		if (n == size - i)
			return NULL;	/* not terminated */
		if (!strncmp(s, "vermagic=", 9))
			return s + 9;
		i += n + 1;
	}
	return NULL;
}

/* A module's init memory as the kernel lays it out: computed whole,
   then given as JSON or as text. */
struct placed {
	const char *name;	/* in the ELF's string table */
	int region;
	unsigned long long offset, bytes;
};

struct module {
	const char *path;
	Elf *e;
	size_t shnum, shstrndx;
	GElf_Shdr *sh;		/* every section header */
	unsigned long long nsyms;	/* of .symtab */
	char *magic;		/* the vermagic */
	unsigned major, minor;
	bool unload, kallsyms;
	struct placed *placed;	/* init sections, in layout order */
	size_t nplaced;
	unsigned long long size[NREGIONS], freed;
};

/* The section headers, the vermagic and the number of symbols; false
   (an error said) if the file is no module of a kernel modelled here. */
static bool read_module(struct module *m)
{
	const char *magic = NULL;
	size_t i;

	m->sh = rc_xcalloc(m->shnum, sizeof(*m->sh));
	for (i = 0; i < m->shnum; i++) {
		Elf_Scn *scn = elf_getscn(m->e, i);
		const char *name;

		if (!scn || !gelf_getshdr(scn, &m->sh[i])) {
			rc_error("%s: bad section header %zu", m->path, i);
			return false;
		}
		name = elf_strptr(m->e, m->shstrndx, m->sh[i].sh_name);
		if (name && !strcmp(name, ".modinfo")
		    && m->sh[i].sh_type == SHT_PROGBITS) {
			Elf_Data *d = elf_getdata(scn, NULL);

			if (d && d->d_buf && !magic)
				magic = vermagic(d->d_buf, d->d_size);
		}
		if (m->sh[i].sh_type == SHT_SYMTAB && m->sh[i].sh_entsize)
			m->nsyms = m->sh[i].sh_size / m->sh[i].sh_entsize;
	}
	if (!magic) {
		rc_error("%s: no vermagic in .modinfo: not a kernel module",
			 m->path);
		return false;
	}
	m->magic = rc_xstrdup(magic);
	if (sscanf(magic, "%u.%u", &m->major, &m->minor) != 2) {
		rc_error("%s: vermagic '%s' has no kernel version", m->path,
			 magic);
		return false;
	}
	if (m->major < 6 || (m->major == 6 && m->minor < 4)) {
		rc_error("%s: built for Linux %u.%u; the module layout of "
			 "kernels before 6.4 is not modelled", m->path,
			 m->major, m->minor);
		return false;
	}
	m->unload = strstr(magic, " mod_unload ") != NULL;
	return true;
}

/* __layout_sections(mod, info, true): masks[] in order, each pass
   taking the init sections not placed yet (x86: ARCH_SHF_SMALL 0). */
static void lay_out_sections(struct module *m)
{
	static const unsigned long long want[5] = {
		SHF_EXECINSTR | SHF_ALLOC, SHF_ALLOC,
		SHF_RO_AFTER_INIT_K | SHF_ALLOC, SHF_WRITE | SHF_ALLOC,
		SHF_ALLOC,
	};
	static const unsigned long long not[5] = { 0, SHF_WRITE, 0, 0, 0 };
	static const int region[5] = {
		INIT_TEXT, INIT_RODATA, -1, INIT_DATA, INIT_DATA,
	};
	bool *taken = rc_xcalloc(m->shnum, sizeof(*taken));
	size_t i, k;

	m->placed = rc_xcalloc(m->shnum, sizeof(*m->placed));
	for (k = 0; k < 5; k++)
		for (i = 0; i < m->shnum; i++) {
			const GElf_Shdr *sh = &m->sh[i];
			const char *name = elf_strptr(m->e, m->shstrndx,
						      sh->sh_name);
			unsigned long long *size;

			if (!name || taken[i] || (sh->sh_flags & want[k]) != want[k]
			    || (sh->sh_flags & not[k])
			    || (strncmp(name, ".init", 5)
				&& (m->unload || strncmp(name, ".exit", 5))))
				continue;
			taken[i] = true;
			if (region[k] < 0)
				continue;
			size = &m->size[region[k]];
			*size = align_up(*size, sh->sh_addralign);
			m->placed[m->nplaced++] = (struct placed){ name,
				region[k], *size, sh->sh_size };
			*size += sh->sh_size;
		}
	free(taken);
}

/* layout_symtab(): the full symbol and string tables, then a struct
   mod_kallsyms (pointer, unsigned int, two pointers) and a type byte per
   symbol, in MOD_INIT_DATA. */
static void lay_out_kallsyms(struct module *m)
{
	unsigned long long ptr = gelf_getclass(m->e) == ELFCLASS64 ? 8 : 4;
	unsigned long long *size = &m->size[INIT_DATA];
	size_t i;

	for (i = 0; i < m->shnum; i++)
		if (m->sh[i].sh_type == SHT_SYMTAB)
			*size = align_up(*size, m->sh[i].sh_addralign)
				+ m->sh[i].sh_size;
	for (i = 0; i < m->shnum; i++)
		if (m->sh[i].sh_type == SHT_SYMTAB && m->sh[i].sh_link < m->shnum) {
			const GElf_Shdr *str = &m->sh[m->sh[i].sh_link];

			*size = align_up(*size, str->sh_addralign) + str->sh_size;
		}
	*size = align_up(*size, ptr);
	*size += align_up(ptr + 4, ptr) + 2 * ptr + m->nsyms;
}

/* Each region that is not empty is PAGE_ALIGN(size) bytes. */
static unsigned long long allocated(const struct module *m, int region,
				    long long page)
{
	return m->size[region] ? align_up(m->size[region],
					  (unsigned long long)page) : 0;
}

static void print_json(const struct module *m, long long page)
{
	json_t *out = json_object(), *secs = json_array();
	json_t *regions = json_object();
	char *text;
	size_t i;

	for (i = 0; i < m->nplaced; i++) {
		const struct placed *p = &m->placed[i];

		json_array_append_new(secs, json_pack("{s:s, s:s, s:I, s:I}",
			"name", p->name, "region", region_names[p->region],
			"offset", (json_int_t)p->offset,
			"bytes", (json_int_t)p->bytes));
	}
	for (i = 0; i < NREGIONS; i++)
		json_object_set_new(regions, region_names[i],
				    json_integer((json_int_t)m->size[i]));
	json_object_set_new(out, "module", json_string(m->path));
	json_object_set_new(out, "vermagic", json_string(m->magic));
	json_object_set_new(out, "mod_unload", json_boolean(m->unload));
	json_object_set_new(out, "kallsyms", json_boolean(m->kallsyms));
	json_object_set_new(out, "sections", secs);
	json_object_set_new(out, "regions", regions);
	json_object_set_new(out, "page_size", json_integer(page));
	json_object_set_new(out, "freed_bytes", json_integer((json_int_t)m->freed));
	text = json_dumps(out, JSON_INDENT(2));
	if (text)
		puts(text);
	free(text);
	json_decref(out);
}

static void print_text(const struct module *m, long long page)
{
	size_t i;

	printf("%s: Linux %u.%u module, %s, %s\n", m->path, m->major, m->minor,
	       m->unload ? "CONFIG_MODULE_UNLOAD (.exit* kept)"
			 : "no CONFIG_MODULE_UNLOAD (.exit* freed with init)",
	       m->kallsyms ? "CONFIG_KALLSYMS (symbol tables in init data)"
			   : "no CONFIG_KALLSYMS");
	for (i = 0; i < m->nplaced; i++)
		printf("  %-20s %-12s at %6lld  %6lld bytes\n",
		       m->placed[i].name, region_names[m->placed[i].region],
		       (long long)m->placed[i].offset,
		       (long long)m->placed[i].bytes);
	for (i = 0; i < NREGIONS; i++)
		printf("  %-12s %6llu bytes -> %llu allocated\n",
		       region_names[i], m->size[i], allocated(m, (int)i, page));
	printf("predicted: initsize %llu; freed after init returns: %llu bytes\n",
	       m->freed, m->freed);
}

int rc_predict_module(const char *path, long long page, bool kallsyms,
		      bool as_json)
{
	struct module m = { .path = path, .kallsyms = kallsyms };
	int fd = open(path, O_RDONLY), i, rc = 1;

	if (elf_version(EV_CURRENT) == EV_NONE)
		rc_error("libelf: %s", elf_errmsg(-1));
	else if (fd < 0 || !(m.e = elf_begin(fd, ELF_C_READ, NULL))
		 || elf_kind(m.e) != ELF_K_ELF || elf_getshdrnum(m.e, &m.shnum)
		 || elf_getshdrstrndx(m.e, &m.shstrndx))
		rc_error("%s: not an ELF module", path);
	else if (read_module(&m)) {
		lay_out_sections(&m);
		if (kallsyms)
			lay_out_kallsyms(&m);
		for (i = 0; i < NREGIONS; i++)
			m.freed += allocated(&m, i, page);
		if (as_json)
			print_json(&m, page);
		else
			print_text(&m, page);
		rc = 0;
	}
	free(m.magic);
	free(m.sh);
	free(m.placed);
	if (m.e)
		elf_end(m.e);
	if (fd >= 0)
		close(fd);
	return rc;
}
