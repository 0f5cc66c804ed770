#!/bin/sh
# icecream-run.sh TMP CC PLUGIN INCLUDE PROJECT [STD] - run by icecream.exp as
#   unshare -n -m --propagation private sh icecream-run.sh ...
# A network namespace of its own (the daemons broadcast to find their
# scheduler; here they see only loopback) and a mount namespace of its own
# (a private /run/icecc, so the host's daemon socket and pid file are never
# touched).  Every daemon is started here and stopped by its pid.
#
# One machine, really remote: a scheduler, a submitting daemon with
# --no-remote, and a second daemon on another port that does the compiling.
# A single daemon cannot be the remote of its own jobs: the scheduler never
# sends a job back to its submitter, and with ICECC_TEST_REMOTEBUILD=1 the
# client then sends the job with no environment ("Empty environment").
set -u
t=$1 cc=$2 plugin=$3 inc=$4 proj=$5 std=${6:-}	# STD: -std=gnu11 or none
sched_port=18765 remote_port=10246

mkdir -p /run/icecc && mount -t tmpfs -o mode=0755 tmpfs /run/icecc \
	&& chown icecc:icecc /run/icecc || { echo "setup-failed: /run/icecc"; exit 1; }
ip link set lo up || { echo "setup-failed: lo"; exit 1; }
SCHED=; LOCAL=; REMOTE=
stop() {
	for p in $LOCAL $REMOTE $SCHED; do kill "$p" 2>/dev/null; done
	for i in 1 2 3 4 5 6 7 8 9 10; do
		alive=
		for p in $LOCAL $REMOTE $SCHED; do kill -0 "$p" 2>/dev/null && alive=1; done
		[ -z "$alive" ] && break
		sleep 0.3
	done
	for p in $LOCAL $REMOTE $SCHED; do kill -9 "$p" 2>/dev/null; done
	echo "daemons-stopped"
}
trap stop EXIT
trap 'exit 1' INT TERM HUP

# The daemons drop to the icecc user before they open their logs.
mkdir -p "$t/env" && chown icecc:icecc "$t"
cxx=$(command -v "$(echo "$cc" | sed 's/gcc/g++/')")
(cd "$t/env" && timeout 300 icecc-create-env --gcc "$(command -v "$cc")" "$cxx" \
	--addfile "$plugin" > "$t/create-env.log" 2>&1) || { echo "setup-failed: icecc-create-env"; exit 1; }
env=$(ls "$t"/env/*.tar.gz)

icecc-scheduler -l "$t/sched.log" -p $sched_port -n initcheck-test -vvv &
SCHED=$!
sleep 1
ICECC_TEST_SOCKET="$t/socket-local" iceccd -l "$t/local.log" -s 127.0.0.1:$sched_port \
	-n initcheck-test -N localice -b "$t/envs-local" -m 2 --no-remote -vvv &
LOCAL=$!
ICECC_TEST_SOCKET="$t/socket-remote" iceccd -l "$t/remote.log" -s 127.0.0.1:$sched_port \
	-n initcheck-test -N remoteice -b "$t/envs-remote" -m 2 -p $remote_port -vvv &
REMOTE=$!
i=0	# a compile before both have logged in is quietly done locally
until grep -q "login localice" "$t/sched.log" 2>/dev/null \
	&& grep -q "login remoteice" "$t/sched.log" 2>/dev/null; do
	i=$((i + 1)); [ $i -gt 60 ] && { echo "setup-failed: no login"; exit 1; }
	sleep 1
done

# ICECC_CARET_WORKAROUND=0: otherwise a compile that prints a diagnostic
# is silently redone locally.
compile() {
	src=$1 obj=$2; shift 2
	(cd "$proj" && ICECC_TEST_SOCKET="$t/socket-local" ICECC_VERSION="$env" \
		ICECC_TEST_REMOTEBUILD=1 ICECC_PREFERRED_HOST=remoteice \
		ICECC_CARET_WORKAROUND=0 ICECC_DEBUG=debug ICECC_LOGFILE="$t/client.log" \
		timeout 120 icecc "$cc" ${std:+"$std"} -fplugin="$plugin" "$@" -I"$inc" -c "$src" -o "$obj")
}
compile boot.c "$t/boot.o" 2> "$t/boot.err"; echo "boot-rc=$?"
compile bad.c "$t/bad.o" 2> "$t/bad.err"; echo "bad-rc=$?"
compile bad.c "$t/badwarn.o" -fplugin-arg-initcheck-warn 2> "$t/badwarn.err"; echo "badwarn-rc=$?"
exit 0
