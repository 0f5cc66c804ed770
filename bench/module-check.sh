#!/bin/sh
# module-check.sh - a loadable module's freed init memory, predicted and
# measured.  Builds Linux $KERNEL (6.12 by default; Debian's
# linux-source-$KERNEL) x86_64 tinyconfig with a serial console, an
# initramfs, modules (with unload), sysfs, kallsyms and modpost in warn-only
# mode (the module has a mismatch for it to report); builds the
# out-of-tree module bench/module/ against it with `make -C KDIR M=DIR`
# and the plugin (after `make modules`, for Module.symvers); checks that
# the plugin's finding is at the module's own line; predicts with
# `initcheck-report --predict-module` the init bytes the kernel frees
# after the module's init returns; boots the kernel in QEMU
# with an /init (bench/module-init.c) that loads the module and reads
# /sys/module/initcheck_demo/initsize while the module's init runs, and
# again after; and checks that the figures agree.
#
#   KERNEL=6.12 bench/module-check.sh [WORKDIR]   (default: build/module-$KERNEL)
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
KERNEL=${KERNEL:-6.12}
work=${1:-$top/build/module-$KERNEL}
CC=${CC:-gcc}
PLUGIN=${PLUGIN:-$top/plugin/initcheck.so}
REPORT=${REPORT:-$top/tools/initcheck-report}
fail=0
say() { printf 'module-check: %s\n' "$*"; }
bad() { say "FAIL: $*"; fail=1; }
begin=$(date +%s)

. "$here/kernel-tree.sh"
kernel_tree "$work" "qemu-system-x86 libc6-dev" || exit 1
tree=$work/linux-source-$KERNEL
cd "$tree" || exit 1
mk() { LANG=C LC_ALL=C nice make ARCH=x86_64 "$@"; }
stamp="$(sha256sum < "$PLUGIN") $($CC -dumpfullversion)"
if [ "$(cat "$work/plugin.stamp" 2>/dev/null)" != "$stamp" ]; then
	mk -s clean >/dev/null 2>&1
	rm -f "$work/plugin.stamp"
fi
mk -s tinyconfig >/dev/null 2>&1 || { bad "make tinyconfig"; exit 1; }
want="64BIT PRINTK TTY SERIAL_8250 SERIAL_8250_CONSOLE BLK_DEV_INITRD BINFMT_ELF MODULES MODULE_UNLOAD SYSFS KALLSYMS SECTION_MISMATCH_WARN_ONLY"
for o in $want; do ./scripts/config --enable "$o"; done
for o in RD_GZIP RD_BZIP2 RD_LZMA RD_XZ RD_LZO RD_LZ4 RD_ZSTD VT INPUT SERIO HID MODULE_SIG MODVERSIONS; do ./scripts/config --disable "$o"; done
mk -s olddefconfig >/dev/null 2>&1 || { bad "make olddefconfig"; exit 1; }
for o in $want; do
	grep -q "^CONFIG_$o=y" .config || bad "CONFIG_$o is not set after olddefconfig"
done
[ $fail -eq 0 ] || exit 1

flags="-fplugin=$PLUGIN -fplugin-arg-initcheck-profile=kernel -fplugin-arg-initcheck-warn"
say "building Linux $KERNEL bzImage with $flags"
start=$(date +%s)
mk -j2 KCFLAGS="$flags" bzImage modules > "$work/build.log" 2>&1
rc=$?
say "build exit $rc in $(( $(date +%s) - start )) s"
[ "$rc" -eq 0 ] || { bad "the build failed (see $work/build.log)"; exit 1; }
echo "$stamp" > "$work/plugin.stamp"
grep -q "internal compiler error" "$work/build.log" && bad "internal compiler error"

# The module, out of tree, from a copy (M= writes into its directory).
rm -rf "$work/module" && cp -r "$here/module" "$work/module" || exit 1
mk -C "$tree" M="$work/module" KCFLAGS="$flags" modules > "$work/module.log" 2>&1
rc=$?
sed -n '/initcheck_demo/p' "$work/module.log"
[ "$rc" -eq 0 ] || { bad "the module build failed (see $work/module.log)"; exit 1; }
grep -q "internal compiler error" "$work/module.log" && bad "internal compiler error"
line=$(grep -n 'the mismatch: .text reads __initdata' "$here/module/initcheck_demo.c" | cut -d: -f1)
grep -q "initcheck_demo.c:$line:[0-9]*: warning: 'demo_peek' (section .text) references __initdata variable 'table' (section .init.data) \\[initcheck:init-from-text\\]" "$work/module.log" \
	|| bad "no initcheck warning at initcheck_demo.c:$line (see $work/module.log)"
grep -q "section mismatch in reference: demo_peek" "$work/module.log" || say "modpost: no warning for demo_peek"

"$REPORT" --kallsyms --predict-module "$work/module/initcheck_demo.ko" > "$work/predict.txt"
rc=$?
cat "$work/predict.txt"
[ "$rc" -eq 0 ] || { bad "initcheck-report --predict-module exit $rc"; exit 1; }
predicted=$(sed -n 's/^predicted: initsize \([0-9]*\);.*/\1/p' "$work/predict.txt")

$CC -static -Os -o "$work/init" "$here/module-init.c" || { bad "cannot build /init"; exit 1; }
$CC -o "$work/gen_init_cpio" usr/gen_init_cpio.c || { bad "cannot build gen_init_cpio"; exit 1; }
cat > "$work/initramfs.list" <<LIST
dir /dev 0755 0 0
nod /dev/console 0600 0 0 c 5 1
dir /sys 0755 0 0
file /init $work/init 0755 0 0
file /initcheck_demo.ko $work/module/initcheck_demo.ko 0644 0 0
LIST
"$work/gen_init_cpio" "$work/initramfs.list" > "$work/initramfs.cpio" || { bad "gen_init_cpio"; exit 1; }

say "booting in QEMU (TCG)"
start=$(date +%s)
timeout 180 qemu-system-x86_64 -accel tcg -m 128M -nographic -no-reboot -nic none \
	-kernel arch/x86/boot/bzImage -initrd "$work/initramfs.cpio" \
	-append "console=ttyS0 panic=-1" < /dev/null > "$work/boot.log" 2>&1
rc=$?
tr -d '\r' < "$work/boot.log" > "$work/boot.txt"
say "QEMU exit $rc in $(( $(date +%s) - start )) s"
[ "$rc" -eq 124 ] && bad "QEMU did not finish in 180 s (see $work/boot.log)"
grep '^initcheck-module:\|initcheck_demo' "$work/boot.txt"
grep -q '^initcheck-module: loaded: yes' "$work/boot.txt" || bad "the module did not load (see $work/boot.log)"
during=$(sed -n 's/^initcheck-module: initsize while init ran: \([0-9-]*\)$/\1/p' "$work/boot.txt")
after=$(sed -n 's/^initcheck-module: initsize after init returned: \([0-9-]*\)$/\1/p' "$work/boot.txt")
say "predicted ${predicted:-?} bytes freed; the kernel's initsize: ${during:-?} while init ran, ${after:-?} after"
[ "${predicted:-x}" = "${during:-y}" ] || bad "the prediction differs from the booted kernel's initsize"
[ "${after:-x}" = 0 ] || bad "initsize is not 0 after init returned"
say "$(( $(date +%s) - begin )) s in all"
[ $fail -eq 0 ] && say "passed" || say "FAILED"
exit $fail
