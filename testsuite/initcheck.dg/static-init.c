/* Static initializers of file-scope variables: nested aggregates, arrays
   of structs, designated initializers, &arr[i], const tables. */
/* { dg-do compile } */
#include <initcheck.h>

static int __init probe_a(void) { return 0; }
static int __init probe_b(void) { return 1; }
static int params[8] __initdata = { 0 };
int normal_fn(void) { return 2; }

struct ops { const char *name; int (*probe)(void); int *arg; };
struct driver { int id; struct ops ops; };

struct ops plain = { "a", probe_a, 0 };    /* { dg-error "'plain' \\(section .data\\) references __init function 'probe_a'" } */

struct ops designated = {
    .name = "b",
    .probe = probe_b,           /* { dg-error "14: 'designated' \\(section .data\\) references __init function 'probe_b'" } */
};

struct driver nested = { 1, { "c", normal_fn, &params[3] } };  /* { dg-error "'nested' \\(section .data\\) references __initdata variable 'params'" } */

struct ops array[] = {
    { "d", normal_fn, 0 },
    { "e", probe_a, 0 },        /* { dg-error "'array' \\(section .data\\) references __init function 'probe_a'" } */
    [3] = { .probe = probe_b }, /* { dg-error "'array' \\(section .data\\) references __init function 'probe_b'" } */
};

int *ptr_to_elem = &params[2];  /* { dg-error "'ptr_to_elem' \\(section .data\\) references __initdata variable 'params'" } */

/* modpost does not look at .rodata: a const ops table is the classic
   miss.  initcheck rejects it under its own rule. */
const struct ops const_ops = { "f", probe_a, 0 };  /* { dg-error "'const_ops' \\(section .data.rel.ro|.rodata\\) references __init function 'probe_a' \\(section .init.text\\) \\\[initcheck:init-from-rodata\\\]" } */

/* Fine: init data pointing at init code, normal data at normal code. */
struct ops boot_ops __initdata = { "g", probe_a, params };   /* { dg-bogus "init-from" } */
struct ops run_ops = { "h", normal_fn, 0 };                  /* { dg-bogus "init-from" } */
