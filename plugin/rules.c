/*
 * rules.c - which references between classes of section are bugs.
 *
 * The table is modpost's (scripts/mod/modpost.c, sectioncheck[]), with the
 * source side widened where a compiler can see what modpost cannot: every
 * section that outlives init, read-only data included, is a source.  A pair
 * with no row is allowed: init -> init or normal, anything -> .ref.*,
 * .ref.* -> init, initcall and __setup tables -> init and exit.
 *
 * Rule names read "TARGET-from-SOURCE" and are what the options
 * -fplugin-arg-initcheck-{error,warning,ignore}=NAME take.
 */
#include "initcheck.h"

#define ANY_INIT	(IC_BIT(IC_INIT) | IC_BIT(IC_MEMINIT))
#define TEXT_LIKE	(IC_BIT(IC_NORMAL) | IC_BIT(IC_HEAD))

enum { ANY_KIND = -1, DATA = 0, CODE = 1 };

static struct ic_rule ic_rules[] = {
	{ "init-from-text", TEXT_LIKE, CODE, ANY_INIT, IC_ERROR,
	  "code that runs after boot refers to init code or data, which is "
	  "freed by then" },
	{ "init-from-data", IC_BIT(IC_NORMAL), DATA, ANY_INIT, IC_ERROR,
	  "data that lives after boot holds the address of init code or "
	  "data, which is freed by then" },
	{ "init-from-rodata", IC_BIT(IC_RODATA), ANY_KIND, ANY_INIT, IC_ERROR,
	  "read-only data (a const ops table) holds the address of init code "
	  "or data; modpost does not look at .rodata, so only initcheck "
	  "finds it" },
	{ "exit-from-text", TEXT_LIKE, CODE, IC_BIT(IC_EXIT), IC_ERROR,
	  "exit code and data are discarded at link time when the code is "
	  "built in" },
	{ "exit-from-data", IC_BIT(IC_NORMAL), DATA, IC_BIT(IC_EXIT), IC_ERROR,
	  "exit code and data are discarded at link time when the code is "
	  "built in" },
	{ "exit-from-rodata", IC_BIT(IC_RODATA), ANY_KIND, IC_BIT(IC_EXIT),
	  IC_ERROR,
	  "exit code and data are discarded at link time when the code is "
	  "built in" },
	{ "init-from-meminit", IC_BIT(IC_MEMINIT), ANY_KIND, IC_BIT(IC_INIT),
	  IC_ERROR,
	  "meminit code runs again on memory hotplug, after init memory is "
	  "freed" },
	{ "exit-from-init", ANY_INIT, ANY_KIND, IC_BIT(IC_EXIT), IC_ERROR,
	  "exit code and data are discarded at link time when the code is "
	  "built in, so init code cannot use them" },
	{ "init-from-exit", IC_BIT(IC_EXIT), ANY_KIND, ANY_INIT, IC_ERROR,
	  "exit code runs at module unload, long after init memory is freed" },
	{ "init-from-pci-fixup", IC_BIT(IC_PCI_FIXUP), ANY_KIND,
	  IC_BIT(IC_INIT), IC_ERROR,
	  "PCI fixups run on hotplug and resume, after init memory is freed" },
	{ "init-from-export", IC_BIT(IC_EXPORT), ANY_KIND, ANY_INIT, IC_ERROR,
	  "an exported symbol is called by modules loaded after init memory "
	  "is freed" },
	{ "exit-from-export", IC_BIT(IC_EXPORT), ANY_KIND, IC_BIT(IC_EXIT),
	  IC_ERROR,
	  "an exported symbol must exist, but exit code is discarded when "
	  "built in" },
	/* Not a reference rule (no classes): see redecl.c. */
	{ "section-redecl", 0, ANY_KIND, 0, IC_WARNING,
	  "an earlier declaration has no section, so code that sees only it "
	  "treats an init symbol as one that lives on" },
};

/*
 * What -fplugin-arg-initcheck-profile=kernel accepts on top: exactly what
 * modpost's secref_whitelist() accepts on purpose in the kernel being
 * compiled, so that a kernel build is not failed by what that kernel
 * accepts.  modpost sees only relocations, hence the name patterns; each
 * row says why the kernel needs it.  The default (strict) profile has none
 * of these: its escape hatches are __ref/__refdata/__refconst and the init
 * tables.
 *
 * modpost's other exemptions need no row: "*.constprop.*" and ".L*"
 * sources are compiler-made symbols a front end never sees.
 */
