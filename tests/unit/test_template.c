/* test_template.c - tests for src/web/template.c. */
#include "testutil.h"

#include "web/template.h"
#include "base/limits.h"
#include "base/mem.h"

/* Parse `src` as template "t" into a new set; the test fails on error. */
static struct wb_tmpl_set *
set_with(const char *src)
{
	struct wb_tmpl_set	*set = wb_tmpl_set_new();
	struct wb_err		 err = { 0 };
	int			 rc;

	rc = wb_tmpl_parse_one(set, "t", src, strlen(src), &err);
	if (rc != 0)
		print_error("parse of \"%s\" failed: %s\n", src, err.msg);
	assert_int_equal(rc, 0);
	return set;
}

/* A context from JSON text (NULL text means NULL context). */
static json_t *
ctx_from(const char *text)
{
	json_error_t	 jerr;
	json_t		*ctx;

	if (text == NULL)
		return NULL;
	ctx = json_loads(text, JSON_DECODE_ANY, &jerr);
	if (ctx == NULL)
		print_error("bad test JSON %s: %s\n", text, jerr.text);
	assert_non_null(ctx);
	return ctx;
}

/* Render template src with the JSON context and compare with want. */
static void
check_render_tr(const char *src, const char *ctxtext, wb_tmpl_tr_fn tr,
    const char *want)
{
	struct wb_tmpl_set	*set = set_with(src);
	json_t			*ctx = ctx_from(ctxtext);
	struct wb_buf		 out;
	struct wb_err		 err = { 0 };
	int			 rc;

	wb_buf_init(&out, WB_MAX_PAGE);
	rc = wb_tmpl_render(set, "t", ctx, tr, "ctx", &out, &err);
	if (rc != 0)
		print_error("render of \"%s\" failed: %s\n", src, err.msg);
	assert_int_equal(rc, 0);
	if (strcmp(wb_buf_cstr(&out), want) != 0)
		print_error("template \"%s\" with %s\n", src,
		    ctxtext ? ctxtext : "NULL");
	assert_string_equal(wb_buf_cstr(&out), want);
	wb_buf_free(&out);
	json_decref(ctx);
	wb_tmpl_free(set);
}

static void
check_render(const char *src, const char *ctxtext, const char *want)
{
	check_render_tr(src, ctxtext, NULL, want);
}

static void
test_escape_specials(void **state)
{
	check_render("{{x}}", "{\"x\": \"&\"}", "&amp;");
	check_render("{{x}}", "{\"x\": \"<\"}", "&lt;");
	check_render("{{x}}", "{\"x\": \">\"}", "&gt;");
	check_render("{{x}}", "{\"x\": \"\\\"\"}", "&quot;");
	check_render("{{x}}", "{\"x\": \"'\"}", "&#39;");
	check_render("<a title=\"{{x}}\">", "{\"x\": "
	    "\"\\\"><script>alert('x&y')</script>\"}",
	    "<a title=\"&quot;&gt;&lt;script&gt;alert(&#39;x&amp;y&#39;)"
	    "&lt;/script&gt;\">");
	check_render("{{x}}", "{\"x\": \"caf\\u00e9 \\u2013 ok\"}",
	    "caf\xc3\xa9 \xe2\x80\x93 ok");
	/* Keys and text of the template itself are never escaped. */
	check_render("<p class='a'>&amp; {{x}}</p>", "{\"x\": \"b\"}",
	    "<p class='a'>&amp; b</p>");
}

