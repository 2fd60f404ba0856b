# bench/pg.sh - sourced by bench/run.sh (modes pg and all), not run alone.
# shellcheck shell=sh disable=SC2034,SC2086,SC2013,SC2046
# (FAIL is read by run.sh; word splitting of lists and numbers is meant.)
#
# The region page on PostgreSQL against the same page on SQLite, side by
# side in one run. run.sh has already made the SQLite database, started
# werkbrug on it (WB, WB_PID) and logged in (COOKIE, PAGE). This part:
# starts a throw-away PostgreSQL 15 cluster (scripts/pg-cluster.sh) with
# fsync, synchronous_commit and full_page_writes ON (the test cluster turns
# them off; SQLite runs with synchronous=FULL, so both commit durably);
# werkbrug --db URL init + demo; a second werkbrug serve on it (same
# binary, same --threads); logs in there too; 3 s warm-up each; wrk with
# the same settings in the order SQLite, PostgreSQL, SQLite, PostgreSQL
# (A B A B); checks 0 non-2xx and one region.read audit event per response
# on both; prints req/s, p50/p99, CPU per request of werkbrug and, for
# PostgreSQL, of the cluster's processes (postmaster + backends: the
# database work happens there), and the ratios PostgreSQL/SQLite. Then,
# per page on PostgreSQL: statements (round trips, from one request with
# log_statement=all), write transactions (xids) and WAL bytes.
# WB_BENCH_PG_OPTS adds server options for experiments, e.g.
# "-c plan_cache_mode=force_generic_plan" (the standard run sets none);
# WB_BENCH_PG_ANALYZE=0 skips the ANALYZE after demo.

# pg_ticks: user + system CPU of the cluster in clock ticks, as "ALL
# BACKENDS": the postmaster with its reaped children (fields 14-17) plus its
# live children (14-15); BACKENDS is the part of the live client backends
# (werkbrug's connections: "postgres: USER DB [local] ..."), the rest is
# the postmaster, WAL writer, checkpointer, background writer, autovacuum.
pg_ticks() {
	pm=$(head -n 1 "$PGDIR/data/postmaster.pid")
	{
		awk '{ print "o", $14 + $15 + $16 + $17 }' "/proc/$pm/stat"
		for c in $(cat "/proc/$pm/task/$pm/children" 2>/dev/null); do
			k=o
			# 2> first: a backend that just ended has no cmdline.
			case $(tr '\0' ' ' 2>/dev/null < "/proc/$c/cmdline") in
			*'[local]'*) k=b ;;
			esac
			awk -v k=$k '{ print k, $14 + $15 }' "/proc/$c/stat" \
			    2>/dev/null || :
		done
	} | awk '{ s += $2; if ($1 == "b") b += $2 } END { print s + 0, b + 0 }'
}

# pg_sql SQL: one value from the bench database.
pg_sql() { psql -X -q -tA -d "$PG_URL" -c "$1"; }

pg_region_reads() {
	pg_sql "SELECT count(*) FROM audit_event
	    WHERE event = 'region.read' AND outcome = 'allowed'"
}

# The next transaction id: its increase counts transactions that wrote.
pg_xmax() { pg_sql "SELECT pg_snapshot_xmax(pg_current_snapshot())"; }
pg_lsn() { pg_sql "SELECT pg_current_wal_lsn() - '0/0'::pg_lsn"; }

echo "== PostgreSQL and SQLite, side by side"

# The SQLite server may have been stopped by the nginx part (references).
if [ -z "$WB_PID" ]; then
	set -- $THREADS_LIST
	start_werkbrug "${1:-}"
fi
PG_THREADS=$WB_THREADS_CUR
if [ -n "$PG_THREADS" ]; then
	set -- --threads "$PG_THREADS"
else
	set --
fi

PGDIR=$(mktemp -d "${TMPDIR:-/tmp}/wb-bench-pg.XXXXXX")
export WERKBRUG_KEY_FILE="$PGDIR/werkbrug.key"	# the site key of this database
PG_URL=$(PG_CLUSTER_OPTS="-c fsync=on -c synchronous_commit=on -c full_page_writes=on ${WB_BENCH_PG_OPTS:-}" \
    "$ROOT/scripts/pg-cluster.sh" start "$PGDIR") ||
    die "scripts/pg-cluster.sh start failed"
pg_sql "SELECT current_setting('fsync') || ' ' ||
    current_setting('synchronous_commit') || ' ' ||
    current_setting('full_page_writes')" > "$TMP/pg-settings.txt"
PG_DURABLE=$(cat "$TMP/pg-settings.txt")
# Only an experiment (WB_BENCH_PG_OPTS) may turn durability off.
[ "$PG_DURABLE" = "on on on" ] || [ -n "${WB_BENCH_PG_OPTS:-}" ] ||
    die "the bench cluster is not durable: $PG_DURABLE"