struct ic_exemption {
	const char *from_name;		/* glob on the source symbol, or NULL */
	const char *from_section;	/* glob on the source section, or NULL */
	const char *to_name;		/* glob on the target symbol, or NULL */
	unsigned to;			/* target classes it covers */
	int to_kind;			/* ANY_KIND, DATA or CODE target */
	const char *why;
};

#define ANY_DISCARDED (ANY_INIT | IC_BIT(IC_EXIT))

/* Linux 6.1 (Debian's 6.1.192): secref_whitelist() in
   scripts/mod/modpost.c, patterns 1 to 6 and the two *driver rows. */
static const struct ic_exemption ic_kernel_6_1_exemptions[] = {
	/* module_param() with permission 0 on __initdata: the kernel_param
	   in __param is only read while parsing the command line at boot. */
	{ "__param*", NULL, NULL, ANY_INIT, DATA,
	  "module_param() of __initdata, read only while parsing the "
	  "command line (modpost pattern 1)" },
	{ "__param_ops_*", NULL, NULL, IC_BIT(IC_INIT), CODE,
	  "kernel_param_ops whose set() is __init, used only at boot "
	  "(modpost pattern 1a)" },
	/* Templates and ops tables that are copied or used only during
	   probe, by convention of their names. */
	{ "*_template", NULL, NULL, ANY_DISCARDED, ANY_KIND,
	  "a template copied during init (modpost 6.1: *_template)" },
	{ "*_timer", NULL, NULL, ANY_DISCARDED, ANY_KIND,
	  "a timer armed and expired during init (modpost 6.1: *_timer)" },
	{ "*_sht", NULL, NULL, ANY_DISCARDED, ANY_KIND,
	  "a SCSI host template used during probe (modpost 6.1: *_sht)" },
	{ "*_ops", NULL, NULL, ANY_DISCARDED, ANY_KIND,
	  "an ops table whose init member is called only during init "
	  "(modpost: *_ops)" },
	{ "*_probe", NULL, NULL, ANY_DISCARDED, ANY_KIND,
	  "a probe table used only while probing (modpost: *_probe)" },
	{ "*_probe_one", NULL, NULL, ANY_DISCARDED, ANY_KIND,
	  "a probe table used only while probing (modpost 6.1: "
	  "*_probe_one)" },
	{ "*_console", NULL, NULL, ANY_DISCARDED, ANY_KIND,
	  "an early console unregistered before init memory is freed "
	  "(modpost: *_console)" },
	/* Drivers may point at meminit (hotplug) code and at exit code. */
	{ "*driver", NULL, NULL, IC_BIT(IC_MEMINIT) | IC_BIT(IC_EXIT),
	  ANY_KIND,
	  "a driver structure pointing at its hotplug and remove methods "
	  "(modpost 6.1: *driver)" },
	/* Early boot code runs before init memory is freed. */
	{ NULL, ".head.text", NULL, ANY_INIT, ANY_KIND,
	  "early boot code runs only before init memory is freed "
	  "(modpost pattern 3)" },
	/* The linker's boundaries of init memory, named, not referenced. */
	{ NULL, NULL, "__init_begin", ANY_INIT, ANY_KIND,
	  "linker-script boundary of init memory (modpost pattern 4)" },
	{ NULL, NULL, "_sinittext", ANY_INIT, ANY_KIND,
	  "linker-script boundary of init text (modpost pattern 4)" },
	{ NULL, NULL, "_einittext", ANY_INIT, ANY_KIND,
	  "linker-script boundary of init text (modpost pattern 4)" },
};

/* Linux 6.12 (Debian's 6.12.117): secref_whitelist() lost *_template,
   *_timer, *_sht, *_probe_one ("modpost: remove more symbol patterns from
   the section check whitelist", 2023) and both *driver rows (v6.7 W=1,
   always since 6.11); .meminit.* is no init section any more. */