static void
test_value_types(void **state)
{
	static const struct {
		const char	*ctx;
		const char	*want;
	} cases[] = {
		{ "{\"v\": \"text\"}",			"[text]" },
		{ "{\"v\": \"\"}",			"[]" },
		{ "{\"v\": 42}",			"[42]" },
		{ "{\"v\": -9223372036854775808}",	"[-9223372036854775808]" },
		{ "{\"v\": 0}",				"[0]" },
		{ "{\"v\": 0.1}",			"[0.1]" },
		{ "{\"v\": 1.5}",			"[1.5]" },
		{ "{\"v\": 3.0}",			"[3]" },
		{ "{\"v\": -2.25}",			"[-2.25]" },
		{ "{\"v\": 1234567.125}",		"[1234567.125]" },
		{ "{\"v\": 1e21}",			"[1e+21]" },
		{ "{\"v\": 0.30000000000000004}",	"[0.30000000000000004]" },
		{ "{\"v\": true}",			"[]" },
		{ "{\"v\": false}",			"[]" },
		{ "{\"v\": null}",			"[]" },
		{ "{}",					"[]" },
		{ "[1, 2]",				"[]" },
		{ "{\"v\": [1, 2]}",			"[]" },
		{ "{\"v\": {\"a\": 1}}",		"[]" },
		{ "{\"v\": {\"$html\": \"<b>x</b>\"}}",	"[<b>x</b>]" },
		{ "{\"v\": {\"$html\": \"<b>\", \"x\": 1}}", "[]" },
		{ "{\"v\": {\"$html\": 5}}",		"[]" },
		{ "{\"v\": {\"$HTML\": \"<b>\"}}",	"[]" },
	};
	size_t	i;

	for (i = 0; i < WB_NELEM(cases); i++)
		check_render("[{{v}}]", cases[i].ctx, cases[i].want);
	check_render("[{{v}}]", NULL, "[]");
	check_render("[{{.}}]", "\"top\"", "[top]");
}

/* One value, the output of a section and of an inverted section on it. */
static const struct {
	const char	*v;
	const char	*section;
	const char	*inverted;
} section_cases[] = {
	{ "[1, \"<2>\", 3]",		"(1)(&lt;2&gt;)(3)",	"" },
	{ "[]",				"",			"()" },
	{ "[[]]",			"()",			"" },
	{ "{\"x\": 7}",			"(7)",			"" },
	{ "{}",				"()",			"" },
	{ "true",			"(true-ok)",		"" },
	{ "false",			"",			"()" },
	{ "null",			"",			"()" },
	{ "\"\"",			"",			"()" },
	{ "\"a&b\"",			"(a&amp;b)",		"" },
	{ "0",				"",			"()" },
	{ "-1",				"(-1)",			"" },
	{ "0.0",			"",			"()" },
	{ "2.5",			"(2.5)",		"" },
};

static void
test_sections(void **state)
{
	char	ctx[128];
	size_t	i;

	for (i = 0; i < WB_NELEM(section_cases); i++) {
		(void)snprintf(ctx, sizeof(ctx), "{\"v\": %s, \"ok\": "
		    "\"true-ok\"}", section_cases[i].v);
		/* {{.}} of true renders nothing, so print "ok" for it. */
		if (strcmp(section_cases[i].v, "true") == 0)
			check_render("{{#v}}({{.}}{{ok}}){{/v}}", ctx,
			    section_cases[i].section);
		else if (section_cases[i].v[0] == '{')
			check_render("{{#v}}({{x}}){{/v}}", ctx,
			    section_cases[i].section);
		else
			check_render("{{#v}}({{.}}){{/v}}", ctx,
			    section_cases[i].section);
		check_render("{{^v}}(){{/v}}", ctx, section_cases[i].inverted);
	}
	/* Missing is like false. */
	check_render("{{#v}}x{{/v}}{{^v}}y{{/v}}", "{}", "y");
	check_render("{{#v}}x{{/v}}{{^v}}y{{/v}}", NULL, "y");
	/* Arrays of objects, nested sections, text around them. */
	check_render("<ul>{{#rows}}<li>{{name}}: {{#tags}}[{{.}}]{{/tags}}"
	    "{{^tags}}-{{/tags}}</li>{{/rows}}</ul>",
	    "{\"rows\": [{\"name\": \"a\", \"tags\": [\"x\", \"y\"]},"
	    " {\"name\": \"b\", \"tags\": []}]}",
	    "<ul><li>a: [x][y]</li><li>b: -</li></ul>");
	/* Whitespace inside the braces. */
	check_render("{{# v }}{{ . }}{{/ v }}{{ ^ w }}n{{ / w }}",
	    "{\"v\": [1, 2]}", "12n");
}

