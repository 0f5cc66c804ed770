/* Page tables the assembler places in .init.data, as the kernel's
   head_64.S does: no manifest describes this object.  */
	.section .init.data,"aw"
	.globl asm_boot_pgt
	.type asm_boot_pgt, %object
asm_boot_pgt:
	.quad 0, 0
	.size asm_boot_pgt, 16
	.section .note.GNU-stack,"",%progbits
