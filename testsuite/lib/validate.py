#!/usr/bin/env python3
"""Validate initcheck's JSON output against its schemas (python3-jsonschema).

  validate.py sarif [--schema S] FILE...      SARIF 2.1.0 logs (any tool's:
                                              the plugin's sarif=, the
                                              report's --sarif, GCC's own)
  validate.py manifest [--report R] PATH...   manifests: side files
                                              (*.initcheck.json), the records
                                              in objects (.o, .a: read from
                                              .discard.initcheck as they are,
                                              and through R --manifests)
  validate.py tree [--report R] DIR           every manifest and SARIF log
                                              under DIR

The SARIF schema is the OASIS 2.1.0 schema as an npm package ships it
(make sarif-schema: build/sarif/sarif-schema-2.1.0.json, from
@microsoft/jest-sarif), with the one constraint the OASIS errata01 text
adds to it; --schema or $INITCHECK_SARIF_SCHEMA names another copy (the
OASIS file itself works as it is).  Prints one line per file
that fails, then "validate: N valid, M invalid"; exit 1 if any failed."""
import json
import os
import re
import struct
import subprocess
import sys
import tempfile
import zlib

import jsonschema

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SARIF_SCHEMA = os.environ.get("INITCHECK_SARIF_SCHEMA",
                              os.path.join(TOP, "build/sarif/sarif-schema-2.1.0.json"))
MANIFEST_SCHEMA = os.path.join(TOP, "docs/manifest.schema.json")
OBJCOPY = os.environ.get("OBJCOPY", "objcopy")


def validator(path):
    with open(path) as f:
        schema = json.load(f)
    # The npm package's copy is 2.1.0 as of its rtm.5 draft; the OASIS
    # errata01 text adds "type": "string" beside enums (no change) and one
    # constraint, put back here: a region has a start.
    region = schema.get("definitions", {}).get("region")
    if region is not None and "anyOf" not in region:
        region["anyOf"] = [{"required": ["startLine"]}, {"required": ["charOffset"]},
                           {"required": ["byteOffset"]}]
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def errors_of(v, doc):
    return ["%s: %s" % ("/".join(str(p) for p in e.absolute_path) or "(top)", e.message)
            for e in sorted(v.iter_errors(doc), key=lambda e: list(e.absolute_path))[:5]]


def dictionary(name="IC_RECORD_DICTIONARY"):
    """A preset dictionary of include/initcheck-record.h, as bytes: its
    string literals, and the dictionaries it names first."""
    text = open(os.path.join(TOP, "include/initcheck-record.h")).read()
    body = text[text.index("#define %s " % name):]
    body = body[:body.index("\n\n")]
    head = re.match(r"#define \w+ (IC_\w+)", body)
    parts = re.findall(r'"((?:[^"\\]|\\.)*)"', body)
    own = "".join(parts).encode().decode("unicode_escape").encode("latin-1")
    return (dictionary(head.group(1)) if head else b"") + own


INT_COLUMNS = {"file", "line", "column", "forbidden", "from_file", "from_line", "from_column"}


def table_rows(raw):
    """An INITCHK3 record's references table (tab-separated, linear TSV's
    escapes): its column names and rows, as the JSON of a side file has
    them."""
    unesc = lambda c: re.sub(r"\\([tnr\\])", lambda m: {"t": "\t", "n": "\n", "r": "\r",
                                                        "\\": "\\"}[m.group(1)], c)
    lines = raw.decode("utf-8", "surrogateescape").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    names = [unesc(c) for c in lines[0].split("\t")] if lines else []
    rows = []
    for line in lines[1:]:
        cells = [unesc(c) for c in line.split("\t")]
        rows.append([int(c) if n in INT_COLUMNS and re.fullmatch(r"-?[0-9]+", c) else c
                     for n, c in zip(names, cells)])
    return names, rows


