/* A header as the kernel has them: prototypes without markers, and
   static inline helpers whose every caller is __init code.  The markers
   live where the functions are defined (boot-def.c, boot-asm.S).  */
int boot_map(unsigned long addr);               /* __init in boot-def.c */
extern int boot_params[];                       /* __initdata in boot-def.c */
extern unsigned long asm_boot_pgt[];            /* .init.data in boot-asm.S */
int runtime_map(unsigned long addr);            /* plain, in boot-def.c */
int hot_map(unsigned long addr);                /* __meminit in boot-def.c */

/* Latent: only __init code calls it, so -O2 inlines it and no build sees
   anything; an out-of-line copy in .text calls freed code.  */
static inline int map_early(unsigned long addr)        /* { report-note "19: only init code calls 'map_early' \\(in 2 units\\); mark it __init, or __always_inline" } */
{
    return boot_map(addr);                              /* { report-warning "12: inline 'map_early' \\(section .text\\) calls 'boot_map', which [^ ]*boot-def.c defines in section .init.text \\(init\\): only init code uses 'map_early', where it is inlined, but a copy out of line in .text would call freed code \\[initcheck:init-from-inline\\]" } */
}

/* A helper of the helper: its only caller is latent itself.  */
static inline int first_param(void)
{
    return boot_params[0] + map_early(0);               /* { report-warning "12: inline 'first_param' \\(section .text\\) references 'boot_params', which [^ ]*boot-def.c defines in section .init.data \\(init\\)[^\n]*would refer to freed data \\[initcheck:init-from-inline\\]" } */
}

/* The target is the assembler's: no manifest defines it.  */
static inline unsigned long early_pgt(int i)
{
    return asm_boot_pgt[i];                             /* { report-warning "12: inline 'early_pgt' \\(section .text\\) references 'asm_boot_pgt', which [^ ]*(boot-asm|all).o, in no manifest \\(assembler, or C compiled without the plugin\\), defines in section .init.data \\(init\\)[^\n]*\\[initcheck:init-from-inline\\]" } */
}

/* Called from __ref code only (boot-use.c), as Linux's
   sparse_index_alloc() calls memblock_alloc_node().  */
static inline int map_ref(unsigned long addr)
{
    return boot_map(addr);                              /* { report-warning "12: inline 'map_ref' \\(section .text\\) calls 'boot_map'[^\n]*\\[initcheck:init-from-inline\\]" } */
}

/* meminit: freed as init is without memory hotplug.  */
static inline int map_hot(unsigned long addr)
{
    return hot_map(addr);                               /* { report-warning "12: inline 'map_hot' \\(section .text\\) calls 'hot_map', which [^ ]*boot-def.c defines in section .meminit.text \\(meminit\\)[^\n]*\\[initcheck:init-from-inline\\]" } */
}

/* always_inline: the language inlines it into every caller, which is
   judged instead; its callers are __init: nothing to say.  */
static inline __attribute__((__always_inline__)) int map_always(unsigned long addr)
{
    return boot_map(addr);                              /* { report-bogus "init-from" } */
}

/* Marked __init itself: fine.  */
static inline int __init map_marked(unsigned long addr)
{
    return boot_map(addr);                              /* { report-bogus "init-from" } */
}

/* Never used: GCC emits no copy of it at any -O.  */
static inline int map_unused(unsigned long addr)
{
    return boot_map(addr);                              /* { report-bogus "init-from" } */
}

/* Used by runtime code in boot-run.c: a real mismatch, whatever inlining
   does (inlined, the runtime caller calls freed code), reported once
   even though boot-use.c calls it only from __init code.  */
static inline int map_any(unsigned long addr)
{
    return boot_map(addr) + runtime_map(addr);          /* { report-error "12: 'map_any' \\(section .text\\) calls 'boot_map', which [^ ]*boot-def.c defines in section .init.text \\(init\\) \\[initcheck:init-from-text\\]" } */
}
