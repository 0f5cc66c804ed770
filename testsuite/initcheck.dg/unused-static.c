/* A static function nothing refers to emits no code at any -O: what it
   refers to cannot dangle (a header's unused static inline functions, the
   kernel's never-called __check_NAME() of module_param()).  One that is
   called, or marked used, is judged. */
/* { dg-do compile } */
#include <initcheck.h>

static int boot_flag __initdata = 1;
static int __init setup(void) { return 1; }

static inline int *__check_boot_flag(void) { return &boot_flag; }  /* { dg-bogus "init-from" "never referred to" } */
static int unused_helper(void) { return setup(); }                 /* { dg-bogus "init-from" "never referred to" } */
static int only_from_unused(void) { return setup(); }              /* { dg-bogus "init-from" "referred to only by dead code" } */
static int dead_caller(void) { return only_from_unused(); }

static int used_helper(void) { return setup(); }                   /* { dg-error "39: 'used_helper' \\(section .text\\) calls __init function 'setup'" } */
int api(void) { return used_helper(); }                             /* { dg-message "5: 'used_helper' runs after init: 'api' -> 'used_helper'" } */

static __attribute__((used)) int kept(void) { return boot_flag; }  /* { dg-error "54: 'kept' \\(section .text\\) references __initdata variable 'boot_flag'" } */

/* Taken by data, a static function can run. */
static int via_table(void) { return setup(); }                     /* { dg-error "37: 'via_table' \\(section .text\\) calls __init function 'setup'" } */
int (*table[])(void) = { via_table };
