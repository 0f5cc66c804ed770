/* Initializers of variables declared inside functions.  A static one is
   data of its own that outlives init (the source is the variable); an
   automatic one is part of the function's code. */
/* { dg-do compile } */
#include <initcheck.h>

static int __init setup(void) { return 1; }
static int limit __initdata = 10;

int (*get_hook(void))(void)
{
    static int (*hook)(void) = setup;   /* { dg-error "'hook' \\(section .data\\) references __init function 'setup' \\(section .init.text\\) \\\[initcheck:init-from-data\\\]" } */
    return hook;
}

int automatic(void)
{
    int copy = limit;       /* { dg-error "'automatic' \\(section .text\\) references __initdata variable 'limit'" } */
    return copy;
}

/* Inside __init code: an automatic initializer is init code; a static
   local without a marker is still .data and outlives the function. */
int __init init_fn(void)
{
    int ok = limit + setup();   /* { dg-bogus "init-from" "init code may use init" } */
    static int *keep = &limit;  /* { dg-error "'keep' \\(section .data\\) references __initdata variable 'limit'" } */
    static int marked __initdata = 3;
    static int *fine __initdata = &limit;   /* { dg-bogus "init-from" "init data may point to init data" } */
    return ok + *keep + marked + *fine;
}
