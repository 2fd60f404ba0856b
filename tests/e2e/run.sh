#!/bin/sh
# run.sh BUILD_DIR - the end-to-end browser tests, as TAP.
#
# Run from the repository root: sh tests/e2e/run.sh build
#
# Creates a fresh SQLite database with the regions and the demo data, starts
# werkbrug and the Nu HTML Checker on free loopback ports, runs every
# tests/e2e/*.test.mjs with node's test runner (Chromium through
# playwright-core, axe-core, vnu) and stops both servers by process id
# whatever happens.  Exits with the test runner's status.
#
# Environment: E2E_ONLY=FILE runs one test file, E2E_CHROMIUM (default
# /usr/bin/chromium), E2E_KEEP=1 keeps the
# temporary directory (database, server logs, screenshots of failures).
set -u

BUILD=${1:-build}
E2E_DIR=tests/e2e
CHROMIUM=${E2E_CHROMIUM:-/usr/bin/chromium}

prereq_fail() {
	echo "TAP version 13"
	echo "1..1"
	echo "not ok 1 - e2e prerequisites missing: $*"
	exit 1
}

missing=""
command -v node >/dev/null 2>&1 || missing="$missing node"
[ -x "$CHROMIUM" ] || missing="$missing chromium($CHROMIUM)"
command -v java >/dev/null 2>&1 || missing="$missing java"
[ -x "$BUILD/werkbrug" ] || missing="$missing $BUILD/werkbrug"
[ -f "$E2E_DIR/package.json" ] || missing="$missing $E2E_DIR/package.json (run from the repository root)"
[ -n "$missing" ] && prereq_fail "${missing# }"

if [ ! -d "$E2E_DIR/node_modules/playwright-core" ] ||
    [ ! -d "$E2E_DIR/node_modules/axe-core" ] ||
    [ ! -f "$E2E_DIR/node_modules/vnu-jar/build/dist/vnu.jar" ]; then
	command -v npm >/dev/null 2>&1 || prereq_fail "npm (node_modules not installed)"
	echo "# npm ci --ignore-scripts in $E2E_DIR"
	if ! (cd "$E2E_DIR" && npm ci --ignore-scripts --no-audit --no-fund) >/dev/null 2>&1; then
		prereq_fail "npm ci in $E2E_DIR failed"
	fi
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/werkbrug-e2e.XXXXXX") || prereq_fail "mktemp"
SERVER_PID=""
VNU_PID=""

cleanup() {
	[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
	[ -n "$VNU_PID" ] && kill "$VNU_PID" 2>/dev/null && wait "$VNU_PID" 2>/dev/null
	if [ "${E2E_KEEP:-0}" = 1 ]; then
		echo "# kept $TMP"
	else
		rm -rf "$TMP"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

# A free port on 127.0.0.1 (the kernel picks one; a tiny race is harmless).
free_port() {
	node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# Print the tail of a log as TAP comments.
show_log() {
	echo "# --- $1 (last lines)"
	tail -n 30 "$2" 2>/dev/null | sed 's/^/#   /'
}

# The Nu HTML Checker as a servlet: the JVM starts once (a few seconds,
# in parallel with the database set-up) instead of once per page.
VNU_PORT=$(free_port)
java -Xss4m -Dnu.validator.servlet.bind-address=127.0.0.1 \
    -cp "$E2E_DIR/node_modules/vnu-jar/build/dist/vnu.jar" \
    nu.validator.servlet.Main "$VNU_PORT" >"$TMP/vnu.log" 2>&1 &
VNU_PID=$!

export WERKBRUG_PWHASH=fast
DB="sqlite:$TMP/e2e.db"
if ! "$BUILD/werkbrug" --db "$DB" init >"$TMP/init.log" 2>&1; then
	show_log "werkbrug init" "$TMP/init.log"
	prereq_fail "werkbrug init failed"
fi
if ! "$BUILD/werkbrug" --db "$DB" demo >"$TMP/demo.out" 2>"$TMP/demo.err"; then
	show_log "werkbrug demo" "$TMP/demo.err"
	prereq_fail "werkbrug demo failed"
fi

# Demo logins: "  ggz@werkbrug.example   professional   PASSWORD  (...)".
# Export E2E_PASS_<LOCALPART> for each, and E2E_PASS_COORD as a short name.
n=0
while read -r mail role pass rest; do
	case "$mail" in
	*@werkbrug.example) ;;
	*) continue ;;
	esac
	user=$(printf '%s' "${mail%@*}" | tr 'a-z' 'A-Z' | tr -c 'A-Z0-9\n' '_')
	export "E2E_PASS_$user=$pass"
	n=$((n + 1))
done <"$TMP/demo.out"
[ "$n" -gt 0 ] || { show_log "werkbrug demo output" "$TMP/demo.out"; prereq_fail "no demo logins in the output of werkbrug demo"; }
[ -n "${E2E_PASS_COORDINATOR:-}" ] && export E2E_PASS_COORD="$E2E_PASS_COORDINATOR"

PORT=$(free_port)
"$BUILD/werkbrug" --db "$DB" serve --listen "127.0.0.1:$PORT" >"$TMP/server.log" 2>&1 &
SERVER_PID=$!
export E2E_BASE="http://127.0.0.1:$PORT"

# Wait for both (at most 30 s).
wait_up() {	# wait_up URL PID NAME LOG
	i=0
	while ! curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null; do
		if ! kill -0 "$2" 2>/dev/null; then
			show_log "$3" "$4"
			prereq_fail "$3 exited at start-up"
		fi
		i=$((i + 1))
		if [ "$i" -ge 300 ]; then
			show_log "$3" "$4"
			prereq_fail "$3 did not answer on $1 within 30 s"
		fi
		sleep 0.1
	done
}
command -v curl >/dev/null 2>&1 || prereq_fail "curl"
wait_up "$E2E_BASE/healthz" "$SERVER_PID" "werkbrug serve" "$TMP/server.log"
wait_up "http://127.0.0.1:$VNU_PORT/" "$VNU_PID" "vnu servlet" "$TMP/vnu.log"
export E2E_VNU_URL="http://127.0.0.1:$VNU_PORT/"
export E2E_ARTIFACTS="$TMP/artifacts"
export E2E_CHROMIUM="$CHROMIUM"

# The test files run one after another (two cores); each test has its own
# 30 s limit, and the whole run is cut off after 5 minutes.
timeout -k 5 300 node --test --test-reporter=tap --test-concurrency=1 \
    ${E2E_ONLY:-"$E2E_DIR"/*.test.mjs}
status=$?
if [ "$status" -ne 0 ]; then
	show_log "werkbrug server log" "$TMP/server.log"
	[ "$status" -eq 124 ] && echo "not ok 999 - e2e run exceeded 300 s"
fi
exit "$status"
