/*
 * manifest.c - what this translation unit gives back when init memory is
 * freed, carried inside the object it compiles to.
 *
 * At PLUGIN_FINISH_UNIT (GCC has written all code and data, and only the
 * end-of-file directives are left) the plugin appends one record to the
 * non-allocated section .discard.initcheck:
 *
 *	"INITCHK3"			magic
 *	u32 stored_length		bytes of the zlib stream below
 *	u32 n				number of section sizes
 *	u32 json_length			bytes of the JSON, inflated
 *	u32 table_length		bytes of the references table, inflated
 *	u32 size[n]			.Lend - SECTION, computed by the assembler
 *	stored_length bytes		the manifest (docs/manifest.md): its JSON
 *					without "references", then that table
 *					as tab-separated text (table-text.c),
 *					compressed together by zlib (RFC 1950)
 *					with the preset dictionary of
 *					initcheck-record.h
 *
 * (Compressed: a kernel unit's JSON is 18 % of its object, mostly names
 * that repeat; zlib takes it to a few percent.  cc1 itself links zlib.)
 *
 * (u32 in the target's byte order.)  The sizes are label differences inside
 * one section, so the assembler resolves them: no relocation is added, and
 * the number is the section's size in this object, padding included,
 * whatever the optimisers or the assembler's relaxation made of the code.
 * The end label is a local symbol of no size placed after everything GCC
 * wrote into the section: allocated sections keep their bytes.
 *
 * .discard.* is thrown away by the kernel's vmlinux and module linker
 * scripts, is on modpost's list of known non-allocated sections, and is
 * concatenated, not merged, by ld -r and ar: each record stays separable.
 * The section is SHF_EXCLUDE: every final link (an executable, a shared
 * object such as the kernel's vDSO) drops it, ld -r keeps it.
 *
 * Function sizes are not in the record: the object's symbol table has them
 * (st_size, from GCC's own .size directive), and initcheck-report reads
 * them from there.  A JSON side file, written only when
 * -fplugin-arg-initcheck-manifest=PATH asks for one, has no assembler to
 * ask: its section and function sizes are null ("sizes_exact": false).
 */
#include "initcheck.h"

#define IC_MANIFEST_SECTION IC_RECORD_SECTION

struct ic_section_set {
	const char **names;
	unsigned n, alloc;
};

/* Sections whose bytes go away: freed after boot (init, init tables),
   discarded when built in (exit), or with memory hotplug off (meminit). */
static bool is_reclaimable(enum ic_class cls)
{
	return cls == IC_INIT || cls == IC_MEMINIT || cls == IC_EXIT
	       || cls == IC_INIT_TABLE;
}

static void add_section(struct ic_section_set *set, const char *name)
{
	unsigned i;

	for (i = 0; i < set->n; i++)
		if (!strcmp(set->names[i], name))
			return;
	if (set->n == set->alloc) {
		set->alloc = set->alloc ? 2 * set->alloc : 16;
		set->names = XRESIZEVEC(const char *, set->names, set->alloc);
	}
	set->names[set->n++] = name;
}

/* "x86_64-linux-gnu", from the --target= GCC was configured with. */
static char *target_triple(void)
{
	const char *p = strstr(gcc_version.configuration_arguments,
			       "--target=");
	size_t n;

	if (!p)
		return xstrdup("unknown");
	p += strlen("--target=");
	n = strcspn(p, " ");
	return xstrndup(p, n);
}

/* A section name the assembler takes as a symbol, for .Lend - NAME. */
static bool is_symbol_name(const char *s)
{
	for (; *s; s++)
		if (!ISALNUM(*s) && *s != '.' && *s != '_' && *s != '$')
			return false;
	return true;
}