static const struct ic_exemption ic_kernel_6_12_exemptions[] = {
	{ "__param*", NULL, NULL, IC_BIT(IC_INIT), DATA,
	  "module_param() of __initdata, read only while parsing the "
	  "command line (modpost pattern 1)" },
	{ "__param_ops_*", NULL, NULL, IC_BIT(IC_INIT), CODE,
	  "kernel_param_ops whose set() is __init, used only at boot "
	  "(modpost pattern 1a)" },
	{ "*_ops", NULL, NULL, ANY_DISCARDED, ANY_KIND,
	  "an ops table whose init member is called only during init "
	  "(modpost: *_ops)" },
	{ "*_probe", NULL, NULL, ANY_DISCARDED, ANY_KIND,
	  "a probe table used only while probing (modpost: *_probe)" },
	{ "*_console", NULL, NULL, ANY_DISCARDED, ANY_KIND,
	  "an early console unregistered before init memory is freed "
	  "(modpost: *_console)" },
	{ NULL, ".head.text", NULL, IC_BIT(IC_INIT), ANY_KIND,
	  "early boot code runs only before init memory is freed "
	  "(modpost pattern 3)" },
	{ NULL, NULL, "__init_begin", IC_BIT(IC_INIT), ANY_KIND,
	  "linker-script boundary of init memory (modpost pattern 4)" },
	{ NULL, NULL, "_sinittext", IC_BIT(IC_INIT), ANY_KIND,
	  "linker-script boundary of init text (modpost pattern 4)" },
	{ NULL, NULL, "_einittext", IC_BIT(IC_INIT), ANY_KIND,
	  "linker-script boundary of init text (modpost pattern 4)" },
};

/*
 * Which rows of ic_rules[] a kernel's modpost applies, each with where in
 * that kernel's scripts/mod/modpost.c it comes from.  Rows named
 * "*-from-rodata" are initcheck's widening (modpost reads no .rodata
 * source) and apply to every version; section-redecl is off under the
 * kernel profile (redecl.c).
 */
enum ic_when { ALWAYS, WITH_MODULES };

struct ic_row_source {
	const char *rule;
	enum ic_when when;	/* WITH_MODULES: only when CONFIG_MODULES */
	const char *source;
};

#define IC_MAX_ROWS 16

struct ic_kernel_version {
	const char *name;	/* what -fplugin-arg-initcheck-kernel= takes */
	unsigned major, minor;	/* matched against LINUX_VERSION_CODE */
	unsigned classes;	/* the classes this kernel's modpost knows */
	const struct ic_exemption *exemptions;
	size_t nexemptions;
	struct ic_row_source rows[IC_MAX_ROWS];
};

#define KNOWN_CLASSES (IC_BIT(IC_NCLASSES) - 1)

/* Oldest first; the last one is what an unknown version gets. */
static const struct ic_kernel_version ic_kernel_versions[] = {
	{ "6.1", 6, 1, KNOWN_CLASSES,
	  ic_kernel_6_1_exemptions, ARRAY_SIZE(ic_kernel_6_1_exemptions), {
	  { "init-from-text", ALWAYS, "sectioncheck[] TEXT_TO_ANY_INIT" },
	  { "init-from-data", ALWAYS,
	    "sectioncheck[] DATA_TO_ANY_INIT (two rows: meminit, init)" },
	  { "init-from-rodata", ALWAYS, "initcheck only" },
	  { "exit-from-text", ALWAYS, "sectioncheck[] TEXT_TO_ANY_EXIT" },
	  { "exit-from-data", ALWAYS, "sectioncheck[] DATA_TO_ANY_EXIT" },
	  { "exit-from-rodata", ALWAYS, "initcheck only" },
	  { "init-from-meminit", ALWAYS,
	    "sectioncheck[] XXXINIT_TO_SOME_INIT" },
	  { "exit-from-init", ALWAYS, "sectioncheck[] ANY_INIT_TO_ANY_EXIT" },
	  { "init-from-exit", ALWAYS, "sectioncheck[] ANY_EXIT_TO_ANY_INIT" },
	  { "init-from-pci-fixup", ALWAYS,
	    "sectioncheck[] ALL_PCI_INIT_SECTIONS row" },
	  { "init-from-export", ALWAYS,
	    "sectioncheck[] EXPORT_TO_INIT_EXIT (___ksymtab*)" },
	  { "exit-from-export", ALWAYS,
	    "sectioncheck[] EXPORT_TO_INIT_EXIT (___ksymtab*)" },
	  { NULL, ALWAYS, NULL } } },
	{ "6.12", 6, 12, KNOWN_CLASSES & ~IC_BIT(IC_MEMINIT),
	  ic_kernel_6_12_exemptions, ARRAY_SIZE(ic_kernel_6_12_exemptions), {
	  { "init-from-text", ALWAYS,
	    "sectioncheck[] TEXTDATA_TO_ANY_INIT_EXIT" },
	  { "init-from-data", ALWAYS,
	    "sectioncheck[] TEXTDATA_TO_ANY_INIT_EXIT" },
	  { "init-from-rodata", ALWAYS, "initcheck only" },
	  { "exit-from-text", ALWAYS,
	    "sectioncheck[] TEXTDATA_TO_ANY_INIT_EXIT" },
	  { "exit-from-data", ALWAYS,
	    "sectioncheck[] TEXTDATA_TO_ANY_INIT_EXIT" },
	  { "exit-from-rodata", ALWAYS, "initcheck only" },
	  { "exit-from-init", ALWAYS, "sectioncheck[] ANY_INIT_TO_ANY_EXIT" },
	  { "init-from-exit", ALWAYS, "sectioncheck[] ANY_EXIT_TO_ANY_INIT" },
	  { "init-from-pci-fixup", ALWAYS,
	    "sectioncheck[] ALL_PCI_INIT_SECTIONS row" },
	  { "init-from-export", WITH_MODULES,
	    "check_export_symbol() (.export_symbol; only with modules)" },
	  { "exit-from-export", WITH_MODULES,
	    "check_export_symbol() (.export_symbol; only with modules)" },
	  { NULL, ALWAYS, NULL } } },
};

