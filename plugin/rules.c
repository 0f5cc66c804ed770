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
	/* Not a class pair: a property of the source (manifest.c). */
	{ IC_RULE_INIT_FROM_INLINE, 0, ANY_KIND, 0, IC_WARNING,
	  "an inline helper that only init code calls refers to init code or "
	  "data that another unit defines: inlined, it is harmless, but a copy "
	  "out of line in .text (-O0, -fno-inline, KCOV, GCOV, another "
	  "compiler) refers to freed memory" },
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
	/* Where the reference sits (profile xen), each NULL for any: */
	const char *member;		/* glob on "struct.field" of the
					   initializer element holding it */
	const char *asm_section;	/* an asm operand, the asm recording
					   its site in this section */
	bool guarded;			/* under a boot-only condition */
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

/*
 * What -fplugin-arg-initcheck-profile=xen accepts on top: Xen's own
 * conventions for code and data that outlive boot (the hypervisor frees
 * [__init_begin, __init_end) in init_done(), xen/arch/x86/setup.c, and
 * unmaps it: a later access faults).  Xen has no modpost; these are the
 * places its build and boot code make a reference to init memory safe,
 * each row with the code that does it.  Not rows, since they are not
 * references: units built as foo.init.o (ic_init_only_unit() below) and
 * section-redecl, off because Xen marks definitions only (redecl.c).
 */
static const struct ic_exemption ic_xen_exemptions[] = {
	/* alternative_call(ops.hook, ...): an indirect call through a
	   __initdata/__initconst_cf_clobber ops table, recorded in
	   .alt_call_sites and turned into a direct call by
	   _apply_alternatives() at boot (arch/x86/alternative.c), before
	   init memory is freed.  Both the "i" (&hook) and "g" (hook)
	   operands of the asm name the table. */
	{ NULL, NULL, NULL, ANY_INIT, ANY_KIND,
	  "an alternative_call() site, patched into a direct call at boot "
	  "(xen/arch/x86/include/asm/alternative-call.h, "
	  "_apply_alternatives())", NULL, ".alt_call_sites", false },
	/* custom_runtime_param()'s init_leaf hook: called once, by
	   param_init() (__init, xen/common/kernel.c), to fill in the
	   hypfs node; never again. */
	{ NULL, ".data.paramhypfs", NULL, IC_BIT(IC_INIT), ANY_KIND,
	  "the init_leaf hook of a runtime parameter, called only by "
	  "param_init() at boot (xen/common/kernel.c)",
	  "param_hypfs.init_leaf", NULL, false },
	/* Serial drivers' boot hooks: serial_init_preirq(),
	   serial_init_irq(), serial_init_postirq(), serial_endboot() and
	   serial_irq() are __init (xen/drivers/char/serial.c), and nothing
	   else calls these members. */
	{ NULL, NULL, NULL, IC_BIT(IC_INIT), ANY_KIND,
	  "a serial driver's boot hook, called only by the __init "
	  "serial_init_*(), serial_endboot() and serial_irq() "
	  "(xen/drivers/char/serial.c)",
	  "uart_driver.init_*", NULL, false },
	{ NULL, NULL, NULL, IC_BIT(IC_INIT), ANY_KIND,
	  "a serial driver's boot hook, called only by the __init "
	  "serial_endboot() (xen/drivers/char/serial.c)",
	  "uart_driver.endboot", NULL, false },
	{ NULL, NULL, NULL, IC_BIT(IC_INIT), ANY_KIND,
	  "a serial driver's IRQ query, called only by the __init "
	  "serial_irq() (xen/drivers/char/serial.c)",
	  "uart_driver.irq", NULL, false },
	/* cpufreq governors' command-line parsers: called only by
	   cpufreq_cmdline_parse() (__init, xen/drivers/cpufreq/cpufreq.c). */
	{ NULL, NULL, NULL, IC_BIT(IC_INIT), ANY_KIND,
	  "a cpufreq governor's option parser, called only by the __init "
	  "cpufreq_cmdline_parse() (xen/drivers/cpufreq/cpufreq.c)",
	  "cpufreq_governor.handle_option", NULL, false },
	/* Schedulers' global_init (struct sched_ops, once struct scheduler):
	   called only by scheduler_init() (__init, xen/common/sched/core.c). */
	{ NULL, NULL, NULL, IC_BIT(IC_INIT), ANY_KIND,
	  "a scheduler's global_init, called only by the __init "
	  "scheduler_init() (xen/common/sched/core.c)",
	  "sched_ops.global_init", NULL, false },
	/* Code that runs after boot, but reaches init code only under a
	   condition that holds only while booting (ic_xen_guards). */
	{ NULL, NULL, NULL, ANY_INIT, ANY_KIND,
	  "reached only under a condition that holds only while booting",
	  NULL, NULL, true },
};

