/* GNU C labels as values: &&label is an address inside the function that
   holds the label.  A static table of them in an __init function is data
   that outlives init and points into .init.text; the same in a runtime
   function, or an automatic pointer in either, is fine. */
/* { dg-do compile } */
#include <initcheck.h>

static int __init setup(void) { return 1; }
static int boot_val __initdata = 7;

int __init init_labels(int i)
{
        static void *tab[] = { &&a, &&b };      /* { dg-error "32: 'tab' \\(section .data\\) references __init function 'init_labels'" } */
        void *p = i > 4 ? &&a : &&b;            /* { dg-bogus "init_labels" } */

        if (i > 8)
                goto *p;
        goto *tab[i & 1];
a:      return setup();                         /* { dg-bogus "setup" } */
b:      return boot_val;                        /* { dg-bogus "boot_val" } */
}
/* { dg-error "37: 'tab' \\(section .data\\) references __init function 'init_labels'" "" { target *-*-* } 13 } */

int run_labels(int i)
{
        static const void *const tab[] = { &&x, &&y };  /* { dg-bogus "run_labels" } */
        void *p = i ? &&x : &&y;                /* { dg-bogus "run_labels" } */

        if (i > 1)
                goto *tab[i & 1];
        goto *p;
x:      return setup();                         /* { dg-error "16: 'run_labels' \\(section .text\\) calls __init function 'setup'" } */
y:      return 0;
}
