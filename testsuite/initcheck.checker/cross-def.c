#define __init __attribute__((section(".init.text")))
int __init boot_table(void) { return 2; }
