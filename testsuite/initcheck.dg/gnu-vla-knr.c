/* A VLA's size expression is evaluated at run time, in the function that
   declares it (sizeof of a VLA type too); K&R definitions are functions
   like any other. */
/* { dg-do compile } */
/* { dg-options "-Wno-old-style-definition" } */
#include <initcheck.h>

static int __init setup(void) { return 1; }
static int boot_val __initdata = 7;

int vla(void)
{
        char buf[setup()];                      /* { dg-error "18: 'vla' \\(section .text\\) calls __init function 'setup'" } */
        return sizeof buf;
}

int vla_sizeof(void)
{
        return sizeof(char[boot_val]);          /* { dg-error "references __initdata variable 'boot_val'" } */
}

int vla_param(int n, int a[setup() + n])        /* { dg-error "calls __init function 'setup'" } */
{
        return a[0];
}

int __init vla_init(void)
{
        char buf[setup() + boot_val];           /* { dg-bogus "vla_init" } */
        return sizeof buf;
}

int knr(a, b)
        int a;
        char *b;
{
        return a + setup() + (b != 0);          /* { dg-error "20: 'knr' \\(section .text\\) calls __init function 'setup'" } */
}

int __init knr_init(a)
        int a;
{
        return a + setup() + boot_val;          /* { dg-bogus "knr_init" } */
}

int knr_caller()
{
        return knr_init(1);                     /* { dg-error "calls __init function 'knr_init'" } */
}
