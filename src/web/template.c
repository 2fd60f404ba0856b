/* template.c - parse templates into flat node arrays and render them.
 *
 * A template is one array of nodes.  A section node records the index just
 * past its body, so the body is the range (i, end) of the same array and
 * rendering is a loop over ranges: no per-node allocation, no pointers
 * between nodes except the partial links set once by wb_tmpl_load().
 */
#include "web/template.h"
#include "base/arena.h"
#include "base/limits.h"
#include "base/mem.h"
#include "base/str.h"

#include <math.h>

enum node_kind {
	N_TEXT,		/* s[0..n) copied verbatim */
	N_VAR,		/* {{name}}: s[0..n) is the name */
	N_URL,		/* {{url name}} */
	N_SECTION,	/* {{#name}}: the body is nodes (i, end) */
	N_INVERTED,	/* {{^name}} */
	N_PARTIAL,	/* {{>name}}: s[0..n) is the template name */
	N_TRANS,	/* {{_ text}}: s is the NUL-terminated msgid */
};

struct tmpl;

struct node {
	enum node_kind		 kind;
	unsigned		 line;
	size_t			 end;		/* sections: index after body */
	const char		*s;
	size_t			 n;
	const struct tmpl	*target;	/* partials, set by load */
};

struct tmpl {
	const char	*name;
	size_t		 namelen;
	struct node	*nodes;
	size_t		 nnodes;
	size_t		 cap;
	struct wb_arena	 arena;		/* name, source copy, msgids */
};

struct wb_tmpl_set {
	struct tmpl	**v;
	size_t		 n;
	size_t		 cap;
};

struct parser {
	struct tmpl	*t;
	const char	*src;		/* the template's own copy */
	size_t		 n;
	unsigned	 line;
	size_t		 open[WB_MAX_TEMPLATE_DEPTH];
	size_t		 depth;
	struct wb_err	*err;
};

/* One frame of the context stack; frames live on the C stack. */
struct frame {
	const json_t		*v;
	const struct frame	*up;
};

struct render {
	const struct wb_tmpl_set *set;
	const char		*root;
	wb_tmpl_tr_fn		 tr;
	const void		*trctx;
	struct wb_buf		*out;
	struct wb_err		*err;
	size_t			 steps;
};

static void	 tmpl_free(struct tmpl *);
static const struct tmpl *find(const struct wb_tmpl_set *, const char *,
		    size_t);
static int	 perr(struct parser *, unsigned, const char *, ...)
		    WB_PRINTF(3, 4);
static int	 parse(struct parser *);
static int	 parse_tag(struct parser *, struct wb_str, unsigned);
static int	 link_partials(struct wb_tmpl_set *, struct wb_err *);
static int	 render_nodes(struct render *, const struct tmpl *, size_t,
		    size_t, const struct frame *, unsigned);

/* Longest name or text quoted in an error message. */
#define QUOTE_MAX	60
#define QUOTE(s)	(int)((s).n < QUOTE_MAX ? (s).n : QUOTE_MAX), (s).p

struct wb_tmpl_set *
wb_tmpl_set_new(void)
{
	return wb_xcalloc(1, sizeof(struct wb_tmpl_set));
}

/* Free one template and everything it owns. */
static void
tmpl_free(struct tmpl *t)
{
	if (t == NULL)
		return;
	free(t->nodes);
	wb_arena_free(&t->arena);
	free(t);
}

void
wb_tmpl_free(struct wb_tmpl_set *set)
{
	size_t	i;

	if (set == NULL)
		return;
	for (i = 0; i < set->n; i++)
		tmpl_free(set->v[i]);
	free(set->v);
	free(set);
}

/* The template called name[0..n), or NULL. */
static const struct tmpl *
find(const struct wb_tmpl_set *set, const char *name, size_t n)
{
	size_t	i;

	for (i = 0; i < set->n; i++)
		if (set->v[i]->namelen == n &&
		    memcmp(set->v[i]->name, name, n) == 0)
			return set->v[i];
	return NULL;
}

bool
wb_tmpl_exists(const struct wb_tmpl_set *set, const char *name)
{
	return set != NULL && name != NULL &&
	    find(set, name, strlen(name)) != NULL;
}

