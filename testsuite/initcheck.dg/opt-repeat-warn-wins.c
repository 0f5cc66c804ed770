/* warn is CONFIG_SECTION_MISMATCH_WARN_ONLY: every error becomes a
   warning, whatever error= says and in whichever order they come. */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-initcheck-error=all -fplugin-arg-initcheck-warn -fplugin-arg-initcheck-error=init-from-text" } */
#include <initcheck.h>

static int __init setup(void) { return 1; }
static int boot_val __initdata = 7;

int run(void)
{
        return setup();         /* { dg-warning "calls __init function 'setup'" } */
}

int *keep = &boot_val;          /* { dg-warning "references __initdata variable 'boot_val'" } */
