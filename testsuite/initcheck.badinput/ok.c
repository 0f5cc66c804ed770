/* Clean: init code and data only used from init. */
#include <initcheck.h>

static int boot_val __initdata = 7;
static int __init setup(void) { return boot_val; }
int __init board_init(void) { return setup(); }
