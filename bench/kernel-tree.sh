# kernel-tree.sh - sourced by the scripts that build Linux (Debian's
# linux-source-$KERNEL: 6.1 by default, or 6.12): the packages a kernel
# build needs, installed when missing (as root; otherwise the apt-get line
# to run), and the source extracted into a work directory once.
#
#   KERNEL=6.12; . "$here/kernel-tree.sh"; kernel_tree WORKDIR "MORE PACKAGES" || exit 1
# Sets $KERNEL (default 6.1); the tree is WORKDIR/linux-source-$KERNEL.
# Uses the caller's say().
KERNEL=${KERNEL:-6.1}
case "$KERNEL" in
6.1|6.12) ;;
*) printf 'KERNEL=%s: not a kernel these scripts build (6.1, 6.12)\n' "$KERNEL" >&2; exit 2 ;;
esac
kernel_tree() {
	need="linux-source-$KERNEL flex bison bc libssl-dev libelf-dev $2"
	missing=$(for p in $need; do dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'ok installed' || echo "$p"; done)
	if [ -n "$missing" ]; then
		if [ "$(id -u)" != 0 ]; then
			say "missing packages; run: sudo apt-get install $missing"
			return 1
		fi
		say "installing $missing"
		apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y -q $missing >/dev/null || return 1
	fi
	mkdir -p "$1"
	if [ ! -f "$1/linux-source-$KERNEL/Makefile" ]; then
		say "extracting /usr/src/linux-source-$KERNEL.tar.xz"
		tar -C "$1" -xJf "/usr/src/linux-source-$KERNEL.tar.xz" || return 1
	fi
}
