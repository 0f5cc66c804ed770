/* --predict-free input: a program whose init code and data lie between
   __init_begin and __init_end (free.ld), as a kernel image's do: more
   than two pages of init data, init code, an exit function and an
   initcall, all of them in this unit's manifest; and 8 bytes of a table
   the manifest does not list (.fixup_table, from top-level asm, as the
   kernel's .altinstructions are); and a table the link discards. */
#include <initcheck.h>

static char boot_pool[9000] __initdata = { 1 };
static const int boot_table[5] __initconst = { 1, 2, 3, 5, 8 };
static int counter;

int __init free_init(void)
{
    int s = 0;

    for (int i = 0; i < 5; i++)
        s += boot_table[i] + boot_pool[i * 1000];
    return s;
}

void __exit free_exit(void)
{
    counter = 0;
}

INITCHECK_INITCALL(free_init, 6);

/* The kernel's module_exit() table of a built-in unit: an init table the
   link discards (free.ld, as vmlinux.lds.S does). */
static void (*const free_exitcall)(void) __attribute__((__used__))
    __attribute__((__section__(".exitcall.exit"))) = free_exit;

asm(".pushsection .fixup_table, \"a\"\n\t.p2align 3\n\t.quad 1\n\t.popsection");

int __ref main(void)
{
    return free_init() + counter > 0 ? 0 : 1;
}
