/* Init code that alone uses static helpers (suggested when compiled) and
   suggest-lib.c's globals (suggested by the report over both units). */
#include <initcheck.h>

extern int boot_table[32];
extern int boot_parse(int);
extern int shared_util(int);

static int scale(int x)
{
	return x * 10 + boot_table[1];
}

static const char names[4][8] = { "alpha", "beta", "gamma", "delta" };
static int boot_count;

int __init boot_main(int argc)
{
	boot_count += argc;
	return scale(argc) + boot_parse(argc) + shared_util(argc)
	       + names[argc & 3][0] + boot_count;
}

int runtime_op(int x)
{
	return shared_util(x);
}