/*
 * The boot-only conditions of profile xen: a reference evaluated only when
 * one of these holds is one made while booting.
 */
enum guard_kind {
	GUARD_BEFORE,		/* VAR < K, VAR <= K, VAR == K */
	GUARD_IS_ADDRESS,	/* X == &VAR */
	GUARD_CALL,		/* a call of the function NAME is true */
	GUARD_FIELD_EQ,		/* X->NAME == K */
	GUARD_PARM,		/* the parameter NAME is true */
};

struct ic_guard {
	const char *name;
	enum guard_kind kind;
	const char *why;
};

static const struct ic_guard ic_xen_guards[] = {
	/* enum system_state rises monotonically; SYS_STATE_active is set in
	   init_done() before init memory is freed (xen/arch/x86/setup.c),
	   so every earlier state is boot. */
	{ "system_state", GUARD_BEFORE,
	  "system_state before SYS_STATE_active (set by init_done(), "
	  "xen/arch/x86/setup.c)" },
	/* identify_cpu(&boot_cpu_data) runs once, from __start_xen()
	   (xen/arch/x86/setup.c); APs identify into cpu_data[], and S3
	   resume passes &boot_cpu_data only to mcheck_init(), with
	   bsp=false. */
	{ "boot_cpu_data", GUARD_IS_ADDRESS,
	  "c == &boot_cpu_data, the boot CPU's identify_cpu() from "
	  "__start_xen()" },
	/* The hardware domain is built at boot, unless CONFIG_LATE_HWDOM,
	   where __hwdom_init and __hwdom_initdata stop meaning init
	   (xen/include/xen/init.h). */
	{ "is_hardware_domain", GUARD_CALL,
	  "is_hardware_domain(d): the hardware domain is built at boot "
	  "(__hwdom_init is __init only without CONFIG_LATE_HWDOM)" },
	/* d->domain_id == DOMID_IDLE (is_idle_domain()), == 0 (dom0): the
	   domains with a fixed id, idle, dom0, dom_xen, dom_io and dom_cow,
	   are all created by __init code (scheduler_init(),
	   create_dom0(), arch_init_memory()). */
	/* mcheck_init(c, true) only from identify_cpu() for boot_cpu_data
	   (xen/arch/x86/cpu/common.c), _vmx_cpu_up(true) only from the
	   __init vmx_vmcs_init(): "bsp" is Xen's name for "called on the
	   boot path", true nowhere else (S3 resume passes false). */
	{ "bsp", GUARD_PARM,
	  "a bsp parameter, true only on the boot path (identify_cpu() of "
	  "boot_cpu_data, vmx_vmcs_init())" },
	{ "domain_id", GUARD_FIELD_EQ,
	  "d->domain_id == a constant: the domains with fixed ids (idle, "
	  "dom0, dom_xen, dom_io) are built at boot" },
};

/* The kernel version named by -fplugin-arg-initcheck-kernel=, or NULL to
   take it from the compilation. */
static const struct ic_kernel_version *kernel_named;

