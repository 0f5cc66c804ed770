#!/bin/sh
# syntax-bench.sh - the plugin's cost where it shows most: under
# -fsyntax-only (initcheck-cc, Kbuild's C=2), where parsing is the whole
# compile.  cc1's instructions under callgrind, without and with the
# plugin, one run each (the count is repeatable):
#   - a generated unit of N functions with init tables and ops tables
#     (bench/gen-tu.c; N=20000 by default);
#   - Linux 6.1 kernel/sched/core.c as a configured and built tree
#     compiled it, when KDIR names that build directory (x86_64
#     defconfig: the figure in docs/performance.md), or each of the
#     units KUNITS names (paths of .c files relative to the source tree,
#     built in KDIR), and their sum.
# A third count, the plugin loaded with -fplugin-arg-initcheck-disable
# (it registers no callback and checks nothing), is what loading any
# plugin costs: once one is loaded GCC calls into its plugin machinery at
# every event (each declaration, each function), callback or not.
# A fourth, bench/walk-floor.c loaded instead (a plugin that only visits
# every node of every body and static initializer where a reference could
# be, and records nothing), is the least any checker that reads the parsed
# trees pays: the floor under initcheck's own walk.  It is built here with
# CXX (default: $CC's g++) against $CC's plugin headers.
#
#   CC=gcc PLUGIN=/abs/initcheck.so [KDIR=/path/to/O [KUNITS="a.c b.c"]] sh bench/syntax-bench.sh [N]
# N=0 leaves the generated unit out.
# Extra plugin flags: FLAGS (default: profile=kernel, as the kernel uses).
# A unit whose compile fails is an error, not a row: its count would be
# the count of a compile that stopped early.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
CC=${CC:-gcc}
n=${1:-20000}
: "${PLUGIN:?PLUGIN=/abs/path/initcheck.so}"
flags="-fplugin=$PLUGIN ${FLAGS:--fplugin-arg-initcheck-profile=kernel}"
loaded="-fplugin=$PLUGIN -fplugin-arg-initcheck-disable"
command -v valgrind >/dev/null || { echo "syntax-bench: valgrind is not installed" >&2; exit 1; }
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
CXX=${CXX:-$(echo "$CC" | sed 's/gcc\([^/]*\)$/g++\1/')}
"$CXX" -shared -fPIC -fno-rtti -fno-exceptions -O2 \
	-I"$($CC -print-file-name=plugin)/include" \
	-o "$t/walk-floor.so" "$here/walk-floor.c" || exit 1
floor="-fplugin=$t/walk-floor.so"

# cc1's instructions for the compile "$@" (run in the current directory).
instr() {
	cc1=$("$@" -### 2>&1 | grep '/cc1 ' | head -n 1)
	[ -n "$cc1" ] || { echo "syntax-bench: no cc1 in: $*" >&2; return 1; }
	# -### quotes every word: the shell reads it back (our own command).
	eval "set -- $cc1"
	if ! valgrind --tool=callgrind --callgrind-out-file="$t/cg.out" \
		"$@" >"$t/cc1.log" 2>&1; then
		echo "syntax-bench: the compile failed:" >&2
		grep -v '^==' "$t/cc1.log" | head -n 20 >&2
		return 1
	fi
	sed -n 's/.*Collected : *\([0-9]*\).*/\1/p' "$t/cc1.log"
}
pct() {	# pct COUNT BASE: COUNT's excess over BASE, in per cent
	echo "$1 $2" | awk '{ printf "%+.2f %%", ($1 / $2 - 1) * 100 }'
}
row() {	# row NAME WITHOUT WITH LOADED FLOOR
	printf '%-26s %14s %14s %9s   %14s %9s   %14s %9s\n' "$1" "$2" \
		"$3" "$(pct "$3" "$2")" "$4" "$(pct "$4" "$2")" \
		"$5" "$(pct "$5" "$2")"
}

echo "$($CC --version | head -n 1); valgrind $(valgrind --version)"
printf '%-26s %14s %14s %9s   %14s %9s   %14s %9s\n' "cc1 -fsyntax-only" \
	without "with plugin" "" "loaded only" "" "walk alone" ""
if [ "$n" -gt 0 ]; then	# N=0: the kernel's units only
	cc -O2 -o "$t/gen-tu" "$here/gen-tu.c" || exit 1
	"$t/gen-tu" "$n" > "$t/unit.c" || exit 1
	a=$(instr $CC -I"$top/include" -O2 -fsyntax-only "$t/unit.c") || exit 1
	b=$(instr $CC -I"$top/include" -O2 -fsyntax-only $flags "$t/unit.c") || exit 1
	c=$(instr $CC -I"$top/include" -O2 -fsyntax-only $loaded "$t/unit.c") || exit 1
	d=$(instr $CC -I"$top/include" -O2 -fsyntax-only $floor "$t/unit.c") || exit 1
	row "gen-tu $n" "$a" "$b" "$c" "$d"
fi

if [ -n "${KDIR:-}" ]; then
	ta=0 tb=0 tc=0 td=0 nu=0
	for unit in ${KUNITS:-kernel/sched/core.c}; do
		cmdf="$KDIR/$(dirname "$unit")/.$(basename "$unit" .c).o.cmd"
		[ -f "$cmdf" ] || { echo "syntax-bench: no $cmdf (build the tree first)" >&2; exit 1; }
		# The kernel's own command line, without any plugin flag it was
		# built with, its outputs, and -fsyntax-only added.
		cmd=$(sed -n 's/^savedcmd_[^ ]* := //p; s/^cmd_[^ ]* := //p' "$cmdf" | head -n 1 \
			| sed -e 's/ -fplugin[^ ]*//g' -e 's/-Wp,-MMD,[^ ]*//' -e 's/ -c -o [^ ]*\.o / /' -e 's/ *;.*//')
		a=$(cd "$KDIR" && eval "instr $cmd -fsyntax-only") || exit 1
		# A finding is a warning here: an error would fail the compile
		# (at its very end, but the count would not say so).
		b=$(cd "$KDIR" && eval "instr $cmd -fsyntax-only $flags -fplugin-arg-initcheck-warn") || exit 1
		c=$(cd "$KDIR" && eval "instr $cmd -fsyntax-only $loaded") || exit 1
		d=$(cd "$KDIR" && eval "instr $cmd -fsyntax-only $floor") || exit 1
		row "$unit" "$a" "$b" "$c" "$d"
		ta=$((ta + a)) tb=$((tb + b)) tc=$((tc + c)) td=$((td + d))
		nu=$((nu + 1))
	done
	[ "$nu" -lt 2 ] || row "all $nu units" "$ta" "$tb" "$tc" "$td"
fi
