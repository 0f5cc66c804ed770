/* The kernel profile follows the kernel being compiled: this unit includes
   a Linux 6.1 build's generated/autoconf.h (as every kernel unit does,
   through -include include/linux/kconfig.h), so it is judged by 6.1's
   modpost.  kernel-6.12.c is the same source judged by 6.12's: the
   verdicts that differ are marked "6.1 only" here and there. */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-initcheck-profile=kernel" } */
#include "kernel-tree/6.1/include/generated/autoconf.h"
#define CONFIG_MODULES 1
#include <initcheck.h>

static int __init probe(void) { return 0; }
static int __meminit hot_add(void) { return 0; }
static void __exit remove_one(void) { }

struct ops { int (*fn)(void); void (*rm)(void); };

/* Name exemptions 6.12 removed: accepted by 6.1 only. */
struct ops host_template = { probe, 0 };                /* { dg-bogus "from" "6.1 only: *_template" } */
struct ops arch_timer = { probe, 0 };                   /* { dg-bogus "from" "6.1 only: *_timer" } */
struct ops scsi_sht = { probe, 0 };                     /* { dg-bogus "from" "6.1 only: *_sht" } */
struct ops pci_probe_one = { probe, 0 };                /* { dg-bogus "from" "6.1 only: *_probe_one" } */
struct ops my_driver = { hot_add, remove_one };         /* { dg-bogus "from" "6.1 only: *driver" } */

/* Kept in both. */
struct ops net_ops = { probe, remove_one };             /* { dg-bogus "from" "*_ops" } */

/* __meminit is .meminit.text in 6.1: kept with memory hotplug, so init
   is out of its reach, and code after boot may call it. */
int __meminit hot_online(void) { return probe(); }      /* { dg-error "\\\[initcheck:init-from-meminit\\\]" "6.1 only" } */
int runtime_hot(void) { return hot_add(); }             /* { dg-error "calls __meminit function 'hot_add' \\(section .meminit.text\\) \\\[initcheck:init-from-text\\\]" "6.1 only" } */

/* Both. */
int runtime(void) { return probe(); }                   /* { dg-error "\\\[initcheck:init-from-text\\\]" } */
