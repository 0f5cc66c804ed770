/* error=, warning= and ignore= apply in the order given: for a rule named
   by more than one, the last wins ("all" included). */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-initcheck-error=init-from-text -fplugin-arg-initcheck-warning=init-from-text,init-from-data -fplugin-arg-initcheck-error=init-from-data -fplugin-arg-initcheck-ignore=all -fplugin-arg-initcheck-warning=init-from-rodata -fplugin-arg-initcheck-error=init-from-text -fplugin-arg-initcheck-warning=init-from-text -fplugin-arg-initcheck-error=init-from-data" } */
#include <initcheck.h>

static int __init setup(void) { return 1; }
static int boot_val __initdata = 7;

int run(void)
{
        return setup();         /* { dg-warning "calls __init function 'setup'" } */
}

int *keep = &boot_val;          /* { dg-error "references __initdata variable 'boot_val'" } */
const int *const keep_ro = &boot_val;   /* { dg-warning "references __initdata variable 'boot_val'" } */

void __exit bye(void) { }
void (*exit_hook)(void) = bye;  /* { dg-bogus "bye" } */
