#!/usr/bin/env python3
"""gen-build.py N DIR - a generated build of N C units for the report's
benchmark (bench/report-bench.sh): like a kernel's, each unit defines
init functions and data, runtime functions, an initcall, and calls about
60 functions of other units through prototypes in a shared header (so
every reference is external, as the plugin's manifest lists them; each
unit declares just what it calls, without __init, as a kernel header
does).  One
unit in 100 calls an init function of another unit from runtime code: a
cross-unit mismatch the report must find."""
import os
import random
import sys

n, out = int(sys.argv[1]), sys.argv[2]
rnd = random.Random(1)
os.makedirs(out, exist_ok=True)
FUNCS = 12
for u in range(n):
    decls = set()
    lines = ['#include <initcheck.h>', "@DECLS@",
             "int u%d_level __initdata = %d;" % (u, u),
             "static int u%d_table[16] __initdata = { %d };" % (u, u)]
    def call(arg):
        t, f = rnd.randrange(n), rnd.randrange(FUNCS)
        if t != u:
            decls.add("int u%d_f%d(int);" % (t, f))
        return "u%d_f%d(%s)" % (t, f, arg)
    for f in range(FUNCS):
        decls.add("int u%d_f%d(int);" % (u, f))
        calls = " + ".join(call("x + %d" % k) for k in range(5))
        lines.append("int u%d_f%d(int x)\n{\n\tif (x > %d)\n\t\treturn x;\n\treturn %s;\n}"
                     % (u, f, 100 + f, calls))
    calls = " + ".join(call(str(k)) for k in range(3))
    lines.append("int __init u%d_setup(int x)\n{\n\treturn u%d_table[x & 15] + u%d_level + %s;\n}"
                 % (u, u, u, calls))
    lines.append("static int __init u%d_initcall(void)\n{\n\treturn u%d_setup(1);\n}" % (u, u))
    lines.append('static int (*u%d_call)(void) __attribute__((used, section(".initcall6.init"))) = u%d_initcall;'
                 % (u, u))
    if u % 100 == 99:	# the mismatch: runtime code calls another unit's __init
        decls.add("int u%d_setup(int);\nextern int u%d_level;" % ((u + 1) % n, (u + 1) % n))
        lines.append("int u%d_rescan(void)\n{\n\treturn u%d_setup(2) + u%d_level;\n}"
                     % (u, (u + 1) % n, (u + 1) % n))
    lines[1] = "\n".join(sorted(decls))
    with open(os.path.join(out, "u%d.c" % u), "w") as f:
        f.write("\n".join(lines) + "\n")
