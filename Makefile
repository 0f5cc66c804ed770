# initcheck - top-level Makefile.
#
#   make                 build plugin/initcheck.so for $(CC)
#   make CC=gcc-11       ... for GCC 11 (the plugin is built per GCC version)
#   make deps            install the Debian packages this needs (as root)
#   make check           run the DejaGnu testsuite
#   make demo            build everything and show what initcheck does
#   make bench           compile-time cost with and without the plugin
#   make kernel-check    Linux 6.1 tinyconfig built with the plugin, checked
#                        (KERNEL=6.12: Linux 6.12; also boot-check, module-check)
#   make kernel-bench    the plugin's cost on the tinyconfig build (medians)
#   make syntax-bench    its instructions under -fsyntax-only (the checker's
#                        path), against a plugin that only walks the trees
#                        (KDIR=O-dir KUNITS="a.c ...": kernel units too)
#   make mutants         section mismatches injected into that kernel one at a
#                        time: found by the plugin, by modpost (not in check;
#                        builds the kernel-check tree first if it is missing)
#   make kernel-identity Linux 6.1 tinyconfig built without and with the
#                        plugin: the same allocated sections
#   make CC=aarch64-linux-gnu-gcc-12 check
#                        the plugin for a cross compiler (built by the
#                        host's g++-12), tested on aarch64 objects
#   make cross-check     make check for each of $(CROSS_TARGETS) (cross
#                        compilers, programs under qemu-user; by hand)
#   make cross-kernels   Linux 6.1 tinyconfig for each of them, built with
#                        the plugin and checked (bench/cross-kernel.sh; by
#                        hand, ~10-15 min each); one: make CC=T-gcc-12 cross-kernel
#   make fuzz            csmith programs against a relocation oracle
#                        (FUZZ_SEEDS="FIRST LAST", default 1 1000)
#   make fuzz-diff       the same csmith programs under GCC 11 to 15: the
#                        same findings (bench/fuzz-diff.sh, not in check)
#   make check CSTD=gnu11  the testsuite with every compile in that dialect
#   make boot-check      Linux 6.1 x86_64 tinyconfig booted in QEMU: its
#                        "Freeing unused kernel image" figure as predicted
#   make C=2 CHECK=tools/initcheck-cc (in a kernel tree), initcheck-cc -p DIR
#                        the checker: Kbuild's CHECK, compile databases
#                        (docs/kernel.md, docs/builds.md)
#   make module-check    an out-of-tree module against Linux 6.12 with the
#                        plugin: its freed init bytes as the booted kernel
#                        counts them
#   make install         plugin into PLUGINDIR (default: $(CC)'s plugin
#                        directory), initcheck-report into bindir, header
#                        into includedir, man pages into mandir; honours
#                        PREFIX and DESTDIR (docs/install.md)
#   make uninstall       removes what install made, directories included
#   make lint            cppcheck and strict warnings over tools/, and
#                        make layers (clean)
#   make layers          the files of plugin/ and tools/ in layers, from the
#                        symbols their objects define and use; fails on a
#                        cycle between files (DIRS=tools: one of them)
#   make sarif-schema    the SARIF 2.1.0 schema (npm package), for check
#   make clean
#   make CC=gcc-14 check GCC 13, 14, 15 when not on the host (bookworm): the
#                        same goals run in a Debian chroot of the suite that
#                        ships that compiler (bench/chroot.sh, as root;
#                        docs/portability.md).  make chroots makes all three.

CC        ?= gcc
KERNEL    ?= 6.1
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

GCC_PLUGIN_DIR := $(shell $(CC) -print-file-name=plugin 2>/dev/null)
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
# The tools and the test helpers are programs of this machine: built by
# $(CC) itself when it is native, by the host gcc of the same version when
# it is a cross compiler (aarch64-linux-gnu-gcc-12 -> gcc-12).
HOST_CC ?= $(if $(CROSS),$(patsubst g++%,gcc%,$(PLUGIN_CXX)),$(CC))

# GCC 13, 14 and 15 are not in bookworm: `make CC=gcc-14 GOALS` on a host
# without gcc-14 runs `make CC=gcc-14 GOALS` in a chroot of the Debian
# suite that has it (bench/chroot.sh; docs/portability.md).  Variables
# given on the command line go along in MAKEFLAGS.
CHROOT_GCC := $(if $(INITCHECK_IN_CHROOT),,$(if $(shell command -v $(CC) 2>/dev/null),,$(shell \
	echo '$(CC)' | sed -n 's/^gcc-\(1[345]\)$$/\1/p')))
