/* Calls GCC makes to internal functions have no callee tree (found on
   Linux's include/linux/overflow.h, which crashed the first cut). */
/* { dg-do compile } */
#include <initcheck.h>

static unsigned long limit __initdata = 10;

unsigned long size_mul(unsigned long a, unsigned long b)
{
    unsigned long bytes;

    if (__builtin_mul_overflow(a, b, &bytes))   /* { dg-bogus "init-from" } */
        return -1UL;
    return bytes;
}

unsigned long checked(unsigned long a)
{
    unsigned long r;

    return __builtin_add_overflow(a, limit, &r) ? 0 : r;    /* { dg-error "references __initdata variable 'limit'" } */
}
