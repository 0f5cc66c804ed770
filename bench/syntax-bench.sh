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
#
#   CC=gcc PLUGIN=/abs/initcheck.so [KDIR=/path/to/O] sh bench/syntax-bench.sh [N]
# Extra plugin flags: FLAGS (default: profile=kernel, as the kernel uses).
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
CC=${CC:-gcc}
n=${1:-20000}
: "${PLUGIN:?PLUGIN=/abs/path/initcheck.so}"
flags="-fplugin=$PLUGIN ${FLAGS:--fplugin-arg-initcheck-profile=kernel}"
command -v valgrind >/dev/null || { echo "syntax-bench: valgrind is not installed" >&2; exit 1; }
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT

# cc1's instructions for the compile "$@" (run in the current directory).
instr() {
	cc1=$("$@" -### 2>&1 | grep '/cc1 ' | head -n 1)
	[ -n "$cc1" ] || { echo "syntax-bench: no cc1 in: $*" >&2; return 1; }
	# -### quotes every word: the shell reads it back (our own command).
	eval "set -- $cc1"
	valgrind --tool=callgrind --callgrind-out-file="$t/cg.out" "$@" 2>&1 \
		| sed -n 's/.*Collected : *\([0-9]*\).*/\1/p'
}
row() {	# row NAME WITHOUT WITH
	printf '%-34s %14s %14s %+8.2f %%\n' "$1" "$2" "$3" \
		"$(echo "$3 $2" | awk '{ print ($1 / $2 - 1) * 100 }')"
}

cc -O2 -o "$t/gen-tu" "$here/gen-tu.c" || exit 1
"$t/gen-tu" "$n" > "$t/unit.c" || exit 1
printf '%-34s %14s %14s %10s\n' "cc1 -fsyntax-only, instructions" without with plugin
a=$(instr $CC -I"$top/include" -O2 -fsyntax-only "$t/unit.c")
b=$(instr $CC -I"$top/include" -O2 -fsyntax-only $flags "$t/unit.c")
row "gen-tu $n" "$a" "$b"

if [ -n "${KDIR:-}" ]; then
	cmdf="$KDIR/kernel/sched/.core.o.cmd"
	[ -f "$cmdf" ] || { echo "syntax-bench: no $cmdf (build the tree first)" >&2; exit 1; }
	# The kernel's own command line, without any plugin flag it was built
	# with, its outputs, and -fsyntax-only added.
	cmd=$(sed -n 's/^savedcmd_[^ ]* := //p; s/^cmd_[^ ]* := //p' "$cmdf" | head -n 1 \
		| sed -e 's/ -fplugin[^ ]*//g' -e 's/-Wp,-MMD,[^ ]*//' -e 's/ -c -o [^ ]*\.o / /' -e 's/ *;.*//')
	cd "$KDIR" || exit 1
	a=$(eval "instr $cmd -fsyntax-only")
	b=$(eval "instr $cmd -fsyntax-only $flags")
	row "kernel/sched/core.c" "$a" "$b"
fi
