#!/usr/bin/env python3
"""Check GCC's -fdiagnostics-format=json output, or initcheck's SARIF log,
with a real JSON parser.  Usage: check-json.py json|sarif FILE RULE LINE
[GCC-JSON]: with GCC's JSON of the same compile (C locale), every SARIF
message must be one of GCC's."""
import json
import sys

kind, path, rule, line = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
with open(path) as f:
    doc = json.load(f)

if kind == "json":
    # A list of diagnostics; ours is an error whose message names the
    # rule, with a caret at LINE and the declared-here note as a child.
    hits = [d for d in doc if d["kind"] == "error"
            and "[initcheck:%s]" % rule in d["message"]
            and d["locations"][0]["caret"]["line"] == line]
    assert hits, "no error for %s at line %d" % (rule, line)
    assert any(c["kind"] == "note" for c in hits[0]["children"]), "no note"
else:
    assert doc["version"] == "2.1.0"
    run = doc["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert rule in ids and "init-from-text" in ids, ids
    for r in run["tool"]["driver"]["rules"]:
        assert r["shortDescription"]["text"], r
    hits = [r for r in run["results"] if r["ruleId"] == rule
            and r["locations"][0]["physicalLocation"]["region"]["startLine"] == line]
    assert hits, "no result for %s at line %d" % (rule, line)
    res = hits[0]
    assert res["level"] in ("error", "warning")
    assert "'setup'" in res["message"]["text"]
    uri = res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.endswith("fixit-source.c"), uri
    fix = res["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert fix["insertedContent"]["text"].startswith("__init"), fix
    # The version, no relative helpUri, GCC's note as a related location.
    assert run["tool"]["driver"]["version"], run["tool"]["driver"]
    assert all("helpUri" not in r or "://" in r["helpUri"]
               for r in run["tool"]["driver"]["rules"])
    notes = [n["message"]["text"] for n in res.get("relatedLocations", [])]
    assert any("'setup' is declared __init here" in n for n in notes), notes
    if len(sys.argv) > 5:
        # One text per message (plugin/findings.c): a result's is GCC's
        # without the " [initcheck:RULE]" GCC's shows, a related
        # location's is one of GCC's notes.
        with open(sys.argv[5]) as f:
            gcc = json.load(f)
        texts = set(d["message"] for d in gcc)
        notes = set(c["message"] for d in gcc for c in d.get("children", []))
        for r in run["results"]:
            text = "%s [initcheck:%s]" % (r["message"]["text"], r["ruleId"])
            assert text in texts, (text, texts)
            for n in r.get("relatedLocations", []):
                assert n["message"]["text"] in notes, (n["message"], notes)
print("ok")
