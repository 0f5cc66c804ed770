/* -fplugin-arg-initcheck-warn: the same findings, as warnings. */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-initcheck-warn" } */
#include <initcheck.h>

static int __init setup(void) { return 1; }
static int flag __initdata = 1;

int runtime(void)
{
    return setup() + flag;      /* { dg-warning "12: 'runtime' \\(section .text\\) calls __init function 'setup' \\(section .init.text\\) \\\[initcheck:init-from-text\\\]" } */
    /* { dg-warning "20: references __initdata variable 'flag'" "" { target *-*-* } .-1 } */
    /* { dg-bogus "error:" "" { target *-*-* } .-2 } */
}
