/* i18n.c - GNU .mo loader, lookup and Accept-Language negotiation.
 *
 * The .mo layout (GNU gettext manual, "The Format of GNU MO Files"): a
 * 28-byte header of seven 32-bit words in the writer's byte order (magic,
 * revision, N, offset of the msgid table O, offset of the msgstr table T,
 * hash size S, hash offset H), then two tables of N (length, offset) pairs.
 * Each string is `length` bytes followed by a NUL; plural forms are several
 * strings separated by NULs inside one length.  msgfmt sorts the msgids, so
 * lookup is a binary search and the hash table is checked but not used.
 */
#include "web/i18n.h"

#include "base/asset.h"
#include "base/limits.h"
#include "base/mem.h"
#include "base/str.h"

#define MO_MAGIC	0x950412deU
#define MO_HEADER	28
#define MAX_CATALOGUES	8

struct entry {
	const char	*id;
	const char	*str;
};

struct wb_locale {
	char		 lang[WB_MAX_LANG_TAG + 1];
	char		*data;		/* owned copy of the .mo bytes */
	size_t		 n;
	struct entry	*e;		/* sorted by id (strcmp) */
	size_t		 count;
};

struct mo {
	const unsigned char	*p;
	size_t			 n;
	bool			 be;
};

struct cand {
	int	q;		/* thousandths; -1 = not mentioned */
	size_t	pos;		/* list element that gave q */
};

static bool	lang_valid(const char *lang);
static uint32_t	word(const struct mo *mo, size_t off);
static int	string_at(const struct mo *mo, size_t tab, size_t i,
		    bool is_id, const char **out, struct wb_err *err);
static bool	segments_valid(const char *s, size_t n, bool is_id);
static int	check_charset(const char *header, struct wb_err *err);
static int	parse_qvalue(const char *s, size_t n);
static int	parse_element(const char *s, size_t n, int *q);
static void	note(struct cand *c, int q, size_t pos);

/* The catalogues loaded by wb_i18n_init(); written only before threads. */
static struct wb_locale	*loaded[MAX_CATALOGUES];
static size_t		 nloaded;
static bool		 initialised;

/* True when `lang` is 1..WB_MAX_LANG_TAG of [A-Za-z0-9_-]. */
static bool
lang_valid(const char *lang)
{
	size_t	i;

	if (lang == NULL)
		return false;
	for (i = 0; lang[i] != '\0'; i++) {
		char c = lang[i];

		if (i >= WB_MAX_LANG_TAG)
			return false;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '_' || c == '-'))
			return false;
	}
	return i > 0;
}

/* The 32-bit word at byte `off` (caller checked off + 4 <= n), read
 * byte by byte because embedded data need not be aligned. */
static uint32_t
word(const struct mo *mo, size_t off)
{
	const unsigned char	*b = mo->p + off;

	if (mo->be)
		return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
		    (uint32_t)b[2] << 8 | (uint32_t)b[3];
	return (uint32_t)b[3] << 24 | (uint32_t)b[2] << 16 |
	    (uint32_t)b[1] << 8 | (uint32_t)b[0];
}

/* True when every NUL-separated part (and, in a msgid, every part around
 * the msgctxt separator EOT) of s[0..n) is valid UTF-8. */
static bool
segments_valid(const char *s, size_t n, bool is_id)
{
	size_t	i, start = 0;

	for (i = 0; i <= n; i++) {
		if (i < n && s[i] != '\0' && !(is_id && s[i] == '\004'))
			continue;
		if (!wb_utf8_valid(s + start, i - start, true))
			return false;
		start = i + 1;
	}
	return true;
}

/* Entry `i` of the string table at `tab`: checks that the string lies
 * inside the file, ends in a NUL and is valid UTF-8. */
static int
string_at(const struct mo *mo, size_t tab, size_t i, bool is_id,
    const char **out, struct wb_err *err)
{
	size_t	pos = tab + i * 8;	/* table bounds checked by caller */
	size_t	len = word(mo, pos);
	size_t	off = word(mo, pos + 4);

	if (off >= mo->n || len >= mo->n - off)
		return wb_err_set(err, WB_EINVAL,
		    "vertaalcatalogus: tekst %zu ligt buiten het bestand", i);
	if (mo->p[off + len] != '\0')
		return wb_err_set(err, WB_EINVAL,
		    "vertaalcatalogus: tekst %zu eindigt niet op NUL", i);
	if (!segments_valid((const char *)mo->p + off, len, is_id))
		return wb_err_set(err, WB_EINVAL,
		    "vertaalcatalogus: tekst %zu is geen geldige UTF-8", i);
	*out = (const char *)mo->p + off;
	return 0;
}

/* A charset declared in the header entry must be UTF-8. */
static int
check_charset(const char *header, struct wb_err *err)
{
	const char	*p = strstr(header, "charset=");
	size_t		 n = 0;

	if (p == NULL)
		return 0;
	p += strlen("charset=");
	while (p[n] != '\0' && p[n] != '\n' && p[n] != ' ' && p[n] != ';' &&
	    p[n] != '\t' && p[n] != '\r')
		n++;
	if (!wb_str_caseeq((struct wb_str){ p, n }, "UTF-8"))
		return wb_err_set(err, WB_EINVAL,
		    "vertaalcatalogus: tekenset is niet UTF-8");
	return 0;
}