ifneq ($(CHROOT_GCC),)
CHROOT_GOALS := $(or $(MAKECMDGOALS),all)
.PHONY: $(CHROOT_GOALS) chroot-run
$(CHROOT_GOALS): chroot-run ; @:
# The SARIF schema comes from npm, fetched here first: the chroots need no
# npm of their own (and sid's cannot always reach the registry).
chroot-run:
	+@$(MAKE) --no-print-directory -f $(firstword $(MAKEFILE_LIST)) CC=gcc sarif-schema
	+@sh bench/chroot.sh $(CHROOT_GCC) $(CHROOT_GOALS)
else
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
TOOL_CFLAGS = -std=c11 -O2 -g -Wall -Wextra -DIC_VERSION='"$(VERSION)"' $(shell pkg-config --cflags libelf jansson 2>/dev/null) $(EXTRA_CFLAGS)
TOOL_LIBS   = -lelf -ljansson -lz
REPORT_SRCS := $(wildcard tools/*.c)
REPORT_HDRS := $(wildcard tools/*.h)
REPORT      := tools/initcheck-report
CHECKER     := tools/initcheck-cc
VERSION     := 0.1
PKGCONFIG_DIR ?= $(PREFIX)/lib/pkgconfig
# The SARIF 2.1.0 schema make check validates against (sarif-schema below).
SARIF_SCHEMA   := build/sarif/sarif-schema-2.1.0.json
SARIF_NPM      := @microsoft/jest-sarif@1.0.0-beta.0
SARIF_NPM_TGZ  := microsoft-jest-sarif-1.0.0-beta.0.tgz
SARIF_NPM_SHA  := A1fOhPd6Ic5iDk4F9YPw1qNB4XF+7+IviR7xl8r2F6QzQkx5cpY9LsGk2rExiFIEcBbjpVnSmwWGBukASkiQ9A==

# Debian packages: what building needs (the plugin: the compiler and its
# plugin headers; the tools: libelf and jansson), and what testing adds.
# Plain `make` installs only the first when something is missing.
BUILD_PACKAGES = gcc-$(GCC_MAJOR) g++-$(GCC_MAJOR) gcc-$(GCC_MAJOR)-plugin-dev \
	libgmp-dev make libelf-dev libjansson-dev zlib1g-dev pkg-config
DEB_PACKAGES = $(BUILD_PACKAGES) dejagnu python3 patch \
	binutils ccache cmake meson ninja-build distcc icecc iproute2 util-linux \
	csmith libcsmith-dev python3-jsonschema cppcheck man-db gobjc-$(GCC_MAJOR) gobjc++-$(GCC_MAJOR) $(if $(INITCHECK_IN_CHROOT),,debootstrap) $(OTHER_GCC)
# A second GCC for the version-mismatch test (bookworm has 11 and 12).
OTHER_GCC = $(if $(filter 13 15,$(GCC_MAJOR)),gcc-14,$(if $(filter 14,$(GCC_MAJOR)),gcc-13))
# A cross compiler: itself, its plugin headers, its binutils and C library,
# and qemu-user to run what it links (the tests that run programs).
ifneq ($(CROSS),)
CROSS_ARCH := $(shell dpkg-architecture -qDEB_HOST_ARCH -t$(CROSS) 2>/dev/null \
	|| echo $(CROSS) | sed 's/^aarch64-.*/arm64/;s/-.*//')
BUILD_PACKAGES += gcc-$(GCC_MAJOR)-$(CROSS) gcc-$(GCC_MAJOR)-plugin-dev-$(CROSS) \
	binutils-$(CROSS) libc6-dev-$(CROSS_ARCH)-cross
# its C++ compiler (the C++ tests) and qemu-user (the programs tests run)
DEB_PACKAGES += g++-$(GCC_MAJOR)-$(CROSS) qemu-user
endif

# The kernel's architectures besides x86 (docs/portability.md).
CROSS_TARGETS ?= aarch64-linux-gnu riscv64-linux-gnu powerpc64le-linux-gnu \
	s390x-linux-gnu mips64el-linux-gnuabi64
CROSS_GCC     ?= 12

.PHONY: layers cross-check cross-kernel cross-kernels all fuzz-diff deps build-deps have-tool-deps have-test-deps chroots check demo bench syntax-bench kernel-check kernel-bench mutants kernel-identity fuzz boot-check module-check install uninstall clean have-deps lint sarif-schema report-bench FORCE

all: $(PLUGIN) $(REPORT) $(CHECKER)

# Built with $(HOST_CC): the tools read objects, they do not load into GCC.
# Rebuilt when that compiler changes (build/tool-stamp): in a chroot they
# link that system's libraries.
$(REPORT): $(REPORT_SRCS) $(REPORT_HDRS) build/tool-stamp build/version-stamp
	$(HOST_CC) $(TOOL_CFLAGS) -o $@ $(REPORT_SRCS) $(TOOL_LIBS)

# libstdc++ is linked in statically: the plugin needs only operator new and
# delete from it, and loading libstdc++.so into cc1 costs about 1 MB of
# resident memory per compile.
$(PLUGIN): $(PLUGIN_OBJS)
	$(PLUGIN_CXX) -shared -static-libstdc++ -static-libgcc -o $@ $^ -lz

# The checker (Kbuild's CHECK, compile databases): C11, jansson, no shell.
$(CHECKER): tools/cc/initcheck-cc.c build/tool-stamp build/version-stamp
	$(HOST_CC) $(TOOL_CFLAGS) -DINITCHECK_VERSION='"$(VERSION)"' -o $@ $< -ljansson

# Rebuild when the compiler changes (as kbuild does for its plugins since
# 2021): a plugin built for one GCC must not be loaded by another.
build/cc-stamp: FORCE | have-deps
	@mkdir -p build
	@v="$(CC) $$($(CC) -dumpfullversion) $(PLUGIN_CXX) $(INITCHECK_IN_CHROOT)"; \
	[ "$$(cat $@ 2>/dev/null)" = "$$v" ] || echo "$$v" > $@

build/tool-stamp: FORCE | have-tool-deps
	@mkdir -p build
	@v="$(HOST_CC) $$($(HOST_CC) -dumpfullversion) $(INITCHECK_IN_CHROOT)"; \
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
# deps: everything, for make check; build-deps: what building needs.
deps: PKGS = $(DEB_PACKAGES)
build-deps: PKGS = $(BUILD_PACKAGES)
deps build-deps:
	@missing=$$(for p in $(PKGS); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -z "$$missing" ]; then echo "deps: all installed"; \
	elif [ "$$(id -u)" = 0 ]; then \
		echo "deps: installing $$missing"; \
		guard=; if [ ! -e /usr/sbin/policy-rc.d ]; then guard=1; \
			printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; fi; \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive \
			apt-get -o DPkg::Lock::Timeout=900 install -y -q $$missing; rc=$$?; \
		[ -n "$$guard" ] && rm -f /usr/sbin/policy-rc.d; exit $$rc; \
	else echo "deps: missing packages; run: sudo apt-get install $$missing"; exit 1; fi

# Cheap checks before building: the plugin headers of $(CC) and its g++
# (have-deps), libelf and jansson (have-tool-deps), else build-deps; and
# before testing, DejaGnu (have-test-deps), else deps.
have-deps:
	@test -f $(GCC_PLUGIN_DIR)/include/gcc-plugin.h && command -v $(PLUGIN_CXX) >/dev/null \
		|| $(MAKE) --no-print-directory build-deps CC=$(CC)
have-tool-deps:
	@command -v $(HOST_CC) >/dev/null && pkg-config --exists libelf jansson 2>/dev/null \
		|| $(MAKE) --no-print-directory build-deps CC=$(CC)
have-test-deps:
	@command -v runtest >/dev/null || $(MAKE) --no-print-directory deps CC=$(CC)

# The testsuite's ELF comparison (testsuite/initcheck.codegen/): a host tool.
ALLOCCMP := build/alloccmp
$(ALLOCCMP): testsuite/initcheck.codegen/alloccmp.c build/tool-stamp
	@mkdir -p $(dir $@)
	$(HOST_CC) $(TOOL_CFLAGS) -o $@ $< -lelf

# make check CSTD=gnu11: every C compile of the testsuite in that dialect
# (GCC 15 defaults to gnu23, the kernel builds with gnu11), through a
# wrapper that adds -std=$(CSTD) to $(CC) (not to -x c++ or -x
# objective-c++, for which a C -std= is an extra warning line).  The tests
# that run make in this tree (install, pkg-config) build with $(CC)
# itself, BUILD_CC; distcc's and icecream's, which cannot hand a shell
# script to their daemons as the compiler, give them BUILD_CC and
# -std=$(CSTD) (docs/portability.md).
check: $(PLUGIN) $(REPORT) $(ALLOCCMP) $(CHECKER) $(SARIF_SCHEMA) | have-test-deps
	@cc='$(CC)'; if [ -n '$(CSTD)' ]; then cc='$(abspath build/cc-std)'; \
		printf '#!/bin/sh\ncase " $$* " in *" -x c++ "*|*" -x objective-c++ "*) exec %s "$$@";; esac\nexec %s -std=%s "$$@"\n' \
			'$(CC)' '$(CC)' '$(CSTD)' >$$cc; chmod +x $$cc; fi; \
	CC="$$cc" BUILD_CC='$(CC)' CSTD='$(CSTD)' PLUGIN='$(abspath $(PLUGIN))' REPORT='$(abspath $(REPORT))' CHECKER='$(abspath $(CHECKER))' \
		ALLOCCMP='$(abspath $(ALLOCCMP))' INITCHECK_SARIF_SCHEMA='$(abspath $(SARIF_SCHEMA))' \
		sh testsuite/run.sh

# The plugin's compile-time cost (bench/bench.sh; figures in docs/performance.md).
bench: $(PLUGIN)
	@CC='$(CC)' PLUGIN='$(abspath $(PLUGIN))' sh bench/bench.sh $(BENCH_ARGS)

# The checker path's cost: cc1's instructions under -fsyntax-only without
# the plugin, with it, with it loaded only, and with bench/walk-floor.c
# (bench/syntax-bench.sh; KDIR, KUNITS from the environment).
syntax-bench: $(PLUGIN)
	@CC='$(CC)' PLUGIN='$(abspath $(PLUGIN))' sh bench/syntax-bench.sh $(BENCH_ARGS)

# The plugin's cost on the tinyconfig build: CPU and RSS medians of
# alternating builds, and one heavy unit's instructions under callgrind.
kernel-bench: $(PLUGIN)
	@CC='$(CC)' PLUGIN='$(abspath $(PLUGIN))' sh bench/kernel-bench.sh $(BENCH_ARGS)

# Linux 6.1 tinyconfig with the plugin (bench/kernel-check.sh; run by CI).
kernel-check: $(PLUGIN) $(REPORT)
	@KERNEL='$(KERNEL)' CC='$(CC)' PLUGIN='$(abspath $(PLUGIN))' REPORT='$(abspath $(REPORT))' sh bench/kernel-check.sh

# Linux 6.1 tinyconfig for the architecture of the cross compiler $(CC)
# (bench/cross-kernel.sh, docs/kernel.md "Other architectures"); and for
# every one of $(CROSS_TARGETS).  Not run by CI: too long.
cross-kernel: $(PLUGIN) $(REPORT)
	@test -n "$(CROSS)" || { echo "cross-kernel: CC=$(CC) is not a cross compiler (make CC=riscv64-linux-gnu-gcc-12 cross-kernel)"; exit 2; }
	@CC='$(CC)' PLUGIN='$(abspath $(PLUGIN))' REPORT='$(abspath $(REPORT))' sh bench/cross-kernel.sh

cross-kernels:
	@for t in $(CROSS_TARGETS); do \
		$(MAKE) --no-print-directory CC=$$t-gcc-$(CROSS_GCC) deps \
		&& $(MAKE) --no-print-directory CC=$$t-gcc-$(CROSS_GCC) cross-kernel || fail="$$fail $$t"; \
	done; [ -z "$$fail" ] || { echo "cross-kernels: FAILED:$$fail"; exit 1; }

# make check for every cross target, one after the other; the summary line
# of each.  Each target's log and .sum stay in build/cross-check-TRIPLET.*
# (the next target's run overwrites build/testsuite).
cross-check:
	@mkdir -p build; for t in $(CROSS_TARGETS); do \
		start=$$(date +%s); \
		$(MAKE) --no-print-directory CC=$$t-gcc-$(CROSS_GCC) deps >/dev/null \
		&& $(MAKE) --no-print-directory CC=$$t-gcc-$(CROSS_GCC) check > build/cross-check-$$t.log 2>&1; rc=$$?; \
		cp build/testsuite/initcheck.sum build/cross-check-$$t.sum 2>/dev/null; \
		echo "cross-check $$t: $$(grep '^initcheck: [0-9]* passed' build/cross-check-$$t.log 2>/dev/null || echo 'no summary') ($$(( $$(date +%s) - start )) s)"; \
		[ $$rc -eq 0 ] || fail="$$fail $$t"; \
	done; [ -z "$$fail" ] || { echo "cross-check: FAILED:$$fail"; exit 1; }

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
	@KERNEL='$(KERNEL)' CC='$(CC)' PLUGIN='$(abspath $(PLUGIN))' REPORT='$(abspath $(REPORT))' sh bench/boot.sh

# An out-of-tree module against Linux 6.12 with the plugin: its freed init
# memory predicted and read on the booted kernel (bench/module-check.sh).
module-check: $(PLUGIN) $(REPORT)
	@KERNEL='$(if $(filter command line,$(origin KERNEL)),$(KERNEL),6.12)' CC='$(CC)' PLUGIN='$(abspath $(PLUGIN))' REPORT='$(abspath $(REPORT))' sh bench/module-check.sh

# The same verdict on every compiler (bench/fuzz-diff.sh; docs/reliability.md).
fuzz-diff:
	@nice sh bench/fuzz-diff.sh $(FUZZ_SEEDS)

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
	pkgconfigdir='$(PKGCONFIG_DIR)' PLUGIN='$(PLUGIN)' REPORT='$(REPORT)' CHECKER='$(CHECKER)' \
	VERSION='$(VERSION)'
install: $(PLUGIN) $(REPORT) $(CHECKER)
	@$(INSTALL_ENV) sh tools/install.sh install

uninstall:
	@$(INSTALL_ENV) sh tools/install.sh uninstall

# The official SARIF 2.1.0 JSON schema, as the npm package
# @microsoft/jest-sarif ships it (MIT; no Debian package has the schema):
# fetched with npm, checked against the registry's sha512, unpacked.
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
	$(HOST_CC) $(LINT_CFLAGS) -fsyntax-only $(REPORT_SRCS)
	cppcheck --quiet --error-exitcode=1 --std=c11 --enable=warning,style,performance,portability \
		--inline-suppr --suppress=missingIncludeSystem --library=posix \
		--suppress=readdirCalled \
		--include=testsuite/lib/cppcheck-jansson.h \
		$(REPORT_SRCS)
	+@$(MAKE) --no-print-directory layers
	@echo "lint: clean"

# The layers of each directory of $(DIRS) (bench/layers.sh): from the
# objects, so what counts is what the code calls and names, not what it
# includes.  The tools are linked from their sources in one command;
# their objects are made here for this alone.
DIRS ?= plugin tools
LAYER_OBJS_plugin = $(PLUGIN_OBJS)
LAYER_OBJS_tools  = $(patsubst tools/%.c,build/tools/%.o,$(REPORT_SRCS))
build/tools/%.o: tools/%.c $(REPORT_HDRS) build/tool-stamp build/version-stamp
	@mkdir -p $(dir $@)
	$(HOST_CC) $(TOOL_CFLAGS) -c -o $@ $<
layers: $(foreach d,$(DIRS),$(LAYER_OBJS_$(d)))
	@rc=0; $(foreach d,$(DIRS),$(if $(LAYER_OBJS_$(d)),sh bench/layers.sh $(d)/ \
		$(LAYER_OBJS_$(d)) || rc=1;,echo "layers: $(d): not plugin or tools"; rc=2;)) exit $$rc

# Keeps the downloaded SARIF schema (build/sarif) when it can.
clean:
	rm -rf $(filter-out build/sarif,$(wildcard build/*)) $(PLUGIN) $(REPORT) $(CHECKER)

# GCC 13, 14, 15 chroots (bench/chroot.sh): made, packages installed.
chroots:
	@for n in 13 14 15; do sh bench/chroot.sh $$n || exit 1; done

endif
