/* The verdict uses the section a symbol ends up with in the translation
   unit: a reference made before the __init definition is seen still counts,
   and so does a call to an extern declared __init. */
/* { dg-do compile } */
#include <initcheck.h>

int setup(void);                /* { dg-message "5: earlier declaration of 'setup'" } */
extern int __init platform_setup(void);     /* { dg-message "'platform_setup' is declared __init here" } */

int early_use(void)
{
    return setup();             /* { dg-error "12: 'early_use' \\(section .text\\) calls __init function 'setup'" } */
}

int ext_use(void)
{
    return platform_setup();    /* { dg-error "12: calls __init function 'platform_setup'" } */
}

int (*early_ptr)(void) = setup; /* { dg-error "'early_ptr' \\(section .data\\) references __init function 'setup'" } */

int __init setup(void)          /* { dg-message "12: 'setup' is declared __init here" } */
/* { dg-warning "12: 'setup' is put in section .init.text here, but an earlier declaration has no section \\\[initcheck:section-redecl\\\]" "" { target *-*-* } .-1 } */
{
    return 0;
}
