/*
 * gcc-common.h - every GCC header initcheck uses, in the order GCC needs
 * them (and the three system headers it adds, after GCC's system.h), and
 * every difference between the GCC versions it builds with (11 to 15), as
 * the kernel's scripts/gcc-plugins/gcc-common.h does (BUILDING_GCC_VERSION,
 * from GCC's own bversion.h).
 *
 * Every other file of the plugin includes initcheck.h, which includes this
 * one and the record's header the tools share (include/initcheck-record.h),
 * and nothing else; no other file tests the GCC version:
 *	grep -rn 'GCC_VERSION\|#include' plugin/
 * Each shim says which GCC changed what (checked in that GCC's installed
 * plugin headers, docs/portability.md):
 *
 *   GCC 13  a const volatile variable is read-only data, not data
 *           (IC_CONST_VOLATILE_READONLY); -fdiagnostics-format=sarif-file
 *           writes SARIF, whose ruleId GCC takes from the option-name
 *           callback (ic_gcc_option_name_first below)
 *   GCC 14  json::value::print takes a second argument, "formatted"
 *           (ic_json_print); the option-name callback is behind
 *           diagnostic_context's m_option_callbacks; -Werror's flag is
 *           behind accessors (ic_werror_requested)
 *   GCC 15  json::object::set and json::array::append take
 *           std::unique_ptr too (the raw-pointer ones, used here, stay);
 *           option names come from a diagnostic_option_manager object;
 *           -fdiagnostics-add-output= and -set-output= choose SARIF too
 *           (IC_IS_FORMAT_OPTION)
 * No shim needed: json::object's set_string & co. (13 on; the plugin uses
 * set()), rich_location's move from line-map.h to rich-location.h (14,
 * both libcpp's, brought in by coretypes.h in every version).
 */
#ifndef INITCHECK_GCC_COMMON_H
#define INITCHECK_GCC_COMMON_H

#include "bversion.h"
#define BUILDING_GCC_VERSION (BUILDING_GCC_MAJOR * 1000 + BUILDING_GCC_MINOR)

#if BUILDING_GCC_VERSION < 11000
#error "initcheck needs GCC 11 or later"
#endif

#include "gcc-plugin.h"
#include "config.h"
#include "system.h"
#include "coretypes.h"
#include "tm.h"
#include "tree.h"
#include "stringpool.h"
#include "attribs.h"
#include "cgraph.h"
#include "varasm.h"
#include "output.h"
#include "c-family/c-common.h"
#include "c-family/c-pragma.h"
#include "toplev.h"
#include "intl.h"
#include "diagnostic.h"
#include "gcc-rich-location.h"
#include "tree-iterator.h"
#include "langhooks.h"
#include "ggc.h"
#include "hash-set.h"
#include "hash-map.h"
#include "json.h"
#include "basic-block.h"
#include "function.h"
#include "gimple.h"
#include "gimple-iterator.h"
#include "gimple-expr.h"
#include "opts.h"

/* gcc_version: the GCC this plugin is built for.  plugin-version.h defines
   it as a static in every file that includes it; most do not use it. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-variable"
#include "plugin-version.h"
#pragma GCC diagnostic pop

#include "cpplib.h"		/* cpp_defined; parse_in: c-family/c-pragma.h */

#include <fnmatch.h>		/* rules.c, classify.c: section patterns */
#include <zlib.h>		/* manifest.c: the record, compressed */
#include <sys/mman.h>		/* references.c: the references' chunks */

/*
 * Whether macro NAME is defined in the unit being parsed.  The C family's
 * preprocessor, parse_in, and libcpp's cpp_defined() are cc1's (cc1plus,
 * cc1obj); lto1, which loads the plugin too on an -flto link, may have
 * neither, and a plain reference would fail the plugin's loading there:
 * both are referred to weakly, and are NULL there.
 */
#pragma weak parse_in
#pragma weak cpp_defined
static inline bool ic_macro_defined(const char *name)
{
	return &parse_in && &cpp_defined && parse_in
	       && cpp_defined(parse_in, (const unsigned char *)name,
			      strlen(name));
}

