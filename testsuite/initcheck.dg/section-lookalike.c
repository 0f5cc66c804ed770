/* Section names that only look like init, and one that is init.  Linux
   6.1's include/asm-generic/vmlinux.lds.h: INIT_TEXT is
   "*(.init.text .init.text.*)", and modpost's INIT_SECTIONS is ".init.*",
   so .init.text.unlikely is init.  DATA_MAIN ".data.[0-9a-zA-Z_]*" and
   TEXT_MAIN ".text.[0-9a-zA-Z_]*" put .data.init and .text.init with
   .data and .text: they outlive init.  .init_array is inside INIT_DATA
   (KERNEL_CTORS, CONFIG_CONSTRUCTORS) or discarded (SANITIZER_DISCARDS):
   a table freed with init, which may point at it. */
/* { dg-do compile } */
#include <initcheck.h>

static int __init setup(void) { return 1; }

int (*in_data_init)(void) __attribute__((section(".data.init"))) = setup;       /* { dg-error "'in_data_init' \\(section .data.init\\) references __init function 'setup' \\(section .init.text\\) \\\[initcheck:init-from-data\\\]" } */
static int (*ctor)(void) __attribute__((section(".init_array"), used)) = setup; /* { dg-bogus "ctor" } */

int in_text_init(void) __attribute__((section(".text.init")));
int in_text_init(void)
{
        return setup();                         /* { dg-error "'in_text_init' \\(section .text.init\\) calls __init function 'setup'" } */
}

int cold_init(void) __attribute__((section(".init.text.unlikely")));
int cold_init(void)
{
        return setup();                         /* { dg-bogus "cold_init" } */
}

int data_init_var __attribute__((section(".data.init"))) = 3;
int text_init_var __attribute__((section(".text.init.data"))) = 3;

int runtime(void)
{
        return data_init_var + text_init_var    /* { dg-bogus "_init_var" } */
               + cold_init();                   /* { dg-error "'runtime' \\(section .text\\) calls init function 'cold_init' \\(section .init.text.unlikely\\)" } */
}
