/*
 * gcc-sarif.c - initcheck's findings in GCC's own SARIF log (GCC 13 on,
 * -fdiagnostics-format=sarif-file): the rule as the result's ruleId.
 *
 * GCC takes a result's ruleId from the option-name callback of its
 * diagnostic context (the -W option of a warning; for a diagnostic with
 * no option, the kind: "error").  findings.c names the rule in
 * ic_gcc_sarif_rule while it emits a finding; the callback installed here
 * answers with it, and leaves every other question to GCC's own.  How the
 * callback is reached differs in each GCC: gcc-common.h.  The plugin's
 * sarif= log (sarif.c) is for GCC 11 and 12, which have no SARIF.
 */
#include "initcheck.h"

const char *ic_gcc_sarif_rule;

static char *rule_name(void)
{
	return ic_gcc_sarif_rule ? xstrdup(ic_gcc_sarif_rule) : NULL;
}

/* -fdiagnostics-format=sarif-... last (or, GCC 15, a SARIF output added
   or set): asked once per compilation. */
bool ic_gcc_sarif_requested(void)
{
	static int known = -1;
	unsigned i;

	if (known >= 0)
		return known;
	known = 0;
	for (i = 1; i < save_decoded_options_count; i++) {
		const struct cl_decoded_option *o = &save_decoded_options[i];

		if (IC_IS_FORMAT_OPTION(o->opt_index) && o->arg)
			known = !strncmp(o->arg, "sarif", 5);
		else if (IC_IS_ADD_OUTPUT_OPTION(o->opt_index) && o->arg
			 && !strncmp(o->arg, "sarif", 5))
			known = 1;
	}
	return known;
}

void ic_gcc_sarif_init(void)
{
	static bool done;

	if (done)
		return;
	done = true;
	ic_gcc_option_name_first(global_dc, rule_name);
}
