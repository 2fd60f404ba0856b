/* test_multipart.c - the strict multipart/form-data decoder: what browsers
 * send, every malformation we refuse, and every limit at limit and
 * limit + 1. */
#include "testutil.h"

#include "base/common.h"
#include "base/buf.h"
#include "base/limits.h"
#include "base/mem.h"
#include "web/multipart.h"

#define CT	"multipart/form-data; boundary=XyZ"
#define CD(n)	"Content-Disposition: form-data; name=\"" n "\"\r\n"

/* One case: Content-Type, body, expected code and, for success, the
 * fields rendered as "[name]=[value]" one after the other. */
struct mcase {
	const char	*ct;
	const char	*body;
	int		 rc;
	const char	*want;
};

static const struct mcase good[] = {
	/* What a browser sends for the import form. */
	{ CT, "--XyZ\r\n" CD("csrf") "\r\nabc\r\n"
	    "--XyZ\r\n" CD("kind") "\r\norganisaties\r\n"
	    "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; "
	    "filename=\"lijst.csv\"\r\nContent-Type: text/csv\r\n\r\n"
	    "code;name\r\nA;B\r\n\r\n--XyZ--\r\n", 0,
	    "[csrf]=[abc][kind]=[organisaties][file]=[code;name\r\nA;B\r\n]" },
	{ "multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW",
	    "------WebKitFormBoundary7MA4YWxkTrZu0gW\r\n" CD("a") "\r\n1\r\n"
	    "------WebKitFormBoundary7MA4YWxkTrZu0gW--\r\n", 0, "[a]=[1]" },
	/* Quoted boundary with the special bchars and an inner space. */
	{ "multipart/form-data; boundary=\"a'()+_,-./:=? b\"",
	    "--a'()+_,-./:=? b\r\n" CD("a") "\r\n1\r\n--a'()+_,-./:=? b--", 0,
	    "[a]=[1]" },
	/* Names of types, parameters and headers ignore case. */
	{ "Multipart/Form-Data;BOUNDARY=b",
	    "--b\r\ncontent-disposition: FORM-DATA; NAME=\"x\"\r\n"
	    "CONTENT-TYPE: text/plain\r\n\r\ny\r\n--b--", 0, "[x]=[y]" },
	/* Other Content-Type parameters are ignored. */
	{ "multipart/form-data; charset=utf-8; boundary=b ",
	    "--b\r\n" CD("a") "\r\n1\r\n--b--", 0, "[a]=[1]" },
	{ CT, "--XyZ--\r\n", 0, "" },
	{ CT, "--XyZ--", 0, "" },
	/* No file chosen: the browser sends an empty filename and part. */
	{ CT, "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; "
	    "filename=\"\"\r\nContent-Type: application/octet-stream\r\n\r\n"
	    "\r\n--XyZ--\r\n", 0, "[file]=[]" },
	/* The boundary counts only right after CRLF. */
	{ CT, "--XyZ\r\n" CD("a") "\r\nx--XyZ\r\n-XyZ\r\n--XyZ--", 0,
	    "[a]=[x--XyZ\r\n-XyZ]" },
	/* Repeated names are kept; the router refuses them when needed. */
	{ CT, "--XyZ\r\n" CD("a") "\r\n1\r\n--XyZ\r\n" CD("a") "\r\n2\r\n"
	    "--XyZ--", 0, "[a]=[1][a]=[2]" },
	{ CT, "--XyZ\r\n" CD("naam\xe2\x82\xac") "\r\nRen\xc3\xa9" "e\r\n"
	    "--XyZ--", 0, "[naam\xe2\x82\xac]=[Ren\xc3\xa9" "e]" },
	{ CT, "--XyZ\r\n" CD("t") "\r\na\tb\r\nc\r\n--XyZ--", 0,
	    "[t]=[a\tb\r\nc]" },
	/* A file may hold anything; its route's type decides. */
	{ CT, "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; "
	    "filename=\"a.bin\"\r\n\r\n\x01\xff\r\n--XyZ--", 0,
	    "[f]=[\x01\xff]" },
};

