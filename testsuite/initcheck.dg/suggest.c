/* -fplugin-arg-initcheck-suggest: what only init code uses could be freed
   with it.  Each suggestion is a note with the marker as a fix-it; what
   other code, an escaping address or asm could reach is held back. */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-initcheck-suggest" } */
#include <initcheck.h>

extern void register_hook(void (*)(void));
extern void consume(const void *);
extern int printf(const char *, ...);

static int parse(int x) { return x * 2; }        /* { dg-message "12: 'parse' is only reached from init code and from 'helper', also suggested; marking it '__init' together with 'helper' frees its code after boot \\\[initcheck:suggest\\\]" } */
static int helper(int x) { return parse(x); }    /* { dg-message "12: 'helper' is only reached from init code; marking it '__init'" } */
static int shared(int x) { return x + 1; }       /* { dg-bogus "suggest" "runtime() calls it too" } */
static void callback(void) { }                   /* { dg-bogus "suggest" "its address escapes to register_hook" } */
static int table[16] = { 1, 2 };                 /* { dg-message "12: 'table' is only used by init code; marking it '__initdata' frees its 64 bytes after boot" } */
static const int limits[4] = { 1, 2, 3, 4 };     /* { dg-message "18: 'limits' is only used by init code; marking it '__initconst' frees its 16 bytes" } */
static char *name = "x";                         /* { dg-message "14: 'name' is only used by init code; marking it '__initdata'" } */
static int counter;                              /* { dg-message "12: 'counter' is only used by init code; marking it '__initdata' frees its 4 bytes" } */
static int escaped[4];                           /* { dg-bogus "suggest" "its address is passed on" } */
static inline int inl(int x) { return x; }       /* { dg-bogus "suggest" "inline: frees nothing it has not already" } */
static int boot_flag __attribute__((used));      /* { dg-bogus "suggest" "used: asm may refer to it" } */
static int runtime_state;                        /* { dg-bogus "suggest" "runtime() writes it" } */
static int __ref late(void) { return 0; }        /* { dg-bogus "suggest" "__ref is a section of its own" } */
int global_helper(void) { return 1; }            /* { dg-bogus "suggest" "other units may call it: the report decides" } */
static int unused(void) { return parse(9); }     /* { dg-bogus "suggest" "nothing calls it: no code, nothing to free" } */
static int setup_fn(void) { return 0; }          /* { dg-message "12: 'setup_fn' is only reached from init code; marking it '__init'" } */
INITCHECK_INITCALL(setup_fn, 6);
static int by_runtime_helper(void) { return 2; } /* { dg-bogus "suggest" "runtime_helper calls it, and runtime code calls that" } */
static int runtime_helper(void) { return by_runtime_helper() + runtime_state; } /* { dg-bogus "suggest" "runtime() calls it" } */

int __init init_main(void)
{
        static int once = 3;                     /* { dg-message "20: 'once' is only used by init code; marking it '__initdata'" } */

        register_hook(callback);
        consume(escaped);
        printf("%s %d %d\n", name, table[1] + once, limits[counter++]);
        return helper(1) + shared(2) + inl(3) + late() + global_helper()
               + boot_flag + runtime_helper();
}

int runtime(void)
{
        runtime_state = 1;
        return shared(4) + runtime_helper();
}

/* The source of a finding already gets the marker in the finding's note:
   no second note, no second fix-it. */
static int __init setup(void) { return 1; }
static int calls_init(void) { return setup(); } /* { dg-error "38: 'calls_init' \\(section .text\\) calls __init function 'setup'" } */
/* { dg-message "12: 'calls_init' is only called from '__init' code; mark it __init" "" { target *-*-* } .-1 } */
/* { dg-bogus "initcheck:suggest" "said once, by the finding's note" { target *-*-* } .-2 } */
int __init init_second(void) { return calls_init(); }

/* More held-back cases. */
#include "suggest-header.h"
#define DEFINE_HELPER(name) static int name(void) { return 3; }
DEFINE_HELPER(macro_helper)                     /* { dg-bogus "suggest" "the edit would be the macro's" } */
int weak_fn(void) __attribute__((weak));        /* { dg-bogus "suggest" "weak: decided at link time" } */
int weak_fn(void) { return 4; }
static volatile int hw_flag;                    /* { dg-bogus "suggest" "volatile" } */
static __thread int per_thread;                 /* { dg-bogus "suggest" "thread-local" } */
static int aliased(void) { return 5; }          /* { dg-bogus "suggest" "an alias refers to it" } */
static int alias_of(void) __attribute__((alias("aliased"))); /* { dg-bogus "suggest" "alias" } */
/* { dg-bogus "suggest" "defined in a header" { target *-*-* } 3 } */

int __init init_third(void)
{
        return header_helper(1) + macro_helper() + weak_fn() + hw_flag
               + per_thread + alias_of();
}

/* What only module_exit()'s table names is exit code: __exit, discarded
   when built in.  Named by it and used by init code too: neither. */
static void drv_exit(void) { }                  /* { dg-message "13: 'drv_exit' is only named by the module exit table; marking it '__exit' discards it when built in \\\[initcheck:suggest\\\]" } */
static void (*__exitcall_drv_exit)(void) __attribute__((used, section(".exitcall.exit"))) = drv_exit;
static void both_exit(void) { }                 /* { dg-bogus "suggest" "exit table and init code" } */
static void (*__exitcall_both_exit)(void) __attribute__((used, section(".exitcall.exit"))) = both_exit;
int __init init_fourth(void) { both_exit(); return 0; }
