/* time.h - clock, calendar dates and their Dutch notation.
 *
 * Times are Unix seconds (int64, UTC) in the database; calendar dates are
 * days since 1970-01-01 (int64) so they compare and subtract simply.  The
 * interface shows dates as dd-mm-jjjj and accepts that or ISO yyyy-mm-dd.
 */
#ifndef WB_TIME_H
#define WB_TIME_H

#include "base/common.h"

/* Current Unix time; WB_NOW (environment, for tests) overrides it. */
int64_t	wb_now(void);

/* Days since 1970-01-01 of a proleptic Gregorian date, and back. */
int64_t	wb_days_from_civil(int y, int m, int d);
void	wb_civil_from_days(int64_t days, int *y, int *m, int *d);

/* Parse dd-mm-jjjj or yyyy-mm-dd into days; 0 or WB_EINVAL. */
int	wb_date_parse(const char *s, size_t n, int64_t *days) WB_WARN_UNUSED;

/* Format days as dd-mm-jjjj ("" for INT64_MIN). out needs 11 bytes. */
void	wb_date_nl(int64_t days, char *out, size_t n);
/* Format days as yyyy-mm-dd. out needs 11 bytes. */
void	wb_date_iso(int64_t days, char *out, size_t n);
/* Use Dutch local time (Europe/Amsterdam unless TZ says otherwise) for
 * display and for "today".  Call once at start-up, before threads. */
void	wb_time_init(void);
/* Format a Unix time as dd-mm-jjjj hh:mm, local time. out needs 17 bytes. */
void	wb_time_nl(int64_t t, char *out, size_t n);
/* Format a Unix time as yyyy-mm-ddThh:mm:ssZ. out needs 21 bytes. */
void	wb_time_iso(int64_t t, char *out, size_t n);
/* The Unix time at which local day `days` begins. */
int64_t	wb_day_start(int64_t days);
/* Today's date in days, local time. */
int64_t	wb_today(void);

#endif /* WB_TIME_H */
