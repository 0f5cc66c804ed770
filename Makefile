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
#   make install         plugin into PLUGINDIR (default: $(CC)'s plugin
#                        directory), initcheck-report into bindir, header
#                        into includedir, man pages into mandir; honours
#                        PREFIX and DESTDIR (docs/install.md)
#   make uninstall       removes what install made, directories included
#   make lint            cppcheck and strict warnings over tools/ (clean)
#   make sarif-schema    the SARIF 2.1.0 schema (npm package), for check
#   make clean

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
# GNU names, each overridable: make install PREFIX=$$HOME/.local
# PLUGINDIR=$$HOME/.local/lib/initcheck
PLUGINDIR  ?= $(GCC_PLUGIN_DIR)
bindir     ?= $(PREFIX)/bin
includedir ?= $(PREFIX)/include
datadir    ?= $(PREFIX)/share
mandir     ?= $(datadir)/man

PLUGIN_CXXFLAGS = -I$(GCC_PLUGIN_DIR)/include -DIC_VERSION='"$(VERSION)"' -fPIC -fno-rtti -fno-exceptions \
	-O2 -g -Wall -Wextra -Wno-missing-field-initializers $(EXTRA_CXXFLAGS)
PLUGIN_SRCS := $(wildcard plugin/*.c)
PLUGIN_HDRS := $(wildcard plugin/*.h)
PLUGIN_OBJS := $(patsubst plugin/%.c,build/plugin/%.o,$(PLUGIN_SRCS))
PLUGIN      := plugin/initcheck.so

# The C tools: C11, libelf for objects, jansson for JSON.
HOSTCC     ?= cc
TOOL_CFLAGS = -std=c11 -O2 -g -Wall -Wextra -DIC_VERSION='"$(VERSION)"' $(shell pkg-config --cflags libelf jansson 2>/dev/null) $(EXTRA_CFLAGS)
TOOL_LIBS   = -lelf -ljansson -lz
REPORT_SRCS := $(wildcard tools/*.c)
REPORT_HDRS := $(wildcard tools/*.h)
REPORT      := tools/initcheck-report
VERSION     := 0.1
PKGCONFIG_DIR ?= $(PREFIX)/lib/pkgconfig

# Debian packages: what building and testing needs.
DEB_PACKAGES = gcc-$(GCC_MAJOR) g++-$(GCC_MAJOR) gcc-$(GCC_MAJOR)-plugin-dev \
	libgmp-dev dejagnu make python3 patch libelf-dev libjansson-dev pkg-config \
	zlib1g-dev binutils ccache cmake meson ninja-build distcc icecc iproute2 util-linux \
	csmith libcsmith-dev python3-jsonschema cppcheck man-db
# A cross compiler: itself, its plugin headers, its binutils and C library,
# and qemu-user to run what it links (the tests that run programs).
ifneq ($(CROSS),)
CROSS_ARCH := $(shell dpkg-architecture -qDEB_HOST_ARCH -t$(CROSS) 2>/dev/null \
	|| echo $(CROSS) | sed 's/^aarch64-.*/arm64/;s/-.*//')
DEB_PACKAGES += gcc-$(GCC_MAJOR)-$(CROSS) gcc-$(GCC_MAJOR)-plugin-dev-$(CROSS) \
	binutils-$(CROSS) libc6-dev-$(CROSS_ARCH)-cross qemu-user
endif

.PHONY: all deps check demo bench kernel-check kernel-bench mutants kernel-identity fuzz boot-check install uninstall clean have-deps lint sarif-schema report-bench FORCE

all: $(PLUGIN) $(REPORT)

# Built with the host's cc: the tools read objects, they do not load into GCC.
$(REPORT): $(REPORT_SRCS) $(REPORT_HDRS) build/version-stamp | have-deps
	$(HOSTCC) $(TOOL_CFLAGS) -o $@ $(REPORT_SRCS) $(TOOL_LIBS)

# libstdc++ is linked in statically: the plugin needs only operator new and
# delete from it, and loading libstdc++.so into cc1 costs about 1 MB of
# resident memory per compile.
$(PLUGIN): $(PLUGIN_OBJS)
	$(PLUGIN_CXX) -shared -static-libstdc++ -static-libgcc -o $@ $^ -lz

# Rebuild when the compiler changes (as kbuild does for its plugins since
# 2021): a plugin built for one GCC must not be loaded by another.
build/cc-stamp: FORCE | have-deps
	@mkdir -p build
	@v="$(CC) $$($(CC) -dumpfullversion) $(PLUGIN_CXX)"; \
	[ "$$(cat $@ 2>/dev/null)" = "$$v" ] || echo "$$v" > $@

# The version is compiled in (plugin and report): rebuild when it changes.
build/version-stamp: FORCE
	@mkdir -p build
	@[ "$$(cat $@ 2>/dev/null)" = "$(VERSION)" ] || echo "$(VERSION)" > $@

build/plugin/%.o: plugin/%.c $(PLUGIN_HDRS) build/cc-stamp build/version-stamp
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
	$(HOSTCC) $(TOOL_CFLAGS) -o $@ $< -lelf

check: $(PLUGIN) $(REPORT) $(ALLOCCMP) $(SARIF_SCHEMA)
	@CC='$(CC)' PLUGIN='$(abspath $(PLUGIN))' REPORT='$(abspath $(REPORT))' \
		ALLOCCMP='$(abspath $(ALLOCCMP))' INITCHECK_SARIF_SCHEMA='$(abspath $(SARIF_SCHEMA))' \
		sh testsuite/run.sh

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

# initcheck-report's time, memory and the manifests' share, on a generated
# build and, with KERNEL=DIR, a kernel's vmlinux.o against modpost
# (bench/report-bench.sh; docs/performance.md).
report-bench: $(PLUGIN) $(REPORT)
	@CC='$(CC)' PLUGIN='$(abspath $(PLUGIN))' REPORT='$(abspath $(REPORT))' KERNEL='$(KERNEL)' \
		sh bench/report-bench.sh

demo: $(PLUGIN) $(REPORT)
	@CC='$(CC)' PLUGIN='$(abspath $(PLUGIN))' REPORT='$(abspath $(REPORT))' sh docs/examples/demo.sh

INSTALL_ENV = DESTDIR='$(DESTDIR)' PLUGINDIR='$(PLUGINDIR)' bindir='$(bindir)' \
	includedir='$(includedir)' mandir='$(mandir)' datadir='$(datadir)' \
	pkgconfigdir='$(PKGCONFIG_DIR)' PLUGIN='$(PLUGIN)' REPORT='$(REPORT)' \
	VERSION='$(VERSION)'
install: $(PLUGIN) $(REPORT)
	@$(INSTALL_ENV) sh tools/install.sh install

uninstall:
	@$(INSTALL_ENV) sh tools/install.sh uninstall

# The official SARIF 2.1.0 JSON schema, as the npm package
# @microsoft/jest-sarif ships it (MIT; no Debian package has the schema):
# fetched with npm, checked against the registry's sha512, unpacked.
SARIF_SCHEMA   := build/sarif/sarif-schema-2.1.0.json
SARIF_NPM      := @microsoft/jest-sarif@1.0.0-beta.0
SARIF_NPM_TGZ  := microsoft-jest-sarif-1.0.0-beta.0.tgz
SARIF_NPM_SHA  := A1fOhPd6Ic5iDk4F9YPw1qNB4XF+7+IviR7xl8r2F6QzQkx5cpY9LsGk2rExiFIEcBbjpVnSmwWGBukASkiQ9A==
sarif-schema: $(SARIF_SCHEMA)
$(SARIF_SCHEMA):
	@mkdir -p $(dir $@)
	@command -v npm >/dev/null || apt-get -o DPkg::Lock::Timeout=900 install -y -q npm
	cd $(dir $@) && rm -f $(SARIF_NPM_TGZ) && npm pack --silent $(SARIF_NPM) >/dev/null
	@[ "$$(openssl dgst -sha512 -binary $(dir $@)$(SARIF_NPM_TGZ) | base64 -w0)" = "$(SARIF_NPM_SHA)" ] \
		|| { echo "sarif-schema: $(SARIF_NPM_TGZ) does not match its sha512"; exit 1; }
	tar -xzf $(dir $@)$(SARIF_NPM_TGZ) -O package/lib/schemas/sarif-2.1.0-rtm.5.json > $@.tmp
	tar -xzf $(dir $@)$(SARIF_NPM_TGZ) -O package/package.json > $(dir $@)package.json
	mv $@.tmp $@

# tools/ under cppcheck and the warnings the code should pass, as C11
# (the only extension used is POSIX's, by _GNU_SOURCE for nftw and the
# like).  readdir_r, which cppcheck would have, is deprecated by POSIX.
LINT_CFLAGS = -std=c11 -O2 -Wall -Wextra -Werror -Wshadow -Wpointer-arith \
	-Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -Wcast-qual \
	-Wwrite-strings -Wvla -Wundef -pedantic -DIC_VERSION='"$(VERSION)"' \
	$(shell pkg-config --cflags libelf jansson 2>/dev/null)
lint: | have-deps
	@command -v cppcheck >/dev/null || $(MAKE) --no-print-directory deps
	$(HOSTCC) $(LINT_CFLAGS) -fsyntax-only $(REPORT_SRCS)
	cppcheck --quiet --error-exitcode=1 --std=c11 --enable=warning,style,performance,portability \
		--inline-suppr --suppress=missingIncludeSystem --library=posix \
		--suppress=readdirCalled \
		--include=testsuite/lib/cppcheck-jansson.h \
		$(REPORT_SRCS)
	@echo "lint: clean"

# Keeps the downloaded SARIF schema (build/sarif) when it can.
clean:
	rm -rf $(filter-out build/sarif,$(wildcard build/*)) $(PLUGIN) $(REPORT)
