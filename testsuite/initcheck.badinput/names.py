#!/usr/bin/env python3
"""Odd file names through every output that carries one.

  names.py GCC PLUGIN INCLUDE REPORT TMPDIR KIND

KIND: space-unicode ("dir with space/ünïcode.c"), quote-backslash-tab,
control (a \\001 byte), latin1 (a byte that is not UTF-8).  Compiles a
unit with one finding under -fplugin-arg-initcheck-warn, asking for a
side manifest in a directory with a space and a SARIF log, and checks:
the warning names the file as it is; the side file, the SARIF log and
the record in the object are valid JSON naming the unit (bytes that are
not UTF-8 as U+FFFD); initcheck-report counts the unit's init bytes and
names it.  Prints "ok" or the first difference."""
import json
import os
import subprocess
import sys

SOURCE = b"""#include <initcheck.h>
static int __init setup(void) { return 1; }
int run(void) { return setup(); }
"""

NAMES = {
    "space-unicode": (b"dir with space", "ünïcode.c".encode()),
    "quote-backslash-tab": (b"q", b'a"b\\c\td.c'),
    "control": (b"c", b"ctl\001x.c"),
    "latin1": (b"l", b"lat\374.c"),
}


def fail(msg):
    print(msg)
    sys.exit(1)


def main():
    gcc, plugin, inc, report, tmp, kind = sys.argv[1:7]
    sub, name = NAMES[kind]
    d = os.path.join(os.fsencode(tmp), sub)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(SOURCE)
    mdir = os.path.join(d, b"m dir") + b"/"
    sarif = os.path.join(d, b"log file.sarif")
    obj = os.path.join(d, b"out put.o")
    for p in (obj, sarif):
        if os.path.exists(p):
            os.unlink(p)
    cmd = gcc.split() + ["-fplugin=" + plugin, "-I" + inc,
                         "-fdiagnostics-plain-output",
                         "-fplugin-arg-initcheck-warn"]
    cmd = [os.fsencode(c) for c in cmd] + [
        b"-fplugin-arg-initcheck-manifest=" + mdir,
        b"-fplugin-arg-initcheck-sarif=" + sarif, b"-c", name, b"-o", obj]
    r = subprocess.run(cmd, cwd=d, capture_output=True,
                       env=dict(os.environ, LC_ALL="C"))
    if r.returncode != 0:
        fail("compile failed: %r" % r.stderr)
    want = name + b":3:24: warning: 'run' (section .text) calls __init"
    if not r.stderr.startswith(want):
        fail("diagnostic does not name the file: %r" % r.stderr)
    # What a JSON reader must see: the name, not-UTF-8 bytes replaced.
    tu = name.decode("utf-8", errors="replace")
    sides = os.listdir(mdir)
    if len(sides) != 1 or any(s.endswith(b".tmp") for s in sides):
        fail("side files: %r" % sides)
    for what, path in (("side manifest", os.path.join(mdir, sides[0])),
                       ("SARIF log", sarif)):
        try:
            with open(path, "rb") as f:
                doc = json.loads(f.read().decode("utf-8"))
        except (ValueError, UnicodeDecodeError) as e:
            fail("%s is not valid JSON: %s" % (what, e))
        got = (doc["tu"] if what == "side manifest" else
               doc["runs"][0]["results"][0]["locations"][0]
               ["physicalLocation"]["artifactLocation"]["uri"])
        if got != tu:
            fail("%s names %r, not %r" % (what, got, tu))
    r = subprocess.run([report, "--manifests", obj], capture_output=True)
    try:
        units = json.loads(r.stdout.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as e:
        fail("initcheck-report --manifests: %s %r" % (e, r.stderr))
    if r.returncode != 0 or len(units) != 1 or units[0]["tu"] != tu \
            or units[0]["reclaimable_bytes"] <= 0:
        fail("record in the object: %r" % units)
    r = subprocess.run([report, obj], capture_output=True)
    if r.returncode != 0 or b"1 units in 1 objects" not in r.stdout \
            or tu.encode() not in r.stdout:
        fail("initcheck-report: %r %r" % (r.stdout, r.stderr))
    print("ok")


main()
