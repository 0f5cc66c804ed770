/*
 * table-text.c - the record's references table as text: tab-separated
 * values (IANA text/tab-separated-values), a header line of column names
 * and one line a row, with the escapes of "linear TSV" (\t, \n, \r, \\)
 * for the bytes a field cannot hold.  A byte that does not start a
 * well-formed UTF-8 sequence becomes U+FFFD, as in json-text.c: the
 * report gives these strings back as JSON (--manifests).
 *
 * Why not JSON there too: reading the records is most of what
 * initcheck-report does on a kernel, and the references are most of each
 * manifest (15.9 of the 19.4 MB of JSON in Linux 6.12 defconfig's
 * vmlinux.o).  jansson reads JSON at about 150 instructions a byte;
 * splitting lines at tabs costs a few (docs/performance.md, "The report").
 */
#include "initcheck.h"

static void put(struct ic_table *t, const char *s, size_t n)
{
	if (t->len + n + 1 > t->cap) {
		t->cap = MAX(2 * t->cap, t->len + n + 1 + 4096);
		t->text = XRESIZEVEC(char, t->text, t->cap);
	}
	memcpy(t->text + t->len, s, n);
	t->len += n;
	t->text[t->len] = '\0';
}

/* The tab before every field but a row's first. */
static void field(struct ic_table *t)
{
	if (t->in_row)
		put(t, "\t", 1);
	t->in_row = true;
}

void ic_table_str(struct ic_table *t, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n;

	field(t);
	while (*p) {
		/* the run that needs no escape, at once */
		for (n = 0; p[n] >= 0x20 && p[n] < 0x80 && p[n] != '\\'; n++)
			;
		put(t, (const char *)p, n);
		p += n;
		if (!*p)
			break;
		if (*p == '\\' || *p == '\t' || *p == '\n' || *p == '\r') {
			char esc[2] = { '\\', *p == '\\' ? '\\' : *p == '\t'
				       ? 't' : *p == '\n' ? 'n' : 'r' };

			put(t, esc, 2);
			p++;
		} else if (*p < 0x80) {
			put(t, (const char *)p++, 1);	/* other controls */
		} else if ((n = ic_utf8_length(p)) != 0) {
			put(t, (const char *)p, n);
			p += n;
		} else {
			put(t, "\xef\xbf\xbd", 3);
			p++;
		}
	}
}

void ic_table_int(struct ic_table *t, long v)
{
	char buf[24];

	field(t);
	put(t, buf, snprintf(buf, sizeof(buf), "%ld", v));
}

void ic_table_end_row(struct ic_table *t)
{
	put(t, "\n", 1);
	t->in_row = false;
}

void ic_table_release(struct ic_table *t)
{
	XDELETEVEC(t->text);
	memset(t, 0, sizeof(*t));
}
