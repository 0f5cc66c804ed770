/* profile= given twice: the last wins (strict here, so the name-based
   exemptions of the kernel profile do not apply). */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-initcheck-profile=kernel -fplugin-arg-initcheck-profile=strict" } */
#include <initcheck.h>

static int __init setup(void) { return 1; }

int setup_probe(void)
{
        return setup();         /* { dg-error "calls __init function 'setup'" } */
}
