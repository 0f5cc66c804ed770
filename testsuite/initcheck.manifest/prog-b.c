/* Manifest input: a larger init function, meminit code, aligned data. */
#include <initcheck.h>

static long params[64] __initdata __attribute__((aligned(64))) = { 7 };
int b_state;

int __init b_init(void)
{
    long sum = 0;

    for (int i = 0; i < 64; i++) {
        params[i] = params[i] * 3 + i;
        sum += params[i] ^ (sum << 1);
        if (sum > 1000000)
            sum /= 7;
    }
    b_state = (int)sum;
    return b_state > 0;
}

int __meminit b_hotplug(int node)
{
    return node * 2 + b_state;
}

int b_runtime(void)
{
    return b_state;
}
