/* log.h - operational log lines on standard error.
 *
 * The log is for operators: request ids, object ids, action codes, timings.
 * It never receives names, BSNs, e-mail addresses, health details, passwords
 * or tokens; those belong (as ids) in the audit log only.
 */
#ifndef WB_LOG_H
#define WB_LOG_H

#include "base/common.h"

enum wb_log_level { WB_LOG_DEBUG, WB_LOG_INFO, WB_LOG_WARN, WB_LOG_ERROR };

void	wb_log_set_level(enum wb_log_level);
void	wb_log(enum wb_log_level, const char *fmt, ...) WB_PRINTF(2, 3);

#define wb_info(...)	wb_log(WB_LOG_INFO, __VA_ARGS__)
#define wb_warn(...)	wb_log(WB_LOG_WARN, __VA_ARGS__)
#define wb_error(...)	wb_log(WB_LOG_ERROR, __VA_ARGS__)

#endif /* WB_LOG_H */
