/* Kernel tables the linker script puts inside init memory are freed with
   it, so they may point at init code and data (include/asm-generic/
   vmlinux.lds.h: INIT_DATA). */
/* { dg-do compile } */
#include <initcheck.h>

static int __init early_setup(void) { return 0; }
static int boot_enabled __initdata = 1;
struct entry { int (*fn)(void); int *flag; };

static struct entry earlycon __attribute__((used, section("__earlycon_table"))) = { early_setup, 0 };    /* { dg-bogus "init-from" } */
static struct entry lsm __attribute__((used, section(".lsm_info.init"))) = { early_setup, &boot_enabled }; /* { dg-bogus "init-from" } */
static struct entry eval __attribute__((used, section("_ftrace_eval_map"))) = { 0, &boot_enabled };       /* { dg-bogus "init-from" } */
static struct entry of __attribute__((used, section("__timer_of_table"))) = { early_setup, 0 };           /* { dg-bogus "init-from" } */
static struct entry cpu __attribute__((used, section(".x86_cpu_dev.init"))) = { early_setup, 0 };         /* { dg-bogus "init-from" } */
static struct entry mach __attribute__((used, section(".machine.desc"))) = { early_setup, &boot_enabled }; /* { dg-bogus "init-from" } */

/* A name that only looks like one stays normal data. */
static struct entry not_init __attribute__((used, section(".data.init"))) = { early_setup, 0 };           /* { dg-error "'not_init' \\(section .data.init\\) references __init function 'early_setup'" } */
