/*
 * manifest.c - what this translation unit gives back when init memory is
 * freed, carried inside the object it compiles to.
 *
 * At PLUGIN_FINISH_UNIT (GCC has written all code and data, and only the
 * end-of-file directives are left) the plugin appends one record to the
 * non-allocated section .discard.initcheck:
 *
 *	"INITCHK1"			magic
 *	u32 json_length
 *	u32 n				number of section sizes
 *	u32 size[n]			.Lend - SECTION, computed by the assembler
 *	json_length bytes of JSON	the manifest (docs/manifest.md)
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
 *
 * Function sizes are not in the record: the object's symbol table has them
 * (st_size, from GCC's own .size directive), and initcheck-report reads
 * them from there.  A JSON side file, written only when
 * -fplugin-arg-initcheck-manifest=PATH asks for one, has no assembler to
 * ask: its section and function sizes are null ("sizes_exact": false).
 */
#include "initcheck.h"
#include "json.h"
#include "plugin-version.h"

#define IC_MANIFEST_VERSION 1
#define IC_MANIFEST_SECTION ".discard.initcheck"

struct ic_section_set {
	const char *names[64];
	unsigned n;
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
	if (set->n < ARRAY_SIZE(set->names))
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

	o->set("name", new json::string(
		IDENTIFIER_POINTER(DECL_ASSEMBLER_NAME(decl))));
	o->set("kind", new json::string(p->is_function ? "function"
					: "variable"));
	o->set("section", new json::string(p->section));
	o->set("class", new json::string(ic_class_name(p->cls)));
	o->set("global", new json::literal(TREE_PUBLIC(decl) ? true : false));
	o->set("file", new json::string(x.file ? x.file : ""));
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

/* Which rule a reference from FROM would break if the symbol turned out,
   in another translation unit, to be init, meminit or exit: the report
   judges cross-unit references with this table, not a copy of rules.c. */
static json::object *forbidden_json(const struct ic_ref *r,
				    const struct ic_place *from)
{
	static const enum ic_class targets[] = { IC_INIT, IC_MEMINIT,
						 IC_EXIT };
	json::object *o = new json::object;
	char buf[64];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(targets); i++) {
		struct ic_place to = { targets[i], "", NULL,
				       TREE_CODE(r->to) == FUNCTION_DECL,
				       false };
		const struct ic_rule *rule = ic_rule_for(from, &to);
		enum ic_severity sev;

		if (!rule || ic_exempt(r->from, from, r->to, &to))
			continue;
		sev = ic_rule_severity(rule);
		if (sev == IC_IGNORE)
			continue;
		snprintf(buf, sizeof(buf), "%s:%s", rule->name,
			 sev == IC_ERROR ? "error" : "warning");
		o->set(ic_class_name(targets[i]), new json::string(buf));
	}
	return o;
}

/* References to symbols this unit does not define, first one per
   (source, symbol): the report's half of the cross-unit check. */
static json::array *references_json(void)
{
	json::array *a = new json::array;
	hash_set<tree> seen_to;
	unsigned i, j, n = ic_refs_count();

	for (i = 0; i < n; i++) {
		const struct ic_ref *r = ic_ref_at(i);
		struct ic_place from;
		expanded_location x;
		json::object *o;
		bool dup = false;

		if (!r->from || !TREE_PUBLIC(r->to) || !DECL_EXTERNAL(r->to))
			continue;
		for (j = 0; j < i && !dup; j++)
			dup = ic_ref_at(j)->from == r->from
			      && ic_ref_at(j)->to == r->to;
		if (dup)
			continue;
		ic_classify(r->from, &from);
		x = expand_location(r->loc);
		o = new json::object;
		o->set("symbol", new json::string(
			IDENTIFIER_POINTER(DECL_ASSEMBLER_NAME(r->to))));
		o->set("from", new json::string(
			DECL_NAME(r->from) ? IDENTIFIER_POINTER(
				DECL_NAME(r->from)) : "<compound literal>"));
		o->set("from_section", new json::string(from.section));
		o->set("kind", new json::string(r->kind == IC_REF_CALL ? "call"
						: "reference"));
		o->set("file", new json::string(x.file ? x.file : ""));
		o->set("line", new json::integer_number(x.line));
		o->set("column", new json::integer_number(x.column));
		o->set("forbidden", forbidden_json(r, &from));
		a->append(o);
	}
	return a;
}

/* The JSON manifest; SECTIONS gets the reclaimable sections in the order
   of the size table. */
