/* An always-inline static function is part of each caller, whatever -O
   says: what it refers to is judged at each call, against the caller's
   section (the kernel's memblock_alloc() wraps __init code this way). */
/* { dg-do compile } */
#include <initcheck.h>

#define __always_inline inline __attribute__((__always_inline__))

static int __init alloc_try(int size) { return size; }   /* { dg-message "19: 'alloc_try' is declared __init here" } */

static __always_inline int alloc(int size)
{
    return alloc_try(size);     /* { dg-bogus "error" "judged at the callers" } */
    /* { dg-message "12: 'alloc' calls 'alloc_try' here, inlined into 'runtime'" "" { target *-*-* } .-1 } */
    /* { dg-message "12: 'alloc' calls 'alloc_try' here, inlined into 'runtime2'" "" { target *-*-* } .-2 } */
}

static __always_inline int alloc_twice(int size)
{
    return alloc(size) + alloc(1);
}

static __always_inline int never_called(void)
{
    return alloc_try(3);        /* { dg-bogus "error" "not called anywhere" } */
}

int __init boot(void)
{
    return alloc(4) + alloc_twice(2);   /* { dg-bogus "error" "init callers are fine" } */
}

int runtime(void)
{
    return alloc(8);            /* { dg-error "12: 'runtime' \\(section .text\\) calls always-inline 'alloc', which calls __init function 'alloc_try' \\(section .init.text\\) \\\[initcheck:init-from-text\\\]" } */
}

int runtime2(void)
{
    return alloc_twice(8);      /* { dg-error "12: 'runtime2' \\(section .text\\) calls always-inline 'alloc_twice', which calls __init function 'alloc_try'" } */
}

/* A plain static inline may be emitted out of line: judged as itself. */
static inline int maybe_inlined(void)    /* { dg-message "19: 'maybe_inlined' is only called from '__init' code; mark it __init" } */
{
    return alloc_try(1);        /* { dg-error "12: 'maybe_inlined' \\(section .text\\) calls __init function 'alloc_try'" } */
}

int __init boot2(void) { return maybe_inlined(); }