static json::object *symbol_json(tree decl, const struct ic_place *p)
{
	json::object *o = new json::object;
	expanded_location x = expand_location(DECL_SOURCE_LOCATION(decl));

	o->set("name", ic_json_str(
		IDENTIFIER_POINTER(DECL_ASSEMBLER_NAME(decl))));
	o->set("kind", ic_json_str(p->is_function ? "function"
					: "variable"));
	o->set("section", ic_json_str(p->section));
	o->set("class", ic_json_str(ic_class_name(p->cls)));
	o->set("global", new json::literal(TREE_PUBLIC(decl) ? true : false));
	o->set("file", ic_json_str(x.file ? x.file : ""));
	o->set("line", new json::integer_number(x.line));
	/* A variable's size is known here and is its st_size; a function's
	   is only known to the assembler. */
	if (!p->is_function && DECL_SIZE_UNIT(decl)
	    && tree_fits_uhwi_p(DECL_SIZE_UNIT(decl)))
		o->set("bytes", new json::integer_number(
			tree_to_uhwi(DECL_SIZE_UNIT(decl))));
	else
		o->set("bytes", new json::literal(json::JSON_NULL));
	return o;
}

/* Which rule a reference from FROM (through call SITE of an always-inline
   function, or NULL) would break if the symbol turned out, in another
   translation unit, to be init, meminit or exit: the report judges
   cross-unit references with this table, not a copy of rules.c.  Written
   as "init": "init-from-text:error", ... */
static void forbidden_text(const struct ic_ref *r, tree from,
			   const struct ic_ref *site, char *buf, size_t len)
{
	static const enum ic_class targets[] = { IC_INIT, IC_MEMINIT,
						 IC_EXIT };
	size_t i, used = 0;

	buf[0] = '\0';
	for (i = 0; i < ARRAY_SIZE(targets); i++) {
		struct ic_place to = { targets[i], "", NULL,
				       TREE_CODE(r->to) == FUNCTION_DECL,
				       false };
		struct ic_verdict v;

		if (!ic_judge(r, from, site, &to, IC_JUDGE_ELSEWHERE, &v))
			continue;
		used += snprintf(buf + used, len - used, "%s%s=%s:%s",
				 used ? " " : "", ic_class_name(targets[i]),
				 v.rule->name, v.severity == IC_ERROR ? "error"
				 : "warning");
	}
}

/* How the source function of a row is declared: the report tells a helper
   the language inlines (always_inline) from one GCC may emit. */
static const char *inline_ness(tree fn)
{
	if (TREE_CODE(fn) != FUNCTION_DECL)
		return "";
	if (lookup_attribute("always_inline", DECL_ATTRIBUTES(fn)))
		return "always_inline";
	return DECL_DECLARED_INLINE_P(fn) ? "inline" : "";
}

/* The index of S in the string table TABLE (added if new). */
static int intern(json::array *table, hash_map<nofree_string_hash, int> *ix,
		  const char *s)
{
	bool existed;
	int *slot = &ix->get_or_insert(s, &existed);

	if (!existed) {
		*slot = ix->elements() - 1;
		table->append(ic_json_str(s));
	}
	return *slot;
}

typedef pair_hash<nofree_ptr_hash<tree_node>, nofree_ptr_hash<tree_node> >
	ref_pair_hash;

struct ref_table {
	json::array *rows, *files, *sets;
	struct ic_table *text;	/* the record's: rows as text, not JSON */
	hash_set<ref_pair_hash> seen;	/* (symbol, from) pairs written */
	hash_map<nofree_string_hash, int> file_ix, set_ix;
};

/* One row's cells, in the order of IC_REF_COLUMNS. */
struct ref_row {
	const char *symbol, *from, *from_section, *kind;
	int file, line, column, forbidden;
	const char *from_inline;
	int from_file, from_line, from_column;
};

/* A cell of ROW, a JSON row, or (ROW NULL) of the text table's row. */
static void cell_str(struct ref_table *t, json::array *row, const char *s)
{
	if (row)
		row->append(ic_json_str(s));
	else
		ic_table_str(t->text, s);
}

static void cell_int(struct ref_table *t, json::array *row, int v)
{
	if (row)
		row->append(new json::integer_number(v));
	else
		ic_table_int(t->text, v);
}

