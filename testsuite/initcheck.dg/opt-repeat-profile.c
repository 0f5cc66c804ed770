/* profile= given twice: the last wins.  Here strict, so the kernel
   profile's exemption of data named *_ops does not apply. */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-initcheck-profile=kernel -fplugin-arg-initcheck-profile=strict" } */
#include <initcheck.h>

static int __init probe(void) { return 1; }

struct ops { int (*fn)(void); };
struct ops net_ops = { probe };         /* { dg-error "'net_ops' \\(section .data\\) references __init function 'probe'" } */