static void
test_lookup_and_shadowing(void **state)
{
	static const struct {
		const char	*src;
		const char	*ctx;
		const char	*want;
	} cases[] = {
		/* Outer names are visible inside sections. */
		{ "{{#items}}{{name}}/{{title}};{{/items}}",
		  "{\"title\": \"T\", \"name\": \"outer\", \"items\": "
		  "[{\"name\": \"inner\"}, {\"x\": 1}]}",
		  "inner/T;outer/T;" },
		/* A key present with null shadows the outer one. */
		{ "{{#items}}[{{name}}]{{/items}}",
		  "{\"name\": \"outer\", \"items\": [{\"name\": null}]}", "[]" },
		/* Dotted names. */
		{ "{{a.b.c}}", "{\"a\": {\"b\": {\"c\": \"deep\"}}}", "deep" },
		{ "{{a.b.c}}", "{\"a\": {\"b\": 5}}", "" },
		{ "{{a.x.c}}", "{\"a\": {\"b\": 5}}", "" },
		{ "{{a.b}}", "{\"a\": [1]}", "" },
		/* The first segment is found from the inside out... */
		{ "{{#s}}{{a.b}}{{/s}}",
		  "{\"a\": {\"b\": \"outer\"}, \"s\": {\"x\": 1}}", "outer" },
		/* ...and the rest never falls back to outer frames. */
		{ "{{#s}}[{{a.b}}]{{/s}}",
		  "{\"a\": {\"b\": \"outer\"}, \"s\": {\"a\": {\"c\": 1}}}",
		  "[]" },
		{ "{{#a.list}}{{.}},{{/a.list}}",
		  "{\"a\": {\"list\": [1, 2]}}", "1,2," },
		/* {{.}} is the innermost value; scalars hide nothing. */
		{ "{{#xs}}{{#ys}}{{.}}{{n}} {{/ys}}{{/xs}}",
		  "{\"n\": \"!\", \"xs\": [1], \"ys\": [\"a\", \"b\"]}",
		  "a! b! " },
		{ "{{name}}", "[\"not an object\"]", "" },
		{ "{{-x_1.y-2}}", "{\"-x_1\": {\"y-2\": \"ok\"}}", "ok" },
		{ "{{url}}", "{\"url\": \"plain\"}", "plain" },
		{ "{{_x}}", "{\"_x\": \"var\"}", "var" },
	};
	size_t	i;

	for (i = 0; i < WB_NELEM(cases); i++)
		check_render(cases[i].src, cases[i].ctx, cases[i].want);
}

static void
test_text_and_comments(void **state)
{
	check_render("", NULL, "");
	check_render("plain { text } with }} and {", NULL,
	    "plain { text } with }} and {");
	check_render("a{{! a comment\n over {lines} }}b", NULL, "ab");
	check_render("x{{!}}y", NULL, "xy");
	check_render("\xef\xbb\xbfline\r\n\tnext", NULL,
	    "\xef\xbb\xbfline\r\n\tnext");
}

static void
test_url_filter(void **state)
{
	static const struct {
		const char	*v;	/* JSON value */
		const char	*want;
	} cases[] = {
		{ "\"/clients/5?tab=a&b=c\"",	"/clients/5?tab=a&amp;b=c" },
		{ "\"/\"",			"/" },
		{ "\"https://uwv.nl/x\"",	"https://uwv.nl/x" },
		{ "\"HTTPS://uwv.nl\"",		"HTTPS://uwv.nl" },
		{ "\"http://example.org\"",	"http://example.org" },
		{ "\"mailto:a@b.nl\"",		"mailto:a@b.nl" },
		{ "\"tel:+31201234567\"",	"tel:+31201234567" },
		{ "\"#top\"",			"#top" },
		{ "\"?page=2\"",		"?page=2" },
		{ "\"/a\\\"onmouseover='x'\"",
		  "/a&quot;onmouseover=&#39;x&#39;" },
		{ "\"javascript:alert(1)\"",	"#" },
		{ "\"JavaScript:alert(1)\"",	"#" },
		{ "\"data:text/html,<b>\"",	"#" },
		{ "\"vbscript:x\"",		"#" },
		{ "\"//evil.example\"",		"#" },
		{ "\"/\\\\evil.example\"",	"#" },
		{ "\"/\\t/evil.example\"",	"#" },
		{ "\"/a\\nb\"",			"#" },
		{ "\" /x\"",			"#" },
		{ "\"\\u0001javascript:x\"",	"#" },
		{ "\"\\u007f/x\"",		"#" },
		{ "\"https:evil\"",		"#" },
		{ "\"http:/x\"",		"#" },
		{ "\"relative/path\"",		"#" },
		{ "\"\"",			"#" },
		{ "5",				"#" },
		{ "true",			"#" },
		{ "null",			"#" },
		{ "{\"$html\": \"/x\"}",	"#" },
		{ "[\"/x\"]",			"#" },
	};
	char	ctx[128];
	size_t	i;

	for (i = 0; i < WB_NELEM(cases); i++) {
		(void)snprintf(ctx, sizeof(ctx), "{\"u\": %s}", cases[i].v);
		check_render("{{url u}}", ctx, cases[i].want);
	}
	check_render("<a href=\"{{ url  u }}\">", "{}", "<a href=\"#\">");
	check_render("{{#l}}{{url .}} {{/l}}",
	    "{\"l\": [\"/ok\", \"javascript:x\"]}", "/ok # ");
}

