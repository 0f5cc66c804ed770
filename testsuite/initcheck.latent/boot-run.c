/* Runtime code that calls map_any(): the real mismatch.  */
#include <initcheck.h>
#include "boot-api.h"

int remap(unsigned long addr)
{
    return map_any(addr);
}
