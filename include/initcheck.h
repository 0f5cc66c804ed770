/*
 * initcheck.h - init and exit section markers, as the Linux kernel names them.
 *
 * Works with any GCC (or clang), with or without the initcheck plugin: the
 * markers only put code and data into sections.  The plugin reads those
 * sections; it needs nothing else from this header.  Where a marker is
 * already defined (the kernel's <linux/init.h>), that definition is kept.
 *
 *   __init        code run only while booting      -> .init.text
 *   __initdata    data used only while booting     -> .init.data
 *   __initconst   const data used only at boot     -> .init.rodata
 *   __exit        code run only at unload/shutdown -> .exit.text
 *   __exitdata    data used only by exit code      -> .exit.data
 *   __meminit     code re-run on memory hotplug    -> .meminit.text
 *   __ref, __refdata, __refconst
 *                 code or data that refers to init code or data and is
 *                 known to do so only while init is alive -> .ref.*
 *
 * Put a data marker after the declarator, as the kernel does:
 *   static int table[16] __initdata = { ... };
 * and give __initdata variables an initializer: without one GCC may put
 * them in .bss anyway (include/linux/init.h says the same).
 */
#ifndef INITCHECK_MARKERS_H
#define INITCHECK_MARKERS_H

#define __initcheck_section(s) __attribute__((__section__(s)))

#ifndef __init
#define __init		__initcheck_section(".init.text")
#endif
#ifndef __initdata
#define __initdata	__initcheck_section(".init.data")
#endif
#ifndef __initconst
#define __initconst	__initcheck_section(".init.rodata")
#endif
#ifndef __exit
#define __exit		__initcheck_section(".exit.text")
#endif
#ifndef __exitdata
#define __exitdata	__initcheck_section(".exit.data")
#endif
#ifndef __meminit
#define __meminit	__initcheck_section(".meminit.text")
#endif
#ifndef __meminitdata
#define __meminitdata	__initcheck_section(".meminit.data")
#endif
#ifndef __meminitconst
#define __meminitconst	__initcheck_section(".meminit.rodata")
#endif
/* Like the kernel's, __ref is noinline: the reference must stay in
   .ref.text, not move into a caller that outlives init. */
#ifndef __ref
#define __ref		__initcheck_section(".ref.text") __attribute__((__noinline__))
#endif
#ifndef __refdata
#define __refdata	__initcheck_section(".ref.data")
#endif
#ifndef __refconst
#define __refconst	__initcheck_section(".ref.rodata")
#endif

/*
 * INITCHECK_INITCALL(fn, level): a pointer to __init function FN in the
 * table .initcall<level>.init, which start-up code walks and which is freed
 * with init.  It may point to init code; nothing else may point into it.
 */
#define __initcheck_cat2(a, b) a##b
#define __initcheck_cat(a, b) __initcheck_cat2(a, b)
#define INITCHECK_INITCALL(fn, level)					\
	static int (*const __initcheck_cat(__initcall_, fn))(void)	\
	__attribute__((__used__))					\
	__initcheck_section(".initcall" #level ".init") = fn

#endif /* INITCHECK_MARKERS_H */
