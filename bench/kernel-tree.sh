# kernel-tree.sh - sourced by the scripts that build Linux 6.1 (Debian's
# linux-source-6.1): the packages a kernel build needs, installed when
# missing (as root; otherwise the apt-get line to run), and the source
# extracted into a work directory once.
#
#   . "$here/kernel-tree.sh"; kernel_tree WORKDIR "MORE PACKAGES" || exit 1
# Uses the caller's say().
kernel_tree() {
	need="linux-source-6.1 flex bison bc libssl-dev libelf-dev $2"
	missing=$(for p in $need; do dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'ok installed' || echo "$p"; done)
	if [ -n "$missing" ]; then
		if [ "$(id -u)" != 0 ]; then
			say "missing packages; run: sudo apt-get install $missing"
			return 1
		fi
		say "installing $missing"
		apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing >/dev/null || return 1
	fi
	mkdir -p "$1"
	if [ ! -f "$1/linux-source-6.1/Makefile" ]; then
		say "extracting /usr/src/linux-source-6.1.tar.xz"
		tar -C "$1" -xJf /usr/src/linux-source-6.1.tar.xz || return 1
	fi
}