/* A tiny English catalogue. */
static const char *
tr_en(const void *trctx, const char *msgid)
{
	assert_string_equal((const char *)trctx, "ctx");
	if (strcmp(msgid, "Opslaan") == 0)
		return "Save";
	if (strcmp(msgid, "Cliënt & werkgever") == 0)
		return "Client & <employer>";
	if (strcmp(msgid, "leeg") == 0)
		return NULL;
	return msgid;
}

static void
test_translation(void **state)
{
	check_render_tr("<button>{{_ Opslaan}}</button>", NULL, tr_en,
	    "<button>Save</button>");
	check_render_tr("{{  _   Opslaan \n }}", NULL, tr_en, "Save");
	check_render_tr("{{_ Cliënt & werkgever}}", NULL, tr_en,
	    "Client &amp; &lt;employer&gt;");
	check_render_tr("{{_ Onbekend <zin>}}", NULL, tr_en,
	    "Onbekend &lt;zin&gt;");
	check_render_tr("[{{_ leeg}}]", NULL, tr_en, "[leeg]");
	check_render("{{_ Opslaan}}", NULL, "Opslaan");
	check_render("{{_ Cliënt & werkgever}}", NULL,
	    "Cliënt &amp; werkgever");
}

static void
test_html_json(void **state)
{
	json_t	*h = wb_html_json("<svg><rect/></svg>");
	json_t	*ctx = json_object();
	struct wb_tmpl_set *set = set_with("<div>{{chart}}</div>{{#c}}"
	    "{{chart}}{{/c}}");
	struct wb_buf out;
	struct wb_err err = { 0 };

	assert_non_null(h);
	assert_int_equal(json_object_size(h), 1);
	assert_string_equal(json_string_value(json_object_get(h, "$html")),
	    "<svg><rect/></svg>");
	json_object_set_new(ctx, "chart", h);
	json_object_set_new(ctx, "c", json_true());
	wb_buf_init(&out, 1024);
	assert_int_equal(wb_tmpl_render(set, "t", ctx, NULL, NULL, &out,
	    &err), 0);
	assert_string_equal(wb_buf_cstr(&out),
	    "<div><svg><rect/></svg></div><svg><rect/></svg>");
	wb_buf_free(&out);
	json_decref(ctx);
	wb_tmpl_free(set);

	h = wb_html_json("");
	assert_string_equal(json_string_value(json_object_get(h, "$html")),
	    "");
	json_decref(h);
}

/* Expect parse_one of src to fail with a message starting with
 * "template t line <line>: " and containing `what`. */
static void
check_parse_error(const char *src, size_t n, unsigned line,
    const char *what)
{
	struct wb_tmpl_set	*set = wb_tmpl_set_new();
	struct wb_err		 err = { 0 };
	char			 prefix[64];
	int			 rc;

	rc = wb_tmpl_parse_one(set, "t", src, n, &err);
	if (rc != WB_EINVAL)
		print_error("expected an error for \"%.*s\"\n", (int)n, src);
	assert_int_equal(rc, WB_EINVAL);
	(void)snprintf(prefix, sizeof(prefix), "template t line %u: ", line);
	if (strncmp(err.msg, prefix, strlen(prefix)) != 0 ||
	    strstr(err.msg, what) == NULL)
		print_error("\"%.*s\": got \"%s\", want \"%s...%s\"\n",
		    (int)n, src, err.msg, prefix, what);
	assert_int_equal(strncmp(err.msg, prefix, strlen(prefix)), 0);
	assert_non_null(strstr(err.msg, what));
	/* A failed parse leaves the set unchanged. */
	assert_false(wb_tmpl_exists(set, "t"));
	wb_tmpl_free(set);
}