enum ic_profile ic_profile = IC_PROFILE_STRICT;

/* The kernel version named by -fplugin-arg-initcheck-kernel=, or NULL to
   take it from the compilation. */
static const struct ic_kernel_version *kernel_named;

bool ic_kernel_name(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ic_kernel_versions); i++)
		if (!strcmp(name, ic_kernel_versions[i].name)) {
			kernel_named = &ic_kernel_versions[i];
			return true;
		}
	return false;
}

/* "6.1, 6.12", for error messages. */
const char *ic_kernel_names(void)
{
	static char buf[128];
	size_t i;

	if (buf[0])
		return buf;
	for (i = 0; i < ARRAY_SIZE(ic_kernel_versions); i++) {
		if (i)
			strcat(buf, ", ");
		strcat(buf, ic_kernel_versions[i].name);
	}
	return buf;
}

/*
 * The version of the kernel being compiled, from the compilation itself:
 * every kernel unit is compiled with -include include/linux/kconfig.h,
 * which includes the build's generated/autoconf.h; its sibling
 * generated/uapi/linux/version.h has LINUX_VERSION_CODE (generated before
 * any unit is compiled).  GCC tells plugins every file it enters, from
 * line markers too, so this works on preprocessed input and under
 * -fsyntax-only.
 */
static char *version_h;

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

void ic_kernel_include_file(const char *path)
{
	static const char autoconf[] = "generated/autoconf.h";
	static const char version[] = "generated/uapi/linux/version.h";

	if (version_h || !path)
		return;
	if (ends_with(path, version))
		version_h = xstrdup(path);
	else if (ends_with(path, autoconf)) {
		size_t n = strlen(path) - strlen("autoconf.h");

		version_h = XNEWVEC(char, n + strlen("uapi/linux/version.h") + 1);
		memcpy(version_h, path, n);
		strcpy(version_h + n, "uapi/linux/version.h");
	}
}

/* LINUX_VERSION_CODE from version.h, or 0. */
static unsigned read_version_code(const char *path)
{
	char line[256];
	unsigned long code = 0;
	FILE *f = fopen(path, "r");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		char *end;

		if (strncmp(line, "#define LINUX_VERSION_CODE ", 27))
			continue;
		code = strtoul(line + 27, &end, 10);
		if (end == line + 27 || code > 0xffffff)
			code = 0;
		break;
	}
	fclose(f);
	return (unsigned)code;
}

static const struct ic_kernel_version *kernel;	/* in force */
static unsigned rules_on;		/* bit I: ic_rules[I] applies */

/* parse_in and cpp_defined() are cc1's (the C front end and libcpp):
   lto1, which loads the plugin too (and leaves at once), has neither, and
   a plain reference would fail the plugin's loading there. */
#pragma weak parse_in
#pragma weak cpp_defined