/* ------------------------------------------------------------------ */
/* Parsing */

/* Set a WB_EINVAL "template NAME line N: ..." error and return it. */
static int
perr(struct parser *p, unsigned line, const char *fmt, ...)
{
	char	what[400];
	va_list	ap;

	va_start(ap, fmt);
	(void)vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	return wb_err_set(p->err, WB_EINVAL, "template %s line %u: %s",
	    p->t->name, line, what);
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool
is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
}

/* Offset of the first "cc" in s[from..n), or n when there is none. */
static size_t
find2(const char *s, size_t n, size_t from, char c)
{
	const char	*q;

	while (from + 1 < n) {
		q = memchr(s + from, c, n - from - 1);
		if (q == NULL)
			break;
		from = (size_t)(q - s);
		if (s[from + 1] == c)
			return from;
		from++;
	}
	return n;
}

static unsigned
count_lines(const char *s, size_t n)
{
	unsigned	k = 0;
	size_t		i;

	for (i = 0; i < n; i++)
		if (s[i] == '\n')
			k++;
	return k;
}

/* True for "." or dot-separated non-empty runs of [A-Za-z0-9_-]. */
static bool
valid_name(struct wb_str s)
{
	size_t	i;

	if (s.n == 1 && s.p[0] == '.')
		return true;
	if (s.n == 0 || s.p[0] == '.' || s.p[s.n - 1] == '.')
		return false;
	for (i = 0; i < s.n; i++) {
		if (!is_name_char(s.p[i]))
			return false;
		if (s.p[i] == '.' && s.p[i + 1] == '.')
			return false;
	}
	return true;
}

/* True for a template name: a non-empty run of [A-Za-z0-9_.-]. */
static bool
valid_partial(struct wb_str s)
{
	size_t	i;

	if (s.n == 0)
		return false;
	for (i = 0; i < s.n; i++)
		if (!is_name_char(s.p[i]))
			return false;
	return true;
}

/* Append a node to the template and return its index. */
static size_t
add_node(struct tmpl *t, enum node_kind kind, unsigned line,
    const char *s, size_t n)
{
	struct node	*nd;
	size_t		 bytes;

	if (t->nnodes == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		if (!wb_mul_ok(t->cap, sizeof(*t->nodes), &bytes))
			abort();
		t->nodes = wb_xrealloc(t->nodes, bytes);
	}
	nd = &t->nodes[t->nnodes];
	memset(nd, 0, sizeof(*nd));
	nd->kind = kind;
	nd->line = line;
	nd->s = s;
	nd->n = n;
	return t->nnodes++;
}

/* Parse p->src into p->t's node array. */
static int
parse(struct parser *p)
{
	size_t		 pos = 0, open, close;
	unsigned	 tagline;
	struct wb_str	 content;
	const struct node *nd;
	int		 rc;

	while (pos < p->n) {
		open = find2(p->src, p->n, pos, '{');
		if (open > pos) {
			add_node(p->t, N_TEXT, p->line, p->src + pos,
			    open - pos);
			p->line += count_lines(p->src + pos, open - pos);
		}
		if (open == p->n)
			break;
		tagline = p->line;
		close = find2(p->src, p->n, open + 2, '}');
		if (close == p->n)
			return perr(p, tagline, "'{{' is never closed by '}}'");
		content.p = p->src + open + 2;
		content.n = close - open - 2;
		rc = parse_tag(p, content, tagline);
		if (rc != 0)
			return rc;
		p->line += count_lines(content.p, content.n);
		pos = close + 2;
	}
	if (p->depth > 0) {
		nd = &p->t->nodes[p->open[p->depth - 1]];
		return perr(p, nd->line, "section '%.*s' is never closed",
		    QUOTE(((struct wb_str){ nd->s, nd->n })));
	}
	return 0;
}

