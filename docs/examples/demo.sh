#!/bin/sh
# demo.sh - what initcheck does (run by `make demo`): a rejected mismatch,
# then the manifest the object carries and the report over it.
set -u
cd "$(dirname "$0")"
CC=${CC:-gcc}
PLUGIN=${PLUGIN:?run through make demo}
REPORT=${REPORT:?run through make demo}
INC=../../include
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
say() { printf '\n\033[1m== %s\033[0m\n$ %s\n' "$1" "$2"; }

cmd="$CC -c demo.c -I$INC -o $out/demo.o"
say "Without the plugin the mismatches compile silently" "$cmd"
$cmd 2>&1 && echo "(compiled: exit 0)"

cmd="$CC -fplugin=$PLUGIN -c demo.c -I$INC -o $out/demo.o"
say "With initcheck the build stops at each line" "$cmd"
rm -f "$out/demo.o"
$cmd 2>&1
rc=$?
[ "$rc" -ne 0 ] && [ ! -e "$out/demo.o" ] || { echo "demo: expected initcheck to reject demo.c" >&2; exit 1; }
echo "(rejected: exit $rc, no object written)"

cmd="$CC -fplugin=$PLUGIN -fplugin-arg-initcheck-warn -c demo.c -I$INC -o $out/demo.o"
say "Warn-only, as CONFIG_SECTION_MISMATCH_WARN_ONLY=y would" "$cmd"
$cmd 2>&1 && echo "(compiled with warnings: exit 0)"

cmd="readelf -S -W $out/demo.o"
say "The object carries its manifest in .discard.initcheck" "$cmd | grep -E 'init|exit'"
$cmd | grep -E 'init|exit'

cmd="$REPORT --manifests $out/demo.o"
say "The manifest, with the sizes the object gives" "$cmd"
$cmd

cmd="$REPORT $out/demo.o"
say "What this unit gives back after boot" "$cmd"
$cmd