"$BIN" --db "$PG_URL" init > "$TMP/pg-init.log" 2>&1 ||
    { cat "$TMP/pg-init.log" >&2; die "init on PostgreSQL failed"; }
"$BIN" --db "$PG_URL" demo > "$TMP/pg-demo.log" 2>&1 ||
    { cat "$TMP/pg-demo.log" >&2; die "demo on PostgreSQL failed"; }
# Statistics, as autovacuum would gather within a minute or two of the load
# (a fresh database has none: the planner then guesses one row per table
# and the organisation list becomes a nested loop over all organisations).
if [ "${WB_BENCH_PG_ANALYZE:-1}" = 1 ]; then
	pg_sql "ANALYZE" > /dev/null || die "ANALYZE failed"
	PG_STATS="ANALYZE after demo"
else
	PG_STATS="no ANALYZE (WB_BENCH_PG_ANALYZE=0)"
fi
# With WB_BENCH_PG_OPTS="-c shared_preload_libraries=pg_stat_statements"
# the run ends with the server's time per statement.
PG_PSS=0
case ${WB_BENCH_PG_OPTS:-} in
*pg_stat_statements*)
	pg_sql "CREATE EXTENSION pg_stat_statements" > /dev/null ||
	    die "CREATE EXTENSION pg_stat_statements failed"
	PG_PSS=1 ;;
esac
PG_PASSWORD=$(awk -v u="$USER_EMAIL" '$1 == u { print $3; exit }' \
    "$TMP/pg-demo.log")
[ -n "$PG_PASSWORD" ] || die "no password for $USER_EMAIL in the PostgreSQL demo output"

PG_PORT=$(free_port)
PGW=http://127.0.0.1:$PG_PORT
"$BIN" --db "$PG_URL" serve --listen "127.0.0.1:$PG_PORT" "$@" \
    >> "$TMP/werkbrug-pg.log" 2>&1 &
PG_WB_PID=$!
wait_http "$PGW/healthz" || die "werkbrug on PostgreSQL did not start (see log)"

SQ_COOKIE=$COOKIE
login "$PGW" "$PG_PASSWORD" "$TMP/cookies-pg.txt"
PG_COOKIE=$COOKIE
code=$(curl -s -H "$PG_COOKIE" -o "$TMP/region-pg.html" -w '%{http_code}' \
    "$PGW$PAGE")
[ "$code" = 200 ] || die "GET $PAGE on PostgreSQL answered $code"
grep -q "$REGION" "$TMP/region-pg.html" ||
    die "$PAGE on PostgreSQL does not mention $REGION"

echo "page:     GET $PAGE as $USER_EMAIL: $PAGE_BYTES bytes on SQLite," \
    "$(wc -c < "$TMP/region-pg.html") on PostgreSQL"
echo "werkbrug: the same binary twice, --threads ${PG_THREADS:-default}"
echo "sqlite:   $DB (WAL, synchronous=FULL)"
set -- $PG_DURABLE
echo "postgres: throw-away cluster, Unix socket, fsync=$1" \
    "synchronous_commit=$2 full_page_writes=$3, otherwise defaults;" \
    "$PG_STATS${WB_BENCH_PG_OPTS:+; $WB_BENCH_PG_OPTS}"
echo "wrk:      wrk $WRK_ARGS; warm-up 3 s each;" \
    "order SQLite, PostgreSQL, ... ($PAIRS pairs)"
echo

RESULTS=$TMP/results-pg.txt
: > "$RESULTS"
wrk -t2 -c64 -d3s -H "$SQ_COOKIE" "$WB$PAGE" > /dev/null 2>&1
wrk -t2 -c64 -d3s -H "$PG_COOKIE" "$PGW$PAGE" > /dev/null 2>&1

# check_audit BEFORE AFTER: one audit event per response, no non-2xx.
check_audit() {
	audited=$(($2 - $1))
	echo "    audit: $audited region.read events written" \
	    "during this run (wrk counted $LAST_REQS responses)"
	if [ "$LAST_NON2XX" != 0 ] || [ "$audited" -lt "$LAST_REQS" ]; then
		echo "    ** werkbrug did not answer every request with" \
		    "the page: this run is INVALID **"
		FAIL=1
	fi
}