/* Parse the text between "{{" and "}}" of a tag that starts on `line`. */
static int
parse_tag(struct parser *p, struct wb_str c, unsigned line)
{
	struct wb_str	 rest, oname;
	struct node	*top;
	char		 sigil;
	size_t		 idx;

	if (find2(c.p, c.n, 0, '{') != c.n)
		return perr(p, line, "'{{' inside a tag; is a '}}' missing?");
	c = wb_str_trim(c);
	if (c.n == 0)
		return perr(p, line, "empty tag '{{}}'");
	sigil = c.p[0];
	rest = wb_str_trim((struct wb_str){ c.p + 1, c.n - 1 });
	switch (sigil) {
	case '!':
		return 0;
	case '{':
	case '&':
		return perr(p, line, "'{{%c' (unescaped output) is not "
		    "supported; trusted markup comes from wb_html_json()",
		    sigil);
	case '=':
		return perr(p, line, "changing the delimiters is not "
		    "supported");
	case '>':
		if (!valid_partial(rest))
			return perr(p, line, "invalid template name '%.*s'",
			    QUOTE(rest));
		add_node(p->t, N_PARTIAL, line, rest.p, rest.n);
		return 0;
	case '#':
	case '^':
		if (!valid_name(rest))
			return perr(p, line, "invalid name '%.*s' after '%c'",
			    QUOTE(rest), sigil);
		if (p->depth == WB_MAX_TEMPLATE_DEPTH)
			return perr(p, line, "sections nested deeper than %d",
			    WB_MAX_TEMPLATE_DEPTH);
		idx = add_node(p->t, sigil == '#' ? N_SECTION : N_INVERTED,
		    line, rest.p, rest.n);
		p->open[p->depth++] = idx;
		return 0;
	case '/':
		if (!valid_name(rest))
			return perr(p, line, "invalid name '%.*s' after '/'",
			    QUOTE(rest));
		if (p->depth == 0)
			return perr(p, line, "'{{/%.*s}}' closes no open "
			    "section", QUOTE(rest));
		top = &p->t->nodes[p->open[p->depth - 1]];
		oname = (struct wb_str){ top->s, top->n };
		if (rest.n != oname.n || memcmp(rest.p, oname.p, rest.n) != 0)
			return perr(p, line, "'{{/%.*s}}' does not close "
			    "'{{%c%.*s}}' of line %u", QUOTE(rest),
			    top->kind == N_SECTION ? '#' : '^', QUOTE(oname),
			    top->line);
		top->end = p->t->nnodes;
		p->depth--;
		return 0;
	case '_':
		if (c.n > 1 && is_space(c.p[1])) {
			/* c is trimmed, so rest is not empty. */
			add_node(p->t, N_TRANS, line,
			    wb_arena_strndup(&p->t->arena, rest.p, rest.n),
			    rest.n);
			return 0;
		}
		break;
	default:
		break;
	}
	if (c.n > 3 && memcmp(c.p, "url", 3) == 0 && is_space(c.p[3])) {
		rest = wb_str_trim((struct wb_str){ c.p + 3, c.n - 3 });
		if (!valid_name(rest))
			return perr(p, line, "invalid name '%.*s' after 'url'",
			    QUOTE(rest));
		add_node(p->t, N_URL, line, rest.p, rest.n);
		return 0;
	}
	if (!valid_name(c))
		return perr(p, line, "invalid name '%.*s'", QUOTE(c));
	add_node(p->t, N_VAR, line, c.p, c.n);
	return 0;
}

int
wb_tmpl_parse_one(struct wb_tmpl_set *set, const char *name,
    const char *src, size_t n, struct wb_err *err)
{
	struct parser	 p;
	struct tmpl	*t = NULL;
	size_t		 namelen, bytes;
	int		 rc;

	if (WB_NEVER(set == NULL || name == NULL) || name[0] == '\0' ||
	    (src == NULL && n > 0))
		return wb_err_set(err, WB_EINVAL, "template without a name "
		    "or source");
	namelen = strlen(name);
	if (n > WB_MAX_TEMPLATE_SIZE)
		return wb_err_set(err, WB_EINVAL, "template %s line 1: %zu "
		    "bytes, more than the limit of %d", name, n,
		    WB_MAX_TEMPLATE_SIZE);
	if (find(set, name, namelen) != NULL)
		return wb_err_set(err, WB_EINVAL, "template %s line 1: "
		    "a template with this name already exists", name);

	t = wb_xcalloc(1, sizeof(*t));
	wb_arena_init(&t->arena);
	t->name = wb_arena_strndup(&t->arena, name, namelen);
	t->namelen = namelen;
	memset(&p, 0, sizeof(p));
	p.t = t;
	p.src = wb_arena_strndup(&t->arena, n > 0 ? src : "", n);
	p.n = n;
	p.line = 1;
	p.err = err;
	rc = parse(&p);
	if (rc != 0)
		goto out;
	if (set->n == set->cap) {
		set->cap = set->cap ? set->cap * 2 : 32;
		if (!wb_mul_ok(set->cap, sizeof(*set->v), &bytes))
			abort();
		set->v = wb_xrealloc(set->v, bytes);
	}
	set->v[set->n++] = t;
	t = NULL;
out:
	tmpl_free(t);
	return rc;
}

