/* fuzz_json_body.c - libFuzzer target for the JSON body decoder
 * (web/json_body.c).
 *
 * Decodes arbitrary bytes against a declaration with every type.  On
 * success checks what the header promises (required keys present, text
 * valid UTF-8 within its length and choices, integers in range, arrays of
 * distinct choices, arrays of integers in range, booleans, decimals in
 * hundredths in range), then builds the same object again from the decoded
 * values with jansson, dumps it and decodes that: the values must come
 * back the same.  On failure checks that nothing came out and that the
 * error is well formed.  The Content-Type check gets the input too.
 */
#include "base/common.h"
#include "base/limits.h"
#include "base/str.h"
#include "web/json_body.h"

#include <jansson.h>

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const colours[] = { "rood", "groen", "blauw", NULL };
static const char *const cats[] = { "identity", "work", "health", "plan",
    "notes", NULL };

static const struct wb_jfield decl[] = {
	{ "name", WB_J_STRING, WB_J_REQUIRED, 0, 20, NULL },
	{ "text", WB_J_LINES, 0, 0, 100, NULL },
	{ "colour", WB_J_STRING, 0, 0, 0, colours },
	{ "n", WB_J_INT, 0, -5, 1000, NULL },
	{ "id", WB_J_INT, 0, 1, INT64_MAX, NULL },
	{ "categories", WB_J_STRINGS, 0, 0, 5, cats },
	{ "scores", WB_J_INTS, 0, 1, 5, NULL },
	{ "flag", WB_J_BOOL, 0, 0, 0, NULL },
	{ "hours", WB_J_DECIMAL, 0, 1, 8000, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

/* The declared type of key `name`. */
static enum wb_jtype
type_of(const char *name)
{
	const struct wb_jfield	*f;

	for (f = decl; f->name != NULL; f++)
		if (strcmp(f->name, name) == 0)
			return f->type;
	abort();
}

static bool
in(const char *const *values, const char *s)
{
	for (; *values != NULL; values++)
		if (strcmp(*values, s) == 0)
			return true;
	return false;
}

/* The promises of a successful decode. */
static void
check(const struct wb_jbody *b)
{
	const struct wb_jfield	*f;
	size_t			 i, j, k, len;

	if (wb_jbody_str(b, "name") == NULL)
		abort();
	for (i = 0; i < b->n; i++) {
		const struct wb_jvalue *v = &b->v[i];

		for (f = decl; f->name != NULL; f++)
			if (strcmp(f->name, v->name) == 0)
				break;
		if (f->name == NULL)
			abort();
		for (j = 0; j < i; j++)
			if (strcmp(b->v[j].name, v->name) == 0)
				abort();
		switch (f->type) {
		case WB_J_STRING:
		case WB_J_LINES:
			len = strlen(v->str);
			if (len == 0 || !wb_utf8_valid(v->str, len,
			    f->type == WB_J_LINES) || (f->max > 0 &&
			    wb_utf8_len(v->str, len) > (size_t)f->max) ||
			    (f->values != NULL && !in(f->values, v->str)))
				abort();
			break;
		case WB_J_INT:
			if (v->num < f->min || v->num > f->max)
				abort();
			break;
		case WB_J_STRINGS:
			if (v->nstrs == 0 || v->nstrs > (size_t)f->max)
				abort();
			for (j = 0; j < v->nstrs; j++) {
				if (!in(f->values, v->strs[j]))
					abort();
				for (k = 0; k < j; k++)
					if (strcmp(v->strs[j], v->strs[k]) == 0)
						abort();
			}
			break;
		case WB_J_INTS:
			if (v->nnums == 0 || v->nnums > WB_J_MAX_INTS ||
			    v->nums == NULL)
				abort();
			for (j = 0; j < v->nnums; j++)
				if (v->nums[j] < f->min || v->nums[j] > f->max)
					abort();
			break;
		case WB_J_BOOL:
			if (v->num != 0 && v->num != 1)
				abort();
			break;
		case WB_J_DECIMAL:
			if (v->num < f->min || v->num > f->max)
				abort();
			break;
		}
	}
}

/* The decoded values as a JSON object again. */
static json_t *
rebuild(const struct wb_jbody *b)
{
	json_t	*o = json_object(), *arr;
	size_t	 i, j;

	for (i = 0; i < b->n; i++) {
		const struct wb_jvalue *v = &b->v[i];

		if (v->str != NULL)
			json_object_set_new(o, v->name, json_string(v->str));
		else if (v->strs != NULL) {
			arr = json_array();
			for (j = 0; j < v->nstrs; j++)
				json_array_append_new(arr,
				    json_string(v->strs[j]));
			json_object_set_new(o, v->name, arr);
		} else if (v->nums != NULL) {
			arr = json_array();
			for (j = 0; j < v->nnums; j++)
				json_array_append_new(arr,
				    json_integer(v->nums[j]));
			json_object_set_new(o, v->name, arr);
		} else if (type_of(v->name) == WB_J_BOOL)
			json_object_set_new(o, v->name, json_boolean(v->num));
		else if (type_of(v->name) == WB_J_DECIMAL && v->num % 100 != 0)
			/* dumped with 17 digits: reads back to the same
			 * hundredths */
			json_object_set_new(o, v->name, json_real(
			    (double)v->num / 100.0));
		else if (type_of(v->name) == WB_J_DECIMAL)
			json_object_set_new(o, v->name, json_integer(v->num /
			    100));
		else
			json_object_set_new(o, v->name, json_integer(v->num));
	}
	return o;
}

/* Both decodes hold the same values. */
static void
same(const struct wb_jbody *a, const struct wb_jbody *b)
{
	size_t	i, j;

	if (a->n != b->n)
		abort();
	for (i = 0; i < a->n; i++) {
		const struct wb_jvalue *x = &a->v[i], *y = &b->v[i];

		if (strcmp(x->name, y->name) != 0 || x->num != y->num ||
		    (x->str == NULL) != (y->str == NULL) ||
		    (x->str != NULL && strcmp(x->str, y->str) != 0) ||
		    x->nstrs != y->nstrs || x->nnums != y->nnums)
			abort();
		for (j = 0; j < x->nstrs; j++)
			if (strcmp(x->strs[j], y->strs[j]) != 0)
				abort();
		for (j = 0; j < x->nnums; j++)
			if (x->nums[j] != y->nums[j])
				abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct wb_arena	 a;
	struct wb_jbody	 b, again;
	struct wb_err	 err;
	json_t		*o;
	char		*s, *ct;
	int		 rc;

	wb_arena_init(&a);
	wb_err_clear(&err);
	rc = wb_json_body_decode(&a, (const char *)data, size, decl, &b, &err);
	if (rc != 0) {
		if ((rc != WB_EINVAL && rc != WB_ETOOBIG) || err.code != rc ||
		    err.msg[0] == '\0' || b.n != 0 || b.v != NULL ||
		    !wb_utf8_valid(err.field, strlen(err.field), false))
			abort();
	} else {
		check(&b);
		o = rebuild(&b);
		s = json_dumps(o, JSON_COMPACT);
		json_decref(o);
		if (s == NULL)
			abort();
		if (wb_json_body_decode(&a, s, strlen(s), decl, &again,
		    NULL) != 0)
			abort();
		same(&b, &again);
		free(s);
	}
	/* Any header value: no crash, no read past its end. */
	ct = wb_arena_strndup(&a, (const char *)data, size);
	(void)wb_json_content_type(ct);
	wb_arena_free(&a);
	return 0;
}
