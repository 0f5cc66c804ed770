/* Compiled without the plugin: an object with no manifest, whose init
   bytes the report names apart. */
#include <initcheck.h>

int __init noplugin_setup(int x)
{
    return x * 3 + 1;
}
