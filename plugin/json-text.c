/*
 * json-text.c - strings in GCC's JSON tree (json.h) that every JSON parser
 * accepts.
 *
 * GCC's own json::string prints a string's bytes as they are, escaping
 * only '"', '\\', \b, \f, \n, \r and \t, and GCC 11 prints '\\' as "\n"
 * (fixed in GCC 12).  A file name is bytes, not UTF-8: one with a
 * backslash, another control character (\001) or in Latin-1 ("lat\374.c")
 * made the manifest and the SARIF log wrong or invalid JSON, and
 * initcheck-report then dropped the unit's whole manifest.  So every
 * string the plugin writes is this class instead: a control character
 * becomes \u00XX, a byte that does not start a well-formed UTF-8 sequence
 * becomes \ufffd (the replacement character), and valid UTF-8
 * ("ünïcode.c") is kept as it is.
 */
#include "initcheck.h"

/* The length of the well-formed UTF-8 sequence at S (RFC 3629: no
   overlong forms, no surrogates, nothing above U+10FFFF), or 0. */
size_t ic_utf8_length(const unsigned char *s)
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

class ic_json_string : public json::value {
public:
	explicit ic_json_string(const char *s) : m_s(xstrdup(s)) {}
	~ic_json_string() { free(m_s); }
	enum json::kind get_kind() const final override
	{
		return json::JSON_STRING;
	}
	void print(IC_JSON_PRINT_PARAMS) const final override;

private:
	char *m_s;
};

void ic_json_string::print(IC_JSON_PRINT_PARAMS) const
{
	const unsigned char *s = (const unsigned char *)m_s;
	size_t n;

	pp_character(pp, '"');
	while (*s) {
		if (*s == '"' || *s == '\\') {
			pp_character(pp, '\\');
			pp_character(pp, *s++);
		} else if (*s < 0x20) {
			char esc[8];

			/* snprintf: pp_printf has no field widths. */
			snprintf(esc, sizeof(esc), "\\u%04x", *s++);
			pp_string(pp, esc);
		} else if (*s < 0x80) {
			pp_character(pp, *s++);
		} else if ((n = ic_utf8_length(s)) != 0) {
			while (n--)
				pp_character(pp, *s++);
		} else {
			pp_string(pp, "\\ufffd");
			s++;
		}
	}
	pp_character(pp, '"');
}

json::value *ic_json_str(const char *s)
{
	return new ic_json_string(s);
}

/* V as JSON text, in memory the caller frees. */
char *ic_json_text(json::value *v)
{
	pretty_printer pp;

	ic_json_print(v, &pp);
	return xstrdup(pp_formatted_text(&pp));
}
