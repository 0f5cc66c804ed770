/* -fplugin-arg-initcheck-kernel=VERSION names the kernel whose modpost
   judges, whatever the compilation shows (here a 6.12 tree, judged as
   6.1), and implies the kernel profile. */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-initcheck-kernel=6.1" } */
#include "kernel-tree/6.12/include/generated/autoconf.h"
#include <initcheck.h>

static int __init probe(void) { return 0; }
struct ops { int (*fn)(void); };
struct ops host_template = { probe };       /* { dg-bogus "from" "6.1's *_template" } */
struct ops net_table = { probe };           /* { dg-error "\\\[initcheck:init-from-data\\\]" } */
