/* Profile xen: a unit built as Xen's foo.init.o (-DINIT_SECTIONS_ONLY,
   xen/Rules.mk) has its read-only data renamed to .init.rodata by objcopy
   after compiling, and Xen's build fails on anything it leaves in .text,
   .data or .bss: all it defines is init.  xen-init-unit-off.c is the same
   unit without the macro, and rejected. */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-initcheck-profile=xen -DINIT_SECTIONS_ONLY" } */
#include <initcheck.h>

struct ops { int (*probe)(void); };
static int __init probe_one(void) { return 1; }
static const struct ops boot_ops = { probe_one };      /* { dg-bogus "initcheck" ".rodata of a foo.init.o is .init.rodata" } */
static int helper(void) { return probe_one(); }        /* { dg-bogus "initcheck" ".text of a foo.init.o must stay empty" } */
int __init setup(void) { return boot_ops.probe() + helper(); }

/* What the unit only declares is judged by its own marker. */
extern int runtime_count;
extern const struct ops *live_ops;
int __init record(void) { return runtime_count + (live_ops != 0); }   /* { dg-bogus "initcheck" "init may use normal code and data" } */
