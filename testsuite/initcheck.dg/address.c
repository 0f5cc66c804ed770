/* Taking the address of __init code from code that outlives init. */
/* { dg-do compile } */
#include <initcheck.h>

static int __init probe(void) { return 0; } /* { dg-message "'probe' is declared __init here" } */
int (*hook)(void);
int (*choose(int)) (void);

void install(void)
{
    hook = probe;       /* { dg-error "12: 'install' \\(section .text\\) references __init function 'probe'" } */
    hook = &probe;      /* { dg-error "12: references __init function 'probe'" } */
}

int (*choose(int which)) (void)
{
    return which ? probe : 0;   /* { dg-error "references __init function 'probe'" } */
}

void indirect(void)
{
    int (*local)(void) = probe; /* { dg-error "26: references __init function 'probe'" } */
    hook = (int (*)(void))(void *)probe;    /* { dg-error "references __init function 'probe'" } */
    local();
}
