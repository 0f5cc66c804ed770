#!/bin/sh
# mutants.sh - real section mismatches injected into Linux 6.1 tinyconfig,
# one at a time, and who finds each: the initcheck plugin (at the source
# line, one compile) or the kernel's modpost (over vmlinux.o, at link).
# `make mutants`; docs/kernel.md, "Mutants: initcheck vs modpost".
#
#   bench/mutants.sh [WORKDIR]       (default: build/kernel)
#
# Needs the tree `make kernel-check` built (WORKDIR/linux-source-6.1 with
# vmlinux.o).  The mutants are in bench/mutants.txt (MUTANTS= to use another
# list, ONLY=id[,id] to run some).  Each mutant, in turn:
#   1. its file is copied aside, the one line edited with the list's sed
#      expression;
#   2. plugin: `make path/file.o` with the kernel-check KCFLAGS; found when
#      the compile prints an initcheck finding that is not in
#      bench/kernel-findings.txt, "at line" when one is at the line the list
#      expects (the reference's line);
#   3. modpost: `make modpost` relinks vmlinux.o and runs modpost on it, as
#      `make vmlinux` does; found when a "section mismatch" warning appears
#      that the unmutated tree does not give.  `initcheck-report vmlinux.o`
#      runs then too: its new cross-unit findings count as the plugin's;
#   4. effective (the definition, docs/kernel.md): the file is compiled by
#      tinyconfig and the mutated file compiles, and its unoptimised object
#      (the kernel's command with -O0; with -Os -fno-inline where the
#      kernel's headers do not compile at -O0) holds more relocations from
#      a section that outlives init (text, data, rodata, export, meminit) to
#      an init or exit section than the unmutated file's does ("yes", or
#      "yes-fni" for -fno-inline); a reference from another unit, which no
#      one object shows, counts when vmlinux.o holds more of them than the
#      unmutated vmlinux.o does ("yes-link");
#   5. when modpost misses an effective mutant, why: "inlined" when the -Os
#      object built with -fno-inline still holds the reference, "folded" when
#      even that lost it (constant folding, dead code), "rodata" when the
#      reference is there but from read-only data, which modpost skips,
#      "unlinked" when the object is a lib.a member the link leaves out;
#   6. the file is restored and its object rebuilt.
# Exit status 1 when the plugin misses an effective mutant, 2 on set-up
# errors.  The log of every step is WORKDIR/mutants/.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
work=${1:-$top/build/kernel}
PLUGIN=${PLUGIN:-$top/plugin/initcheck.so}
REPORT=${REPORT:-$top/tools/initcheck-report}
MUTANTS=${MUTANTS:-$here/mutants.txt}
ONLY=${ONLY:-}
tree=$work/linux-source-6.1
logs=$work/mutants
flags="-fplugin=$PLUGIN -fplugin-arg-initcheck-profile=kernel -fplugin-arg-initcheck-warn"
export LANG=C LC_ALL=C

say() { printf 'mutants: %s\n' "$*" >&2; }
[ -f "$tree/vmlinux.o" ] || { say "no built tree in $tree: run make kernel-check first"; exit 2; }
[ -f "$PLUGIN" ] && [ -x "$REPORT" ] || { say "no $PLUGIN or $REPORT: run make first"; exit 2; }
[ -f "$MUTANTS" ] || { say "no mutant list $MUTANTS"; exit 2; }
rm -rf "$logs" && mkdir -p "$logs" || exit 2
cd "$tree" || exit 2

kmake() { nice make -s ARCH=i386 KCFLAGS="$flags" "$@" < /dev/null; }

# The file being mutated and its copy, restored on any exit.
cur= ; pristine=$logs/pristine
restore() {
	[ -n "$cur" ] || return 0
	cp "$pristine" "$cur" && kmake "${cur%.c}.o" >/dev/null 2>&1
	cur=
}
trap 'restore; exit 2' INT TERM HUP

# The kernel's saved compile command for FILE.c, writing to OUT, without
# the plugin and the dependency file, followed by EXTRA flags.
compile() { # FILE OUT EXTRA...
	f=$1 out=$2; shift 2
	o=${f%.c}.o
	c=$(sed -n "1s|^cmd_$o := ||p" "$(dirname "$f")/.$(basename "$o").cmd" \
		| sed -e 's| -Wp,-MMD,[^ ]*||' -e 's| -fplugin[^ ]*||g' -e "s| -o $o | -o $out |")
	[ -n "$c" ] && eval "nice $c $*"
}

