/* fuzz_template.c - parse arbitrary bytes as a template and render it.
 *
 * The set also holds a fixed partial "p.html"; the input is template
 * "t.html".  Every special character in the values of the fixed context
 * (and in the translation) follows a \x01 byte; when the input has no
 * \x01 byte, a \x01 in the output followed by < > " or ' means a value
 * escaped its escaping.
 */
#include "web/template.h"
#include "base/limits.h"

#define M	"\\u0001"	/* the marker, as JSON */

static const char ctx_json[] =
    "{\"name\": \"" M "<" M ">" M "&" M "'" M "\\\"\", \"n\": 42, \"r\": 0.5,"
    " \"t\": true, \"f\": false, \"z\": null, \"e\": \"\", \"empty\": [],"
    " \"list\": [\"a" M "<\", {\"name\": \"x" M "'\", \"n\": 0},"
    " [1, 2]],"
    " \"obj\": {\"a\": {\"b\": \"" M "\\\"deep\"},"
    " \"url\": \"javascript:" M "<\"},"
    " \"link\": \"/ok?a=" M "<" M "\\\"\"}";

static json_t *ctx;

/* A translation hook that marks its output. */
static const char *
tr(const void *trctx, const char *msgid)
{
	(void)trctx;
	return msgid[0] == 'x' ? "\x01<tr\x01'" : msgid;
}

/* True when a marker byte in s[0..n) is followed by an unescaped special
 * character. */
static bool
leaked(const char *s, size_t n)
{
	size_t	i;

	for (i = 0; i + 1 < n; i++)
		if (s[i] == '\x01' && memchr("<>\"'", s[i + 1], 4) != NULL)
			return true;
	return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char	 partial[] =
	    "<i>{{name}}{{#list}}{{.}}{{name}}{{/list}}</i>";
	struct wb_tmpl_set	*set;
	struct wb_err		 err;
	struct wb_buf		 out;
	int			 rc;

	if (ctx == NULL) {
		ctx = json_loads(ctx_json, 0, NULL);
		if (ctx == NULL)
			abort();
		json_object_set_new(ctx, "html", wb_html_json("<b>ok</b>"));
	}
	if (size > WB_MAX_TEMPLATE_SIZE + 1)
		return 0;
	set = wb_tmpl_set_new();
	if (wb_tmpl_parse_one(set, "p.html", partial, sizeof(partial) - 1,
	    &err) != 0)
		abort();
	rc = wb_tmpl_parse_one(set, "t.html", (const char *)data, size, &err);
	if (rc == 0) {
		wb_buf_init(&out, 1 << 20);
		rc = wb_tmpl_render(set, "t.html", ctx, tr, NULL, &out, &err);
		if (rc != 0 && rc != WB_ETOOBIG && rc != WB_ENOTFOUND)
			abort();
		if (memchr(data, '\x01', size) == NULL &&
		    leaked(wb_buf_cstr(&out), out.n))
			abort();
		wb_buf_free(&out);
	} else if (rc != WB_EINVAL || strncmp(err.msg, "template t.html line ",
	    21) != 0) {
		abort();
	}
	wb_tmpl_free(set);
	return 0;
}
