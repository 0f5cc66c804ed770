/*
 * findings.c - every kind of finding and note the plugin emits, each with
 * its message in one place, and the one way they are emitted: to GCC's
 * diagnostics (text, GCC's JSON, GCC's SARIF) and to the plugin's SARIF log
 * (sarif.c), from the same text.
 *
 * A message is a format of GCC's diagnostic language reduced to "%s",
 * "%qs", "%<", "%>" and "%%", with its arguments: texts, and decls, which
 * stand for their names.  GCC formats it (its quotes, 'x' or the locale's
 * curly ones, and its colours) with each decl as %qD prints it: the name
 * in the locale's character set, "({anonymous})" when it has none.  The
 * SARIF log gets the same format filled in here, with ASCII quotes and the
 * names as they are (UTF-8).  After the text of a finding GCC's output
 * shows [initcheck:RULE]; in SARIF the rule is the result's ruleId.
 *
 * diagnose.c decides what to emit (the judged references, the
 * redeclarations redecl.c saw, the suggestions); this file only words and
 * emits it.
 */
#include "initcheck.h"

enum ic_suffix {
	SUFFIX_NONE,		/* a note of a finding */
	SUFFIX_RULE,		/* [initcheck:RULE]: a finding */
	SUFFIX_SUGGEST,		/* [initcheck:suggest]: a suggestion */
};

struct ic_message_kind {
	const char *name;	/* what it is, for the reader of this table */
	bool note;		/* a note (after a finding), or a finding */
	bool sarif;		/* in the plugin's SARIF log too */
	enum ic_suffix suffix;
	const char *format;
};

/* The kinds, in the order of enum ic_message_id (initcheck.h). */
static const struct ic_message_kind ic_message_kinds[IC_NMESSAGES] = {
	/* Findings: a reference that breaks a rule in force. */
	[IC_MSG_REFERENCE] = { "reference", false, true, SUFFIX_RULE,
	  "%qs (section %s) %s %s %qs (section %s)" },
	[IC_MSG_INLINED] = { "always-inline", false, true, SUFFIX_RULE,
	  "%qs (section %s) calls always-inline %qs, which %s %s %qs "
	  "(section %s)" },
	[IC_MSG_TOPLEVEL_ASM] = { "top-level asm", false, true, SUFFIX_RULE,
	  "top-level %<asm%> (section %s) references %s %qs (section %s)" },
	[IC_MSG_COMPOUND_LITERAL] = { "compound literal", false, true,
	  SUFFIX_RULE, "compound literal (section %s) %s %s %qs (section %s)" },
	/* A section added by a later declaration (redecl.c). */
	[IC_MSG_REDECL] = { "section-redecl", false, true, SUFFIX_RULE,
	  "%qs is put in section %s here, but an earlier declaration has no "
	  "section" },

	/* Their notes. */
	[IC_MSG_INLINED_HERE] = { "inlined here", true, true, SUFFIX_NONE,
	  "%qs %s %qs here, inlined into %qs" },
	[IC_MSG_DECLARED] = { "declared here", true, true, SUFFIX_NONE,
	  "%qs is declared %s here" },
	[IC_MSG_ALIAS_DECLARED] = { "alias declared here", true, true,
	  SUFFIX_NONE, "%qs is an alias of %qs, declared %s here" },
	[IC_MSG_MARK_SOURCE] = { "mark the source", true, false, SUFFIX_NONE,
	  "%qs is only %s from %<__init%> code; mark it %s" },
	[IC_MSG_RUNS_AFTER_INIT] = { "call chain", true, false, SUFFIX_NONE,
	  "%qs runs after init: %s" },
	[IC_MSG_LITERAL_INIT_ONLY] = { "init-only literal", true, false,
	  SUFFIX_NONE,
	  "only %<__init%> code and data use this compound literal, but it "
	  "is in %s; make it a variable of its own, marked %s" },
	[IC_MSG_EARLIER_DECL] = { "earlier declaration", true, true,
	  SUFFIX_NONE, "earlier declaration of %qs" },

	/* Suggestions (-fplugin-arg-initcheck-suggest): notes of their own,
	   in GCC's output only. */
	[IC_MSG_SUGGEST_FUNCTION] = { "suggest __init", true, false,
	  SUFFIX_SUGGEST,
	  "%qs is only reached from init code; marking it %qs frees its code "
	  "after boot" },
	[IC_MSG_SUGGEST_VARIABLE] = { "suggest __initdata", true, false,
	  SUFFIX_SUGGEST,
	  "%qs is only used by init code; marking it %qs frees its %s bytes "
	  "after boot" },
	[IC_MSG_SUGGEST_FUNCTION_WITH] = { "suggest __init with", true, false,
	  SUFFIX_SUGGEST,
	  "%qs is only reached from init code and from %qs, also suggested; "
	  "marking it %qs together with %qs frees its code after boot" },
	[IC_MSG_SUGGEST_VARIABLE_WITH] = { "suggest __initdata with", true,
	  false, SUFFIX_SUGGEST,
	  "%qs is only used by init code and by %qs, also suggested; marking "
	  "it %qs together with %qs frees its %s bytes after boot" },
	[IC_MSG_SUGGEST_EXIT] = { "suggest __exit", true, false,
	  SUFFIX_SUGGEST,
	  "%qs is only named by the module exit table; marking it %qs "
	  "discards it when built in" },
};

