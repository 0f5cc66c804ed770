/* A flag given twice is the flag once. */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-initcheck-warn -fplugin-arg-initcheck-warn" } */
#include <initcheck.h>

static int __init setup(void) { return 1; }

int run(void)
{
        return setup();         /* { dg-warning "calls __init function 'setup'" } */
}