static bool macro_defined(const char *name)
{
	if (!&parse_in || !&cpp_defined || !parse_in)
		return false;
	return cpp_defined(parse_in, (const unsigned char *)name,
			   strlen(name));
}

/* Chooses the kernel's table once per unit, when first needed (after
   parsing: every include has been seen). */
static void select_kernel(void)
{
	const struct ic_kernel_version *newest
		= &ic_kernel_versions[ARRAY_SIZE(ic_kernel_versions) - 1];
	unsigned code = 0, i, j;

	if (kernel)
		return;
	kernel = kernel_named;
	if (!kernel && version_h)
		code = read_version_code(version_h);
	for (i = 0; !kernel && code && i < ARRAY_SIZE(ic_kernel_versions); i++)
		if (ic_kernel_versions[i].major == code >> 16
		    && ic_kernel_versions[i].minor == ((code >> 8) & 0xff))
			kernel = &ic_kernel_versions[i];
	if (!kernel) {
		kernel = newest;
		if (code)
			inform(UNKNOWN_LOCATION, "%s: no table for Linux %u.%u "
			       "(%s); judging by the modpost of Linux %s; "
			       "name one with %<-fplugin-arg-%s-kernel=%> (%s)",
			       IC_NAME, code >> 16, (code >> 8) & 0xff,
			       version_h, newest->name, IC_NAME,
			       ic_kernel_names());
		else
			inform(UNKNOWN_LOCATION, "%s: the kernel version is "
			       "unknown (no generated/uapi/linux/version.h "
			       "in this compilation); judging by the modpost "
			       "of Linux %s; name one with "
			       "%<-fplugin-arg-%s-kernel=%> (%s)", IC_NAME,
			       newest->name, IC_NAME, ic_kernel_names());
	}
	rules_on = 0;
	for (j = 0; j < IC_MAX_ROWS && kernel->rows[j].rule; j++) {
		const struct ic_row_source *row = &kernel->rows[j];

		if (row->when == WITH_MODULES
		    && !macro_defined("CONFIG_MODULES"))
			continue;
		for (i = 0; i < ARRAY_SIZE(ic_rules); i++)
			if (!strcmp(ic_rules[i].name, row->rule))
				rules_on |= 1u << i;
	}
}

/* The exemptions of the profile in force (a profile is one table). */
static const struct ic_exemption *exemptions(size_t *n)
{
	switch (ic_profile) {
	case IC_PROFILE_KERNEL:
		select_kernel();
		*n = kernel->nexemptions;
		return kernel->exemptions;
	default:
		*n = 0;
		return NULL;
	}
}

static bool glob(const char *pattern, const char *s)
{
	if (!pattern)
		return true;
	if (!s)
		return false;
	/* Most rows name one section: no need for fnmatch's wide-character
	   path under a UTF-8 locale. */
	if (!strpbrk(pattern, "*?["))
		return !strcmp(pattern, s);
	return fnmatch(pattern, s, 0) == 0;
}

static const char *decl_name(tree decl)
{
	return DECL_NAME(decl) ? IDENTIFIER_POINTER(DECL_NAME(decl)) : NULL;
}

/* Which rows' name patterns a decl's name matches, as a bit mask: a
   decl is named by many references, and fnmatch is not cheap under a
   UTF-8 locale.  FROM selects the rows' source patterns, else target. */
static hash_map<tree, unsigned> *name_masks[2];

static unsigned name_mask(tree decl, bool from)
{
	const struct ic_exemption *table;
	unsigned *mask, m = 0;
	bool existed;
	size_t i, n;

	if (!name_masks[from])
		name_masks[from] = new hash_map<tree, unsigned>;
	mask = &name_masks[from]->get_or_insert(decl, &existed);
	if (existed)
		return *mask;
	table = exemptions(&n);
	for (i = 0; i < n; i++) {
		const char *pat = from ? table[i].from_name : table[i].to_name;

		if (pat && glob(pat, decl_name(decl)))
			m |= 1u << i;
	}
	*mask = m;
	return m;
}

void ic_rules_release(void)
{
	delete name_masks[0];
	delete name_masks[1];
	name_masks[0] = name_masks[1] = NULL;
	kernel = NULL;
	free(version_h);
	version_h = NULL;
}

/* The exemption of the current profile that covers this reference, or
   NULL. */
