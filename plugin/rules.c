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
};

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
