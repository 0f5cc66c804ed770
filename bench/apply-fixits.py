#!/usr/bin/env python3
"""apply-fixits.py BUILD_LOG REPORT_JSON N [TREE]

Applies the fix-its of N of initcheck's suggestions to a source tree: the
ones with the most bytes in the report (initcheck-report --json --suggest),
each with the suggestions it needs (the suggested functions that reach
it: "needs"), each matched by file and line to the fix-it GCC printed
for it in the build log (-fdiagnostics-parseable-fixits).  Prints one line per
applied suggestion (bytes, symbol, file:line) and the total, and writes
nothing else.  Used by bench/suggest-kernel.sh."""
import json, os, re, sys

log, report, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
tree = sys.argv[4] if len(sys.argv) > 4 else "."
note = re.compile(r"^(\S+?):(\d+):(\d+): note: .*\[initcheck:suggest\]")
fixit = re.compile(r'^fix-it:"([^"]+)":\{(\d+):(\d+)-(\d+):(\d+)\}:"(.*)"$')
fixes, last = {}, None
for line in open(log, errors="replace"):
    line = line.rstrip("\n")
    m = note.match(line)
    if m:
        last = (os.path.normpath(m.group(1)), int(m.group(2)))
        continue
    m = fixit.match(line)
    if m and last:
        f, l, c = os.path.normpath(m.group(1)), int(m.group(2)), int(m.group(3))
        fixes[(f, l)] = (c, int(m.group(5)), m.group(6))
        last = None
sugg = json.load(open(report)).get("suggest", {}).get("suggestions", [])
by_name = {}
for s in sugg:
    by_name.setdefault((os.path.normpath(s["file"]), s["name"]), s)
chosen, keys = [], set()

def take(s):
    """S and, first, the suggested functions it needs marked with it
    (a helper that another suggested helper calls)."""
    key = (os.path.normpath(s["file"]), s["line"])
    if key in keys:
        return True
    if key not in fixes:
        return False
    keys.add(key)
    for need in s.get("needs", []):
        dep = by_name.get((os.path.normpath(s["file"]), need))
        if not dep or not take(dep):
            return False
    chosen.append((key, s))
    return True

for s in sorted(sugg, key=lambda s: -(s["bytes"] or 0)):
    if len([c for c in chosen if (c[1]["bytes"] or 0) > 0]) >= n:
        break
    if (s["bytes"] or 0) > 0:
        saved = (list(chosen), set(keys))
        if not take(s):
            chosen, keys = saved
edits = {}
for (f, l), s in chosen:
    edits.setdefault(f, []).append((l, fixes[(f, l)], s))
total = 0
for f, es in edits.items():
    path = os.path.join(tree, f)
    lines = open(path, encoding="utf-8", errors="surrogateescape").read().split("\n")
    # Right to left on a line, bottom to top in the file: columns stay true.
    for l, (c0, c1, text), s in sorted(es, key=lambda e: (-e[0], -e[1][0])):
        src = lines[l - 1].encode("utf-8", "surrogateescape")
        src = src[:c0 - 1] + text.encode() + src[c1 - 1:]
        lines[l - 1] = src.decode("utf-8", "surrogateescape")
        total += s["bytes"] or 0
        print("%8d  %-12s %s  %s:%d" % (s["bytes"], s["marker"], s["name"], f, l))
    open(path, "w", encoding="utf-8", errors="surrogateescape").write("\n".join(lines))
print("applied %d suggestions, %d bytes predicted" % (len(chosen), total))
