/* test_json_body.c - the strict JSON body decoder (src/web/json_body.c):
 * arrays of integers (WB_J_INTS) at their limits, decimals (WB_J_DECIMAL)
 * and booleans (WB_J_BOOL), and that a refused body gives nothing back. */
#include "testutil.h"

#include "base/arena.h"
#include "base/err.h"
#include "web/json_body.h"

#include <stdio.h>
#include <string.h>

static const struct wb_jfield decl[] = {
	{ "name", WB_J_STRING, WB_J_REQUIRED, 0, 20, NULL },
	{ "scores", WB_J_INTS, 0, 1, 5, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

/* Decode s; the result code, the body and the error in *b and *err. */
static int
decode(struct wb_arena *a, const char *s, struct wb_jbody *b,
    struct wb_err *err)
{
	wb_err_clear(err);
	return wb_json_body_decode(a, s, strlen(s), decl, b, err);
}

static void
test_ints(void **state)
{
	struct wb_arena	 a;
	struct wb_jbody	 b;
	struct wb_err	 err;
	const int64_t	*v;

	(void)state;
	wb_arena_init(&a);
	assert_int_equal(decode(&a, "{\"name\": \"x\", \"scores\": "
	    "[1, 5, 3]}", &b, &err), 0);
	assert_int_equal(wb_jbody_ints(&b, "scores", &v), 3);
	assert_int_equal(v[0], 1);
	assert_int_equal(v[1], 5);
	assert_int_equal(v[2], 3);
	/* Absent, null and [] are all "not sent". */
	assert_int_equal(decode(&a, "{\"name\": \"x\"}", &b, &err), 0);
	assert_int_equal(wb_jbody_ints(&b, "scores", &v), 0);
	assert_null(v);
	assert_int_equal(decode(&a, "{\"name\": \"x\", \"scores\": null}", &b,
	    &err), 0);
	assert_int_equal(wb_jbody_ints(&b, "scores", &v), 0);
	assert_int_equal(decode(&a, "{\"name\": \"x\", \"scores\": []}", &b,
	    &err), 0);
	assert_int_equal(wb_jbody_ints(&b, "scores", &v), 0);
	wb_arena_free(&a);
}

static void
test_ints_refused(void **state)
{
	static const struct {
		const char	*body, *msg;
	} bad[] = {
		{ "\"scores\": [1, 6]", "Waarde 2 van het veld scores moet "
		    "tussen 1 en 5 liggen." },
		{ "\"scores\": [0]", "Waarde 1 van het veld scores moet "
		    "tussen 1 en 5 liggen." },
		{ "\"scores\": [1, 2.0]", "Het veld scores moet een lijst "
		    "met gehele getallen zijn." },
		{ "\"scores\": [1, \"2\"]", "Het veld scores moet een lijst "
		    "met gehele getallen zijn." },
		{ "\"scores\": [1, null]", "Het veld scores moet een lijst "
		    "met gehele getallen zijn." },
		{ "\"scores\": [[1]]", "Het veld scores moet een lijst "
		    "met gehele getallen zijn." },
		{ "\"scores\": 3", "Het veld scores moet een lijst met "
		    "gehele getallen zijn." },
		{ "\"scores\": {\"a\": 1}", "Het veld scores moet een lijst "
		    "met gehele getallen zijn." },
		{ "\"scores\": [99999999999999999999]", NULL },
	};
	struct wb_arena	 a;
	struct wb_jbody	 b;
	struct wb_err	 err;
	char		 body[256];
	size_t		 i;

	(void)state;
	wb_arena_init(&a);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(body, sizeof(body), "{\"name\": \"x\", %s}",
		    bad[i].body);
		if (decode(&a, body, &b, &err) != WB_EINVAL)
			fail_msg("%s: accepted", body);
		assert_int_equal(b.n, 0);
		assert_null(b.v);
		if (bad[i].msg == NULL)
			continue;	/* jansson refuses the parse */
		assert_string_equal(err.field, "scores");
		assert_string_equal(err.msg, bad[i].msg);
	}
	wb_arena_free(&a);
}

/* WB_J_MAX_INTS values pass, one more does not. */
static void
test_ints_limit(void **state)
{
	struct wb_arena	 a;
	struct wb_jbody	 b;
	struct wb_err	 err;
	const int64_t	*v;
	char		 body[1024];
	size_t		 n, i;

	(void)state;
	wb_arena_init(&a);
	for (n = WB_J_MAX_INTS; n <= WB_J_MAX_INTS + 1; n++) {
		size_t len = (size_t)snprintf(body, sizeof(body),
		    "{\"name\": \"x\", \"scores\": [");

		for (i = 0; i < n; i++)
			len += (size_t)snprintf(body + len, sizeof(body) - len,
			    "%s%zu", i ? ", " : "", i % 5 + 1);
		snprintf(body + len, sizeof(body) - len, "]}");
		if (n == WB_J_MAX_INTS) {
			assert_int_equal(decode(&a, body, &b, &err), 0);
			assert_int_equal(wb_jbody_ints(&b, "scores", &v), n);
			assert_int_equal(v[n - 1], (int64_t)((n - 1) % 5 + 1));
		} else {
			assert_int_equal(decode(&a, body, &b, &err),
			    WB_EINVAL);
			assert_string_equal(err.field, "scores");
			assert_non_null(strstr(err.msg, "te veel"));
		}
	}
	wb_arena_free(&a);
}

/* Hours as a decimal (0.01..80 in hundredths) and a yes/no flag. */
static const struct wb_jfield job_decl[] = {
	{ "hours", WB_J_DECIMAL, WB_J_REQUIRED, 1, 8000, NULL },
	{ "competitive", WB_J_BOOL, 0, 0, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

static int
decode_job(struct wb_arena *a, const char *s, struct wb_jbody *b,
    struct wb_err *err)
{
	wb_err_clear(err);
	return wb_json_body_decode(a, s, strlen(s), job_decl, b, err);
}

static void
test_decimal_and_bool(void **state)
{
	static const struct {
		const char	*hours;
		int64_t		 want;	/* hundredths, -1: refused */
		const char	*msg;
	} cases[] = {
		{ "16", 1600, NULL }, { "16.5", 1650, NULL },
		{ "16.25", 1625, NULL }, { "0.01", 1, NULL },
		{ "80", 8000, NULL }, { "80.0", 8000, NULL },
		{ "16.3", 1630, NULL }, { "1e1", 1000, NULL },
		{ "16.333", -1, "twee decimalen" },
		{ "16.001", -1, "twee decimalen" },
		{ "80.01", -1, "tussen 0.01 en 80" },
		{ "0", -1, "tussen" }, { "-4", -1, "tussen" },
		{ "1e300", -1, "tussen" }, { "-1e300", -1, "tussen" },
		{ "9223372036854775807", -1, "tussen" },
		{ "\"16\"", -1, "een getal" }, { "true", -1, "een getal" },
		{ "[16]", -1, "een getal" },
	};
	struct wb_arena	 a;
	struct wb_jbody	 b;
	struct wb_err	 err;
	char		 body[128];
	size_t		 i;

	(void)state;
	wb_arena_init(&a);
	for (i = 0; i < WB_NELEM(cases); i++) {
		snprintf(body, sizeof(body), "{\"hours\": %s}",
		    cases[i].hours);
		if (cases[i].want >= 0) {
			if (decode_job(&a, body, &b, &err) != 0)
				fail_msg("%s: %s", body, err.msg);
			assert_int_equal(wb_jbody_int(&b, "hours", -1),
			    cases[i].want);
			continue;
		}
		assert_int_equal(decode_job(&a, body, &b, &err), WB_EINVAL);
		assert_string_equal(err.field, "hours");
		if (strstr(err.msg, cases[i].msg) == NULL)
			fail_msg("%s: %s", body, err.msg);
		assert_int_equal(b.n, 0);
	}
	/* A boolean is true or false: not 1, not "ja"; absent is the
	 * default of the caller. */
	assert_int_equal(decode_job(&a, "{\"hours\": 4, \"competitive\": "
	    "true}", &b, &err), 0);
	assert_int_equal(wb_jbody_int(&b, "competitive", -1), 1);
	assert_int_equal(decode_job(&a, "{\"hours\": 4, \"competitive\": "
	    "false}", &b, &err), 0);
	assert_int_equal(wb_jbody_int(&b, "competitive", -1), 0);
	assert_int_equal(decode_job(&a, "{\"hours\": 4, \"competitive\": "
	    "null}", &b, &err), 0);
	assert_int_equal(wb_jbody_int(&b, "competitive", -1), -1);
	assert_int_equal(decode_job(&a, "{\"hours\": 4, \"competitive\": "
	    "1}", &b, &err), WB_EINVAL);
	assert_string_equal(err.field, "competitive");
	assert_int_equal(decode_job(&a, "{\"hours\": 4, \"competitive\": "
	    "\"ja\"}", &b, &err), WB_EINVAL);
	assert_int_equal(decode_job(&a, "{\"competitive\": true}", &b,
	    &err), WB_EINVAL);
	assert_string_equal(err.field, "hours");
	assert_non_null(strstr(err.msg, "verplicht"));
	wb_arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ints),
		cmocka_unit_test(test_ints_refused),
		cmocka_unit_test(test_ints_limit),
		cmocka_unit_test(test_decimal_and_bool),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
