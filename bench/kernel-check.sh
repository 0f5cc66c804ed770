#!/bin/sh
# kernel-check.sh - initcheck on the real thing: Linux 6.1 (Debian's
# linux-source-6.1), tinyconfig (i386), built with the plugin.  Run by CI
# (`make kernel-check`).  Checks:
#   - no internal compiler error, and vmlinux links;
#   - the plugin's findings on the unmodified kernel are exactly the ones
#     listed, with the reasoning for each, in docs/kernel.md (pinned in
#     bench/kernel-findings.txt);
#   - the report's total over vmlinux.o equals vmlinux.o's init sections,
#     the difference named: objects the plugin did not compile (assembler
#     files), and the alignment padding ld -r put between inputs.
#
#   bench/kernel-check.sh [WORKDIR]      (default: build/kernel)
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
work=${1:-$top/build/kernel}
CC=${CC:-gcc}
PLUGIN=${PLUGIN:-$top/plugin/initcheck.so}
REPORT=${REPORT:-$top/tools/initcheck-report}
tarball=/usr/src/linux-source-6.1.tar.xz
tree=$work/linux-source-6.1
fail=0
say() { printf 'kernel-check: %s\n' "$*"; }
bad() { say "FAIL: $*"; fail=1; }

need="linux-source-6.1 flex bison bc libssl-dev libelf-dev"
missing=$(for p in $need; do dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'ok installed' || echo "$p"; done)
if [ -n "$missing" ]; then
	if [ "$(id -u)" = 0 ]; then
		say "installing $missing"
		apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing >/dev/null || exit 1
	else
		say "missing packages; run: sudo apt-get install $missing"
		exit 1
	fi
fi
mkdir -p "$work"
if [ ! -f "$tree/Makefile" ]; then
	say "extracting $tarball"
	tar -C "$work" -xJf "$tarball" || exit 1
fi
cd "$tree" || exit 1
make -s ARCH=i386 tinyconfig >/dev/null 2>&1 || { bad "make tinyconfig"; exit 1; }
flags="-fplugin=$PLUGIN -fplugin-arg-initcheck-profile=kernel -fplugin-arg-initcheck-warn"
say "building vmlinux with $flags"
start=$(date +%s)
make -j"$(nproc)" ARCH=i386 KCFLAGS="$flags" vmlinux > "$work/build.log" 2>&1
rc=$?
say "build exit $rc in $(( $(date +%s) - start )) s"
[ "$rc" -eq 0 ] || bad "the build failed (see $work/build.log)"
grep -q "internal compiler error" "$work/build.log" && bad "internal compiler error"
grep -i "orphan section" "$work/build.log" && bad "orphan section warnings"

# The findings, one line each, without the column: file:line: message.
grep 'warning: .*\[initcheck:' "$work/build.log" \
	| sed -e 's|^\./||' -e 's|^\([^:]*:[0-9]*\):[0-9]*: warning: |\1: |' \
	| LC_ALL=C sort -u > "$work/findings.txt"
say "$(wc -l < "$work/findings.txt") distinct findings"
if ! diff -u "$here/kernel-findings.txt" "$work/findings.txt"; then
	bad "the findings differ from bench/kernel-findings.txt (a new false positive, or a fixed one: update docs/kernel.md)"
fi

# The report over vmlinux.o against vmlinux.o's own sections.
"$REPORT" --json vmlinux.o > "$work/report.json" 2>/dev/null
python3 - "$work/report.json" vmlinux.o "$tree" <<'EOF' || fail=1
import json, re, subprocess, sys, os
rep = json.load(open(sys.argv[1]))
def sections(path):
    out = subprocess.run(["readelf", "-S", "-W", path], capture_output=True, text=True).stdout
    sz = {}
    for line in out.splitlines():
        # name type addr off size es [flags] lk inf al: flags may be empty
        m = re.match(r"\s*\[\s*\d+\]\s+(\S+)\s+\S+\s+[0-9a-f]+\s+[0-9a-f]+\s+([0-9a-f]+)\s.*\s(\d+)\s*$", line)
        if m:
            sz[m.group(1)] = (int(m.group(2), 16), int(m.group(3)))
    return sz
whole = sections(sys.argv[2])
# Objects that went into vmlinux.o without a manifest: assembler files.
others = {}
objs = subprocess.run(["sh", "-c", "cd '%s' && find . -name '*.o' ! -name 'vmlinux.o' ! -path './scripts/*' ! -path './tools/*' ! -path './arch/x86/boot/*' ! -path './arch/x86/realmode/rm/*' ! -name '*.mod.o'" % sys.argv[3]], capture_output=True, text=True).stdout.split()
for o in objs:
    s = sections(os.path.join(sys.argv[3], o))
    if ".discard.initcheck" in s:
        continue
    for name, (size, align) in s.items():
        if re.match(r"\.(init|exit|meminit)\.|\.initcall|\.init\.setup|\.con_initcall", name) and size:
            others.setdefault(name, []).append((o, size))
bad = 0
print("%-20s %10s %10s %12s %10s %s" % ("section", "vmlinux.o", "units", "no manifest", "padding", "check"))
for sec in rep["sections"]:
    name = sec["name"]
    total = whole.get(name, (0, 1))[0]
    other = sum(s for _, s in others.get(name, []))
    pad = total - sec["bytes"] - other
    align = whole.get(name, (0, 1))[1]
    ok = 0 <= pad < max(align, 64) * max(1, rep["units"])
    bad |= not ok
    print("%-20s %10d %10d %12d %10d %s" % (name, total, sec["bytes"], other, pad, "ok" if ok else "UNEXPLAINED"))
for name, lst in sorted(others.items()):
    for o, s in lst:
        print("  no manifest: %-40s %-16s %6d" % (o, name, s))
print("units: %d, init bytes %d" % (rep["units"], rep["init_bytes"]))
sys.exit(1 if bad else 0)
EOF
[ $fail -eq 0 ] && say "passed" || say "FAILED"
exit $fail
