/* One finding, at 8:16. */
#include <initcheck.h>

static int __init setup(void) { return 1; }

int run(void)
{
        return setup();
}
