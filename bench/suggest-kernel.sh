#!/bin/sh
# suggest-kernel.sh - initcheck's suggestions on a configured Linux tree,
# and the proof that following them is safe and frees what they say.
#
#   bench/suggest-kernel.sh TREE [ARCH] [N]      (ARCH=x86_64, N=20)
#
#  1. builds vmlinux with -fplugin-arg-initcheck-suggest (and the fix-its
#     printed: -fdiagnostics-parseable-fixits); counts modpost's section
#     mismatch warnings;
#  2. initcheck-report --suggest over the objects the link used (vmlinux.a
#     and the lib.a members pulled in; assembler files among them, so
#     that what they use is never suggested): suggestions and bytes;
#  3. applies the N largest suggestions' fix-its, each with the suggested
#     functions it needs marked too (bench/apply-fixits.py);
#  4. rebuilds vmlinux (modpost runs again) and compares: no new section
#     mismatch, no new initcheck finding, and the init bytes the report
#     counts grew by the predicted amount.
# Leaves the tree with the fix-its applied; the list is in TREE/../suggest.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
tree=$1
arch=${2:-x86_64}
n=${3:-20}
PLUGIN=${PLUGIN:-$top/plugin/initcheck.so}
REPORT=${REPORT:-$top/tools/initcheck-report}
out=$(cd "$tree/.." && pwd)/suggest
mkdir -p "$out"
flags="-fplugin=$PLUGIN -fplugin-arg-initcheck-profile=kernel -fplugin-arg-initcheck-warn -fplugin-arg-initcheck-suggest -fdiagnostics-parseable-fixits"
say() { printf 'suggest-kernel: %s\n' "$*"; }
cd "$tree" || exit 1

build() {	# build LOG
	start=$(date +%s)
	LANG=C LC_ALL=C nice make -j"$(nproc)" ARCH="$arch" KCFLAGS="$flags" vmlinux > "$1" 2>&1
	rc=$?
	say "make vmlinux: exit $rc in $(( $(date +%s) - start )) s ($(basename "$1"))"
	[ $rc -eq 0 ] || { tail -20 "$1"; exit 1; }
}
inputs() {	# what the link used: vmlinux.a and the pulled lib.a members
	python3 - "$REPORT" <<'PY'
import json, subprocess, sys
report = sys.argv[1]
def tus(path):
    out = subprocess.run([report, "--manifests", path], capture_output=True, text=True).stdout
    return set(u["tu"] for u in json.loads(out)) if out.strip() else set()
pulled = tus("vmlinux.o") - tus("vmlinux.a")
libs = []
for lib in ("lib/lib.a", "arch/x86/lib/lib.a"):
    try:
        members = subprocess.run(["ar", "t", lib], capture_output=True, text=True).stdout.split()
    except FileNotFoundError:
        members = []
    libs += [m for m in members if tus(m) & pulled]
print(" ".join(["vmlinux.a"] + libs))
PY
}
mismatches() { grep -ci "section mismatch" "$1"; }
findings() { grep 'warning: .*\[initcheck:[a-z-]*\]' "$1" | sort -u; }
init_bytes() { "$REPORT" --json $(inputs) | python3 -c 'import json,sys; print(json.load(sys.stdin)["init_bytes"])'; }

# kbuild sees KCFLAGS change, not the plugin behind them: from clean when
# the plugin is not the one the tree was last built with.
stamp=$(cksum < "$PLUGIN")
if [ "$(cat "$out/plugin.stamp" 2>/dev/null)" != "$stamp" ]; then
	make -s ARCH="$arch" clean >/dev/null 2>&1
	echo "$stamp" > "$out/plugin.stamp"
fi
build "$out/build-before.log"
"$REPORT" --json --suggest $(inputs) > "$out/report-before.json"
"$REPORT" --suggest --top 0 $(inputs) > "$out/report-before.txt"
python3 - "$out/report-before.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))["suggest"]
st = [x for x in s["suggestions"] if not x["global"]]
gl = [x for x in s["suggestions"] if x["global"]]
print("suggest-kernel: %d suggestions, %d bytes: %d static (%d bytes), %d global (%d bytes); %d global candidates held back"
      % (s["symbols"], s["bytes"], len(st), sum(x["bytes"] or 0 for x in st),
         len(gl), sum(x["bytes"] or 0 for x in gl), s["global_held_back"]))
fn = [x for x in s["suggestions"] if x["kind"] == "function"]
print("suggest-kernel: functions %d (%d bytes), variables %d (%d bytes)"
      % (len(fn), sum(x["bytes"] or 0 for x in fn), s["symbols"] - len(fn),
         s["bytes"] - sum(x["bytes"] or 0 for x in fn)))
PY
before_init=$(init_bytes)
before_mm=$(mismatches "$out/build-before.log")
findings "$out/build-before.log" > "$out/findings-before.txt"

python3 "$here/apply-fixits.py" "$out/build-before.log" "$out/report-before.json" "$n" . | tee "$out/applied.txt"
predicted=$(sed -n 's/^applied [0-9]* suggestions, \([0-9]*\) bytes predicted$/\1/p' "$out/applied.txt")

build "$out/build-after.log"
after_init=$(init_bytes)
after_mm=$(mismatches "$out/build-after.log")
# The rebuild compiles only the changed units: a new finding is one the
# first build did not print.
findings "$out/build-after.log" > "$out/findings-after.txt"
new_f=$(comm -13 "$out/findings-before.txt" "$out/findings-after.txt" | wc -l)
say "modpost section mismatches: before $before_mm, after $after_mm"
say "initcheck findings: $(wc -l < "$out/findings-before.txt") before, $new_f new in the rebuilt units"
say "init bytes: before $before_init, after $after_init: +$((after_init - before_init)), predicted +$predicted"
fail=0
[ "$after_mm" -le "$before_mm" ] || { say "FAIL: new section mismatches"; fail=1; }
[ "$new_f" -eq 0 ] || { say "FAIL: new initcheck findings"; comm -13 "$out/findings-before.txt" "$out/findings-after.txt"; fail=1; }
[ $((after_init - before_init)) -eq "$predicted" ] || say "note: the moved bytes differ from the prediction (see docs/kernel.md)"
exit $fail
