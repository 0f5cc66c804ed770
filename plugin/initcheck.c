/*
 * initcheck - reject references from code and data that outlive init to
 * init code and data, at the line that makes them.
 *
 * Code marked __init lives in .init.text and data marked __initdata in
 * .init.data; both are freed after boot.  A function or table that outlives
 * them and still points there is a use-after-free that today only modpost
 * finds, after optimisation, as symbol+offset.  This plugin finds it in the
 * front end, with the same answer at every -O level and under
 * -fsyntax-only.
 *
 * Events used (docs/design.md says why these and not a pass):
 *   PLUGIN_PRE_GENERICIZE  read each function body as parsed
 *   PLUGIN_FINISH_DECL     read each static initializer; top-level asm
 *   PLUGIN_ALL_IPA_PASSES_START  the last top-level asm, before output;
 *                          with move-strings, init-only literals moved
 *   PLUGIN_FINISH_UNIT     the manifest, into the object (manifest.c)
 *   PLUGIN_FINISH          judge everything against the final sections,
 *                          write the SARIF log if asked
 *
 * Usage:
 *   gcc -fplugin=/path/to/initcheck.so [-fplugin-arg-initcheck-KEY=VALUE] ...
 * Options: see options.c, or README.md.
 */
#include "initcheck.h"

int plugin_is_GPL_compatible;



static struct plugin_info ic_info = {
	IC_VERSION,
	NULL,	/* help: filled in from the option table */
};

static void on_pre_genericize(void *gcc_data, void *)
{
	tree fndecl = (tree)gcc_data;
	struct ic_redecl rd;

	ic_rules_note_unit();
	ic_scan_toplevel_asm();
	if (ic_redecl_active() && ic_redecl_seen(fndecl, &rd))
		ic_diagnose_redecl(&rd);
	ic_scan_function(fndecl);
	/* Alive until PLUGIN_FINISH: symbols.c keeps the names it notes. */
	if (!ic_asm_note_decl(fndecl))
		ic_keep_decl(fndecl);
	if (ic_opts.suggest)
		ic_suggest_seen_definition(fndecl);
}

static void on_finish_decl(void *gcc_data, void *)
{
	tree decl = (tree)gcc_data;
	struct ic_redecl rd;

	if (TREE_CODE(decl) != FUNCTION_DECL && !VAR_P(decl))
		return;
	ic_rules_note_unit();
	/* An automatic variable (most declarations of a unit's bodies)
	   holds no reference of its own, is declared once, is no name that
	   asm or an alias can use, and no top-level asm comes between it and
	   the end of its function, where PLUGIN_PRE_GENERICIZE reads the asm
	   parsed before: none of what follows does anything for it. */
	if (VAR_P(decl) && !TREE_STATIC(decl) && !DECL_EXTERNAL(decl)
	    && DECL_CONTEXT(decl)
	    && TREE_CODE(DECL_CONTEXT(decl)) == FUNCTION_DECL)
		return;
	ic_scan_toplevel_asm();
	if (ic_redecl_active() && ic_redecl_seen(decl, &rd))
		ic_diagnose_redecl(&rd);
	ic_scan_decl(decl);
	/* A variable of static storage alive until PLUGIN_FINISH (its
	   initializer was read; redecl.c and suggest.c hold it), a name
	   symbols.c notes kept there. */
	if (!ic_asm_note_decl(decl) && VAR_P(decl) && TREE_STATIC(decl))
		ic_keep_decl(decl);
	if (ic_opts.suggest && VAR_P(decl) && TREE_STATIC(decl))
		ic_suggest_seen_definition(decl);
}

/* Every file the preprocessor enters (rules.c: the kernel's version). */
static void on_include_file(void *gcc_data, void *)
{
	ic_kernel_include_file((const char *)gcc_data);
}

/* After parsing, before GCC outputs (and forgets) the top-level asm. */
static void on_ipa_start(void *, void *)
{
	ic_scan_toplevel_asm();
	ic_suggest_decide();
	ic_strings_move();
}

static void on_finish_unit(void *, void *)
{
	ic_scan_toplevel_asm();
	ic_classify_freeze();
	ic_manifest_finish_unit();
}

static void on_finish(void *, void *)
{
	ic_scan_toplevel_asm();
	ic_classify_freeze();
	ic_manifest_syntax_only();
	ic_diagnose_all();
	ic_diagnose_suggestions();
	ic_sarif_write(ic_opts.sarif);
	ic_refs_release();
	ic_redecl_release();
	ic_asm_release();
	ic_symbols_release();
	ic_judge_release();
	ic_classify_release();
	ic_rules_release();
	ic_diagnose_release();
	ic_suggest_release();
	ic_strings_release();
}

