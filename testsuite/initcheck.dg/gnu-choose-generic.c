/* __builtin_choose_expr and _Generic: only the chosen branch or selected
   association is evaluated, so only it refers.  typeof of an __init
   function names its type, not the function; a pointer declared with that
   type and pointed at the function does refer. */
/* { dg-do compile } */
#include <initcheck.h>

static int __init setup(void) { return 1; }
static int boot_val __initdata = 7;

int choose_unchosen(void)
{
        return __builtin_choose_expr(1, 0, setup())     /* { dg-bogus "setup" } */
               + __builtin_choose_expr(0, boot_val, 0); /* { dg-bogus "boot_val" } */
}

int choose_chosen(void)
{
        return __builtin_choose_expr(1, setup(), 0)     /* { dg-error "41: calls __init function 'setup'" } */
               + __builtin_choose_expr(0, 0, boot_val); /* { dg-error "references __initdata variable 'boot_val'" } */
}

int generic_unselected(void)
{
        return _Generic(1, long: setup(), default: 0);  /* { dg-bogus "setup" } */
}

int generic_selected(void)
{
        return _Generic(1, int: boot_val, default: 0);  /* { dg-error "16: references __initdata variable 'boot_val'" } */
}

typeof(setup) *hook;                            /* { dg-bogus "setup" } */
typeof(&setup) hook2;                           /* { dg-bogus "setup" } */

int typeof_only(void)
{
        typeof(setup) *p = 0;                   /* { dg-bogus "setup" } */
        typeof(boot_val) copy = 3;              /* { dg-bogus "boot_val" } */

        return (p ? p() : 0) + copy + sizeof(typeof(setup()));  /* { dg-bogus "setup" } */
}

int typeof_pointer_call(void)
{
        typeof(&setup) q = setup;               /* { dg-error "28: references __init function 'setup'" } */

        return q();
}
