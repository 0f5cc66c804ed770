/* What the notes say about the source of a finding: a static helper only
   __init code calls should be __init itself (with the fix-it); one that
   runs after init gets the call chain that reaches it. */
/* { dg-do compile } */
#include <initcheck.h>

static int __init setup(void) { return 1; }

static int only_from_init(void) /* { dg-message "12: 'only_from_init' is only called from '__init' code; mark it __init" } */
{
    return setup();             /* { dg-error "12: 'only_from_init' \\(section .text\\) calls __init function 'setup'" } */
}

static int leaf(void)
{
    return setup();             /* { dg-error "12: 'leaf' \\(section .text\\) calls __init function 'setup'" } */
}

static int middle(void) { return leaf(); }

int api_entry(void)             /* { dg-message "5: 'leaf' runs after init: 'api_entry' -> 'middle' -> 'leaf'" } */
{
    return middle();
}

struct ops { int (*fn)(void); int n; };
static struct ops boot_ops = { setup, 1 };      /* { dg-error "32: 'boot_ops' \\(section .data\\) references __init function 'setup'" } */
/* { dg-message "19: 'boot_ops' is only used from '__init' code; mark it __initdata" "" { target *-*-* } .-1 } */

int __init init_main(void)
{
    return only_from_init() + boot_ops.fn() + leaf();
}