i=1
while [ $i -le "$PAIRS" ]; do
	before=$(region_reads)
	SERVER_PIDS=$WB_PID
	measure "sqlite #$i" "$WB$PAGE" -H "$SQ_COOKIE"
	check_audit "$before" "$(region_reads)"

	before=$(pg_region_reads)
	x0=$(pg_xmax)
	l0=$(pg_lsn)
	set -- $(pg_ticks)
	p0=$1 b0=$2
	SERVER_PIDS=$PG_WB_PID
	measure "postgresql #$i" "$PGW$PAGE" -H "$PG_COOKIE"
	set -- $(pg_ticks)
	p1=$1 b1=$2
	x1=$(pg_xmax)
	l1=$(pg_lsn)
	check_audit "$before" "$(pg_region_reads)"
	wcpu=$(awk 'END { print $NF }' "$RESULTS")
	awk -v d=$((p1 - p0)) -v t="$TICK_US" -v n="$LAST_REQS" \
	    -v w="$wcpu" -v x=$((x1 - x0)) -v l=$((l1 - l0)) \
	    -v b=$((b1 - b0)) 'BEGIN {
		pg = n ? d * t / n : 0
		be = n ? b * t / n : 0
		printf "    postgres processes: cpu %.0f us/req (backends %.0f," \
		    " other %.0f); werkbrug + postgres %.0f us/req\n", pg, be,
		    pg - be, w + pg
		printf "    write transactions: %d (%.1f responses each);" \
		    " WAL %.0f bytes/req\n", x, x ? n / x : 0, n ? l / n : 0
	}'
	echo "pgcpu $p0 $p1 $LAST_REQS" >> "$RESULTS"
	i=$((i + 1))
done

# Means and ratios. RESULTS lines: "label #i rps p50 p99 n non2xx sockerr cpu"
# and "pgcpu t0 t1 n" after each postgresql line.
awk -v t="$TICK_US" '
$1 == "sqlite" { s += $3; sp50 += $4; sp99 += $5; scpu += $NF; sc++;
	sr = sr " " $3 }
$1 == "postgresql" { p += $3; pp50 += $4; pp99 += $5; pcpu += $NF; pc++;
	pr = pr " " $3 }
$1 == "pgcpu" { dcpu += $4 ? ($3 - $2) * t / $4 : 0 }
END {
	if (!sc || !pc) exit
	s /= sc; p /= pc; scpu /= sc; pcpu /= pc; dcpu /= pc
	printf "    mean: SQLite %.0f req/s (p50 %.2f ms, p99 %.2f ms)," \
	    " PostgreSQL %.0f req/s (p50 %.2f ms, p99 %.2f ms)\n",
	    s, sp50 / sc, sp99 / sc, p, pp50 / pc, pp99 / pc
	printf "    ratio PostgreSQL/SQLite: req/s %.3f\n", p / s
	printf "    server CPU per request: SQLite werkbrug %.0f us;" \
	    " PostgreSQL werkbrug %.0f us + postgres %.0f us = %.0f us" \
	    " (%.2fx)\n", scpu, pcpu, dcpu, pcpu + dcpu,
	    scpu ? (pcpu + dcpu) / scpu : 0
	print "    req/s per run: SQLite" sr ", PostgreSQL" pr
}' "$RESULTS"

if [ "$PG_PSS" = 1 ]; then
	echo "    server time per statement (pg_stat_statements, all runs):"
	psql -X -q -d "$PG_URL" -c "SELECT calls,
	    round(mean_exec_time::numeric * 1000) AS mean_us,
	    round(total_exec_time::numeric) AS total_ms,
	    left(regexp_replace(query, '\s+', ' ', 'g'), 70) AS statement
	    FROM pg_stat_statements WHERE calls > 1000
	    ORDER BY total_exec_time DESC LIMIT 15" | sed 's/^/    /'
fi

# Statements per page: one request with log_statement=all.
pg_sql "ALTER SYSTEM SET log_statement = 'all'" > /dev/null
pg_sql "SELECT pg_reload_conf()" > /dev/null
sleep 0.5
LOG_AT=$(wc -l < "$PGDIR/log")
curl -s -o /dev/null -H "$PG_COOKIE" "$PGW$PAGE"
sleep 0.5
pg_sql "ALTER SYSTEM RESET log_statement" > /dev/null
pg_sql "SELECT pg_reload_conf()" > /dev/null
tail -n +"$((LOG_AT + 1))" "$PGDIR/log" |
    grep -E 'LOG:  (statement|execute)' |
    grep -v -E 'ALTER SYSTEM|pg_reload_conf|pg_current|pg_snapshot' \
    > "$TMP/pg-statements.txt" || :
awk '
/LOG:  statement: / { q++; if ($0 ~ /advisory/) adv++ }
/LOG:  execute / { e++ }
END {
	printf "    one page on PostgreSQL: %d round trips (%d prepared" \
	    " statements executed, %d simple queries:" \
	    " BEGIN/COMMIT/advisory lock, %d with the lock)\n",
	    e + q, e, q, adv
}' "$TMP/pg-statements.txt"
echo
