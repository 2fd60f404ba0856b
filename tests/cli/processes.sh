#!/bin/sh
# processes.sh - two werkbrug processes on one PostgreSQL database.
#
# Nothing a request needs lives in a process: sessions, CSRF secrets,
# login lockout counters, API tokens and the audit chain are rows in the
# database.  This script proves it with two `serve` processes on the same
# database: a login through one works on the other, a logout through one
# ends the session on both, failed logins spread over both lock the
# account, a token works on both, and audited reads hammering both at once
# leave one unbroken hash chain.  It also starts two `init`s at the same
# moment on an empty schema (the migrations must not collide).  Speaks TAP.
#
#   WERKBRUG=build/werkbrug WB_TEST_PG=postgresql://... sh tests/cli/processes.sh
#
# WB_TEST_PG is the URL scripts/runtests.sh exports; its schema is emptied
# before and after.  Without it the script starts its own throw-away
# cluster with scripts/pg-cluster.sh and stops it on exit.
#
# Compound checks are passed to `check` as single-quoted strings for eval,
# so that they expand when the check runs.
# shellcheck disable=SC2016,SC2034
set -u

. "$(dirname "$0")/lib.sh"
export WERKBRUG_KEY_FILE="$T/werkbrug.key"	# the site key of the PostgreSQL runs
PGDIR=
PID_A=
PID_B=
URL=

stop_server() {	# stop_server PID
	[ -n "$1" ] || return 0
	kill "$1" 2>/dev/null
	wait "$1" 2>/dev/null
}

empty_schema() {
	[ -n "$URL" ] || return 0
	psql -X -q -v ON_ERROR_STOP=1 "$URL" \
	    -c 'DROP SCHEMA public CASCADE; CREATE SCHEMA public;' \
	    >/dev/null 2>"$T/psql.err"
}