int
wb_locale_parse(const char *lang, const char *data, size_t n,
    struct wb_locale **out, struct wb_err *err)
{
	struct wb_locale	*loc = NULL;
	struct mo		 mo;
	uint32_t		 count, otab, ttab, hsize, hoff;
	size_t			 i;
	int			 rc = 0;

	*out = NULL;
	if (!lang_valid(lang))
		return wb_err_set(err, WB_EINVAL,
		    "vertaalcatalogus: ongeldige taalnaam");
	if (n > WB_MAX_MO)
		return wb_err_set(err, WB_ETOOBIG,
		    "vertaalcatalogus: groter dan %d bytes", WB_MAX_MO);
	if (data == NULL || n < MO_HEADER)
		return wb_err_set(err, WB_EINVAL,
		    "vertaalcatalogus: te kort");

	mo.p = (const unsigned char *)data;
	mo.n = n;
	mo.be = false;
	if (word(&mo, 0) != MO_MAGIC) {
		mo.be = true;
		if (word(&mo, 0) != MO_MAGIC)
			return wb_err_set(err, WB_EINVAL,
			    "vertaalcatalogus: geen .mo-bestand");
	}
	if (word(&mo, 4) >> 16 != 0)
		return wb_err_set(err, WB_EINVAL,
		    "vertaalcatalogus: onbekende revisie");
	count = word(&mo, 8);
	otab = word(&mo, 12);
	ttab = word(&mo, 16);
	hsize = word(&mo, 20);
	hoff = word(&mo, 24);
	/* n <= WB_MAX_MO, so none of these sums can overflow a size_t. */
	if (count > n / 16 || otab > n || n - otab < (size_t)count * 8 ||
	    ttab > n || n - ttab < (size_t)count * 8)
		return wb_err_set(err, WB_EINVAL,
		    "vertaalcatalogus: tabel ligt buiten het bestand");
	if (hsize != 0 && (hsize > n / 4 || hoff > n ||
	    n - hoff < (size_t)hsize * 4))
		return wb_err_set(err, WB_EINVAL,
		    "vertaalcatalogus: hashtabel ligt buiten het bestand");

	loc = wb_xcalloc(1, sizeof(*loc));
	memcpy(loc->lang, lang, strlen(lang) + 1);
	loc->data = wb_xmalloc(n);
	memcpy(loc->data, data, n);
	loc->n = n;
	loc->count = count;
	loc->e = wb_xcalloc(count, sizeof(*loc->e));
	mo.p = (const unsigned char *)loc->data;

	for (i = 0; i < count; i++) {
		rc = string_at(&mo, otab, i, true, &loc->e[i].id, err);
		if (rc != 0)
			goto out;
		rc = string_at(&mo, ttab, i, false, &loc->e[i].str, err);
		if (rc != 0)
			goto out;
		if (i > 0 && strcmp(loc->e[i - 1].id, loc->e[i].id) >= 0) {
			rc = wb_err_set(err, WB_EINVAL,
			    "vertaalcatalogus: msgids niet gesorteerd bij %zu",
			    i);
			goto out;
		}
	}
	if (count > 0 && loc->e[0].id[0] == '\0') {
		rc = check_charset(loc->e[0].str, err);
		if (rc != 0)
			goto out;
	}
	*out = loc;
	loc = NULL;
out:
	wb_locale_free(loc);
	return rc;
}

void
wb_locale_free(struct wb_locale *loc)
{
	if (loc == NULL)
		return;
	free(loc->e);
	free(loc->data);
	free(loc);
}

const char *
wb_locale_lang(const struct wb_locale *loc)
{
	return loc->lang;
}

size_t
wb_locale_count(const struct wb_locale *loc)
{
	return loc->count;
}

const char *
wb_tr(const void *trctx, const char *msgid)
{
	const struct wb_locale	*loc = trctx;
	size_t			 lo, hi, mid;
	int			 c;

	if (WB_NEVER(msgid == NULL))
		return "";
	if (loc == NULL || msgid[0] == '\0')
		return msgid;
	lo = 0;
	hi = loc->count;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(msgid, loc->e[mid].id);
		if (c == 0)
			return loc->e[mid].str[0] != '\0' ? loc->e[mid].str :
			    msgid;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return msgid;
}

