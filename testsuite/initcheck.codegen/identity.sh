#!/bin/sh
# identity.sh - the plugin does not change generated code: each FILE is
# compiled twice, without and with the plugin, and alloccmp compares the
# two objects (every allocated section byte for byte, with its size and
# flags, the relocations against them and the symbols).  The one thing
# the plugin may add is its non-allocated record, .discard.initcheck.
#
#   CC=... PLUGIN=... ALLOCCMP=... identity.sh WORKDIR FILE...
#
#   IDENTITY_FLAGS    ';'-separated flag sets   (default "-O0;-O2;-O2 -g")
#   IDENTITY_CFLAGS   flags for both compiles   (include paths)
#   IDENTITY_EXTRA    flags for the plugin's compile only: a way to show
#                     that a change of code is caught
#
# The plugin runs with its default options.  A file it rejects (the
# testsuite's mismatches are errors by default) is compiled with
# -fplugin-arg-initcheck-warn, which changes only how findings are
# reported.  A file that does not compile without the plugin is skipped.
# One line per compile pair:
#   identity: ok FILE FLAGS
#   identity: FAIL FILE FLAGS: WHY
#   identity: skip FILE FLAGS: WHY
# then "identity: N compared (N with -fplugin-arg-initcheck-warn), N identical,
# N different, N skipped".
set -u
CC=${CC:-gcc}
# What the plugin adds: its record, and on RISC-V, where the unit has
# code in an init or exit section, the relocations of the record's sizes
# that the assembler leaves to the linker (relaxable code).
record=.discard.initcheck
case $($CC -dumpmachine) in
riscv*)	record_rel="$record .rela.discard.initcheck" ;;
*)	record_rel=$record ;;
esac
: "${PLUGIN:?PLUGIN is not set}" "${ALLOCCMP:?ALLOCCMP is not set}"
work=$1
shift
flagsets=${IDENTITY_FLAGS:--O0;-O2;-O2 -g}
cflags=${IDENTITY_CFLAGS:-}
extra=${IDENTITY_EXTRA:-}
mkdir -p "$work" || exit 2
compared=0 same=0 differ=0 skipped=0 warned=0

for f in "$@"; do
	name=$(basename "$f" .c)
	old_ifs=$IFS
	IFS=';'
	set -f
	for flags in $flagsets; do
		IFS=$old_ifs
		tag=$(printf '%s' "$flags" | tr -c 'A-Za-z0-9' '_')
		a=$work/$name$tag.plain.o
		b=$work/$name$tag.plugin.o
		# $flags and $cflags are word lists.
		# shellcheck disable=SC2086
		if ! $CC $flags $cflags -c "$f" -o "$a" 2>"$work/err"; then
			echo "identity: skip $f $flags: does not compile without the plugin"
			skipped=$((skipped + 1))
			continue
		fi
		# shellcheck disable=SC2086
		if ! $CC $flags $cflags -fplugin="$PLUGIN" $extra -c "$f" -o "$b" 2>"$work/err"; then
			warned=$((warned + 1))
			# shellcheck disable=SC2086
			if ! $CC $flags $cflags -fplugin="$PLUGIN" -fplugin-arg-initcheck-warn \
			    $extra -c "$f" -o "$b" 2>"$work/err"; then
				echo "identity: FAIL $f $flags: does not compile with the plugin: $(head -n 1 "$work/err")"
				differ=$((differ + 1))
				continue
			fi
		fi
		compared=$((compared + 1))
		out=$("$ALLOCCMP" "$a" "$b" 2>&1)
		rc=$?
		case $rc:$out in
		"0:same:"*"; added: $record"|"0:same:"*"; added: $record_rel")
			echo "identity: ok $f $flags"
			same=$((same + 1)) ;;
		0:*)
			echo "identity: FAIL $f $flags: added sections are not what the plugin adds: ${out##*added: }"
			differ=$((differ + 1)) ;;
		*)
			echo "identity: FAIL $f $flags: $(printf '%s' "$out" | head -n 3 | tr '\n' ';')"
			differ=$((differ + 1)) ;;
		esac
	done
	set +f
	IFS=$old_ifs
done
echo "identity: $compared compared ($warned with -fplugin-arg-initcheck-warn), $same identical, $differ different, $skipped skipped"
[ "$differ" -eq 0 ]
