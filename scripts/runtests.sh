#!/bin/sh
# runtests.sh BUILD - run every test suite and print one "N passed, N failed".
#
# Suites: the cmocka binaries in BUILD/tests (unit and in-process HTTP), the
# command-line scripts in tests/cli, and the browser tests in tests/e2e.
# Each suite speaks TAP; this script counts "ok" and "not ok" lines (a
# "# SKIP" line is neither: cmocka 1.1.5 prints skips as "not ok").
#
# Every cmocka binary runs with WB_TEST_BACKEND=sqlite; one whose source
# includes unit/dbtest.h or http/httptest.h, or a header built on them
# (it touches a database), runs again with WB_TEST_BACKEND=pg, named
# NAME@pg in its summary line: its databases are then made on the cluster
# below.  test_db_pg is PostgreSQL only and runs once.
#
# A throw-away PostgreSQL cluster (scripts/pg-cluster.sh) runs for the
# whole run; its URL is WB_TEST_PG.  When it cannot start, WB_TEST_PG stays
# unset, WB_TEST_PG_ERROR says why, and test_db_pg fails (it never skips).
set -u
BUILD=${1:-build}
export WERKBRUG="$PWD/$BUILD/werkbrug"
export CMOCKA_MESSAGE_OUTPUT=TAP
LOG=$(mktemp -d)
PGDIR=$(mktemp -d)
trap 'scripts/pg-cluster.sh stop "$PGDIR" >/dev/null 2>&1; rm -rf "$LOG" "$PGDIR"' EXIT
trap 'exit 130' INT TERM HUP
pass=0
fail=0

unset WB_TEST_PG WB_TEST_PG_ERROR
if url=$(scripts/pg-cluster.sh start "$PGDIR" 2>"$LOG/pg-cluster"); then
	export WB_TEST_PG="$url"
else
	WB_TEST_PG_ERROR=$(head -n 1 "$LOG/pg-cluster")
	export WB_TEST_PG_ERROR="${WB_TEST_PG_ERROR:-scripts/pg-cluster.sh failed}"
	echo "# PostgreSQL cluster did not start:"
	sed 's/^/# /' "$LOG/pg-cluster"
fi

count() {	# count NAME FILE STATUS
	p=$(grep -vE '# SKIP' "$2" | grep -cE '^[[:space:]]*ok [0-9]+')
	f=$(grep -vE '# SKIP' "$2" | grep -cE '^[[:space:]]*not ok [0-9]+')
	s=$(grep -cE '^[[:space:]]*(not )?ok [0-9]+.*# SKIP' "$2")
	if [ "$3" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1	# crashed or failed outside a test case
		echo "not ok - $1 exited with status $3"
	fi
	pass=$((pass + p))
	fail=$((fail + f))
	skipped=""
	[ "$s" -eq 0 ] || skipped=", $s skipped"
	if [ "$f" -ne 0 ]; then
		echo "--- $1: $p passed, $f failed$skipped"
		grep -E 'not ok|^#|ERROR|error|Assert|Sanitizer' "$2" | head -n 40
	else
		echo "--- $1: $p passed$skipped"
	fi
}

# True when the cmocka binary $1 touches a database: its source includes
# dbtest.h or httptest.h, or one of the headers built on them.
uses_db() {
	src="tests/${1#"$BUILD"/tests/}.c"
	[ "$(basename "$1")" != test_db_pg ] && [ -f "$src" ] &&
	    grep -qE '^#include "(unit/)?(dbtest|httptest|clienttest|clienthttp)\.h"' \
	    "$src"
}

for t in "$BUILD"/tests/unit/test_* "$BUILD"/tests/http/test_*; do
	[ -x "$t" ] || continue
	n=$(basename "$t")
	WB_TEST_BACKEND=sqlite "$t" >"$LOG/$n" 2>&1
	count "$n" "$LOG/$n" $?
	uses_db "$t" || continue
	WB_TEST_BACKEND=pg "$t" >"$LOG/$n@pg" 2>&1
	count "$n@pg" "$LOG/$n@pg" $?
done

for t in tests/cli/*.sh; do
	[ -f "$t" ] || continue
	[ "$(basename "$t")" = lib.sh ] && continue	# sourced by the others
	n=$(basename "$t" .sh)
	sh "$t" >"$LOG/$n" 2>&1
	count "cli/$n" "$LOG/$n" $?
done

if [ "${WB_SKIP_E2E:-0}" != 1 ] && [ -f tests/e2e/run.sh ]; then
	sh tests/e2e/run.sh "$BUILD" >"$LOG/e2e" 2>&1
	count "e2e" "$LOG/e2e" $?
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
