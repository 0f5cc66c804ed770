/*
 * initcheck-record.h - the record the initcheck plugin writes into each
 * object and initcheck-report reads (docs/manifest.md): what both sides
 * must spell the same.  C and C++ (the plugin is compiled as C++).
 */
#ifndef INITCHECK_RECORD_H
#define INITCHECK_RECORD_H

#define IC_RECORD_SECTION ".discard.initcheck"
#define IC_RECORD_MAGIC "INITCHK3"	/* zlib: JSON, then the table */
#define IC_RECORD_MAGIC_V2 "INITCHK2"	/* zlib: JSON: still read */
#define IC_RECORD_MAGIC_V1 "INITCHK1"	/* plain JSON: still read */
#define IC_MANIFEST_VERSION 1		/* of the JSON: "version" */

/*
 * The columns of a manifest's "references" table, in the order the plugin
 * writes them; the manifest names them too ("reference_columns" in the
 * JSON, the header line of an INITCHK3 record's table), and the report
 * finds each by that name, so a column added at the end leaves older
 * readers and older manifests working.
 */
#define IC_REF_COLUMNS \
	"symbol", "from", "from_section", "kind", "file", "line", "column", \
	"forbidden", "from_inline", "from_file", "from_line", "from_column"
enum ic_ref_column {
	IC_COL_SYMBOL, IC_COL_FROM, IC_COL_FROM_SECTION, IC_COL_KIND,
	IC_COL_FILE, IC_COL_LINE, IC_COL_COLUMN, IC_COL_FORBIDDEN,
	IC_COL_FROM_INLINE, IC_COL_FROM_FILE, IC_COL_FROM_LINE,
	IC_COL_FROM_COLUMN, IC_NCOLUMNS
};

/*
 * The classes of section a manifest names: a section's and a symbol's
 * "class", and the keys of a "forbidden" set ("init=init-from-text:error").
 * The plugin writes every one (plugin/classify.c, in the order of its enum
 * ic_class); the report reads the reclaimable ones.
 */
#define IC_CLASS_NORMAL		"normal"
#define IC_CLASS_RODATA		"read-only data"
#define IC_CLASS_INIT		"init"		/* freed after boot */
#define IC_CLASS_MEMINIT	"meminit"	/* freed without hotplug */
#define IC_CLASS_EXIT		"exit"		/* discarded when built in */
#define IC_CLASS_REF		"ref"
#define IC_CLASS_INIT_TABLE	"init table"	/* freed after boot */
#define IC_CLASS_EXPORT		"export table"
#define IC_CLASS_PCI_FIXUP	"PCI fixup table"
#define IC_CLASS_HEAD		"head"
#define IC_CLASS_DISCARD	"discarded"

/* The rule of a latent mismatch (manifest.c writes it in a row's
   "forbidden" set, crossref.c words its finding). */
#define IC_RULE_INIT_FROM_INLINE "init-from-inline"

/*
 * The preset dictionary of the zlib stream (RFC 1950 FDICT; its Adler-32
 * is in the stream's header, so a reader with another dictionary says so
 * instead of misreading): the vocabulary of every manifest - its keys,
 * classes, rule sets, the common section names - which a unit's own few
 * kilobytes would otherwise spend their first bytes on.  Changing it
 * changes the format: a new magic.  INITCHK2's, then what INITCHK3's
 * table adds (its header line and the common cells of a row).
 */
#define IC_RECORD_DICTIONARY IC_RECORD_DICTIONARY_V2 \
	"symbol\tfrom\tfrom_section\tkind\tfile\tline\tcolumn\tforbidden\t" \
	"from_inline\tfrom_file\tfrom_line\tfrom_column\n" \
	"\t.init.text\tcall\t0\t\t\t0\t\t0\t\t\n" \
	"\t.text\treference\t0\t\t\t1\tinline\t1\t\t\n" \
	"\t.text\tcall\t0\t\t\t0\t\t0\t\t\n"

#define IC_RECORD_DICTIONARY_V2 \
	"{\"reference_columns\": [\"symbol\", \"from\", \"from_section\", \"kind\"," \
	" \"file\", \"line\", \"column\", \"forbidden\"], \"sizes_exact\": true, \"l" \
	"to_only\": false, \"output\": \"\", \"pointer_bytes\": 8, \"init_strings" \
	"\": {\"literals\": 0, \"bytes\": 0, \"moved\": false}, \"suggest\": {\"sta" \
	"tic\": [{\"name\": \"\", \"kind\": \"function\", \"marker\": \"__init\", \"fil" \
	"e\": \"\", \"line\": 0, \"column\": 0, \"uses\": 0, \"bytes\": null}], \"glo" \
	"bal\": [], \"init_only\": [], \"runtime\": []}, \"forbidden\": [\"init=i" \
	"nit-from-text:error meminit=init-from-text:error exit=exit-from-" \
	"text:error\", \"exit=exit-from-init:error\", \"init=init-from-data:e" \
	"rror meminit=init-from-data:error exit=exit-from-data:error\", \"i" \
	"nit=init-from-rodata:error meminit=init-from-rodata:error exit=e" \
	"xit-from-rodata:error\", \"init=init-from-text:warning meminit=ini" \
	"t-from-text:warning exit=exit-from-text:warning\"], \"version\": 1," \
	" \"sections\": [{\"name\": \".init.data\", \"class\": \"init\"}, {\"name\": " \
	"\".init.rodata\", \"class\": \"init\"}, {\"name\": \".exit.text\", \"class\"" \
	": \"exit\"}, {\"name\": \".meminit.text\", \"class\": \"meminit\"}, {\"name" \
	"\": \".initcall6.init\", \"class\": \"init table\"}, {\"name\": \".init.te" \
	"xt\", \"class\": \"init\"}], \"compiler\": \"GCC 12.2.0\", \"target\": \"aar" \
	"ch64-linux-gnu\", \"target\": \"x86_64-linux-gnu\"}, \"symbols\": [{\"ki" \
	"nd\": \"variable\", \"global\": false, \"name\": \"\", \"line\": 0, \"sectio" \
	"n\": \".init.data\", \"bytes\": 0, \"file\": \"\", \"class\": \"init\"}, {\"ki" \
	"nd\": \"function\", \"global\": true, \"name\": \"\", \"line\": 0, \"section" \
	"\": \".init.text\", \"bytes\": null, \"file\": \"\", \"class\": \"init\"}], \"" \
	"files\": [\"include/linux/\"], \"references\": [[\"\", \"\", \".init.text\"" \
	", \"call\", 0, 0, 0, 1], [\"\", \"\", \".text\", \"reference\", 0, 0, 0, 0" \
	"], [\"\", \"\", \".text\", \"call\", 0, 0, 0, 0]]}"

#endif