/* The arguments: at most this many, two more for the suffix. */
#define IC_MESSAGE_ARGS 8

void ic_message_start(struct ic_message *m, enum ic_message_id id)
{
	m->id = id;
	m->nargs = 0;
}

static struct ic_message_arg *next_arg(struct ic_message *m)
{
	gcc_assert(m->nargs < IC_MESSAGE_MAX_ARGS);
	return &m->args[m->nargs++];
}

void ic_message_decl(struct ic_message *m, tree decl)
{
	struct ic_message_arg *a = next_arg(m);

	a->decl = decl;
	a->text = NULL;
}

void ic_message_text(struct ic_message *m, const char *text)
{
	struct ic_message_arg *a = next_arg(m);

	a->decl = NULL_TREE;
	a->text = text;
}

/* A decl's name as GCC's %qD shows it in C (c_tree_printer). */
static const char *gcc_name(tree decl)
{
	if (!DECL_NAME(decl))
		return _("({anonymous})");
	return identifier_to_locale(lang_hooks.decl_printable_name(decl, 2));
}

/* ... and as the SARIF log does: the name, UTF-8. */
static const char *sarif_name(tree decl)
{
	if (!DECL_NAME(decl))
		return "({anonymous})";
	return lang_hooks.decl_printable_name(decl, 2);
}

static const char *suffix_tag(const struct ic_message_kind *k,
			      const struct ic_rule *rule)
{
	switch (k->suffix) {
	case SUFFIX_RULE:
		return rule->name;
	case SUFFIX_SUGGEST:
		return "suggest";
	default:
		return NULL;
	}
}

/*
 * Emits M through GCC as KIND at RICHLOC: the arguments as texts, GCC's
 * names for the decls, the suffix's two after them.  The format is the
 * table's, whose every conversion takes a string; the arguments it does
 * not name are not read.
 */
