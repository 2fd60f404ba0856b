/* multipart.c - strict multipart/form-data decoder (RFC 7578, RFC 2046). */
#include "web/multipart.h"
#include "base/limits.h"

/* One `; key=value` parameter of a header value. */
struct param {
	struct wb_str	 key;
	struct wb_str	 value;
	bool		 quoted;
};

/* What a part's Content-Disposition said. */
struct disposition {
	struct wb_str	 name;
	bool		 have_name;
	bool		 file;		/* a filename parameter was present */
};

static const char *find(const char *s, size_t n, const char *needle,
		    size_t m);
static bool	is_tchar(char c);
static bool	is_bchar(char c);
static size_t	skip_ows(const char *s, size_t n, size_t i);
static int	next_param(const char *s, size_t n, size_t *i,
		    struct param *p);
static bool	clean_name(struct wb_str s, size_t max);
static int	disposition(struct wb_str v, struct disposition *d,
		    struct wb_err *err);
static int	header(const char *s, size_t n, struct disposition *d,
		    bool *have_cd, bool *have_ct, struct wb_err *err);
static int	part(struct wb_arena *a, const char *body, size_t n,
		    size_t *pos, const char *delim, size_t dl,
		    struct wb_field *f, struct wb_err *err);

/* The first occurrence of needle[0..m) in s[0..n), or NULL (memmem is a
 * GNU extension). */
static const char *
find(const char *s, size_t n, const char *needle, size_t m)
{
	const char	*p, *end;

	if (m == 0 || n < m)
		return NULL;
	end = s + (n - m);
	for (p = s; p <= end; p++) {
		p = memchr(p, needle[0], (size_t)(end - p) + 1);
		if (p == NULL)
			return NULL;
		if (memcmp(p, needle, m) == 0)
			return p;
	}
	return NULL;
}

/* True for an RFC 9110 token character. */
static bool
is_tchar(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') ||
	    (c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL);
}

/* True for an RFC 2046 boundary character (bchars, space included). */
static bool
is_bchar(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') ||
	    (c != '\0' && strchr("'()+_,-./:=? ", c) != NULL);
}

