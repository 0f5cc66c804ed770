/* C23: a compound literal with the storage class static is a static
   object even in a function, in .data whatever the function's section,
   and GCC names it __compound_literal.N.  What it holds is judged as that
   object's, at every -O.  */
/* { dg-do compile } */
#include <initcheck.h>

struct ops { int (*fn)(void); };

static int __init setup(void) { return 0; }
int run(void) { return 1; }

int later(void)
{
    struct ops *o = &(static struct ops){ setup };  /* { dg-error "43: compound literal \\(section .data\\) references __init function 'setup' \\(section .init.text\\) \\\[initcheck:init-from-data\\\]" } */
    return o->fn();
}

/* In an __init function too: the literal outlives the function's code. */
int __init boot(void)
{
    struct ops *o = &(static struct ops){ .fn = setup };  /* { dg-error "49: compound literal \\(section .data\\) references __init function 'setup'" } */
    /* { dg-message "41: only '__init' code and data use this compound literal, but it is in .data; make it a variable of its own, marked __initdata" "" { target *-*-* } .-1 } */
    return o->fn();
}

int fine(void)
{
    struct ops *o = &(static struct ops){ run };  /* { dg-bogus "init-from" } */
    return o->fn();
}
