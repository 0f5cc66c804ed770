/* GNU C nested functions.  The C front end announces only outermost
   functions (PLUGIN_PRE_GENERICIZE), so a nested body is read through its
   parent; GCC puts a nested function in .text whatever its parent's
   section, so a nested function that uses init data is a mismatch even
   inside an __init function.  No "mark it __init" fix-it for one: GCC 12
   does not emit a nested function that has a section attribute. */
/* { dg-do compile } */
/* { dg-options "-fdiagnostics-parseable-fixits" } */
#include <initcheck.h>

static int __init setup(void) { return 1; }
static int boot_val __initdata = 7;

int __init init_outer(void)
{
        int inner(void) { return boot_val; }    /* { dg-error "34: 'inner' \\(section .text\\) references __initdata variable 'boot_val'" } */
        int fine(void) { return 2; }            /* { dg-bogus "fine" } */
        return inner() + fine() + setup();      /* { dg-bogus "init_outer" } */
}
/* { dg-bogus "mark it __init" "" { target *-*-* } 16 } */
/* { dg-bogus "fix-it:" "" { target *-*-* } 16 } */

int run_outer(void)
{
        int inner2(void) { return setup(); }    /* { dg-error "35: 'inner2' \\(section .text\\) calls __init function 'setup'" } */
        return inner2();
}
/* { dg-message "'inner2' runs after init: 'run_outer' -> 'inner2'" "" { target *-*-* } 23 } */

int run_deeper(void)
{
        int mid(void)
        {
                int deepest(void) { return boot_val; }  /* { dg-error "44: 'deepest' \\(section .text\\) references __initdata variable 'boot_val'" } */
                return deepest();
        }
        return mid();
}
/* { dg-message "'deepest' runs after init: 'run_deeper' -> 'mid' -> 'deepest'" "" { target *-*-* } 30 } */
