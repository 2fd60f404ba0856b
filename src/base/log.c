/* log.c - one line per event on stderr, with a UTC timestamp. */
#include "base/log.h"
#include "base/time.h"

static enum wb_log_level min_level = WB_LOG_INFO;

void
wb_log_set_level(enum wb_log_level l)
{
	min_level = l;
}

void
wb_log(enum wb_log_level l, const char *fmt, ...)
{
	static const char *const names[] = { "debug", "info", "warn", "error" };
	char	line[1024], ts[32];
	va_list	ap;
	int	n;

	if (l < min_level)
		return;
	wb_time_iso(wb_now(), ts, sizeof(ts));
	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	fprintf(stderr, "%s %s %s\n", ts, names[l], line);
}
