// SPDX-License-Identifier: GPL-2.0
/*
 * initcheck_demo.c - the out-of-tree module of bench/module-check.sh: init
 * code, init data and init read-only data the kernel frees once
 * demo_init() returns, and one section mismatch (demo_peek) for the
 * plugin and modpost to report at its line.
 */
#include <linux/module.h>
#include <linux/init.h>
#include <linux/delay.h>

static int table[512] __initdata = { 1, 2, 3 };
static const char banner[] __initconst = "initcheck_demo: init ran";

static int __init helper(int i)
{
	return table[i % 512] + i;
}

int demo_peek(void);
int demo_peek(void)
{
	return table[1];	/* the mismatch: .text reads __initdata */
}
EXPORT_SYMBOL(demo_peek);

static int __init demo_init(void)
{
	int i, sum = 0;

	for (i = 0; i < 512; i++)
		sum += helper(i);
	pr_info("%s (sum %d)\n", banner, sum);
	/* Time for /init to read /sys/module/initcheck_demo/initsize while
	   the init sections are still there. */
	msleep(2000);
	return 0;
}

static void __exit demo_exit(void)
{
	pr_info("initcheck_demo: exit\n");
}

module_init(demo_init);
module_exit(demo_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("initcheck: a module's freed init memory");
