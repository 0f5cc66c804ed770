#!/bin/sh
# fuzz-diff.sh - the same verdict on every compiler: csmith programs
# (annotated by bench/fuzz.py, as make check's fuzz seeds are), made once on
# this host, checked by the plugin built for each of GCC 11, 12, 13, 14 and
# 15 (13 to 15 in their chroots, bench/chroot.sh) under -fsyntax-only and
# -O2; the findings (rule, line, source and target symbols) must be the
# same under all five (docs/reliability.md).  Needs root for the chroots.
#
#   sh bench/fuzz-diff.sh [FIRST LAST]      (default 1 250: make check's
#                                            seeds 1..50, and 200 more)
#
# FUZZ_DIFF_MODES: which compiles (default "syntax O2"); FUZZ_DIFF_REUSE=1
# keeps the findings of an earlier run and compares them again.
#
# Writes build/fuzz-diff/findings-gcc-N.txt (one line per finding:
# "seed mode line rule from -> to") and prints the differences; the last
# line counts them.  Exit 1 on any difference not explained in the table
# below.  The plugin for each GCC is built in this tree in turn (the last
# build is GCC 15's) and kept as build/fuzz-diff/gcc-N/initcheck.so; remove
# those to rebuild them.
#
#   repeats         GCC 11 reads "a OP= b" as "a = a OP b" and reports an
#                   init target a twice on its line (two columns), GCC 12
#                   on once: the set of findings is the same; counted.
#   const-volatile  GCC 13 on put a const volatile variable with the
#                   read-only data (.data.rel.ro / .rodata), GCC 11 and 12
#                   with the data: the same reference is init-from-rodata
#                   or init-from-data (gcc-common.h,
#                   IC_CONST_VOLATILE_READONLY).  Told by the source
#                   variable's declaration ("const volatile" ... name).
#
#   folding         any other difference where, for that program, each
#                   GCC's findings are that GCC's own relocations (the
#                   oracle of bench/fuzz.py passes under both): the two
#                   front ends made different code of the same source
#                   (GCC 14 drops an unused comma operand, a load whose
#                   value a constant || or && decides, ...).
#
#   bench/fuzz-diff.sh --findings OUT DIR FIRST LAST  (one compiler, $CC)
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
out=$top/build/fuzz-diff
csmith_args=${CSMITH_ARGS:---max-funcs 8 --max-block-depth 3 --no-packed-struct}

if [ "${1:-}" = --findings ]; then
	# One compiler: every program, two modes, findings normalised.
	res=$2 dir=$3 seed=$4 last=$5
	: >"$res.tmp"
	while [ "$seed" -le "$last" ]; do
		for mode in ${FUZZ_DIFF_MODES:-syntax O2}; do
			case $mode in
			syntax) flags=-fsyntax-only ;;
			O2) flags="-O2 -c -o /dev/null" ;;
			esac
			# shellcheck disable=SC2086
			LC_ALL=C $CC -fplugin="$PLUGIN" \
				-fplugin-arg-initcheck-warn -fno-pie \
				-fdiagnostics-plain-output -I"$top/include" \
				-I"$dir/csmith" $flags "$dir/seed-$seed/prog.c" 2>&1 |
			sed -n "s/^[^:]*:\([0-9]*\):[0-9]*: \(warning\|error\): '\([^']*\)' (section [^)]*) [a-z]* .* '\([^']*\)' (section [^)]*) \[initcheck:\([a-z0-9-]*\)\]$/$seed $mode \1 \5 \3 -> \4/p;
				/internal compiler error/s/^/$seed $mode ICE /p" >>"$res.tmp"
		done
		seed=$((seed + 1))
	done
	mv "$res.tmp" "$res"
	exit 0
fi

