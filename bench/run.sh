#!/bin/sh
# bench/run.sh BUILD [nginx|client|pg|all] - werkbrug's region page against
# nginx serving the same bytes as a static file (nginx, the default), the
# client record page against nginx in the same way (client), and/or the
# region page on PostgreSQL against SQLite (pg: bench/pg.sh), side by side
# in one run (docs/benchmarks.md).
#
#   make bench            or   sh bench/run.sh build
#   make bench-client     or   sh bench/run.sh build client
#   make bench-pg         or   sh bench/run.sh build pg
#
# Steps: fresh SQLite database (init + demo) in a temp dir; werkbrug serve on
# a free port; log in as the GGZ professional; save the region page of
# 's-Hertogenbosch (GM0796) as a static file; nginx (2 workers) serves that
# file; 3 s warm-up each; wrk -t2 -c64 -d10s --latency in the order
# nginx, werkbrug, nginx, werkbrug (A B A B); then reference numbers: two
# unaudited werkbrug pages (/healthz; /regios, logged in), the page's SQL in
# the sqlite3 shell and the cost of one audit-sized commit.
# The client mode does the same with the record of the first client on the
# professional's "Mijn cliënten" (/clienten/ID: policy decision, audited
# read, render) instead of the region page, checks one client.read event
# per response, and leaves out the region page's SQL reference.
#
# Environment knobs (defaults give the standard run, about 75 s):
#   WB_BENCH_THREADS="2 4 8"  werkbrug --threads values, one pass each
#                             (default: empty = werkbrug's own default)
#   WB_BENCH_PAIRS=2          nginx/werkbrug pairs per pass
#   WB_BENCH_DURATION=10s     wrk duration per measurement
#   WB_BENCH_EXTRA=1          0 skips the references (/healthz, /regios,
#                             sqlite3 shell)
#   WB_BENCH_KEEP=1           keep the temp dir (database, pages, wrk logs)
#   WB_BENCH_PG_OPTS=         extra PostgreSQL server options (pg mode)
#   WB_BENCH_PG_ANALYZE=1     0: no ANALYZE after demo on PostgreSQL
# The pg mode uses the first WB_BENCH_THREADS value (or the default) for
# both servers, WB_BENCH_PAIRS SQLite/PostgreSQL pairs, and a durable
# cluster (fsync on; see bench/pg.sh).
set -eu

