#!/bin/sh
# data.sh - backup, restore and migrate-data, end to end.
#
# SQLite backups (online, never over an existing file, the copy's audit
# chain verified), restores (only into an empty database unless --force,
# never a backup whose chain is broken), migrate-data between SQLite
# databases and, with WB_TEST_PG (scripts/runtests.sh), to PostgreSQL and
# back: counts per table, the chain on the target, refusals of a
# non-empty target.  A source whose audit chain is broken is refused up
# front: migrate-data copies nothing and exits 1.  No database URL is ever
# printed.  Speaks TAP.
#
#   WERKBRUG=build/werkbrug sh tests/cli/data.sh
#
# shellcheck disable=SC2016,SC2034
set -u

. "$(dirname "$0")/lib.sh"
PG=${WB_TEST_PG:-}
# Empty the PostgreSQL test database (only one whose name ends in _test).
pg_empty() {
	[ -n "$PG" ] || return 0
	name=$(psql -X -q -At -d "$PG" -c 'select current_database()') ||
		return 1
	case $name in
	*_test)	;;
	*)	echo "# refusing to empty database $name"; return 1 ;;
	esac
	psql -X -q -d "$PG" -v ON_ERROR_STOP=1 -c \
	    'set client_min_messages = warning; drop schema if exists public cascade; create schema public' \
	    >/dev/null
}
cleanup() {
	pg_empty
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# Rows per table, one line each, for comparing two SQLite databases.
TABLES="setting region municipality organisation organisation_region
user_account card contact_point session api_token login_throttle
client care_team consent goal plan_action note audit_event audit_head"
counts() {
	for t in $TABLES; do
		printf '%s %s\n' "$t" "$(q "$1" "select count(*) from $t")"
	done
}

A=$T/a.db
B=$T/b.db

# --- a source with data --------------------------------------------------

wb --db "sqlite:$A" init
wb --db "sqlite:$A" demo
check "demo database for the data commands" rc_is 0

for c in backup restore migrate-data; do
	wb --db "sqlite:$A" "$c" --help
	check "$c --help exits 0 and prints gebruik:" \
	    eval 'rc_is 0 && out_has "gebruik:"'
done

# --- backup -----------------------------------------------------------------

wb --db "sqlite:$A" backup "$B"
check "backup exits 0 and verifies the copy's audit chain" \
    eval 'rc_is 0 && out_has "reservekopie in orde"'
check "backup holds the same rows as the database" \
    [ "$(counts "$A")" = "$(counts "$B")" ]
before=$(cksum <"$B")
wb --db "sqlite:$A" backup "$B"
check "backup refuses an existing file (exit 1)" \
    eval 'rc_is 1 && err_has "bestaat al"'
check "backup left the existing file alone" [ "$(cksum <"$B")" = "$before" ]
wb --db "sqlite:$A" backup
check "backup without a file exits 2" rc_is 2
wb --db "sqlite:$A" backup "$T/x.db" --bogus
check "backup with an unknown option exits 2" rc_is 2
WERKBRUG_DB="postgresql://werkbrug:geheim-wachtwoord@localhost/werkbrug" \
    wb backup "$T/pg.db"
check "backup of PostgreSQL exits 1 and points to pg_dump" \
    eval 'rc_is 1 && err_has pg_dump && err_has docs/deploy.md'
check "backup of PostgreSQL creates no file" test ! -e "$T/pg.db"

# --- restore ----------------------------------------------------------------

C=$T/c.db
wb --db "sqlite:$C" restore "$B"
check "restore into a new database exits 0" rc_is 0
check "restore verified the backup and the result" \
    eval 'out_has "reservekopie in orde" && out_has "database in orde"'
check "restored database holds the backup's rows" \
    [ "$(counts "$B")" = "$(counts "$C")" ]
wb --db "sqlite:$C" org add --code NA-RESTORE --name Later --type ggz \
    --region AM01
wb --db "sqlite:$C" restore "$B"
check "restore over a database with data exits 1 without --force" \
    eval 'rc_is 1 && err_has "gebruik --force"'
check "the refused restore changed nothing" \
    [ "$(q "$C" "select count(*) from organisation where code = 'NA-RESTORE'")" = 1 ]
wb --db "sqlite:$C" restore --force "$B"
check "restore --force exits 0" rc_is 0
check "restore --force replaced the data" \
    [ "$(counts "$B")" = "$(counts "$C")" ]
wb --db "sqlite:$C" restore "$T/missing.db"
check "restore of a missing file exits 1" rc_is 1
check "restore of a missing file does not create it" \
    test ! -e "$T/missing.db"
wb --db "sqlite:$C" restore
check "restore without a file exits 2" rc_is 2
WERKBRUG_DB="postgresql://werkbrug:geheim-wachtwoord@localhost/werkbrug" \
    wb restore "$B"
check "restore into PostgreSQL exits 1 and points to pg_restore" \
    eval 'rc_is 1 && err_has pg_restore'

# A backup whose audit chain was edited is never restored.
cp "$B" "$T/bad.db"
q "$T/bad.db" "update audit_event set detail = 'x' where id = 3"
wb --db "sqlite:$T/fresh.db" restore "$T/bad.db"
check "restore of a tampered backup exits 1 and names event 3" \
    eval 'rc_is 1 && err_has GESCHONDEN && err_has "\b3\b"'
check "the tampered backup was not restored" \
    test ! -s "$T/fresh.db"

# --- migrate-data between SQLite databases -----------------------------------

D=$T/d.db
wb migrate-data --from "sqlite:$A" --to "sqlite:$D"
check "migrate-data to a new SQLite database exits 0" rc_is 0
check "migrate-data prints a table of counts" \
    eval 'out_has "^audit_event" && out_has "^organisation "'
check "migrate-data verifies the target's audit chain" \
    out_has "het doel in orde"
check "migrate-data copied every row" [ "$(counts "$A")" = "$(counts "$D")" ]
wb migrate-data --from "sqlite:$A" --to "sqlite:$D"
check "migrate-data into a non-empty target exits 1" \
    eval 'rc_is 1 && err_has "niet leeg"'
check "the refused migrate-data changed nothing" \
    [ "$(counts "$A")" = "$(counts "$D")" ]
wb --db "sqlite:$T/i.db" init
wb migrate-data --from "sqlite:$A" --to "sqlite:$T/i.db"
check "migrate-data into an initialised database exits 1" rc_is 1
wb migrate-data --from "sqlite:$A"
check "migrate-data without --to exits 2" rc_is 2
wb migrate-data --from "sqlite:$A" --to "sqlite:$A"
check "migrate-data onto itself exits 2" rc_is 2
wb migrate-data --from "sqlite:$A" --to "sqlite:$T/y.db" --bogus
check "migrate-data with an unknown option exits 2" rc_is 2

# A source with a broken chain is refused up front: nothing is copied.
wb migrate-data --from "sqlite:$T/bad.db" --to "sqlite:$T/e.db"
check "migrate-data from a tampered source exits 1" \
    eval 'rc_is 1 && err_has GESCHONDEN && err_has "niets gekopieerd"'
check "nothing was copied from the tampered source" \
    [ "$(q "$T/e.db" "select count(*) from organisation")" = 0 ]

# --- migrate-data to PostgreSQL and back -----------------------------------

if [ -n "$PG" ] && pg_empty; then
	mkdir -p "$T/empty"
	wb migrate-data --from "sqlite:$A" --to "$PG"
	check "migrate-data SQLite to PostgreSQL exits 0" \
	    eval 'rc_is 0 && out_has "van sqlite naar postgresql"'
	check "migrate-data to PostgreSQL verifies the chain there" \
	    out_has "het doel in orde"
	wb migrate-data --from "sqlite:$A" --to "$PG"
	check "migrate-data into a non-empty PostgreSQL exits 1" rc_is 1
	(cd "$T/empty" && wb --db "$PG" org add --code NA-KOPIE \
	    --name Nieuw --type ggz --region AM01)
	check "the copy refuses to run without its site key" \
	    eval 'rc_is 1 && err_has "sleutelbestand" && err_has ontbreekt'
	WERKBRUG_KEY_FILE="$T/werkbrug.key" wb --db "$PG" org add \
	    --code NA-KOPIE --name Nieuw --type ggz --region AM01
	check "a new organisation on PostgreSQL gets the next id" \
	    eval 'rc_is 0 && out_has "(id $(($(q "$A" "select max(id) from organisation") + 1)))"'
	wb migrate-data --from "$PG" --to "sqlite:$T/back.db"
	check "migrate-data PostgreSQL to SQLite exits 0" rc_is 0
	check "the round trip keeps every row (plus the new one)" \
	    [ "$(q "$T/back.db" "select count(*) from organisation")" = \
	    "$(($(q "$A" "select count(*) from organisation") + 1))" ]
	wb --db "sqlite:$T/back.db" audit verify
	check "the round trip keeps the audit chain" rc_is 0
	check "no PostgreSQL URL was printed" \
	    eval '! grep -q -F -e "$PG" "$T/all"'
	pg_empty
else
	echo "# WB_TEST_PG not set: PostgreSQL round trip not run"
fi

check "no password was printed" eval '! grep -q geheim-wachtwoord "$T/all"'
check "no sanitizer report" \
    eval '! grep -qE "Sanitizer|runtime error:" "$T/all"'

echo "1..$n"
[ "$failed" -eq 0 ]
