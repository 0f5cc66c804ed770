/* Profile xen without -DINIT_SECTIONS_ONLY: an ordinary unit, whose
   read-only data lives on; the same code as xen-init-unit.c, rejected. */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-initcheck-profile=xen" } */
#include <initcheck.h>

struct ops { int (*probe)(void); };
static int __init probe_one(void) { return 1; }
static const struct ops boot_ops = { probe_one };      /* { dg-error "38: .boot_ops. \\(section \[.a-z\]+\\) references __init function .probe_one. \\(section .init.text\\) \\\[initcheck:init-from-rodata\\\]" } */
static int helper(void) { return probe_one(); }        /* { dg-error "34: .helper. \\(section .text\\) calls __init function .probe_one." } */
int __init setup(void) { return boot_ops.probe() + helper(); }

/* What the unit only declares is judged by its own marker. */
extern int runtime_count;
extern const struct ops *live_ops;
int __init record(void) { return runtime_count + (live_ops != 0); }   /* { dg-bogus "initcheck" "init may use normal code and data" } */
/* The suggestion notes that come with the two errors above. */
/* { dg-message "25: .boot_ops. is only used from .__init. code; mark it __initconst" "" { target *-*-* } 9 } */
/* { dg-message "12: .helper. is only called from .__init. code; mark it __init" "" { target *-*-* } 10 } */
