/* initcheck-cc: nothing to find. */
#define __init __attribute__((section(".init.text")))
int __init boot(void) { return 1; }
int __init setup(void) { return boot(); }
