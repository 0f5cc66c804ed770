#!/bin/sh
# install.sh install|uninstall - make install and make uninstall.
#
# From the environment (the Makefile passes them): DESTDIR, PLUGINDIR,
# bindir, includedir, mandir, pkgconfigdir, datadir, PLUGIN, REPORT, CHECKER,
# VERSION.  install records every file it writes and every directory it
# creates in $datadir/initcheck/installed, so that uninstall removes
# exactly those (directories only when empty) and nothing that was there
# before.
set -eu
dest=${DESTDIR:-}
list="$dest$datadir/initcheck/installed"

# mkdir -p that records each level it makes.
made=
mkdirs() {
	for d in "$@"; do
		missing=
		p=$d
		while [ -n "$p" ] && [ "$p" != / ] && [ ! -d "$p" ]; do
			missing="$p
$missing"
			p=$(dirname "$p")
		done
		mkdir -p "$d"
		made="$made$missing"
	done
}

subst() {	# @VERSION@, @PLUGINDIR@, ... in a template
	sed -e "s|@VERSION@|$VERSION|g" -e "s|@PLUGINDIR@|$PLUGINDIR|g" \
	    -e "s|@PLUGIN@|$PLUGINDIR/initcheck.so|g" -e "s|@INCLUDEDIR@|$includedir|g" \
	    -e "s|@BINDIR@|$bindir|g" "$1"
}

case "$1" in
install)
	mkdirs "$dest$PLUGINDIR" "$dest$bindir" "$dest$includedir" \
		"$dest$mandir/man1" "$dest$pkgconfigdir" "$dest$datadir/initcheck"
	install -m 0644 "$PLUGIN" "$dest$PLUGINDIR/initcheck.so"
	install -m 0755 "$REPORT" "$dest$bindir/initcheck-report"
	install -m 0755 "$CHECKER" "$dest$bindir/initcheck-cc"
	install -m 0644 include/initcheck.h "$dest$includedir/initcheck.h"
	subst man/initcheck-report.1 > "$dest$mandir/man1/initcheck-report.1"
	subst man/initcheck.1 > "$dest$mandir/man1/initcheck.1"
	subst tools/initcheck.pc.in > "$dest$pkgconfigdir/initcheck.pc"
	install -m 0644 docs/manifest.schema.json "$dest$datadir/initcheck/manifest.schema.json"
	chmod 0644 "$dest$mandir/man1/initcheck-report.1" "$dest$mandir/man1/initcheck.1" \
		"$dest$pkgconfigdir/initcheck.pc"
	{
		for f in "$PLUGINDIR/initcheck.so" "$bindir/initcheck-report" "$bindir/initcheck-cc" \
			"$includedir/initcheck.h" "$mandir/man1/initcheck-report.1" \
			"$mandir/man1/initcheck.1" "$pkgconfigdir/initcheck.pc" \
			"$datadir/initcheck/manifest.schema.json" "$datadir/initcheck/installed"; do
			echo "file $f"
		done
		# deepest first: how uninstall removes them
		printf '%s' "$made" | sed '/^$/d' | awk '{ print length($0) " " $0 }' \
			| sort -rn | cut -d' ' -f2- | while read -r d; do
			echo "dir ${d#"$dest"}"
		done
	} > "$list"
	chmod 0644 "$list"
	echo "installed; use the plugin as -fplugin=$PLUGINDIR/initcheck.so"
	;;
uninstall)
	if [ ! -f "$list" ]; then
		echo "uninstall: $list not found: nothing installed there" >&2
		exit 1
	fi
	# read it whole first: it is one of the files removed
	entries=$(cat "$list")
	printf '%s\n' "$entries" | while read -r kind path; do
		case $kind in
		file) rm -f "$dest$path" ;;
		dir) rmdir "$dest$path" 2>/dev/null || true ;;
		esac
	done
	;;
*)
	echo "usage: install.sh install|uninstall" >&2
	exit 2
	;;
esac
