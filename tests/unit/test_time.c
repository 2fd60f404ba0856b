/* test_time.c - the clock, calendar arithmetic and the date notations. */
#include "testutil.h"

#include "base/common.h"
#include "base/err.h"
#include "base/time.h"

#include <time.h>

/* -- days <-> civil -- */

struct ccase {
	int	y, m, d;
	int64_t	days;
};

static const struct ccase ccases[] = {
	{ 1970, 1, 1, 0 },
	{ 1969, 12, 31, -1 },
	{ 1970, 1, 2, 1 },
	{ 2000, 1, 1, 10957 },
	{ 2000, 2, 29, 11016 },		/* divisible by 400: leap */
	{ 2000, 3, 1, 11017 },
	{ 2024, 2, 29, 19782 },
	{ 2100, 2, 28, 47540 },		/* divisible by 100: not leap */
	{ 2100, 3, 1, 47541 },
	{ 1900, 1, 1, -25567 },
	{ 2200, 12, 31, 84370 },
	{ 1600, 2, 29, -135081 },
	{ 1, 1, 1, -719162 },
	{ 9999, 12, 31, 2932896 },
};

static void
test_civil(void **state)
{
	size_t	i;
	int64_t	z;

	(void)state;
	for (i = 0; i < WB_NELEM(ccases); i++) {
		const struct ccase	*c = &ccases[i];
		int			 y, m, d;

		if (wb_days_from_civil(c->y, c->m, c->d) != c->days)
			fail_msg("%04d-%02d-%02d: %lld, want %lld", c->y, c->m,
			    c->d, (long long)wb_days_from_civil(c->y, c->m,
			    c->d), (long long)c->days);
		wb_civil_from_days(c->days, &y, &m, &d);
		if (y != c->y || m != c->m || d != c->d)
			fail_msg("%lld: %04d-%02d-%02d", (long long)c->days, y,
			    m, d);
	}
	/* round trip, and consecutive days are consecutive dates */
	for (z = -800000; z <= 800000; z += 7) {
		int	y, m, d;

		wb_civil_from_days(z, &y, &m, &d);
		if (m < 1 || m > 12 || d < 1 || d > 31 ||
		    wb_days_from_civil(y, m, d) != z)
			fail_msg("round trip of day %lld", (long long)z);
	}
}

/* -- wb_date_parse -- */

struct pcase {
	const char	*in;
	int		 rc;
	int64_t		 days;
};

static const struct pcase pcases[] = {
	{ "01-01-1970", 0, 0 },
	{ "1970-01-01", 0, 0 },
	{ "29-02-2024", 0, 19782 },
	{ "2024-02-29", 0, 19782 },
	{ "29-02-2000", 0, 11016 },
	{ "31-12-2200", 0, 84370 },
	{ "1900-01-01", 0, -25567 },
	{ "31-01-2024", 0, 19753 },
	{ "30-04-2024", 0, 19843 },
	{ "29-02-2023", WB_EINVAL, 0 },	/* not a leap year */
	{ "29-02-2100", WB_EINVAL, 0 },
	{ "31-04-2024", WB_EINVAL, 0 },
	{ "32-01-2024", WB_EINVAL, 0 },
	{ "00-01-2024", WB_EINVAL, 0 },
	{ "01-00-2024", WB_EINVAL, 0 },
	{ "01-13-2024", WB_EINVAL, 0 },
	{ "31-12-1899", WB_EINVAL, 0 },	/* outside 1900..2200 */
	{ "01-01-2201", WB_EINVAL, 0 },
	{ "2024-13-01", WB_EINVAL, 0 },
	{ "2024-02-30", WB_EINVAL, 0 },
	{ "", WB_EINVAL, 0 },
	{ "1-1-2024", WB_EINVAL, 0 },
	{ "01-01-24", WB_EINVAL, 0 },
	{ "01/01/2024", WB_EINVAL, 0 },
	{ "2024/01/01", WB_EINVAL, 0 },
	{ "01.01.2024", WB_EINVAL, 0 },
	{ "2024-01-01 ", WB_EINVAL, 0 },
	{ " 2024-01-01", WB_EINVAL, 0 },
	{ "2024-01-01T00:00", WB_EINVAL, 0 },
	{ "-1-01-2024", WB_EINVAL, 0 },
	{ "+1-01-2024", WB_EINVAL, 0 },
	{ "01--1-2024", WB_EINVAL, 0 },
	{ "2024--1-01", WB_EINVAL, 0 },
	{ "01-01-+024", WB_EINVAL, 0 },
	{ "aa-bb-cccc", WB_EINVAL, 0 },
	{ "2024-0a-01", WB_EINVAL, 0 },
	{ "20240101xx", WB_EINVAL, 0 },
	{ "01-01-2024-", WB_EINVAL, 0 },
};

