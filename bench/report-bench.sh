#!/bin/sh
# report-bench.sh [KERNEL_BUILD_DIR] - initcheck-report's time and memory,
# and the manifests' share of the objects (docs/performance.md, "The
# report").
#
#   1. A generated build of $UNITS units (default 3000, bench/gen-build.py)
#      compiled with the plugin and linked with ld -r, as the kernel makes
#      vmlinux.o: the report over that object, and the manifests' bytes
#      against the objects'.
#   2. With KERNEL_BUILD_DIR (a kernel built with the plugin, vmlinux.o in
#      it): the report over vmlinux.o against the kernel's own modpost over
#      the same file (seconds and peak RSS, GNU time, best of 3), and the
#      manifests' share of vmlinux.o and of every object of the build.
#      SAMPLE=N also recompiles N units of it (their .cmd files) with this
#      plugin, for the share a tree built with an older plugin would have.
#
# Environment: CC, PLUGIN, REPORT (the Makefile's report-bench sets them);
# GENERATED=0 skips part 1 (to compare two plugins' SAMPLE on a kernel).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
CC=${CC:-gcc}
PLUGIN=${PLUGIN:-$top/plugin/initcheck.so}
REPORT=${REPORT:-$top/tools/initcheck-report}
UNITS=${UNITS:-3000}
kdir=${KERNEL:-${1:-}}
work=$top/build/report-bench
mkdir -p "$work"

# best of 3: "seconds max_rss_kB" of a command (its exit status ignored)
measure() {
	best=
	for i in 1 2 3; do
		/usr/bin/time -f '%e %M' -o "$work/time" "$@" >/dev/null 2>&1 || true
		t=$(cat "$work/time" | tail -1)
		if [ -z "$best" ] || [ "$(echo "$t $best" | awk '{ print ($1 < $3) }')" = 1 ]; then best=$t; fi
	done
	echo "$best"
}
# bytes of .discard.initcheck in FILE, and FILE's size
share() {
	python3 - "$@" <<'PY'
import os, re, subprocess, sys
man = tot = 0
for p in sys.argv[1:]:
    out = subprocess.run(["readelf", "-S", "-W", p], capture_output=True, text=True).stdout
    for m in re.finditer(r"\.discard\.initcheck\s+\S+\s+\S+\s+\S+\s+([0-9a-f]+)", out):
        man += int(m.group(1), 16)
    tot += os.path.getsize(p)
print("%d %d %.2f" % (man, tot, 100.0 * man / tot if tot else 0))
PY
}