static bool name_kernel(const char *name)
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
static const char *kernel_names(void)
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
			       kernel_names());
		else
			inform(UNKNOWN_LOCATION, "%s: the kernel version is "
			       "unknown (no generated/uapi/linux/version.h "
			       "in this compilation); judging by the modpost "
			       "of Linux %s; name one with "
			       "%<-fplugin-arg-%s-kernel=%> (%s)", IC_NAME,
			       newest->name, IC_NAME, kernel_names());
	}
	rules_on = 0;
	for (j = 0; j < IC_MAX_ROWS && kernel->rows[j].rule; j++) {
		const struct ic_row_source *row = &kernel->rows[j];

		if (row->when == WITH_MODULES
		    && !ic_macro_defined("CONFIG_MODULES"))
			continue;
		for (i = 0; i < ARRAY_SIZE(ic_rules); i++)
			if (!strcmp(ic_rules[i].name, row->rule))
				rules_on |= 1u << i;
	}
}

/* The exemptions of the profile in force (a profile is one table). */
static const struct ic_exemption *exemptions(size_t *n)
{
	switch (ic_opts.profile) {
	case IC_PROFILE_KERNEL:
		select_kernel();
		*n = kernel->nexemptions;
		return kernel->exemptions;
	case IC_PROFILE_XEN:
		*n = ARRAY_SIZE(ic_xen_exemptions);
		return ic_xen_exemptions;
	default:
		*n = 0;
		return NULL;
	}
}

/*
 * Whether S matches the shell pattern PATTERN, as fnmatch(PATTERN, S, 0)
 * answers, and without it where a string comparison answers as well:
 * fnmatch takes its wide-character path under a UTF-8 locale, some 1,200
 * instructions a call.  Most patterns name one section; the others begin
 * with a literal prefix (".init.", "__", ".discard.") that most names do
 * not start with.  Also classify.c's, for its table of section names.
 */
bool ic_glob(const char *pattern, const char *s)
{
	size_t literal = strcspn(pattern, "*?[\\");

	if (!pattern[literal])
		return !strcmp(pattern, s);
	return !strncmp(pattern, s, literal) && fnmatch(pattern, s, 0) == 0;
}

static bool glob(const char *pattern, const char *s)
{
	if (!pattern)
		return true;
	if (!s)
		return false;
	return ic_glob(pattern, s);
}

static const char *decl_name(tree decl)
{
	return DECL_NAME(decl) ? IDENTIFIER_POINTER(DECL_NAME(decl)) : NULL;
}

/* The exemption table of the current profile. */

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

/* ic_rule_for's answers, by the source's kind and both classes: the same
   question comes for thousands of references, and the loop over the
   table with the kernel's rows cost some 240 instructions each.  Valid
   for the unit: the rules, the profile and the kernel (chosen at the
   first question) do not change in it. */
static const struct ic_rule *rule_known[2][IC_NCLASSES][IC_NCLASSES];
static bool rule_asked[2][IC_NCLASSES][IC_NCLASSES];

void ic_rules_release(void)
{
	memset(rule_asked, 0, sizeof(rule_asked));
	delete name_masks[0];
	delete name_masks[1];
	name_masks[0] = name_masks[1] = NULL;
	kernel = NULL;
	free(version_h);
	version_h = NULL;
}

/* "uart_driver.init_preirq": the struct and field FIELD is, for the rows'
   member patterns. */
static bool member_matches(const char *pattern, tree field)
{
	tree type, name;
	char buf[256];

	if (!field)
		return false;
	type = DECL_CONTEXT(field);
	name = type ? TYPE_NAME(type) : NULL_TREE;
	if (name && TREE_CODE(name) == TYPE_DECL)
		name = DECL_NAME(name);
	if (!name || !DECL_NAME(field))
		return false;
	snprintf(buf, sizeof buf, "%s.%s", IDENTIFIER_POINTER(name),
		 IDENTIFIER_POINTER(DECL_NAME(field)));
	return glob(pattern, buf);
}

/* Whether asm statement STMT's template records its site in SECTION
   (".pushsection .alt_call_sites"). */
static bool asm_records_in(tree stmt, const char *section)
{
	const char *tmpl, *p;
	size_t n = strlen(section);

	if (!stmt || TREE_CODE(stmt) != ASM_EXPR
	    || TREE_CODE(ASM_STRING(stmt)) != STRING_CST)
		return false;
	tmpl = TREE_STRING_POINTER(ASM_STRING(stmt));
	for (p = strstr(tmpl, section); p; p = strstr(p + 1, section))
		if (!ISIDNUM(p[n]) && p[n] != '.')
			return true;
	return false;
}