cleanup() {
	stop_server "$PID_A"
	stop_server "$PID_B"
	empty_schema
	if [ -n "$PGDIR" ]; then
		"$ROOT/scripts/pg-cluster.sh" stop "$PGDIR" >/dev/null 2>&1
		rm -rf "$PGDIR"
	fi
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

q() { psql -X -q -tA "$URL" -c "$1" 2>>"$T/psql.err"; }	# q SQL

# --- the database -------------------------------------------------------

if [ -n "${WB_TEST_PG:-}" ]; then
	URL=$WB_TEST_PG
else
	# pg-cluster.sh needs a short path of plain characters.
	PGDIR=$(mktemp -d /tmp/wbpg.XXXXXX)
	if ! URL=$("$ROOT/scripts/pg-cluster.sh" start "$PGDIR" \
	    2>"$T/err"); then
		URL=
		bail "a PostgreSQL cluster (scripts/pg-cluster.sh start)"
	fi
fi
empty_schema || bail "psql empties the schema of the test database"

# --- two inits at the same moment on an empty schema ---------------------

# The race is a matter of timing: three rounds, each on an empty schema.
MIGS=0
for f in "$ROOT"/migrations/pg/[0-9][0-9][0-9][0-9]_*.sql; do
	[ -f "$f" ] && MIGS=$((MIGS + 1))
done
ROUNDS=3
good=0
round=0
: >"$T/out"
: >"$T/err"
while [ "$round" -lt "$ROUNDS" ]; do
	round=$((round + 1))
	[ "$round" -eq 1 ] || empty_schema
	"$WERKBRUG" --db "$URL" init >"$T/init1" 2>&1 &
	p1=$!
	"$WERKBRUG" --db "$URL" init >"$T/init2" 2>&1 &
	p2=$!
	wait "$p1"
	r1=$?
	wait "$p2"
	r2=$?
	if [ "$r1" -eq 0 ] && [ "$r2" -eq 0 ]; then
		good=$((good + 1))
	else
		echo "# round $round: init exited $r1 and $r2"
		cat "$T/init1" "$T/init2" | sed 's/^/#   init: /'
	fi
done
check "two inits at once on an empty schema both exit 0 ($ROUNDS rounds)" \
    [ "$good" -eq "$ROUNDS" ]
check "every migration is recorded once ($MIGS)" \
    [ "$(q 'SELECT count(*), count(DISTINCT version) FROM schema_migrations')" = "$MIGS|$MIGS" ]
sed -n 's/^CREATE TABLE \([a-z_]*\).*/\1/p' "$ROOT"/migrations/pg/*.sql |
    { cat; echo schema_migrations; } | sort >"$T/tables.want"
q "SELECT tablename FROM pg_tables WHERE schemaname = 'public'" |
    sort >"$T/tables.have"
check "the schema is complete (every table of migrations/pg)" \
    eval '[ -s "$T/tables.want" ] && cmp -s "$T/tables.want" "$T/tables.have"'
check "the regions are loaded once (342 active municipalities)" \
    [ "$(q 'SELECT count(*) FROM municipality WHERE active = 1')" = 342 ]
wb --db "$URL" init
check "a third init exits 0 and applies nothing" \
    eval 'rc_is 0 && ! grep -q "migration(s) applied" "$T/out" "$T/err"'

# --- demo data ----------------------------------------------------------

LOGIN='^ *[^ ]+@[^ ]+ +(admin|auditor|coordinator|monitor|editor|professional) +[^ ]+'
wb --db "$URL" demo
check "demo exits 0 and prints 7 logins" \
    eval 'rc_is 0 && [ "$(grep -cE "$LOGIN" "$T/out")" -eq 7 ]'
pw_of() { grep -E "$LOGIN" "$T/demo" | awk -v e="$1" '$1 == e { print $3 }'; }
cp "$T/out" "$T/demo"
COORD=coordinator@werkbrug.example
COORD_PW=$(pw_of "$COORD")
GGZ=ggz@werkbrug.example
GGZ_PW=$(pw_of "$GGZ")
if [ -z "$COORD_PW" ] || [ -z "$GGZ_PW" ]; then
	bail "demo prints the passwords of $COORD and $GGZ"
fi

# --- two servers --------------------------------------------------------

# launch NAME - serve on a random free port; sets PID_NAME and PORT_NAME.
launch() {
	port=$(( $(od -An -N2 -tu2 /dev/urandom) % 20000 + 30000 ))
	while ss -Hltn "sport = :$port" 2>/dev/null | grep -q .; do
		port=$(( $(od -An -N2 -tu2 /dev/urandom) % 20000 + 30000 ))
	done
	WERKBRUG_DB=$URL "$WERKBRUG" serve --listen "127.0.0.1:$port" \
	    --threads 8 >>"$T/serve-$1.log" 2>&1 &
	eval "PID_$1=\$! PORT_$1=\$port"
}

# healthy NAME - wait up to 10 s for GET /healthz; relaunch (up to 4
# times) when the process died, e.g. because the port was taken after all.
healthy() {
	tries=0
	pid=
	while :; do
		eval "pid=\$PID_$1 port=\$PORT_$1"
		i=0
		while [ "$i" -lt 100 ] && kill -0 "$pid" 2>/dev/null; do
			status=$(curl -s -o /dev/null -w '%{http_code}' \
			    --max-time 2 "http://127.0.0.1:$port/healthz") ||
				status=000
			[ "$status" = 200 ] && return 0
			sleep 0.1
			i=$((i + 1))
		done
		stop_server "$pid"
		eval "PID_$1="
		tries=$((tries + 1))
		[ "$tries" -lt 5 ] || return 1
		launch "$1"
	done
}

# Both start at the same moment on the same URL (WERKBRUG_DB), so their
# start-up migrations overlap too.
launch A
launch B
healthy A
rc=$?
check "serve process A answers GET /healthz" rc_is 0
healthy B
rc=$?
check "serve process B answers GET /healthz" rc_is 0
if [ -z "$PID_A" ] || [ -z "$PID_B" ]; then
	bail "both servers run"
fi
A=http://127.0.0.1:$PORT_A
B=http://127.0.0.1:$PORT_B

# http METHOD URL [CURL-ARGS...] - the status lands in $status, the body
# in $T/body, the headers in $T/hdr; cookies go to and come from $T/jar.
http() {
	m=$1
	u=$2
	shift 2
	status=$(curl -s -X "$m" -o "$T/body" -D "$T/hdr" -w '%{http_code}' \
	    --max-time 10 -b "$T/jar" -c "$T/jar" "$@" "$u") || status=000
	cp "$T/body" "$T/out"
	cp "$T/hdr" "$T/err"
	rc=0
}

status_is() { [ "$status" = "$1" ]; }
location_has() { grep -qi "^location: .*$1" "$T/hdr"; }

# The CSRF token of the last page (the hidden field of its forms).
csrf_of_page() {
	sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/body" |
	    head -n 1
}

# session_of_jar - the wb_session cookie curl received.
session_of_jar() { awk '$6 == "wb_session" { print $7 }' "$T/jar"; }

# login BASE EMAIL PASSWORD - GET the form (wb_pre cookie and token),
# then POST it; $status is the POST's.
login() {
	rm -f "$T/jar"
	http GET "$1/inloggen"
	pre=$(csrf_of_page)
	http POST "$1/inloggen" --data-urlencode "csrf=$pre" \
	    --data-urlencode "email=$2" --data-urlencode "password=$3"
}

# as SESSION METHOD URL [CURL-ARGS...] - a request with only that session
# cookie (no jar: the other process must not get anything else).
as() {
	c=$1
	m=$2
	u=$3
	shift 3
	status=$(curl -s -X "$m" -o "$T/body" -D "$T/hdr" -w '%{http_code}' \
	    --max-time 10 -H "Cookie: wb_session=$c" "$@" "$u") ||
		status=000
	cp "$T/body" "$T/out"
	cp "$T/hdr" "$T/err"
	rc=0
}

# --- a session made by A works on B, a logout on B ends it on A ----------

login "$A" "$COORD" "$COORD_PW"
S=$(session_of_jar)
check "login through A answers 303 with a session cookie" \
    eval 'status_is 303 && [ -n "$S" ]'
as "$S" GET "$A/"
check "the session works on A (GET / is 200 with a logout form)" \
    eval 'status_is 200 && grep -q "action=\"/uitloggen\"" "$T/body"'
CSRF_A=$(csrf_of_page)
as "$S" GET "$B/"
check "the session made by A works on B (GET / is 200, no redirect)" \
    eval 'status_is 200 && grep -q "action=\"/uitloggen\"" "$T/body"'
CSRF_B=$(csrf_of_page)
check "A and B give the session the same CSRF token" \
    eval '[ -n "$CSRF_A" ] && [ "$CSRF_A" = "$CSRF_B" ]'
as "$S" POST "$B/uitloggen" --data "csrf=0000$CSRF_B"
check "a logout on B with a wrong CSRF token is refused (403)" \
    status_is 403
as "$S" GET "$A/"
check "after the refused logout the session still works on A" \
    status_is 200
as "$S" POST "$B/uitloggen" --data-urlencode "csrf=$CSRF_B"
check "logout through B with B's CSRF token answers 303" \
    eval 'status_is 303 && location_has /inloggen'
as "$S" GET "$A/"
check "A no longer accepts the session (redirect to /inloggen)" \
    eval 'status_is 303 && location_has /inloggen'
as "$S" GET "$B/"
check "B no longer accepts the session either" \
    eval 'status_is 303 && location_has /inloggen'

# --- the lockout counter is shared --------------------------------------

wrong=0
for base in "$A" "$B" "$A" "$B" "$A"; do
	login "$base" "$GGZ" "fout-$GGZ_PW"
	[ "$status" = 401 ] && wrong=$((wrong + 1))
done
check "5 wrong passwords spread over A and B each answer 401" \
    [ "$wrong" -eq 5 ]
login "$A" "$GGZ" "$GGZ_PW"
check "then the right password on A answers 429 (account locked)" \
    status_is 429
login "$B" "$GGZ" "$GGZ_PW"
check "and the right password on B answers 429 too" status_is 429
check "one login.locked event per refused attempt" \
    [ "$(q "SELECT count(*) FROM audit_event WHERE event = 'login.locked'")" -eq 2 ]

# --- an API token works on both ------------------------------------------

wb --db "$URL" token create --email admin@werkbrug.example
TOKEN=$(cat "$T/out")
check "token create exits 0 with a 64-hex token" \
    eval 'rc_is 0 && grep -qxE "[0-9a-f]{64}" "$T/out"'
for p in A B; do
	eval "base=\$$p"
	http GET "$base/api/v1/regions" -H "Authorization: Bearer $TOKEN"
	check "GET /api/v1/regions with the token on $p answers 200" \
	    eval 'status_is 200 && grep -q AM27 "$T/body"'
done
wb --db "$URL" token revoke --email admin@werkbrug.example
for p in A B; do
	eval "base=\$$p"
	http GET "$base/api/v1/regions" -H "Authorization: Bearer $TOKEN"
	check "after token revoke the token is refused on $p (401)" \
	    status_is 401
done

# --- audited reads on both at once keep one chain ------------------------

login "$B" "$COORD" "$COORD_PW"
S=$(session_of_jar)
check "a new login through B answers 303 with a session cookie" \
    eval 'status_is 303 && [ -n "$S" ]'
FIND="/contactpunten?gemeente=GM0796&domain=uwv"
as "$S" GET "$A$FIND"
check "GET $FIND on A is 200 with results" \
    eval 'status_is 200 && grep -q "GM0796\\|Hertogenbosch" "$T/body"'
EVQ="SELECT count(*) FROM audit_event"
FINDQ="SELECT count(*) FROM audit_event WHERE event = 'contactpoint.find'"
ev0=$(q "$EVQ")
find0=$(q "$FINDQ")

# 8 workers (4 per process) of 25 requests each, all at the same time.
WORKERS=8
PER=25
w=0
start=$(date +%s)
while [ "$w" -lt "$WORKERS" ]; do
	if [ $((w % 2)) -eq 0 ]; then base=$A; else base=$B; fi
	(
		j=0
		while [ "$j" -lt "$PER" ]; do
			curl -s -o /dev/null -w '%{http_code}\n' --max-time 20 \
			    -H "Cookie: wb_session=$S" "$base$FIND" ||
				echo 000
			j=$((j + 1))
		done
	) >"$T/load.$w" 2>&1 &
	eval "LOAD_$w=\$!"
	w=$((w + 1))
done
w=0
while [ "$w" -lt "$WORKERS" ]; do
	eval "wait \$LOAD_$w"
	w=$((w + 1))
done
secs=$(( $(date +%s) - start ))
total=$(cat "$T"/load.* | wc -l)
ok200=$(cat "$T"/load.* | grep -c '^200$')
echo "# $total concurrent audited reads in ${secs}s: $ok200 answered 200"
cat "$T"/load.* | sort | uniq -c | sed 's/^/#   status /'
check "all $((WORKERS * PER)) concurrent reads on A and B answer 200" \
    [ "$ok200" -eq $((WORKERS * PER)) ]
ev1=$(q "$EVQ")
find1=$(q "$FINDQ")
check "the audit log grew by at least the 200 answers ($ev0 -> $ev1)" \
    [ $((ev1 - ev0)) -ge "$ok200" ]
check "one contactpoint.find event per answered read" \
    [ $((find1 - find0)) -eq "$ok200" ]
check "the event ids have no gaps and no duplicates" \
    [ "$(q 'SELECT count(*) = max(id) - min(id) + 1 AND count(*) = count(DISTINCT id) FROM audit_event')" = t ]
wb --db "$URL" audit verify
check "audit verify of the chain both processes wrote exits 0" rc_is 0

# --- stop both ----------------------------------------------------------

for p in A B; do
	eval "pid=\$PID_$p"
	kill -TERM "$pid"
	wait "$pid"
	rc=$?
	eval "PID_$p="
	check "serve process $p stops on SIGTERM with exit 0" rc_is 0
	[ "$rc" -eq 0 ] || sed 's/^/#   serve: /' "$T/serve-$p.log" | tail -n 20
	cat "$T/serve-$p.log" >>"$T/all"
done

check "no sanitizer report in any output" \
    eval '! grep -qE "Sanitizer|runtime error:" "$T/all"'
grep -E -A12 "Sanitizer|runtime error:" "$T/all" | sed 's/^/#   /' | head -n 60

empty_schema
check "the test database is left empty" \
    [ "$(q "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")" = 0 ]

echo "1..$n"
[ "$failed" -eq 0 ]