/* The C front end only: the checks read C trees.  GCC names that front end
   after the standard in use (c-family/c-opts.cc, set_std_c*): "GNU C" by
   default, "GNU C89" for c89/c90/gnu89/-ansi/iso9899:199409, "GNU C99",
   "GNU C11", "GNU C17", "GNU C2X" (GCC 11-13), "GNU C23" (GCC 14, 15),
   "GNU C2Y" (GCC 15): match the form, not a list, so the next standard is
   checked too.  C++ is "GNU C++17" and the like.  Objective-C is "GNU
   Objective-C", but set_std_c* renames it too: cc1obj -std=gnu11 is "GNU
   C11" (found by make check CSTD=gnu11), so the front end's own language
   decides that (c_language, gcc-common.h). */
static bool is_c_front_end(void)
{
	const char *name = lang_hooks.name;

	return !ic_objc_front_end() && !ic_cxx_front_end()
	       && !strncmp(name, "GNU C", 5)
	       && (name[5] == '\0' || ISDIGIT(name[5]));
}

/* The front end's name in the "only C is checked" warning. */
static const char *front_end_name(void)
{
	if (ic_objc_front_end() && !ic_cxx_front_end())
		return "GNU Objective-C";
	return lang_hooks.name;
}

int plugin_init(struct plugin_name_args *info,
		struct plugin_gcc_version *version)
{
	const char *name = info->base_name;
	bool ok;

	/* A plugin built for another GCC reads that GCC's tree layout: stop
	   before touching anything, with both versions in one line. */
	if (!plugin_default_version_check(version, &gcc_version)) {
		error("%s: built for GCC %s but loaded by GCC %s; rebuild the "
		      "plugin with this compiler", IC_NAME,
		      gcc_version.basever, version->basever);
		return 0;
	}

	ic_info.help = ic_options_help();
	register_callback(name, PLUGIN_INFO, NULL, &ic_info);

	/* -E, -M, -MM: wrappers (ccache, icecream) preprocess first with the
	   same flags; the compile that follows reports everything once. */
	if (flag_preprocess_only)
		return 0;
	/* Every bad option says so, the rules' and kernels' names too. */
	ok = ic_parse_options(info);
	ok = ic_rules_configure() && ok;
	if (!ok || ic_opts.disable)
		return 0;
	if (ic_opts.help) {
		printf("%s %s: the options, after -fplugin=%s:\n%s\n", IC_NAME,
		       IC_VERSION, info->full_name, ic_options_help());
		return 0;
	}
	/* lto1 sees the flags again at link time: nothing to check there,
	   each unit was checked when its front end ran.  in_lto_p is only set
	   by lto1's own initialisation, after plugin_init: without the name
	   test every -flto link warned "GNU GIMPLE input is compiled
	   unchecked". */
	if (in_lto_p || !strcmp(lang_hooks.name, "GNU GIMPLE"))
		return 0;
	if (!is_c_front_end()) {
		/* A warning -Werror would fail the build on: a mixed C and
		   C++ project asks for silence with no-lang-warning. */
		if (!ic_opts.no_lang_warning)
			warning(0, "%s: only C is checked; %s input is "
				"compiled unchecked", IC_NAME, front_end_name());
		return 0;
	}

	ic_refs_init();
	if (ic_opts.suggest || ic_opts.move_strings)
		ic_walk_set_hooks(&ic_strings_hooks);
	register_callback(name, PLUGIN_REGISTER_GGC_ROOTS, NULL,
			  (void *)ic_refs_ggc_roots);
	register_callback(name, PLUGIN_REGISTER_GGC_ROOTS, NULL,
			  (void *)ic_symbols_ggc_roots);
	register_callback(name, PLUGIN_PRE_GENERICIZE, on_pre_genericize,
			  NULL);
	register_callback(name, PLUGIN_FINISH_DECL, on_finish_decl, NULL);
	register_callback(name, PLUGIN_INCLUDE_FILE, on_include_file, NULL);
	register_callback(name, PLUGIN_ALL_IPA_PASSES_START, on_ipa_start,
			  NULL);
	register_callback(name, PLUGIN_FINISH_UNIT, on_finish_unit, NULL);
	register_callback(name, PLUGIN_FINISH, on_finish, NULL);
	return 0;
}
