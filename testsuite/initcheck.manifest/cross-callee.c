/* Cross-unit mismatch: the definition is init code and data. */
#include <initcheck.h>

int boot_level __initdata = 3;

int __init platform_setup(int level)
{
    return level + boot_level;
}
