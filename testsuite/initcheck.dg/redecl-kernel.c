/* The kernel's init.h allows __init on the definition alone: the kernel
   profile does not warn about it. */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-initcheck-kernel=6.12" } */
#include <initcheck.h>

int board_setup(void);
int __init board_setup(void)    /* { dg-bogus "section-redecl" } */
{
    return 0;
}