static void put_row(struct ref_table *t, const struct ref_row *w)
{
	json::array *row = t->text ? NULL : new json::array;

	cell_str(t, row, w->symbol);
	cell_str(t, row, w->from);
	cell_str(t, row, w->from_section);
	cell_str(t, row, w->kind);
	cell_int(t, row, w->file);
	cell_int(t, row, w->line);
	cell_int(t, row, w->column);
	cell_int(t, row, w->forbidden);
	cell_str(t, row, w->from_inline);
	cell_int(t, row, w->from_file);
	cell_int(t, row, w->from_line);
	cell_int(t, row, w->from_column);
	if (row)
		t->rows->append(row);
	else
		ic_table_end_row(t->text);
}

/* One row: R's target, referred to from FROM at LOC (through call SITE
   of an always-inline function, or NULL). */
static void add_row(struct ref_table *t, const struct ic_ref *r, tree from,
		    const struct ic_ref *site, location_t loc)
{
	struct ic_place place;
	expanded_location x, def;
	struct ref_row w;
	char buf[256];

	if (t->seen.add(std::make_pair(r->to, from)))
		return;
	ic_classify(from, &place);
	forbidden_text(r, from, site, buf, sizeof(buf));
	if (!buf[0])
		return;
	x = expand_location(loc);
	/* Where the source is defined, for a fix-it on it (a helper of a
	   header is in no symbol table). */
	def = expand_location(DECL_SOURCE_LOCATION(from));
	w.symbol = IDENTIFIER_POINTER(DECL_ASSEMBLER_NAME(r->to));
	w.from = DECL_NAME(from) ? IDENTIFIER_POINTER(DECL_NAME(from))
				 : "<compound literal>";
	w.from_section = place.section;
	w.kind = r->kind == IC_REF_CALL ? "call" : "reference";
	w.file = intern(t->files, &t->file_ix, x.file ? x.file : "");
	w.line = x.line;
	w.column = x.column;
	w.forbidden = intern(t->sets, &t->set_ix,
			     IDENTIFIER_POINTER(get_identifier(buf)));
	w.from_inline = inline_ness(from);
	w.from_file = intern(t->files, &t->file_ix, def.file ? def.file : "");
	w.from_line = def.line;
	w.from_column = def.column;
	put_row(t, &w);
}

/* A reference made in an always-inline function counts at each call of
   it, from the caller (as diagnose.c judges it). */
struct inlined_row {
	struct ref_table *t;
	const struct ic_ref *ref;
};

static void add_row_at_call(const struct ic_ref *c, void *data)
{
	struct inlined_row *in = (struct inlined_row *)data;

	add_row(in->t, in->ref, c->from, c, ic_ref_loc(c));
}

/* References to symbols this unit does not define: the first one per
   symbol from each function or variable, so that the report names every
   one that refers to a symbol another unit makes init.  The report's half
   of the cross-unit check.  A table ("reference_columns" names its
   columns) with file names and rule sets interned: a kernel unit refers
   to thousands of external symbols.  Its rows are JSON arrays, or, with
   TEXT (the record), tab-separated lines under a header of the column
   names, and then neither "references" nor "reference_columns" is in the
   JSON (docs/manifest.md). */