static void
test_parse_errors(void **state)
{
	static const struct {
		const char	*src;
		unsigned	 line;
		const char	*what;
	} cases[] = {
		{ "abc {{x",			1, "never closed by '}}'" },
		{ "a\nb\n{{x}\n}",		3, "never closed by '}}'" },
		{ "{{",				1, "never closed" },
		{ "{{}}",			1, "empty tag" },
		{ "\n{{ \t\n }}",		2, "empty tag" },
		{ "{{{x}}}",			1, "'{{{' (unescaped" },
		{ "{{& x}}",			1, "'{{&' (unescaped" },
		{ "{{=<% %>=}}",		1, "delimiters" },
		{ "{{#a}}",			1, "section 'a' is never closed" },
		{ "x\n{{#a}}\n{{#b}}{{/b}}\n",	2, "section 'a' is never closed" },
		{ "{{#a}}\n{{^b}}",		2, "section 'b' is never closed" },
		{ "\n\n{{/a}}",			3, "closes no open section" },
		{ "{{#a}}\n{{/b}}",		2, "'{{/b}}' does not close "
						   "'{{#a}}' of line 1" },
		{ "{{#a}}{{^b}}{{/a}}{{/b}}",	1, "does not close '{{^b}}'" },
		{ "{{a b}}",			1, "invalid name 'a b'" },
		{ "{{a..b}}",			1, "invalid name" },
		{ "{{.a}}",			1, "invalid name" },
		{ "{{a.}}",			1, "invalid name" },
		{ "{{..}}",			1, "invalid name" },
		{ "{{a<b}}",			1, "invalid name" },
		{ "{{a/b}}",			1, "invalid name" },
		{ "{{#}}",			1, "invalid name '' after '#'" },
		{ "{{^ a b}}{{/a b}}",		1, "after '^'" },
		{ "{{#a}}{{/}}",		1, "after '/'" },
		{ "{{>}}",			1, "invalid template name" },
		{ "{{> a b}}",			1, "invalid template name" },
		{ "{{>../etc}}",		1, "invalid template name" },
		{ "{{url a b}}",		1, "after 'url'" },
		{ "{{url .x}}",			1, "after 'url'" },
		{ "{{x {{y}}",			1, "'{{' inside a tag" },
		{ "\n{{! oops {{x}} }}",	2, "'{{' inside a tag" },
		{ "{{_x y}}",			1, "invalid name" },
	};
	size_t	i;

	for (i = 0; i < WB_NELEM(cases); i++)
		check_parse_error(cases[i].src, strlen(cases[i].src),
		    cases[i].line, cases[i].what);
	/* An embedded NUL is just a byte: inside a tag it is a bad name. */
	check_parse_error("{{a\0b}}", 7, 1, "invalid name");
}

/* "{{#a}}" n times, then "x", then "{{/a}}" n times. */
static char *
nested(int n)
{
	struct wb_buf	b;
	int		i;

	wb_buf_init(&b, 4096);
	for (i = 0; i < n; i++)
		wb_buf_puts(&b, "{{#a}}");
	wb_buf_puts(&b, "x");
	for (i = 0; i < n; i++)
		wb_buf_puts(&b, "{{/a}}");
	assert_int_equal(wb_buf_error(&b), 0);
	return wb_buf_detach(&b, NULL);
}

