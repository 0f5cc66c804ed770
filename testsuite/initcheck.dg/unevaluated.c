/* Unevaluated contexts name init symbols without referring to them. */
/* { dg-do compile } */
#include <initcheck.h>

static int __init setup(void) { return 1; }
static char buf[64] __initdata = { 1 };

_Static_assert(sizeof(buf) == 64, "size");  /* { dg-bogus "init-from" } */

unsigned long sizes(void)
{
    typeof(setup) *unused_ptr_type = 0;             /* { dg-bogus "init-from" } */
    typeof(buf[0]) c = 0;                           /* { dg-bogus "init-from" } */
    (void)unused_ptr_type;
    return sizeof(buf) + sizeof(setup()) + _Alignof(typeof(buf)) + c;   /* { dg-bogus "init-from" } */
}

int generic(void)
{
    return _Generic(1, int: 2, default: 3) + __builtin_types_compatible_p(typeof(setup), int (void));   /* { dg-bogus "init-from" } */
}
