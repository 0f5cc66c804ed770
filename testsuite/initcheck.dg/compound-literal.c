/* Compound literals.  At file scope one is a static object of its own
   (GCC names it __compound_literal.N and puts it in .data, or .rodata when
   it is const), whatever the section of the variable it initializes: what
   it holds is judged as that object's, at the literal's line.  In a
   function it is an automatic object, part of the function.  */
/* { dg-do compile } */
#include <initcheck.h>

struct ops { int (*fn)(void); int *arg; };

static int __init setup(void) { return 0; }
static int boot_arg __initdata = 3;
int run(void) { return 1; }

struct ops *p = &(struct ops){ .fn = setup };  /* { dg-error "38: compound literal \\(section .data\\) references __init function 'setup' \\(section .init.text\\) \\\[initcheck:init-from-data\\\]" } */

int (**table)(void) = (int (*[])(void)){ run, setup, 0 };  /* { dg-error "47: compound literal \\(section .data\\) references __init function 'setup'" } */

struct ops *q = &(struct ops){ .fn = run, .arg = &boot_arg };  /* { dg-error "compound literal \\(section .data\\) references __initdata variable 'boot_arg'" } */

/* The literal stays in .data though the pointer to it is __initdata. */
static struct ops *boot_ops __initdata = &(struct ops){ .fn = setup };  /* { dg-error "63: compound literal \\(section .data\\) references __init function 'setup'" } */
/* { dg-message "55: only '__init' code and data use this compound literal, but it is in .data; make it a variable of its own, marked __initdata" "" { target *-*-* } .-1 } */

int __init use_boot_ops(void) { return boot_ops->fn(); }

/* const: .rodata or .data.rel.ro, under the rodata rule. */
const struct ops *cq = &(const struct ops){ setup };  /* { dg-error "compound literal \\(section .data.rel.ro|.rodata\\) references __init function 'setup' \\(section .init.text\\) \\\[initcheck:init-from-rodata\\\]" } */

/* Fine: a literal of runtime pointers, and one that only __init code
   reads through an automatic literal.  */
struct ops *fine = &(struct ops){ .fn = run };  /* { dg-bogus "init-from" } */

int __init boot_only(void)
{
    struct ops *o = &(struct ops){ .fn = setup, .arg = &boot_arg };  /* { dg-bogus "init-from" } */
    return o->fn();
}

/* In a runtime function the literal is the function's own. */
int later(void)
{
    struct ops *o = &(struct ops){ .fn = setup };  /* { dg-error "42: 'later' \\(section .text\\) references __init function 'setup'" } */
    return o->fn();
}

/* Every use of the automatic literal's address in __init code is fine,
   and the note is the declaration's.  */
/* { dg-message "'setup' is declared __init here" "" { target *-*-* } 11 } */