static void
test_parse_limits(void **state)
{
	struct wb_tmpl_set	*set = wb_tmpl_set_new();
	struct wb_err		 err = { 0 };
	char			*src;
	char			 msg[64];

	/* WB_MAX_TEMPLATE_DEPTH nested sections parse, one more does not. */
	src = nested(WB_MAX_TEMPLATE_DEPTH);
	assert_int_equal(wb_tmpl_parse_one(set, "ok", src, strlen(src),
	    &err), 0);
	free(src);
	src = nested(WB_MAX_TEMPLATE_DEPTH + 1);
	(void)snprintf(msg, sizeof(msg), "nested deeper than %d",
	    WB_MAX_TEMPLATE_DEPTH);
	check_parse_error(src, strlen(src), 1, msg);
	free(src);
	check_render("{{#a}}{{#a}}{{#a}}{{a}}{{/a}}{{/a}}{{/a}}",
	    "{\"a\": 1}", "1");

	/* WB_MAX_TEMPLATE_SIZE bytes parse, one more does not. */
	src = wb_xmalloc(WB_MAX_TEMPLATE_SIZE + 1);
	memset(src, 'x', WB_MAX_TEMPLATE_SIZE + 1);
	assert_int_equal(wb_tmpl_parse_one(set, "big", src,
	    WB_MAX_TEMPLATE_SIZE, &err), 0);
	assert_int_equal(wb_tmpl_parse_one(set, "toobig", src,
	    WB_MAX_TEMPLATE_SIZE + 1, &err), WB_EINVAL);
	assert_non_null(strstr(err.msg, "template toobig line 1:"));
	assert_false(wb_tmpl_exists(set, "toobig"));
	free(src);

	/* Names are unique, and present. */
	assert_int_equal(wb_tmpl_parse_one(set, "ok", "x", 1, &err),
	    WB_EINVAL);
	assert_non_null(strstr(err.msg, "already exists"));
	assert_int_equal(wb_tmpl_parse_one(set, "", "x", 1, &err),
	    WB_EINVAL);
	assert_true(wb_tmpl_exists(set, "ok"));
	assert_true(wb_tmpl_exists(set, "big"));
	assert_false(wb_tmpl_exists(set, "o"));
	assert_false(wb_tmpl_exists(set, "okk"));
	wb_tmpl_free(set);
}

static void
test_load_and_partials(void **state)
{
	static const char	page[] = "<main>{{>header.html}}{{#items}}"
	    "{{>item.html}}{{/items}}</main>";
	static const char	header[] = "<h1>{{title}}</h1>";
	static const char	item[] = "<p>{{name}} ({{title}})</p>";
	const struct wb_asset	assets[] = {
		{ "page.html", page, sizeof(page) - 1 },
		{ "header.html", header, sizeof(header) - 1 },
		{ "item.html", item, sizeof(item) - 1 },
		{ NULL, NULL, 0 },
	};
	struct wb_tmpl_set	*set = NULL;
	struct wb_err		 err = { 0 };
	struct wb_buf		 out;
	json_t			*ctx;

	assert_int_equal(wb_tmpl_load(assets, &set, &err), 0);
	assert_non_null(set);
	assert_true(wb_tmpl_exists(set, "page.html"));
	assert_true(wb_tmpl_exists(set, "item.html"));
	assert_false(wb_tmpl_exists(set, "nope.html"));
	assert_false(wb_tmpl_exists(NULL, "page.html"));
	ctx = ctx_from("{\"title\": \"<T>\", \"items\": [{\"name\": \"a\"},"
	    " {\"name\": \"b\", \"title\": \"own\"}]}");
	wb_buf_init(&out, 4096);
	wb_buf_puts(&out, "prefix:");
	assert_int_equal(wb_tmpl_render(set, "page.html", ctx, NULL, NULL,
	    &out, &err), 0);
	assert_string_equal(wb_buf_cstr(&out), "prefix:<main><h1>&lt;T&gt;"
	    "</h1><p>a (&lt;T&gt;)</p><p>b (own)</p></main>");

	/* Missing template. */
	wb_buf_reset(&out);
	assert_int_equal(wb_tmpl_render(set, "nope.html", ctx, NULL, NULL,
	    &out, &err), WB_ENOTFOUND);
	assert_string_equal(wb_buf_cstr(&out), "");
	json_decref(ctx);
	wb_buf_free(&out);
	wb_tmpl_free(set);

	/* An empty table is an empty set. */
	assert_int_equal(wb_tmpl_load(&assets[3], &set, &err), 0);
	assert_false(wb_tmpl_exists(set, "page.html"));
	wb_tmpl_free(set);
	wb_tmpl_free(NULL);
}