static void
test_date_parse(void **state)
{
	size_t	i;

	(void)state;
	for (i = 0; i < WB_NELEM(pcases); i++) {
		const struct pcase	*c = &pcases[i];
		int64_t			 days = -777;
		int			 rc;

		rc = wb_date_parse(c->in, strlen(c->in), &days);
		if (rc != c->rc)
			fail_msg("\"%s\": rc %d, want %d", c->in, rc, c->rc);
		if (rc == 0 && days != c->days)
			fail_msg("\"%s\": %lld, want %lld", c->in,
			    (long long)days, (long long)c->days);
	}
	/* the length comes from the caller, not from a NUL */
	{
		int64_t days = 0;

		assert_int_equal(wb_date_parse("01-02-2024xyz", 10, &days), 0);
		assert_int_equal(days, wb_days_from_civil(2024, 2, 1));
		assert_int_equal(wb_date_parse("01-02-2024", 9, &days),
		    WB_EINVAL);
	}
}

/* Switch the local time zone (localtime_r needs the tzset). */
static void
use_tz(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

/* -- formatting -- */

static void
test_format_dates(void **state)
{
	char	out[32];
	int64_t	z;

	(void)state;
	wb_date_nl(0, out, sizeof(out));
	assert_string_equal(out, "01-01-1970");
	wb_date_iso(0, out, sizeof(out));
	assert_string_equal(out, "1970-01-01");
	wb_date_nl(19782, out, sizeof(out));
	assert_string_equal(out, "29-02-2024");
	wb_date_iso(-1, out, sizeof(out));
	assert_string_equal(out, "1969-12-31");
	wb_date_nl(INT64_MIN, out, sizeof(out));
	assert_string_equal(out, "");
	/* an 11-byte buffer is enough, as the header promises */
	wb_date_nl(84370, out, 11);
	assert_string_equal(out, "31-12-2200");
	wb_date_iso(84370, out, 11);
	assert_string_equal(out, "2200-12-31");

	/* what is printed parses back to the same day, both notations */
	for (z = -25567; z <= 84370; z += 13) {
		int64_t	back = 0;

		wb_date_nl(z, out, sizeof(out));
		if (wb_date_parse(out, strlen(out), &back) != 0 || back != z)
			fail_msg("nl round trip of %lld (%s)", (long long)z,
			    out);
		wb_date_iso(z, out, sizeof(out));
		if (wb_date_parse(out, strlen(out), &back) != 0 || back != z)
			fail_msg("iso round trip of %lld (%s)", (long long)z,
			    out);
	}
}

struct tcase {
	int64_t		 t;
	const char	*nl;
	const char	*iso;
};

static const struct tcase tcases[] = {
	{ 0, "01-01-1970 00:00", "1970-01-01T00:00:00Z" },
	{ 59, "01-01-1970 00:00", "1970-01-01T00:00:59Z" },
	{ 86399, "01-01-1970 23:59", "1970-01-01T23:59:59Z" },
	{ 86400, "02-01-1970 00:00", "1970-01-02T00:00:00Z" },
	{ -1, "31-12-1969 23:59", "1969-12-31T23:59:59Z" },
	{ -86400, "31-12-1969 00:00", "1969-12-31T00:00:00Z" },
	{ -86401, "30-12-1969 23:59", "1969-12-30T23:59:59Z" },
	{ 951782400, "29-02-2000 00:00", "2000-02-29T00:00:00Z" },
	{ 1700000000, "14-11-2023 22:13", "2023-11-14T22:13:20Z" },
	{ 4102444799, "31-12-2099 23:59", "2099-12-31T23:59:59Z" },
};

/* The table is in UTC; see test_local_time for Dutch time. */
static void
test_format_times(void **state)
{
	char	out[32];
	size_t	i;

	(void)state;
	use_tz("UTC");
	for (i = 0; i < WB_NELEM(tcases); i++) {
		wb_time_nl(tcases[i].t, out, 17);
		if (strcmp(out, tcases[i].nl) != 0)
			fail_msg("%lld: \"%s\", want \"%s\"",
			    (long long)tcases[i].t, out, tcases[i].nl);
		wb_time_iso(tcases[i].t, out, 21);
		if (strcmp(out, tcases[i].iso) != 0)
			fail_msg("%lld: \"%s\", want \"%s\"",
			    (long long)tcases[i].t, out, tcases[i].iso);
	}
}

/* Display and "today" follow Dutch time, summer time included;
 * wb_time_iso stays UTC. */
struct lcase {
	int64_t		 t;
	const char	*nl;
};

static const struct lcase lcases[] = {
	{ 0, "01-01-1970 01:00" },
	{ -1, "01-01-1970 00:59" },
	{ 1700000000, "14-11-2023 23:13" },	/* CET, +1 */
	{ 1690000000, "22-07-2023 06:26" },	/* CEST, +2 */
	{ 1700004600, "15-11-2023 00:30" },	/* a day later than UTC */
	{ 1711846799, "31-03-2024 01:59" },	/* summer time starts */
	{ 1711846800, "31-03-2024 03:00" },
	{ 1729990799, "27-10-2024 02:59" },	/* summer time ends */
	{ 1729990800, "27-10-2024 02:00" },
};

static void
test_local_time(void **state)
{
	char	out[32];
	size_t	i;

	(void)state;
	unsetenv("TZ");
	wb_time_init();
	assert_non_null(getenv("TZ"));
	assert_string_equal(getenv("TZ"), "Europe/Amsterdam");
	for (i = 0; i < WB_NELEM(lcases); i++) {
		wb_time_nl(lcases[i].t, out, 17);
		if (strcmp(out, lcases[i].nl) != 0)
			fail_msg("%lld: \"%s\", want \"%s\"",
			    (long long)lcases[i].t, out, lcases[i].nl);
	}
	wb_time_iso(1700004600, out, 21);
	assert_string_equal(out, "2023-11-14T23:30:00Z");

	/* local midnight, winter and summer */
	assert_int_equal(wb_day_start(wb_days_from_civil(2024, 2, 29)),
	    1709161200);
	assert_int_equal(wb_day_start(wb_days_from_civil(2024, 7, 1)),
	    1719784800);
	assert_int_equal(wb_day_start(wb_days_from_civil(2024, 3, 31)),
	    1711839600);
	setenv("WB_NOW", "1700004600", 1);
	assert_int_equal(wb_today(), wb_days_from_civil(2023, 11, 15));
	setenv("WB_NOW", "1700000000", 1);
	assert_int_equal(wb_today(), wb_days_from_civil(2023, 11, 14));
	unsetenv("WB_NOW");

	/* an explicit TZ is left alone */
	setenv("TZ", "UTC", 1);
	wb_time_init();
	assert_string_equal(getenv("TZ"), "UTC");
	wb_time_nl(1700004600, out, 17);
	assert_string_equal(out, "14-11-2023 23:30");
}

/* -- the clock and WB_NOW -- */

struct ncase {
	const char	*env;		/* NULL = unset */
	bool		 fake;		/* WB_NOW is used */
	int64_t		 want;
};

static const struct ncase ncases[] = {
	{ "1700000000", true, 1700000000 },
	{ "0", true, 0 },
	{ "9223372036854775807", true, INT64_MAX },
	{ NULL, false, 0 },
	{ "", false, 0 },
	{ "-5", false, 0 },		/* negative: ignored */
	{ "12abc", false, 0 },
	{ " 12", false, 0 },
	{ "9223372036854775808", false, 0 },
};

static int64_t
realtime(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec;
}

static void
test_now(void **state)
{
	size_t	i;

	(void)state;
	for (i = 0; i < WB_NELEM(ncases); i++) {
		const struct ncase	*c = &ncases[i];
		int64_t			 before, got, after;

		if (c->env != NULL)
			setenv("WB_NOW", c->env, 1);
		else
			unsetenv("WB_NOW");
		/* The clock wb_now() reads: time(2) reads a coarser one
		 * that may still show the last second after it turned. */
		before = realtime();
		got = wb_now();
		after = realtime();
		if (c->fake && got != c->want)
			fail_msg("WB_NOW=%s: %lld", c->env, (long long)got);
		if (!c->fake && (got < before || got > after))
			fail_msg("WB_NOW=%s: %lld is not the clock",
			    c->env ? c->env : "(unset)", (long long)got);
	}
	use_tz("UTC");
	setenv("WB_NOW", "86399", 1);
	assert_int_equal(wb_today(), 0);
	setenv("WB_NOW", "86400", 1);
	assert_int_equal(wb_today(), 1);
	setenv("WB_NOW", "1700000000", 1);
	assert_int_equal(wb_today(), wb_days_from_civil(2023, 11, 14));
	unsetenv("WB_NOW");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_civil),
		cmocka_unit_test(test_date_parse),
		cmocka_unit_test(test_format_dates),
		cmocka_unit_test(test_format_times),
		cmocka_unit_test(test_local_time),
		cmocka_unit_test(test_now),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
