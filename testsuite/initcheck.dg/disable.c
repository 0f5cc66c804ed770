/* -fplugin-arg-initcheck-disable: loaded, checks nothing. */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-initcheck-disable" } */
#include <initcheck.h>

static int __init setup(void) { return 1; }
int runtime(void) { return setup(); }   /* { dg-bogus "initcheck" } */