int
wb_i18n_init(struct wb_err *err)
{
	const struct wb_asset	*a;
	struct wb_err		 e;
	char			 lang[WB_MAX_LANG_TAG + 2];
	size_t			 len;
	int			 rc = 0;

	if (initialised)
		return 0;
	wb_err_clear(&e);
	for (a = wb_locales; a->name != NULL; a++) {
		len = strlen(a->name);
		if (len < 4 || strcmp(a->name + len - 3, ".mo") != 0)
			continue;
		len -= 3;
		if (len > WB_MAX_LANG_TAG) {
			rc = wb_err_set(err, WB_EINVAL,
			    "vertaalcatalogus %s: taalnaam te lang", a->name);
			goto out;
		}
		memcpy(lang, a->name, len);
		lang[len] = '\0';
		if (strcmp(lang, "nl") == 0)
			continue;	/* the source language */
		if (nloaded == MAX_CATALOGUES) {
			rc = wb_err_set(err, WB_ETOOBIG,
			    "meer dan %d vertaalcatalogi", MAX_CATALOGUES);
			goto out;
		}
		rc = wb_locale_parse(lang, a->data, a->len, &loaded[nloaded],
		    &e);
		if (rc != 0) {
			rc = wb_err_set(err, rc, "%s: %s", a->name, e.msg);
			goto out;
		}
		nloaded++;
	}
	initialised = true;
out:
	if (rc != 0)
		wb_i18n_fini();
	return rc;
}

void
wb_i18n_fini(void)
{
	size_t	i;

	for (i = 0; i < nloaded; i++) {
		wb_locale_free(loaded[i]);
		loaded[i] = NULL;
	}
	nloaded = 0;
	initialised = false;
}

const struct wb_locale *
wb_i18n_get(const char *lang)
{
	size_t	i;

	if (lang == NULL)
		return NULL;
	for (i = 0; i < nloaded; i++)
		if (strcmp(loaded[i]->lang, lang) == 0)
			return loaded[i];
	return NULL;
}

/* An RFC 9110 qvalue ("0", "0.5", "1.000") in thousandths, or -1. */
static int
parse_qvalue(const char *s, size_t n)
{
	size_t	i;
	int	v, scale = 100;

	if (n == 0 || (s[0] != '0' && s[0] != '1'))
		return -1;
	v = (s[0] - '0') * 1000;
	if (n == 1)
		return v;
	if (s[1] != '.' || n > 5)
		return -1;
	for (i = 2; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v += (s[i] - '0') * scale;
		scale /= 10;
	}
	return v > 1000 ? -1 : v;
}

/* Classify one list element: 1 = "en", 2 = "nl", 3 = "*", 0 = another
 * language, -1 = malformed; its weight goes to *q. */
static int
parse_element(const char *s, size_t n, int *q)
{
	size_t	i = 0, start, sub, first = 0;
	bool	star = false;
	int	kind;

	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	start = i;
	if (i < n && s[i] == '*') {
		i++;
		star = true;
	} else {
		for (;;) {
			sub = i;
			while (i < n && i - sub < 9 &&
			    ((s[i] >= 'a' && s[i] <= 'z') ||
			    (s[i] >= 'A' && s[i] <= 'Z') ||
			    (sub != start && s[i] >= '0' && s[i] <= '9')))
				i++;
			if (i == sub || i - sub > 8)
				return -1;
			if (sub == start)
				first = i - start;
			if (i < n && s[i] == '-') {
				i++;
				continue;
			}
			break;
		}
	}
	if (star)
		kind = 3;
	else if (first == 2 && wb_str_caseeq((struct wb_str){ s + start, 2 },
	    "en"))
		kind = 1;
	else if (first == 2 && wb_str_caseeq((struct wb_str){ s + start, 2 },
	    "nl"))
		kind = 2;
	else
		kind = 0;

	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	*q = 1000;
	if (i == n)
		return kind;
	if (s[i] != ';')
		return -1;
	i++;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (n - i < 2 || (s[i] != 'q' && s[i] != 'Q') || s[i + 1] != '=')
		return -1;
	i += 2;
	start = i;
	while (i < n && s[i] != ' ' && s[i] != '\t')
		i++;
	*q = parse_qvalue(s + start, i - start);
	if (*q < 0)
		return -1;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i == n ? kind : -1;
}

/* Remember the highest weight seen for one candidate (first one wins). */
static void
note(struct cand *c, int q, size_t pos)
{
	if (q > c->q) {
		c->q = q;
		c->pos = pos;
	}
}

const char *
wb_i18n_negotiate(const char *header, size_t n)
{
	struct cand	en = { -1, 0 }, nl = { -1, 0 }, star = { -1, 0 };
	size_t		i = 0, start, pos = 0;
	int		kind, q;

	if (header == NULL || n > WB_MAX_HEADER)
		return "nl";
	while (i < n) {
		start = i;
		while (i < n && header[i] != ',')
			i++;
		kind = parse_element(header + start, i - start, &q);
		if (kind == 1)
			note(&en, q, pos);
		else if (kind == 2)
			note(&nl, q, pos);
		else if (kind == 3)
			note(&star, q, pos);
		pos++;
		i++;		/* past the comma */
	}
	/* "*" stands for every language not named explicitly. */
	if (en.q < 0)
		en = star;
	if (nl.q < 0)
		nl = star;
	if (en.q > 0 && (en.q > nl.q || (en.q == nl.q && en.pos < nl.pos)))
		return "en";
	return "nl";
}
