#!/bin/sh
# distcc-run.sh TMP CC PLUGIN INCLUDE PROJECT [STD] - run by distcc.exp inside a
# network namespace of its own (unshare -n): distccd listens on loopback
# only, and is stopped by its pid before this script ends.
set -u
tmp=$1 cc=$2 plugin=$3 inc=$4 proj=$5 std=${6:-}	# STD: -std=gnu11 or none
ip link set lo up || exit 1
mkdir -p "$tmp/state"
chmod 1777 "$tmp"		# distccd drops root for its own user
distccd --daemon --allow 127.0.0.1 --listen 127.0.0.1 --port 3632 \
	--pid-file "$tmp/distccd.pid" --log-file "$tmp/distccd.log" --log-level info
for i in 1 2 3 4 5 6 7 8 9 10; do [ -s "$tmp/distccd.pid" ] && break; sleep 0.2; done
export DISTCC_HOSTS=127.0.0.1:3632 DISTCC_DIR="$tmp/state"
cd "$tmp" || exit 1
DISTCC_FALLBACK=1 timeout 120 distcc "$cc" ${std:+"$std"} -fplugin="$plugin" -I"$inc" -c "$proj/bad.c" -o bad.o > bad.out 2>&1
echo "bad-rc=$?"
DISTCC_FALLBACK=1 timeout 120 distcc "$cc" ${std:+"$std"} -fplugin="$plugin" -I"$inc" -c "$proj/boot.c" -o boot.o > boot.out 2>&1
echo "boot-rc=$?"
DISTCC_FALLBACK=0 timeout 120 distcc "$cc" ${std:+"$std"} -fplugin="$plugin" -I"$inc" -c "$proj/boot.c" -o nofallback.o > nofallback.out 2>&1
echo "nofallback-rc=$?"
kill "$(cat "$tmp/distccd.pid")"
for i in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$(cat "$tmp/distccd.pid")" 2>/dev/null || break; sleep 0.2; done
kill -0 "$(cat "$tmp/distccd.pid")" 2>/dev/null && echo "distccd-still-running" || echo "distccd-stopped"
