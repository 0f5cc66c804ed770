# initcheck - top-level Makefile.
#
#   make                 build plugin/initcheck.so for $(CC)
#   make CC=gcc-11       ... for GCC 11 (the plugin is built per GCC version)
#   make deps            install the Debian packages this needs (as root)
#   make check           run the DejaGnu testsuite
#   make demo            build everything and show what initcheck does
#   make bench           compile-time cost with and without the plugin
#   make kernel-check    Linux 6.1 tinyconfig built with the plugin, checked
#   make kernel-bench    the plugin's cost on the tinyconfig build (medians)
#   make mutants         section mismatches injected into that kernel one at a
#                        time: found by the plugin, by modpost (not in check;
#                        builds the kernel-check tree first if it is missing)
#   make kernel-identity Linux 6.1 tinyconfig built without and with the
#                        plugin: the same allocated sections
#   make CC=aarch64-linux-gnu-gcc-12 check
#                        the plugin for a cross compiler (built by the
#                        host's g++-12), tested on aarch64 objects
#   make fuzz            csmith programs against a relocation oracle
#                        (FUZZ_SEEDS="FIRST LAST", default 1 1000)
#   make boot-check      Linux 6.1 x86_64 tinyconfig booted in QEMU: its
#                        "Freeing unused kernel image" figure as predicted
#   make C=2 CHECK=tools/initcheck-cc (in a kernel tree), initcheck-cc -p DIR
#                        the checker: Kbuild's CHECK, compile databases
#                        (docs/kernel.md, docs/builds.md)
#   make install         plugin into $(CC)'s plugin directory, header into
#                        $(PREFIX)/include; honours DESTDIR
#   make uninstall, clean

CC        ?= gcc
ifeq ($(origin CC),default)
CC        := gcc
endif
# The plugin is C++ to GCC and must be built by the C++ compiler of the same
# GCC: gcc-11 -> g++-11, gcc -> g++.  A cross compiler's cc1 is a program
# of this machine, so its plugin is built by this machine's g++ of the same
# version, against the cross compiler's plugin headers:
# aarch64-linux-gnu-gcc-12 -> g++-12.
PLUGIN_CXX ?= $(shell echo '$(notdir $(CC))' | sed -n 's/^\(.*-\)\{0,1\}gcc\(-[0-9][0-9]*\)\{0,1\}$$/g++\2/p')
PLUGIN_CXX := $(or $(PLUGIN_CXX),g++)

GCC_PLUGIN_DIR := $(shell $(CC) -print-file-name=plugin)
# From the compiler, or from its name before it is installed (make deps).
GCC_MAJOR      := $(shell { $(CC) -dumpversion 2>/dev/null \
	|| echo '$(notdir $(CC))' | sed -n 's/.*gcc-\([0-9][0-9]*\)$$/\1/p'; } | cut -d. -f1)
# The target triplet when $(CC) is a cross compiler (aarch64-linux-gnu-gcc-12),
# else empty.
CROSS := $(shell t=$$($(CC) -dumpmachine 2>/dev/null \
	|| echo '$(notdir $(CC))' | sed -n 's/^\(.*\)-gcc\(-[0-9][0-9]*\)\{0,1\}$$/\1/p'); \
	h=$$(gcc -dumpmachine 2>/dev/null || echo $$(uname -m)-linux-gnu); \
	[ -n "$$t" ] && [ "$$t" != "$$h" ] && echo $$t)
PREFIX   ?= /usr/local
DESTDIR  ?=

PLUGIN_CXXFLAGS = -I$(GCC_PLUGIN_DIR)/include -fPIC -fno-rtti -fno-exceptions \
	-O2 -g -Wall -Wextra -Wno-missing-field-initializers $(EXTRA_CXXFLAGS)