static json::object *build(struct ic_section_set *sections, bool exact)
{
	json::object *m = new json::object;
	json::array *syms = new json::array, *secs = new json::array;
	symtab_node *node;
	unsigned i;
	bool lto_only = flag_generate_lto && !flag_fat_lto_objects;
	char *target = target_triple();
	char compiler[64];

	m->set("version", new json::integer_number(IC_MANIFEST_VERSION));
	m->set("tu", new json::string(main_input_filename
				      ? main_input_filename : ""));
	m->set("output", new json::string(aux_base_name ? aux_base_name
					  : ""));
	m->set("target", new json::string(target));
	m->set("pointer_bytes", new json::integer_number(POINTER_SIZE_UNITS));
	snprintf(compiler, sizeof(compiler), "GCC %s", gcc_version.basever);
	m->set("compiler", new json::string(compiler));
	m->set("sizes_exact", new json::literal(exact));
	m->set("lto_only", new json::literal(lto_only));
	free(target);

	/* What GCC wrote: every function and variable it output, clones
	   (foo.constprop.0) included, in the sections that go away. */
	if (!lto_only) {
		FOR_EACH_SYMBOL(node) {
			struct ic_place p;

			if (!TREE_ASM_WRITTEN(node->decl)
			    || (TREE_CODE(node->decl) != FUNCTION_DECL
				&& !VAR_P(node->decl)))
				continue;
			ic_classify(node->decl, &p);
			if (!is_reclaimable(p.cls))
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
		s->set("name", new json::string(sections->names[i]));
		s->set("class", new json::string(ic_class_name(p.cls)));
		if (!exact || !is_symbol_name(sections->names[i]))
			s->set("bytes", new json::literal(json::JSON_NULL));
		secs->append(s);
	}
	m->set("sections", secs);
	m->set("symbols", syms);
	m->set("references", references_json());
	return m;
}

/* The JSON text as .ascii lines, escaped for the assembler. */
static void emit_ascii(FILE *out, const char *s, size_t len)
{
	size_t i, col = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = s[i];

		if (col == 0)
			fputs("\t.ascii\t\"", out);
		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			fprintf(out, "\\%03o", c);
		else
			fputc(c, out);
		if (++col == 64 || i + 1 == len) {
			fputs("\"\n", out);
			col = 0;
		}
	}
}

static void emit_record(const struct ic_section_set *sections,
			const char *json_text)
{
	FILE *out = asm_out_file;
	size_t len = strlen(json_text);
	unsigned i;

	/* End labels after all GCC wrote into each section. */
	for (i = 0; i < sections->n; i++)
		if (is_symbol_name(sections->names[i]))
			fprintf(out, "\t.pushsection\t%s\n.Linitcheck_end%u:\n"
				"\t.popsection\n", sections->names[i], i);

	fprintf(out, "\t.pushsection\t%s,\"\",%%progbits\n",
		IC_MANIFEST_SECTION);
	fputs("\t.ascii\t\"INITCHK1\"\n", out);
	fprintf(out, "\t.4byte\t%lu\n\t.4byte\t%u\n", (unsigned long)len,
		sections->n);
	for (i = 0; i < sections->n; i++) {
		if (is_symbol_name(sections->names[i]))
			fprintf(out, "\t.4byte\t.Linitcheck_end%u - %s\n", i,
				sections->names[i]);
		else
			fputs("\t.4byte\t0xffffffff\n", out);
	}
	emit_ascii(out, json_text, len);
	fputs("\t.popsection\n", out);
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

	if ((n && path[n - 1] == '/')
	    || (stat(path, &st) == 0 && S_ISDIR(st.st_mode))) {
		/* Units of the same name in other directories must not
		   overwrite each other: the name carries a hash of the
		   output's path. */
		for (p = out; *p; p++)
			h = h * 33 + (unsigned char)*p;
		return xasprintf("%s%s%s-%08lx.initcheck.json", path,
				 n && path[n - 1] == '/' ? "" : "/", base,
				 h & 0xffffffffUL);
	}
	return xstrdup(path);
}

/* Written to a temporary file in the same directory and renamed: a
   parallel build never sees half a manifest. */
static void write_side_file(const char *path, const char *text)
{
	char *name = side_file_name(path);
	char *tmp = xasprintf("%s.tmp%ld", name, (long)getpid());
	FILE *f = fopen(tmp, "w");
	bool ok = f != NULL;

	if (ok)
		ok = fputs(text, f) >= 0 && fputc('\n', f) != EOF;
	if (f && fclose(f) != 0)
		ok = false;
	if (!ok || rename(tmp, name) != 0) {
		error("%s: cannot write manifest %qs: %m", IC_NAME, name);
		unlink(tmp);
	}
	free(tmp);
	free(name);
}

static char *to_text(json::object *m)
{
	pretty_printer pp;

	m->print(&pp);
	return xstrdup(pp_formatted_text(&pp));
}

/* PLUGIN_FINISH_UNIT: only when GCC writes assembly (-c, -S), never under
   -fsyntax-only or -E. */
void ic_manifest_finish_unit(void)
{
	struct ic_section_set sections = { {}, 0 };
	json::object *m;
	char *text;

	if (seen_error())
		return;
	m = build(&sections, true);
	text = to_text(m);
	if (asm_out_file)
		emit_record(&sections, text);
	free(text);
	delete m;

	if (ic_opts.manifest) {
		struct ic_section_set again = { {}, 0 };

		m = build(&again, false);
		text = to_text(m);
		write_side_file(ic_opts.manifest, text);
		free(text);
		delete m;
	}
}
