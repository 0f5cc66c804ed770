/* An assembler file that refers to asm_used: the compiler cannot see it,
   so the report must not suggest asm_used. */
	.data
	.globl	asm_users
asm_users:
	.dc.a	asm_used
