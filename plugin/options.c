/*
 * options.c - -fplugin-arg-initcheck-KEY[=VALUE], all parsed here.
 *
 * Every key is a row of the table below: its name, whether it takes a value,
 * the function that applies it and a line of help (shown by --help=plugins
 * style listings and in the message for an unknown key).  A bad key or value
 * is one error line naming what is accepted; the plugin then stays out of
 * the compilation, which fails on that error.
 *
 * The bottom layer: the values land in ic_opts, which the layers above
 * read; what only they can check (rule names, kernel versions: rules.c,
 * ic_rules_configure) they check there.
 */
#include "initcheck.h"

struct ic_options ic_opts;

enum ic_arg { ARG_NONE, ARG_REQUIRED };

/* A key sets FLAG (no value), or APPLY parses its value. */
struct ic_key {
	const char *key;
	enum ic_arg arg;
	bool (*apply)(const char *key, const char *value);
	bool *flag;
	const char *help;
};

/* error=RULE[,RULE...], warning=..., ignore=..., kernel=VERSION: kept in
   the order given, for rules.c, which knows the rules' and the kernels'
   names. */
static void add_rule_setting(const char *key, const char *value)
{
	ic_opts.rule_settings = XRESIZEVEC(struct ic_rule_setting,
					   ic_opts.rule_settings,
					   ic_opts.nrule_settings + 1);
	ic_opts.rule_settings[ic_opts.nrule_settings].key = key;
	ic_opts.rule_settings[ic_opts.nrule_settings++].value = value;
}

static bool set_severity(const char *key, const char *value)
{
	add_rule_setting(key, value);
	return true;
}

static bool set_profile(const char *key, const char *value)
{
	if (!strcmp(value, "strict"))
		ic_opts.profile = IC_PROFILE_STRICT;
	else if (!strcmp(value, "kernel"))
		ic_opts.profile = IC_PROFILE_KERNEL;
	else if (!strcmp(value, "xen"))
		ic_opts.profile = IC_PROFILE_XEN;
	else {
		error("%s: bad value %qs for %<-fplugin-arg-%s-%s%>;"
		      " accepted: strict, kernel, xen", IC_NAME, value, IC_NAME,
		      key);
		return false;
	}
	return true;
}

/* kernel=VERSION: judge by that kernel's modpost (implies profile=kernel),
   not by the version the compilation shows. */
static bool set_kernel(const char *key, const char *value)
{
	add_rule_setting(key, value);
	ic_opts.profile = IC_PROFILE_KERNEL;
	return true;
}

static bool set_sarif(const char *, const char *value)
{
	ic_opts.sarif = value;
	return true;
}

static bool set_manifest(const char *, const char *value)
{
	ic_opts.manifest = value;
	return true;
}

static const struct ic_key ic_keys[] = {
	{ "disable", ARG_NONE, NULL, &ic_opts.disable,
	  "load the plugin but check nothing" },
	{ "warn", ARG_NONE, NULL, &ic_opts.warn_only,
	  "report mismatches as warnings, not errors" },
	{ "error", ARG_REQUIRED, set_severity, NULL,
	  "=RULE[,RULE] make these rules errors" },
	{ "warning", ARG_REQUIRED, set_severity, NULL,
	  "=RULE[,RULE] make these rules warnings" },
	{ "ignore", ARG_REQUIRED, set_severity, NULL,
	  "=RULE[,RULE] turn these rules off" },
	{ "profile", ARG_REQUIRED, set_profile, NULL,
	  "=strict|kernel|xen also accept what the kernel's modpost accepts "
	  "by name (kernel), or Xen's boot-time conventions (xen)" },
	{ "kernel", ARG_REQUIRED, set_kernel, NULL,
	  "=VERSION the kernel profile of this Linux version (6.1, 6.12); "
	  "default: the version being compiled" },
	{ "sarif", ARG_REQUIRED, set_sarif, NULL,
	  "=FILE write the findings as a SARIF 2.1.0 log" },
	{ "manifest", ARG_REQUIRED, set_manifest, NULL,
	  "=FILE|DIR/ also write the unit's manifest as JSON there" },
	{ "suggest", ARG_NONE, NULL, &ic_opts.suggest,
	  "note functions and variables only init code uses (could be "
	  "__init)" },
	{ "move-strings", ARG_NONE, NULL, &ic_opts.move_strings,
	  "move string literals only init code uses into .init.rodata "
	  "(changes the generated code)" },
	{ "no-lang-warning", ARG_NONE, NULL, &ic_opts.no_lang_warning,
	  "say nothing when the input is not C (C++, Fortran, ...), which "
	  "is compiled unchecked" },
	{ "help", ARG_NONE, NULL, &ic_opts.help,
	  "print these options on standard output and check nothing" },
};

