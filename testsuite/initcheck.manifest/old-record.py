#!/usr/bin/env python3
"""An object's INITCHK3 records rewritten in an earlier format, for the
test that initcheck-report still reads objects of an older plugin.

  old-record.py 2|1 IN.o OUT.o

2: INITCHK2 (the references in the JSON, zlib with the dictionary of that
format); 1: INITCHK1 (plain JSON).  The section sizes are copied as they
are: not for a target whose assembler leaves relocations on them
(RISC-V).  $OBJCOPY replaces the section."""
import json
import os
import struct
import subprocess
import sys
import tempfile
import zlib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import validate  # noqa: E402


def main(version, src, out):
    with tempfile.TemporaryDirectory() as d:
        sec = os.path.join(d, "sec")
        subprocess.run([os.environ.get("OBJCOPY", "objcopy"), "--dump-section",
                        ".discard.initcheck=" + sec, src, os.path.join(d, "copy")], check=True)
        data = open(sec, "rb").read()
        big = open(src, "rb").read(6)[5:6] == b"\x02"
        fmt = ">I" if big else "<I"
        u32 = lambda at: struct.unpack(fmt, data[at:at + 4])[0]
        texts = validate.records(src)
        blob, off = b"", 0
        for text in texts:
            if data[off:off + 8] != b"INITCHK3":
                sys.exit("old-record.py: %s: not an INITCHK3 record at %d" % (src, off))
            stored, n = u32(off + 8), u32(off + 12)
            sizes = data[off + 24:off + 24 + 4 * n]
            js = json.dumps(json.loads(text)).encode()
            if version == "1":
                blob += b"INITCHK1" + struct.pack(fmt, len(js)) + struct.pack(fmt, n) + sizes + js
            else:
                z = zlib.compressobj(9, zlib.DEFLATED, 15, 9,
                                     zdict=validate.dictionary("IC_RECORD_DICTIONARY_V2"))
                st = z.compress(js) + z.flush()
                blob += (b"INITCHK2" + struct.pack(fmt, len(st)) + struct.pack(fmt, n)
                         + struct.pack(fmt, len(js)) + sizes + st)
            off += 24 + 4 * n + stored
        open(sec, "wb").write(blob)
        subprocess.run([os.environ.get("OBJCOPY", "objcopy"), "--update-section",
                        ".discard.initcheck=" + sec, src, out], check=True)


if __name__ == "__main__":
    main(*sys.argv[1:4])