static void references_json(json::object *m, struct ic_table *text)
{
	struct ref_table t;
	static const char *const columns[] = { IC_REF_COLUMNS };
	STATIC_ASSERT(ARRAY_SIZE(columns) == IC_NCOLUMNS);
	unsigned i, n = ic_refs_count();

	t.rows = text ? NULL : new json::array;
	t.files = new json::array;
	t.sets = new json::array;
	t.text = text;
	if (text) {
		for (i = 0; i < ARRAY_SIZE(columns); i++)
			ic_table_str(text, columns[i]);
		ic_table_end_row(text);
	} else {
		json::array *cols = new json::array;

		for (i = 0; i < ARRAY_SIZE(columns); i++)
			cols->append(ic_json_str(columns[i]));
		m->set("reference_columns", cols);
	}
	for (i = 0; i < n; i++) {
		const struct ic_ref *r = ic_ref_at(i);

		if (!r->from || !TREE_PUBLIC(r->to) || !DECL_EXTERNAL(r->to)
		    || !ic_can_run(r->from))
			continue;
		if (ic_is_transparent(r->from)) {
			struct inlined_row in = { &t, r };

			ic_for_each_real_call(r->from, add_row_at_call, &in);
		} else {
			add_row(&t, r, r->from, NULL, ic_ref_loc(r));
		}
	}
	if (!text)
		m->set("references", t.rows);
	m->set("files", t.files);
	m->set("forbidden", t.sets);
}

/* The JSON manifest; SECTIONS gets the reclaimable sections in the order
   of the size table; TEXT, if not NULL, the references table as text. */
static json::object *build(struct ic_section_set *sections, bool exact,
			   struct ic_table *text)
{
	json::object *m = new json::object;
	json::array *syms = new json::array, *secs = new json::array;
	symtab_node *node;
	unsigned i;
	bool lto_only = flag_generate_lto && !flag_fat_lto_objects;
	char *target = target_triple();
	char compiler[64];

	m->set("version", new json::integer_number(IC_MANIFEST_VERSION));
	m->set("tu", ic_json_str(main_input_filename
				      ? main_input_filename : ""));
	m->set("output", ic_json_str(aux_base_name ? aux_base_name
					  : ""));
	m->set("target", ic_json_str(target));
	/* From the pointer type, not POINTER_SIZE: on powerpc that macro
	   reads a variable of the compiler (rs6000_pointer_size), and the
	   plugin would not load into any other cc1, not even to say it was
	   built for another GCC. */
	m->set("pointer_bytes",
	       new json::integer_number(int_size_in_bytes(ptr_type_node)));
	snprintf(compiler, sizeof(compiler), "GCC %s", gcc_version.basever);
	m->set("compiler", ic_json_str(compiler));
	m->set("sizes_exact", new json::literal(exact));
	m->set("lto_only", new json::literal(lto_only));
	free(target);

	/* What GCC wrote: every function and variable it output, clones
	   (foo.constprop.0) included, in the sections that go away. */
	if (!lto_only) {
		FOR_EACH_SYMBOL(node) {
			struct ic_place p;

			/* Under -fsyntax-only GCC writes nothing: the unit's
			   definitions. */
			if (!(flag_syntax_only
			      ? node->definition && !DECL_EXTERNAL(node->decl)
			      : TREE_ASM_WRITTEN(node->decl))
			    || (TREE_CODE(node->decl) != FUNCTION_DECL
				&& !VAR_P(node->decl)))
				continue;
			ic_classify(node->decl, &p);
			if (!is_reclaimable(p.cls))
				continue;
			/* Reclaimable in GCC's own section: a Xen foo.init.o
			   (profile xen), whose .rodata objcopy renames after
			   the compile.  Its final name is not known here, and an
			   end label would add a section: left to --linked. */
			if (p.section_is_default && !node->get_section())
				continue;
			if (node->get_section())
				p.section = node->get_section();
			add_section(sections, p.section);
			syms->append(symbol_json(node->decl, &p));
		}
		for (i = 0; ic_asm_section_at(i); i++) {
			struct ic_place p;

			ic_classify_section(ic_asm_section_at(i), false, &p);
			if (is_reclaimable(p.cls))
				add_section(sections, p.section);
		}
	}
	for (i = 0; i < sections->n; i++) {
		json::object *s = new json::object;
		struct ic_place p;

		ic_classify_section(sections->names[i], false, &p);
		s->set("name", ic_json_str(sections->names[i]));
		s->set("class", ic_json_str(ic_class_name(p.cls)));
		if (!exact || !is_symbol_name(sections->names[i]))
			s->set("bytes", new json::literal(json::JSON_NULL));
		secs->append(s);
	}
	m->set("sections", secs);
	m->set("symbols", syms);
	references_json(m, text);
	ic_suggest_json(m);
	ic_strings_json(m);
	return m;
}

