# lib.sh - what every tests/cli script shares: the binary, a temporary
# directory $T, TAP counting and a way to run werkbrug.  Sourced by the
# scripts (`. "$(dirname "$0")/lib.sh"`), never run alone.  The script
# sets its own EXIT trap (which should remove $T) after sourcing this.
# shellcheck shell=sh disable=SC2034

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WERKBRUG=${WERKBRUG:-build/werkbrug}
case $WERKBRUG in
/*)	;;
*)	WERKBRUG=$PWD/$WERKBRUG ;;
esac
if [ ! -x "$WERKBRUG" ]; then
	echo "not ok 1 - werkbrug binary at $WERKBRUG"
	echo "Bail out! build it first (make)"
	exit 1
fi
export WERKBRUG_PWHASH=fast
unset WERKBRUG_DB

T=$(mktemp -d)
n=0
failed=0

ok() {		# ok DESCRIPTION
	n=$((n + 1))
	echo "ok $n - $1"
}

not_ok() {	# not_ok DESCRIPTION - also shows the last command's output
	n=$((n + 1))
	failed=$((failed + 1))
	echo "not ok $n - $1"
	echo "# last command: exit $rc"
	sed -n '1,15s/^/#   out: /p' "$T/out" 2>/dev/null
	sed -n '1,15s/^/#   err: /p' "$T/err" 2>/dev/null
}

check() {	# check DESCRIPTION COMMAND... - passes when COMMAND succeeds
	d=$1
	shift
	if "$@"; then ok "$d"; else not_ok "$d"; fi
}

bail() {	# bail REASON - a failed precondition ends the run
	not_ok "$1"
	echo "Bail out! $1"
	exit 1
}

# Run werkbrug; the status lands in $rc, the output in $T/out and $T/err,
# and everything printed is also collected in $T/all (for secret checks).
rc=0
: >"$T/out"
: >"$T/err"
wb() {
	"$WERKBRUG" "$@" >"$T/out" 2>"$T/err"
	rc=$?
	cat "$T/out" "$T/err" >>"$T/all"
}

rc_is() { [ "$rc" -eq "$1" ]; }
out_has() { grep -q -e "$1" "$T/out"; }
err_has() { grep -q -e "$1" "$T/err"; }
err_nonempty() { [ -s "$T/err" ]; }

q() { sqlite3 "$1" "$2"; }	# q DBFILE SQL
