#!/bin/sh
# fuzz.sh - random programs (csmith) with init markers, checked by the
# plugin under -fsyntax-only, -O0 and -O2 and against the relocations of
# the same program compiled without it (docs/reliability.md).
#
#   sh bench/fuzz.sh [-d DIR] FIRST [LAST]
#
# One line per seed: "PASS seed N: ..." or "FAIL seed N: ..." (an ICE or a
# disagreement; DIR/seed-N/prog.c is kept and the seed reproduces it) or
# "INVALID seed N" (the annotated program does not compile: a bug of the
# annotator).  The last line counts them; exit 1 on any FAIL or INVALID.
#
# Environment: CC (gcc), PLUGIN (plugin/initcheck.so), PLUGIN_ARGS (extra
# plugin arguments), CSMITH_ARGS (the size limits below).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
dir=${TMPDIR:-/tmp}/initcheck-fuzz.$$
if [ "${1:-}" = -d ]; then
	dir=$2
	shift 2
fi
[ $# -ge 1 ] || { sed -n '2,14s/^# \{0,1\}//p' "$0" >&2; exit 2; }
first=$1
last=${2:-$1}
export CC=${CC:-gcc} TOP="$top" CSMITH_INC=${CSMITH_INC:-/usr/include/csmith}
export PLUGIN=${PLUGIN:-$top/plugin/initcheck.so}
# Small enough that one program compiles in well under a second.
csmith_args=${CSMITH_ARGS:---max-funcs 8 --max-block-depth 3 --no-packed-struct}

command -v csmith >/dev/null || { echo "fuzz: csmith is not installed" >&2; exit 2; }
[ -f "$CSMITH_INC/csmith.h" ] || { echo "fuzz: no $CSMITH_INC/csmith.h (libcsmith-dev)" >&2; exit 2; }
[ -f "$PLUGIN" ] || { echo "fuzz: no $PLUGIN (run make)" >&2; exit 2; }
mkdir -p "$dir" || exit 2

pass=0 fail=0 invalid=0 ice=0
seed=$first
while [ "$seed" -le "$last" ]; do
	w=$dir/seed-$seed
	mkdir -p "$w"
	# csmith writes platform.info into its working directory.
	# shellcheck disable=SC2086
	(cd "$w" && csmith --seed "$seed" $csmith_args > raw.c) &&
		python3 "$top/bench/fuzz.py" annotate "$seed" "$w/raw.c" "$w/prog.c" ||
		{ echo "INVALID seed $seed: csmith or the annotator failed"; invalid=$((invalid + 1)); seed=$((seed + 1)); continue; }
	out=$(python3 "$top/bench/fuzz.py" check "$w/prog.c" "$w")
	rc=$?
	case $rc in
	0)	echo "PASS seed $seed: $out"
		pass=$((pass + 1))
		rm -rf "$w" ;;
	2)	echo "INVALID seed $seed: $w/prog.c"
		echo "$out" | sed 's/^/  /' | head -n 20
		invalid=$((invalid + 1)) ;;
	*)	echo "FAIL seed $seed: $w/prog.c"
		echo "$out" | sed 's/^/  /' | head -n 40
		case $out in *"ICE under"*) ice=$((ice + 1)) ;; esac
		fail=$((fail + 1)) ;;
	esac
	seed=$((seed + 1))
done
echo "fuzz: seeds $first..$last: $pass passed, $fail failed ($ice ICE), $invalid invalid"
[ "$fail" -eq 0 ] && [ "$invalid" -eq 0 ] && rmdir "$dir" 2>/dev/null
[ "$fail" -eq 0 ] && [ "$invalid" -eq 0 ]
