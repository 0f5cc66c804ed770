#!/bin/sh
# verify.sh O_DIR - the patches of this directory against the findings
# they answer, on a Linux 6.12 x86_64 defconfig tree built with the
# plugin (O_DIR, from linux-source-6.12): the units that call the patched
# helpers, and those that define their targets, are checked under
# -fsyntax-only with the plugin, once as they are and once with the
# patched headers first on the include path (and kvm.c patched), and
# initcheck-report reads their side files with rmpiggy.o (assembler).
# Prints each run's findings: before, the 9 the patches answer and the
# 2 of x86_init.c (data, no patch); after, those 2 only.
#
# Environment: PLUGIN, REPORT (default: this tree's).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
PLUGIN=${PLUGIN:-$top/plugin/initcheck.so}
REPORT=${REPORT:-$top/tools/initcheck-report}
[ $# -eq 1 ] || { echo "usage: $0 O_DIR" >&2; exit 2; }
obj=$(cd "$1" && pwd)
src=$(sed -n 's/^MAKEFLAGS += --include-dir=//p; s/^include \(.*\)\/Makefile$/\1/p' "$obj/Makefile" | head -1)
[ -f "$src/include/linux/memblock.h" ] || { echo "$0: no kernel source for $obj" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# the patched headers and kvm.c, out of the tree
mkdir -p "$work/ovl/arch/x86/include/asm" "$work/ovl/include/linux" "$work/ovl/arch/x86/kernel"
for f in arch/x86/include/asm/realmode.h arch/x86/include/asm/acpi.h \
	 include/linux/memblock.h arch/x86/kernel/kvm.c; do
	cp "$src/$f" "$work/ovl/$f"
done
for p in "$here"/000[1-4]-*.patch; do
	(cd "$work/ovl" && patch -s -p1 < "$p")
done

units="mm/mm_init.c mm/sparse.c mm/percpu.c arch/x86/platform/efi/quirks.c
arch/x86/realmode/init.c kernel/dma/swiotlb.c drivers/acpi/osl.c
mm/memblock.c arch/x86/kernel/x86_init.c arch/x86/kernel/kvm.c"
for mode in as-is patched; do
	out=$work/$mode
	mkdir -p "$out"
	echo "== $mode"
	for f in $units; do
		o=${f%.c}.o
		cmd=$(sed -n "s|^savedcmd_$o := ||p" "$obj/$(dirname "$o")/.$(basename "$o").cmd")
		[ -n "$cmd" ] || { echo "$0: $o: not built" >&2; exit 2; }
		cmd=$(printf '%s\n' "$cmd" | sed -e 's| -Wp,-MMD,[^ ]*||' \
			-e 's| -fplugin[^ ]*||g' -e 's| -o [^ ]*| -fsyntax-only|' -e 's|; .*||')
		ovl=
		if [ $mode = patched ]; then
			ovl="-I$work/ovl/arch/x86/include -I$work/ovl/include"
			[ $f = arch/x86/kernel/kvm.c ] && cmd=$(printf '%s\n' "$cmd" | sed "s|$src/$f|$work/ovl/$f|")
		fi
		cmd=$(printf '%s\n' "$cmd" | sed "s|^\([^ ]*gcc[^ ]*\) |\1 $ovl -fplugin=$PLUGIN -fplugin-arg-initcheck-profile=kernel -fplugin-arg-initcheck-warn -fplugin-arg-initcheck-manifest=$out/ |")
		(cd "$obj" && eval "$cmd") 2>&1 | grep 'initcheck:' || true
	done
	"$REPORT" "$out/" "$obj/arch/x86/realmode/rmpiggy.o" 2>&1 | grep 'warning:' || true
done
