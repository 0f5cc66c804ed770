/* The definitions, with their markers, which no other unit sees.  */
#include <initcheck.h>

int boot_params[4] __initdata = { 1, 2, 3, 4 };

int __init boot_map(unsigned long addr)     /* { report-note "'boot_map' is defined here, in section .init.text" } */
{
    return (int)addr + boot_params[1];
}

int runtime_map(unsigned long addr)
{
    return (int)addr;
}

int __meminit hot_map(unsigned long addr)
{
    return (int)addr;
}