/*
 * Which C-family front end this is: c_language, each front end's own
 * constant (clk_c in cc1, clk_objc in cc1obj, clk_cxx in cc1plus,
 * clk_objcxx in cc1objplus; c-family/c-common.h, the same in GCC 11 to
 * 15).  lang_hooks.name does not say: a C -std= renames cc1obj after the
 * standard ("GNU C11", c-opts.cc's set_std_c*).  lto1 has no c_language:
 * weak, as above, and there neither is true.
 */
#pragma weak c_language
static inline bool ic_objc_front_end(void)
{
	return &c_language && c_dialect_objc();
}
static inline bool ic_cxx_front_end(void)
{
	return &c_language && c_dialect_cxx();
}

/*
 * json::value::print: GCC 14 added "bool formatted" (pretty-printing).
 * A class of the plugin that derives from json::value declares
 *	void print(IC_JSON_PRINT_PARAMS) const final override;
 * and prints a value with ic_json_print(v, pp), compact on every GCC.
 */
#if BUILDING_GCC_VERSION >= 14000
#define IC_JSON_PRINT_PARAMS pretty_printer *pp, bool formatted ATTRIBUTE_UNUSED
#define ic_json_print(v, pp) ((v)->print((pp), false))
#else
#define IC_JSON_PRINT_PARAMS pretty_printer *pp
#define ic_json_print(v, pp) ((v)->print(pp))
#endif

/*
 * Where a const volatile variable goes: GCC 11 and 12 put it with the
 * data (.data, .data.rel.local), GCC 13 on with the read-only data
 * (.rodata, .data.rel.ro.local): categorize_decl_for_section no longer
 * counts volatile as a side effect.  Seen on csmith's
 * "static int *const volatile g[]" (fuzz seed 22, docs/reliability.md).
 */
#define IC_CONST_VOLATILE_READONLY (BUILDING_GCC_VERSION >= 13000)

/*
 * GCC's own SARIF (-fdiagnostics-format=sarif-file, GCC 13 on): a result's
 * ruleId is what the diagnostic context's option-name callback returns for
 * it (the -W option of a warning), else the bare kind ("error").  The
 * plugin's diagnostics have no option, so it wraps that callback:
 * ic_gcc_sarif_rule (set by findings.c around one finding) names the rule
 * while GCC's SARIF writer asks, and every other question goes to GCC's own
 * callback.  GCC's text output asks the same callback for its " [-Wfoo]"
 * suffix; the message already ends in [initcheck:RULE], so the wrapper
 * answers only when GCC writes SARIF (ic_gcc_sarif_requested).
 *
 * Notes inside the finding's diagnostic group become relatedLocations;
 * GCC's SARIF ignores a note's fix-its, so with GCC's SARIF the fix-it is
 * also put on the finding itself (no text is printed then).  The wrapper
 * is gcc-sarif.c's (initcheck.h); how it is installed, per GCC, below.
 */

/* The options that choose GCC's output format: -fdiagnostics-format=
   (GCC 13, 14: text, json..., sarif-stderr, sarif-file); GCC 15 adds
   -fdiagnostics-add-output= and -fdiagnostics-set-output= (sarif:...). */
#if BUILDING_GCC_VERSION >= 15000
#define IC_IS_FORMAT_OPTION(i) ((i) == OPT_fdiagnostics_format_ \
				|| (i) == OPT_fdiagnostics_set_output_)
#define IC_IS_ADD_OUTPUT_OPTION(i) ((i) == OPT_fdiagnostics_add_output_)
#else
#define IC_IS_FORMAT_OPTION(i) ((i) == OPT_fdiagnostics_format_)
#define IC_IS_ADD_OUTPUT_OPTION(i) ((void)(i), false)
#endif

