/* common.h - included first by every werkbrug source file.
 *
 * Pulls in the C library headers nearly every module needs, the project-wide
 * attributes and the banned-function list.  Nothing here allocates.
 */
#ifndef WB_COMMON_H
#define WB_COMMON_H

#include <assert.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WB_WARN_UNUSED	__attribute__((warn_unused_result))
#define WB_PRINTF(f, a)	__attribute__((format(printf, f, a)))
#define WB_NORETURN	__attribute__((noreturn))
#define WB_NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* "Cannot happen, but recover if it does": asserts in debug builds. */
#ifndef NDEBUG
#define WB_NEVER(x)	((x) ? (assert(0), 1) : 0)
#define WB_ALWAYS(x)	((x) ? 1 : (assert(0), 0))
#else
#define WB_NEVER(x)	(x)
#define WB_ALWAYS(x)	(x)
#endif

#include "base/banned.h"

#endif /* WB_COMMON_H */
