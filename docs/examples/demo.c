/* demo.c - a driver whose ops table and runtime path point into init. */
#include <initcheck.h>

struct ops {
	int (*probe)(void);
	void (*poll)(void);
};

static int irq_base __initdata = 32;

static int __init board_probe(void)
{
	return irq_base;		/* fine: init code uses init data */
}

static void poll(void)
{
}

/* Outlives init, yet holds the address of board_probe: modpost misses this
   one, because const tables live in .rodata. */
static const struct ops board_ops = {
	.probe = board_probe,
	.poll = poll,
};

int rescan(void)
{
	return board_probe() + (board_ops.poll != 0);	/* runs after boot */
}
