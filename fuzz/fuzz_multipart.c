/* fuzz_multipart.c - libFuzzer target for the multipart/form-data decoder.
 *
 * The input's first line (up to LF) is the Content-Type, the rest is the
 * body, so the fuzzer reaches the boundary parser too.  On success it
 * checks the promises of multipart.h, encodes every field again as a file
 * part with the same boundary and checks that decoding that gives the same
 * fields back.
 */
#include "base/common.h"
#include "base/buf.h"
#include "base/limits.h"
#include "base/str.h"
#include "web/multipart.h"

/* Check the promises of wb_multipart_decode() for a successful decode. */
static void
check(const struct wb_fields *f)
{
	size_t	i;

	if (f->n > WB_MAX_FIELDS || (f->n == 0) != (f->v == NULL))
		abort();
	for (i = 0; i < f->n; i++) {
		const struct wb_field *v = &f->v[i];

		if (v->name_len == 0 || v->name_len > WB_MAX_NAME ||
		    v->value_len > WB_MAX_UPLOAD ||
		    v->name[v->name_len] != '\0' ||
		    v->value[v->value_len] != '\0' ||
		    strlen(v->name) != v->name_len ||
		    memchr(v->name, '"', v->name_len) != NULL ||
		    !wb_utf8_valid(v->name, v->name_len, false))
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char		*s = (const char *)data, *lf;
	struct wb_arena		 a;
	struct wb_fields	 f, g;
	struct wb_str		 b;
	struct wb_buf		 out;
	char			*ct;
	size_t			 i;

	lf = memchr(s, '\n', size);
	if (lf == NULL)
		return 0;
	wb_arena_init(&a);
	ct = wb_arena_strndup(&a, s, (size_t)(lf - s));
	if (strlen(ct) != (size_t)(lf - s) || wb_multipart_decode(&a, ct,
	    lf + 1, size - (size_t)(lf - s) - 1, &f, NULL) != 0) {
		wb_arena_free(&a);
		return 0;
	}
	check(&f);
	if (wb_multipart_boundary(ct, &b, NULL) != 0)
		abort();

	/* Every value once more, as a file (any bytes allowed). */
	wb_buf_init(&out, (size_t)2 * WB_MAX_UPLOAD);
	wb_buf_puts(&out, "--");
	wb_buf_append(&out, b.p, b.n);
	for (i = 0; i < f.n; i++) {
		wb_buf_puts(&out, "\r\nContent-Disposition: form-data; "
		    "name=\"");
		wb_buf_append(&out, f.v[i].name, f.v[i].name_len);
		wb_buf_puts(&out, "\"; filename=\"f\"\r\n\r\n");
		wb_buf_append(&out, f.v[i].value, f.v[i].value_len);
		wb_buf_puts(&out, "\r\n--");
		wb_buf_append(&out, b.p, b.n);
	}
	wb_buf_puts(&out, "--\r\n");
	if (wb_buf_error(&out) == 0 && out.n <= WB_MAX_UPLOAD) {
		if (wb_multipart_decode(&a, ct, out.p, out.n, &g, NULL) != 0 ||
		    g.n != f.n)
			abort();
		for (i = 0; i < f.n; i++)
			if (strcmp(f.v[i].name, g.v[i].name) != 0 ||
			    f.v[i].value_len != g.v[i].value_len ||
			    memcmp(f.v[i].value, g.v[i].value,
			    f.v[i].value_len) != 0)
				abort();
	}
	wb_buf_free(&out);
	wb_arena_free(&a);
	return 0;
}
