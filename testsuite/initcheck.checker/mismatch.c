/* initcheck-cc: one finding at its line and column. */
#define __init __attribute__((section(".init.text")))
int __init boot(void) { return 1; }
int rescan(void) { return boot(); }