const char *ic_exempt(tree from, const struct ic_place *fp,
		      tree to, const struct ic_place *tp)
{
	const struct ic_exemption *table;
	unsigned from_mask, to_mask;
	size_t i, n;

	table = exemptions(&n);
	if (!table)
		return NULL;
	from_mask = from && !fp->is_function ? name_mask(from, true) : 0;
	to_mask = name_mask(to, false);
	for (i = 0; i < n; i++) {
		const struct ic_exemption *e = &table[i];

		if (!(e->to & IC_BIT(tp->cls)))
			continue;
		if (e->to_kind != ANY_KIND && e->to_kind != (int)tp->is_function)
			continue;
		if (e->from_name && !(from_mask & (1u << i)))
			continue;
		if (e->from_section && !glob(e->from_section, fp->section))
			continue;
		if (e->to_name && !(to_mask & (1u << i)))
			continue;
		return e->why;
	}
	return NULL;
}

const struct ic_rule *ic_rule_for(const struct ic_place *from,
				  const struct ic_place *to)
{
	size_t i;

	if (ic_profile == IC_PROFILE_KERNEL) {
		select_kernel();
		/* A section this kernel's modpost does not know (.meminit.*
		   in 6.12) is neither a source nor a target. */
		if (!(kernel->classes & IC_BIT(from->cls))
		    || !(kernel->classes & IC_BIT(to->cls)))
			return NULL;
	}
	for (i = 0; i < ARRAY_SIZE(ic_rules); i++) {
		const struct ic_rule *r = &ic_rules[i];

		if (ic_profile == IC_PROFILE_KERNEL && r->from
		    && !(rules_on & (1u << i)))
			continue;
		if (!(r->from & IC_BIT(from->cls)) || !(r->to & IC_BIT(to->cls)))
			continue;
		if (r->from_kind != ANY_KIND
		    && r->from_kind != (int)from->is_function)
			continue;
		return r;
	}
	return NULL;
}

/* The severity in force: what the options made of it, and no error where
   -fplugin-arg-initcheck-warn asked for warnings only. */
enum ic_severity ic_rule_severity(const struct ic_rule *rule)
{
	if (rule->severity == IC_ERROR && ic_opts.warn_only)
		return IC_WARNING;
	return rule->severity;
}

const struct ic_rule *ic_rule_named(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ic_rules); i++)
		if (!strcmp(name, ic_rules[i].name))
			return &ic_rules[i];
	return NULL;
}

const struct ic_rule *ic_rule_at(unsigned i)
{
	return i < ARRAY_SIZE(ic_rules) ? &ic_rules[i] : NULL;
}

/*
 * -fplugin-arg-initcheck-warn means what CONFIG_SECTION_MISMATCH_WARN_ONLY
 * means to modpost: the findings are shown and the build goes on, whatever
 * -Werror (CONFIG_WERROR) says.  GCC promotes a warning that has no option
 * whenever -Werror was given; a plugin cannot register an option of its
 * own for -Wno-error= to name.  So -Werror is lifted while the plugin emits
 * each of its warnings and put back right after.
 */
bool ic_werror_suspend(diagnostic_t kind)
{
	if (kind != DK_WARNING || !ic_opts.warn_only || !ic_werror_requested())
		return false;
	ic_set_werror_requested(false);
	return true;
}

void ic_werror_resume(bool suspended)
{
	if (suspended)
		ic_set_werror_requested(true);
}

/* The GCC diagnostic kind a (not ignored) severity is emitted as. */
diagnostic_t ic_diagnostic_kind(enum ic_severity sev)
{
	return sev == IC_ERROR ? DK_ERROR : DK_WARNING;
}

bool ic_rule_set_severity(const char *name, enum ic_severity sev)
{
	size_t i;
	bool found = false;

	for (i = 0; i < ARRAY_SIZE(ic_rules); i++) {
		if (!strcmp(name, "all") || !strcmp(name, ic_rules[i].name)) {
			ic_rules[i].severity = sev;
			found = true;
		}
	}
	return found;
}

/* "init-from-text, init-from-data, ...", for error messages. */
const char *ic_rule_names(void)
{
	static char buf[512];
	size_t i;

	if (buf[0])
		return buf;
	for (i = 0; i < ARRAY_SIZE(ic_rules); i++) {
		if (i)
			strcat(buf, ", ");
		strcat(buf, ic_rules[i].name);
	}
	return buf;
}
