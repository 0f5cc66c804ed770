/* The manifest lists the external symbols normal code refers to, with the
   rule each would break if another unit defined it in init or exit. */
/* { dg-do compile } */
#include <initcheck.h>

extern int platform_setup(int);
extern int boot_level;

int runtime(void)
{
    return platform_setup(boot_level);
}

int __init early(void)
{
    return platform_setup(1);
}

/* { dg-final { manifest-match {\[\s*"platform_setup",\s*"runtime",\s*"\.text",\s*"call",\s*0,\s*11,\s*12,} } } */
/* { dg-final { manifest-match {\[\s*"boot_level",\s*"runtime",\s*"\.text",\s*"reference",} } } */
/* { dg-final { manifest-match {"init=init-from-text:error meminit=init-from-text:error exit=exit-from-text:error"} } } */
/* { dg-final { manifest-match {"platform_setup",\s*"early",\s*"\.init\.text",\s*"call"} } } */
/* { dg-final { manifest-match {"exit=exit-from-init:error"} } } */

/* An always-inline wrapper is part of its callers: its references are
   listed from them. */
extern int ext_alloc(int);
static inline __attribute__((always_inline)) int wrap(void)
{
    return ext_alloc(1);
}

int __init boot_alloc(void)
{
    return wrap();
}

/* { dg-final { manifest-match {"ext_alloc",\s*"boot_alloc",\s*"\.init\.text",\s*"call"} } } */
/* { dg-final { manifest-nomatch {"ext_alloc",\s*"wrap"} } } */

/* A static function nothing refers to emits no code here: no row.  One
   that runs (called by a public function, even through another static)
   has its rows. */
extern int ext_unused(int);
extern int ext_used(int);
static inline int never_called(void) { return ext_unused(1); }
static int leaf_used(void) { return ext_used(2); }
static int middle_used(void) { return leaf_used(); }
int api_used(void) { return middle_used(); }

/* { dg-final { manifest-nomatch {"ext_unused"} } } */
/* { dg-final { manifest-match {"ext_used",\s*"leaf_used",\s*"\.text",\s*"call"} } } */
