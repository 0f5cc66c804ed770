#!/bin/sh
# run.sh - run the DejaGnu testsuite for $CC with $PLUGIN; print the count
# from the .sum as "initcheck: N passed, M failed" and fail on any failure.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
obj="$top/build/testsuite"
mkdir -p "$obj"
cd "$obj" || exit 1
rm -f initcheck.sum initcheck.log
runtest --tool initcheck --srcdir "$top/testsuite" \
	CC="${CC:-gcc}" BUILD_CC="${BUILD_CC:-${CC:-gcc}}" CSTD="${CSTD:-}" PLUGIN="$PLUGIN" REPORT="$REPORT" CHECKER="${CHECKER:-}" ALLOCCMP="${ALLOCCMP:-}" \
	TOP="$top" >runtest.out 2>&1
rc=$?
{ grep -E '^(FAIL|XPASS|UNRESOLVED):' initcheck.sum; grep '^ERROR:' initcheck.log; } 2>/dev/null
tail -n 12 initcheck.sum 2>/dev/null | grep -E '^#|===' 
count() { grep -c "^$1:" initcheck.sum 2>/dev/null || true; }
pass=$(( $(count PASS) + $(count XFAIL) ))
fail=$(( $(count FAIL) + $(count XPASS) + $(count UNRESOLVED) + $(grep -c '^ERROR:' initcheck.log 2>/dev/null || true) ))
[ -f initcheck.sum ] || { cat runtest.out; fail=$((fail + 1)); }
[ "$rc" -ne 0 ] && [ "$fail" -eq 0 ] && { tail -n 20 runtest.out; fail=1; }
[ "$pass" -eq 0 ] && fail=$((fail + 1))
echo "initcheck: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
