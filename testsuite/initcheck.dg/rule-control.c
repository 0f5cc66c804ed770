/* Per-rule control: ignore one rule, make another a warning. */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-initcheck-ignore=init-from-data -fplugin-arg-initcheck-warning=init-from-text" } */
#include <initcheck.h>

static int __init setup(void) { return 1; }

int (*ptr)(void) = setup;       /* { dg-bogus "init-from" "ignored rule" } */

int runtime(void)
{
    return setup();             /* { dg-warning "calls __init function 'setup' \\(section .init.text\\) \\\[initcheck:init-from-text\\\]" } */
}
