#!/bin/sh
# cross-kernel.sh - Linux 6.1 (Debian's linux-source-6.1) tinyconfig for
# the architecture of the cross compiler $CC, built with the plugin for
# that compiler (`make CC=riscv64-linux-gnu-gcc-12 cross-kernel`; all five
# with `make cross-kernels`; by hand, not in CI).  The checks of
# bench/kernel-check.sh: no internal compiler error, vmlinux links, the
# findings exactly those judged in docs/kernel.md ("Other architectures",
# pinned in bench/kernel-findings-ARCH.txt), every byte of vmlinux.o's
# init sections named.  One source tree, one output directory per
# architecture (O=), built from clean.
#
#   bench/cross-kernel.sh [WORKDIR]      (default: build/kernel-cross)
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
work=${1:-$top/build/kernel-cross}
CC=${CC:?set CC to a cross compiler, e.g. riscv64-linux-gnu-gcc-12}
PLUGIN=${PLUGIN:-$top/plugin/initcheck.so}
REPORT=${REPORT:-$top/tools/initcheck-report}
triplet=$($CC -dumpmachine) || exit 1
# The kernel's ARCH, and what makes tinyconfig the target's ABI: 6.1's
# tinyconfig is 32-bit big-endian on powerpc and 32-bit on mips; powerpc
# builds with -Werror (CONFIG_PPC_WERROR), which the -warn findings must
# not stop.
case $triplet in
aarch64-*)	arch=arm64 ;;
riscv64-*)	arch=riscv ;;
powerpc64le-*)	arch=powerpc; frags="64-bit.config le.config disable-werror.config" ;;
s390x-*)	arch=s390 ;;
mips64el-*)	arch=mips; frags="generic/64r2.config generic/el.config" ;;
*)		echo "cross-kernel: no kernel architecture known for $triplet" >&2; exit 2 ;;
esac
frags=${frags:-}
src=$work/linux-source-6.1
out=$work/$arch
fail=0
say() { printf 'cross-kernel %s: %s\n' "$arch" "$*"; }
bad() { say "FAIL: $*"; fail=1; }
begin=$(date +%s)

. "$here/kernel-tree.sh"
kernel_tree "$work" "" || exit 1
# The plugin this build loads: a copy, so that rebuilding plugin/ for
# another compiler meanwhile does not change it.
# (GCC names a plugin by its file name: initcheck.so, in a directory each.)
mkdir -p "$out" "$work/plugin-$arch" || exit 1
cp "$PLUGIN" "$work/plugin-$arch/initcheck.so" || exit 1
mk() { LANG=C LC_ALL=C LC_CTYPE=C LC_MESSAGES=C nice make -C "$src" O="$out" ARCH=$arch \
	CROSS_COMPILE="$triplet-" CC="$CC" "$@"; }
mk -s clean >/dev/null 2>&1
mk -s tinyconfig $frags >/dev/null 2>&1 || { bad "make tinyconfig $frags"; exit 1; }
flags="-fplugin=$work/plugin-$arch/initcheck.so -fplugin-arg-initcheck-profile=kernel -fplugin-arg-initcheck-warn"
say "building vmlinux ($triplet, tinyconfig $frags) with $flags"
start=$(date +%s)
mk -j2 KCFLAGS="$flags" vmlinux > "$out/build.log" 2>&1
rc=$?
say "build exit $rc in $(( $(date +%s) - start )) s, $(grep -c '^  CC ' "$out/build.log") units"
[ "$rc" -eq 0 ] || bad "the build failed (see $out/build.log)"
grep -q "internal compiler error" "$out/build.log" && bad "internal compiler error"
grep -i "orphan section" "$out/build.log" && bad "orphan section warnings"

# The findings, one line each, without the column: file:line: message,
# the path relative to the source tree.
grep 'warning: .*\[initcheck:' "$out/build.log" \
	| sed -e "s|^$src/||" -e 's|^\.\./linux-source-6.1/||' -e 's|^\./||' \
	      -e 's|^\([^:]*:[0-9]*\):[0-9]*: warning: |\1: |' -e "s/‘/'/g" -e "s/’/'/g" \
	| LC_ALL=C sort -u > "$out/findings.txt"
say "$(wc -l < "$out/findings.txt") distinct findings"
want=$here/kernel-findings-$arch.txt
[ -f "$want" ] || want=/dev/null
if ! diff -u "$want" "$out/findings.txt"; then
	bad "the findings differ from bench/kernel-findings-$arch.txt (a new false positive, or a fixed one: update docs/kernel.md)"
fi

if [ -f "$out/vmlinux.o" ]; then
	python3 "$here/kernel-linked.py" "$REPORT" "$out" || fail=1
fi
say "$( [ $fail -eq 0 ] && echo passed || echo FAILED ) in $(( $(date +%s) - begin )) s"
exit $fail
