/* A kernel with no table of its own (5.10 here) is judged by the newest
   table, with one note saying so. */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-initcheck-profile=kernel" } */
#include "kernel-tree/5.10/include/generated/autoconf.h"
#include <initcheck.h>

static int __init probe(void) { return 0; }
struct ops { int (*fn)(void); };
struct ops host_template = { probe };       /* { dg-error "\\\[initcheck:init-from-data\\\]" "judged as 6.12" } */
struct ops net_ops = { probe };             /* { dg-bogus "from" } */

/* { dg-message "initcheck: no table for Linux 5.10 \\(\[^)\]*kernel-tree/5.10/include/generated/uapi/linux/version.h\\); judging by the modpost of Linux 6.12; name one with '-fplugin-arg-initcheck-kernel=' \\(6.1, 6.12\\)" "" { target *-*-* } 0 } */
