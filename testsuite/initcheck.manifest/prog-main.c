/* Manifest input: the program's main, which calls init code first, as a
   boot sequence would, and runtime code after. */
#include <initcheck.h>

int a_init(void) __init;
int b_init(void) __init;
int a_runtime(void);
int b_runtime(void);

static const char greeting[] __initconst = "booting";

int __init start_kernel(void)
{
    return a_init() + b_init() + greeting[0];
}

int __ref main(void)
{
    int r = start_kernel();

    return (r + a_runtime() + b_runtime()) > 0 ? 0 : 1;
}