PLUGIN_SRCS := $(wildcard plugin/*.c)
PLUGIN_HDRS := $(wildcard plugin/*.h)
PLUGIN_OBJS := $(patsubst plugin/%.c,build/plugin/%.o,$(PLUGIN_SRCS))
PLUGIN      := plugin/initcheck.so

# The C tools: C11, libelf for objects, jansson for JSON.
TOOL_CFLAGS = -std=c11 -O2 -g -Wall -Wextra $(shell pkg-config --cflags libelf jansson 2>/dev/null) $(EXTRA_CFLAGS)
TOOL_LIBS   = -lelf -ljansson
REPORT_SRCS := $(wildcard tools/*.c)
REPORT_HDRS := $(wildcard tools/*.h)
REPORT      := tools/initcheck-report
CHECKER     := tools/initcheck-cc
VERSION     := 0.1
PKGCONFIG_DIR ?= $(PREFIX)/lib/pkgconfig

# Debian packages: what building and testing needs.
DEB_PACKAGES = gcc-$(GCC_MAJOR) g++-$(GCC_MAJOR) gcc-$(GCC_MAJOR)-plugin-dev \
	libgmp-dev dejagnu make python3 patch libelf-dev libjansson-dev pkg-config \
	binutils ccache cmake meson ninja-build distcc icecc iproute2 util-linux \
	csmith libcsmith-dev
# A cross compiler: itself, its plugin headers, its binutils and C library,
# and qemu-user to run what it links (the tests that run programs).
ifneq ($(CROSS),)
CROSS_ARCH := $(shell dpkg-architecture -qDEB_HOST_ARCH -t$(CROSS) 2>/dev/null \
	|| echo $(CROSS) | sed 's/^aarch64-.*/arm64/;s/-.*//')
DEB_PACKAGES += gcc-$(GCC_MAJOR)-$(CROSS) gcc-$(GCC_MAJOR)-plugin-dev-$(CROSS) \
	binutils-$(CROSS) libc6-dev-$(CROSS_ARCH)-cross qemu-user
endif

.PHONY: all deps check demo bench kernel-check kernel-bench mutants kernel-identity fuzz boot-check install uninstall clean have-deps FORCE

all: $(PLUGIN) $(REPORT) $(CHECKER)

# Built with the host's cc: the tools read objects, they do not load into GCC.
$(REPORT): $(REPORT_SRCS) $(REPORT_HDRS) | have-deps
	cc $(TOOL_CFLAGS) -o $@ $(REPORT_SRCS) $(TOOL_LIBS)

# libstdc++ is linked in statically: the plugin needs only operator new and
# delete from it, and loading libstdc++.so into cc1 costs about 1 MB of
# resident memory per compile.
$(PLUGIN): $(PLUGIN_OBJS)
	$(PLUGIN_CXX) -shared -static-libstdc++ -static-libgcc -o $@ $^

# The checker (Kbuild's CHECK, compile databases): C11, jansson, no shell.
$(CHECKER): tools/cc/initcheck-cc.c | have-deps
	cc $(TOOL_CFLAGS) -DINITCHECK_VERSION='"$(VERSION)"' -o $@ $< -ljansson

# Rebuild when the compiler changes (as kbuild does for its plugins since
# 2021): a plugin built for one GCC must not be loaded by another.
build/cc-stamp: FORCE | have-deps
	@mkdir -p build
	@v="$(CC) $$($(CC) -dumpfullversion) $(PLUGIN_CXX)"; \
	[ "$$(cat $@ 2>/dev/null)" = "$$v" ] || echo "$$v" > $@

build/plugin/%.o: plugin/%.c $(PLUGIN_HDRS) build/cc-stamp
	@mkdir -p $(dir $@)
	$(PLUGIN_CXX) $(PLUGIN_CXXFLAGS) -x c++ -c -o $@ $<

# Installs what is missing when run as root; otherwise says what to run.
# No service may start on install (icecream's daemon would broadcast on the
# real network): a policy-rc.d that says no is in place while apt runs.
deps:
	@missing=$$(for p in $(DEB_PACKAGES); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -z "$$missing" ]; then echo "deps: all installed"; \
	elif [ "$$(id -u)" = 0 ]; then \
		echo "deps: installing $$missing"; \
		guard=; if [ ! -e /usr/sbin/policy-rc.d ]; then guard=1; \
			printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; fi; \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing; rc=$$?; \
		[ -n "$$guard" ] && rm -f /usr/sbin/policy-rc.d; exit $$rc; \
	else echo "deps: missing packages; run: sudo apt-get install $$missing"; exit 1; fi

# Cheap check before building: the plugin headers of $(CC), else deps.
have-deps:
	@test -f $(GCC_PLUGIN_DIR)/include/gcc-plugin.h && command -v runtest >/dev/null \
		&& command -v $(PLUGIN_CXX) >/dev/null && pkg-config --exists libelf jansson 2>/dev/null \
		|| $(MAKE) --no-print-directory deps CC=$(CC)

# The testsuite's ELF comparison (testsuite/initcheck.codegen/): a host tool.
ALLOCCMP := build/alloccmp
$(ALLOCCMP): testsuite/initcheck.codegen/alloccmp.c | have-deps
	@mkdir -p $(dir $@)
	cc $(TOOL_CFLAGS) -o $@ $< -lelf

check: $(PLUGIN) $(REPORT) $(ALLOCCMP) $(CHECKER)
	@CC='$(CC)' PLUGIN='$(abspath $(PLUGIN))' REPORT='$(abspath $(REPORT))' CHECKER='$(abspath $(CHECKER))' \
		ALLOCCMP='$(abspath $(ALLOCCMP))' sh testsuite/run.sh

# The plugin's compile-time cost (bench/bench.sh; figures in docs/performance.md).
bench: $(PLUGIN)
	@CC='$(CC)' PLUGIN='$(abspath $(PLUGIN))' sh bench/bench.sh $(BENCH_ARGS)

# The plugin's cost on the tinyconfig build: CPU and RSS medians of
# alternating builds, and one heavy unit's instructions under callgrind.
kernel-bench: $(PLUGIN)
	@CC='$(CC)' PLUGIN='$(abspath $(PLUGIN))' sh bench/kernel-bench.sh $(BENCH_ARGS)

# Linux 6.1 tinyconfig with the plugin (bench/kernel-check.sh; run by CI).
kernel-check: $(PLUGIN) $(REPORT)
	@CC='$(CC)' PLUGIN='$(abspath $(PLUGIN))' REPORT='$(abspath $(REPORT))' sh bench/kernel-check.sh

# Mutants on the kernel-check tree: plugin vs modpost (bench/mutants.sh,
# docs/kernel.md).  Reuses the built tree; a fresh machine builds it first.
mutants: $(PLUGIN) $(REPORT)
	@[ -f build/kernel/linux-source-6.1/vmlinux.o ] || $(MAKE) --no-print-directory kernel-check
	@PLUGIN='$(abspath $(PLUGIN))' sh bench/mutants.sh

# The same kernel without and with the plugin: identical allocated sections
# (bench/kernel-identity.sh; figures in docs/reliability.md).
kernel-identity: $(PLUGIN) $(ALLOCCMP)
	@CC='$(CC)' PLUGIN='$(abspath $(PLUGIN))' ALLOCCMP='$(abspath $(ALLOCCMP))' sh bench/kernel-identity.sh

# Random programs against a relocation oracle (bench/fuzz.sh, run by
# make check for seeds 1..50; docs/reliability.md).
fuzz: $(PLUGIN)
	@CC='$(CC)' PLUGIN='$(abspath $(PLUGIN))' nice sh bench/fuzz.sh $(or $(FUZZ_SEEDS),1 1000)

# The booted kernel's freed init memory against initcheck-report
# --predict-free (bench/boot.sh; figures in docs/kernel.md).
boot-check: $(PLUGIN) $(REPORT)
	@CC='$(CC)' PLUGIN='$(abspath $(PLUGIN))' REPORT='$(abspath $(REPORT))' sh bench/boot.sh

demo: $(PLUGIN) $(REPORT)
	@CC='$(CC)' PLUGIN='$(abspath $(PLUGIN))' REPORT='$(abspath $(REPORT))' sh docs/examples/demo.sh

install: $(PLUGIN) $(REPORT) $(CHECKER)
	install -d $(DESTDIR)$(GCC_PLUGIN_DIR) $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/bin
	install -m 0644 $(PLUGIN) $(DESTDIR)$(GCC_PLUGIN_DIR)/initcheck.so
	install -m 0644 include/initcheck.h $(DESTDIR)$(PREFIX)/include/initcheck.h
	install -m 0755 $(REPORT) $(DESTDIR)$(PREFIX)/bin/initcheck-report
	install -m 0755 $(CHECKER) $(DESTDIR)$(PREFIX)/bin/initcheck-cc
	install -d $(DESTDIR)$(PKGCONFIG_DIR)
	sed -e 's|@PLUGIN@|$(GCC_PLUGIN_DIR)/initcheck.so|' -e 's|@INCLUDEDIR@|$(PREFIX)/include|' \
		-e 's|@BINDIR@|$(PREFIX)/bin|' -e 's|@VERSION@|$(VERSION)|' \
		tools/initcheck.pc.in > $(DESTDIR)$(PKGCONFIG_DIR)/initcheck.pc

uninstall:
	rm -f $(DESTDIR)$(GCC_PLUGIN_DIR)/initcheck.so $(DESTDIR)$(PREFIX)/include/initcheck.h \
		$(DESTDIR)$(PREFIX)/bin/initcheck-report $(DESTDIR)$(PKGCONFIG_DIR)/initcheck.pc \
		$(DESTDIR)$(PREFIX)/bin/initcheck-cc

clean:
	rm -rf build $(PLUGIN) $(REPORT) $(CHECKER)
