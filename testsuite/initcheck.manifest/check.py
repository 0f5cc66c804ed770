#!/usr/bin/env python3
"""Independent checks of initcheck-report against binutils (readelf, nm).

  check.py object OBJ MANIFESTS.json      sections and symbols of one object
  check.py linked BINARY REPORT.json      --linked report vs the binary
  check.py same A.json B.json ...         the same totals in every report
  check.py sidefiles DIR N                N valid manifests in DIR
  check.py cross REPORT.json SYMBOL       a cross-unit finding for SYMBOL
  check.py predict BINARY REPORT.json ASM.o C.o
                                          --predict-free vs the binary
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
    for sec in unit["sections"]:
        name, size = sec["name"], sec["bytes"]
        listed.add(name)
        if size != elf.get(name):
            fail("%s: manifest %s bytes, readelf %s" % (name, size, elf.get(name)))
        if sec["class"] in ("init", "init table"):
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
        # linker_relaxation: what a final RISC-V link deleted (<= 0).
        relaxed = sec["linker_relaxation"]
        if relaxed > 0 or (relaxed and not os.environ.get("RELAXES")):
            fail("%s: linker relaxation %d on a target that does not relax" % (sec["name"], relaxed))
        if sec["bytes"] + sec["without_manifest"] + sec["alignment_padding"] + relaxed != sec["linked_bytes"]:
            fail("%s: %d + %d + %d + %d != %d" % (sec["name"], sec["bytes"], sec["without_manifest"],
                                                 sec["alignment_padding"], relaxed, sec["linked_bytes"]))


def check_same(reports):
    # s390x's and MIPS's assemblers pad each section's end to its
    # alignment, after the record's end label: in an object of one unit
    # the report counts that padding as the unit's, in an ld -r output
    # it is padding between inputs (tools/objects.c): there the sections
    # may be short by less than the alignment (8) per unit, no more.
    pads = os.environ.get("PADS_SECTION_ENDS")
    key = None
    for path in reports:
        rep = json.load(open(path))
        k = (rep["units"], rep["init_bytes"], rep["exit_bytes"], rep["meminit_bytes"],
             sorted((s["name"], s["bytes"]) for s in rep["sections"]))
        if key is not None and k != key:
            if not pads or k[0] != key[0] or [n for n, _ in k[4]] != [n for n, _ in key[4]] \
                    or any(not 0 <= b - a < 8 * k[0] for (_, a), (_, b) in zip(k[4], key[4])):
                fail("%s differs: %s vs %s" % (path, k, key))
            continue
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


def readelf_alloc(path):
    """[(name, address, size)] of the allocated sections, from readelf."""
    out = subprocess.run(["readelf", "-S", "-W", path], check=True,
                         capture_output=True, text=True).stdout
    secs = []
    for line in out.splitlines():
        m = re.match(r"\s*\[\s*\d+\]\s+(\S+)\s+\S+\s+([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)\s+\S+\s+(\S*A\S*)\s", line)
        if m:
            secs.append((m.group(1), int(m.group(2), 16), int(m.group(3), 16)))
    return secs


def check_predict(binary, report, asm_obj, c_obj):
    """The figure free_reserved_area() would print for the binary's
    [__init_begin, __init_end), its sections, and the parts named."""
    rep = json.load(open(report))
    addr = {}
    for line in subprocess.run([NM, binary], check=True, capture_output=True,
                               text=True).stdout.splitlines():
        parts = line.split()
        if len(parts) == 3:
            addr[parts[2]] = int(parts[0], 16)
    begin, end = addr["__init_begin"], addr["__init_end"]
    page = 4096
    freed = max(0, (end & ~(page - 1)) - ((begin + page - 1) & ~(page - 1)))
    if begin % page == 0 or end % page == 0:
        fail("__init_begin or __init_end is page-aligned: a rounding is not tested")
    if rep["predicted_kib"] != freed >> 10 or rep["freed_bytes"] != freed:
        fail("predicted %sK, nm gives %dK" % (rep["predicted_kib"], freed >> 10))
    if (rep["init_begin"], rep["init_end"]) != (begin, end):
        fail("range %#x-%#x, nm %#x-%#x" % (rep["init_begin"], rep["init_end"], begin, end))
    inside = [(n, a, s) for n, a, s in readelf_alloc(binary) if s and begin <= a < end]
    got = [(s["name"], s["address"], s["bytes"]) for s in rep["sections"]]
    if got != inside:
        fail("sections %s, readelf %s" % (got, inside))
    parts = ("units_exit_in_range", "units_meminit_in_range", "without_manifest",
             "other_input", "padding", "linker_relaxation", "gaps", "tail", "unexplained")
    if rep["linker_relaxation"] > 0 or (rep["linker_relaxation"] and not os.environ.get("RELAXES")):
        fail("linker relaxation %d on a target that does not relax" % rep["linker_relaxation"])
    named = rep["units_init_bytes"] - rep["units_init_outside_range"] + sum(rep[p] for p in parts)
    if named != end - begin or rep["range_bytes"] != end - begin:
        fail("parts %d, range %d" % (named, end - begin))
    if rep["unexplained"] != 0:
        fail("%d bytes unexplained" % rep["unexplained"])
    # The two sections free-asm.s writes (an assembler adds its own
    # elsewhere, outside the range: MIPS's .MIPS.abiflags, .reginfo).
    asm = sum(s for n, a, s in readelf_alloc(asm_obj) if n in (".init.text", ".fixup_table"))
    if rep["without_manifest"] != asm:
        fail("without manifest %d, the assembler object has %d" % (rep["without_manifest"], asm))
    c = dict((n, s) for n, a, s in readelf_alloc(c_obj))
    if rep["units_exit_in_range"] != c.get(".exit.text", 0) or not c.get(".exit.text"):
        fail("exit %d, readelf %s" % (rep["units_exit_in_range"], c.get(".exit.text")))
    gone = [(o["name"], o["bytes"]) for o in rep["units_init_outside"]]
    if gone != [(".exitcall.exit", c.get(".exitcall.exit"))] or \
            rep["units_init_discarded"] != c.get(".exitcall.exit") or \
            rep["units_init_outside_range"] != c.get(".exitcall.exit"):
        fail("outside the range %s, discarded %d; readelf .exitcall.exit %s"
             % (gone, rep["units_init_discarded"], c.get(".exitcall.exit")))
    other = [o for o in rep["inputs"] if o["name"] == ".fixup_table"]
    if not other or other[0]["other_input"] != c.get(".fixup_table"):
        fail("other input .fixup_table %s, readelf %s" % (other, c.get(".fixup_table")))


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
elif cmd == "predict":
    check_predict(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5])
print("ok")
