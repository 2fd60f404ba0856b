#!/bin/sh
# check-banned.sh [DIR...] - fail when the sources use what the compiler
# cannot ban for us.
#
# src/base/banned.h turns strcpy, sprintf, atoi and friends into compile
# errors, and -Wvla rejects variable-length arrays.  alloca() cannot be
# banned with a macro (glibc defines it as __builtin_alloca in <alloca.h>,
# and <stdlib.h> may pull that in), so it is caught here: a stack
# allocation of a size decided at run time is the same hazard as a VLA.
#
# Prints each offending line as FILE:LINE: TEXT and exits 1; exits 0 when
# the tree is clean, 2 when a DIR is missing.  Default DIR is src/.
set -u

[ $# -gt 0 ] || set -- src
for d in "$@"; do
	if [ ! -d "$d" ]; then
		echo "check-banned: $d: no such directory" >&2
		exit 2
	fi
done

status=0

# ban REASON ERE - report every line of a C source or header that matches.
ban() {
	hits=$(find "$@" -type f \( -name '*.c' -o -name '*.h' \) \
	    -exec grep -nHE -e "$PATTERN" {} + 2>/dev/null)
	if [ -n "$hits" ]; then
		printf '%s\n' "$hits" | sed 's/^/check-banned: /'
		echo "check-banned: $REASON" >&2
		status=1
	fi
}

REASON="alloca() is banned: use a fixed-size array with a checked bound, or an arena"
PATTERN='(^|[^A-Za-z0-9_])(__builtin_)?alloca[[:space:]]*\('
ban "$@"

REASON="<alloca.h> is banned: see alloca() above"
PATTERN='^[[:space:]]*#[[:space:]]*include[[:space:]]*<alloca\.h>'
ban "$@"

exit $status
