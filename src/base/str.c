/* str.c - slices and strict parsers. */
#include "base/str.h"
#include "base/err.h"

bool
wb_str_eq(struct wb_str a, const char *b)
{
	size_t	n = strlen(b);

	return a.n == n && (n == 0 || memcmp(a.p, b, n) == 0);
}

static char
lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

bool
wb_str_caseeq(struct wb_str a, const char *b)
{
	size_t	i, n = strlen(b);

	if (a.n != n)
		return false;
	for (i = 0; i < n; i++)
		if (lower(a.p[i]) != lower(b[i]))
			return false;
	return true;
}

bool
wb_str_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

int
wb_parse_int64(const char *s, size_t n, int64_t min, int64_t max,
    int64_t *out)
{
	size_t		i = 0;
	bool		neg = false;
	uint64_t	v = 0, lim;

	if (n == 0 || n > 20)
		return WB_EINVAL;
	if (s[0] == '-') {
		neg = true;
		i = 1;
		if (n == 1)
			return WB_EINVAL;
	}
	lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (; i < n; i++) {
		unsigned d;

		if (s[i] < '0' || s[i] > '9')
			return WB_EINVAL;
		d = (unsigned)(s[i] - '0');
		if (v > (lim - d) / 10)
			return WB_EINVAL;
		v = v * 10 + d;
	}
	if (neg) {
		int64_t r = v == (uint64_t)INT64_MAX + 1 ? INT64_MIN :
		    -(int64_t)v;
		if (r < min || r > max)
			return WB_EINVAL;
		*out = r;
	} else {
		if ((int64_t)v < min || (int64_t)v > max)
			return WB_EINVAL;
		*out = (int64_t)v;
	}
	return 0;
}

bool
wb_utf8_valid(const char *s, size_t n, bool allow_newlines)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i = 0;

	while (i < n) {
		unsigned c = p[i];
		uint32_t cp;
		size_t len, k;

		if (c < 0x80) {
			if (c == '\t' || ((c == '\n' || c == '\r') &&
			    allow_newlines)) {
				i++;
				continue;
			}
			if (c < 0x20 || c == 0x7f)
				return false;
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			len = 2;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			len = 3;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			len = 4;
			cp = c & 0x07;
		} else
			return false;
		if (n - i < len)
			return false;
		for (k = 1; k < len; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				return false;
			cp = (cp << 6) | (p[i + k] & 0x3f);
		}
		if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
		    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ||
		    (cp >= 0x80 && cp <= 0x9f))
			return false;
		i += len;
	}
	return true;
}

size_t
wb_utf8_len(const char *s, size_t n)
{
	size_t	i, count = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			count++;
	return count;
}

void
wb_hex(const unsigned char *in, size_t n, char *out)
{
	static const char	digits[] = "0123456789abcdef";
	size_t			i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 15];
	}
	out[2 * n] = '\0';
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

struct wb_str
wb_str_trim(struct wb_str s)
{
	while (s.n > 0 && is_space(s.p[0])) {
		s.p++;
		s.n--;
	}
	while (s.n > 0 && is_space(s.p[s.n - 1]))
		s.n--;
	return s;
}

bool
wb_str_blank(const char *s)
{
	return s == NULL || wb_str_trim(wb_str_c(s)).n == 0;
}

bool
wb_text_fits(const char *s, size_t max, bool newlines)
{
	size_t	n = strlen(s);

	return wb_utf8_valid(s, n, newlines) && wb_utf8_len(s, n) <= max;
}

bool
wb_email_valid(const char *s, size_t n)
{
	size_t	i, at = 0, ats = 0, dot = 0;

	if (n < 5 || n > 254)
		return false;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '@') {
			ats++;
			at = i;
		} else if (c <= ' ' || c >= 0x7f || strchr("<>()[]\\,;:\"",
		    c) != NULL)
			return false;
	}
	if (ats != 1 || at == 0 || at > 64)
		return false;
	for (i = at + 1; i < n; i++)
		if (s[i] == '.')
			dot = i;
	return dot > at + 1 && dot < n - 2 && s[n - 1] != '.';
}
