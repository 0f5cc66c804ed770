/* Manifest input: init code of several sizes, init data and rodata, exit
   code, an initcall, and a static __init function GCC may inline, clone
   (constprop) or keep, depending on the flags. */
#include <initcheck.h>

static char boot_buf[300] __initdata = { 1 };
static const int boot_table[7] __initconst = { 1, 2, 3, 5, 8, 13, 21 };
static int counter;

static int __init scale(int x, int k)
{
    int s = 0;

    for (int i = 0; i < k; i++)
        s += x * boot_table[i % 7] + boot_buf[i];
    return s;
}

int __init a_init(void)
{
    return scale(3, 5) + scale(counter, 7);
}

void __exit a_exit(void)
{
    counter = 0;
}

int a_runtime(void)
{
    return ++counter;
}

INITCHECK_INITCALL(a_init, 6);
