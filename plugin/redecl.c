/*
 * redecl.c - a symbol declared first without a section and later with an
 * init or exit one (clang's -Wsection, for the case GCC lets pass).
 *
 *	int setup(void);		<- a header: callers see normal code
 *	int __init setup(void) { }	<- the definition: freed after boot
 *
 * Inside this translation unit initcheck judges every reference by the
 * final section anyway; the warning is about the others, which see only
 * the header.  GCC itself warns when two explicit sections conflict.
 *
 * The kernel's include/linux/init.h allows __init on the definition alone,
 * so -fplugin-arg-initcheck-profile=kernel does not run this check.
 */
#include "initcheck.h"

static hash_set<tree> *seen;
static hash_map<tree, location_t> *unmarked;	/* first seen without section */

static bool is_candidate(tree decl)
{
	if (TREE_CODE(decl) == FUNCTION_DECL)
		return !DECL_IS_UNDECLARED_BUILTIN(decl);
	return VAR_P(decl) && (TREE_STATIC(decl) || DECL_EXTERNAL(decl))
	       && !decl_function_context(decl);
}

static void warn_redecl(tree decl, location_t first, location_t later,
			const struct ic_place *p)
{
	const struct ic_rule *rule = ic_rule_named("section-redecl");
	enum ic_severity sev = ic_rule_severity(rule);
	auto_diagnostic_group d;
	bool shown, lifted;
	char msg[512];

	if (sev == IC_IGNORE)
		return;
	snprintf(msg, sizeof(msg), "'%s' is put in section %s here, but an "
		 "earlier declaration has no section",
		 IDENTIFIER_POINTER(DECL_NAME(decl)), p->section);
	lifted = ic_werror_suspend(ic_diagnostic_kind(sev));
	shown = emit_diagnostic(ic_diagnostic_kind(sev), later, 0,
				"%qD is put in section %s here, but an earlier "
				"declaration has no section [%s:%s]", decl,
				p->section, IC_NAME, rule->name);
	ic_werror_resume(lifted);
	if (shown) {
		gcc_rich_location richloc(first);

		/* The one edit that makes them agree: the marker on the
		   earlier declaration too, before its name. */
		char fix[64];

		if (p->marker && p->is_function) {
			snprintf(fix, sizeof(fix), "%s ", p->marker);
			richloc.add_fixit_insert_before(first, fix);
		}
		inform(&richloc, "earlier declaration of %qD", decl);
		ic_sarif_result(rule, sev, later, msg,
				p->marker && p->is_function ? first
				: UNKNOWN_LOCATION,
				p->marker && p->is_function ? fix : NULL);
		snprintf(msg, sizeof(msg), "earlier declaration of '%s'",
			 IDENTIFIER_POINTER(DECL_NAME(decl)));
		ic_sarif_note(first, msg);
	}
}

/* Each declaration or definition of DECL, in source order. */
void ic_redecl_seen(tree decl)
{
	struct ic_place p;
	location_t *first;

	if (ic_opts.profile != IC_PROFILE_STRICT || !is_candidate(decl))
		return;
	if (!seen) {
		seen = new hash_set<tree>;
		unmarked = new hash_map<tree, location_t>;
	}
	ic_classify(decl, &p);
	if (!seen->add(decl)) {
		if (p.section_is_default)
			unmarked->put(decl, DECL_SOURCE_LOCATION(decl));
		return;
	}
	first = unmarked->get(decl);
	if (!first || p.section_is_default)
		return;
	if (p.cls == IC_INIT || p.cls == IC_MEMINIT || p.cls == IC_EXIT) {
		location_t later = DECL_SOURCE_LOCATION(decl);

		if (later == *first)
			later = input_location;
		warn_redecl(decl, *first, later, &p);
	}
	unmarked->remove(decl);
}

void ic_redecl_release(void)
{
	delete seen;
	delete unmarked;
	seen = NULL;
	unmarked = NULL;
}
