/* Build-system test project: the init half. */
#include <initcheck.h>

static int boot_args[8] __initdata = { 1, 2, 3 };

int __init boot(void)
{
    int s = 0;

    for (int i = 0; i < 8; i++)
        s += boot_args[i];
    return s;
}
