/* Build-system test project: runtime code that calls init only through
   __ref main, as a boot sequence does. */
#include <initcheck.h>

int boot(void) __init;

int __ref main(void)
{
    return boot() == 6 ? 0 : 1;
}