static const struct mcase bad[] = {
	/* The Content-Type. */
	{ NULL, "--b--", WB_EINVAL, NULL },
	{ "multipart/form-data", "--b--", WB_EINVAL, NULL },
	{ "multipart/form-data; boundary=", "----", WB_EINVAL, NULL },
	{ "multipart/form-data; boundary=\"\"", "----", WB_EINVAL, NULL },
	{ "multipart/mixed; boundary=b", "--b--", WB_EINVAL, NULL },
	{ "application/x-www-form-urlencoded; boundary=b", "--b--",
	    WB_EINVAL, NULL },
	{ "multipart/form-data; boundary=b; boundary=c", "--b--",
	    WB_EINVAL, NULL },
	{ "multipart/form-data; boundary=\"a;b\"", "--a;b--", WB_EINVAL,
	    NULL },
	{ "multipart/form-data; boundary=\"a<b\"", "--a<b--", WB_EINVAL,
	    NULL },
	{ "multipart/form-data; boundary=\"ab \"", "--ab --", WB_EINVAL,
	    NULL },
	{ "multipart/form-data; boundary=\"a\\\"b\"", "--a\"b--", WB_EINVAL,
	    NULL },
	{ "multipart/form-data; boundary=\"ab", "--ab--", WB_EINVAL, NULL },
	{ "multipart/form-data; boundary b", "--b--", WB_EINVAL, NULL },
	{ "multipart/form-data boundary=b", "--b--", WB_EINVAL, NULL },
	{ "multipart/form-data; boundary=b\x01", "--b--", WB_EINVAL, NULL },
	/* The frame. */
	{ CT, "", WB_EINVAL, NULL },
	{ CT, "preamble\r\n--XyZ\r\n" CD("a") "\r\n1\r\n--XyZ--", WB_EINVAL,
	    NULL },
	{ CT, "--XyZ\r\n" CD("a") "\r\n1\r\n--XyZ--\r\nepilogue", WB_EINVAL,
	    NULL },
	{ CT, "--XyZ\r\n" CD("a") "\r\n1\r\n--XyZ--\r\n\r\n", WB_EINVAL,
	    NULL },
	{ CT, "--XyZ \r\n" CD("a") "\r\n1\r\n--XyZ--", WB_EINVAL, NULL },
	{ CT, "--XyZ\r\n" CD("a") "\r\n1\r\n--XyZx\r\n--XyZ--", WB_EINVAL,
	    NULL },
	{ CT, "--XyZ\n" "Content-Disposition: form-data; name=\"a\"\n\n1\n"
	    "--XyZ--", WB_EINVAL, NULL },
	/* Unterminated parts. */
	{ CT, "--XyZ\r\n" CD("a") "\r\n1", WB_EINVAL, NULL },
	{ CT, "--XyZ\r\n" CD("a") "\r\n1\r\n--XyZ", WB_EINVAL, NULL },
	{ CT, "--XyZ\r\n" CD("a") "\r\n1\r\n--XyZ\r\n", WB_EINVAL, NULL },
	{ CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"",
	    WB_EINVAL, NULL },
	{ CT, "--XyZ\r\n" CD("a") "1\r\n--XyZ--", WB_EINVAL, NULL },
	/* Part headers. */
	{ CT, "--XyZ\r\n\r\n1\r\n--XyZ--", WB_EINVAL, NULL },
	{ CT, "--XyZ\r\nContent-Type: text/plain\r\n\r\n1\r\n--XyZ--",
	    WB_EINVAL, NULL },
	{ CT, "--XyZ\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\n"
	    "1\r\n--XyZ--", WB_EINVAL, NULL },
	{ CT, "--XyZ\r\nContent-Disposition: form-data\r\n\r\n1\r\n--XyZ--",
	    WB_EINVAL, NULL },
	{ CT, "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n"
	    "--XyZ--", WB_EINVAL, NULL },
	{ CT, "--XyZ\r\nContent-Disposition: form-data; name=\"\"\r\n\r\n1"
	    "\r\n--XyZ--", WB_EINVAL, NULL },
	{ CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"; "
	    "name=\"b\"\r\n\r\n1\r\n--XyZ--", WB_EINVAL, NULL },
	{ CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"; "
	    "filename=\"x\"; filename=\"y\"\r\n\r\n1\r\n--XyZ--", WB_EINVAL,
	    NULL },
	{ CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"; "
	    "filename*=UTF-8''x\r\n\r\n1\r\n--XyZ--", WB_EINVAL, NULL },
	{ CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"; "
	    "size=\"3\"\r\n\r\n1\r\n--XyZ--", WB_EINVAL, NULL },
	{ CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\r\n\r\n1\r\n"
	    "--XyZ--", WB_EINVAL, NULL },
	{ CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\tb\"\r\n\r\n"
	    "1\r\n--XyZ--", WB_EINVAL, NULL },
	{ CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"; "
	    "filename=\"x\x01y\"\r\n\r\n1\r\n--XyZ--", WB_EINVAL, NULL },
	{ CT, "--XyZ\r\n" CD("a") CD("b") "\r\n1\r\n--XyZ--", WB_EINVAL,
	    NULL },
	{ CT, "--XyZ\r\n" CD("a") "Content-Type: a\r\nContent-Type: b\r\n"
	    "\r\n1\r\n--XyZ--", WB_EINVAL, NULL },
	{ CT, "--XyZ\r\n" CD("a") "Content-Type:\r\n\r\n1\r\n--XyZ--",
	    WB_EINVAL, NULL },
	{ CT, "--XyZ\r\n" CD("a") "X-Extra: 1\r\n\r\n1\r\n--XyZ--",
	    WB_EINVAL, NULL },
	{ CT, "--XyZ\r\n" CD("a") "Content-Transfer-Encoding: base64\r\n\r\n"
	    "MQ==\r\n--XyZ--", WB_EINVAL, NULL },
	{ CT, "--XyZ\r\nContent-Disposition: form-data;\r\n name=\"a\"\r\n"
	    "\r\n1\r\n--XyZ--", WB_EINVAL, NULL },
	{ CT, "--XyZ\r\nno colon here\r\n\r\n1\r\n--XyZ--", WB_EINVAL, NULL },
	{ CT, "--XyZ\r\n: form-data\r\n\r\n1\r\n--XyZ--", WB_EINVAL, NULL },
	{ CT, "--XyZ\r\nContent Disposition: form-data; name=\"a\"\r\n\r\n1"
	    "\r\n--XyZ--", WB_EINVAL, NULL },
	{ CT, "--XyZ\r\n" CD("\xff") "\r\n1\r\n--XyZ--", WB_EINVAL, NULL },
	/* Text fields are clean UTF-8. */
	{ CT, "--XyZ\r\n" CD("a") "\r\nx\x01y\r\n--XyZ--", WB_EINVAL, NULL },
	{ CT, "--XyZ\r\n" CD("a") "\r\nx\xc3y\r\n--XyZ--", WB_EINVAL, NULL },
};

