/* -fplugin-arg-initcheck-profile=kernel accepts what modpost accepts by
   name; each accepted case is rejected by the default profile in
   kernel-profile-strict.c. */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-initcheck-profile=kernel -fplugin-arg-initcheck-kernel=6.1" } */
#include <initcheck.h>

static int __init probe(void) { return 0; }
static int __meminit hot_add(void) { return 0; }
static void __exit remove_one(void) { }
static int boot_param __initdata = 1;

struct ops { int (*fn)(void); void (*rm)(void); int *arg; };

struct ops net_ops = { probe, remove_one, 0 };          /* { dg-bogus "from" "*_ops" } */
struct ops uart_console = { probe, 0, 0 };              /* { dg-bogus "from" "*_console" } */
struct ops pci_probe = { probe, 0, 0 };                 /* { dg-bogus "from" "*_probe" } */
struct ops host_template = { probe, 0, 0 };             /* { dg-bogus "from" "*_template" } */
struct ops my_driver = { hot_add, remove_one, 0 };      /* { dg-bogus "from" "*driver" } */
struct ops __param_boot = { 0, 0, &boot_param };        /* { dg-bogus "from" "__param*" } */
int __attribute__((section(".head.text"))) early_entry(void) { return probe(); }   /* { dg-bogus "from" ".head.text" } */

struct kparam_ops { int (*set)(void); };
struct kparam_ops __param_ops_bootflag = { probe };     /* { dg-bogus "from" "__param_ops_*" } */
extern char _sinittext[] __attribute__((section(".init.text")));
char *init_start(void) { return _sinittext; }           /* { dg-bogus "from" "_sinittext boundary" } */

/* Not on modpost's list: still rejected under the kernel profile. */
struct ops net_table = { probe, 0, 0 };                 /* { dg-error "\\\[initcheck:init-from-data\\\]" } */
struct ops my_driver2 = { probe, 0, 0 };                /* { dg-error "\\\[initcheck:init-from-data\\\]" "*driver covers meminit, not init" } */
int runtime(void) { return probe(); }                   /* { dg-error "\\\[initcheck:init-from-text\\\]" } */
