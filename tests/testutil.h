/* testutil.h - shared includes for cmocka test programs. */
#ifndef WB_TESTUTIL_H
#define WB_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#endif
