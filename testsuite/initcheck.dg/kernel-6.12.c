/* kernel-6.1.c's source judged by Linux 6.12's modpost: this unit includes
   a 6.12 build's generated/autoconf.h.  6.12 dropped the *_template,
   *_timer, *_sht, *_probe_one and *driver exemptions, and has no
   .meminit.* sections: <linux/init.h> makes __meminit nothing with
   CONFIG_MEMORY_HOTPLUG and __init without it, so a .meminit.text left
   in the source is a section modpost does not check. */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-initcheck-profile=kernel" } */
#include "kernel-tree/6.12/include/generated/autoconf.h"
#define CONFIG_MODULES 1
#include <initcheck.h>

static int __init probe(void) { return 0; }
static int __meminit hot_add(void) { return 0; }
static void __exit remove_one(void) { }

struct ops { int (*fn)(void); void (*rm)(void); };

/* Rejected by 6.12 only. */
struct ops host_template = { probe, 0 };                /* { dg-error "'host_template' \\(section .data\\) references __init function 'probe' \\(section .init.text\\) \\\[initcheck:init-from-data\\\]" "6.12 only" } */
struct ops arch_timer = { probe, 0 };                   /* { dg-error "\\\[initcheck:init-from-data\\\]" "6.12 only" } */
struct ops scsi_sht = { probe, 0 };                     /* { dg-error "\\\[initcheck:init-from-data\\\]" "6.12 only" } */
struct ops pci_probe_one = { probe, 0 };                /* { dg-error "\\\[initcheck:init-from-data\\\]" "6.12 only" } */
struct ops my_driver = { hot_add, remove_one };         /* { dg-error "references __exit function 'remove_one' \\(section .exit.text\\) \\\[initcheck:exit-from-data\\\]" "6.12 only" } */

/* Kept in both. */
struct ops net_ops = { probe, remove_one };             /* { dg-bogus "from" "*_ops" } */

/* .meminit.text is no init section for 6.12's modpost. */
int __meminit hot_online(void) { return probe(); }      /* { dg-bogus "from" "6.12: not checked" } */
int runtime_hot(void) { return hot_add(); }             /* { dg-bogus "from" "6.12: not checked" } */

/* Both. */
int runtime(void) { return probe(); }                   /* { dg-error "\\\[initcheck:init-from-text\\\]" } */
