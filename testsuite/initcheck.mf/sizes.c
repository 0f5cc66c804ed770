/* The manifest of a unit with init code, data, const data, exit code and
   an initcall: each section's bytes equal the object's, and the symbols
   are listed with their source lines. */
/* { dg-do compile } */
#include <initcheck.h>

static int boot_args[16] __initdata = { 1 };
static const char boot_msg[] __initconst = "booting";

static int __init parse(int i)
{
    return boot_args[i & 15] + boot_msg[i & 3];
}

int __init start(void)
{
    int s = 0;

    for (int i = 0; i < 16; i++)
        s += parse(i);
    return s;
}

void __exit stop(void)
{
}

INITCHECK_INITCALL(start, 6);

/* { dg-final { manifest-section ".init.text" } } */
/* { dg-final { manifest-section ".init.data" } } */
/* { dg-final { manifest-section ".init.rodata" } } */
/* { dg-final { manifest-section ".exit.text" } } */
/* { dg-final { manifest-section ".initcall6.init" } } */
/* { dg-final { manifest-match {"bytes": 64,\s*"class": "init",\s*"file": "[^"]*sizes.c",\s*"global": false,\s*"kind": "variable",\s*"line": 7,\s*"name": "boot_args"} } } */
/* { dg-final { manifest-match {"kind": "function",\s*"line": 15,\s*"name": "start",\s*"section": "\.init\.text"} } } */
/* { dg-final { manifest-match {"class": "init table",\s*"name": "\.initcall6\.init"} } } */
/* { dg-final { manifest-match {"reclaimable_bytes": [1-9]} } } */