# Relocations from a section that outlives init to a symbol in an init or
# exit section: one "from-section -> target" line each (offsets dropped,
# so that two objects can be compared as multisets).
refs() { # OBJECT
	{ objdump -t "$1"; echo '@@'; objdump -r "$1"; } | awk '
	/^@@$/ { relocs = 1; next }
	!relocs {
		if (split($0, p, "\t") == 2) {
			n = split(p[1], a, " "); split(p[2], b, " ")
			sec[b[2]] = a[n]
		}
		next
	}
	/^RELOCATION RECORDS FOR \[/ {
		from = $4; sub(/^\[/, "", from); sub(/\]:$/, "", from); next
	}
	NF == 3 && $1 ~ /^[0-9a-f]+$/ {
		to = $3; sub(/[-+]0x[0-9a-f]+$/, "", to)
		tsec = (to in sec) ? sec[to] : to
		if (tsec !~ /^\.(init|exit)\./) next
		if (from !~ /^\.(text|data|rodata)(\.|$)/ && from !~ /^\.meminit\./ &&
		    from !~ /^\.(sched|cpuidle|noinstr|entry|spinlock|kprobes|irqentry|softirqentry)\.text$/ &&
		    from !~ /^___ksymtab/) next
		print from " -> " to
	}' | sort
}

# Lines of NEW not in OLD, as multisets (comm needs both sorted).
added() { comm -13 "$1" "$2"; }

# Whether OBJECT is in vmlinux.o: a member of a lib.a is linked only when
# something pulls it in; its global text symbols are then defined there.
linked() { # OBJECT
	nm --defined-only -g "$1" | awk '$2 ~ /^[TtDdRr]$/ { print $3 }' > "$logs/syms"
	[ -s "$logs/syms" ] || return 0
	nm --defined-only -g vmlinux.o | awk '{ print $3 }' | grep -q -x -F -f "$logs/syms"
}

# The extra flags of each way to build: -O0, -Os without inlining, the
# kernel's -Os.
opt() {
	case $1 in
	O0) echo -O0 -Wno-return-type ;;
	fni) echo -fno-inline -fno-partial-inlining ;;
	esac
}

# The references of the unmutated FILE built the way HOW, computed once
# (the copy is put back for the compile); prints the file that has them.
baserefs() { # FILE HOW
	b=$logs/base.$(echo "$1" | tr / _).$2
	if [ ! -f "$b.refs" ]; then
		cp "$1" "$logs/mutated.c" && cp "$pristine" "$1"
		compile "$1" "$b.o" $(opt "$2") > "$b.log" 2>&1
		cp "$logs/mutated.c" "$1"
		refs "$b.o" > "$b.refs"
	fi
	echo "$b.refs"
}

say "baseline: make modpost on the unmutated tree"
kmake modpost > "$logs/modpost.base" 2>&1 || { say "make modpost failed (see $logs/modpost.base)"; exit 2; }
grep -i 'section mismatch' "$logs/modpost.base" | sort > "$logs/mismatch.base"
refs vmlinux.o > "$logs/vmlinux.refs.base"
findings() { # initcheck-report's cross-unit findings, as the compile's:
	# warnings, or errors for units built without -warn
	sed -n 's|^\./||; s|^\([^:]*:[0-9]*\):[0-9]*: [a-z]*: \(.*\[initcheck:.*\)|\1: \2|p' "$@" | sort -u
}
"$REPORT" vmlinux.o 2>&1 | findings > "$logs/report.base"

