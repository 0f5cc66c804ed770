#!/bin/sh
# boot.sh - the kernel's own figure for the init memory it frees, against
# initcheck-report's prediction.  Builds Linux 6.1 or 6.12 (Debian's
# linux-source-$KERNEL) x86_64 tinyconfig plus a serial console and an
# initramfs, with the plugin; boots it in QEMU (TCG, no network) with an
# /init that prints a line and exits; and checks that the line
#   Freeing unused kernel image (initmem) memory: NNNK
# shows the figure `initcheck-report --predict-free vmlinux ...` predicts,
# and that the report names every byte of [__init_begin, __init_end).
#
#   KERNEL=6.12 bench/boot.sh [WORKDIR]
#	(default: build/kernel-x86_64 for 6.1, build/kernel-x86_64-6.12)
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
KERNEL=${KERNEL:-6.1}
if [ "$KERNEL" = 6.1 ]; then
	work=${1:-$top/build/kernel-x86_64}
else
	work=${1:-$top/build/kernel-x86_64-$KERNEL}
fi
CC=${CC:-gcc}
PLUGIN=${PLUGIN:-$top/plugin/initcheck.so}
REPORT=${REPORT:-$top/tools/initcheck-report}
fail=0
say() { printf 'boot-check: %s\n' "$*"; }
bad() { say "FAIL: $*"; fail=1; }
begin=$(date +%s)

. "$here/kernel-tree.sh"
kernel_tree "$work" "qemu-system-x86 libc6-dev" || exit 1
tree=$work/linux-source-$KERNEL
cd "$tree" || exit 1

# tinyconfig, then only what a serial console and an initramfs need.
# The initramfs is not compressed: no decompressor is built in.  TTY
# brings in the VT console and the input layer by default; the serial
# console needs neither.
mk() { LANG=C LC_ALL=C nice make ARCH=x86_64 "$@"; }
# Kbuild sees a change of KCFLAGS but not of the plugin behind it: from
# clean when the plugin or the compiler changed, as kbuild does for its
# own plugins; otherwise make rebuilds only what changed.
stamp="$(sha256sum < "$PLUGIN") $($CC -dumpfullversion)"
if [ "$(cat "$work/plugin.stamp" 2>/dev/null)" != "$stamp" ]; then
	mk -s clean >/dev/null 2>&1
	rm -f "$work/plugin.stamp"
fi
mk -s tinyconfig >/dev/null 2>&1 || { bad "make tinyconfig"; exit 1; }
want="64BIT PRINTK TTY SERIAL_8250 SERIAL_8250_CONSOLE BLK_DEV_INITRD BINFMT_ELF"
for o in $want; do ./scripts/config --enable "$o"; done
for o in RD_GZIP RD_BZIP2 RD_LZMA RD_XZ RD_LZO RD_LZ4 RD_ZSTD VT INPUT SERIO HID; do ./scripts/config --disable "$o"; done
mk -s olddefconfig >/dev/null 2>&1 || { bad "make olddefconfig"; exit 1; }
for o in $want; do
	grep -q "^CONFIG_$o=y" .config || bad "CONFIG_$o is not set after olddefconfig"
done
[ $fail -eq 0 ] || exit 1

flags="-fplugin=$PLUGIN -fplugin-arg-initcheck-profile=kernel -fplugin-arg-initcheck-warn"
say "building Linux $KERNEL bzImage with $flags"
start=$(date +%s)
mk -j2 KCFLAGS="$flags" bzImage > "$work/build.log" 2>&1
rc=$?
say "build exit $rc in $(( $(date +%s) - start )) s"
[ "$rc" -eq 0 ] || { bad "the build failed (see $work/build.log)"; exit 1; }
echo "$stamp" > "$work/plugin.stamp"
grep -q "internal compiler error" "$work/build.log" && bad "internal compiler error"