/* Resolve every partial of the set to its template; fails on a missing
 * one. */
static int
link_partials(struct wb_tmpl_set *set, struct wb_err *err)
{
	struct tmpl	*t;
	struct node	*nd;
	size_t		 i, k;

	for (i = 0; i < set->n; i++) {
		t = set->v[i];
		for (k = 0; k < t->nnodes; k++) {
			nd = &t->nodes[k];
			if (nd->kind != N_PARTIAL)
				continue;
			nd->target = find(set, nd->s, nd->n);
			if (nd->target == NULL)
				return wb_err_set(err, WB_EINVAL,
				    "template %s line %u: partial '%.*s' "
				    "does not exist", t->name, nd->line,
				    QUOTE(((struct wb_str){ nd->s, nd->n })));
		}
	}
	return 0;
}

int
wb_tmpl_load(const struct wb_asset *assets, struct wb_tmpl_set **out,
    struct wb_err *err)
{
	struct wb_tmpl_set	*set = NULL;
	const struct wb_asset	*a;
	int			 rc = 0;

	set = wb_tmpl_set_new();
	for (a = assets; a != NULL && a->name != NULL; a++) {
		rc = wb_tmpl_parse_one(set, a->name, a->data, a->len, err);
		if (rc != 0)
			goto out;
	}
	rc = link_partials(set, err);
out:
	if (rc != 0) {
		wb_tmpl_free(set);
		set = NULL;
	}
	*out = set;
	return rc;
}

/* ------------------------------------------------------------------ */
/* Rendering */

/* The value of name[0..n) on the context stack, or NULL when missing. */
static const json_t *
lookup(const struct frame *f, const char *s, size_t n)
{
	const json_t	*v = NULL;
	const char	*dot;
	size_t		 seg;

	if (n == 1 && s[0] == '.')
		return f->v;
	dot = memchr(s, '.', n);
	seg = dot != NULL ? (size_t)(dot - s) : n;
	for (; f != NULL; f = f->up) {
		if (!json_is_object(f->v))
			continue;
		v = json_object_getn(f->v, s, seg);
		if (v != NULL)
			break;
	}
	while (v != NULL && seg < n) {
		s += seg + 1;
		n -= seg + 1;
		dot = memchr(s, '.', n);
		seg = dot != NULL ? (size_t)(dot - s) : n;
		v = json_is_object(v) ? json_object_getn(v, s, seg) : NULL;
	}
	return v;
}

/* True when a section over v renders its body. */
static bool
truthy(const json_t *v)
{
	if (v == NULL)
		return false;
	switch (json_typeof(v)) {
	case JSON_OBJECT:
	case JSON_TRUE:
		return true;
	case JSON_ARRAY:
		return json_array_size(v) > 0;
	case JSON_STRING:
		return json_string_length(v) > 0;
	case JSON_INTEGER:
		return json_integer_value(v) != 0;
	case JSON_REAL:
		return json_real_value(v) != 0.0;
	default:
		return false;
	}
}

/* The markup of a {"$html": string} object, or NULL. */
static const json_t *
html_value(const json_t *v)
{
	const json_t	*s;

	if (!json_is_object(v) || json_object_size(v) != 1)
		return NULL;
	s = json_object_get(v, "$html");
	return json_is_string(s) ? s : NULL;
}

