#!/usr/bin/env python3
"""Check GCC's own SARIF log (-fdiagnostics-format=sarif-file) for one
initcheck finding.  Usage: gcc-sarif.py FILE RULE LINE"""
import json
import sys

path, rule, line = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(path) as f:
    doc = json.load(f)
assert doc["version"] == "2.1.0", doc["version"]
run = doc["runs"][0]
hits = [r for r in run["results"] if r["ruleId"] == rule
        and r["locations"][0]["physicalLocation"]["region"]["startLine"] == line]
assert hits, "no result with ruleId %s at line %d: %s" % (
    rule, line, [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"])
                 for r in run["results"]])
res = hits[0]
assert res["level"] == "error", res["level"]
assert "[initcheck:%s]" % rule in res["message"]["text"], res["message"]
ids = [d["id"] for d in run["tool"]["driver"].get("rules", [])]
assert rule in ids, ids
# The note at the target: "'setup' is declared __init here", line 4.
rel = res.get("relatedLocations", [])
assert any("declared" in r["message"]["text"]
           and r["physicalLocation"]["region"]["startLine"] == 4 for r in rel), rel
# The fix-it: insert the marker before the source's name.
rep = res["fixes"][0]["artifactChanges"][0]["replacements"][0]
assert rep["insertedContent"]["text"].startswith("__init"), rep
print("ok")