/* The strings of ic_keys joined into one, made once: each row gives its
   pieces through PIECE (NULL ends a row).  Sized before it is written. */
static char *join_keys(const char *(*piece)(size_t row, int k, char *tmp))
{
	size_t i, len = 1, used = 0;
	char *buf, tmp[64];
	const char *p;
	int k;

	for (i = 0; i < ARRAY_SIZE(ic_keys); i++)
		for (k = 0; (p = piece(i, k, tmp)); k++)
			len += strlen(p);
	buf = XNEWVEC(char, len);
	buf[0] = '\0';
	for (i = 0; i < ARRAY_SIZE(ic_keys); i++)
		for (k = 0; (p = piece(i, k, tmp)); k++) {
			memcpy(buf + used, p, strlen(p) + 1);
			used += strlen(p);
		}
	return buf;
}

/* "disable, warn, error=..., ...": row I's pieces. */
static const char *accepted_piece(size_t i, int k, char *)
{
	switch (k) {
	case 0: return i ? ", " : "";
	case 1: return ic_keys[i].key;
	case 2: return ic_keys[i].arg == ARG_REQUIRED ? "=..." : "";
	default: return NULL;
	}
}

/* "  -fplugin-arg-initcheck-KEY[=...] help\n" */
static const char *help_piece(size_t i, int k, char *tmp)
{
	switch (k) {
	case 0:
		snprintf(tmp, 64, "%s-fplugin-arg-%s-", i ? "\n" : "",
			 IC_NAME);
		return tmp;
	case 1: return ic_keys[i].key;
	case 2: return ic_keys[i].arg == ARG_REQUIRED ? "" : ":";
	case 3: return " ";
	case 4: return ic_keys[i].help;
	default: return NULL;
	}
}

static const char *accepted_keys(void)
{
	static char *text;

	if (!text)
		text = join_keys(accepted_piece);
	return text;
}

/* Apply the plugin's arguments in the order given, so that a later one
   overrides an earlier one.  False when any was bad. */
bool ic_parse_options(struct plugin_name_args *info)
{
	bool ok = true;
	int i;
	size_t k;

	for (i = 0; i < info->argc; i++) {
		const struct plugin_argument *a = &info->argv[i];

		for (k = 0; k < ARRAY_SIZE(ic_keys); k++)
			if (!strcmp(a->key, ic_keys[k].key))
				break;
		if (k == ARRAY_SIZE(ic_keys)) {
			error("%s: unknown option %<-fplugin-arg-%s-%s%>;"
			      " accepted: %s", IC_NAME, IC_NAME, a->key,
			      accepted_keys());
			ok = false;
			continue;
		}
		if (ic_keys[k].arg == ARG_NONE && a->value) {
			error("%s: %<-fplugin-arg-%s-%s%> takes no value",
			      IC_NAME, IC_NAME, a->key);
			ok = false;
			continue;
		}
		if (ic_keys[k].arg == ARG_REQUIRED
		    && (!a->value || !*a->value)) {
			error("%s: %<-fplugin-arg-%s-%s%> needs a value: %s",
			      IC_NAME, IC_NAME, a->key, ic_keys[k].help);
			ok = false;
			continue;
		}
		if (ic_keys[k].flag)
			*ic_keys[k].flag = true;
		else if (!ic_keys[k].apply(a->key, a->value))
			ok = false;
	}
	return ok;
}

/* For PLUGIN_INFO and -fplugin-arg-initcheck-help: "KEY[=...]: help"
   lines. */
const char *ic_options_help(void)
{
	static char *text;

	if (!text)
		text = join_keys(help_piece);
	return text;
}
