#!/bin/sh
# fuzz.sh [SECONDS] - build every fuzz/fuzz_*.c as a libFuzzer binary and
# run each for SECONDS (default 20) on a copy of its corpus.
#
#	fuzz/fuzz_NAME.c	the target (LLVMFuzzerTestOneInput)
#	fuzz/corpus/NAME/	its committed seeds (never written to)
#	fuzz/NAME.dict		an optional libFuzzer dictionary
#
# Everything goes to build-fuzz/ (FUZZ_BUILD): the sanitized library
# (all of src/ but src/main.c, plus the embedded assets), one binary per
# target, the working corpus (seeds plus what the fuzzer found),
# crashes/NAME/ and logs/NAME.log.  Targets run FUZZ_JOBS at a time.  Exits
# non-zero when a target fails to build or finds a crash, leak, timeout or
# undefined behaviour; the reproducer is in build-fuzz/crashes/NAME/.
#
# Environment: FUZZ_CC (default clang-14), FUZZ_BUILD (default build-fuzz),
# FUZZ_JOBS (parallel compiles and fuzzers, default: number of CPUs).
set -u

SECONDS_EACH=${1:-20}
case $SECONDS_EACH in
''|*[!0-9]*) echo "fuzz.sh: SECONDS must be a whole number" >&2; exit 2 ;;
esac
[ "$SECONDS_EACH" -ge 1 ] || SECONDS_EACH=1

cd "$(dirname "$0")/.." || exit 2
CC=${FUZZ_CC:-clang-14}
OUT=${FUZZ_BUILD:-build-fuzz}
JOBS=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 4)}
PKGS="libmicrohttpd sqlite3 libpq jansson libsodium inih libcmark xlsxwriter"

command -v "$CC" >/dev/null 2>&1 || {
	echo "fuzz.sh: $CC not found (apt-get install clang-14)" >&2
	exit 2
}
PKG_CFLAGS=$(pkg-config --cflags $PKGS) || exit 2
PKG_LIBS="$(pkg-config --libs $PKGS) -lcsv -lpthread" || exit 2

SAN="-fsanitize=address,undefined -fno-sanitize-recover=all"
CFLAGS="-std=c17 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -g -O1
    -fno-omit-frame-pointer -Wall -Wextra -Wno-unused-parameter
    -Werror=implicit-function-declaration $SAN -Isrc -Ibuild/gen
    $PKG_CFLAGS"

# The embedded templates, migrations and data (build/gen/assets.c).
make --no-print-directory build/gen/assets.c >/dev/null || {
	echo "fuzz.sh: make build/gen/assets.c failed" >&2
	exit 1
}

mkdir -p "$OUT/obj" "$OUT/logs" "$OUT/crashes" "$OUT/corpus" || exit 2

# -- the library, with coverage instrumentation, rebuilt when a source or
# -- one of its headers is newer than the object --

SOURCES="$(find src/ -name '*.c' ! -path src/main.c | sort) build/gen/assets.c"

obj_of() {
	echo "$OUT/obj/${1%.c}.o"
}

# Print "SRC OBJ" for every object that is missing or out of date.
stale() {
	for src in $SOURCES; do
		obj=$(obj_of "$src")
		dep=${obj%.o}.d
		need=0
		if [ ! -f "$obj" ] || [ ! -f "$dep" ] || [ "$src" -nt "$obj" ]
		then
			need=1
		else
			for f in $(sed -e 's/^[^:]*://' -e 's/\\$//' "$dep"); do
				case $f in *:) continue ;; esac
				if [ ! -e "$f" ] || [ "$f" -nt "$obj" ]; then
					need=1
					break
				fi
			done
		fi
		[ "$need" -eq 0 ] || echo "$src $obj"
	done
}

LIB=$OUT/libwerkbrug-fuzz.a
todo=$(stale)
if [ -n "$todo" ] || [ ! -f "$LIB" ]; then
	n=$(printf '%s\n' "$todo" | grep -c .)
	echo "fuzz.sh: compiling $n source file(s) with $CC"
	if [ -n "$todo" ]; then
		printf '%s\n' "$todo" | FZ_CC=$CC \
		    FZ_CFLAGS="$CFLAGS -fsanitize=fuzzer-no-link" \
		    xargs -P "$JOBS" -n 2 sh -c 'mkdir -p "${1%/*}" &&
			$FZ_CC $FZ_CFLAGS -Wno-overlength-strings -MMD -MP \
			    -c "$0" -o "$1" 2>"${1%.o}.log" ||
			{ cat "${1%.o}.log" >&2; exit 255; }' ||
		    { echo "fuzz.sh: compile failed" >&2; exit 1; }
	fi
	rm -f "$LIB"
	for src in $SOURCES; do
		obj_of "$src"
	done | xargs ar rcs "$LIB" || exit 1
fi

# -- the targets: build them all, then run them JOBS at a time so that
# -- each gets a CPU of its own for the whole SECONDS --

status=0
built=""
for src in fuzz/fuzz_*.c; do
	[ -f "$src" ] || continue
	name=$(basename "$src" .c)
	log=$OUT/logs/${name#fuzz_}.log
	if $CC $CFLAGS -fsanitize=fuzzer -o "$OUT/$name" "$src" "$LIB" \
	    $PKG_LIBS >"$log" 2>&1; then
		built="$built $name"
	else
		echo "--- $name: BUILD FAILED"
		tail -n 30 "$log"
		status=1
	fi
done

# Start one target in the background; its pid is in $!.
start() {
	corpus_name=${1#fuzz_}
	work=$OUT/corpus/$corpus_name
	crashes=$OUT/crashes/$corpus_name
	mkdir -p "$work" "$crashes"
	# A working copy of the seeds; new finds stay in build-fuzz.
	if [ -d "fuzz/corpus/$corpus_name" ]; then
		cp -R "fuzz/corpus/$corpus_name/." "$work/"
	fi
	dict=""
	for d in "fuzz/$corpus_name.dict" "fuzz/corpus/$corpus_name.dict"; do
		[ -f "$d" ] && dict="-dict=$d"
	done
	ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
	UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
	    "$OUT/$1" -max_total_time="$SECONDS_EACH" -timeout=25 \
	    -rss_limit_mb=2048 -print_final_stats=1 \
	    -artifact_prefix="$crashes/" $dict "$work" \
	    >"$OUT/logs/$corpus_name.log" 2>&1 &
}

# Wait for target $2 (pid $1) and report on it.
finish() {
	log=$OUT/logs/${2#fuzz_}.log
	if wait "$1"; then
		execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
		cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1)
		echo "--- $2: ok (${execs:-?} runs, ${cov:-cov: ?})"
	else
		echo "--- $2: FAILED (log: $log)"
		grep -E 'ERROR|SUMMARY|runtime error|Test unit written' "$log" |
		    head -n 20
		tail -n 40 "$log"
		status=1
	fi
}

set -- $built
while [ $# -gt 0 ]; do
	batch=""
	i=0
	while [ $# -gt 0 ] && [ "$i" -lt "$JOBS" ]; do
		start "$1"
		batch="$batch $!:$1"
		shift
		i=$((i + 1))
	done
	for job in $batch; do
		finish "${job%%:*}" "${job#*:}"
	done
done

if [ "$status" -eq 0 ]; then
	echo "fuzz: every target ran ${SECONDS_EACH}s without a finding"
else
	echo "fuzz: FAILED - reproduce with $OUT/fuzz_NAME $OUT/crashes/NAME/<file>"
fi
exit "$status"
