#!/bin/sh
# chroot.sh - GCC 13, 14 and 15 for initcheck on a Debian bookworm host:
# Debian's own packages, from the suite that ships each compiler, in a
# debootstrap chroot of that suite (the host's apt sources stay bookworm).
#
#   bench/chroot.sh N [MAKE-ARGS...]
#   bench/chroot.sh N -- COMMAND [ARGS...]
#
# makes (once) the chroot for gcc-N, installs there what `make deps
# CC=gcc-N` lists, then runs `make CC=gcc-N MAKE-ARGS` (or COMMAND) inside
# with this tree bind-mounted at the same path, as the working directory:
# what is built lands in this tree.
# The Makefile calls it for `make CC=gcc-13 ...` when gcc-13 is not on the
# host (docs/portability.md).
#
#   GCC 13, 14  trixie (gcc-13, gcc-14 and their -plugin-dev)
#   GCC 15      sid    (its Release file reads as expired from here:
#                       apt there runs with Acquire::Check-Valid-Until false)
#
# Chroots live in $INITCHECK_CHROOTS (default /var/cache/initcheck/chroots),
# outside the tree: a fresh clone re-uses them when present and makes them
# when not (about two minutes each, plus the packages).  Needs root.
# The mounts are made in a private mount namespace (unshare -m): they go
# away with the command, whatever way it ends.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
say() { printf 'chroot: %s\n' "$*" >&2; }
[ $# -ge 1 ] || { say "usage: $0 GCC-MAJOR [MAKE-ARGS...]"; exit 2; }
n=$1; shift
case $n in
13|14) suite=trixie ;;
15) suite=sid ;;
*) say "no chroot for GCC $n (13, 14 and 15 have one; 11 and 12 are bookworm's own)"; exit 2 ;;
esac
[ "$(id -u)" = 0 ] || { say "needs root (debootstrap, mount, chroot); run: sudo $0 $n $*"; exit 1; }
for t in debootstrap unshare chroot flock; do
	command -v $t >/dev/null || { say "$t missing: run make deps"; exit 1; }
done
cache=${INITCHECK_CHROOTS:-/var/cache/initcheck/chroots}
root=$cache/$suite
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
mkdir -p "$cache"

# One maker (and package installer) at a time per suite; the others wait
# and re-use its chroot.
exec 9>"$cache/$suite.lock"
flock 9
if [ ! -e "$root/.initcheck-ready" ]; then
	say "making the $suite chroot in $root (debootstrap, about two minutes)"
	rm -rf "$root.tmp"
	if ! nice debootstrap --variant=minbase --include=make,ca-certificates \
		"$suite" "$root.tmp" "$mirror" >"$cache/$suite.debootstrap.log" 2>&1; then
		tail -n 20 "$cache/$suite.debootstrap.log" >&2
		say "debootstrap $suite failed (log: $cache/$suite.debootstrap.log)"
		exit 1
	fi
	# Nothing may start a service in the chroot (icecc, distcc daemons).
	printf '#!/bin/sh\nexit 101\n' >"$root.tmp/usr/sbin/policy-rc.d"
	chmod +x "$root.tmp/usr/sbin/policy-rc.d"
	if [ "$suite" = sid ]; then
		echo 'Acquire::Check-Valid-Until "false";' >"$root.tmp/etc/apt/apt.conf.d/99initcheck"
	fi
	rm -rf "$root"
	mv "$root.tmp" "$root"
	touch "$root/.initcheck-ready"
fi
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
# What the Makefile names, not what those packages recommend (a mail server).
echo 'APT::Install-Recommends "false";' >"$root/etc/apt/apt.conf.d/98initcheck"

# Run "$@" in the chroot, the tree and /proc, /dev, /sys mounted, a fresh
# /tmp; the make flags of the make that called this go along (command-line
# variables), and INITCHECK_IN_CHROOT tells the Makefile where it is.
inside() {
	unshare -m sh -c '
		set -e
		root=$1 top=$2 suite=$3; shift 3
		mount --make-rprivate /
		# The chroot is a mount point of its own: unshare -m inside
		# (the icecream test) changes the propagation of its /.
		mount --bind "$root" "$root"
		mount -t proc proc "$root/proc"
		mount --rbind /dev "$root/dev"
		mount --rbind /sys "$root/sys"
		mount -t tmpfs tmpfs "$root/tmp"
		mkdir -p "$root$top"
		mount --bind "$top" "$root$top"
		exec chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 \
			PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
			TERM="${TERM:-dumb}" MAKEFLAGS="${MAKEFLAGS:-}" \
			INITCHECK_IN_CHROOT="$suite" \
			/bin/sh -c "cd \"$top\" && exec \"\$@\"" sh "$@"
	' sh "$root" "$top" "$suite" "$@"
}

# The packages: whatever the Makefile's deps target lists for gcc-N
# (nothing to do when all are there; the list is the same as on the host).
inside nice make --no-print-directory deps CC=gcc-$n >&2 || {
	say "make deps CC=gcc-$n failed in the $suite chroot"; exit 1; }
# Made and equipped: other runs in this chroot may start now.
exec 9>&-
[ $# -eq 0 ] && exit 0
if [ "$1" = -- ]; then
	shift
	inside "$@"
	exit
fi
say "gcc-$n ($(inside gcc-$n -dumpfullversion)) in $root: make CC=gcc-$n $*"
inside make --no-print-directory CC=gcc-$n "$@"
