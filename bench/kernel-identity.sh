#!/bin/sh
# kernel-identity.sh - the plugin does not change the kernel's code: Linux
# 6.1 tinyconfig (i386) built twice in the same tree, without and with the
# plugin, reproducibly (fixed timestamp, user, host and build number), and
# every allocated section of every .o and of vmlinux compared byte for byte
# (build/alloccmp, testsuite/initcheck.codegen/alloccmp.c).  `make kernel-identity`.
#
#   bench/kernel-identity.sh [WORKDIR]             (default: build/kernel)
#   bench/kernel-identity.sh [WORKDIR] compare     only compare the two
#                                                  saved builds again
#
# The kernel is built by $CC (gcc), the compiler the plugin was built for.
# The plugin runs with profile=kernel and warn: its default mode makes the
# 4 findings of docs/kernel.md errors, which stop the build.  Both options
# decide only how findings are reported.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
work=${1:-$top/build/kernel}
what=${2:-all}
CC=${CC:-gcc}
PLUGIN=${PLUGIN:-$top/plugin/initcheck.so}
ALLOCCMP=${ALLOCCMP:-$top/build/alloccmp}
JOBS=${JOBS:-2}
mkdir -p "$work" && work=$(cd "$work" && pwd) || exit 1
tree=$work/linux-source-6.1
saved=$work/identity
say() { printf 'kernel-identity: %s\n' "$*"; }

# Reproducible: nothing of the date, the user, the host or the build count
# may reach the objects (init/version.o, the compressed config ...).
KBUILD_BUILD_TIMESTAMP='Thu Jan  1 00:00:00 UTC 2026'
KBUILD_BUILD_USER=initcheck
KBUILD_BUILD_HOST=identity
KBUILD_BUILD_VERSION=1
export KBUILD_BUILD_TIMESTAMP KBUILD_BUILD_USER KBUILD_BUILD_HOST KBUILD_BUILD_VERSION

# One build from clean; its objects and vmlinux are saved under $saved/$1.
build() {
	name=$1
	flags=$2
	cd "$tree" || exit 1
	make -s ARCH=i386 clean >/dev/null 2>&1
	make -s ARCH=i386 tinyconfig >/dev/null 2>&1 || { say "FAIL: make tinyconfig"; exit 1; }
	say "$name: building vmlinux, KCFLAGS='$flags'"
	start=$(date +%s)
	LANG=C LC_ALL=C nice make -j"$JOBS" ARCH=i386 CC="$CC" KCFLAGS="$flags" vmlinux \
		> "$work/identity-$name.log" 2>&1 \
		|| { say "FAIL: $name build (see $work/identity-$name.log)"; exit 1; }
	say "$name: built in $(( $(date +%s) - start )) s"
	rm -rf "${saved:?}/$name"
	mkdir -p "$saved/$name"
	{ find . -name '*.o' -type f; echo ./vmlinux; } | LC_ALL=C sort \
		| tar -cf - -T - | tar -C "$saved/$name" -xf - || exit 1
}

if [ "$what" != compare ]; then
	[ -f "$PLUGIN" ] || { say "no plugin at $PLUGIN (make)"; exit 1; }
	[ -x "$ALLOCCMP" ] || { say "no $ALLOCCMP (make build/alloccmp)"; exit 1; }
	. "$here/kernel-tree.sh"
	kernel_tree "$work" "" || exit 1
	build plain ""
	build plugin "-fplugin=$PLUGIN -fplugin-arg-initcheck-profile=kernel -fplugin-arg-initcheck-warn"
fi

# Every file of one build against the other's.  alloccmp prints one
# summary line per pair; a difference, or an added allocated section,
# is a failure.
cd "$saved/plain" || exit 1
total=0 same=0 differ=0 missing=0 added=0
find . -type f | LC_ALL=C sort > "$work/identity-files.txt"
: > "$work/identity-diff.txt"
while read -r f; do
	total=$((total + 1))
	if [ ! -f "$saved/plugin/$f" ]; then
		missing=$((missing + 1))
		echo "$f: missing from the plugin build" >> "$work/identity-diff.txt"
		continue
	fi
	if out=$("$ALLOCCMP" "$f" "$saved/plugin/$f" 2>&1); then
		same=$((same + 1))
		case $out in *"added: .discard.initcheck"*) added=$((added + 1)) ;; esac
	else
		differ=$((differ + 1))
		printf '%s: %s\n' "$f" "$out" >> "$work/identity-diff.txt"
	fi
done < "$work/identity-files.txt"
say "$total files compared (.o and vmlinux): $same with identical allocated sections, $differ different, $missing missing"
say "$added carry the added non-allocated .discard.initcheck (the others: assembler files, host programs, vmlinux)"
if cmp -s vmlinux "$saved/plugin/vmlinux"; then
	say "vmlinux: the two files are byte for byte the same"
else
	say "vmlinux: the files differ outside the allocated sections"
fi
if [ $differ -ne 0 ] || [ $missing -ne 0 ]; then
	head -n 20 "$work/identity-diff.txt"
	say "FAILED (all differences: $work/identity-diff.txt)"
	exit 1
fi
say "passed"
