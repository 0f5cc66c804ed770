#!/usr/bin/env python3
"""check-suggest.py REPORT_JSON OBJECT...: every suggestion's bytes are what
the object says (a variable's or function's st_size, a function's clones
included), read with readelf, not from the manifest.

check-suggest.py --moved REPORT_JSON OBJECT: after the suggested markers
were applied, each suggested symbol is in an init section of OBJECT with
exactly the bytes the report predicted.

Prints "ok" or the differences."""
import json
import re, os, subprocess, sys

READELF = os.environ.get("READELF", "readelf")

def symbols(obj):
    """name -> list of (size, section name) for defined FUNC/OBJECT symbols."""
    out = subprocess.run([READELF, "-W", "-S", "-s", obj], capture_output=True,
                         text=True, check=True).stdout
    secs, syms = {}, {}
    for line in out.splitlines():
        # powerpc64 ELFv2: a function's local entry point is one more
        # column, "[<localentry>: 8]", after the visibility.
        line = re.sub(r"\[<localentry>: *[0-9]+\]", "", line)
        f = line.replace("[ ", "[").split()
        if len(f) > 2 and f[0].startswith("[") and f[0].endswith("]") and f[0][1:-1].isdigit():
            secs[int(f[0][1:-1])] = f[1]
        elif len(f) == 8 and f[3] in ("FUNC", "OBJECT") and f[6].isdigit():
            syms.setdefault(f[7], []).append((int(f[2], 0), secs.get(int(f[6]), "?")))
    return syms

def expected(syms, s):
    base = s["name"]
    found = [v for n, vs in syms.items() for v in vs
             if n == base or (s["kind"] == "function" and n.startswith(base + "."))]
    return sum(size for size, _ in found), found

def main():
    moved = sys.argv[1] == "--moved"
    args = sys.argv[2:] if moved else sys.argv[1:]
    report = json.load(open(args[0]))
    syms = {}
    for obj in args[1:]:
        for n, v in symbols(obj).items():
            syms.setdefault(n, []).extend(v)
    errs = []
    sugg = report.get("suggest", {}).get("suggestions", [])
    if not sugg:
        errs.append("no suggestions in the report")
    for s in sugg:
        size, found = expected(syms, s)
        if s["bytes"] != size:
            errs.append("%s: report says %s bytes, the object %d" % (s["name"], s["bytes"], size))
        if moved and any(not sec.startswith(".init.") for _, sec in found):
            errs.append("%s: not moved into init: %s" % (s["name"], found))
    total = sum(s["bytes"] for s in sugg)
    if total != report["suggest"]["bytes"]:
        errs.append("total %d != sum %d" % (report["suggest"]["bytes"], total))
    print("\n".join(errs) if errs else "ok")

main()