# The initramfs: /dev/console (the kernel opens it for init's output) and
# a static /init, packed by the kernel's own gen_init_cpio.
$CC -static -Os -o "$work/init" "$here/boot-init.c" || { bad "cannot build /init"; exit 1; }
$CC -o "$work/gen_init_cpio" usr/gen_init_cpio.c || { bad "cannot build gen_init_cpio"; exit 1; }
cat > "$work/initramfs.list" <<LIST
dir /dev 0755 0 0
nod /dev/console 0600 0 0 c 5 1
file /init $work/init 0755 0 0
LIST
"$work/gen_init_cpio" "$work/initramfs.list" > "$work/initramfs.cpio" || { bad "gen_init_cpio"; exit 1; }

# TCG, not KVM (a KVM boot hung here); no network device; a hard limit.
say "booting in QEMU (TCG)"
start=$(date +%s)
timeout 120 qemu-system-x86_64 -accel tcg -m 128M -nographic -no-reboot -nic none \
	-kernel arch/x86/boot/bzImage -initrd "$work/initramfs.cpio" \
	-append "console=ttyS0 panic=-1" < /dev/null > "$work/boot.log" 2>&1
rc=$?
tr -d '\r' < "$work/boot.log" > "$work/boot.txt"
say "QEMU exit $rc in $(( $(date +%s) - start )) s"
[ "$rc" -eq 124 ] && bad "QEMU did not finish in 120 s (see $work/boot.log)"
grep -q '^initcheck-boot: /init ran' "$work/boot.txt" || bad "/init did not run (see $work/boot.log)"
printed=$(sed -n 's/.*Freeing unused kernel image (initmem) memory: \([0-9]*\)K$/\1/p' "$work/boot.txt")
[ -n "$printed" ] || { bad "no 'Freeing unused kernel image (initmem)' line (see $work/boot.log)"; exit 1; }
say "the kernel printed: Freeing unused kernel image (initmem) memory: ${printed}K"

# The prediction, from the linked vmlinux and the link's inputs as
# scripts/link-vmlinux.sh gives them: vmlinux.a, the objects it adds, and
# the members of the lib.a archives that the link pulled in (those whose
# every global definition is in vmlinux; assembler files included).  With
# CONFIG_MODULES the lib.a members are in vmlinux.a already: not again.
nm vmlinux | awk '{ print $NF }' | LC_ALL=C sort -u > "$work/vmlinux.syms"
ar t vmlinux.a > "$work/vmlinux.a.members"
inputs="vmlinux.a"
for o in .vmlinux.export.o init/version-timestamp.o; do
	[ -f "$o" ] && inputs="$inputs $o"
done
for lib in lib/lib.a arch/x86/lib/lib.a; do
	[ -f "$lib" ] || continue
	for m in $(ar t "$lib"); do
		grep -qx "$m" "$work/vmlinux.a.members" && continue
		nm -g --defined-only "$m" | awk '{ print $NF }' | LC_ALL=C sort -u > "$work/member.syms"
		[ -s "$work/member.syms" ] && ! LC_ALL=C comm -23 "$work/member.syms" "$work/vmlinux.syms" | grep -q . \
			&& inputs="$inputs $m"
	done
done
"$REPORT" --predict-free vmlinux $inputs > "$work/predict.txt"
rc=$?
cat "$work/predict.txt"
[ "$rc" -eq 0 ] || bad "initcheck-report --predict-free exit $rc (bytes it cannot name)"
predicted=$(sed -n 's/^predicted: Freeing unused kernel image (initmem) memory: \([0-9]*\)K$/\1/p' "$work/predict.txt")
say "predicted ${predicted:-?}K, printed ${printed}K"
[ "${predicted:-x}" = "$printed" ] || bad "the prediction differs from the booted kernel's figure"
say "$(( $(date +%s) - begin )) s in all"
[ $fail -eq 0 ] && say "passed" || say "FAILED"
exit $fail
