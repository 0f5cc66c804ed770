/*
 * kbuild.c - --predict-free IMAGE with no PATH: in a kernel build
 * directory, the inputs of the link that made IMAGE, found as
 * scripts/link-vmlinux.sh (6.1) gives them to ld: vmlinux.a, the objects
 * it adds (.vmlinux.export.o, init/version-timestamp.o), and the members
 * of the lib.a archives the link pulled in: those not in vmlinux.a
 * already (CONFIG_MODULES puts them there) whose every global definition
 * is in IMAGE (assembler files included).  No program is run: the
 * archives are read as files (objects.c), the symbols with libelf.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report.h"

/* The names of the symbols PATH defines (GLOBAL_ONLY: its global ones)
   into M, the strings copied into *POOL; -1 if it is no ELF file. */
static long defined_symbols(const char *path, bool global_only,
			    struct rc_map *m, char ***pool, size_t *npool)
{
	int fd = open(path, O_RDONLY);
	Elf *e = fd < 0 ? NULL : elf_begin(fd, ELF_C_READ, NULL);
	Elf_Scn *scn = NULL;
	long n = -1;

	while (e && elf_kind(e) == ELF_K_ELF && (scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;
		Elf_Data *d;
		size_t i, count;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_SYMTAB
		    || !sh.sh_entsize || !(d = elf_getdata(scn, NULL)))
			continue;
		count = sh.sh_size / sh.sh_entsize;
		for (n = 0, i = 1; i < count; i++) {
			GElf_Sym y;
			const char *name;

			if (!gelf_getsym(d, (int)i, &y) || y.st_shndx == SHN_UNDEF
			    || (global_only && GELF_ST_BIND(y.st_info) == STB_LOCAL)
			    || !(name = elf_strptr(e, sh.sh_link, y.st_name)) || !*name
			    || rc_map_get(m, name))
				continue;
			*pool = rc_xrealloc(*pool, (*npool + 1) * sizeof(**pool));
			(*pool)[*npool] = rc_xstrdup(name);
			rc_map_put(m, (*pool)[(*npool)++], (void *)1);
			n++;
		}
	}
	if (e)
		elf_end(e);
	if (fd >= 0)
		close(fd);
	return n;
}

struct kinputs {
	char **paths;
	size_t n;
	struct rc_map image, in_vmlinux_a;
	char **pool;
	size_t npool;
};

static void add_input(struct kinputs *k, const char *path)
{
	k->paths = rc_xrealloc(k->paths, (k->n + 1) * sizeof(*k->paths));
	k->paths[k->n++] = rc_xstrdup(path);
}

/* A lib.a member the link pulled in: all its globals are in the image. */
static bool pulled_in(struct kinputs *k, const char *member)
{
	struct rc_map mine = { 0 };
	char **pool = NULL;
	size_t npool = 0, i;
	long n = defined_symbols(member, true, &mine, &pool, &npool);
	bool all = n > 0;

	for (i = 0; all && i < mine.cap; i++)
		if (mine.keys[i] && !rc_map_get(&k->image, mine.keys[i]))
			all = false;
	rc_map_free(&mine);
	for (i = 0; i < npool; i++)
		free(pool[i]);
	free(pool);
	return all;
}

static void add_lib(struct kinputs *k, const char *lib)
{
	struct stat st;
	char **v;
	size_t i;

	if (stat(lib, &st) != 0 || !(v = rc_thin_members(lib)))
		return;
	for (i = 0; v[i]; i++)
		if (!rc_map_get(&k->in_vmlinux_a, v[i]) && pulled_in(k, v[i]))
			add_input(k, v[i]);
	rc_strv_free(v);
}

/* DIR/lib/lib.a and every DIR/arch/ARCH/lib/lib.a. */
static void add_libs(struct kinputs *k, const char *dir)
{
	char *path = rc_xasprintf("%s/lib/lib.a", dir), *arch;
	DIR *d;

	add_lib(k, path);
	free(path);
	arch = rc_xasprintf("%s/arch", dir);
	if ((d = opendir(arch))) {
		const struct dirent *de;

		while ((de = readdir(d)))
			if (de->d_name[0] != '.') {
				path = rc_xasprintf("%s/%s/lib/lib.a", arch,
						    de->d_name);
				add_lib(k, path);
				free(path);
			}
		closedir(d);
	}
	free(arch);
}

static int find_inputs(struct kinputs *k, const char *image, const char *dir)
{
	static const char *const extra[] = { ".vmlinux.export.o",
					     "init/version-timestamp.o" };
	char *a = rc_xasprintf("%s/vmlinux.a", dir), **v;
	struct stat st;
	size_t i;

	if (stat(a, &st) != 0 || !(v = rc_thin_members(a))) {
		rc_error("%s: no vmlinux.a beside it: give the link's inputs "
			 "as PATH...", image);
		free(a);
		return 1;
	}
	for (i = 0; v[i]; i++)
		rc_map_put(&k->in_vmlinux_a, v[i], (void *)1);
	add_input(k, a);
	free(a);
	for (i = 0; i < sizeof(extra) / sizeof(extra[0]); i++) {
		char *p = rc_xasprintf("%s/%s", dir, extra[i]);

		if (stat(p, &st) == 0)
			add_input(k, p);
		free(p);
	}
	if (defined_symbols(image, false, &k->image, &k->pool, &k->npool) < 0) {
		rc_error("%s: not an ELF file with symbols", image);
		rc_strv_free(v);
		return 1;
	}
	add_libs(k, dir);
	rc_strv_free(v);	/* the keys of in_vmlinux_a: freed last */
	return 0;
}

int rc_predict_free_kbuild(const char *image, long long page_size,
			   bool as_json)
{
	struct kinputs k = { 0 };
	char *dir = rc_xstrdup(image), *slash = strrchr(dir, '/');
	size_t i;
	int rc;

	if (elf_version(EV_CURRENT) == EV_NONE)
		return 1;
	if (slash)
		*slash = '\0';
	rc = find_inputs(&k, image, slash ? dir : ".");
	for (i = 0; !rc && i < k.n; i++)
		rc |= rc_read_path(k.paths[i]);
	if (!rc)
		rc = rc_predict_free(image, page_size, as_json);
	for (i = 0; i < k.n; i++)
		free(k.paths[i]);
	for (i = 0; i < k.npool; i++)
		free(k.pool[i]);
	free(k.paths);
	free(k.pool);
	rc_map_free(&k.image);
	rc_map_free(&k.in_vmlinux_a);
	free(dir);
	return rc;
}