if [ "${GENERATED:-1}" != 0 ]; then
echo "== generated build: $UNITS units"
gen=$work/gen
if [ ! -f "$gen/all.o" ] || [ "$(cat "$gen/units" 2>/dev/null)" != "$UNITS" ]; then
	rm -rf "$gen"
	python3 "$top/bench/gen-build.py" "$UNITS" "$gen/src"
	mkdir -p "$gen/obj"
	ls "$gen/src" | grep '\.c$' | sed 's/\.c$//' | nice xargs -P2 -I{} \
		$CC -fplugin="$PLUGIN" -I"$top/include" -O2 -c "$gen/src/{}.c" -o "$gen/obj/{}.o"
	ld -r -o "$gen/all.o" "$gen"/obj/*.o
	echo "$UNITS" > "$gen/units"
fi
set -- $(measure "$REPORT" "$gen/all.o")
echo "report over all.o ($(du -k "$gen/all.o" | cut -f1) kB): $1 s, $2 kB peak RSS"
"$REPORT" "$gen/all.o" 2>/dev/null | grep -c ': error: ' | sed 's/^/cross-unit findings: /' || true
set -- $(share "$gen"/obj/*.o)
echo "manifests: $1 of $2 bytes of the objects = $3 %"
fi

[ -n "$kdir" ] || exit 0
echo "== kernel: $kdir"
# vmlinux.o, or (a build still under way) the top-level built-in.a
# archives there are, linked as vmlinux.o is
vmo=$kdir/vmlinux.o
if [ ! -f "$vmo" ]; then
	vmo=$work/partial-vmlinux.o
	(cd "$kdir" && ld -r -o "$vmo" --whole-archive $(ls -d */built-in.a arch/*/built-in.a 2>/dev/null \
		| grep -v '^arch/built-in.a$') 2>/dev/null)
	echo "(no vmlinux.o yet: $vmo, of $(cd "$kdir" && ls -d */built-in.a arch/*/built-in.a 2>/dev/null | wc -l) built-in.a)"
fi
cpu() {	# user+system seconds of a command, best of 3
	best=
	for i in 1 2 3; do
		/usr/bin/time -f '%U %S' -o "$work/time" "$@" >/dev/null 2>&1 || true
		t=$(awk '{ print $1 + $2 }' "$work/time" | tail -1)
		if [ -z "$best" ] || [ "$(echo "$t $best" | awk '{ print ($1 < $2) }')" = 1 ]; then best=$t; fi
	done
	echo "$best"
}
set -- $(measure "$REPORT" "$vmo")
echo "initcheck-report: $1 s, $2 kB peak RSS, $(cpu "$REPORT" "$vmo") s CPU"
# modpost as Kbuild runs it over vmlinux.o, from .vmlinux.symvers.cmd:
# 6.12 "modpost -M -o vmlinux.symvers vmlinux.o" (its -T takes a file,
# not "-"), 6.1 "sed ... /dev/null | modpost -o vmlinux.symvers -T -
# vmlinux.o" (the module list on stdin: none, </dev/null).  The output
# goes to our directory, the tree is only read.
mp=$kdir/scripts/mod/modpost
if [ -x "$mp" ]; then
	args=
	if [ -f "$kdir/.vmlinux.symvers.cmd" ] && [ -f "$kdir/vmlinux.o" ]; then
		args=$(sed -n 's|^.*scripts/mod/modpost ||p' "$kdir/.vmlinux.symvers.cmd" \
			| sed "s|-o vmlinux.symvers|-o $work/vmlinux.symvers|")
	fi
	if [ -n "$args" ]; then
		run="cd '$kdir' && '$mp' $args </dev/null"
	else
		run="'$mp' -o '$work/vmlinux.symvers' -T - '$vmo' </dev/null"
	fi
	sh -c "$run" >/dev/null 2>&1 || echo "(modpost exits non-zero: $run)"
	set -- $(measure sh -c "$run")
	echo "modpost: $1 s, $2 kB peak RSS, $(cpu sh -c "$run") s CPU"
fi
set -- $(share "$vmo")
echo "manifests in $(basename "$vmo"): $1 of $2 bytes = $3 %"
set -- $(share $(find "$kdir" -name '*.o' ! -name vmlinux.o ! -name '*.mod.o' ! -name '.tmp*' | head -100000))
echo "manifests in the build's objects: $1 of $2 bytes = $3 %"
if [ -n "${SAMPLE:-}" ]; then
	python3 - "$kdir" "$PLUGIN" "$SAMPLE" "$work/sample" <<'PY'
import glob, os, random, re, subprocess, sys
kdir, plugin, n, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
os.makedirs(out, exist_ok=True)
cmds = []
for d in glob.glob(os.path.join(kdir, "**/.*.o.cmd"), recursive=True):
    m = re.match(r"cmd_(\S+\.o) := (\S*gcc\S* .*)", open(d).readline())
    if m and " -c " in m.group(2) and "-fplugin=" in m.group(2):
        cmds.append((m.group(1), m.group(2).strip()))
random.Random(1).shuffle(cmds)
objs = []
for i, (target, c) in enumerate(cmds[:n]):
    o = os.path.join(out, "%d.o" % i)
    c = re.sub(r"-fplugin=\S+", "-fplugin=" + plugin, c)
    c = re.sub(r"-Wp,-MMD,\S+", "-Wp,-MMD," + os.path.join(out, "dep.d"), c)
    # Every mention of the tree's object (the compile's -o, objtool's
    # argument after the ';') is the copy's: the tree is only read.
    c = re.sub(r"(?<=\s)" + re.escape(target) + r"(?=\s|$)", o, c)
    if target in c.split():
        continue
    if subprocess.run(["nice", "sh", "-c", c], cwd=kdir, capture_output=True).returncode == 0:
        objs.append(o)
man = tot = 0
for o in objs:
    s = subprocess.run(["readelf", "-S", "-W", o], capture_output=True, text=True).stdout
    m = re.search(r"\.discard\.initcheck\s+\S+\s+\S+\s+\S+\s+([0-9a-f]+)", s)
    man += int(m.group(1), 16) if m else 0
    tot += os.path.getsize(o)
print("manifests of %d units recompiled with this plugin: %d of %d bytes = %.2f %%"
      % (len(objs), man, tot, 100.0 * man / max(tot, 1)))
PY
fi