static bool gcc_emit(const struct ic_message *m, diagnostic_t kind,
		     rich_location *richloc, const struct ic_rule *rule)
{
	const struct ic_message_kind *k = &ic_message_kinds[m->id];
	const char *a[IC_MESSAGE_ARGS + 2] = { NULL };
	const char *tag = suffix_tag(k, rule);
	char *format = tag ? concat(k->format, " [%s:%s]", NULL)
			   : xstrdup(k->format);
	unsigned i;
	bool shown;

	STATIC_ASSERT(IC_MESSAGE_MAX_ARGS <= IC_MESSAGE_ARGS);
	for (i = 0; i < m->nargs; i++)
		a[i] = m->args[i].decl ? gcc_name(m->args[i].decl)
				       : m->args[i].text;
	if (tag) {
		a[i++] = IC_NAME;
		a[i++] = tag;
	}
	if (kind == DK_NOTE) {
		inform(richloc, format, a[0], a[1], a[2], a[3], a[4], a[5],
		       a[6], a[7], a[8], a[9]);
		shown = true;
	} else {
		shown = emit_diagnostic(kind, richloc, 0, format, a[0], a[1],
					a[2], a[3], a[4], a[5], a[6], a[7],
					a[8], a[9]);
	}
	free(format);
	return shown;
}

/* M's text for the SARIF log: the same format, ASCII quotes, the names as
   they are.  Malloced. */
static char *sarif_text(const struct ic_message *m)
{
	const char *p = ic_message_kinds[m->id].format;
	unsigned next = 0;
	pretty_printer pp;

	for (; *p; p++) {
		const struct ic_message_arg *a;
		bool quoted;

		if (*p != '%') {
			pp_character(&pp, *p);
			continue;
		}
		switch (*++p) {
		case '%':
			pp_character(&pp, '%');
			break;
		case '<':
		case '>':
			pp_character(&pp, '\'');
			break;
		case 'q':
		case 's':
			quoted = *p == 'q';
			if (quoted)
				p++;
			gcc_assert(*p == 's' && next < m->nargs);
			a = &m->args[next++];
			if (quoted)
				pp_character(&pp, '\'');
			pp_string(&pp, a->decl ? sarif_name(a->decl) : a->text);
			if (quoted)
				pp_character(&pp, '\'');
			break;
		default:
			gcc_unreachable();
		}
	}
	return xstrdup(pp_formatted_text(&pp));
}

/*
 * A finding: M, which breaks RULE at severity SEV (not IC_IGNORE), at
 * RICHLOC.  FIX_TEXT, when not NULL, is the insertion at FIX_LOC that
 * fixes it, which the caller's note shows in GCC's text; GCC's SARIF has
 * no fix-its on notes, so there it goes on the finding itself (no text is
 * printed then).  Whether GCC showed it: the notes follow only if so.
 */
bool ic_emit_finding(const struct ic_message *m, const struct ic_rule *rule,
		     enum ic_severity sev, rich_location *richloc,
		     location_t fix_loc, const char *fix_text)
{
	diagnostic_t kind = ic_diagnostic_kind(sev);
	bool shown, lifted;
	char *text;

	gcc_assert(!ic_message_kinds[m->id].note);
	/* GCC's own SARIF: the rule is the result's ruleId (gcc-common.h). */
	if (ic_gcc_sarif_requested()) {
		ic_gcc_sarif_init();
		ic_gcc_sarif_rule = rule->name;
		if (fix_text)
			richloc->add_fixit_insert_before(fix_loc, fix_text);
	}
	lifted = ic_werror_suspend(kind);
	shown = gcc_emit(m, kind, richloc, rule);
	ic_gcc_sarif_rule = NULL;
	ic_werror_resume(lifted);
	if (shown && ic_message_kinds[m->id].sarif) {
		text = sarif_text(m);
		ic_sarif_result(rule, sev, richloc->get_loc(), text,
				fix_text ? fix_loc : UNKNOWN_LOCATION, fix_text);
		free(text);
	}
	return shown;
}

/* A note: of the finding emitted last, or a suggestion of its own. */
void ic_emit_note(const struct ic_message *m, rich_location *richloc)
{
	char *text;

	gcc_assert(ic_message_kinds[m->id].note);
	gcc_emit(m, DK_NOTE, richloc, NULL);
	if (ic_message_kinds[m->id].sarif) {
		text = sarif_text(m);
		ic_sarif_note(richloc->get_loc(), text);
		free(text);
	}
}
