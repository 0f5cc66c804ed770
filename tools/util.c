/*
 * util.c - the bottom layer of initcheck-report: messages and allocation
 * that exits with status 2 when memory runs out.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

int rc_errors;

void rc_error(const char *fmt, ...)
{
	va_list ap;

	fputs("initcheck-report: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	rc_errors++;
}

static void out_of_memory(void)
{
	fputs("initcheck-report: out of memory\n", stderr);
	exit(2);
}

void *rc_xrealloc(void *p, size_t size)
{
	p = realloc(p, size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *rc_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		out_of_memory();
	return p;
}

/* Room for element N of the array P of N elements of SIZE bytes: its
   capacity doubles at each power of two from 16, so no count of it is
   kept. */
void *rc_grow(void *p, size_t n, size_t size)
{
	if (n && (n < 16 || (n & (n - 1))))
		return p;
	if (n > ((size_t)-1 / 2) / size)
		out_of_memory();
	return rc_xrealloc(p, (n ? 2 * n : 16) * size);
}

char *rc_xstrdup(const char *s)
{
	size_t n = strlen(s ? s : "") + 1;

	return memcpy(rc_xrealloc(NULL, n), s ? s : "", n);
}

/* printf into a new string. */
char *rc_xasprintf(const char *fmt, ...)
{
	va_list ap;
	int n;
	char *s;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		out_of_memory();
	s = rc_xrealloc(NULL, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}
