#!/usr/bin/env python3
"""Independent checks of initcheck-report against binutils (readelf, nm).

  check.py object OBJ MANIFESTS.json      sections and symbols of one object
  check.py linked BINARY REPORT.json      --linked report vs the binary
  check.py same A.json B.json ...         the same totals in every report
  check.py sidefiles DIR N                N valid manifests in DIR
  check.py cross REPORT.json SYMBOL       a cross-unit finding for SYMBOL
Prints "ok" or the first difference."""
import glob
import json
import os
import re
import subprocess
import sys

# The target's binutils (manifest.exp passes those of $CC: a cross
# compiler's objects are read with its own readelf and nm).
READELF = os.environ.get("READELF", "readelf")
NM = os.environ.get("NM", "nm")


def readelf_sections(path):
    """name -> total size, from readelf -S -W."""
    out = subprocess.run([READELF, "-S", "-W", path], check=True,
                         capture_output=True, text=True).stdout
    sizes = {}
    for line in out.splitlines():
        m = re.match(r"\s*\[\s*\d+\]\s+(\S+)\s+\S+\s+[0-9a-f]+\s+[0-9a-f]+\s+([0-9a-f]+)", line)
        if m:
            sizes[m.group(1)] = sizes.get(m.group(1), 0) + int(m.group(2), 16)
    return sizes


def nm_sizes(path):
    """symbol -> size, from nm -S."""
    out = subprocess.run([NM, "-S", path], check=True, capture_output=True,
                         text=True).stdout
    sizes = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 4:
            sizes[parts[3]] = int(parts[1], 16)
    return sizes


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def check_object(obj, manifests):
    units = json.load(open(manifests))
    if len(units) != 1:
        fail("%d units in %s" % (len(units), obj))
    elf = readelf_sections(obj)
    syms = nm_sizes(obj)
    unit = units[0]
    listed = set()
    total = 0
    for name, size in unit["sections"].items():
        listed.add(name)
        if size != elf.get(name):
            fail("%s: manifest %s bytes, readelf %s" % (name, size, elf.get(name)))
        if unit["section_classes"][name] in ("init", "init table"):
            total += size
    if unit["reclaimable_bytes"] != total:
        fail("reclaimable_bytes %d, sections add up to %d" % (unit["reclaimable_bytes"], total))
    for name in elf:
        if re.match(r"\.(init|exit|meminit)\.|\.initcall", name) and not name.startswith(".rel") and name not in listed:
            fail("section %s is in the object but not in the manifest" % name)
    for sym in unit["symbols"]:
        if sym["bytes"] != syms.get(sym["name"]):
            fail("%s: manifest %s bytes, nm %s" % (sym["name"], sym["bytes"], syms.get(sym["name"])))
    if not unit["symbols"]:
        fail("no symbols")


def check_linked(binary, report):
    rep = json.load(open(report))
    elf = readelf_sections(binary)
    for sec in rep["sections"]:
        if sec["linked_bytes"] != elf.get(sec["name"], 0):
            fail("%s: report says linked %s, readelf %s" % (sec["name"], sec["linked_bytes"], elf.get(sec["name"])))
        if sec["unexplained"] != 0:
            fail("%s: %d bytes unexplained" % (sec["name"], sec["unexplained"]))
        if sec["bytes"] + sec["without_manifest"] + sec["alignment_padding"] != sec["linked_bytes"]:
            fail("%s: %d + %d != %d" % (sec["name"], sec["bytes"], sec["alignment_padding"], sec["linked_bytes"]))


def check_same(reports):
    key = None
    for path in reports:
        rep = json.load(open(path))
        k = (rep["units"], rep["init_bytes"], rep["exit_bytes"], rep["meminit_bytes"],
             sorted((s["name"], s["bytes"]) for s in rep["sections"]))
        if key is not None and k != key:
            fail("%s differs: %s vs %s" % (path, k, key))
        key = k


def check_sidefiles(directory, count):
    files = glob.glob(directory + "/*.initcheck.json")
    if len(files) != count:
        fail("%d manifests, expected %d" % (len(files), count))
    for f in files:
        m = json.load(open(f))
        if m["version"] != 1 or m["sizes_exact"] is not False or not m["tu"]:
            fail("bad manifest " + f)
    if glob.glob(directory + "/*.tmp*"):
        fail("temporary files left")


def check_cross(report, symbol):
    rep = json.load(open(report))
    hits = [c for c in rep["cross_unit"] if c["symbol"] == symbol]
    if not hits or not hits[0]["file"] or not hits[0]["defined_in"]:
        fail("no cross-unit finding for " + symbol)


cmd = sys.argv[1]
if cmd == "object":
    check_object(sys.argv[2], sys.argv[3])
elif cmd == "linked":
    check_linked(sys.argv[2], sys.argv[3])
elif cmd == "same":
    check_same(sys.argv[2:])
elif cmd == "sidefiles":
    check_sidefiles(sys.argv[2], int(sys.argv[3]))
elif cmd == "cross":
    check_cross(sys.argv[2], sys.argv[3])
print("ok")
