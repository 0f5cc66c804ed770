#!/usr/bin/env python3
"""Hostile INITCHK3 records for the report's reader of the references
table (tools/table.c, tools/objects.c), put into a copy of an object.

  hostile-table.py make KIND IN.o OUT.o   OUT.o = IN.o with one record
  hostile-table.py check MANIFESTS.json   the "odd" record as --manifests
                                          reads it: prints ok, or why not
  hostile-table.py check-empty MANIFESTS.json   the "empty" one

KIND: odd (a table no plugin writes but a reader must survive: escapes,
rows too long and too short, numbers that are not, indexes out of range,
a NUL, no last newline), lies (the table claims more bytes than the stream
holds), huge (lengths of 2 x 4 GiB), empty (no table at all, not even its
header).  $OBJCOPY adds the section."""
import json
import os
import struct
import subprocess
import sys
import tempfile
import zlib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import validate  # noqa: E402  (the record's dictionary)

MANIFEST = {"version": 1, "tu": "hostile.c", "output": "hostile", "target": "x86_64-linux-gnu",
            "pointer_bytes": 8, "compiler": "GCC 12.2.0", "sizes_exact": True, "lto_only": False,
            "sections": [], "symbols": [], "files": ["hostile.c"],
            "forbidden": ["init=init-from-text:error"]}
HEADER = ("symbol\tfrom\tfrom_section\tkind\tfile\tline\tcolumn\tforbidden\t"
          "from_inline\tfrom_file\tfrom_line\tfrom_column\n")
ODD = (HEADER.encode()
       + b"a\\tb\\\\c\\nd\trun\t.text\tcall\t0\t5\t7\t0\t\t0\t1\t1\n"           # escapes
       + b"long\trun\t.text\tcall\t0\t6\t1\t0\t\t0\t1\t1" + b"\tx" * 100 + b"\n"  # 112 cells
       + b"short\trun\n"                                                     # 2 cells
       + b"nums\trun\t.text\treference\t99\tx5\t-3\t-1\tinline\t-1\t99999999999999999999\t7\n"
       + b"esc\\q\\\trun\t.text\tcall\t0\t8\t1\t0\t\t0\t1\t1\n"               # \q, a lone \
       + b"nul\x00hidden\trun\t.text\tcall\t0\t9\t1\t0\t\t0\t1\t1\n"
       + b"\n"                                                              # an empty line
       + b"last\trun\t.text\tcall\t0\t10\t1\t0\t\t0\t1\t1")                 # no newline


def record(kind, big):
    u32 = lambda v: struct.pack(">I" if big else "<I", v)
    text = json.dumps(MANIFEST).encode()
    table = {"odd": ODD, "lies": ODD, "huge": ODD, "empty": b""}[kind]
    z = zlib.compressobj(9, zlib.DEFLATED, 15, 9, zdict=validate.dictionary())
    stored = z.compress(text + table) + z.flush()
    json_len, table_len = len(text), len(table)
    if kind == "lies":
        table_len += 1000
    if kind == "huge":
        json_len = table_len = 0xffffffff
    return b"INITCHK3" + u32(len(stored)) + u32(0) + u32(json_len) + u32(table_len) + stored


def make(kind, src, out):
    big = open(src, "rb").read(6)[5:6] == b"\x02"
    with tempfile.TemporaryDirectory() as d:
        blob = os.path.join(d, "record")
        open(blob, "wb").write(record(kind, big))
        subprocess.run([os.environ.get("OBJCOPY", "objcopy"), "--add-section",
                        ".discard.initcheck=" + blob, src, out], check=True)


def check(path):
    m = json.load(open(path))
    if len(m) != 1:
        return "%d manifests, not 1" % len(m)
    m = m[0]
    if m.get("reference_columns") != HEADER.strip().split("\t"):
        return "reference_columns: %r" % m.get("reference_columns")
    rows = {r[0]: r for r in m["references"]}
    want = {
        "a\tb\\c\nd": ["a\tb\\c\nd", "run", ".text", "call", 0, 5, 7, 0, "", 0, 1, 1],
        "short": ["short", "run"],
        "nums": ["nums", "run", ".text", "reference", 99, "x5", -3, -1, "inline", -1,
                 "99999999999999999999", 7],
        "esc\\q\\": ["esc\\q\\", "run", ".text", "call", 0, 8, 1, 0, "", 0, 1, 1],
        "nul": ["nul", "run", ".text", "call", 0, 9, 1, 0, "", 0, 1, 1],
        "last": ["last", "run", ".text", "call", 0, 10, 1, 0, "", 0, 1, 1],
    }
    for sym, row in want.items():
        if rows.get(sym) != row:
            return "row %r: %r" % (sym, rows.get(sym))
    long_row = rows.get("long", [])
    if len(long_row) != 64 or long_row[-1] != "\t".join(["x"] * 49):
        return "the long row: %d cells" % len(long_row)
    if len(m["references"]) != 8 or "" not in rows:
        return "%d rows, not 8 (the empty line is a row of one empty cell)" % len(m["references"])
    return "ok"


if __name__ == "__main__":
    if sys.argv[1] == "make":
        make(sys.argv[2], sys.argv[3], sys.argv[4])
    elif sys.argv[1] == "check-empty":
        m = json.load(open(sys.argv[2]))
        print("ok" if len(m) == 1 and m[0]["references"] == [] else m)
    else:
        print(check(sys.argv[2]))