/*
 * ic_gcc_option_name_first(dc, first): DC asks FIRST for a diagnostic's
 * option name before its own callback; FIRST returns malloced text, or
 * NULL to let GCC answer.
 *   GCC 11-13  a public function pointer, dc->option_name
 *   GCC 14     private, set with set_option_hooks(); what GCC set there is
 *              its own option_enabled, option_name and get_option_url
 *              (opts.h, opts-diagnostic.h), so those are put back
 *   GCC 15     a diagnostic_option_manager object, wrapped
 */
typedef char *(*ic_option_name_first_fn)(void);

static inline ic_option_name_first_fn &ic_option_name_first_slot(void)
{
	static ic_option_name_first_fn first;
	return first;
}

#if BUILDING_GCC_VERSION < 14000
typedef char *(*ic_gcc_option_name_fn)(diagnostic_context *, int,
				       diagnostic_t, diagnostic_t);

static inline ic_gcc_option_name_fn &ic_gcc_option_name_slot(void)
{
	static ic_gcc_option_name_fn gcc_own;
	return gcc_own;
}

static inline char *ic_gcc_option_name(diagnostic_context *dc, int opt,
				       diagnostic_t orig, diagnostic_t kind)
{
	char *s = ic_option_name_first_slot()();

	if (s || !ic_gcc_option_name_slot())
		return s;
	return ic_gcc_option_name_slot()(dc, opt, orig, kind);
}

static inline void ic_gcc_option_name_first(diagnostic_context *dc,
					    ic_option_name_first_fn first)
{
	ic_option_name_first_slot() = first;
	ic_gcc_option_name_slot() = dc->option_name;
	dc->option_name = ic_gcc_option_name;
}
#elif BUILDING_GCC_VERSION < 15000
#include "opts-diagnostic.h"

static inline char *ic_gcc_option_name(const diagnostic_context *dc, int opt,
				       diagnostic_t orig, diagnostic_t kind)
{
	char *s = ic_option_name_first_slot()();

	return s ? s : option_name(dc, opt, orig, kind);
}

static inline void ic_gcc_option_name_first(diagnostic_context *dc,
					    ic_option_name_first_fn first)
{
	ic_option_name_first_slot() = first;
	dc->set_option_hooks(option_enabled, &global_options,
			     ic_gcc_option_name, get_option_url,
			     dc->get_lang_mask());
}
#else
#include "opts-diagnostic.h"

/* compiler_diagnostic_option_manager's make_option_name is final: this
   one holds GCC's own manager, asks FIRST, then it. */
class ic_option_manager : public diagnostic_option_manager {
public:
	explicit ic_option_manager(const diagnostic_context &dc)
		: m_gcc(dc, dc.get_lang_mask(), &global_options) {}
	int option_enabled_p(diagnostic_option_id id) const final override
	{
		return m_gcc.option_enabled_p(id);
	}
	char *make_option_name(diagnostic_option_id id, diagnostic_t orig,
			       diagnostic_t kind) const final override
	{
		char *s = ic_option_name_first_slot()();

		return s ? s : m_gcc.make_option_name(id, orig, kind);
	}
	char *make_option_url(diagnostic_option_id id) const final override
	{
		return m_gcc.make_option_url(id);
	}

private:
	compiler_diagnostic_option_manager m_gcc;
};

static inline void ic_gcc_option_name_first(diagnostic_context *dc,
					    ic_option_name_first_fn first)
{
	ic_option_name_first_slot() = first;
	dc->set_option_manager(std::unique_ptr<diagnostic_option_manager>(
				       new ic_option_manager(*dc)),
			       dc->get_lang_mask());
}
#endif

/* Whether -Werror was given, and setting it: a public field of the
   diagnostic context up to GCC 13, behind accessors from GCC 14. */
#if BUILDING_GCC_VERSION >= 14000
#define ic_werror_requested() (global_dc->warning_as_error_requested_p())
#define ic_set_werror_requested(v) \
	(global_dc->set_warning_as_error_requested(v))
#else
#define ic_werror_requested() (global_dc->warning_as_error_requested)
#define ic_set_werror_requested(v) \
	(global_dc->warning_as_error_requested = (v))
#endif

#endif /* INITCHECK_GCC_COMMON_H */