static void
test_load_errors(void **state)
{
	static const char	a[] = "ok";
	static const char	b[] = "line 1\n{{#x}}\n{{>missing.html}}{{/x}}";
	static const char	c[] = "line 1\nline 2 {{{raw}}}";
	const struct wb_asset	missing[] = {
		{ "a.html", a, sizeof(a) - 1 },
		{ "b.html", b, sizeof(b) - 1 },
		{ NULL, NULL, 0 },
	};
	const struct wb_asset	syntax[] = {
		{ "a.html", a, sizeof(a) - 1 },
		{ "c.html", c, sizeof(c) - 1 },
		{ NULL, NULL, 0 },
	};
	const struct wb_asset	twice[] = {
		{ "a.html", a, sizeof(a) - 1 },
		{ "a.html", a, sizeof(a) - 1 },
		{ NULL, NULL, 0 },
	};
	struct wb_tmpl_set	*set = (struct wb_tmpl_set *)1;
	struct wb_err		 err = { 0 };

	assert_int_equal(wb_tmpl_load(missing, &set, &err), WB_EINVAL);
	assert_null(set);
	assert_string_equal(err.msg, "template b.html line 3: partial "
	    "'missing.html' does not exist");
	assert_int_equal(wb_tmpl_load(syntax, &set, &err), WB_EINVAL);
	assert_null(set);
	assert_non_null(strstr(err.msg, "template c.html line 2: '{{{'"));
	assert_int_equal(wb_tmpl_load(twice, &set, &err), WB_EINVAL);
	assert_null(set);
	assert_non_null(strstr(err.msg, "template a.html"));
}

/* A chain of templates p0 -> p1 -> ... -> p<n>; renders p0. */
static int
render_chain(int n, struct wb_err *err)
{
	struct wb_tmpl_set	*set = wb_tmpl_set_new();
	struct wb_buf		 out;
	char			 name[16], src[32];
	int			 i, k, rc;

	for (i = 0; i <= n; i++) {
		(void)snprintf(name, sizeof(name), "p%d", i);
		if (i < n)
			k = snprintf(src, sizeof(src), "%d{{>p%d}}", i, i + 1);
		else
			k = snprintf(src, sizeof(src), "end");
		assert_int_equal(wb_tmpl_parse_one(set, name, src, (size_t)k,
		    err), 0);
	}
	wb_buf_init(&out, 4096);
	rc = wb_tmpl_render(set, "p0", NULL, NULL, NULL, &out, err);
	if (rc == 0)
		assert_non_null(strstr(wb_buf_cstr(&out), "end"));
	wb_buf_free(&out);
	wb_tmpl_free(set);
	return rc;
}

static void
test_partial_limits(void **state)
{
	struct wb_tmpl_set	*set;
	struct wb_err		 err = { 0 };
	struct wb_buf		 out;

	assert_int_equal(render_chain(WB_MAX_TEMPLATE_DEPTH, &err), 0);
	assert_int_equal(render_chain(WB_MAX_TEMPLATE_DEPTH + 1, &err),
	    WB_ETOOBIG);
	assert_non_null(strstr(err.msg, "nested deeper"));

	/* Direct and indirect recursion stop at the limit. */
	set = set_with("a{{>t}}{{>t}}{{>t}}");
	wb_buf_init(&out, WB_MAX_PAGE);
	assert_int_equal(wb_tmpl_render(set, "t", NULL, NULL, NULL, &out,
	    &err), WB_ETOOBIG);
	wb_tmpl_free(set);
	set = wb_tmpl_set_new();
	assert_int_equal(wb_tmpl_parse_one(set, "x", "{{#l}}{{>y}}{{/l}}",
	    18, &err), 0);
	assert_int_equal(wb_tmpl_parse_one(set, "y", "{{>x}}", 6, &err), 0);
	wb_buf_reset(&out);
	json_t *ctx = ctx_from("{\"l\": [1, 2, 3]}");
	assert_int_equal(wb_tmpl_render(set, "x", ctx, NULL, NULL, &out,
	    &err), WB_ETOOBIG);
	json_decref(ctx);

	/* A partial that is not in the set (no load-time check here). */
	assert_int_equal(wb_tmpl_parse_one(set, "z", "a{{>gone}}", 10, &err),
	    0);
	wb_buf_reset(&out);
	assert_int_equal(wb_tmpl_render(set, "z", NULL, NULL, NULL, &out,
	    &err), WB_ENOTFOUND);
	assert_non_null(strstr(err.msg, "'gone' does not exist"));
	wb_buf_free(&out);
	wb_tmpl_free(set);
}

