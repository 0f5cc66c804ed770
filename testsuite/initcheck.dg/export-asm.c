/* EXPORT_SYMBOL as Linux 6.1 emits it with PREL32 relocations (x86_64):
   the table entry is a top-level asm statement, checked from its text,
   and reported at the line that uses the macro. */
/* { dg-do compile } */
#include <initcheck.h>

#define __ADDRESSABLE(sym) \
    static void * __attribute__((section(".discard.addressable"), used)) \
    __addressable_##sym = (void *)&sym;
#define __KSYMTAB_ENTRY(sym, sec) \
    __ADDRESSABLE(sym) \
    asm("   .section \"___ksymtab" sec "+" #sym "\", \"a\"  \n" \
        "   .balign 4                                       \n" \
        "__ksymtab_" #sym ":                                \n" \
        "   .long   " #sym "- .                             \n" \
        "   .long   __kstrtab_" #sym "- .                   \n" \
        "   .long   __kstrtabns_" #sym "- .                 \n" \
        "   .previous                                       \n")
#define ___EXPORT_SYMBOL(sym, sec, ns) \
    extern typeof(sym) sym; \
    extern const char __kstrtab_##sym[]; \
    extern const char __kstrtabns_##sym[]; \
    asm("   .section \"__ksymtab_strings\",\"aMS\",%progbits,1 \n" \
        "__kstrtab_" #sym ":                                \n" \
        "   .asciz  \"" #sym "\"                            \n" \
        "__kstrtabns_" #sym ":                              \n" \
        "   .asciz  \"" ns "\"                              \n" \
        "   .previous                                       \n"); \
    __KSYMTAB_ENTRY(sym, sec)
#define EXPORT_SYMBOL(sym) ___EXPORT_SYMBOL(sym, "", "")
#define EXPORT_SYMBOL_GPL(sym) ___EXPORT_SYMBOL(sym, "_gpl", "")

int __init boot_only(void) { return 0; }    /* { dg-message "12: 'boot_only' is declared __init here" } */
void __exit unload_only(void) { }
int api(void) { return 1; }
int boot_table[2] __initdata = { 1, 2 };

EXPORT_SYMBOL(api);                 /* { dg-bogus "export" } */
EXPORT_SYMBOL(boot_only);           /* { dg-error "1: top-level 'asm' \\(section ___ksymtab\\+boot_only\\) references __init function 'boot_only' \\(section .init.text\\) \\\[initcheck:init-from-export\\\]" } */
EXPORT_SYMBOL_GPL(unload_only);     /* { dg-error "1: top-level 'asm' \\(section ___ksymtab_gpl\\+unload_only\\) references __exit function 'unload_only' \\(section .exit.text\\) \\\[initcheck:exit-from-export\\\]" } */
EXPORT_SYMBOL(boot_table);          /* { dg-error "references __initdata variable 'boot_table'" } */
