#!/bin/sh
# translations.sh - every Dutch UI text has an English translation, and
# the catalogue compiles (TAP).
cd "$(dirname "$0")/../.." || exit 1
echo "1..2"
if msgfmt --check -o /dev/null po/en.po 2>/tmp/msgfmt.$$; then
	echo "ok 1 - po/en.po compiles with msgfmt --check"
else
	echo "not ok 1 - po/en.po compiles with msgfmt --check"
	sed 's/^/# /' /tmp/msgfmt.$$
fi
rm -f /tmp/msgfmt.$$
missing=$(python3 scripts/po-missing.py)
if [ -z "$missing" ]; then
	echo "ok 2 - every UI text has an English translation"
else
	echo "not ok 2 - every UI text has an English translation"
	printf '%s\n' "$missing" | sed 's/^/# missing: /'
fi
