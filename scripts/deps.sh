#!/bin/sh
# deps.sh - install the Debian 12 packages werkbrug needs, only those missing.
# Idempotent: on a machine that has everything it only asks dpkg.
set -eu

PKGS="build-essential pkg-config gettext xxd curl python3 clang-format cppcheck
libmicrohttpd-dev libsqlite3-dev libpq-dev libjansson-dev libsodium-dev
libcsv-dev libinih-dev libcmark-dev libcmocka-dev libxlsxwriter-dev sqlite3
postgresql-15
clang-14 libclang-rt-14-dev
chromium nodejs openjdk-17-jre-headless wrk nginx-light"

missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done
if ! command -v npm >/dev/null 2>&1; then
	missing="$missing npm"
fi

if [ -n "$missing" ]; then
	echo "deps: installing$missing"
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO="sudo"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
	    --no-install-recommends $missing
fi

# The browser tests' npm packages (playwright-core, axe-core, vnu-jar).
if [ -f tests/e2e/package-lock.json ] && [ ! -d tests/e2e/node_modules ]; then
	echo "deps: npm ci in tests/e2e"
	(cd tests/e2e && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi
exit 0
