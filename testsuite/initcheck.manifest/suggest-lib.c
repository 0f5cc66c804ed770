/* Global functions and data for the report's cross-unit suggestions:
   suggest-boot.c uses boot_parse and boot_table only from init code,
   shared_util also after boot, and asm_used is named by an assembler
   file. */
#include <initcheck.h>

int boot_table[32] = { 1 };

int boot_parse(int x)
{
	return boot_table[x & 31] * 3 + x;
}

int shared_util(int x)
{
	return x ^ 5;
}

int asm_used(void)
{
	return 7;
}

int __init lib_init(void)
{
	return asm_used();
}
