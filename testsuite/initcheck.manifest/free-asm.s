# --predict-free input without a manifest: init code and an x86-style
# table (.fixup_table) from an assembler file.
	.section .init.text,"ax",@progbits
	.p2align 4
	.globl asm_init
	.type asm_init, @function
asm_init:
	.fill 100, 1, 0x90
	ret
	.size asm_init, .-asm_init

	.section .fixup_table,"a",@progbits
	.p2align 3
	.quad 0, 0, 0

	.section .note.GNU-stack,"",@progbits
