/* The kernel profile outside a kernel build (no generated headers): the
   newest table, with one note. */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-initcheck-profile=kernel" } */
#include <initcheck.h>

static int __init probe(void) { return 0; }
struct ops { int (*fn)(void); };
struct ops scsi_sht = { probe };            /* { dg-error "\\\[initcheck:init-from-data\\\]" "judged as 6.12" } */

/* { dg-message "initcheck: the kernel version is unknown \\(no generated/uapi/linux/version.h in this compilation\\); judging by the modpost of Linux 6.12" "" { target *-*-* } 0 } */
