/* What Kbuild generates for Linux 6.1 (include/generated/uapi/linux/version.h), for the tests of the kernel profile by version. */
#define LINUX_VERSION_CODE 393664
#define KERNEL_VERSION(a,b,c) (((a) << 16) + ((b) << 8) + ((c) > 255 ? 255 : (c)))
#define LINUX_VERSION_MAJOR 6
#define LINUX_VERSION_PATCHLEVEL 1
#define LINUX_VERSION_SUBLEVEL 192
