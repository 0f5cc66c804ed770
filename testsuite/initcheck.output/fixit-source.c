/* Input for output.exp: findings whose fix is one inserted marker. */
#include <initcheck.h>

static int __init setup(void) { return 1; }

static int helper(void)
{
    return setup();
}

struct ops { int (*fn)(void); int n; };
static struct ops boot_ops = { setup, 1 };

int __init init_main(void)
{
    return helper() + boot_ops.fn();
}
