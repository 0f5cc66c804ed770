/* kernel-6.12-export.c without CONFIG_MODULES: 6.12's modpost checks the
   .export_symbol entries only when modules are enabled
   (check_section_mismatch(): "if (module_enabled && ...)"), so the kernel
   profile of 6.12 accepts them; 6.1's ___ksymtab row had no such
   condition.  The strict profile still rejects them. */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-initcheck-profile=kernel" } */
#include "kernel-tree/6.12/include/generated/autoconf.h"
#include <initcheck.h>

#define EXPORT_SYMBOL(sym) \
    extern typeof(sym) sym; \
    static void * __attribute__((section(".discard.addressable"), used)) \
    __addressable_##sym = (void *)&sym; \
    asm(".section \".export_symbol\",\"a\"\n" \
        "__export_symbol_" #sym ":\n" \
        ".asciz \"\"\n.ascii \"\" \"\\0\"\n.balign 4\n" \
        ".long " #sym "\n.previous\n")

int __init boot_only(void) { return 0; }

EXPORT_SYMBOL(boot_only);           /* { dg-bogus "export" "6.12 without modules" } */
