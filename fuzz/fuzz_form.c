/* fuzz_form.c - libFuzzer target for the urlencoded form decoder.
 *
 * Decodes arbitrary bytes; on success checks the invariants the header
 * promises, re-encodes every pair with wb_form_encode() and checks that
 * decoding that gives the same fields back.
 */
#include "base/common.h"
#include "base/limits.h"
#include "base/str.h"
#include "web/form.h"

/* Check the promises of wb_form_decode() for a successful decode. */
static void
check(const struct wb_fields *f)
{
	size_t	i;

	if (f->n > WB_MAX_FIELDS)
		abort();
	for (i = 0; i < f->n; i++) {
		const struct wb_field *v = &f->v[i];

		if (v->name_len == 0 || v->name_len > WB_MAX_NAME ||
		    v->value_len > WB_MAX_FIELD ||
		    v->name[v->name_len] != '\0' ||
		    v->value[v->value_len] != '\0' ||
		    strlen(v->name) != v->name_len ||
		    strlen(v->value) != v->value_len ||
		    !wb_utf8_valid(v->name, v->name_len, false) ||
		    !wb_utf8_valid(v->value, v->value_len, true))
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct wb_arena		a;
	struct wb_fields	f, g;
	struct wb_buf		b;
	size_t			i;

	wb_arena_init(&a);
	if (wb_form_decode(&a, (const char *)data, size, &f, NULL) != 0) {
		wb_arena_free(&a);
		return 0;
	}
	check(&f);

	wb_buf_init(&b, (size_t)16 * WB_MAX_BODY);
	for (i = 0; i < f.n; i++) {
		if (i > 0)
			wb_buf_putc(&b, '&');
		wb_form_encode(&b, f.v[i].name, f.v[i].name_len);
		wb_buf_putc(&b, '=');
		wb_form_encode(&b, f.v[i].value, f.v[i].value_len);
	}
	/* Encoding can triple the size and so pass WB_MAX_BODY. */
	if (wb_buf_error(&b) == 0 && b.n <= WB_MAX_BODY) {
		if (wb_form_decode(&a, wb_buf_cstr(&b), b.n, &g, NULL) != 0 ||
		    g.n != f.n)
			abort();
		for (i = 0; i < f.n; i++)
			if (strcmp(f.v[i].name, g.v[i].name) != 0 ||
			    strcmp(f.v[i].value, g.v[i].value) != 0)
				abort();
	}
	wb_buf_free(&b);
	wb_arena_free(&a);
	return 0;
}
