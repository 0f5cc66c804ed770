# --predict-free input without a manifest: init code and a table
# (.fixup_table, as x86's exception table) from an assembler file.
# Generic directives only (% not @: @ starts a comment on arm64), so that
# every target assembles it: asm_init is never called, and 101 bytes of
# any target's code are what the report must name.
	.section .init.text,"ax",%progbits
	.p2align 4
	.globl asm_init
	.type asm_init, %function
asm_init:
	.fill 101, 1, 0
	.size asm_init, .-asm_init

	.section .fixup_table,"a",%progbits
	.p2align 3
	.quad 0, 0, 0

	.section .note.GNU-stack,"",%progbits
