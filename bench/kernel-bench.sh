#!/bin/sh
# kernel-bench.sh - the plugin's cost on a real build: Linux 6.1 tinyconfig
# (i386), `make vmlinux` from clean, RUNS times without and with the plugin
# (-fplugin-arg-initcheck-profile=kernel, as kernel-check builds it),
# alternating, in one run.  Prints the medians of the build's CPU time
# (user + sys of make and every child) and of the largest cc1's peak RSS,
# and their ratios.  Then the instruction count of the heaviest unit's
# cc1 (kernel/sched/core.c) with and without the plugin, under callgrind:
# repeatable, where CPU time on a shared virtual machine is not.
#
#   bench/kernel-bench.sh [RUNS] [WORKDIR]   (`make kernel-bench`; RUNS=3)
#
# WORKDIR defaults to build/kernel, the tree kernel-check extracts and
# configures (run that first, or this extracts it the same way).
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
runs=${1:-3}
work=${2:-$top/build/kernel}
CC=${CC:-gcc}
PLUGIN=${PLUGIN:-$top/plugin/initcheck.so}
tree=$work/linux-source-6.1
flags="-fplugin=$PLUGIN -fplugin-arg-initcheck-profile=kernel -fplugin-arg-initcheck-warn"
say() { printf 'kernel-bench: %s\n' "$*"; }

. "$here/kernel-tree.sh"
kernel_tree "$work" "" || exit 1
cd "$tree" || exit 1
make -s ARCH=i386 tinyconfig >/dev/null 2>&1 || { say "make tinyconfig failed"; exit 1; }
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

build() {	# build OUT [KCFLAGS]: append "cpu_seconds max_rss_kb"
	make -s ARCH=i386 clean >/dev/null 2>&1
	/usr/bin/time -f '%U %S %M' -o "$t/time" \
		make -s -j"$(nproc)" ARCH=i386 KCFLAGS="$2" vmlinux >"$t/log" 2>&1 \
		|| { say "build failed: $(tail -3 "$t/log")"; exit 1; }
	awk '{ printf "%.2f %d\n", $1 + $2, $3 }' "$t/time" >> "$1"
}

: > "$t/off"; : > "$t/on"
i=0
while [ $i -lt "$runs" ]; do
	build "$t/off" ""
	build "$t/on" "$flags"
	i=$((i + 1))
	say "pair $i: without $(sed -n "${i}p" "$t/off"), with $(sed -n "${i}p" "$t/on") (cpu s, max rss KB)"
done
c0=$(cut -d' ' -f1 "$t/off" | median); c1=$(cut -d' ' -f1 "$t/on" | median)
m0=$(cut -d' ' -f2 "$t/off" | median); m1=$(cut -d' ' -f2 "$t/on" | median)
printf '%-28s %12s %12s %8s\n' "tinyconfig vmlinux, $runs runs" without with ratio
printf '%-28s %12s %12s %8.4f\n' "CPU seconds (median)" "$c0" "$c1" "$(echo "$c1 $c0" | awk '{ print $1 / $2 }')"
printf '%-28s %12s %12s %8.4f\n' "max RSS KB (median)" "$m0" "$m1" "$(echo "$m1 $m0" | awk '{ print $1 / $2 }')"

# The heaviest unit's cc1, as the build ran it (gcc -### gives the cc1
# command line), under callgrind.
if command -v valgrind >/dev/null; then
	cmd=$(sed -n 's/^savedcmd_[^ ]* := //p; s/^cmd_[^ ]* := //p' kernel/sched/.core.o.cmd | head -n 1)
	cmd=$(echo "$cmd" | sed -e "s|$flags||" -e 's/-Wp,-MMD,[^ ]*//' -e 's/ -o [^ ]*\.o / -o \/dev\/null /')
	instr() {	# instr EXTRA_FLAGS: cc1's instruction count
		cc1=$(sh -c "$cmd $1 -###" 2>&1 | grep '/cc1 ' | head -n 1 | sed 's/ -o [^ ]*\.s/ -o \/dev\/null/')
		sh -c "valgrind --tool=callgrind --callgrind-out-file=$t/cg.out $cc1" 2>&1 \
			| sed -n 's/.*Collected : *\([0-9]*\).*/\1/p'
	}
	i0=$(instr "")
	i1=$(instr "$flags")
	printf '%-28s %12s %12s %8.4f\n' "kernel/sched/core.c instr." "$i0" "$i1" "$(echo "$i1 $i0" | awk '{ print $1 / $2 }')"
fi
