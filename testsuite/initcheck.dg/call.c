/* A function that outlives init calls __init code: rejected at the call,
   with a note at the callee, however the callee was declared. */
/* { dg-do compile } */
#include <initcheck.h>

int __init setup(void);
extern int __init early_param(int); /* { dg-message "'early_param' is declared __init here" } */

int runtime(void)
{
    return setup();     /* { dg-error "12: 'runtime' \\(section .text\\) calls __init function 'setup' \\(section .init.text\\) \\\[initcheck:init-from-text\\\]" } */
}

int runtime2(int x)
{
    if (x > 1)
        x += early_param(x);    /* { dg-error "14: 'runtime2' \\(section .text\\) calls __init function 'early_param'" } */
    return x;
}

/* A call nested in another call's arguments. */
static int twice(int a) { return 2 * a; }
int runtime3(void)
{
    return twice(setup());  /* { dg-error "18: calls __init function 'setup'" } */
}

int __init setup(void)     /* { dg-message "12: 'setup' is declared __init here" } */
{
    return twice(1);    /* { dg-bogus "init-from" "init may call normal code" } */
}
