/* A branch the condition's constant rules out is no reference: GCC emits
   no code for it at any -O (it drops such arms at -O0 too), as the
   kernel's "if (IS_ENABLED(CONFIG_X) && ...)" relies on.  */
/* { dg-do compile } */
#include <initcheck.h>

#define CONFIG_ON 1
#define IS_ENABLED(x) (x)

static int __init boot_fn(void) { return 1; }
static int boot_val __initdata = 2;

int dead_if(int r)
{
    if (IS_ENABLED(0) && !r)
        boot_fn();                      /* { dg-bogus "init-from" } */
    return r;
}

int dead_or(int r)
{
    return (1 || boot_fn()) + r;        /* { dg-bogus "init-from" } */
}

int dead_cond(int r)
{
    return 0 ? boot_val : r;            /* { dg-bogus "init-from" } */
}

int dead_else(int r)
{
    if (CONFIG_ON)
        return r;
    else
        return boot_fn();               /* { dg-bogus "init-from" } */
}

/* Live: a constant that keeps the branch, and a condition of the run.  */
int live_if(int r)
{
    if (IS_ENABLED(CONFIG_ON) && r)
        boot_fn();                      /* { dg-error "9: 'live_if' \\(section .text\\) calls __init function 'boot_fn'" } */
    return 0 ? r : boot_val;            /* { dg-error "'live_if' \\(section .text\\) references __initdata variable 'boot_val'" } */
}

int live_run(int r)
{
    return r ? boot_fn() : 0;           /* { dg-error "'live_run' \\(section .text\\) calls __init function 'boot_fn'" } */
}