/* The JSON text as .ascii lines, escaped for the assembler. */
static void emit_ascii(FILE *out, const char *s, size_t len)
{
	char line[64 * 4 + 16];
	size_t i = 0, n;

	while (i < len) {
		n = 0;
		memcpy(line, "\t.ascii\t\"", 9);
		n = 9;
		for (size_t k = 0; k < 64 && i < len; k++, i++) {
			unsigned char c = s[i];

			if (c == '"' || c == '\\') {
				line[n++] = '\\';
				line[n++] = c;
			} else if (c < 0x20 || c >= 0x7f) {
				n += sprintf(line + n, "\\%03o", c);
			} else {
				line[n++] = c;
			}
		}
		line[n++] = '"';
		line[n++] = '\n';
		fwrite(line, 1, n, out);
	}
}

/* The JSON (LEN bytes), then the references TABLE, as one zlib stream
   with the record's preset dictionary; NULL if zlib fails. */
static Bytef *compress_record(const char *json_text, size_t len,
			      const struct ic_table *table, size_t *stored)
{
	static const char dict[] = IC_RECORD_DICTIONARY;
	z_stream zs;
	Bytef *out;
	uLong cap;

	memset(&zs, 0, sizeof(zs));
	if (deflateInit2(&zs, 9, Z_DEFLATED, 15, 9, Z_DEFAULT_STRATEGY) != Z_OK)
		return NULL;
	cap = deflateBound(&zs, len + table->len);
	out = XNEWVEC(Bytef, cap);
	zs.next_out = out;
	zs.avail_out = cap;
	zs.next_in = (Bytef *)json_text;
	zs.avail_in = len;
	if (deflateSetDictionary(&zs, (const Bytef *)dict, sizeof(dict) - 1)
	    != Z_OK || deflate(&zs, Z_NO_FLUSH) != Z_OK)
		goto fail;
	zs.next_in = (Bytef *)table->text;
	zs.avail_in = table->len;
	if (deflate(&zs, Z_FINISH) != Z_STREAM_END)
		goto fail;
	*stored = zs.total_out;
	deflateEnd(&zs);
	return out;
fail:
	deflateEnd(&zs);
	XDELETEVEC(out);
	return NULL;
}

static void emit_record(const struct ic_section_set *sections,
			const char *json_text, const struct ic_table *table)
{
	FILE *out = asm_out_file;
	size_t len = strlen(json_text);
	size_t stored;
	Bytef *z = compress_record(json_text, len, table, &stored);
	unsigned i;

	if (!z) {
		error("%s: cannot compress the manifest", IC_NAME);
		return;
	}
	/* End labels after all GCC wrote into each section. */
	for (i = 0; i < sections->n; i++)
		if (is_symbol_name(sections->names[i]))
			fprintf(out, "\t.pushsection\t%s\n.Linitcheck_end%u:\n"
				"\t.popsection\n", sections->names[i], i);

	/* "e", SHF_EXCLUDE: ld -r keeps the section (vmlinux.o, built-in.a
	   members stay objects), every final link drops it.  A final link
	   whose script has no rule for .discard.* would keep it otherwise:
	   user programs, and the kernel's vDSO on arm64, riscv, s390 and
	   powerpc, whose vdso.so the kernel includes as data (.incbin). */
	fprintf(out, "\t.pushsection\t%s,\"e\",%%progbits\n",
		IC_MANIFEST_SECTION);
	fprintf(out, "\t.ascii\t\"%s\"\n", IC_RECORD_MAGIC);
	fprintf(out, "\t.4byte\t%lu\n\t.4byte\t%u\n\t.4byte\t%lu\n"
		"\t.4byte\t%lu\n", (unsigned long)stored, sections->n,
		(unsigned long)len, (unsigned long)table->len);
	for (i = 0; i < sections->n; i++) {
		if (is_symbol_name(sections->names[i]))
			fprintf(out, "\t.4byte\t.Linitcheck_end%u - %s\n", i,
				sections->names[i]);
		else
			fputs("\t.4byte\t0xffffffff\n", out);
	}
	emit_ascii(out, (const char *)z, stored);
	fputs("\t.popsection\n", out);
	XDELETEVEC(z);
}

