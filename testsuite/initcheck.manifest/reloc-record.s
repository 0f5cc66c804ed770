# A record (plugin/manifest.c) whose size is not a difference the
# assembler or the reader can resolve: a relocation against an undefined
# symbol.  initcheck-report must say it cannot read the sizes, not count
# a zero.  (Only generic directives: it is assembled for every target.)
	.section .init.text,"ax",%progbits
	.4byte 0
	.section .discard.initcheck,"",%progbits
	.ascii "INITCHK1"
	.4byte 2
	.4byte 1
	.4byte elsewhere
	.ascii "{}"
	.section .note.GNU-stack,"",%progbits