/* The index of the first byte at or after `i` that is not SP or TAB. */
static size_t
skip_ows(const char *s, size_t n, size_t i)
{
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

/* Read the parameter starting at s[*i] (white space, ';', key '=' value,
 * where value is a token or a quoted string taken literally, without
 * backslash escapes).  Returns 0 with *p filled, 1 at the end of s, or
 * WB_EINVAL on malformed text. */
static int
next_param(const char *s, size_t n, size_t *i, struct param *p)
{
	size_t	j, start;

	j = skip_ows(s, n, *i);
	if (j == n) {
		*i = n;
		return 1;
	}
	if (s[j] != ';')
		return WB_EINVAL;
	j = skip_ows(s, n, j + 1);
	start = j;
	while (j < n && is_tchar(s[j]))
		j++;
	if (j == start || j == n || s[j] != '=')
		return WB_EINVAL;
	p->key = (struct wb_str){ s + start, j - start };
	j++;
	if (j < n && s[j] == '"') {
		start = ++j;
		while (j < n && s[j] != '"')
			j++;
		if (j == n)
			return WB_EINVAL;
		p->value = (struct wb_str){ s + start, j - start };
		p->quoted = true;
		j++;
	} else {
		start = j;
		while (j < n && is_tchar(s[j]))
			j++;
		if (j == start)
			return WB_EINVAL;
		p->value = (struct wb_str){ s + start, j - start };
		p->quoted = false;
	}
	*i = j;
	return 0;
}

int
wb_multipart_boundary(const char *ct, struct wb_str *out, struct wb_err *err)
{
	struct param	p;
	size_t		n, i, j;
	bool		have = false;
	int		rc;

	out->p = NULL;
	out->n = 0;
	if (ct == NULL)
		return wb_err_set(err, WB_EINVAL, "het formulier heeft geen "
		    "Content-Type");
	n = strnlen(ct, WB_MAX_HEADER + 1);
	if (n > WB_MAX_HEADER || !wb_utf8_valid(ct, n, false))
		return wb_err_set(err, WB_EINVAL, "ongeldige Content-Type");
	for (j = 0; j < n && ct[j] != ';'; j++)
		continue;
	if (!wb_str_caseeq(wb_str_trim((struct wb_str){ ct, j }),
	    "multipart/form-data"))
		return wb_err_set(err, WB_EINVAL, "Content-Type is geen "
		    "multipart/form-data");
	i = j;
	while ((rc = next_param(ct, n, &i, &p)) == 0) {
		if (!wb_str_caseeq(p.key, "boundary"))
			continue;
		if (have)
			return wb_err_set(err, WB_EINVAL, "de grens (boundary) "
			    "staat twee keer in de Content-Type");
		have = true;
		*out = p.value;
	}
	if (rc < 0)
		return wb_err_set(err, WB_EINVAL, "ongeldige parameter in de "
		    "Content-Type");
	if (!have)
		return wb_err_set(err, WB_EINVAL, "de grens (boundary) "
		    "ontbreekt in de Content-Type");
	if (out->n == 0 || out->n > WB_MULTIPART_MAX_BOUNDARY ||
	    out->p[out->n - 1] == ' ')
		return wb_err_set(err, WB_EINVAL, "de grens (boundary) is "
		    "leeg, te lang of eindigt op een spatie");
	for (i = 0; i < out->n; i++)
		if (!is_bchar(out->p[i]))
			return wb_err_set(err, WB_EINVAL, "de grens (boundary) "
			    "bevat een teken dat niet is toegestaan");
	return 0;
}

/* True when s is 1..max bytes of UTF-8 without any control character
 * (TAB included). */
static bool
clean_name(struct wb_str s, size_t max)
{
	return s.n > 0 && s.n <= max && wb_utf8_valid(s.p, s.n, false) &&
	    memchr(s.p, '\t', s.n) == NULL;
}

/* Parse a Content-Disposition value: form-data; name="..."
 * [; filename="..."], each parameter once, both quoted. */
static int
disposition(struct wb_str v, struct disposition *d, struct wb_err *err)
{
	struct param	p;
	struct wb_str	filename = { NULL, 0 };
	size_t		i, j;
	int		rc;

	for (j = 0; j < v.n && v.p[j] != ';'; j++)
		continue;
	if (!wb_str_caseeq(wb_str_trim((struct wb_str){ v.p, j }),
	    "form-data"))
		return wb_err_set(err, WB_EINVAL, "een deel van het formulier "
		    "is geen form-data");
	i = j;
	while ((rc = next_param(v.p, v.n, &i, &p)) == 0) {
		if (!p.quoted)
			return wb_err_set(err, WB_EINVAL, "een naam in "
			    "Content-Disposition staat niet tussen "
			    "aanhalingstekens");
		if (wb_str_caseeq(p.key, "name")) {
			if (d->have_name)
				return wb_err_set(err, WB_EINVAL, "name staat "
				    "twee keer in Content-Disposition");
			d->have_name = true;
			d->name = p.value;
		} else if (wb_str_caseeq(p.key, "filename")) {
			if (d->file)
				return wb_err_set(err, WB_EINVAL, "filename "
				    "staat twee keer in Content-Disposition");
			d->file = true;
			filename = p.value;
		} else
			return wb_err_set(err, WB_EINVAL, "onbekende parameter "
			    "in Content-Disposition");
	}
	if (rc < 0)
		return wb_err_set(err, WB_EINVAL, "ongeldige "
		    "Content-Disposition");
	if (!d->have_name || !clean_name(d->name, WB_MAX_NAME))
		return wb_err_set(err, WB_EINVAL, "een deel van het formulier "
		    "heeft geen geldige naam");
	if (d->file && filename.n > 0 &&
	    !clean_name(filename, WB_MULTIPART_MAX_FILENAME))
		return wb_err_set(err, WB_EINVAL, "ongeldige of te lange "
		    "bestandsnaam");
	return 0;
}

/* Check one part header line s[0..n) (without its CRLF). */
static int
header(const char *s, size_t n, struct disposition *d, bool *have_cd,
    bool *have_ct, struct wb_err *err)
{
	const char	*colon;
	struct wb_str	 name, value;
	size_t		 i;

	if (s[0] == ' ' || s[0] == '\t')
		return wb_err_set(err, WB_EINVAL, "gevouwen kopregel in een "
		    "deel van het formulier");
	if (!wb_utf8_valid(s, n, false))
		return wb_err_set(err, WB_EINVAL, "ongeldige tekens in een "
		    "kopregel van het formulier");
	colon = memchr(s, ':', n);
	if (colon == NULL || colon == s)
		return wb_err_set(err, WB_EINVAL, "ongeldige kopregel in een "
		    "deel van het formulier");
	name = (struct wb_str){ s, (size_t)(colon - s) };
	for (i = 0; i < name.n; i++)
		if (!is_tchar(name.p[i]))
			return wb_err_set(err, WB_EINVAL, "ongeldige kopnaam "
			    "in een deel van het formulier");
	value = wb_str_trim((struct wb_str){ colon + 1,
	    n - name.n - 1 });
	if (wb_str_caseeq(name, "content-disposition")) {
		if (*have_cd)
			return wb_err_set(err, WB_EINVAL, "Content-Disposition "
			    "staat twee keer in een deel");
		*have_cd = true;
		return disposition(value, d, err);
	}
	if (wb_str_caseeq(name, "content-type")) {
		if (*have_ct)
			return wb_err_set(err, WB_EINVAL, "Content-Type staat "
			    "twee keer in een deel");
		*have_ct = true;
		if (value.n == 0)
			return wb_err_set(err, WB_EINVAL, "lege Content-Type "
			    "in een deel");
		return 0;
	}
	return wb_err_set(err, WB_EINVAL, "onbekende kop in een deel van het "
	    "formulier");
}

/* Decode the part whose headers start at body[*pos] into *f; on success
 * *pos is just past the delimiter that ends it. */
static int
part(struct wb_arena *a, const char *body, size_t n, size_t *pos,
    const char *delim, size_t dl, struct wb_field *f, struct wb_err *err)
{
	struct disposition	 d;
	const char		*p;
	char			*value;
	size_t			 i = *pos, eol, len;
	bool			 have_cd = false, have_ct = false;
	int			 rc;

	memset(&d, 0, sizeof(d));
	for (;;) {
		p = find(body + i, n - i, "\r\n", 2);
		if (p == NULL)
			return wb_err_set(err, WB_EINVAL, "een deel van het "
			    "formulier heeft geen einde van de koppen");
		eol = (size_t)(p - body);
		if (eol == i)
			break;
		if (eol - i > WB_MULTIPART_MAX_HEADER)
			return wb_err_set(err, WB_EINVAL, "te lange kopregel "
			    "in een deel van het formulier");
		rc = header(body + i, eol - i, &d, &have_cd, &have_ct, err);
		if (rc != 0)
			return rc;
		i = eol + 2;
	}
	i += 2;
	if (!have_cd)
		return wb_err_set(err, WB_EINVAL, "een deel van het formulier "
		    "heeft geen Content-Disposition");
	p = find(body + i, n - i, delim, dl);
	if (p == NULL)
		return wb_err_set(err, WB_EINVAL, "een deel van het formulier "
		    "is niet afgesloten");
	len = (size_t)(p - body) - i;
	if (d.file && len > WB_MAX_UPLOAD)
		return wb_err_set(err, WB_ETOOBIG, "het bestand is te groot "
		    "(meer dan %d bytes)", WB_MAX_UPLOAD);
	if (!d.file && len > WB_MAX_FIELD)
		return wb_err_set(err, WB_EINVAL, "een veld is te lang "
		    "(meer dan %d bytes)", WB_MAX_FIELD);
	if (!d.file && !wb_utf8_valid(body + i, len, true))
		return wb_err_set(err, WB_EINVAL, "een veld bevat ongeldige "
		    "tekens");
	value = wb_arena_strndup(a, body + i, len);
	f->name = wb_arena_strndup(a, d.name.p, d.name.n);
	f->name_len = d.name.n;
	f->value = value;
	f->value_len = len;
	*pos = (size_t)(p - body) + dl;
	return 0;
}

int
wb_multipart_decode(struct wb_arena *a, const char *ct, const char *body,
    size_t n, struct wb_fields *out, struct wb_err *err)
{
	struct wb_field	*v;
	struct wb_str	 b;
	char		 delim[4 + WB_MULTIPART_MAX_BOUNDARY];
	size_t		 dl, pos, k = 0;
	int		 rc;

	out->v = NULL;
	out->n = 0;
	if (n > WB_MAX_UPLOAD)
		return wb_err_set(err, WB_ETOOBIG, "het formulier is te groot "
		    "(meer dan %d bytes)", WB_MAX_UPLOAD);
	rc = wb_multipart_boundary(ct, &b, err);
	if (rc != 0)
		return rc;
	if (body == NULL)
		body = "";
	/* Every delimiter but the first is preceded by CRLF. */
	memcpy(delim, "\r\n--", 4);
	memcpy(delim + 4, b.p, b.n);
	dl = 4 + b.n;
	if (n < dl - 2 || memcmp(body, delim + 2, dl - 2) != 0)
		return wb_err_set(err, WB_EINVAL, "het formulier begint niet "
		    "met de grens (boundary)");
	pos = dl - 2;
	v = wb_arena_array(a, WB_MAX_FIELDS, sizeof(*v));
	for (;;) {
		/* After a delimiter: "--" closes the body, CRLF opens a
		 * part. */
		if (n - pos >= 2 && memcmp(body + pos, "--", 2) == 0) {
			pos += 2;
			if (pos == n || (n - pos == 2 &&
			    memcmp(body + pos, "\r\n", 2) == 0))
				break;
			return wb_err_set(err, WB_EINVAL, "gegevens na het "
			    "einde van het formulier");
		}
		if (n - pos < 2 || memcmp(body + pos, "\r\n", 2) != 0)
			return wb_err_set(err, WB_EINVAL, "ongeldige grens "
			    "(boundary) in het formulier");
		pos += 2;
		if (k == WB_MAX_FIELDS)
			return wb_err_set(err, WB_ETOOBIG, "het formulier "
			    "heeft te veel velden (meer dan %d)",
			    WB_MAX_FIELDS);
		rc = part(a, body, n, &pos, delim, dl, &v[k], err);
		if (rc != 0)
			return rc;
		k++;
	}
	out->v = k > 0 ? v : NULL;
	out->n = k;
	return 0;
}
