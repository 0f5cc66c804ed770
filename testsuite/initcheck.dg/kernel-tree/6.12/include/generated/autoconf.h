/* A generated/autoconf.h of Linux 6.12, as far as the tests need one: the kernel profile finds version.h beside it. */
#define CONFIG_CC_IS_GCC 1
