#!/bin/sh
# syntax-bench.sh - the plugin's cost where it shows most: under
# -fsyntax-only (initcheck-cc, Kbuild's C=2), where parsing is the whole
# compile.  cc1's instructions under callgrind, without and with the
# plugin, one run each (the count is repeatable):
#   - a generated unit of N functions with init tables and ops tables
#     (bench/gen-tu.c; N=20000 by default);
#   - Linux 6.1 kernel/sched/core.c as a configured and built tree
#     compiled it, when KDIR names that build directory (x86_64
#     defconfig: the figure in docs/performance.md).
# A third count, the plugin loaded with -fplugin-arg-initcheck-disable
# (it registers no callback and checks nothing), is what loading any
# plugin costs: once one is loaded GCC calls into its plugin machinery at
# every event (each declaration, each function), callback or not.
#
#   CC=gcc PLUGIN=/abs/initcheck.so [KDIR=/path/to/O] sh bench/syntax-bench.sh [N]
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
row() {	# row NAME WITHOUT WITH LOADED
	printf '%-26s %14s %14s %+8.2f %%   %14s %+8.2f %%\n' "$1" "$2" "$3" \
		"$(echo "$3 $2" | awk '{ print ($1 / $2 - 1) * 100 }')" "$4" \
		"$(echo "$4 $2" | awk '{ print ($1 / $2 - 1) * 100 }')"
}

cc -O2 -o "$t/gen-tu" "$here/gen-tu.c" || exit 1
"$t/gen-tu" "$n" > "$t/unit.c" || exit 1
echo "$($CC --version | head -n 1); valgrind $(valgrind --version)"
printf '%-26s %14s %14s %10s   %14s %10s\n' "cc1 -fsyntax-only" without \
	"with plugin" "" "loaded only" ""
a=$(instr $CC -I"$top/include" -O2 -fsyntax-only "$t/unit.c") || exit 1
b=$(instr $CC -I"$top/include" -O2 -fsyntax-only $flags "$t/unit.c") || exit 1
c=$(instr $CC -I"$top/include" -O2 -fsyntax-only $loaded "$t/unit.c") || exit 1
row "gen-tu $n" "$a" "$b" "$c"

if [ -n "${KDIR:-}" ]; then
	cmdf="$KDIR/kernel/sched/.core.o.cmd"
	[ -f "$cmdf" ] || { echo "syntax-bench: no $cmdf (build the tree first)" >&2; exit 1; }
	# The kernel's own command line, without any plugin flag it was built
	# with, its outputs, and -fsyntax-only added.
	cmd=$(sed -n 's/^savedcmd_[^ ]* := //p; s/^cmd_[^ ]* := //p' "$cmdf" | head -n 1 \
		| sed -e 's/ -fplugin[^ ]*//g' -e 's/-Wp,-MMD,[^ ]*//' -e 's/ -c -o [^ ]*\.o / /' -e 's/ *;.*//')
	cd "$KDIR" || exit 1
	a=$(eval "instr $cmd -fsyntax-only") || exit 1
	b=$(eval "instr $cmd -fsyntax-only $flags") || exit 1
	c=$(eval "instr $cmd -fsyntax-only $loaded") || exit 1
	row "kernel/sched/core.c" "$a" "$b" "$c"
fi