/* Append the shortest "%.Ng" that reads back as d. */
static void
emit_real(struct wb_buf *b, double d)
{
	char	tmp[40];
	int	prec, k = 0;

	if (!isfinite(d))
		return;
	for (prec = 1; prec <= 17; prec++) {
		k = snprintf(tmp, sizeof(tmp), "%.*g", prec, d);
		if (k < 0 || (size_t)k >= sizeof(tmp))
			return;
		if (prec == 17 || strtod(tmp, NULL) == d)
			break;
	}
	wb_buf_append(b, tmp, (size_t)k);
}

/* Append a value as {{name}} renders it. */
static void
emit_value(struct wb_buf *b, const json_t *v)
{
	const json_t	*h;

	if (v == NULL)
		return;
	switch (json_typeof(v)) {
	case JSON_STRING:
		wb_buf_html(b, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
		wb_buf_printf(b, "%" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
		break;
	case JSON_REAL:
		emit_real(b, json_real_value(v));
		break;
	case JSON_OBJECT:
		h = html_value(v);
		if (h != NULL)
			wb_buf_append(b, json_string_value(h),
			    json_string_length(h));
		break;
	default:
		break;
	}
}

/* ASCII case-insensitive "s starts with prefix". */
static bool
has_prefix(const char *s, size_t n, const char *prefix)
{
	size_t	i, k = strlen(prefix);
	char	c;

	if (n < k)
		return false;
	for (i = 0; i < k; i++) {
		c = s[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != prefix[i])
			return false;
	}
	return true;
}

/* True when s[0..n) may go into an href or src attribute. */
static bool
url_ok(const char *s, size_t n)
{
	static const char *const schemes[] = {
		"https://", "http://", "mailto:", "tel:",
	};
	size_t	i;

	/* Browsers drop tabs and newlines anywhere in a URL ("/\t/evil"
	 * becomes "//evil"), so no control character is allowed at all. */
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return false;
	if (n == 0)
		return false;
	if (s[0] == '#' || s[0] == '?')
		return true;
	if (s[0] == '/')	/* "//host" and "/\host" leave the site */
		return n == 1 || (s[1] != '/' && s[1] != '\\');
	for (i = 0; i < WB_NELEM(schemes); i++)
		if (has_prefix(s, n, schemes[i]))
			return true;
	return false;
}

/* Append a value as {{url name}} renders it. */
static void
emit_url(struct wb_buf *b, const json_t *v)
{
	const char	*s;
	size_t		 n;

	if (!json_is_string(v)) {
		wb_buf_putc(b, '#');
		return;
	}
	s = json_string_value(v);
	n = json_string_length(v);
	if (url_ok(s, n))
		wb_buf_html(b, s, n);
	else
		wb_buf_putc(b, '#');
}

/* Count one unit of work; WB_ETOOBIG past WB_MAX_TEMPLATE_STEPS. */
static int
step(struct render *r)
{
	if (++r->steps <= WB_MAX_TEMPLATE_STEPS)
		return 0;
	return wb_err_set(r->err, WB_ETOOBIG, "template %s: more than %d "
	    "rendering steps", r->root, WB_MAX_TEMPLATE_STEPS);
}

/* Render a section node's body once per element or once with the value. */
static int
render_section(struct render *r, const struct tmpl *t, size_t i,
    const struct frame *f, unsigned depth)
{
	const struct node	*nd = &t->nodes[i];
	const json_t		*v = lookup(f, nd->s, nd->n);
	struct frame		 fr;
	size_t			 k, len;
	int			 rc;

	fr.up = f;
	if (json_is_array(v)) {
		len = json_array_size(v);
		for (k = 0; k < len; k++) {
			rc = step(r);
			if (rc != 0)
				return rc;
			fr.v = json_array_get(v, k);
			rc = render_nodes(r, t, i + 1, nd->end, &fr, depth);
			if (rc != 0)
				return rc;
		}
		return 0;
	}
	if (!truthy(v))
		return 0;
	rc = step(r);
	if (rc != 0)
		return rc;
	fr.v = v;
	return render_nodes(r, t, i + 1, nd->end, &fr, depth);
}

/* Render the partial of node nd, `depth` partials deep already. */
static int
render_partial(struct render *r, const struct tmpl *t,
    const struct node *nd, const struct frame *f, unsigned depth)
{
	const struct tmpl	*target = nd->target;

	if (target == NULL)
		target = find(r->set, nd->s, nd->n);
	if (target == NULL)
		return wb_err_set(r->err, WB_ENOTFOUND, "template %s line %u: "
		    "partial '%.*s' does not exist", t->name, nd->line,
		    QUOTE(((struct wb_str){ nd->s, nd->n })));
	if (depth >= WB_MAX_TEMPLATE_DEPTH)
		return wb_err_set(r->err, WB_ETOOBIG, "template %s line %u: "
		    "partials nested deeper than %d (recursion?)", t->name,
		    nd->line, WB_MAX_TEMPLATE_DEPTH);
	return render_nodes(r, target, 0, target->nnodes, f, depth + 1);
}

/* Render nodes [begin, end) of t with context stack f. */
static int
render_nodes(struct render *r, const struct tmpl *t, size_t begin,
    size_t end, const struct frame *f, unsigned depth)
{
	const struct node	*nd;
	const char		*s;
	size_t			 i = begin, next;
	int			 rc = 0;

	while (i < end) {
		nd = &t->nodes[i];
		next = i + 1;
		rc = step(r);
		if (rc != 0)
			return rc;
		if (r->out->toobig)
			return WB_ETOOBIG;	/* message set by the caller */
		switch (nd->kind) {
		case N_TEXT:
			wb_buf_append(r->out, nd->s, nd->n);
			break;
		case N_VAR:
			emit_value(r->out, lookup(f, nd->s, nd->n));
			break;
		case N_URL:
			emit_url(r->out, lookup(f, nd->s, nd->n));
			break;
		case N_TRANS:
			s = r->tr != NULL ? r->tr(r->trctx, nd->s) : NULL;
			if (s == NULL)
				s = nd->s;
			wb_buf_html(r->out, s, strlen(s));
			break;
		case N_SECTION:
			rc = render_section(r, t, i, f, depth);
			next = nd->end;
			break;
		case N_INVERTED:
			if (!truthy(lookup(f, nd->s, nd->n)))
				rc = render_nodes(r, t, i + 1, nd->end, f,
				    depth);
			next = nd->end;
			break;
		case N_PARTIAL:
			rc = render_partial(r, t, nd, f, depth);
			break;
		}
		if (rc != 0)
			return rc;
		i = next;
	}
	return 0;
}

int
wb_tmpl_render(const struct wb_tmpl_set *set, const char *name, json_t *ctx,
    wb_tmpl_tr_fn tr, const void *trctx, struct wb_buf *out,
    struct wb_err *err)
{
	const struct tmpl	*t;
	struct render		 r;
	struct frame		 root;
	int			 rc;

	if (WB_NEVER(set == NULL || name == NULL || out == NULL))
		return wb_err_set(err, WB_ENOTFOUND, "no template set");
	t = find(set, name, strlen(name));
	if (t == NULL)
		return wb_err_set(err, WB_ENOTFOUND, "template %s does not "
		    "exist", name);
	r.set = set;
	r.root = t->name;
	r.tr = tr;
	r.trctx = trctx;
	r.out = out;
	r.err = err;
	r.steps = 0;
	root.v = ctx;
	root.up = NULL;
	rc = render_nodes(&r, t, 0, t->nnodes, &root, 0);
	if ((rc == 0 || rc == WB_ETOOBIG) && wb_buf_error(out) != 0)
		rc = wb_err_set(err, WB_ETOOBIG, "template %s: output larger "
		    "than %zu bytes", t->name, out->max);
	return rc;
}

json_t *
wb_html_json(const char *markup)
{
	json_t	*obj, *s = NULL;

	if (!WB_NEVER(markup == NULL))
		s = json_string(markup);	/* NULL for invalid UTF-8 */
	if (WB_NEVER(s == NULL))
		s = json_string("");
	obj = json_object();
	if (s == NULL || obj == NULL || json_object_set_new(obj, "$html",
	    s) != 0) {
		fprintf(stderr, "werkbrug: out of memory in wb_html_json\n");
		abort();
	}
	return obj;
}
