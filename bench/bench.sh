#!/bin/sh
# bench.sh - the plugin's compile-time cost, as the ratio of CPU time and of
# peak memory with the plugin to without, measured in one run: for each
# generated unit size the two compiles alternate, RUNS times, and the
# medians are compared.  Prints a table; docs/performance.md has the
# figures measured here.
#
#   bench/bench.sh [RUNS] [SIZES...]     (run by `make bench`)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
CC=${CC:-gcc}
PLUGIN=${PLUGIN:-$top/plugin/initcheck.so}
runs=${1:-5}
[ $# -gt 0 ] && shift
sizes=${*:-1000 10000 50000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cc -std=c11 -O2 -o "$work/gen-tu" "$here/gen-tu.c"

# median of the numbers on stdin
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

measure() {	# measure FILE OUT FLAGS... : append "cpu_seconds max_rss_kb"
	f=$1 out=$2; shift 2
	/usr/bin/time -f '%U %S %M' -o "$work/t" $CC -O2 -I"$top/include" "$@" -c "$f" -o "$work/o.o"
	awk '{ printf "%.3f %d\n", $1 + $2, $3 }' "$work/t" >> "$out"
}

printf '%-8s %10s %10s %8s %10s %10s %8s\n' functions cpu_off cpu_on ratio rss_off rss_on ratio
for n in $sizes; do
	"$work/gen-tu" "$n" > "$work/u$n.c"
	: > "$work/off" ; : > "$work/on"
	i=0
	while [ $i -lt "$runs" ]; do
		measure "$work/u$n.c" "$work/off"
		measure "$work/u$n.c" "$work/on" -fplugin="$PLUGIN"
		i=$((i + 1))
	done
	c0=$(cut -d' ' -f1 "$work/off" | median); c1=$(cut -d' ' -f1 "$work/on" | median)
	m0=$(cut -d' ' -f2 "$work/off" | median); m1=$(cut -d' ' -f2 "$work/on" | median)
	printf '%-8s %10s %10s %8.3f %10s %10s %8.3f\n' "$n" "$c0" "$c1" \
		"$(echo "$c1 $c0" | awk '{ print $1 / $2 }')" "$m0" "$m1" \
		"$(echo "$m1 $m0" | awk '{ print $1 / $2 }')"
done