/* The exemption of the current profile that covers reference R (from
   FROM, which may be a caller R was inlined into), or NULL. */
const char *ic_exempt(const struct ic_ref *r, tree from,
		      const struct ic_place *fp,
		      tree to, const struct ic_place *tp)
{
	const struct ic_exemption *table;
	unsigned from_mask = 0, to_mask = 0;
	bool masks = false;
	size_t i, n;

	table = exemptions(&n);
	if (!table)
		return NULL;
	for (i = 0; i < n; i++) {
		const struct ic_exemption *e = &table[i];

		if (!(e->to & IC_BIT(tp->cls)))
			continue;
		if (e->to_kind != ANY_KIND && e->to_kind != (int)tp->is_function)
			continue;
		/* Name patterns only where a row has one (not profile xen's):
		   fnmatch is not cheap. */
		if ((e->from_name || e->to_name) && !masks) {
			from_mask = from && !fp->is_function
				    ? name_mask(from, true) : 0;
			to_mask = name_mask(to, false);
			masks = true;
		}
		if (e->from_name && !(from_mask & (1u << i)))
			continue;
		if (e->from_section && !glob(e->from_section, fp->section))
			continue;
		if (e->to_name && !(to_mask & (1u << i)))
			continue;
		if (e->member && !member_matches(e->member, r->member))
			continue;
		if (e->asm_section
		    && !asm_records_in(r->asm_stmt, e->asm_section))
			continue;
		if (e->guarded && !r->guard)
			continue;
		return e->guarded ? r->guard->why : e->why;
	}
	return NULL;
}

/* T without the conversions the C front end puts around a narrow operand
   of a comparison ("(int) d->domain_id == 0" for a uint16_t field):
   STRIP_NOPS keeps those that change the mode. */
static tree strip_conversions(tree t)
{
	while (CONVERT_EXPR_P(t) || TREE_CODE(t) == NON_LVALUE_EXPR)
		t = TREE_OPERAND(t, 0);
	return t;
}

static const char *var_name(tree t)
{
	t = strip_conversions(t);
	return VAR_P(t) && DECL_NAME(t) ? IDENTIFIER_POINTER(DECL_NAME(t))
					 : NULL;
}

/* The guard row comparison CMP (an EQ_EXPR, LT_EXPR, ...) is, when it is
   TRUTH (true, or false for a negated test), or NULL. */
static const struct ic_guard *comparison_guard(tree cmp, bool truth)
{
	enum tree_code code = TREE_CODE(cmp);
	tree a = strip_conversions(TREE_OPERAND(cmp, 0));
	tree b = strip_conversions(TREE_OPERAND(cmp, 1));
	const char *name;
	size_t i;

	/* "x != 0" and "x == 0" around a bool: the test of x (but
	   "system_state == 0" is SYS_STATE_early_boot, below). */
	if ((code == NE_EXPR || code == EQ_EXPR) && integer_zerop(b)) {
		const struct ic_guard *g = ic_guard_of(a, code == NE_EXPR
							  ? truth : !truth);
		if (g)
			return g;
	}
	if (!truth)
		code = invert_tree_comparison(code, false);
	for (i = 0; i < ARRAY_SIZE(ic_xen_guards); i++) {
		const struct ic_guard *g = &ic_xen_guards[i];

		switch (g->kind) {
		case GUARD_BEFORE:
			name = var_name(a);
			if (name && !strcmp(name, g->name)
			    && (code == LT_EXPR || code == LE_EXPR
				|| code == EQ_EXPR)
			    && TREE_CODE(b) == INTEGER_CST)
				return g;
			break;
		case GUARD_FIELD_EQ:
			if (code == EQ_EXPR && TREE_CODE(a) == COMPONENT_REF
			    && DECL_NAME(TREE_OPERAND(a, 1))
			    && !strcmp(IDENTIFIER_POINTER(
				   DECL_NAME(TREE_OPERAND(a, 1))), g->name)
			    && TREE_CODE(b) == INTEGER_CST)
				return g;
			break;
		case GUARD_IS_ADDRESS:
			if (code == EQ_EXPR
			    && ((TREE_CODE(b) == ADDR_EXPR
				 && (name = var_name(TREE_OPERAND(b, 0)))
				 && !strcmp(name, g->name))
				|| (TREE_CODE(a) == ADDR_EXPR
				    && (name = var_name(TREE_OPERAND(a, 0)))
				    && !strcmp(name, g->name))))
				return g;
			break;
		default:
			break;
		}
	}
	return NULL;
}

