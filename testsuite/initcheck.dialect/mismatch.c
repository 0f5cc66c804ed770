/* The same mismatch under every C standard GCC accepts: GCC names its C
   front end after -std ("GNU C89", "GNU C99", "GNU C2X", ...), and every
   one of those names is C.  Written in C90 so that every -std takes it;
   no dg-options: dialect.exp supplies the -std.  */
/* { dg-do compile } */
#include <initcheck.h>

extern int __init board_probe(void); /* { dg-message "19: 'board_probe' is declared __init here" } */
static int __initdata boot_count;     /* { dg-message "23: 'boot_count' is declared __initdata here" } */

int rescan(void)
{
        return board_probe();   /* { dg-error "16: 'rescan' \\(section .text\\) calls __init function 'board_probe' \\(section .init.text\\) \\\[initcheck:init-from-text\\\]" } */
}

int *counter = &boot_count;     /* { dg-error "16: 'counter' \\(section .data\\) references __initdata variable 'boot_count' \\(section .init.data\\) \\\[initcheck:init-from-data\\\]" } */
