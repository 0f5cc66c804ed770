/* A symbol first declared without a section and later put in init or exit:
   code that sees only the first declaration treats it as normal. */
/* { dg-do compile } */
#include <initcheck.h>

int board_setup(void);          /* { dg-message "5: earlier declaration of 'board_setup'" } */
int __init board_setup(void)    /* { dg-warning "12: 'board_setup' is put in section .init.text here, but an earlier declaration has no section \\\[initcheck:section-redecl\\\]" } */
{
    return 0;
}

extern int boot_mode;           /* { dg-message "12: earlier declaration of 'boot_mode'" } */
int boot_mode __initdata = 2;   /* { dg-warning "'boot_mode' is put in section .init.data here" } */

/* Agreeing declarations are fine, as is a marker on the prototype only
   (the definition inherits it, as GCC merges them). */
int __init both(void);
int __init both(void) { return 1; }     /* { dg-bogus "section-redecl" } */
void __exit quit(void);
void quit(void) { }                     /* { dg-bogus "section-redecl" } */
