/* References buried in expressions: casts, conditional operators,
   statement expressions, compound literals, asm operands, comma. */
/* { dg-do compile } */
#include <initcheck.h>

static int __init setup(void) { return 1; }
static int boot_val __initdata = 7;
struct ops { int (*fn)(void); int v; };

/* An asm operand that is a symbol's address: "i" on x86, "S" on aarch64,
   whose "i" takes no symbol. */
#ifdef __aarch64__
#define ADDRESS "S"
#else
#define ADDRESS "i"
#endif

long cast(void)
{
    return (long)(unsigned long)(void *)setup;  /* { dg-error "references __init function 'setup'" } */
}

int cond(int a)
{
    return a ? 0 : setup();     /* { dg-error "20: calls __init function 'setup'" } */
}

int stmt_expr(void)
{
    return ({ int t = boot_val; t + 1; });  /* { dg-error "references __initdata variable 'boot_val'" } */
}

int compound_literal(void)
{
    struct ops *o = &(struct ops){ .fn = setup, .v = 0 };  /* { dg-error "references __init function 'setup'" } */
    return o->v;
}

void asm_operand(void)
{
    __asm__ volatile("" : : "r"(boot_val));    /* { dg-error "references __initdata variable 'boot_val'" } */
    __asm__ volatile("" : : ADDRESS(setup));       /* { dg-error "references __init function 'setup'" } */
}

int comma(void)
{
    int x = (setup(), 2);       /* { dg-error "calls __init function 'setup'" } */
    return x;
}

int nested_calls(int (*f)(int))
{
    return f(f(boot_val));      /* { dg-error "references __initdata variable 'boot_val'" } */
}
