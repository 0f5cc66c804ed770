/* What is allowed: init -> init and normal, __ref -> init, __refdata ->
   init, initcall tables -> init, exit -> normal, normal -> normal. */
/* { dg-do compile } */
#include <initcheck.h>

int helper(int x) { return x + 1; }
static int __init early(void) { return helper(1); }         /* { dg-bogus "init-from" } */
static int boot_table[2] __initdata = { 1, 2 };
static int __init late(void) { return early() + boot_table[0]; }   /* { dg-bogus "init-from" } */

/* __ref: "I refer to init only while it lives". */
int __ref probe_later(void) { return late(); }              /* { dg-bogus "init-from" } */

struct ops { int (*fn)(void); int *data; };
struct ops boot_ops __refdata = { late, boot_table };       /* { dg-bogus "init-from" } */
const struct ops boot_const __refconst = { late, 0 };       /* { dg-bogus "init-from" } */

/* Initcall tables point at init code and are freed with it. */
INITCHECK_INITCALL(late, 6);                                /* { dg-bogus "init-from" } */
static int (*const early_call)(void) __attribute__((used, section(".initcall1.init"))) = early;   /* { dg-bogus "init-from" } */

static void __exit cleanup(void) { helper(3); }             /* { dg-bogus "from" } */
static int __init setup_cb(char *s) { return s != 0; }
struct setup_param { const char *str; int (*fn)(char *); };
static const struct setup_param setup_entry __attribute__((used, section(".init.setup"))) = { "x=", setup_cb };   /* { dg-bogus "init-from" } */

/* A section that only looks like init. */
int __attribute__((section(".data.init"))) not_init = 1;
int read_not_init(void) { return not_init + helper(0); }    /* { dg-bogus "init-from" } */

/* Calls through a pointer are not references to a symbol. */
int call_ptr(int (*fp)(void)) { return fp(); }              /* { dg-bogus "init-from" } */
int use_cleanup(void) { return helper(2); }
