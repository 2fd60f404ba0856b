/* time.c - dates without the C library's global-state time functions. */
#include "base/time.h"
#include "base/err.h"
#include "base/str.h"

#include <time.h>

int64_t
wb_now(void)
{
	const char	*fake = getenv("WB_NOW");
	struct timespec	 ts;
	int64_t		 v;

	if (fake != NULL && wb_parse_int64(fake, strlen(fake), 0, INT64_MAX,
	    &v) == 0)
		return v;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec;
}

/* Howard Hinnant's days_from_civil. */
int64_t
wb_days_from_civil(int y, int m, int d)
{
	int64_t		yy = y - (m <= 2);
	int64_t		era = (yy >= 0 ? yy : yy - 399) / 400;
	int64_t		yoe = yy - era * 400;
	int64_t		doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t		doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

void
wb_civil_from_days(int64_t z, int *y, int *m, int *d)
{
	int64_t		era, doe, yoe, doy, mp, yy;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	yy = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

static int
days_in_month(int y, int m)
{
	static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : dm[m - 1];
}

int
wb_date_parse(const char *s, size_t n, int64_t *days)
{
	int64_t	y, m, d;

	if (n != 10)
		return WB_EINVAL;
	if (s[2] == '-' && s[5] == '-') {
		if (wb_parse_int64(s, 2, 1, 31, &d) ||
		    wb_parse_int64(s + 3, 2, 1, 12, &m) ||
		    wb_parse_int64(s + 6, 4, 1900, 2200, &y))
			return WB_EINVAL;
	} else if (s[4] == '-' && s[7] == '-') {
		if (wb_parse_int64(s, 4, 1900, 2200, &y) ||
		    wb_parse_int64(s + 5, 2, 1, 12, &m) ||
		    wb_parse_int64(s + 8, 2, 1, 31, &d))
			return WB_EINVAL;
	} else
		return WB_EINVAL;
	if (d > days_in_month((int)y, (int)m))
		return WB_EINVAL;
	*days = wb_days_from_civil((int)y, (int)m, (int)d);
	return 0;
}

void
wb_date_nl(int64_t days, char *out, size_t n)
{
	int	y, m, d;

	if (days == INT64_MIN) {
		snprintf(out, n, "%s", "");
		return;
	}
	wb_civil_from_days(days, &y, &m, &d);
	snprintf(out, n, "%02d-%02d-%04d", d, m, y);
}

void
wb_date_iso(int64_t days, char *out, size_t n)
{
	int	y, m, d;

	wb_civil_from_days(days, &y, &m, &d);
	snprintf(out, n, "%04d-%02d-%02d", y, m, d);
}

static void
split(int64_t t, int64_t *days, int *hh, int *mm, int *ss)
{
	int64_t	secs;

	*days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
	secs = t - *days * 86400;
	*hh = (int)(secs / 3600);
	*mm = (int)(secs % 3600 / 60);
	*ss = (int)(secs % 60);
}

void
wb_time_init(void)
{
	if (getenv("TZ") == NULL)
		setenv("TZ", "Europe/Amsterdam", 1);
	tzset();
}

/* The offset of Dutch (local) time from UTC at `t`, in seconds. */
static int64_t
local_offset(int64_t t)
{
	time_t		tt = (time_t)t;
	struct tm	tm;

	if (localtime_r(&tt, &tm) == NULL)
		return 0;
	return (int64_t)tm.tm_gmtoff;
}

void
wb_time_nl(int64_t t, char *out, size_t n)
{
	int64_t	days;
	int	y, m, d, hh, mi, ss;

	split(t + local_offset(t), &days, &hh, &mi, &ss);
	wb_civil_from_days(days, &y, &m, &d);
	snprintf(out, n, "%02d-%02d-%04d %02d:%02d", d, m, y, hh, mi);
}

void
wb_time_iso(int64_t t, char *out, size_t n)
{
	int64_t	days;
	int	y, m, d, hh, mi, ss;

	split(t, &days, &hh, &mi, &ss);
	wb_civil_from_days(days, &y, &m, &d);
	snprintf(out, n, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d, hh, mi,
	    ss);
}

int64_t
wb_day_start(int64_t days)
{
	int64_t	t = days * 86400;

	return t - local_offset(t);
}

int64_t
wb_today(void)
{
	int64_t	t = wb_now();

	t += local_offset(t);

	return t >= 0 ? t / 86400 : (t - 86399) / 86400;
}