first=${1:-1}
last=${2:-250}
command -v csmith >/dev/null || { echo "fuzz-diff: csmith is not installed (make deps)" >&2; exit 2; }
rm -rf "$out"/diff-* "$out"/set-* "$out/differences.txt" "$out/oracle"
# The programs, once per range (kept: csmith and the annotator are slow).
if [ ! -f "$out/progs/made-$first-$last" ]; then
	rm -rf "$out/progs"
	mkdir -p "$out/progs/csmith"
	# The csmith headers travel with the programs: every compiler reads these.
	cp /usr/include/csmith/*.h "$out/progs/csmith/"
	seed=$first
	made=0
	while [ "$seed" -le "$last" ]; do
		w=$out/progs/seed-$seed
		mkdir -p "$w"
		# shellcheck disable=SC2086
		if (cd "$w" && csmith --seed "$seed" $csmith_args >raw.c) &&
			python3 "$top/bench/fuzz.py" annotate "$seed" "$w/raw.c" "$w/prog.c"; then
			made=$((made + 1))
		else
			echo "fuzz-diff: seed $seed: csmith or the annotator failed" >&2
		fi
		seed=$((seed + 1))
	done
	touch "$out/progs/made-$first-$last"
	echo "fuzz-diff: $made programs (seeds $first..$last)"
fi

# The plugin for each compiler, built in turn (kept as gcc-N/initcheck.so),
# then two compilers at a time over all programs.
for n in 11 12 13 14 15; do
	[ -f "$out/gcc-$n/initcheck.so" ] && continue
	make -C "$top" --no-print-directory -s CC=gcc-$n all >/dev/null || {
		echo "fuzz-diff: make CC=gcc-$n failed" >&2; exit 2; }
	mkdir -p "$out/gcc-$n" && cp "$top/plugin/initcheck.so" "$out/gcc-$n/initcheck.so"
done
findings() {
	n=$1 cc=gcc-$1
	t0=$(date +%s)
	# FUZZ_DIFF_REUSE=1: compare the findings of an earlier run again.
	[ -n "${FUZZ_DIFF_REUSE:-}" ] && [ -f "$out/findings-$cc.txt" ] && return 0
	if command -v $cc >/dev/null; then
		CC=$cc PLUGIN="$out/$cc/initcheck.so" sh "$0" --findings "$out/findings-$cc.txt" "$out/progs" "$first" "$last"
	else
		sh "$top/bench/chroot.sh" $n -- env CC=$cc PLUGIN="$out/$cc/initcheck.so" \
			FUZZ_DIFF_MODES="${FUZZ_DIFF_MODES:-syntax O2}" sh bench/fuzz-diff.sh \
			--findings "$out/findings-$cc.txt" "$out/progs" "$first" "$last" 2>/dev/null
	fi || { echo "fuzz-diff: $cc: the run failed" >&2; return 1; }
	echo "fuzz-diff: $cc: $(wc -l <"$out/findings-$cc.txt") findings, $(($(date +%s) - t0)) s"
}
findings 11 & findings 12 & wait
findings 13 & findings 14 & wait
findings 15
for n in 11 12 13 14 15; do
	[ -f "$out/findings-gcc-$n.txt" ] || exit 2
done

# The differences, against GCC 12 (bookworm's own); each explained or not.
# A finding is (seed, mode, line, rule, source, target): the same one
# reported twice on one line (two columns) differs only in its count.
explained=0 unexplained=0 repeats=0
: >"$out/differences.txt"
# The relocation oracle for seed $2 under gcc-$1 (once each; 0: agrees).
oracle() {
	f=$out/oracle/gcc-$1-$2
	if [ ! -f "$f" ]; then
		mkdir -p "$out/oracle/w-$1-$2"
		if command -v gcc-$1 >/dev/null; then
			CC=gcc-$1 PLUGIN="$out/gcc-$1/initcheck.so" CSMITH_INC="$out/progs/csmith" \
				python3 "$top/bench/fuzz.py" check "$out/progs/seed-$2/prog.c" "$out/oracle/w-$1-$2" >/dev/null 2>&1
		else
			sh "$top/bench/chroot.sh" $1 -- env CC=gcc-$1 PLUGIN="$out/gcc-$1/initcheck.so" \
				CSMITH_INC="$out/progs/csmith" python3 bench/fuzz.py check \
				"$out/progs/seed-$2/prog.c" "$out/oracle/w-$1-$2" >/dev/null 2>&1
		fi
		echo $? >"$f"
	fi
	[ "$(cat "$f")" = 0 ]
}
sort -u "$out/findings-gcc-12.txt" >"$out/set-gcc-12.txt"
for n in 11 13 14 15; do
	sort -u "$out/findings-gcc-$n.txt" >"$out/set-gcc-$n.txt"
	# A finding both report, a different number of times on its line:
	# GCC 11 reads "a OP= b" as "a = a OP b", the target twice (at a
	# and at OP=).
	r=$(awk 'FNR == 1 { f++ } { c[f, $0]++; k[$0] = 1 }
		END { for (x in k) if (c[1, x] && c[2, x] && c[1, x] != c[2, x])
			n += c[1, x] > c[2, x] ? c[1, x] - c[2, x] : c[2, x] - c[1, x]
			print n + 0 }' "$out/findings-gcc-12.txt" "$out/findings-gcc-$n.txt")
	repeats=$((repeats + r))
	[ "$r" -ne 0 ] && echo "fuzz-diff: gcc-$n: $r findings repeated on their line (compound assignment), the same set"
	diff "$out/set-gcc-12.txt" "$out/set-gcc-$n.txt" |
		sed -n 's/^\([<>]\) /\1 /p' >"$out/diff-gcc-$n.txt"
	while read -r side seed mode line rule from arrow to; do
		decl=$(grep -m1 "[ *]$from\(\[\| \|=\|;\)" "$out/progs/seed-$seed/prog.c")
		why=
		case "$rule:$decl" in
		*-from-data:*const*volatile*|*-from-rodata:*const*volatile*)
			why=const-volatile ;;
		esac
		# Otherwise: does each GCC's plugin agree with that GCC's own
		# relocations for this program (bench/fuzz.py's oracle)?  Then
		# the two GCCs made different code of the same source.
		[ -z "$why" ] && oracle $n "$seed" </dev/null && oracle 12 "$seed" </dev/null && why=folding
		if [ -n "$why" ]; then
			explained=$((explained + 1))
		else
			unexplained=$((unexplained + 1))
			echo "fuzz-diff: gcc-$n: $side seed $seed $mode line $line $rule $from $arrow $to: UNEXPLAINED"
		fi
		echo "$n $side $seed $mode $line $rule $from $to ${why:-?}" >>"$out/differences.txt"
	done <"$out/diff-gcc-$n.txt"
done
echo "fuzz-diff: seeds $first..$last, 5 compilers: $(wc -l <"$out/set-gcc-12.txt") distinct findings" \
	"($(wc -l <"$out/findings-gcc-12.txt") reported) under GCC 12;" \
	"$explained differing explained ($(grep -c const-volatile "$out/differences.txt") const-volatile," \
	"$(grep -c folding "$out/differences.txt") folding), $unexplained unexplained, $repeats repeats"
[ "$unexplained" -eq 0 ]
