#!/bin/sh
# bench/import.sh BUILD - `werkbrug import metingen` of a 1,000,000-row
# CSV file against the sqlite3 shell's .import of the same file into a
# plain table, side by side in one run (docs/benchmarks.md, "CSV import
# of 1,000,000 rows").  The issue's target: werkbrug at least half the
# shell's speed (ratio shell time / werkbrug time >= 0.5) while it checks
# every row.
#
#   make bench-import        or   sh bench/import.sh build
#
# Steps: a fresh SQLite database in a temp dir (init, one GGZ
# organisation, one professional); WB_BENCH_CLIENTS clients registered by
# that organisation with the professional on their teams, made by one SQL
# statement each (a fast generator: no BSN, so the file names clients by
# client_id); a CSV of WB_BENCH_ROWS measurements (';', half the dates
# dd-mm-jjjj and half jjjj-mm-dd, a quarter of them each of the ladder,
# PHQ-9, GAD-7 and K10, questionnaires as digits or as a list, the rows
# cycling through the clients as an export by date would).  Then
# WB_BENCH_RUNS times, alternating: the sqlite3 shell imports the file
# into a new database file with a plain five-column table (.mode csv,
# .separator ;, .import --skip 1), and werkbrug imports it into a fresh
# copy of the database (every row checked, the policy decided per client,
# one transaction, one audit event per client).  Also once: the shell
# into :memory:.  Afterwards the measurements are counted and the audit
# chain verified.  Wall-clock times; the medians give the ratio.
#
# Environment: WB_BENCH_ROWS (1000000), WB_BENCH_CLIENTS (50000),
# WB_BENCH_RUNS (3), WB_BENCH_KEEP=1 keeps the temp dir, TMPDIR.
set -eu

