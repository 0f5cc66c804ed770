#!/bin/sh
# kernel-check.sh - initcheck on the real thing: Linux 6.1 or 6.12 (Debian's
# linux-source-$KERNEL), tinyconfig (i386), built with the plugin.  Run by
# CI for both (`make kernel-check KERNEL=6.1|6.12`).  Checks:
#   - no internal compiler error, and vmlinux links;
#   - the plugin's findings on the unmodified kernel are exactly the ones
#     listed, with the reasoning for each, in docs/kernel.md (pinned in
#     bench/kernel-findings.txt for 6.1, kernel-findings-6.12.txt);
#   - the report's total over vmlinux.o equals vmlinux.o's init sections,
#     the difference named: objects the plugin did not compile (assembler
#     files), and the alignment padding ld -r put between inputs.
#
#   KERNEL=6.12 bench/kernel-check.sh [WORKDIR]
#	(default: build/kernel for 6.1, build/kernel-6.12 for 6.12)
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
KERNEL=${KERNEL:-6.1}
if [ "$KERNEL" = 6.1 ]; then
	work=${1:-$top/build/kernel}
	expected=$here/kernel-findings.txt
else
	work=${1:-$top/build/kernel-$KERNEL}
	expected=$here/kernel-findings-$KERNEL.txt
fi
CC=${CC:-gcc}
PLUGIN=${PLUGIN:-$top/plugin/initcheck.so}
REPORT=${REPORT:-$top/tools/initcheck-report}
fail=0
say() { printf 'kernel-check: %s\n' "$*"; }
bad() { say "FAIL: $*"; fail=1; }

. "$here/kernel-tree.sh"
kernel_tree "$work" "" || exit 1
tree=$work/linux-source-$KERNEL
cd "$tree" || exit 1
# From clean: the findings are the compiler's, seen only when it runs.
make -s ARCH=i386 clean >/dev/null 2>&1
make -s ARCH=i386 tinyconfig >/dev/null 2>&1 || { bad "make tinyconfig"; exit 1; }
flags="-fplugin=$PLUGIN -fplugin-arg-initcheck-profile=kernel -fplugin-arg-initcheck-warn"
say "building Linux $KERNEL vmlinux with $flags"
start=$(date +%s)
LANG=C LC_CTYPE=C LC_MESSAGES=C make -j"$(nproc)" ARCH=i386 KCFLAGS="$flags" vmlinux > "$work/build.log" 2>&1
rc=$?
say "build exit $rc in $(( $(date +%s) - start )) s"
[ "$rc" -eq 0 ] || bad "the build failed (see $work/build.log)"
grep -q "internal compiler error" "$work/build.log" && bad "internal compiler error"
grep -i "orphan section" "$work/build.log" && bad "orphan section warnings"

# The findings, one line each, without the column: file:line: message.
grep 'warning: .*\[initcheck:' "$work/build.log" \
	| sed -e 's|^\./||' -e 's|^\([^:]*:[0-9]*\):[0-9]*: warning: |\1: |' -e "s/‘/'/g" -e "s/’/'/g" \
	| LC_ALL=C sort -u > "$work/findings.txt"
say "$(wc -l < "$work/findings.txt") distinct findings"
if ! diff -u "$expected" "$work/findings.txt"; then
	bad "the findings differ from bench/$(basename "$expected") (a new false positive, or a fixed one: update docs/kernel.md)"
fi

# The report over vmlinux.o against vmlinux.o's own sections: every byte
# named (bench/kernel-linked.py).
python3 "$here/kernel-linked.py" "$REPORT" "$tree" || fail=1
[ $fail -eq 0 ] && say "passed" || say "FAILED"
exit $fail
