/*
 * boot-init.c - the /init of bench/boot.sh's initramfs: says it ran and
 * exits.  An init that exits makes the kernel panic; with panic=-1 and
 * QEMU's -no-reboot, QEMU then quits.  Built with gcc -static.
 */
#include <unistd.h>

int main(void)
{
	static const char msg[] = "initcheck-boot: /init ran\n";

	write(1, msg, sizeof(msg) - 1);
	return 0;
}
