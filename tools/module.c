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

int rc_predict_module(const char *path, long long page, bool kallsyms,
		      bool as_json)
{
	int fd = open(path, O_RDONLY);
	Elf *e = NULL;
	size_t shnum, shstrndx, i, m;
	GElf_Shdr *sh = NULL;
	bool *placed = NULL, unload = false;
	unsigned long long size[NREGIONS] = { 0 }, freed = 0;
	unsigned long long nsyms = 0;
	const char *magic = NULL;
	char *magic_copy = NULL;
	unsigned major = 0, minor = 0;
	int rc = 1;
	json_t *out, *secs;

	if (elf_version(EV_CURRENT) == EV_NONE) {
		rc_error("libelf: %s", elf_errmsg(-1));
		goto out;
	}
	if (fd < 0 || !(e = elf_begin(fd, ELF_C_READ, NULL))
	    || elf_kind(e) != ELF_K_ELF || elf_getshdrnum(e, &shnum)
	    || elf_getshdrstrndx(e, &shstrndx)) {
		rc_error("%s: not an ELF module", path);
		goto out;
	}
	sh = calloc(shnum ? shnum : 1, sizeof(*sh));
	placed = calloc(shnum ? shnum : 1, sizeof(*placed));
	if (!sh || !placed) {
		rc_error("out of memory");
		goto out;
	}
	for (i = 0; i < shnum; i++) {
		Elf_Scn *scn = elf_getscn(e, i);
		const char *name;

		if (!scn || !gelf_getshdr(scn, &sh[i])) {
			rc_error("%s: bad section header %zu", path, i);
			goto out;
		}
		name = elf_strptr(e, shstrndx, sh[i].sh_name);
		if (name && !strcmp(name, ".modinfo")
		    && sh[i].sh_type == SHT_PROGBITS) {
			Elf_Data *d = elf_getdata(scn, NULL);

			if (d && d->d_buf && !magic)
				magic = vermagic(d->d_buf, d->d_size);
		}
		if (sh[i].sh_type == SHT_SYMTAB && sh[i].sh_entsize)
			nsyms = sh[i].sh_size / sh[i].sh_entsize;
	}
	if (!magic) {
		rc_error("%s: no vermagic in .modinfo: not a kernel module", path);
		goto out;
	}
	magic_copy = strdup(magic);
	if (!magic_copy || sscanf(magic, "%u.%u", &major, &minor) != 2) {
		rc_error("%s: vermagic '%s' has no kernel version", path, magic);
		goto out;
	}
	if (major < 6 || (major == 6 && minor < 4)) {
		rc_error("%s: built for Linux %u.%u; the module layout of "
			 "kernels before 6.4 is not modelled", path, major, minor);
		goto out;
	}
	unload = strstr(magic, " mod_unload ") != NULL;

	out = json_object();
	secs = json_array();
	/* __layout_sections(mod, info, true): masks[] in order, each pass
	   taking the init sections not placed yet (x86: ARCH_SHF_SMALL 0). */
	for (m = 0; m < 5; m++) {
		static const unsigned long long want[5] = {
			SHF_EXECINSTR | SHF_ALLOC, SHF_ALLOC,
			SHF_RO_AFTER_INIT_K | SHF_ALLOC, SHF_WRITE | SHF_ALLOC,
			SHF_ALLOC,
		};
		static const unsigned long long not[5] = {
			0, SHF_WRITE, 0, 0, 0,
		};
		static const int region[5] = {
			INIT_TEXT, INIT_RODATA, -1, INIT_DATA, INIT_DATA,
		};

		for (i = 0; i < shnum; i++) {
			const char *name = elf_strptr(e, shstrndx, sh[i].sh_name);
			bool init;
			unsigned long long off;
			json_t *s;

			if (!name || placed[i] || (sh[i].sh_flags & want[m]) != want[m]
			    || (sh[i].sh_flags & not[m]))
				continue;
			init = !strncmp(name, ".init", 5)
			       || (!unload && !strncmp(name, ".exit", 5));
			if (!init)
				continue;
			placed[i] = true;
			if (region[m] < 0)
				continue;
			off = align_up(size[region[m]], sh[i].sh_addralign);
			size[region[m]] = off + sh[i].sh_size;
			s = json_object();
			json_object_set_new(s, "name", json_string(name));
			json_object_set_new(s, "region", json_string(region_names[region[m]]));
			json_object_set_new(s, "offset", json_integer((json_int_t)off));
			json_object_set_new(s, "bytes", json_integer((json_int_t)sh[i].sh_size));
			json_array_append_new(secs, s);
		}
	}
	/* layout_symtab(): the full symbol and string tables, then a struct
	   mod_kallsyms (pointer, unsigned int, two pointers) and a type
	   byte per symbol, in MOD_INIT_DATA. */
	if (kallsyms) {
		unsigned long long ptr = gelf_getclass(e) == ELFCLASS64 ? 8 : 4;
		unsigned long long kallsyms_size = align_up(ptr + 4, ptr) + 2 * ptr;

		for (i = 0; i < shnum; i++)
			if (sh[i].sh_type == SHT_SYMTAB)
				size[INIT_DATA] = align_up(size[INIT_DATA], sh[i].sh_addralign)
						  + sh[i].sh_size;
		for (i = 0; i < shnum; i++)
			if (sh[i].sh_type == SHT_SYMTAB && sh[i].sh_link < shnum)
				size[INIT_DATA] = align_up(size[INIT_DATA],
							   sh[sh[i].sh_link].sh_addralign)
						  + sh[sh[i].sh_link].sh_size;
		size[INIT_DATA] = align_up(size[INIT_DATA], ptr);
		size[INIT_DATA] += kallsyms_size + nsyms;
	}
	for (i = 0; i < NREGIONS; i++)
		freed += size[i] ? align_up(size[i], (unsigned long long)page) : 0;

	if (as_json) {
		json_t *regions = json_object();
		char *text;

		for (i = 0; i < NREGIONS; i++)
			json_object_set_new(regions, region_names[i],
					    json_integer((json_int_t)size[i]));
		json_object_set_new(out, "module", json_string(path));
		json_object_set_new(out, "vermagic", json_string(magic_copy));
		json_object_set_new(out, "mod_unload", json_boolean(unload));
		json_object_set_new(out, "kallsyms", json_boolean(kallsyms));
		json_object_set_new(out, "sections", secs);
		json_object_set_new(out, "regions", regions);
		json_object_set_new(out, "page_size", json_integer(page));
		json_object_set_new(out, "freed_bytes", json_integer((json_int_t)freed));
		text = json_dumps(out, JSON_INDENT(2));
		if (text)
			puts(text);
		free(text);
	} else {
		size_t k;
		json_t *s;

		printf("%s: Linux %u.%u module, %s, %s\n", path, major, minor,
		       unload ? "CONFIG_MODULE_UNLOAD (.exit* kept)"
			      : "no CONFIG_MODULE_UNLOAD (.exit* freed with init)",
		       kallsyms ? "CONFIG_KALLSYMS (symbol tables in init data)"
				: "no CONFIG_KALLSYMS");
		json_array_foreach(secs, k, s)
			printf("  %-20s %-12s at %6lld  %6lld bytes\n",
			       json_string_value(json_object_get(s, "name")),
			       json_string_value(json_object_get(s, "region")),
			       (long long)json_integer_value(json_object_get(s, "offset")),
			       (long long)json_integer_value(json_object_get(s, "bytes")));
		for (i = 0; i < NREGIONS; i++)
			printf("  %-12s %6llu bytes -> %llu allocated\n",
			       region_names[i], size[i],
			       size[i] ? align_up(size[i], (unsigned long long)page) : 0);
		printf("predicted: initsize %llu; freed after init returns: %llu bytes\n",
		       freed, freed);
	}
	json_decref(out);
	rc = 0;
out:
	free(magic_copy);
	free(sh);
	free(placed);
	if (e)
		elf_end(e);
	if (fd >= 0)
		close(fd);
	return rc;
}