def records(obj):
    """The manifests of the records in OBJ's .discard.initcheck, as JSON
    texts: an INITCHK3 record's table put back into its JSON as
    "reference_columns" and "references"."""
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "sec")
        r = subprocess.run([OBJCOPY, "--dump-section", ".discard.initcheck=" + out,
                            obj, os.path.join(d, "copy")], capture_output=True)
        if r.returncode != 0 or not os.path.exists(out):
            return []
        data = open(out, "rb").read()
    big = open(obj, "rb").read(6)[5:6] == b"\x02"
    u32 = lambda at: struct.unpack(">I" if big else "<I", data[at:at + 4])[0]
    headers = {b"INITCHK1": 16, b"INITCHK2": 20, b"INITCHK3": 24}
    texts, off = [], 0
    while off + 16 <= len(data) and data[off:off + 8] in headers:
        magic = data[off:off + 8]
        stored, n = u32(off + 8), u32(off + 12)
        start = off + headers[magic] + 4 * n
        raw = data[start:start + stored]
        json_len = u32(off + 16) if magic != b"INITCHK1" else stored
        table_len = u32(off + 20) if magic == b"INITCHK3" else 0
        if magic != b"INITCHK1":
            d = zlib.decompressobj(zdict=dictionary(
                "IC_RECORD_DICTIONARY_V2" if magic == b"INITCHK2" else "IC_RECORD_DICTIONARY"))
            raw = d.decompress(raw) + d.flush()
            if len(raw) != json_len + table_len:
                raise ValueError("record inflates to %d bytes, not %d"
                                 % (len(raw), json_len + table_len))
        text = raw[:json_len].decode("utf-8", "surrogateescape")
        if magic == b"INITCHK3":
            m = json.loads(text)
            if "references" in m or "reference_columns" in m:
                raise ValueError("an INITCHK3 record's JSON has its own references")
            m["reference_columns"], m["references"] = table_rows(raw[json_len:])
            text = json.dumps(m)
        texts.append(text)
        off = start + stored
    return texts


def check_manifests(paths, report):
    v = validator(MANIFEST_SCHEMA)
    results = []
    for p in paths:
        docs = []
        try:
            if p.endswith(".json"):
                docs = [("side file", json.load(open(p)))]
            else:
                if not p.endswith(".a"):
                    docs = [("record", json.loads(t)) for t in records(p)]
                if report:
                    out = subprocess.run([report, "--manifests", p], capture_output=True,
                                         text=True, errors="surrogateescape").stdout
                    docs += [("--manifests", m) for m in (json.loads(out) if out.strip() else [])]
        except (ValueError, OSError) as e:
            results.append((p, ["not JSON: %s" % e]))
            continue
        for what, doc in docs:
            results.append(("%s (%s)" % (p, what), errors_of(v, doc)))
    return results


def check_sarif(paths, schema):
    v = validator(schema)
    results = []
    for p in paths:
        try:
            doc = json.load(open(p))
        except (ValueError, OSError) as e:
            results.append((p, ["not JSON: %s" % e]))
            continue
        errs = errors_of(v, doc)
        # The schema's "format": "uri" (an absolute URI), which jsonschema
        # checks only with optional modules: checked here, for the fields
        # that have it and code scanning reads.
        for run in doc.get("runs", []) or []:
            drv = run.get("tool", {}).get("driver", {})
            for key in ("informationUri", "downloadUri"):
                if key in drv and not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", drv[key]):
                    errs.append("driver %s %r is not absolute" % (key, drv[key]))
            for rule in drv.get("rules", []):
                uri = rule.get("helpUri")
                if uri is not None and not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", uri):
                    errs.append("rule %s: helpUri %r is not absolute" % (rule.get("id"), uri))
        results.append((p, errs))
    return results


def tree(d, report):
    sarifs, manifests = [], []
    for root, _, files in os.walk(d):
        for f in files:
            p = os.path.join(root, f)
            if f.endswith(".sarif"):
                sarifs.append(p)
            elif f.endswith(".initcheck.json") or (f.endswith(".o") and is_elf(p)):
                manifests.append(p)
    return check_sarif(sorted(sarifs), SARIF_SCHEMA) + check_manifests(sorted(manifests), report)


def is_elf(p):
    try:
        return open(p, "rb").read(4) == b"\x7fELF"
    except OSError:
        return False


def main(argv):
    if len(argv) < 2 or argv[0] not in ("sarif", "manifest", "tree"):
        print(__doc__)
        return 2
    kind, args = argv[0], argv[1:]
    opt = {"--schema": SARIF_SCHEMA, "--report": None}
    while args and args[0] in opt and len(args) > 1:
        opt[args[0]] = args[1]
        args = args[2:]
    if kind == "sarif":
        results = check_sarif(args, opt["--schema"])
    elif kind == "manifest":
        results = check_manifests(args, opt["--report"])
    else:
        results = tree(args[0], opt["--report"])
    bad = 0
    for what, errs in results:
        if errs:
            bad += 1
            print("INVALID %s: %s" % (what, "; ".join(errs)))
    print("validate: %d valid, %d invalid" % (len(results) - bad, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
