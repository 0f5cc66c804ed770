/* Tables modpost checks by section: the export table (EXPORT_SYMBOL as a
   C variable, as on architectures without PREL32 relocations) and PCI
   fixup tables. */
/* { dg-do compile } */
#include <initcheck.h>

int __init init_only(void) { return 0; }
void __exit exit_only(void) { }
int normal(void) { return 1; }

struct kernel_symbol { unsigned long value; const char *name; };
static const struct kernel_symbol __ksymtab_init_only __attribute__((used, section("___ksymtab+init_only"))) = { (unsigned long)&init_only, "init_only" };   /* { dg-error "'__ksymtab_init_only' \\(section ___ksymtab\\+init_only\\) references __init function 'init_only' \\(section .init.text\\) \\\[initcheck:init-from-export\\\]" } */
static const struct kernel_symbol __ksymtab_exit_only __attribute__((used, section("___ksymtab_gpl+exit_only"))) = { (unsigned long)&exit_only, "exit_only" };   /* { dg-error "\\\[initcheck:exit-from-export\\\]" } */
static const struct kernel_symbol __ksymtab_normal __attribute__((used, section("___ksymtab+normal"))) = { (unsigned long)&normal, "normal" };   /* { dg-bogus "from" } */

struct pci_fixup { unsigned short vendor, device; void (*hook)(void); };
static void __init quirk_boot(void) { }
static const struct pci_fixup fixup_boot __attribute__((used, section(".pci_fixup_final"))) = { 1, 2, quirk_boot };   /* { dg-error "103: 'fixup_boot' \\(section .pci_fixup_final\\) references __init function 'quirk_boot' \\(section .init.text\\) \\\[initcheck:init-from-pci-fixup\\\]" } */

/* Sections the linker script discards may point anywhere (__ADDRESSABLE). */
static void *addressable __attribute__((used, section(".discard.addressable"))) = (void *)&init_only;   /* { dg-bogus "from" } */
