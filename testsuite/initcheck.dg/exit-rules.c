/* References to exit code and data (discarded when built in), and exit
   code reaching init. */
/* { dg-do compile } */
#include <initcheck.h>

static void __exit cleanup(void) { }
static int exit_state __exitdata = 1;
static int __init setup(void) { return 1; }

void runtime(void)
{
    cleanup();                  /* { dg-error "5: 'runtime' \\(section .text\\) calls __exit function 'cleanup' \\(section .exit.text\\) \\\[initcheck:exit-from-text\\\]" } */
}

void (*exit_hook)(void) = cleanup;     /* { dg-error "27: \\\[initcheck:exit-from-data\\\]" } */
int *exit_ptr = &exit_state;           /* { dg-error "17: references __exitdata variable 'exit_state' \\(section .exit.data\\) \\\[initcheck:exit-from-data\\\]" } */

int __init init_uses_exit(void)
{
    cleanup();                  /* { dg-error "5: 'init_uses_exit' \\(section .init.text\\) calls __exit function 'cleanup' \\(section .exit.text\\) \\\[initcheck:exit-from-init\\\]" } */
    return exit_state;          /* { dg-error "12: \\\[initcheck:exit-from-init\\\]" } */
}

void __exit exit_uses_init(void)
{
    setup();                    /* { dg-error "5: 'exit_uses_init' \\(section .exit.text\\) calls __init function 'setup' \\(section .init.text\\) \\\[initcheck:init-from-exit\\\]" } */
}

int __meminit hotplug(void)
{
    return setup();             /* { dg-error "12: 'hotplug' \\(section .meminit.text\\) calls __init function 'setup' \\(section .init.text\\) \\\[initcheck:init-from-meminit\\\]" } */
}

int __init init_uses_meminit(void)
{
    return hotplug();           /* { dg-bogus "from" "init may call meminit" } */
}

void __exit exit_uses_exit(void)
{
    cleanup();                  /* { dg-bogus "from" "exit may call exit" } */
}

/* Read-only data pointing at exit code. */
struct ops { void (*fn)(void); };
const struct ops exit_ops = { cleanup };    /* { dg-error "31: 'exit_ops' \\(section .data.rel.ro|.rodata\\) references __exit function 'cleanup' \\(section .exit.text\\) \\\[initcheck:exit-from-rodata\\\]" } */
const struct ops exit_ops_ok __attribute__((section(".exit.rodata"))) = { cleanup };   /* { dg-bogus "from" "exit data may point to exit code" } */
