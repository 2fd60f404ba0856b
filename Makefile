# werkbrug - one non-recursive Makefile.
#
#   make            build build/werkbrug
#   make run        install what is missing, build, create the demo database, serve :8080
#   make check      install what is missing, build, run every test suite
#   make check-asan the same suites under AddressSanitizer + UBSan
#   make fuzz       run each libFuzzer target briefly (FUZZ_SECONDS=20)
#   make e2e        the browser tests (also part of make check)
#   make bench      wrk against werkbrug and nginx, side by side
#   make bench-import  werkbrug import of 1,000,000 CSV rows against sqlite3 .import
#   make lint       clang-format check and cppcheck

BUILD	?= build
CC	?= cc
PKGS	 = libmicrohttpd sqlite3 jansson libsodium inih libcmark libpq xlsxwriter
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lpthread

WARN	 = -Wall -Wextra -Wpedantic -Wshadow -Wformat=2 -Wvla \
	   -Wno-unused-parameter -Werror=implicit-function-declaration
CFLAGS	?= -O2 -g
HARDEN	 = -fstack-protector-strong -D_FORTIFY_SOURCE=2 -fPIE
ALL_CFLAGS = -std=c17 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) \
	   $(HARDEN) $(CFLAGS) -Isrc -I$(BUILD)/gen $(PKG_CFLAGS) -MMD -MP
LDFLAGS	?= -pie -Wl,-z,relro,-z,now

LIB_SRC	 := $(sort $(wildcard src/base/*.c src/store/*.c src/domain/*.c \
	      src/report/*.c src/io/*.c src/web/*.c src/cli/*.c))
LIB_OBJ	 := $(LIB_SRC:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/gen/assets.o
BIN	 := $(BUILD)/werkbrug

TEMPLATES  := $(sort $(wildcard templates/*.html))
STATIC     := $(sort $(wildcard static/*))
MIG_SQLITE := $(sort $(wildcard migrations/sqlite/*.sql))
MIG_PG     := $(sort $(wildcard migrations/pg/*.sql))
DATA       := $(sort $(wildcard data/*.csv))
LOCALES    := $(patsubst po/%.po,$(BUILD)/gen/locale/%.mo,$(wildcard po/*.po))

UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c tests/http/test_*.c))
UNIT_BIN := $(patsubst tests/%.c,$(BUILD)/tests/%,$(UNIT_SRC))

.PHONY: all deps run check check-asan test fuzz e2e bench bench-pg bench-client bench-outcomes bench-import lint clean

all: $(BIN)

deps:
	@scripts/deps.sh

$(BUILD)/tools/embed: tools/embed.c
	@mkdir -p $(@D)
	$(CC) -O1 -o $@ $<

$(BUILD)/gen/locale/%.mo: po/%.po
	@mkdir -p $(@D)
	msgfmt --check -o $@ $<

$(BUILD)/gen/assets.c: $(BUILD)/tools/embed $(TEMPLATES) $(STATIC) $(MIG_SQLITE) $(MIG_PG) $(DATA) $(LOCALES)
	@mkdir -p $(@D)
	@echo "  EMBED   templates static migrations data locales"
	@{ $(BUILD)/tools/embed wb_templates templates/ $(TEMPLATES) && \
	  $(BUILD)/tools/embed wb_static static/ $(STATIC) && \
	  $(BUILD)/tools/embed wb_migrations_sqlite migrations/sqlite/ $(MIG_SQLITE) && \
	  $(BUILD)/tools/embed wb_migrations_pg migrations/pg/ $(MIG_PG) && \
	  $(BUILD)/tools/embed wb_data data/ $(DATA) && \
	  $(BUILD)/tools/embed wb_locales $(BUILD)/gen/locale/ $(LOCALES); \
	} > $@.tmp && mv $@.tmp $@

$(BUILD)/obj/gen/assets.o: $(BUILD)/gen/assets.c
	@mkdir -p $(@D)
	@$(CC) $(ALL_CFLAGS) -Wno-overlength-strings -c -o $@ $<

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/libwerkbrug.a: $(LIB_OBJ)
	@rm -f $@
	@ar rcs $@ $^

$(BIN): $(BUILD)/obj/src/main.o $(BUILD)/libwerkbrug.a
	@echo "  LINK    $@"
	@$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/tests/%: tests/%.c $(BUILD)/libwerkbrug.a tests/testutil.h tests/unit/dbtest.h \
    tests/unit/clienttest.h tests/http/httptest.h tests/http/clienthttp.h
	@mkdir -p $(@D)
	@echo "  TEST    $<"
	@$(CC) $(ALL_CFLAGS) -Itests $(LDFLAGS) -o $@ $< $(BUILD)/libwerkbrug.a \
	    $(PKG_LIBS) $(shell pkg-config --libs cmocka)

test: $(BIN) $(UNIT_BIN)
	@scripts/runtests.sh $(BUILD)

# The first run creates var/werkbrug.db with demo data and keeps the
# generated demo logins in var/demo-logins.txt (readable by you only).
run: deps $(BIN)
	@mkdir -p var
	@if [ ! -f var/werkbrug.db ]; then \
	    $(BIN) --db sqlite:var/werkbrug.db init && \
	    (umask 077; $(BIN) --db sqlite:var/werkbrug.db demo > var/demo-logins.txt); \
	fi
	@cat var/demo-logins.txt 2>/dev/null || true
	$(BIN) --db sqlite:var/werkbrug.db serve --listen 127.0.0.1:8080

check: deps
	@$(MAKE) --no-print-directory test

check-asan: deps
	@WB_SKIP_E2E=1 $(MAKE) --no-print-directory BUILD=build-asan CC=gcc \
	    CFLAGS="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all" \
	    LDFLAGS="-fsanitize=address,undefined" test

FUZZ_SECONDS ?= 20
fuzz: deps
	@scripts/fuzz.sh $(FUZZ_SECONDS)

e2e: deps $(BIN)
	@sh tests/e2e/run.sh $(BUILD)

bench: deps $(BIN)
	@bench/run.sh $(BUILD)
bench-pg: deps $(BIN) ; @bench/run.sh $(BUILD) pg
bench-client: deps $(BIN) ; @bench/run.sh $(BUILD) client
bench-import: deps $(BIN) ; @sh bench/import.sh $(BUILD)
bench-outcomes: deps $(BIN) ; @python3 bench/outcomes.py $(BUILD)

lint:
	scripts/check-banned.sh src
	clang-format --dry-run --Werror $(LIB_SRC) src/main.c || true
	cppcheck --enable=warning,performance,portability --error-exitcode=1 -q \
	    --include=/usr/include/jansson.h \
	    --suppress=missingIncludeSystem -Isrc $(LIB_SRC) src/main.c

clean:
	rm -rf build build-asan build-fuzz

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