static void
test_output_limit(void **state)
{
	struct wb_tmpl_set	*set = set_with("12345{{x}}");
	json_t			*ctx = ctx_from("{\"x\": \"<>\"}");
	struct wb_err		 err = { 0 };
	struct wb_buf		 out;

	/* "12345&lt;&gt;" is 13 bytes. */
	wb_buf_init(&out, 13);
	assert_int_equal(wb_tmpl_render(set, "t", ctx, NULL, NULL, &out,
	    &err), 0);
	assert_string_equal(wb_buf_cstr(&out), "12345&lt;&gt;");
	wb_buf_free(&out);
	wb_buf_init(&out, 12);
	assert_int_equal(wb_tmpl_render(set, "t", ctx, NULL, NULL, &out,
	    &err), WB_ETOOBIG);
	assert_non_null(strstr(err.msg, "output larger than 12 bytes"));
	wb_buf_free(&out);
	json_decref(ctx);
	wb_tmpl_free(set);

	/* A section stops iterating once the buffer is full. */
	set = set_with("{{#a}}{{#a}}{{#a}}xxxxxxxx{{/a}}{{/a}}{{/a}}");
	ctx = ctx_from("{\"a\": [1,2,3,4,5,6,7,8,9,10]}");
	wb_buf_init(&out, 100);
	assert_int_equal(wb_tmpl_render(set, "t", ctx, NULL, NULL, &out,
	    &err), WB_ETOOBIG);
	assert_true(out.n <= 100);
	wb_buf_free(&out);
	json_decref(ctx);
	wb_tmpl_free(set);
}

/* Render "{{#a}}{{#a}}{{/a}}{{/a}}" over an array of k elements: that is
 * (k + 1)^2 steps. */
static int
render_steps(size_t k, struct wb_err *err)
{
	struct wb_tmpl_set	*set = set_with("{{#a}}{{#a}}{{/a}}{{/a}}");
	json_t			*ctx = json_object(), *a = json_array();
	struct wb_buf		 out;
	size_t			 i;
	int			 rc;

	for (i = 0; i < k; i++)
		json_array_append_new(a, json_integer((json_int_t)i));
	json_object_set_new(ctx, "a", a);
	wb_buf_init(&out, 100);
	rc = wb_tmpl_render(set, "t", ctx, NULL, NULL, &out, err);
	wb_buf_free(&out);
	json_decref(ctx);
	wb_tmpl_free(set);
	return rc;
}

static void
test_step_limit(void **state)
{
	struct wb_err	err = { 0 };

	/* 2048 * 2048 == 1 << 22 == WB_MAX_TEMPLATE_STEPS. */
	assert_int_equal((size_t)2048 * 2048, WB_MAX_TEMPLATE_STEPS);
	assert_int_equal(render_steps(2047, &err), 0);
	assert_int_equal(render_steps(2048, &err), WB_ETOOBIG);
	assert_non_null(strstr(err.msg, "rendering steps"));
}

static void
test_render_bad_args(void **state)
{
	struct wb_tmpl_set	*set = set_with("x");
	struct wb_err		 err = { 0 };
	struct wb_buf		 out;

	wb_buf_init(&out, 100);
	assert_int_equal(wb_tmpl_render(set, "T", NULL, NULL, NULL, &out,
	    &err), WB_ENOTFOUND);
	assert_int_equal(wb_tmpl_render(set, "", NULL, NULL, NULL, &out,
	    &err), WB_ENOTFOUND);
	assert_int_equal(wb_tmpl_render(set, "t", NULL, NULL, NULL, &out,
	    NULL), 0);
	assert_string_equal(wb_buf_cstr(&out), "x");
	wb_buf_free(&out);
	wb_tmpl_free(set);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape_specials),
		cmocka_unit_test(test_value_types),
		cmocka_unit_test(test_sections),
		cmocka_unit_test(test_lookup_and_shadowing),
		cmocka_unit_test(test_text_and_comments),
		cmocka_unit_test(test_url_filter),
		cmocka_unit_test(test_translation),
		cmocka_unit_test(test_html_json),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_parse_limits),
		cmocka_unit_test(test_load_and_partials),
		cmocka_unit_test(test_load_errors),
		cmocka_unit_test(test_partial_limits),
		cmocka_unit_test(test_output_limit),
		cmocka_unit_test(test_step_limit),
		cmocka_unit_test(test_render_bad_args),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