/* "[name]=[value]" for every field. */
static char *
render(const struct wb_fields *f)
{
	struct wb_buf	b;
	size_t		i;

	wb_buf_init(&b, 1 << 20);
	for (i = 0; i < f->n; i++) {
		wb_buf_printf(&b, "[%s]=[", f->v[i].name);
		wb_buf_append(&b, f->v[i].value, f->v[i].value_len);
		wb_buf_putc(&b, ']');
	}
	return wb_buf_detach(&b, NULL);
}

static void
test_good(void **state)
{
	struct wb_arena		a;
	struct wb_fields	f;
	struct wb_err		err;
	size_t			i, k;
	char			*got;

	(void)state;
	for (i = 0; i < WB_NELEM(good); i++) {
		wb_arena_init(&a);
		if (wb_multipart_decode(&a, good[i].ct, good[i].body,
		    strlen(good[i].body), &f, &err) != 0)
			fail_msg("good case %zu: %s", i, err.msg);
		got = render(&f);
		if (strcmp(got, good[i].want) != 0)
			fail_msg("good case %zu: got %s", i, got);
		for (k = 0; k < f.n; k++) {
			assert_int_equal(f.v[k].name_len,
			    strlen(f.v[k].name));
			assert_int_equal(f.v[k].value[f.v[k].value_len], '\0');
		}
		free(got);
		wb_arena_free(&a);
	}
}

