/* Build-system test project: the mismatch that must fail the build. */
#include <initcheck.h>

int boot(void) __init;

int rescan(void)
{
    return boot();
}
