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
 * modpost's secref_whitelist() accepts on purpose in Linux 6.1, so that a
 * kernel build is not failed by what the kernel accepts today.  modpost
 * sees only relocations, hence the name patterns; each row says why the
 * kernel needs it.  The default (strict) profile has none of these: its
 * escape hatches are __ref/__refdata/__refconst and the init tables.
 *
 * modpost's other exemptions need no row: "*.constprop.*" and ".L*"
 * sources are compiler-made symbols a front end never sees.
 */
struct ic_exemption {
	const char *from_name;		/* glob on the source symbol, or NULL */
	const char *from_section;	/* glob on the source section, or NULL */
	const char *to_name;		/* glob on the target symbol, or NULL */
	unsigned to;			/* target classes it covers */
	const char *why;
};

#define ANY_DISCARDED (ANY_INIT | IC_BIT(IC_EXIT))

static const struct ic_exemption ic_kernel_exemptions[] = {
	/* module_param() with permission 0 on __initdata: the kernel_param
	   in __param is only read while parsing the command line at boot. */
	{ "__param*", NULL, NULL, ANY_INIT,
	  "module_param() of __initdata, read only while parsing the "
	  "command line (modpost pattern 1)" },
	{ "__param_ops_*", NULL, NULL, ANY_INIT,
	  "kernel_param_ops whose set() is __init, used only at boot "
	  "(modpost pattern 1)" },
	/* Templates and ops tables that are copied or used only during
	   probe, by convention of their names. */
	{ "*_template", NULL, NULL, ANY_DISCARDED,
	  "a template copied during init (modpost pattern 2)" },
	{ "*_timer", NULL, NULL, ANY_DISCARDED,
	  "a timer armed and expired during init (modpost pattern 2)" },
	{ "*_sht", NULL, NULL, ANY_DISCARDED,
	  "a SCSI host template used during probe (modpost pattern 2)" },
	{ "*_ops", NULL, NULL, ANY_DISCARDED,
	  "an ops table whose init member is called only during init "
	  "(modpost pattern 2)" },
	{ "*_probe", NULL, NULL, ANY_DISCARDED,
	  "a probe table used only while probing (modpost pattern 2)" },
	{ "*_probe_one", NULL, NULL, ANY_DISCARDED,
	  "a probe table used only while probing (modpost pattern 2)" },
	{ "*_console", NULL, NULL, ANY_DISCARDED,
	  "an early console unregistered before init memory is freed "
	  "(modpost pattern 2)" },
	/* Drivers may point at meminit (hotplug) code and at exit code. */
	{ "*driver", NULL, NULL, IC_BIT(IC_MEMINIT) | IC_BIT(IC_EXIT),
	  "a driver structure pointing at its hotplug and remove methods "
	  "(modpost pattern 3)" },
	/* Early boot code runs before init memory is freed. */
	{ NULL, ".head.text", NULL, ANY_INIT,
	  "early boot code runs only before init memory is freed "
	  "(modpost pattern 4)" },
	/* The linker's boundaries of init memory, named, not referenced. */
	{ NULL, NULL, "__init_begin", ANY_INIT,
	  "linker-script boundary of init memory (modpost pattern 5)" },
	{ NULL, NULL, "_sinittext", ANY_INIT,
	  "linker-script boundary of init text (modpost pattern 5)" },
	{ NULL, NULL, "_einittext", ANY_INIT,
	  "linker-script boundary of init text (modpost pattern 5)" },
};

enum ic_profile ic_profile = IC_PROFILE_STRICT;

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
	unsigned *mask, m = 0;
	bool existed;
	size_t i;

	if (!name_masks[from])
		name_masks[from] = new hash_map<tree, unsigned>;
	mask = &name_masks[from]->get_or_insert(decl, &existed);
	if (existed)
		return *mask;
	for (i = 0; i < ARRAY_SIZE(ic_kernel_exemptions); i++) {
		const char *pat = from ? ic_kernel_exemptions[i].from_name
				       : ic_kernel_exemptions[i].to_name;

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
}

/* The exemption of the current profile that covers this reference, or
   NULL. */
const char *ic_exempt(tree from, const struct ic_place *fp,
		      tree to, const struct ic_place *tp)
{
	unsigned from_mask, to_mask;
	size_t i;

	if (ic_profile != IC_PROFILE_KERNEL)
		return NULL;
	from_mask = from && !fp->is_function ? name_mask(from, true) : 0;
	to_mask = name_mask(to, false);
	for (i = 0; i < ARRAY_SIZE(ic_kernel_exemptions); i++) {
		const struct ic_exemption *e = &ic_kernel_exemptions[i];

		if (!(e->to & IC_BIT(tp->cls)))
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

	for (i = 0; i < ARRAY_SIZE(ic_rules); i++) {
		const struct ic_rule *r = &ic_rules[i];

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

/* "init-from-text, init-from-data, ...", for error messages: made once,
   sized before it is written. */
const char *ic_rule_names(void)
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
