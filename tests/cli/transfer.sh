#!/bin/sh
# transfer.sh - werkbrug import (trajecten, mijlpalen, metingen) and
# werkbrug export (trajecten, indicatoren) end to end on SQLite: a good
# file goes in and is counted, --dry-run writes nothing, a bad file is
# refused with "regel N, kolom X" and nothing of it is written, the
# command needs a professional (--as), exports are new files of mode 600
# in CSV or as an XLSX workbook (a zip with the sheet, checked with
# python3's zipfile), usage errors exit 2.  Speaks TAP.
#
#   WERKBRUG=build/werkbrug sh tests/cli/transfer.sh
#
# shellcheck disable=SC2016,SC2034
set -u

. "$(dirname "$0")/lib.sh"
trap 'rm -rf "$T"' EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

DB=$T/wb.db
URL=sqlite:$DB
GGZ=ggz@werkbrug.example
d() { date -d "$1 days ago" +%d-%m-%Y; }	# d N: N days ago, dd-mm-jjjj
iso() { date -d "$1 days ago" +%Y-%m-%d; }
count() { q "$DB" "select count(*) from $1"; }

wb --db "$URL" init
[ "$rc" -eq 0 ] || bail "init failed"
wb --db "$URL" demo
[ "$rc" -eq 0 ] || bail "demo failed"
C=$(q "$DB" "select t.client_id from care_team t join user_account u on
    u.id = t.user_id where u.email = '$GGZ' and t.ended_at is null
    order by t.client_id limit 1")
[ -n "$C" ] || bail "the demo professional has no client"
M0=$(count measurement)		# the demo's own

# --- usage ------------------------------------------------------------------

wb --db "$URL" import metingen --help
check "import metingen --help exits 0 and prints gebruik:" \
    eval 'rc_is 0 && out_has "gebruik: werkbrug import metingen"'
wb --db "$URL" --help
check "werkbrug --help lists import and export" \
    eval 'rc_is 0 && out_has "import trajecten" && out_has "export indicatoren"'
printf 'client_id;instrument;date;value\n%s;ladder;%s;3\n' "$C" "$(d 3)" \
    > "$T/m.csv"
wb --db "$URL" import metingen "$T/m.csv"
check "import without --as exits 2 (the system actor has no client data)" \
    rc_is 2
wb --db "$URL" import metingen --as "$GGZ"
check "import without a file exits 2" rc_is 2
wb --db "$URL" import metingen --as "$GGZ" --bogus "$T/m.csv"
check "import with an unknown option exits 2 and names it" \
    eval 'rc_is 2 && err_has "bogus"'
wb --db "$URL" import notities --as "$GGZ" "$T/m.csv"
check "import of an unknown kind exits 2" rc_is 2

# --- refusals ---------------------------------------------------------------

wb --db "$URL" import metingen --as nobody@example.org "$T/m.csv"
check "an unknown account is refused (exit 1)" \
    eval 'rc_is 1 && err_has "geen account"'
wb --db "$URL" import metingen --as admin@werkbrug.example "$T/m.csv"
check "an administrator is refused: only a professional imports" \
    eval 'rc_is 1 && err_has "professional"'
check "the refusal is audited" [ "$(q "$DB" "select count(*) from
    audit_event where event = 'import' and outcome = 'denied'")" = 1 ]
check "nothing was imported" [ "$(count measurement)" = "$M0" ]

# --- measurements -------------------------------------------------------------

printf '\357\273\277client_id;instrument;date;items;value\r\n%s;ladder;%s;;3\r\n%s;phq9;%s;0,1,2,3,0,1,2,0,0;\r\n' \
    "$C" "$(d 3)" "$C" "$(iso 3)" > "$T/m.csv"
wb --db "$URL" import metingen --as "$GGZ" --dry-run "$T/m.csv"
check "--dry-run checks the file and says nothing was imported" \
    eval 'rc_is 0 && out_has "proefdraai" && out_has "niets ingelezen"'
check "--dry-run wrote no measurement" [ "$(count measurement)" = "$M0" ]
wb --db "$URL" import metingen --as "$GGZ" "$T/m.csv"
check "a good file is imported (exit 0) and counted" \
    eval 'rc_is 0 && out_has "ingelezen: 2 metingen van 1 cliënt"'
IMPORTED=$(q "$DB" "select count(*) from measurement where source = 'import'")
check "the rows are in the database as an import" [ "$IMPORTED" = 2 ]
check "and nothing else was added" [ "$(count measurement)" = $((M0 + 2)) ]
check "no progress bar when stderr is not a terminal" \
    eval '! err_has "controleren"'
printf 'client_id;instrument;date;value\n%s;ladder;%s;4\n%s;ladder;%s;9\n%s;ladder;%s;4\n' \
    "$C" "$(d 10)" "$C" "$(d 11)" "$C" "$(d 3)" > "$T/bad.csv"
wb --db "$URL" import metingen --as "$GGZ" "$T/bad.csv"
check "a bad file exits 1 and names line and column" \
    eval 'rc_is 1 && err_has "regel 3, kolom value:" &&
    err_has "regel 4: er staat al een meting" && err_has "niets ingelezen"'
check "nothing of the bad file was imported, not even its good line" \
    [ "$(count measurement)" = $((M0 + 2)) ]

# --- trajectories and milestones ------------------------------------------

printf 'client_id;intervention;referral_date;start_date\n%s;krachtwerk;%s;%s\n' \
    "$C" "$(d 40)" "$(d 30)" > "$T/t.csv"
before=$(count trajectory)
wb --db "$URL" import trajecten --as "$GGZ" "$T/t.csv"
check "a trajectory is imported" \
    eval 'rc_is 0 && [ "$(count trajectory)" = $((before + 1)) ]'
printf 'client_id;intervention;trajectory_start;type;date;employer;hours;competitive;min_wage;contract\n%s;krachtwerk;%s;job-start;%s;Bakkerij;16,5;ja;ja;vast\n%s;krachtwerk;%s;employer-contact;%s;;;;;\n' \
    "$C" "$(d 30)" "$(d 10)" "$C" "$(iso 30)" "$(d 20)" > "$T/ms.csv"
wb --db "$URL" import mijlpalen --as "$GGZ" "$T/ms.csv"
check "milestones find their trajectory by intervention and start date" \
    eval 'rc_is 0 && out_has "1 mijlpalen, 1 banen gestart"'
check "the job is stored with its hours" [ "$(q "$DB" "select
    minutes_per_week from job where employer = 'Bakkerij'")" = 990 ]

# --- export -------------------------------------------------------------------

wb --db "$URL" export trajecten --as "$GGZ" -o "$T/t-out.csv"
check "export trajecten writes a CSV" \
    eval 'rc_is 0 && out_has "regel(s) geschreven"'
check "the CSV starts with a BOM and the columns" \
    [ "$(head -c 40 "$T/t-out.csv")" = "$(printf '\357\273\277trajectory_id;client_id;intervention;')" ]
check "the export is readable by its owner only" \
    [ "$(stat -c %a "$T/t-out.csv")" = 600 ]
check "the export names no client (no BSN, no name)" \
    eval '! grep -q "Wilhelmina\|Testcliënt" "$T/t-out.csv"'
wb --db "$URL" export trajecten --as "$GGZ" -o "$T/t-out.csv"
check "export never writes over an existing file" \
    eval 'rc_is 1 && err_has "bestaat al"'
wb --db "$URL" export trajecten --as "$GGZ" --client "$C" -o "$T/t.xlsx"
check "export trajecten to .xlsx" rc_is 0
check "the workbook is a zip with its sheet" python3 -c '
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = z.namelist()
assert "xl/worksheets/sheet1.xml" in names, names
assert b"trajectory_id" in z.read("xl/sharedStrings.xml")
' "$T/t.xlsx"
Q=$(date +%Y)K$(( ($(date +%-m) - 1) / 3 + 1 ))
wb --db "$URL" export indicatoren --as coordinator@werkbrug.example \
    --region AM27 --quarter "$Q" --format csv -o "$T/i.csv"
check "export indicatoren for a region" \
    eval 'rc_is 0 && grep -q "^;Totaal;" "$T/i.csv"'
wb --db "$URL" export indicatoren --as "$GGZ" --region AM27 -o "$T/i2.csv"
check "export indicatoren without --quarter exits 2" rc_is 2
wb --db "$URL" export indicatoren --as "$GGZ" --region AM27 \
    --organisation X --quarter "$Q" -o "$T/i2.csv"
check "region and organisation together exit 2" rc_is 2
wb --db "$URL" export trajecten --as admin@werkbrug.example -o "$T/a.csv"
check "an administrator exports no trajectories (exit 1)" \
    eval 'rc_is 1 && [ ! -e "$T/a.csv" ]'

# --- the example files of docs/import.md import as they are ------------------

EX=$T/ex.db
wb --db "sqlite:$EX" init
wb --db "sqlite:$EX" demo
[ "$rc" -eq 0 ] || bail "demo for the examples failed"
for k in trajecten mijlpalen metingen; do
	wb --db "sqlite:$EX" import "$k" --as "$GGZ" \
	    "$ROOT/tests/data/import/$k.csv"
	check "tests/data/import/$k.csv imports into the demo (exit 0)" \
	    eval 'rc_is 0 && out_has "ingelezen"'
done
check "the examples' job ended in the same file" [ "$(q "$EX" "select
    end_date is not null from job where employer = 'Bakkerij Jansen' and
    end_reason = 'einde contract'")" = 1 ]

# --- the audit chain still holds ---------------------------------------------

wb --db "$URL" audit verify
check "the audit chain verifies after all of it" rc_is 0

echo "1..$n"
[ "$failed" -eq 0 ]
