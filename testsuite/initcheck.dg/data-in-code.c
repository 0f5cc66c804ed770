/* Reads and writes of __initdata and __initconst variables from code that
   outlives init. */
/* { dg-do compile } */
#include <initcheck.h>

static int boot_flag __initdata = 1;        /* { dg-message "'boot_flag' is declared __initdata here" } */
static const char banner[] __initconst = "hi";  /* { dg-message "'banner' is declared __initconst here" } */
static struct { int a, b; } cfg __initdata = { 1, 2 };  /* { dg-message "'cfg' is declared __initdata here" } */
static int table[4] __initdata = { 1, 2, 3, 4 };    /* { dg-message "'table' is declared __initdata here" } */

int read_flag(void)
{
    return boot_flag;   /* { dg-error "12: 'read_flag' \\(section .text\\) references __initdata variable 'boot_flag' \\(section .init.data\\)" } */
}

void write_flag(void)
{
    boot_flag = 0;      /* { dg-error "5: references __initdata variable 'boot_flag'" } */
    boot_flag++;        /* { dg-error "5: references __initdata variable 'boot_flag'" } */
}

char first(void)
{
    return banner[0];   /* { dg-error "12: references __initconst variable 'banner' \\(section .init.rodata\\)" } */
}

int member(int i)
{
    return cfg.b + table[i & 3];    /* { dg-error "12: references __initdata variable 'cfg'" } */
    /* { dg-error "20: references __initdata variable 'table'" "" { target *-*-* } .-1 } */
}

long as_long(void)
{
    return (long)&table[1]; /* { dg-error "references __initdata variable 'table'" } */
}
