/* -fplugin-arg-initcheck-warn means what CONFIG_SECTION_MISMATCH_WARN_ONLY
   means: the findings are warnings that -Werror (CONFIG_WERROR, on in
   x86_64 defconfig) does not turn back into errors (GCC's own warnings
   still are: "all warnings being treated as errors"). */
/* { dg-do compile } */
/* { dg-options "-Werror -fplugin-arg-initcheck-warn" } */
#include <initcheck.h>

static int __init probe(void) { return 0; }
int runtime(void) { return probe(); }       /* { dg-warning "calls __init function 'probe' \\(section .init.text\\) \\\[initcheck:init-from-text\\\]" } */
struct ops { int (*fn)(void); };
struct ops net_table = { probe };           /* { dg-warning "\\\[initcheck:init-from-data\\\]" } */

