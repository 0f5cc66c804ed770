/*
 * table.c - the references table of an INITCHK3 record: tab-separated
 * text (IANA text/tab-separated-values), a header line of column names,
 * one line a row, with linear TSV's escapes \t, \n, \r and \\ for the
 * bytes a cell cannot hold (plugin/table-text.c writes it).
 *
 * The text comes from an object, so from anyone: a line is only ever
 * split within the table's own bytes, a row with more cells than the
 * reader asked for keeps the rest in its last, and an unknown escape
 * stays as it is.
 */
#include <string.h>

#include "report.h"

/* Undo the escapes of the cell at S, in place (it only gets shorter). */
static void unescape(char *s)
{
	static const char code[] = "tnr\\", byte[] = "\t\n\r\\";
	char *w = s;

	for (; *s; s++) {
		const char *k;

		if (*s == '\\' && s[1] && (k = strchr(code, s[1]))) {
			*w++ = byte[k - code];
			s++;
		} else {
			*w++ = *s;
		}
	}
	*w = '\0';
}

/* The next line of the table at *AT, split into at most MAX cells: how
   many, or -1 at END (the table's terminating NUL).  The cells point into
   the text, which gets NULs where the tabs and the newline were. */
int rc_table_row(char **at, char *end, char **cells, int max)
{
	char *p = *at, *nl;
	int n = 0;

	if (p >= end)
		return -1;
	nl = memchr(p, '\n', (size_t)(end - p));
	if (!nl)
		nl = end;	/* a last line without its newline */
	*nl = '\0';
	*at = nl + (nl < end);
	while (n < max) {
		/* memchr: a NUL in a cell ends that cell's string, not the row */
		char *tab = n + 1 < max ? memchr(p, '\t', (size_t)(nl - p))
			    : NULL;

		cells[n++] = p;
		if (!tab)
			break;
		*tab = '\0';
		p = tab + 1;
	}
	for (int i = 0; i < n; i++)
		if (strchr(cells[i], '\\'))
			unescape(cells[i]);
	return n;
}