/* The guard row COND names when COND evaluates to TRUTH, or NULL:
   "system_state < SYS_STATE_active" when true, "!is_hardware_domain(d)"
   when false, either side of "&&" when true and of "||" when false. */
const struct ic_guard *ic_guard_of(tree cond, bool truth)
{
	const struct ic_guard *g;
	tree fn;
	size_t i;

	if (!cond)
		return NULL;
	/* "(int) !is_hardware_domain(d)": a bool widened for "||". */
	while (CONVERT_EXPR_P(cond) || TREE_CODE(cond) == NON_LVALUE_EXPR
	       || TREE_CODE(cond) == C_MAYBE_CONST_EXPR)
		cond = TREE_CODE(cond) == C_MAYBE_CONST_EXPR
		       ? C_MAYBE_CONST_EXPR_EXPR(cond) : TREE_OPERAND(cond, 0);
	switch (TREE_CODE(cond)) {
	case TRUTH_NOT_EXPR:
		return ic_guard_of(TREE_OPERAND(cond, 0), !truth);
	case TRUTH_ANDIF_EXPR:
	case TRUTH_AND_EXPR:
		if (!truth)
			return NULL;
		g = ic_guard_of(TREE_OPERAND(cond, 0), true);
		return g ? g : ic_guard_of(TREE_OPERAND(cond, 1), true);
	case TRUTH_ORIF_EXPR:
	case TRUTH_OR_EXPR:
		if (truth)
			return NULL;
		g = ic_guard_of(TREE_OPERAND(cond, 0), false);
		return g ? g : ic_guard_of(TREE_OPERAND(cond, 1), false);
	case CALL_EXPR:
		fn = get_callee_fndecl(cond);
		if (!truth || !fn || !DECL_NAME(fn))
			return NULL;
		for (i = 0; i < ARRAY_SIZE(ic_xen_guards); i++)
			if (ic_xen_guards[i].kind == GUARD_CALL
			    && !strcmp(IDENTIFIER_POINTER(DECL_NAME(fn)),
				       ic_xen_guards[i].name))
				return &ic_xen_guards[i];
		return NULL;
	case PARM_DECL:
		if (!truth || !DECL_NAME(cond))
			return NULL;
		for (i = 0; i < ARRAY_SIZE(ic_xen_guards); i++)
			if (ic_xen_guards[i].kind == GUARD_PARM
			    && !strcmp(IDENTIFIER_POINTER(DECL_NAME(cond)),
				       ic_xen_guards[i].name))
				return &ic_xen_guards[i];
		return NULL;
	default:
		if (TREE_CODE_CLASS(TREE_CODE(cond)) == tcc_comparison)
			return comparison_guard(cond, truth);
		return NULL;
	}
}

/*
 * Xen builds some units as foo.init.o (xen/Rules.mk): compiled with
 * -DINIT_SECTIONS_ONLY, then objcopy renames .rodata, .rodata.str*,
 * .rodata.cst* and .data.rel{,.ro}.local to .init.*, and the build fails
 * if .text, .data or .bss keep any byte.  Under profile xen such a unit's
 * read-only data is init data.  The macro is read while the unit is
 * parsed (ic_rules_note_unit), when the preprocessor still has it.
 */
static int init_only_unit = -1;

void ic_rules_note_unit(void)
{
	if (init_only_unit < 0)
		init_only_unit = ic_opts.profile == IC_PROFILE_XEN
				 && ic_macro_defined("INIT_SECTIONS_ONLY");
}

