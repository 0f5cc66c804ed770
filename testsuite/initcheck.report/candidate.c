/* Compiled with -fplugin-arg-initcheck-suggest: params is a global
   candidate (only init code uses it), boot_buf gives the unit an
   .init.data section.  */
#include <initcheck.h>

int boot_buf[10] __initdata;
int params[128];

int __init setup(void)
{
	return params[0] + boot_buf[0];
}