BUILD=${1:-build}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
case $BUILD in
/*) ;;
*) BUILD=$ROOT/$BUILD ;;
esac
BIN=$BUILD/werkbrug
ROWS=${WB_BENCH_ROWS:-1000000}
CLIENTS=${WB_BENCH_CLIENTS:-50000}
RUNS=${WB_BENCH_RUNS:-3}
EMAIL=bench@werkbrug.example

die() { echo "bench-import: $*" >&2; exit 1; }
[ -x "$BIN" ] || die "$BIN not found; run make first"
for t in sqlite3 awk date df; do
	command -v $t >/dev/null 2>&1 || die "$t not found"
done

TMP=$(mktemp -d "${TMPDIR:-/tmp}/werkbrug-bench-import.XXXXXX")
cleanup() {
	if [ "${WB_BENCH_KEEP:-0}" = 1 ]; then
		echo "bench-import: kept $TMP"
	else
		rm -rf "$TMP"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

echo "== machine"
echo "date:     $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "cpu:      $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)," \
    "$(nproc) vCPU"
if command -v lscpu >/dev/null 2>&1; then
	lscpu | awk -F': *' '/^(Thread|Core|Socket|L2|L3|CPU max MHz|Hypervisor)/ {
	    printf "          %s: %s\n", $1, $2 }'
fi
echo "memory:   $(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
echo "kernel:   $(uname -sr)"
echo "load:     $(cut -d' ' -f1-3 /proc/loadavg)"
echo "disk:     $(df -PT "$TMP" | awk 'NR == 2 { print $2 " on " $1 }')" \
    "$(command -v findmnt >/dev/null 2>&1 && findmnt -no OPTIONS -T "$TMP" | cut -c1-40)"
echo "sqlite3:  $(sqlite3 --version | cut -d' ' -f1) (shell and library)"
echo "werkbrug: $BIN ($(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'))"
echo

# ---------------------------------------------------------------- database
export WERKBRUG_PWHASH=fast
DB=$TMP/base.db
"$BIN" --db "sqlite:$DB" init > "$TMP/init.log" 2>&1 ||
    { cat "$TMP/init.log" >&2; die "init failed"; }
"$BIN" --db "sqlite:$DB" org add --code BENCH-GGZ --name "GGZ Bench" \
    --type ggz --region AM27 > /dev/null || die "org add failed"
echo "bench-password-not-secret" | "$BIN" --db "sqlite:$DB" user add \
    --email "$EMAIL" --name "Bench Professional" --role professional \
    --org BENCH-GGZ > /dev/null || die "user add failed"
t0=$(now_ms)
sqlite3 "$DB" "
WITH RECURSIVE s(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM s
    WHERE x < $CLIENTS)
INSERT INTO client (given_name, family_name, birth_date, municipality_code,
    benefit, registered_org, registered_by, created_at, updated_at)
SELECT 'Bench', 'Client ' || x, 5000 + x % 10000, 'GM0796', 'wajong', o.id,
    u.id, 0, 0 FROM s, organisation o, user_account u
WHERE o.code = 'BENCH-GGZ' AND u.email = '$EMAIL';
INSERT INTO care_team (client_id, user_id, org_id, function, added_by,
    added_at)
SELECT c.id, u.id, u.org_id, 'behandelaar', u.id, 0 FROM client c,
    user_account u WHERE u.email = '$EMAIL';" || die "client generator failed"
echo "== setup"
echo "clients:  $CLIENTS (one SQL statement each for clients and teams," \
    "$(( $(now_ms) - t0 )) ms)"

# ---------------------------------------------------------------- the file
CSV=$TMP/metingen.csv
t0=$(now_ms)
awk -v n="$ROWS" -v nc="$CLIENTS" 'BEGIN {
	print "client_id;instrument;date;items;value"
	split("ladder phq9 gad7 k10", ins, " ")
	for (i = 0; i < n; i++) {
		c = i % nc + 1; r = int(i / nc); k = r % 4 + 1
		day = 19000 + int(r / 4)	# from 08-01-2022, one per round
		# the civil date of day (after H. Hinnant)
		z = day + 719468; era = int(z / 146097); doe = z - era * 146097
		yoe = doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)
		yoe = int(yoe / 365); y = yoe + era * 400
		doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
		mp = int((5 * doy + 2) / 153); d = doy - int((153 * mp + 2) / 5) + 1
		m = mp < 10 ? mp + 3 : mp - 9; if (m <= 2) y++
		if (i % 2) date = sprintf("%04d-%02d-%02d", y, m, d)
		else date = sprintf("%02d-%02d-%04d", d, m, y)
		if (ins[k] == "ladder") {
			printf "%d;ladder;%s;;%d\n", c, date, i % 6 + 1
			continue
		}
		nit = ins[k] == "phq9" ? 9 : ins[k] == "gad7" ? 7 : 10
		lo = ins[k] == "k10" ? 1 : 0; hi = ins[k] == "k10" ? 5 : 3
		it = ""
		for (j = 0; j < nit; j++) {
			if (i % 3 == 0 && j) it = it ","
			it = it (lo + (i + j) % (hi - lo + 1))
		}
		printf "%d;%s;%s;%s;\n", c, ins[k], date, it
	}
}' > "$CSV"
echo "file:     $ROWS rows, $(wc -c < "$CSV") bytes ($(( $(now_ms) - t0 )) ms to" \
    "generate); first lines:"
head -n 3 "$CSV" | sed 's/^/            /'
echo "runs:     $RUNS of each, alternating sqlite3 and werkbrug"
echo

# ---------------------------------------------------------------- runs
RES=$TMP/results.txt
: > "$RES"
shell_import() {	# shell_import DBFILE-or-:memory:
	sqlite3 "$1" "CREATE TABLE m (client_id, instrument, date, items,
	    value);" ".mode csv" ".separator ;" ".import --skip 1 $CSV m" \
	    "SELECT count(*) FROM m;"
}
i=1
while [ "$i" -le "$RUNS" ]; do
	rm -f "$TMP/plain.db"
	t0=$(now_ms)
	n=$(shell_import "$TMP/plain.db")
	t1=$(now_ms)
	[ "$n" = "$ROWS" ] || die "sqlite3 .import read $n rows"
	echo "sqlite3 .import (file)  run $i: $((t1 - t0)) ms"
	echo "sqlite $((t1 - t0))" >> "$RES"

	cp "$DB" "$TMP/wb.db"
	t0=$(now_ms)
	"$BIN" --db "sqlite:$TMP/wb.db" import metingen --as "$EMAIL" "$CSV" \
	    > "$TMP/import.out" 2> "$TMP/import.err" ||
	    { cat "$TMP/import.err" >&2; die "werkbrug import failed"; }
	t1=$(now_ms)
	echo "werkbrug import metingen run $i: $((t1 - t0)) ms   ($(cat "$TMP/import.out"))"
	echo "werkbrug $((t1 - t0))" >> "$RES"
	i=$((i + 1))
done
t0=$(now_ms)
n=$(shell_import :memory:)
t1=$(now_ms)
echo "sqlite3 .import (:memory:, reference): $((t1 - t0)) ms"

# ---------------------------------------------------------------- checks
n=$(sqlite3 "$TMP/wb.db" "SELECT count(*) FROM measurement WHERE source = 'import'")
[ "$n" = "$ROWS" ] || die "werkbrug stored $n measurements, not $ROWS"
ev=$(sqlite3 "$TMP/wb.db" "SELECT count(*) FROM audit_event WHERE event = 'measurement.import'")
"$BIN" --db "sqlite:$TMP/wb.db" audit verify > "$TMP/verify.out" 2>&1 ||
    { cat "$TMP/verify.out" >&2; die "audit chain broken"; }
# The import skips SQLite's own foreign-key check per row (it checks the
# references itself): the database's whole check must still find nothing.
fk=$(sqlite3 "$TMP/wb.db" "PRAGMA foreign_key_check" | wc -l)
[ "$fk" = 0 ] || die "$fk rows with a broken foreign key"
echo "check:    $n measurements stored, $ev measurement.import events (one" \
    "per client), $(cat "$TMP/verify.out"), foreign keys in orde"
echo

median() {	# median NAME: the median of that name's times
	awk -v k="$1" '$1 == k { print $2 }' "$RES" | sort -n | awk '
	    { v[NR] = $1 }
	    END {
		if (NR % 2) print v[(NR + 1) / 2]
		else print (v[NR / 2] + v[NR / 2 + 1]) / 2
	    }'
}
S=$(median sqlite)
W=$(median werkbrug)
awk -v s="$S" -v w="$W" -v n="$ROWS" 'BEGIN {
	printf "== result: median sqlite3 .import %d ms (%.0f rows/s), werkbrug" \
	    " %d ms (%.0f rows/s)\n", s, n / s * 1000, w, n / w * 1000
	printf "   ratio sqlite3 time / werkbrug time = %.2f (target >= 0.5)\n",
	    s / w
}'
