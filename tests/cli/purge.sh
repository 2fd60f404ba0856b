#!/bin/sh
# purge.sh - werkbrug purge end to end, against SQLite: the retention
# rules are stated with their sources, --dry-run reports without changing
# anything (not even the audit log), a real run anonymises exactly the
# records past their term and says so, the audit chain still verifies,
# and usage errors exit 2.  Speaks TAP.
#
#   WERKBRUG=build/werkbrug sh tests/cli/purge.sh
#
# The clock is fixed with WB_NOW: the demo's five GGZ clients are made on
# 15-01-2027 and the purges run 19 and 21 years later.
# shellcheck disable=SC2016,SC2034
set -u

. "$(dirname "$0")/lib.sh"
trap 'rm -rf "$T"' EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

DB=$T/wb.db
URL=sqlite:$DB
T0=1800000000				# 15-01-2027
Y19=$((T0 + 19 * 365 * 86400))		# early 2046: within 20 years
Y21=$((T0 + 21 * 365 * 86400 + 86400))	# early 2048: past them
LIVE="select count(*) from client where erased_at is null"
ERASED="select count(*) from client where erased_at is not null and
    bsn_sealed is null and bsn_index is null and given_name = 'Gewist'"
EVENTS="select count(*) from audit_event"

WB_NOW=$T0 wb --db "$URL" init
[ "$rc" -eq 0 ] || bail "init failed"
WB_NOW=$T0 wb --db "$URL" demo
[ "$rc" -eq 0 ] || bail "demo failed"
CLIENTS=$(q "$DB" "$LIVE")
check "the demo has clients of a GGZ institution" [ "$CLIENTS" -gt 0 ]
check "the demo has goals and notes (control for the erasure below)" \
    [ "$(q "$DB" "select (select count(*) from note) > 0 and
    (select count(*) from goal) > 0")" = 1 ]

# --- usage ----------------------------------------------------------------

wb --db "$URL" purge --help
check "purge --help exits 0 and prints gebruik:" \
    eval 'rc_is 0 && out_has "gebruik: werkbrug purge"'
wb --db "$URL" purge --bogus
check "purge with an unknown argument exits 2 and names it" \
    eval 'rc_is 2 && err_has "bogus"'
wb --db "$URL" --help
check "werkbrug --help lists purge" eval 'rc_is 0 && out_has "purge"'

# --- within the term: nothing goes ------------------------------------------

BEFORE=$(q "$DB" "$EVENTS")
WB_NOW=$Y19 wb --db "$URL" purge
check "purge within the term exits 0" rc_is 0
check "it names the GGZ rule with its source" \
    eval 'out_has "GGZ-instelling: 0 geanonimiseerd" && out_has "WGBO"'
check "it names the Work & Income rule as common knowledge [K]" \
    eval 'out_has "re-integratiebedrijf: 0 geanonimiseerd" &&
    out_has "Archiefwet.*\[K\]"'
check "it says the audit log is kept whole" out_has "auditlog blijft"
check "no client was anonymised" [ "$(q "$DB" "$LIVE")" = "$CLIENTS" ]

# --- past the term: a dry run, then the real one ------------------------

BEFORE=$(q "$DB" "$EVENTS")
SNAP=$(q "$DB" "select id, given_name, updated_at, coalesce(erased_at, 0)
    from client order by id")
WB_NOW=$Y21 wb --db "$URL" purge --dry-run
check "purge --dry-run exits 0" rc_is 0
check "--dry-run says nothing changed" out_has "proefdraai"
check "--dry-run counts the clients past their term" \
    out_has "GGZ-instelling: $CLIENTS te anonimiseren"
check "--dry-run changes no client" [ "$(q "$DB" "select id, given_name,
    updated_at, coalesce(erased_at, 0) from client order by id")" = "$SNAP" ]
check "--dry-run writes nothing to the audit log" \
    [ "$(q "$DB" "$EVENTS")" = "$BEFORE" ]

WB_NOW=$Y21 wb --db "$URL" purge
check "purge exits 0" rc_is 0
check "it reports the clients it anonymised" \
    out_has "GGZ-instelling: $CLIENTS geanonimiseerd"
check "every client past the term is anonymised" \
    [ "$(q "$DB" "$ERASED")" = "$CLIENTS" ]
check "their notes and goals are gone" [ "$(q "$DB" "select
    (select count(*) from note) + (select count(*) from goal)")" = 0 ]
check "their consents are kept" \
    [ "$(q "$DB" "select count(*) from consent")" -gt 0 ]
check "one client.erase event per client, by the system, reason code only" \
    [ "$(q "$DB" "select count(*) from audit_event where
    event = 'client.erase' and outcome = 'allowed' and user_id is null and
    detail = 'einde-bewaartermijn'")" = "$CLIENTS" ]
check "no audit event was removed" [ "$(q "$DB" "$EVENTS")" -gt "$BEFORE" ]
WB_NOW=$Y21 wb --db "$URL" audit verify
check "the audit chain still verifies" eval 'rc_is 0 && out_has "in orde"'

WB_NOW=$Y21 wb --db "$URL" purge
check "a second purge finds nothing more" \
    eval 'rc_is 0 && out_has "GGZ-instelling: 0 geanonimiseerd"'

check "no sanitizer report in any output" \
    eval '! grep -qE "Sanitizer|runtime error:" "$T/all"'

echo "1..$n"
[ "$failed" -eq 0 ]
