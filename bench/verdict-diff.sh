#!/bin/sh
# verdict-diff.sh - two builds of the plugin give the same verdict, byte for
# byte: stderr (diagnostics, notes, fix-its) and exit status, the SARIF log,
# the manifest= side file and, for -c, the object's record as
# initcheck-report --manifests prints it.  For a change meant to make the
# plugin faster, not different (docs/performance.md).
#
#   A=/dir/of/old/initcheck.so B=/dir/of/new/initcheck.so \
#     [REPORT=tools/initcheck-report] [KDIR=/work/k61/out] [NK=100] [NKC=50] \
#     [PARTS="tests gen kernel"] sh bench/verdict-diff.sh
#
# Inputs: every .c under testsuite/ under nine option sets (two with a
# collection at every chance); bench/gen-tu.c
# units of 2,000 and 20,000 functions, as generated and with mismatches
# (half the __init markers dropped, a later __init redeclaration); with
# KDIR, NK units of that configured kernel tree under -fsyntax-only and
# NKC of them with -c, each with its own command line (.*.o.cmd).
# Prints each difference and the count; exit status 1 if any.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
: "${A:?A=old plugin directory}" "${B:?B=new plugin directory}"
CC=${CC:-gcc}
REPORT=${REPORT:-$top/tools/initcheck-report}
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
ncase=0 ndiff=0

# One compile with each plugin, "$1" the plugin's flags (KEY[=VALUE]
# words), the rest the compile; in the current directory.  Outputs go to
# the same names in both runs, then aside.
one() {
	args=$1; shift
	for p in A B; do
		eval "dir=\$$p"
		pf="-fplugin=$dir/initcheck.so"
		for a in $args; do
			case $a in
			sarif) a=sarif=$t/out.sarif ;;
			manifest) a=manifest=$t/out.json ;;
			esac
			pf="$pf -fplugin-arg-initcheck-$a"
		done
		rm -f "$t/out.sarif" "$t/out.json" "$t/out.o"
		"$@" $pf >"$t/$p.err" 2>&1
		echo "exit $?" >>"$t/$p.err"
		for f in out.sarif out.json; do
			[ -f "$t/$f" ] && mv "$t/$f" "$t/$p.$f"
		done
		[ -f "$t/out.o" ] && "$REPORT" --manifests "$t/out.o" \
			>"$t/$p.rec" 2>&1
	done
	ncase=$((ncase + 1))
	for f in err out.sarif out.json rec; do
		if [ -f "$t/A.$f" ] || [ -f "$t/B.$f" ]; then
			if ! cmp -s "$t/A.$f" "$t/B.$f"; then
				ndiff=$((ndiff + 1))
				echo "DIFF ($f): $args: $*"
				diff "$t/A.$f" "$t/B.$f" | head -n 10
			fi
		fi
	done
	rm -f "$t"/A.* "$t"/B.*
}

sets='-fsyntax-only:profile=kernel
-fsyntax-only:profile=kernel sarif
-fsyntax-only:profile=kernel manifest
-O2 -c:profile=kernel suggest sarif
-O0 -c:profile=strict manifest
-O2 -c:profile=xen move-strings
-O1 -c:profile=strict suggest'

# The testsuite's sources also with a garbage collection at every chance
# (what the plugin keeps alive is kept).
gc='--param ggc-min-expand=0 --param ggc-min-heapsize=0'
gcsets="-O2 -c $gc:profile=kernel suggest sarif
-fsyntax-only $gc:profile=strict manifest"

# Each option set of $3 (default: $sets) on source $1, extra compiler
# flags in $2.
sets() {
	while IFS=: read -r cf pa; do
		case $cf in *-c*) cf="$cf -o $t/out.o" ;; esac
		one "$pa" $CC -I"$top/include" $2 $cf "$1"
	done <<EOF
${3:-$sets}
EOF
}

parts=${PARTS:-tests gen kernel}
case " $parts " in *" tests "*)
	for f in $(find "$top/testsuite" -name '*.c' | sort); do
		sets "$f" "-I$(dirname "$f")"
		sets "$f" "-I$(dirname "$f")" "$gcsets"
	done ;;
esac

cc -O2 -o "$t/gen-tu" "$here/gen-tu.c" || exit 2
case " $parts " in *" gen "*) ;; *) gens= ;; esac
for n in ${gens-2000 20000}; do
	"$t/gen-tu" $n >"$t/u$n.c"
	# Mismatches: every other __init dropped (normal code calling init,
	# tables of init), one function given __init after its definition.
	sed 's/^int __init f\([0-9]*[02468]\)(/int f\1(/' "$t/u$n.c" >"$t/m$n.c"
	echo 'int __init g5(int x);' >>"$t/m$n.c"
	for u in u m; do
		if [ $n = 2000 ]; then
			sets "$t/$u$n.c" ""
		else
			one profile=kernel $CC -I"$top/include" -O2 -fsyntax-only "$t/$u$n.c"
			one "profile=kernel manifest" $CC -I"$top/include" -O2 -fsyntax-only "$t/$u$n.c"
			one "profile=kernel suggest" $CC -I"$top/include" -O2 -c -o "$t/out.o" "$t/$u$n.c"
		fi
	done
done

case " $parts " in *" kernel "*) ;; *) KDIR= ;; esac
if [ -n "${KDIR:-}" ]; then
	cd "$KDIR" || exit 2
	k=0
	for f in $(find . -name '.*.o.cmd' | sort); do
		cmd=$(sed -n 's/^savedcmd_[^ ]* := //p; s/^cmd_[^ ]* := //p' "$f" | head -n 1)
		case $cmd in gcc\ *\ -D__KERNEL__\ *\ -c\ -o\ *.o\ *.c*) ;; *) continue ;; esac
		[ $k -lt "${NK:-100}" ] || break
		# Its own command line without plugin flags, dependency
		# output and what runs after it.
		cmd=$(echo "$cmd" | sed -e 's/ -fplugin[^ ]*//g' -e 's/-Wp,-MMD,[^ ]*//' \
			-e 's/ *;.*//' -e 's/ -c -o [^ ]*\.o / /')
		eval "one profile=kernel $cmd -fsyntax-only"
		if [ $k -lt "${NKC:-50}" ]; then
			eval "one profile=kernel $cmd -c -o $t/out.o"
		fi
		k=$((k + 1))
	done
fi
echo "verdict-diff: $ncase cases, $ndiff differences"
[ $ndiff = 0 ]
