/*
 * toplevel-asm.c - references made by top-level asm statements.
 *
 * Where the kernel has PREL32 relocations (x86_64, arm64, ...) it emits the
 * export table and PCI fixup tables from asm, not from C variables:
 *
 *	asm(".section \"___ksymtab+foo\", \"a\"\n"
 *	    "__ksymtab_foo: .long foo - .\n" ...);
 *
 * so EXPORT_SYMBOL(foo) of an __init foo is only visible in the asm text.
 * This reads the section directives and the data directives' operands of
 * each top-level asm statement and records a reference, from that section,
 * to every function or variable of this translation unit they name.
 *
 * An asm statement has no location of its own in GCC 12; it gets the one of
 * the declaration parsed just before it (for EXPORT_SYMBOL, the macro's
 * __ADDRESSABLE variable: the line of the EXPORT_SYMBOL).
 */
#include "initcheck.h"

#define IC_SECTION_MAX 256

static asm_node *last_asm;		/* the last statement read */
static location_t last_decl_loc;	/* of the declaration before it */
static vec<const char *> asm_sections;	/* every section the asm names */

/* The I-th section named by a top-level asm statement, or NULL: the
   manifest's sections that no C declaration puts anything in (the
   kernel's initcalls on x86_64). */
const char *ic_asm_section_at(unsigned i)
{
	return i < asm_sections.length() ? asm_sections[i] : NULL;
}

static void note_section(const char *name)
{
	const char *interned = IDENTIFIER_POINTER(get_identifier(name));
	unsigned i;

	for (i = 0; i < asm_sections.length(); i++)
		if (asm_sections[i] == interned)
			return;
	asm_sections.safe_push(interned);
}

/* DECL was declared: a name the asm may use (symbols.c), and the location
   the next asm statement gets.  Whether it is such a name, which
   symbols.c keeps alive across garbage collections. */
bool ic_asm_note_decl(tree decl)
{
	last_decl_loc = DECL_SOURCE_LOCATION(decl);
	return ic_symbols_note(decl);
}

/* Copy the section name that starts at P (quoted or not) into BUF. */
static void section_name(const char *p, char *buf)
{
	size_t n = 0;

	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '"') {
		for (p++; *p && *p != '"' && n < IC_SECTION_MAX - 1; p++)
			buf[n++] = *p;
	} else {
		for (; *p && !strchr(" \t,;", *p) && n < IC_SECTION_MAX - 1; p++)
			buf[n++] = *p;
	}
	buf[n] = '\0';
}

static bool is_ident_start(char c)
{
	return ISALPHA(c) || c == '_' || c == '.' || c == '$';
}

/* Every identifier in a data directive's operands that names a decl. */
static void operands(const char *p, const char *end, const char *section,
		     location_t loc)
{
	while (p < end) {
		const char *s;
		tree decl;

		if (ISDIGIT(*p)) {		/* 16, 0x10, 1f */
			while (p < end && ISALNUM(*p))
				p++;
			continue;
		}
		if (!is_ident_start(*p)) {
			p++;
			continue;
		}
		for (s = p; p < end && (ISALNUM(*p) || strchr("_.$", *p)); p++)
			;
		if (p - s == 1 && *s == '.')
			continue;
		decl = ic_symbol_by_id(get_identifier_with_length(s, p - s));
		if (decl)
			/* Interned: identifiers outlive garbage collection. */
			ic_record_asm_ref(IDENTIFIER_POINTER(
					  get_identifier(section)), decl, loc);
	}
}

static void scan_text(const char *text, location_t loc)
{
	static const char *const data_ops[] = {
		".long", ".quad", ".int", ".word", ".4byte", ".8byte",
		".dc.a", ".xword",
	};
	char section[IC_SECTION_MAX] = ".text", previous[IC_SECTION_MAX] = "";
	const char *line = text, *end;
	size_t i, len;
	bool dot;

	for (; *line; line = *end ? end + 1 : end) {
		end = line + strcspn(line, "\n;");
		while (line < end && (*line == ' ' || *line == '\t'))
			line++;
		len = end - line;
		/* Every directive looked for starts with '.': a line that
		   does not (an instruction, a label) is told by one test,
		   not by a dozen strncmp (kernel/sched/core.c's asm is
		   mostly instructions). */
		dot = *line == '.';
		if (dot && len > 9 && !strncmp(line, ".section", 8)) {
			strcpy(previous, section);
			section_name(line + 8, section);
			note_section(section);
		} else if (dot && len > 13
			   && !strncmp(line, ".pushsection", 12)) {
			strcpy(previous, section);
			section_name(line + 12, section);
			note_section(section);
		} else if (dot && (!strncmp(line, ".previous", 9)
				   || !strncmp(line, ".popsection", 11))) {
			strcpy(section, previous[0] ? previous : ".text");
		} else if (dot && !strncmp(line, ".text", 5) && len == 5) {
			strcpy(section, ".text");
		} else if (dot && !strncmp(line, ".data", 5) && len == 5) {
			strcpy(section, ".data");
		} else {
			/* "label: .long sym - ." too */
			const char *colon = (const char *)memchr(line, ':', len);

			if (colon && colon + 1 < end)
				line = colon + 1 + strspn(colon + 1, " \t");
			for (i = 0; *line == '.' && i < ARRAY_SIZE(data_ops);
			     i++) {
				size_t n = strlen(data_ops[i]);

				if (!strncmp(line, data_ops[i], n)
				    && (line[n] == ' ' || line[n] == '\t'))
					operands(line + n, end, section, loc);
			}
		}
	}
}

/* Read the top-level asm statements parsed since the last call.  Called
   from every declaration callback and once more before judging; the list
   is gone once GCC has output it, so later calls find nothing new. */
void ic_scan_toplevel_asm(void)
{
	asm_node *a = symtab->first_asm_symbol();

	if (!a) {
		last_asm = NULL;
		return;
	}
	for (a = last_asm ? last_asm->next : a; a; a = a->next) {
		/* Where a macro made both (EXPORT_SYMBOL), the line that used
		   it. */
		location_t loc = linemap_resolve_location(line_table,
			last_decl_loc, LRK_MACRO_EXPANSION_POINT, NULL);

		if (TREE_CODE(a->asm_str) == STRING_CST)
			scan_text(TREE_STRING_POINTER(a->asm_str), loc);
		last_asm = a;
	}
}

void ic_asm_release(void)
{
	asm_sections.release();
	last_asm = NULL;
}