BUILD=${1:-build}
MODE=${2:-nginx}
case $MODE in
nginx|client|pg|all) ;;
*) echo "usage: $0 BUILD [nginx|client|pg|all]" >&2; exit 2 ;;
esac
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
case $BUILD in
/*) ;;
*) if [ -d "$BUILD" ]; then BUILD=$(cd "$BUILD" && pwd); else BUILD=$ROOT/$BUILD; fi ;;
esac
BIN=$BUILD/werkbrug
NGINX=/usr/sbin/nginx
DUR=${WB_BENCH_DURATION:-10s}
PAIRS=${WB_BENCH_PAIRS:-2}
THREADS_LIST=${WB_BENCH_THREADS:-}
EXTRA=${WB_BENCH_EXTRA:-1}
WRK_ARGS="-t2 -c64 -d$DUR --latency"
USER_EMAIL=ggz@werkbrug.example
GM=GM0796			# 's-Hertogenbosch
SQL_REPEAT=1000

die() { echo "bench: $*" >&2; exit 1; }

[ -x "$BIN" ] || die "$BIN not found; run make first"
if [ "$MODE" != pg ]; then
	[ -x "$NGINX" ] || die "$NGINX not found (apt-get install nginx-light)"
fi
case $MODE in pg|all) PG_TOO=1 ;; *) PG_TOO=0 ;; esac
if [ "$PG_TOO" = 1 ]; then
	command -v psql >/dev/null 2>&1 || die "psql not found (apt-get install postgresql-15)"
fi
for t in wrk curl sqlite3 ss shuf cc awk; do
	command -v $t >/dev/null 2>&1 || die "$t not found"
done

TMP=$(mktemp -d "${TMPDIR:-/tmp}/werkbrug-bench.XXXXXX")
WB_PID=
NGX_PID=
PG_WB_PID=
PGDIR=
cleanup() {
	if [ -n "$WB_PID" ]; then kill "$WB_PID" 2>/dev/null || :; fi
	if [ -n "$NGX_PID" ]; then kill "$NGX_PID" 2>/dev/null || :; fi
	if [ -n "$PG_WB_PID" ]; then kill "$PG_WB_PID" 2>/dev/null || :; fi
	wait 2>/dev/null || :
	if [ -n "$PGDIR" ]; then
		"$ROOT/scripts/pg-cluster.sh" stop "$PGDIR" >/dev/null 2>&1 || :
		rm -rf "$PGDIR"
	fi
	if [ "${WB_BENCH_KEEP:-0}" = 1 ]; then
		echo "bench: kept $TMP"
	else
		rm -rf "$TMP"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
	while :; do
		p=$(shuf -i 20000-60999 -n 1)
		if [ -z "$(ss -Htln "sport = :$p")" ]; then
			echo "$p"
			return
		fi
	done
}

# wait_http URL: up to 10 s for any HTTP answer.
wait_http() {
	i=0
	while [ $i -lt 100 ]; do
		curl -s -o /dev/null "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# Nanoseconds since the epoch (GNU date).
now_ns() { date +%s%N; }

# wrk_summary FILE: "rps p50_ms p99_ms requests non2xx socket_errors"
wrk_summary() {
	awk '
	function ms(v) {
		if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000
		if (v ~ /ms$/) return substr(v, 1, length(v) - 2) + 0
		if (v ~ /m$/)  return substr(v, 1, length(v) - 1) * 60000
		if (v ~ /s$/)  return substr(v, 1, length(v) - 1) * 1000
		return v + 0
	}
	$1 == "50%" { p50 = ms($2) }
	$1 == "99%" { p99 = ms($2) }
	/requests in/ { reqs = $1 }
	/Non-2xx or 3xx responses:/ { non2xx = $NF }
	/Socket errors:/ {
		gsub(",", ""); sockerr = $4 + $6 + $8 + $10
	}
	/^Requests\/sec:/ { rps = $2 }
	END {
		printf "%.0f %.3f %.3f %d %d %d\n", rps, p50, p99, reqs,
		    non2xx + 0, sockerr + 0
	}' "$1"
}

# audit_reads EVENT: allowed audit events of that kind written so far.
audit_reads() {
	sqlite3 "$DB" "SELECT count(*) FROM audit_event
	    WHERE event = '$1' AND outcome = 'allowed'"
}
region_reads() { audit_reads region.read; }

# cpu_ticks PID...: user + system CPU time of the processes (all threads),
# in clock ticks.
cpu_ticks() {
	for p in "$@"; do
		awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null || echo 0
	done | awk '{ s += $1 } END { print s + 0 }'
}
TICK_US=$(( 1000000 / $(getconf CLK_TCK) ))

RESULTS=$TMP/results.txt
: > "$RESULTS"
NRUN=0

# measure LABEL URL [wrk args...]: one wrk run, summarised into RESULTS.
# SERVER_PIDS names the server's processes: their CPU time per request is
# the noise-robust companion of requests/s on a shared machine.
measure() {
	label=$1 url=$2
	shift 2
	NRUN=$((NRUN + 1))
	out=$TMP/wrk-$NRUN.txt
	c0=$(cpu_ticks $SERVER_PIDS)
	wrk $WRK_ARGS "$@" "$url" > "$out" 2>&1 || {
		cat "$out" >&2
		die "wrk failed against $url"
	}
	c1=$(cpu_ticks $SERVER_PIDS)
	# shellcheck disable=SC2046 # six numbers, split on purpose
	set -- $(wrk_summary "$out")
	cpu=$(awk -v d=$((c1 - c0)) -v t="$TICK_US" -v n="$4" \
	    'BEGIN { printf "%.0f", n ? d * t / n : 0 }')
	printf '%-22s %7s req/s  p50 %7s ms  p99 %8s ms  cpu %4s us/req  (n=%s, non-2xx %s, socket errors %s)\n' \
	    "$label" "$1" "$2" "$3" "$cpu" "$4" "$5" "$6"
	echo "$label $* $cpu" >> "$RESULTS"
	LAST_REQS=$4 LAST_NON2XX=$5
}

# ---------------------------------------------------------------- machine
echo "== machine"
echo "date:    $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "nproc:   $(nproc)"
echo "cpu:     $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
echo "memory:  $(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
echo "kernel:  $(uname -sr)"
echo "load:    $(cut -d' ' -f1-3 /proc/loadavg)"
echo "tmp fs:  $(df -PT "$TMP" | awk 'NR == 2 { print $2 " on " $1 }')"
echo "wrk:     $(wrk -v 2>&1 | head -n 1 | awk '{ print $1, $2 }')"
if [ "$MODE" != pg ]; then
	echo "nginx:   $($NGINX -v 2>&1 | sed 's/^nginx version: //')" \
	    "($(dpkg-query -W -f '${Package} ${Version}' nginx-light 2>/dev/null || echo '?'))"
fi
if [ "$PG_TOO" = 1 ]; then
	echo "postgres: $(psql --version | cut -d' ' -f3-)"
fi
echo "sqlite3: $(sqlite3 --version | cut -d' ' -f1)"
echo "werkbrug: $BIN ($(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'))"
echo

# ---------------------------------------------------------------- database
export WERKBRUG_PWHASH=fast
DB=$TMP/werkbrug.db
"$BIN" --db "sqlite:$DB" init > "$TMP/init.log" 2>&1 ||
    { cat "$TMP/init.log" >&2; die "init failed"; }
"$BIN" --db "sqlite:$DB" demo > "$TMP/demo.log" 2>&1 ||
    { cat "$TMP/demo.log" >&2; die "demo failed"; }
PASSWORD=$(awk -v u="$USER_EMAIL" '$1 == u { print $3; exit }' "$TMP/demo.log")
[ -n "$PASSWORD" ] || die "no password for $USER_EMAIL in demo output"
REGION=$(awk -F, -v gm="$GM" '$3 == gm { print $1; exit }' \
    "$ROOT/data/arbeidsmarktregios.csv")
[ -n "$REGION" ] || die "$GM not in data/arbeidsmarktregios.csv"

# ---------------------------------------------------------------- servers
WB_PORT=$(free_port)
WB=http://127.0.0.1:$WB_PORT
WB_THREADS_CUR=

start_werkbrug() {
	WB_THREADS_CUR=$1
	if [ -n "$1" ]; then
		set -- --threads "$1"
	else
		set --
	fi
	"$BIN" --db "sqlite:$DB" serve --listen "127.0.0.1:$WB_PORT" "$@" \
	    >> "$TMP/werkbrug.log" 2>&1 &
	WB_PID=$!
	wait_http "$WB/healthz" || die "werkbrug did not start (see log)"
}

stop_werkbrug() {
	kill "$WB_PID" 2>/dev/null || :
	wait "$WB_PID" 2>/dev/null || :
	WB_PID=
}

set -- $THREADS_LIST
start_werkbrug "${1:-}"

# login BASE_URL PASSWORD JAR: sets COOKIE. The form's hidden csrf is also
# the wb_pre cookie.
login() {
	curl -s -c "$3" -b "$3" -o "$TMP/login.html" "$1/inloggen"
	CSRF=$(awk '$6 == "wb_pre" { print $7 }' "$3")
	[ -n "$CSRF" ] || die "no wb_pre cookie from GET $1/inloggen"
	code=$(curl -s -c "$3" -b "$3" -o /dev/null -w '%{http_code}' \
	    --data-urlencode "csrf=$CSRF" --data-urlencode "email=$USER_EMAIL" \
	    --data-urlencode "password=$2" "$1/inloggen")
	SESSION=$(awk '$6 == "wb_session" { print $7 }' "$3")
	[ "$code" = 303 ] && [ -n "$SESSION" ] ||
	    die "login on $1 failed (HTTP $code, session '${SESSION}')"
	COOKIE="Cookie: wb_session=$SESSION"
}
login "$WB" "$PASSWORD" "$TMP/cookies.txt"

# get_page PATH FILE: GET PATH from werkbrug, logged in, into FILE; 200 only.
get_page() {
	code=$(curl -s -H "$COOKIE" -o "$2" -w '%{http_code}' "$WB$1")
	[ "$code" = 200 ] || die "GET $1 answered $code"
}

# The page under test: NAME.html for nginx, EVENT its audit event, MUST a
# string the real page contains (not the login page), TARGET the issue's.
if [ "$MODE" = client ]; then
	get_page /clienten "$TMP/clients.html"
	CLIENT=$(grep -o 'href="/clienten/[0-9][0-9]*"' "$TMP/clients.html" |
	    head -n 1 | tr -cd 0-9)
	[ -n "$CLIENT" ] || die "no client on /clienten for $USER_EMAIL"
	PAGE=/clienten/$CLIENT NAME=client EVENT=client.read TARGET=0.25
	MUST="/clienten/$CLIENT/" ABOUT="client $CLIENT, the first on /clienten"
else
	PAGE=/regios/$REGION NAME=region EVENT=region.read TARGET=0.5
	MUST=$REGION ABOUT="region of $GM"
fi
mkdir -p "$TMP/static"
get_page "$PAGE" "$TMP/static/$NAME.html"
grep -q "$MUST" "$TMP/static/$NAME.html" || die "$PAGE does not mention $MUST"
PAGE_BYTES=$(wc -c < "$TMP/static/$NAME.html")
FAIL=0

if [ "$MODE" = pg ]; then
	. "$HERE/pg.sh"
	[ "$FAIL" = 0 ] || die "at least one run was invalid (see above)"
	exit 0
fi

# nginx: the same bytes as a static file. The workers may run as nobody.
chmod 755 "$TMP" "$TMP/static"
chmod 644 "$TMP/static/$NAME.html"
NGX_PORT=$(free_port)
NGX=http://127.0.0.1:$NGX_PORT
cat > "$TMP/nginx.conf" <<EOF
# Minimal static server for the bench (written by bench/run.sh).
worker_processes 2;		# one per vCPU; this machine has $(nproc)
daemon off;
pid $TMP/nginx.pid;
error_log $TMP/nginx-error.log warn;
events { worker_connections 1024; }
http {
	access_log off;
	types { text/html html; }
	default_type application/octet-stream;
	sendfile on;
	client_body_temp_path $TMP/nginx-body;
	proxy_temp_path $TMP/nginx-proxy;
	server {
		listen 127.0.0.1:$NGX_PORT;
		root $TMP/static;
	}
}
EOF
"$NGINX" -p "$TMP" -e "$TMP/nginx-error.log" -c "$TMP/nginx.conf" &
NGX_PID=$!
wait_http "$NGX/$NAME.html" || die "nginx did not start"
NGX_PIDS="$NGX_PID $(cat "/proc/$NGX_PID/task/$NGX_PID/children")"
curl -s -o "$TMP/check.html" "$NGX/$NAME.html"
cmp -s "$TMP/check.html" "$TMP/static/$NAME.html" ||
    die "nginx does not serve the saved page byte for byte"

echo "== setup"
echo "page:    GET $PAGE as $USER_EMAIL ($ABOUT), $PAGE_BYTES bytes;" \
    "nginx serves the same bytes as /$NAME.html"
echo "wrk:     wrk $WRK_ARGS; warm-up 3 s each; order nginx, werkbrug, ..."
echo "nginx:   worker_processes 2, access_log off, sendfile on"
echo

# ---------------------------------------------------------------- HTTP runs
wrk -t2 -c64 -d3s "$NGX/$NAME.html" > /dev/null 2>&1
PASS=0
AUDITED_ALL=0 OK_ALL=0	# over all werkbrug runs: audit events, 2xx answers
[ $# -gt 0 ] || set -- ""
for th in "$@"; do
	PASS=$((PASS + 1))
	if [ "$th" != "$WB_THREADS_CUR" ]; then
		stop_werkbrug
		start_werkbrug "$th"
	fi
	thl=${th:-default}
	echo "== pass $PASS: werkbrug --threads $thl"
	wrk -t2 -c64 -d3s -H "$COOKIE" "$WB$PAGE" > /dev/null 2>&1
	i=1
	while [ $i -le "$PAIRS" ]; do
		SERVER_PIDS=$NGX_PIDS
		measure "nginx static #$i" "$NGX/$NAME.html"
		before=$(audit_reads "$EVENT")
		SERVER_PIDS=$WB_PID
		measure "werkbrug t=$thl #$i" "$WB$PAGE" -H "$COOKIE"
		after=$(audit_reads "$EVENT")
		audited=$((after - before))
		AUDITED_ALL=$((AUDITED_ALL + audited))
		OK_ALL=$((OK_ALL + LAST_REQS - LAST_NON2XX))
		echo "    audit: $audited $EVENT events written" \
		    "during this run (wrk counted $LAST_REQS responses)"
		if [ "$LAST_NON2XX" != 0 ] || [ "$audited" -lt "$LAST_REQS" ]; then
			echo "    ** werkbrug did not answer every request with" \
			    "the page: this run is INVALID **"
			FAIL=1
		fi
		i=$((i + 1))
	done
	awk -v t="$thl" -v target="$TARGET" '
	$1 == "nginx" { n += $4; nc++; ncpu += $NF }
	$1 == "werkbrug" && $2 == "t=" t { w += $4; wc++; wcpu += $NF }
	END {
		if (nc && wc) {
			printf "    mean: nginx %.0f req/s, werkbrug %.0f req/s," \
			    " ratio werkbrug/nginx = %.3f (target >= %s)\n",
			    n / nc, w / wc, (w / wc) / (n / nc), target
			printf "    server CPU per request: nginx %.0f us," \
			    " werkbrug %.0f us (%.1fx)\n", ncpu / nc, wcpu / wc,
			    ncpu ? wcpu / ncpu : 0
		}
	}' "$RESULTS"
	# Per-pair ratios: each werkbrug run against the nginx run before it.
	awk -v t="$thl" '
	$1 == "nginx" { last = $4 }
	$1 == "werkbrug" && $2 == "t=" t {
		r = r sprintf(" %.3f", $4 / last)
	}
	END { print "    ratio per pair:" r }' "$RESULTS"
	# nginx lines count for this pass only.
	grep -v '^nginx ' "$RESULTS" > "$RESULTS.tmp" || :
	mv "$RESULTS.tmp" "$RESULTS"
	echo
done
# Every successful answer must have its audit event (written durably
# before the answer: wb_audit_log returns after the group commit).
echo "== audit: $AUDITED_ALL $EVENT events written during the werkbrug runs," \
    "wrk reported $OK_ALL successful responses"
if [ "$AUDITED_ALL" -lt "$OK_ALL" ]; then
	echo "    ** fewer audit events than responses: INVALID **"
	FAIL=1
else
	echo "    ok: at least one audit event per successful response"
fi
echo

# region_sql: the region page's main query and all its reads in the sqlite3
# shell, SQL_REPEAT times each (a reference for the region page only).
region_sql() {
	cc -std=c17 -O1 -I"$ROOT/src" -o "$TMP/print_sql" "$HERE/print_sql.c" \
	    "$ROOT/src/store/queries.c" || die "cannot build bench/print_sql"
	DAY=$(( $(date -u +%s) / 86400 ))
	"$TMP/print_sql" Q_CP_BY_REGION |
	    sed "s/\\\$1\\b/$DAY/g; s/\\\$2\\b/'$REGION'/g; s/\$/;/" \
	    > "$TMP/cp_once.sql"
	"$TMP/print_sql" Q_REGION_GET Q_MUNICIPALITY_BY_REGION \
	    Q_ORG_LIST_BY_REGION | sed "s/\\\$1\\b/'$REGION'/g; s/\$/;/" \
	    > "$TMP/page_once.sql"
	cat "$TMP/cp_once.sql" >> "$TMP/page_once.sql"
	rows=$(sqlite3 "$DB" < "$TMP/cp_once.sql" | wc -l)
	i=0
	: > "$TMP/cp.sql"
	: > "$TMP/page.sql"
	while [ $i -lt $SQL_REPEAT ]; do
		cat "$TMP/cp_once.sql" >> "$TMP/cp.sql"
		cat "$TMP/page_once.sql" >> "$TMP/page.sql"
		i=$((i + 1))
	done
	sqlite3 "$DB" < "$TMP/cp.sql" > /dev/null	# warm the page cache
	t0=$(now_ns)
	sqlite3 "$DB" < "$TMP/cp.sql" > /dev/null
	t1=$(now_ns)
	sqlite3 "$DB" < "$TMP/page.sql" > /dev/null
	t2=$(now_ns)
	sqlite3 "$DB" "" > /dev/null
	t3=$(now_ns)
	awk -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" -v n=$SQL_REPEAT \
	    -v rows="$rows" -v day="$DAY" -v reg="$REGION" 'BEGIN {
		s = d - c	# shell start-up, subtracted
		printf "sqlite3 Q_CP_BY_REGION ($1=%d, $2=%s, %d rows) x%d:" \
		    " %.1f ms, %.1f us per query\n", day, reg, rows, n,
		    (b - a) / 1e6, (b - a - s) / n / 1e3
		printf "sqlite3 all 4 region-page reads x%d:" \
		    " %.1f ms, %.1f us per page\n", n, (c - b) / 1e6,
		    (c - b - s) / n / 1e3
		printf "    (each statement parsed and planned anew; werkbrug" \
		    " keeps them prepared)\n"
	}'
}

# ---------------------------------------------------------------- references
if [ "$EXTRA" = 1 ]; then
	echo "== references"
	SERVER_PIDS=$WB_PID
	measure "werkbrug /healthz" "$WB/healthz"
	echo "    (no session, no database, no audit: werkbrug's HTTP ceiling)"
	get_page /regios "$TMP/regions.html"
	measure "werkbrug /regios" "$WB/regios" -H "$COOKIE"
	echo "    (logged in, no audit: session + region list query (35 rows with" \
	    "a municipality count each) + template, $(wc -c < "$TMP/regions.html") bytes)"
	stop_werkbrug

	[ "$MODE" = client ] || region_sql

	# One audit-sized write transaction per request: the fsync cost.
	AUD=$TMP/audit-ref.db
	for sync in FULL NORMAL; do
		rm -f "$AUD" "$AUD-wal" "$AUD-shm"
		{
			echo "PRAGMA journal_mode=WAL; PRAGMA synchronous=$sync;"
			echo "CREATE TABLE head (id INTEGER PRIMARY KEY, last_id INTEGER, last_hash TEXT);"
			echo "INSERT INTO head VALUES (1, 0, '');"
			echo "CREATE TABLE ev (id INTEGER PRIMARY KEY, at INTEGER, event TEXT, object_id TEXT, detail TEXT, prev_hash TEXT, hash TEXT);"
		} > "$TMP/aud.sql"
		i=0
		n=300
		while [ $i -lt $n ]; do
			echo "BEGIN IMMEDIATE; SELECT last_id, last_hash FROM head WHERE id = 1; INSERT INTO ev VALUES ($i + 1, 1790000000, '$EVENT', '101,102,103,104,105,106,107,108,109,110', '$REGION', '$(printf '%064d' $i)', '$(printf '%064d' $((i + 1)))'); UPDATE head SET last_id = $i + 1 WHERE id = 1; COMMIT;"
			i=$((i + 1))
		done >> "$TMP/aud.sql"
		t0=$(now_ns)
		sqlite3 "$AUD" < "$TMP/aud.sql" > /dev/null
		t1=$(now_ns)
		awk -v a="$t0" -v b="$t1" -v n=$n -v s="$sync" 'BEGIN {
			printf "sqlite3 audit-sized write tx, WAL, synchronous=%s," \
			    " x%d: %.1f ms, %.3f ms per commit" \
			    " (=> at most %.0f commits/s, one writer)\n", s, n,
			    (b - a) / 1e6, (b - a) / n / 1e6, n / ((b - a) / 1e9)
		}'
	done
fi

if [ "$MODE" = all ]; then
	echo
	. "$HERE/pg.sh"
fi

if [ "$FAIL" != 0 ]; then
	echo "bench: at least one werkbrug run was invalid (see above)" >&2
	exit 1
fi