printf '%-4s %-15s %-36s %-9s %-7s %-9s %s\n' id kind file:line effective plugin modpost "why modpost missed"
n=0 eff=0 byplugin=0 atline=0 bymodpost=0 inlined=0 folded=0 rodata=0 unlinked=0 other=0 noteff=0 extra=0 missed=
while read -r id kind file line expect expr; do
	case $id in ''|'#'*) continue ;; esac
	if [ -n "$ONLY" ]; then case ",$ONLY," in *",$id,"*) ;; *) continue ;; esac; fi
	n=$((n + 1))
	l=$logs/$id
	case $expect in *:*) at=$expect ;; *) at=$file:$expect ;; esac
	o=${file%.c}.o
	if [ ! -f "$(dirname "$file")/.$(basename "$o").cmd" ]; then
		printf '%-4s %-15s %-36s %-9s\n' "$id" "$kind" "$file:$line" "no: not built"
		noteff=$((noteff + 1)); continue
	fi
	cp "$file" "$pristine" || exit 2
	cur=$file
	sed -i "${line}${expr}" "$file"
	if cmp -s "$file" "$pristine"; then
		printf '%-4s %-15s %-36s %-9s\n' "$id" "$kind" "$file:$line" "no: stale"
		say "$id: the sed expression does not change line $line of $file"
		restore; noteff=$((noteff + 1)); continue
	fi
	diff "$pristine" "$file" > "$l.diff"

	# The plugin, through kbuild.
	kmake "$o" > "$l.plugin" 2>&1
	crc=$?
	sed -n 's|^\./||; s|^\([^:]*:[0-9]*\):[0-9]*: warning: \(.*\[initcheck:.*\)|\1: \2|p' "$l.plugin" \
		| sed -e "s/‘/'/g" -e "s/’/'/g" | sort -u > "$l.findings"
	sort "$top/bench/kernel-findings.txt" | added - "$l.findings" > "$l.new"
	p=n
	[ -s "$l.new" ] && p=y
	grep -q "^$at: " "$l.new" && p=y@line
	cp "$o" "$l.Os.o" 2>/dev/null

	# Effective? The unoptimised objects, mutated and not.
	how=O0
	if ! compile "$file" "$l.O0.o" $(opt O0) > "$l.O0.log" 2>&1; then
		how=fni
		compile "$file" "$l.O0.o" $(opt fni) > "$l.O0.log" 2>&1
	fi
	erc=$?
	e=no
	if [ $crc -ne 0 ] || [ $erc -ne 0 ]; then
		e="no: error"
	else
		refs "$l.O0.o" | added "$(baserefs "$file" $how)" - > "$l.refs.new"
		[ -s "$l.refs.new" ] && e=yes
	fi
	[ "$e" = yes ] && [ $how != O0 ] && e=yes-fni

	# modpost, over vmlinux.o as the kernel runs it.
	m=n why=
	if [ $crc -eq 0 ]; then
		kmake modpost > "$l.modpost" 2>&1
		grep -i 'section mismatch' "$l.modpost" | sort | added "$logs/mismatch.base" - > "$l.modpost.new"
		[ -s "$l.modpost.new" ] && m=y
		# The report's cross-unit findings count as the plugin's.
		"$REPORT" vmlinux.o > "$l.report" 2>&1
		findings "$l.report" | added "$logs/report.base" - >> "$l.new"
		if [ -s "$l.new" ]; then
			p=y
			grep -q "^$at: " "$l.new" && p=y@line
		fi
		# A reference from another unit is seen only once linked.
		if [ "$e" = no ]; then
			refs vmlinux.o | added "$logs/vmlinux.refs.base" - > "$l.refs.link"
			[ -s "$l.refs.link" ] && e=yes-link
		fi
	fi
	if [ "$e" = yes-link ] && [ $m = n ]; then
		why=other
	elif [ "${e%-fni}" = yes ] && [ $m = n ]; then
		refs "$l.Os.o" | added "$(baserefs "$file" Os)" - > "$l.refs.Os"
		if ! linked "$l.Os.o"; then
			why=unlinked
		elif grep -q -v -e '^\.rodata' -e '^\.data\.rel\.ro' "$l.refs.Os"; then
			why=other
		elif [ -s "$l.refs.Os" ]; then
			why=rodata
		else
			compile "$file" "$l.fni.o" $(opt fni) > /dev/null 2>&1
			if refs "$l.fni.o" | added "$(baserefs "$file" fni)" - | grep -q .; then
				why=inlined
			else
				why=folded
			fi
		fi
	fi
	restore

	printf '%-4s %-15s %-36s %-9s %-7s %-9s %s\n' "$id" "$kind" "$at" "$e" "$p" "$m" "$why"
	case $e in
	yes*)
		eff=$((eff + 1))
		case $p in y*) byplugin=$((byplugin + 1)) ;; *) missed="$missed $id" ;; esac
		[ $p = y@line ] && atline=$((atline + 1))
		[ $m = y ] && bymodpost=$((bymodpost + 1))
		case $why in
		inlined) inlined=$((inlined + 1)) ;;
		folded) folded=$((folded + 1)) ;;
		rodata) rodata=$((rodata + 1)) ;;
		unlinked) unlinked=$((unlinked + 1)) ;;
		other) other=$((other + 1)) ;;
		esac ;;
	*)
		noteff=$((noteff + 1))
		case $p in y*) extra=$((extra + 1)) ;; esac ;;
	esac
done < "$MUTANTS"

# vmlinux.o as it was.
kmake modpost > /dev/null 2>&1
echo "mutants: $n run, $eff effective, $noteff not effective"
echo "found by the plugin: $byplugin of $eff ($atline at the expected line); also reported: $extra not effective"
echo "found by modpost: $bymodpost of $eff"
echo "missed by modpost: $inlined inlined, $folded folded away, $rodata from read-only data, $unlinked in an object the link leaves out, $other other"
if [ -n "$missed" ]; then
	echo "FAIL: the plugin misses effective mutants:$missed (logs in $logs)"
	exit 1
fi
exit 0
