/* EXPORT_SYMBOL as Linux 6.5 and later emit it (include/linux/export.h):
   an .export_symbol entry from top-level asm, from which modpost makes
   the ksymtab.  6.12's check_export_symbol() reports an exported init or
   exit symbol only when modules are enabled (CONFIG_MODULES); without
   them, kernel-6.12-nomodules.c, nothing. */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-initcheck-profile=kernel" } */
#include "kernel-tree/6.12/include/generated/autoconf.h"
#define CONFIG_MODULES 1
#include <initcheck.h>

#define __ADDRESSABLE(sym) \
    static void * __attribute__((section(".discard.addressable"), used)) \
    __addressable_##sym = (void *)&sym;
#define ___EXPORT_SYMBOL(sym, license, ns) \
    extern typeof(sym) sym; \
    __ADDRESSABLE(sym) \
    asm(".section \".export_symbol\",\"a\"\n" \
        "__export_symbol_" #sym ":\n" \
        ".asciz \"" license "\"\n" \
        ".ascii \"" ns "\" \"\\0\"\n" \
        ".balign 4\n" \
        ".long " #sym "\n" \
        ".previous\n")
#define EXPORT_SYMBOL(sym) ___EXPORT_SYMBOL(sym, "", "")
#define EXPORT_SYMBOL_GPL(sym) ___EXPORT_SYMBOL(sym, "GPL", "")

int __init boot_only(void) { return 0; }
void __exit unload_only(void) { }
int api(void) { return 1; }

EXPORT_SYMBOL(api);                 /* { dg-bogus "export" } */
EXPORT_SYMBOL(boot_only);           /* { dg-error "1: top-level 'asm' \\(section .export_symbol\\) references __init function 'boot_only' \\(section .init.text\\) \\\[initcheck:init-from-export\\\]" } */
EXPORT_SYMBOL_GPL(unload_only);     /* { dg-error "1: top-level 'asm' \\(section .export_symbol\\) references __exit function 'unload_only' \\(section .exit.text\\) \\\[initcheck:exit-from-export\\\]" } */