bool ic_init_only_unit(void)
{
	return init_only_unit > 0;
}

static const struct ic_rule *find_rule(const struct ic_place *from,
				       const struct ic_place *to);

const struct ic_rule *ic_rule_for(const struct ic_place *from,
				  const struct ic_place *to)
{
	unsigned k = from->is_function;

	if (ic_opts.profile == IC_PROFILE_KERNEL)
		select_kernel();
	if (!rule_asked[k][from->cls][to->cls]) {
		rule_known[k][from->cls][to->cls] = find_rule(from, to);
		rule_asked[k][from->cls][to->cls] = true;
	}
	return rule_known[k][from->cls][to->cls];
}

static const struct ic_rule *find_rule(const struct ic_place *from,
				       const struct ic_place *to)
{
	size_t i;

	if (ic_opts.profile == IC_PROFILE_KERNEL) {
		select_kernel();
		/* A section this kernel's modpost does not know (.meminit.*
		   in 6.12) is neither a source nor a target. */
		if (!(kernel->classes & IC_BIT(from->cls))
		    || !(kernel->classes & IC_BIT(to->cls)))
			return NULL;
	}
	for (i = 0; i < ARRAY_SIZE(ic_rules); i++) {
		const struct ic_rule *r = &ic_rules[i];

		if (ic_opts.profile == IC_PROFILE_KERNEL && r->from
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

static bool set_rule_severity(const char *name, enum ic_severity sev)
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

/* "init-from-text, init-from-data, ...", for error messages: made once,
   sized before it is written. */
static const char *rule_names(void)
{
	static char *buf;
	size_t i, len = 1, used = 0;

	if (buf)
		return buf;
	for (i = 0; i < ARRAY_SIZE(ic_rules); i++)
		len += strlen(ic_rules[i].name) + 2;
	buf = XNEWVEC(char, len);
	for (i = 0; i < ARRAY_SIZE(ic_rules); i++)
		used += snprintf(buf + used, len - used, "%s%s", i ? ", " : "",
				 ic_rules[i].name);
	buf[used] = '\0';
	return buf;
}

/* error=RULE[,RULE...], warning=..., ignore=... (KEY=VALUE); RULE may be
   "all". */
static bool apply_setting(const char *key, const char *value)
{
	enum ic_severity sev = !strcmp(key, "error") ? IC_ERROR
			       : !strcmp(key, "warning") ? IC_WARNING
			       : IC_IGNORE;
	char *list = xstrdup(value), *name, *next;
	bool ok = true;

	/* Not strtok: "error=," or "error=a,,b" has an empty name, which is
	   a typo to report, not a list to skip in silence. */
	for (name = list; name; name = next) {
		next = strchr(name, ',');
		if (next)
			*next++ = '\0';
		if (!*name) {
			error("%s: empty rule name in %<-fplugin-arg-%s-%s=%s%>;"
			      " rules are: all, %s", IC_NAME, IC_NAME, key,
			      value, rule_names());
			ok = false;
		} else if (!set_rule_severity(name, sev)) {
			error("%s: unknown rule %qs in %<-fplugin-arg-%s-%s=%s%>;"
			      " rules are: all, %s", IC_NAME, name, IC_NAME,
			      key, value, rule_names());
			ok = false;
		}
	}
	free(list);
	return ok;
}

/* What the options (options.c) ask of the rules: each error=, warning=,
   ignore= and kernel= in the order given, so that a later one overrides
   an earlier one.  False when a name was bad (each said so). */
bool ic_rules_configure(void)
{
	bool ok = true;
	unsigned i;

	for (i = 0; i < ic_opts.nrule_settings; i++) {
		const struct ic_rule_setting *set = &ic_opts.rule_settings[i];

		if (strcmp(set->key, "kernel")) {
			if (!apply_setting(set->key, set->value))
				ok = false;
		} else if (!name_kernel(set->value)) {
			error("%s: bad value %qs for %<-fplugin-arg-%s-%s%>;"
			      " accepted: %s", IC_NAME, set->value, IC_NAME,
			      set->key, kernel_names());
			ok = false;
		}
	}
	return ok;
}
