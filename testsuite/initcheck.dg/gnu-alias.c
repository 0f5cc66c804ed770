/* alias and weak.  An alias is another name for its target's address:
   GCC emits it in the target's section (f below is in .init.text; an
   alias declared with another section is GCC's own error, "section of
   alias must match section of its target").  So a call through the alias
   is a call into init, as modpost would see it.  A weak __init function
   is an __init function. */
/* { dg-do compile } */
#include <initcheck.h>

int __init init_fn(void) { return 1; }
int boot_val __initdata = 7;
int run_fn(void) { return 2; }

int f(void) __attribute__((alias("init_fn")));
int w(void) __attribute__((weak, alias("init_fn")));
extern int bv_alias __attribute__((alias("boot_val")));
int ff(void) __attribute__((alias("f")));
int run_alias(void) __attribute__((alias("run_fn")));
int __init weak_init(void) __attribute__((weak));
int __init weak_init(void) { return 3; }

int use_f(void) { return f(); }         /* { dg-error "26: 'use_f' \\(section .text\\) calls __init function 'f' \\(section .init.text\\)" } */
int use_w(void) { return w(); }         /* { dg-error "26: calls __init function 'w'" } */
int use_bv(void) { return bv_alias; }   /* { dg-error "references __initdata variable 'bv_alias'" } */
int use_ff(void) { return ff(); }       /* { dg-error "calls __init function 'ff'" } */
int use_run_alias(void) { return run_alias(); } /* { dg-bogus "run_alias" } */
int use_weak_init(void) { return weak_init(); } /* { dg-error "calls __init function 'weak_init'" } */
int (*keep_f)(void) = f;                /* { dg-error "23: 'keep_f' \\(section .data\\) references __init function 'f'" } */
int __init init_use(void) { return f() + ff() + w() + bv_alias; }       /* { dg-bogus "init_use" } */

/* { dg-message "'f' is an alias of 'init_fn', declared __init here" "" { target *-*-* } 10 } */
/* { dg-message "'bv_alias' is an alias of 'boot_val', declared __initdata here" "" { target *-*-* } 11 } */
