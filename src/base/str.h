/* str.h - string slices and strict parsing of untrusted text.
 *
 * A struct wb_str is a (pointer, length) view that does not own its bytes.
 * The parse functions accept the whole slice or nothing: no leading or
 * trailing garbage, no silent truncation (OpenBSD strtonum's spirit).
 */
#ifndef WB_STR_H
#define WB_STR_H

#include "base/common.h"

struct wb_str {
	const char	*p;
	size_t		 n;
};

#define WB_STRLIT(s)	((struct wb_str){ (s), sizeof(s) - 1 })

static inline struct wb_str
wb_str_c(const char *s)
{
	return (struct wb_str){ s, s ? strlen(s) : 0 };
}

bool	wb_str_eq(struct wb_str a, const char *b);
bool	wb_str_caseeq(struct wb_str a, const char *b);
/* True when `s` starts with `prefix`. */
bool	wb_str_prefix(const char *s, const char *prefix);

/* Parse a decimal integer in [min, max]; 0 or WB_EINVAL. */
int	wb_parse_int64(const char *s, size_t n, int64_t min, int64_t max,
	    int64_t *out) WB_WARN_UNUSED;

/* True when s[0..n) is valid UTF-8 without NUL or C0/C1 control characters
 * other than TAB, LF and CR (when allow_newlines). */
bool	wb_utf8_valid(const char *s, size_t n, bool allow_newlines);

/* Number of UTF-8 code points in a valid string. */
size_t	wb_utf8_len(const char *s, size_t n);

/* Lowercase hex of `n` bytes into out (2n+1 bytes). */
void	wb_hex(const unsigned char *in, size_t n, char *out);

/* Trim ASCII white space from both ends of a slice. */
struct wb_str wb_str_trim(struct wb_str s);

/* A form field left empty: NULL, or nothing but white space. */
bool	wb_str_blank(const char *s);

/* A typed text that fits: valid UTF-8 (newlines only when allowed, see
 * wb_utf8_valid) of at most max characters. */
bool	wb_text_fits(const char *s, size_t max, bool newlines);

/* True when s is a plausible e-mail address (local@domain.tld, ≤ 254). */
bool	wb_email_valid(const char *s, size_t n);

#endif /* WB_STR_H */
