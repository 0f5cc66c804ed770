#!/bin/sh
# plugin-layers.sh - the files of the plugin in the order of their calls,
# bottom first, from the objects' symbols; fails on a cycle.
#
#   sh bench/plugin-layers.sh build/plugin/*.o
#
# A file depends on the file that defines a global symbol it leaves
# undefined (a function it calls, a variable it reads or writes).
# Weak definitions (W, V: the inline functions of GCC's headers and of
# the plugin's own, emitted in every object that uses them) and symbols no
# object here defines (GCC's, libc's) make no edge.  Each edge is given to
# tsort as "callee caller", so tsort prints the bottom layer first, and
# reports a loop when two files depend on each other through any path.
# POSIX sh, nm -P, awk and tsort; the names are mangled (C++), which
# does not change who defines what.
set -eu
[ $# -ge 1 ] || { echo "usage: $0 OBJECT..." >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# nm -P: "symbol type [value size]"; upper-case types are global
for o in "$@"; do
	[ -f "$o" ] || { echo "$0: $o: no such object" >&2; exit 2; }
	f=$(basename "$o" .o).c
	nm -P "$o" | awk -v f="$f" '
		$2 == "U" { print "USE", $1, f }
		$2 ~ /^[TDBRGSC]$/ { print "DEF", $1, f }'
	echo "FILE - $f"
done > "$work/symbols"

# "callee caller" for every use of a symbol another file defines; each
# file once with itself, so that a file no other uses is listed too.
awk '
$1 == "DEF" { def[$2] = $3; next }
$1 == "USE" { n++; sym[n] = $2; user[n] = $3; next }
$1 == "FILE" { print $3, $3 }
END {
	for (i = 1; i <= n; i++)
		if ((sym[i] in def) && def[sym[i]] != user[i]) {
			e = def[sym[i]] " " user[i]
			if (!(e in seen)) { seen[e] = 1; print e }
		}
}' "$work/symbols" > "$work/edges"

if [ "${VERBOSE:-}" ]; then
	awk '$1 != $2 { print "  " $2 " -> " $1 }' "$work/edges" | sort
fi
tsort < "$work/edges" > "$work/order" 2> "$work/loops" || true
if [ -s "$work/loops" ]; then
	cat "$work/loops" >&2
	echo "plugin-layers: a cycle between files (VERBOSE=1 lists the edges)" >&2
	exit 1
fi
tr '\n' ' ' < "$work/order" | sed 's/ $//'
echo
echo "plugin-layers: no cycle between files"
