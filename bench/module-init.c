/*
 * module-init.c - the /init of bench/module-check.sh's initramfs: loads
 * /initcheck_demo.ko with finit_module(2) in a child and, while the
 * module's init function runs (it sleeps), reads the kernel's own count
 * of the module's init memory, /sys/module/initcheck_demo/initsize
 * (show_initsize() in kernel/module/main.c); then reads it again once
 * init has returned and the kernel has freed it.  Built with gcc -static.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static long read_number(const char *path)
{
	char buf[32];
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	return strtol(buf, NULL, 10);
}

int main(void)
{
	const char *initsize = "/sys/module/initcheck_demo/initsize";
	const char *coresize = "/sys/module/initcheck_demo/coresize";
	long during = -1, core = -1, after, v;
	int status = 0, i;
	pid_t pid;

	mkdir("/sys", 0755);
	if (mount("sysfs", "/sys", "sysfs", 0, NULL))
		perror("initcheck-module: mount /sys");
	pid = fork();
	if (pid == 0) {
		int fd = open("/initcheck_demo.ko", O_RDONLY);

		if (fd < 0 || syscall(SYS_finit_module, fd, "", 0)) {
			perror("initcheck-module: finit_module");
			_exit(1);
		}
		_exit(0);
	}
	for (i = 0; i < 1000; i++) {
		v = read_number(initsize);
		if (v > during)
			during = v;
		if (v > 0)
			core = read_number(coresize);
		if (waitpid(pid, &status, WNOHANG) == pid)
			break;
		usleep(10000);
	}
	if (i == 1000)
		waitpid(pid, &status, 0);
	after = read_number(initsize);
	printf("initcheck-module: loaded: %s\n",
	       WIFEXITED(status) && WEXITSTATUS(status) == 0 ? "yes" : "no");
	printf("initcheck-module: initsize while init ran: %ld\n", during);
	printf("initcheck-module: initsize after init returned: %ld\n", after);
	printf("initcheck-module: coresize: %ld\n", core);
	fflush(stdout);
	return 0;
}