/* mkdir -p of "a/b/": every level that is missing. */
static void make_directories(const char *path)
{
	char *p = xstrdup(path), *q;

	for (q = p + 1; *q; q++) {
		if (*q != '/')
			continue;
		*q = '\0';
		mkdir(p, 0777);
		*q = '/';
	}
	free(p);
}

/* -fplugin-arg-initcheck-manifest=PATH: a file, or a directory (existing,
   or named with a trailing slash) that gets one file per unit. */
static char *side_file_name(const char *path)
{
	struct stat st;
	size_t n = strlen(path);
	const char *out = aux_base_name ? aux_base_name : "unit";
	const char *base = lbasename(out);
	unsigned long h = 5381;
	const char *p;

	/* "DIR/" names a directory even before the first unit makes it;
	   units compiled in parallel may all try (EEXIST is fine). */
	if (n && path[n - 1] == '/')
		make_directories(path);
	if ((n && path[n - 1] == '/')
	    || (stat(path, &st) == 0 && S_ISDIR(st.st_mode))) {
		/* Units of the same name in other directories must not
		   overwrite each other: the name carries a hash of the
		   output's path and of the source's (a checker run, as
		   Kbuild's CHECK, has no -o: every core.c is "core"). */
		for (p = out; *p; p++)
			h = h * 33 + (unsigned char)*p;
		for (p = main_input_filename ? main_input_filename : ""; *p;
		     p++)
			h = h * 33 + (unsigned char)*p;
		return xasprintf("%s%s%s-%08lx.initcheck.json", path,
				 n && path[n - 1] == '/' ? "" : "/", base,
				 h & 0xffffffffUL);
	}
	return xstrdup(path);
}

static void write_side_file(const char *path, const char *text)
{
	char *name = side_file_name(path);

	ic_write_file(name, text, "manifest");
	free(name);
}

/* PLUGIN_FINISH_UNIT: only when GCC writes assembly (-c, -S), never under
   -fsyntax-only or -E. */
void ic_manifest_finish_unit(void)
{
	struct ic_section_set sections = { NULL, 0, 0 };
	struct ic_table table = { NULL, 0, 0, false };
	json::object *m;
	char *text;

	if (seen_error())
		return;
	m = build(&sections, true, &table);
	text = ic_json_text(m);
	if (asm_out_file)
		emit_record(&sections, text, &table);
	free(text);
	delete m;
	ic_table_release(&table);
	XDELETEVEC(sections.names);

	if (ic_opts.manifest) {
		struct ic_section_set again = { NULL, 0, 0 };

		m = build(&again, false, NULL);
		text = ic_json_text(m);
		write_side_file(ic_opts.manifest, text);
		free(text);
		delete m;
		XDELETEVEC(again.names);
	}
}

/* PLUGIN_FINISH under -fsyntax-only (PLUGIN_FINISH_UNIT does not fire):
   no object, so only the side file, when manifest= asks for one
   (initcheck-cc -p joins these for the cross-unit check).  Called before
   the findings are reported, so that initcheck's own errors do not keep
   the unit's manifest away; a real compile error does. */
void ic_manifest_syntax_only(void)
{
	struct ic_section_set sections = { {}, 0 };
	json::object *m;
	char *text;

	if (!flag_syntax_only || !ic_opts.manifest || seen_error())
		return;
	m = build(&sections, false, NULL);
	text = ic_json_text(m);
	write_side_file(ic_opts.manifest, text);
	free(text);
	delete m;
}
