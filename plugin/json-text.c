/*
 * json-text.c - GCC's JSON tree (json.h) printed as text any JSON parser
 * accepts.
 *
 * GCC 11 and 12 print a string's bytes as they are, escaping only '"',
 * '\\', \b, \f, \n, \r and \t.  A file name is bytes, not UTF-8: one with
 * another control character (\001) or in Latin-1 ("lat\374.c") made the
 * manifest and the SARIF log invalid JSON, and initcheck-report dropped
 * the unit's whole manifest.  The printer puts no control character and
 * no byte above 0x7f outside strings, so each such byte here is inside a
 * string: a control character becomes \u00XX, a byte that does not start
 * a well-formed UTF-8 sequence becomes \ufffd (the replacement
 * character), and valid UTF-8 ("ünïcode.c") is kept as it is.
 */
#include "initcheck.h"
#include "json.h"

/* The length of the well-formed UTF-8 sequence at S (RFC 3629: no
   overlong forms, no surrogates, nothing above U+10FFFF), or 0. */
static size_t utf8_length(const unsigned char *s)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xbf;
	size_t n, i;

	if (c >= 0xc2 && c <= 0xdf)
		n = 2;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4;
	else
		return 0;
	if (c == 0xe0)
		lo = 0xa0;
	else if (c == 0xed)
		hi = 0x9f;
	else if (c == 0xf0)
		lo = 0x90;
	else if (c == 0xf4)
		hi = 0x8f;
	for (i = 1; i < n; i++, lo = 0x80, hi = 0xbf)
		if (s[i] < lo || s[i] > hi)
			return 0;
	return n;
}

/* V as JSON text, in memory the caller frees. */
char *ic_json_text(json::value *v)
{
	pretty_printer pp;
	const unsigned char *s;
	char *out, *o;

	v->print(&pp);
	s = (const unsigned char *)pp_formatted_text(&pp);
	/* At most six bytes ("\ufffd") for each byte of input. */
	o = out = XNEWVEC(char, 6 * strlen((const char *)s) + 1);
	while (*s) {
		size_t n;

		if (*s < 0x20) {
			o += sprintf(o, "\\u%04x", *s++);
		} else if (*s < 0x80) {
			*o++ = *s++;
		} else if ((n = utf8_length(s)) != 0) {
			memcpy(o, s, n);
			o += n;
			s += n;
		} else {
			o += sprintf(o, "\\ufffd");
			s++;
		}
	}
	*o = '\0';
	return out;
}
