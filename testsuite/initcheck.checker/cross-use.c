/* initcheck-cc -p: calls a function that another unit defines __init;
   only the cross-unit check sees it. */
int boot_table(void);
int later(void) { return boot_table(); }
