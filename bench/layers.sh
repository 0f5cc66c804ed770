#!/bin/sh
# layers.sh - the files of one directory in layers, bottom first, from the
# symbols their objects define and use: a file depends on the file that
# defines a global symbol it leaves undefined (a call, or a variable it
# reads or writes).  Prints the layers (a file uses only files of the
# layers below it), and fails, printing each cycle with the symbols that
# make it, when two files depend on each other through any path.
#
#   bench/layers.sh NAME OBJECT...       (run by `make layers`)
#
# NAME heads the output (plugin/, tools/); each OBJECT is taken to be
# the object of the .c file of its base name.  Weak definitions (C++
# inline functions of the headers, emitted in every object that uses
# them) make no edge; symbols no OBJECT defines (libc, GCC's) neither.
# POSIX sh, nm -P and awk only; c++filt, when there is one, for the
# names of C++ symbols in the output.
set -eu
[ $# -ge 2 ] || { echo "usage: $0 NAME OBJECT..." >&2; exit 2; }
name=$1
shift
demangle=cat
command -v c++filt >/dev/null 2>&1 && demangle=c++filt
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for o in "$@"; do
	[ -f "$o" ] || { echo "$0: $o: no such object" >&2; exit 2; }
	f=$(basename "$o" .o).c
	echo "FILE $f"
	# nm -P: "symbol type [value [size]]"; upper case types are global
	nm -P "$o" | awk -v f="$f" '
		$2 == "U" { print "USE", f, $1 }
		$2 ~ /^[TDBRGSC]$/ { print "DEF", f, $1 }'
done > "$work/symbols"
rc=0
awk -v name="$name" '
BEGIN { n = 0; nu = 0 }
$1 == "FILE" { if (!($2 in ix)) { ix[$2] = n; file[n++] = $2 } next }
$1 == "DEF" { if (!($3 in def)) def[$3] = $2; next }
$1 == "USE" { nu++; uf[nu] = $2; us[nu] = $3; next }
END {
	# edges: dep[a, b] when a uses a symbol b defines; why[a, b] says which
	for (k = 1; k <= nu; k++) {
		if (!(us[k] in def) || def[us[k]] == uf[k])
			continue
		a = ix[uf[k]]; b = ix[def[us[k]]]
		if (!((a, b) in dep))
			why[a, b] = us[k]
		else if (index(" " why[a, b] " ", " " us[k] " ") == 0)
			why[a, b] = why[a, b] " " us[k]
		dep[a, b] = 1
	}
	# reach[a, b]: a depends on b through some path (Warshall)
	for (a = 0; a < n; a++)
		for (b = 0; b < n; b++)
			if ((a, b) in dep)
				reach[a, b] = 1
	for (m = 0; m < n; m++)
		for (a = 0; a < n; a++)
			if ((a, m) in reach)
				for (b = 0; b < n; b++)
					if ((m, b) in reach)
						reach[a, b] = 1
	# a cycle is the set of files that reach each other: named by its
	# first file (in object order); a file on no cycle is its own
	for (a = 0; a < n; a++) {
		scc[a] = a
		for (b = 0; b < a; b++)
			if ((a, b) in reach && (b, a) in reach) {
				scc[a] = scc[b]
				break
			}
	}
	# layer: 0 for what uses nothing here, else one above the highest
	# of what it uses; a cycle is one node, all its files on one layer
	# (n rounds settle any DAG)
	for (a = 0; a < n; a++)
		layer[a] = 0
	for (r = 0; r < n; r++)
		for (a = 0; a < n; a++)
			for (b = 0; b < n; b++)
				if ((a, b) in dep && scc[a] != scc[b] \
				    && layer[scc[b]] + 1 > layer[scc[a]])
					layer[scc[a]] = layer[scc[b]] + 1
	for (a = 0; a < n; a++)
		layer[a] = layer[scc[a]]
	# the files by layer, then name (insertion sort: a few dozen files)
	for (a = 0; a < n; a++)
		order[a] = a
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && before(order[j], order[j - 1]); j--) {
			t = order[j]; order[j] = order[j - 1]; order[j - 1] = t
		}
	print "layers of " name " (bottom first: a file uses only files of the layers below it):"
	top = -1
	for (i = 0; i < n; i++) {
		a = order[i]
		uses = ""
		for (j = 0; j < n; j++)
			if ((a, order[j]) in dep)
				uses = uses " " file[order[j]]
		printf "  %s %s%s\n", (layer[a] == top ? "  " \
			: sprintf("%2d", layer[a])), (uses == "" ? file[a] \
			: sprintf("%-20s uses%s", file[a], uses)), \
			(incycle(a) ? "  [in a cycle]" : "")
		top = layer[a]
	}
	cycles = 0
	for (a = 0; a < n; a++) {
		if (scc[a] != a || !incycle(a))
			continue
		cycles++
		members = ""
		for (i = 0; i < n; i++)
			if (scc[order[i]] == a)
				members = members " " file[order[i]]
		print "cycle:" members
		for (i = 0; i < n; i++)
			for (j = 0; j < n; j++)
				if (scc[order[i]] == a && scc[order[j]] == a \
				    && (order[i], order[j]) in dep)
					printf "  %s -> %s: %s\n", file[order[i]], \
						file[order[j]], why[order[i], order[j]]
	}
	if (cycles) {
		printf "layers: %s: %d cycle%s between files\n", name, cycles, \
			cycles == 1 ? "" : "s"
		exit 1
	}
	printf "layers: %s: no cycle between files\n", name
}
function before(x, y) {
	if (layer[x] != layer[y])
		return layer[x] < layer[y]
	return file[x] < file[y]
}
function incycle(x,    y) {
	for (y = 0; y < n; y++)
		if (y != x && scc[y] == scc[x])
			return 1
	return 0
}' "$work/symbols" > "$work/out" || rc=$?
$demangle < "$work/out"
exit $rc