static void
test_bad(void **state)
{
	struct wb_arena		a;
	struct wb_fields	f;
	struct wb_err		err;
	size_t			i;
	int			rc;

	(void)state;
	for (i = 0; i < WB_NELEM(bad); i++) {
		wb_arena_init(&a);
		memset(&f, 0xff, sizeof(f));
		wb_err_clear(&err);
		rc = wb_multipart_decode(&a, bad[i].ct, bad[i].body,
		    strlen(bad[i].body), &f, &err);
		if (rc != bad[i].rc)
			fail_msg("bad case %zu: rc %d", i, rc);
		/* Nothing of a refused body reaches the router. */
		assert_null(f.v);
		assert_int_equal(f.n, 0);
		assert_true(err.msg[0] != '\0');
		wb_arena_free(&a);
	}
}

/* A file part holding a NUL byte keeps its exact length. */
static void
test_binary_file(void **state)
{
	static const char	body[] = "--XyZ\r\nContent-Disposition: "
	    "form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\na\0b\r\n"
	    "--XyZ--";
	static const char	text[] = "--XyZ\r\n" CD("a") "\r\na\0b\r\n"
	    "--XyZ--";
	struct wb_arena		a;
	struct wb_fields	f;
	struct wb_err		err;

	(void)state;
	wb_arena_init(&a);
	assert_int_equal(wb_multipart_decode(&a, CT, body, sizeof(body) - 1,
	    &f, &err), 0);
	assert_int_equal(f.n, 1);
	assert_int_equal(f.v[0].value_len, 3);
	assert_memory_equal(f.v[0].value, "a\0b", 4);
	/* ... but a text part may not. */
	assert_int_equal(wb_multipart_decode(&a, CT, text, sizeof(text) - 1,
	    &f, &err), WB_EINVAL);
	wb_arena_free(&a);
}

static void
test_boundary(void **state)
{
	struct wb_str	b;
	struct wb_err	err;
	char		ct[200];

	(void)state;
	assert_int_equal(wb_multipart_boundary("multipart/form-data; "
	    "boundary=\"q q\"", &b, &err), 0);
	assert_int_equal(b.n, 3);
	assert_memory_equal(b.p, "q q", 3);
	/* 70 characters is the most RFC 2046 allows. */
	snprintf(ct, sizeof(ct), "multipart/form-data; boundary=%070d", 7);
	assert_int_equal(wb_multipart_boundary(ct, &b, &err), 0);
	assert_int_equal(b.n, WB_MULTIPART_MAX_BOUNDARY);
	snprintf(ct, sizeof(ct), "multipart/form-data; boundary=%071d", 7);
	assert_int_equal(wb_multipart_boundary(ct, &b, &err), WB_EINVAL);
}

/* Build a body of `parts` parts "fN" with value `v` and, when
 * `file` is set, a filename. */
static char *
build(size_t parts, const char *name, const char *v, size_t vlen, bool file,
    size_t *n)
{
	struct wb_buf	b;
	size_t		i;

	wb_buf_init(&b, (size_t)16 * WB_MAX_UPLOAD);
	for (i = 0; i < parts; i++) {
		wb_buf_puts(&b, "--XyZ\r\nContent-Disposition: form-data; "
		    "name=\"");
		if (name != NULL)
			wb_buf_puts(&b, name);
		else
			wb_buf_printf(&b, "f%zu", i);
		wb_buf_puts(&b, file ? "\"; filename=\"a.csv\"\r\n\r\n" :
		    "\"\r\n\r\n");
		wb_buf_append(&b, v, vlen);
		wb_buf_puts(&b, "\r\n");
	}
	wb_buf_puts(&b, "--XyZ--\r\n");
	assert_int_equal(wb_buf_error(&b), 0);
	return wb_buf_detach(&b, n);
}

/* Decode into the test's arena A, which the fields live in. */
static struct wb_arena	A;

static int
decode(const char *body, size_t n, struct wb_fields *f)
{
	struct wb_err	err;

	return wb_multipart_decode(&A, CT, body, n, f, &err);
}

static void
test_limits(void **state)
{
	struct wb_fields	 f;
	char			*v, *body, name[WB_MAX_NAME + 2];
	size_t			 n, over;

	(void)state;
	wb_arena_init(&A);
	v = wb_xmalloc(WB_MAX_UPLOAD + 1);
	memset(v, 'x', WB_MAX_UPLOAD + 1);

	/* A text field: WB_MAX_FIELD bytes, not one more. */
	body = build(1, NULL, v, WB_MAX_FIELD, false, &n);
	assert_int_equal(decode(body, n, &f), 0);
	free(body);
	body = build(1, NULL, v, WB_MAX_FIELD + 1, false, &n);
	assert_int_equal(decode(body, n, &f), WB_EINVAL);
	free(body);

	/* A file may be bigger, up to the whole body's limit. */
	body = build(1, NULL, v, WB_MAX_FIELD + 1, true, &n);
	assert_int_equal(decode(body, n, &f), 0);
	free(body);
	body = build(1, NULL, v, 10, true, &n);
	over = WB_MAX_UPLOAD - (n - 10);
	free(body);
	body = build(1, NULL, v, over, true, &n);
	assert_int_equal(n, WB_MAX_UPLOAD);
	assert_int_equal(decode(body, n, &f), 0);
	assert_int_equal(f.v[0].value_len, over);
	free(body);
	body = build(1, NULL, v, over + 1, true, &n);
	assert_int_equal(n, WB_MAX_UPLOAD + 1);
	assert_int_equal(decode(body, n, &f), WB_ETOOBIG);
	free(body);

	/* WB_MAX_FIELDS parts, not one more. */
	body = build(WB_MAX_FIELDS, NULL, "1", 1, false, &n);
	assert_int_equal(decode(body, n, &f), 0);
	assert_int_equal(f.n, WB_MAX_FIELDS);
	free(body);
	body = build(WB_MAX_FIELDS + 1, NULL, "1", 1, false, &n);
	assert_int_equal(decode(body, n, &f), WB_ETOOBIG);
	free(body);

	/* A name of WB_MAX_NAME bytes, not one more. */
	memset(name, 'n', sizeof(name));
	name[WB_MAX_NAME] = '\0';
	body = build(1, name, "1", 1, false, &n);
	assert_int_equal(decode(body, n, &f), 0);
	free(body);
	name[WB_MAX_NAME] = 'n';
	name[WB_MAX_NAME + 1] = '\0';
	body = build(1, name, "1", 1, false, &n);
	assert_int_equal(decode(body, n, &f), WB_EINVAL);
	free(body);
	free(v);
	wb_arena_free(&A);
}

/* A part header line of WB_MULTIPART_MAX_HEADER bytes, not one more; a
 * file name of WB_MULTIPART_MAX_FILENAME bytes, not one more. */
static void
test_header_limits(void **state)
{
	struct wb_fields	 f;
	struct wb_buf		 b;
	char			*body;
	size_t			 n, len, pad;

	(void)state;
	wb_arena_init(&A);
	for (pad = 0; pad < 2; pad++) {
		wb_buf_init(&b, 1 << 16);
		wb_buf_puts(&b, "--XyZ\r\n" CD("a") "Content-Type: ");
		len = WB_MULTIPART_MAX_HEADER - strlen("Content-Type: ") + pad;
		while (len-- > 0)
			wb_buf_putc(&b, 't');
		wb_buf_puts(&b, "\r\n\r\n1\r\n--XyZ--");
		body = wb_buf_detach(&b, &n);
		assert_int_equal(decode(body, n, &f), pad ? WB_EINVAL : 0);
		free(body);
	}
	for (pad = 0; pad < 2; pad++) {
		wb_buf_init(&b, 1 << 16);
		wb_buf_puts(&b, "--XyZ\r\nContent-Disposition: form-data; "
		    "name=\"f\"; filename=\"");
		len = WB_MULTIPART_MAX_FILENAME + pad;
		while (len-- > 0)
			wb_buf_putc(&b, 'n');
		wb_buf_puts(&b, "\"\r\n\r\n1\r\n--XyZ--");
		body = wb_buf_detach(&b, &n);
		assert_int_equal(decode(body, n, &f), pad ? WB_EINVAL : 0);
		free(body);
	}
	wb_arena_free(&A);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_binary_file),
		cmocka_unit_test(test_boundary),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_header_limits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
