# Makefile: builds libpont.a and pont(1). GNU make only.
# Knobs: O=dir (build directory)  DEVELOPER=1 (warnings are errors)  SANITIZE=address,undefined
#        PREFIX=/usr/local  FUZZ_SECONDS=60  CC=cc
# Targets: all deps demo test asan fuzz bench install uninstall clean check-lib check-headers format

O ?= build
PREFIX ?= /usr/local
FUZZ_SECONDS ?= 60
PKG_CONFIG ?= pkg-config

# Debian packages the build, the tests and the demo need; `make deps` installs the missing ones.
DEB_BUILD = gcc make pkg-config libicu-dev libexpat1-dev libhunspell-dev libpq-dev libcmark-gfm-dev \
            libcmark-gfm-extensions-dev libgumbo-dev
DEB_DATA = hunspell-fr hunspell-en-us hunspell-en-gb
DEB_TEST = python3 python3-yaml cmark-gfm hunspell libxml2-utils postgresql translate-toolkit omegat chromium apertium apertium-fr-es apertium-eng-spa
DEB_FUZZ = clang libclang-rt-14-dev
DEB_BENCH = icu-devtools expat
DEPS = $(DEB_BUILD) $(DEB_DATA) $(DEB_TEST)

ICU_CFLAGS := $(shell $(PKG_CONFIG) --cflags icu-uc 2>/dev/null)
ICU_LIBS := $(shell $(PKG_CONFIG) --libs icu-uc 2>/dev/null || echo -licuuc -licudata)
EXPAT_CFLAGS := $(shell $(PKG_CONFIG) --cflags expat 2>/dev/null)
EXPAT_LIBS := $(shell $(PKG_CONFIG) --libs expat 2>/dev/null || echo -lexpat)
HUNSPELL_CFLAGS := $(shell $(PKG_CONFIG) --cflags hunspell 2>/dev/null || echo -I/usr/include/hunspell)
HUNSPELL_LIBS ?= $(shell $(PKG_CONFIG) --libs hunspell 2>/dev/null || echo -lhunspell-1.7)
PQ_CFLAGS := $(shell $(PKG_CONFIG) --cflags libpq 2>/dev/null || echo -I/usr/include/postgresql)
PQ_LIBS := $(shell $(PKG_CONFIG) --libs libpq 2>/dev/null || echo -lpq)
CMARK_CFLAGS := $(shell $(PKG_CONFIG) --cflags libcmark-gfm 2>/dev/null)
CMARK_LIBS := $(shell $(PKG_CONFIG) --libs libcmark-gfm 2>/dev/null || echo -lcmark-gfm -lcmark-gfm-extensions)
GUMBO_CFLAGS := $(shell $(PKG_CONFIG) --cflags gumbo 2>/dev/null)
GUMBO_LIBS := $(shell $(PKG_CONFIG) --libs gumbo 2>/dev/null || echo -lgumbo)
DEP_LIBS = $(ICU_LIBS) $(EXPAT_LIBS) $(HUNSPELL_LIBS) $(PQ_LIBS) $(CMARK_LIBS) $(GUMBO_LIBS) -pthread -lm

WARN = -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
       -Wwrite-strings -Wvla -Wformat=2 -Wno-format-nonliteral
CFLAGS ?= -O2 -g
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -pthread
ifdef DEVELOPER
WARN += -Werror
endif
ifdef SANITIZE
CFLAGS := -O1 -g -fsanitize=$(SANITIZE) -fno-sanitize-recover=all -fno-omit-frame-pointer
LDFLAGS += -fsanitize=$(SANITIZE)
endif
CFLAGS += $(EXTRA_CFLAGS)

LIB_LAYERS = base text lexicon memory bitext qa
LIB_SRC = $(foreach l,$(LIB_LAYERS),$(wildcard src/lib/$(l)/*.c))
CLI_SRC = $(wildcard src/cli/*.c)
LIB_OBJ = $(LIB_SRC:%.c=$(O)/%.o)
CLI_OBJ = $(CLI_SRC:%.c=$(O)/%.o)
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:%.c=$(O)/%)
GEN = $(O)/gen/abbrev.inc $(O)/gen/elisions.inc $(O)/gen/prefixes.inc $(O)/gen/variants.inc \
      $(O)/gen/numbers-fr.inc $(O)/gen/numbers-en.inc $(O)/gen/number-suffixes.inc \
      $(O)/gen/front-matter-prose.inc

.PHONY: all deps demo test test-faults valgrind run-tests asan fuzz fuzz-run bench install uninstall clean \
	check-lib check-headers format lib

all: $(O)/pont $(UNIT_BIN)

lib: $(O)/libpont.a

# --- dependencies: installed only when missing (needs root, as on a fresh Debian machine) ---
deps:
	@sh tests/deps.sh $(DEPS)

# --- build ---
$(O)/gen/abbrev.inc: data/abbrev-fr.txt data/abbrev-en.txt tests/gen-abbrev.sh
	@mkdir -p $(@D)
	sh tests/gen-abbrev.sh data/abbrev-fr.txt abbrev_fr data/abbrev-en.txt abbrev_en > $@.tmp && mv $@.tmp $@

$(O)/src/lib/%.o: src/lib/%.c src/pont.h src/pont-findings.def $(GEN)
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS) $(ICU_CFLAGS) $(EXPAT_CFLAGS) $(HUNSPELL_CFLAGS) $(PQ_CFLAGS) $(CMARK_CFLAGS) $(GUMBO_CFLAGS) -Isrc -Isrc/lib/base -I$(O)/gen -MMD -MP -c -o $@ $<

# the CLI sees pont.h only: no ICU flags, no -Isrc/lib
$(O)/src/cli/%.o: src/cli/%.c src/pont.h src/pont-findings.def
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS) -DPONT_DATADIR='"$(PREFIX)/share/pont"' -Isrc -MMD -MP -c -o $@ $<

$(O)/libpont.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(O)/pont: $(CLI_OBJ) $(O)/libpont.a
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(O)/libpont.a $(DEP_LIBS)

$(O)/tests/unit/%: tests/unit/%.c tests/unit/harness.h $(O)/libpont.a
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS) $(ICU_CFLAGS) -Isrc -Isrc/lib/base -Itests/unit -o $@ $< $(O)/libpont.a $(LDFLAGS) $(DEP_LIBS)

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)

$(O)/gen/elisions.inc: data/elisions-fr.txt tests/gen-list.sh
	@mkdir -p $(@D)
	sh tests/gen-list.sh data/elisions-fr.txt elisions_fr > $@.tmp && mv $@.tmp $@

$(O)/gen/numbers-fr.inc: data/numbers-fr.txt tests/gen-list.sh
	@mkdir -p $(@D)
	sh tests/gen-list.sh data/numbers-fr.txt numbers_fr > $@.tmp && mv $@.tmp $@

$(O)/gen/numbers-en.inc: data/numbers-en.txt tests/gen-list.sh
	@mkdir -p $(@D)
	sh tests/gen-list.sh data/numbers-en.txt numbers_en > $@.tmp && mv $@.tmp $@

$(O)/gen/number-suffixes.inc: data/number-suffixes.txt tests/gen-list.sh
	@mkdir -p $(@D)
	sh tests/gen-list.sh data/number-suffixes.txt number_suffixes > $@.tmp && mv $@.tmp $@

$(O)/gen/front-matter-prose.inc: data/front-matter-prose.txt tests/gen-list.sh
	@mkdir -p $(@D)
	sh tests/gen-list.sh data/front-matter-prose.txt front_matter_prose > $@.tmp && mv $@.tmp $@

$(O)/gen/prefixes.inc: data/prefixes-en.txt tests/gen-list.sh
	@mkdir -p $(@D)
	sh tests/gen-list.sh data/prefixes-en.txt prefixes_en > $@.tmp && mv $@.tmp $@

$(O)/gen/variants.inc: data/spelling-variants-en.txt tests/gen-list.sh
	@mkdir -p $(@D)
	sh tests/gen-list.sh data/spelling-variants-en.txt variants_en > $@.tmp && mv $@.tmp $@

# --- the README's two commands ---
demo: deps
	@$(MAKE) --no-print-directory all
	@sh tests/demo.sh $(O)/pont

test: deps
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory run-tests

run-tests: all check-lib
	@sh tests/run.sh $(O)

# every command of the demo under valgrind (slow: not part of test)
valgrind: deps
	@sh tests/deps.sh valgrind
	@$(MAKE) --no-print-directory all
	@sh tests/valgrind.sh $(O)/pont

# the reliability suite alone (it is part of test too: it takes well under a minute)
test-faults: deps
	@$(MAKE) --no-print-directory all
	@PONT_BUILD=$$(cd $(O) && pwd) python3 tests/py/run.py test_faults

asan: deps
	@$(MAKE) --no-print-directory O=build-asan SANITIZE=address,undefined CC=$(CC) test

# --- fuzzing: libFuzzer targets under ASan/UBSan, FUZZ_SECONDS each (not part of test) ---
FUZZ_SRC = $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_O = build-fuzz
fuzz:
	@sh tests/deps.sh $(DEPS) $(DEB_FUZZ)
	@$(MAKE) --no-print-directory O=$(FUZZ_O) CC=clang SANITIZE=address,undefined \
		EXTRA_CFLAGS=-fsanitize=fuzzer-no-link fuzz-run

fuzz-run: $(O)/libpont.a
	@mkdir -p $(O)/fuzz/bin
	@set -e; for src in $(FUZZ_SRC); do \
		name=$$(basename $$src .c); \
		$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS) -Isrc -fsanitize=fuzzer -o $(O)/fuzz/bin/$$name $$src \
			$(O)/libpont.a $(LDFLAGS) $(DEP_LIBS); \
	done
	@sh tests/fuzz/run.sh $(O)/fuzz $(FUZZ_SECONDS)

# --- benchmarks: pont next to its floors, in one run ---
bench:
	@sh tests/deps.sh $(DEPS) $(DEB_BENCH)
	@$(MAKE) --no-print-directory all $(O)/bench/icu_sentence_loop $(O)/bench/read_loop
	@sh tests/bench/run.sh $(O)

$(O)/bench/icu_sentence_loop: tests/bench/icu_sentence_loop.c
	@mkdir -p $(@D)
	$(CC) $(WARN) -O2 $(CPPFLAGS) $(ICU_CFLAGS) -o $@ $< $(ICU_LIBS)

$(O)/bench/read_loop: tests/bench/read_loop.c $(O)/libpont.a
	@mkdir -p $(@D)
	$(CC) $(WARN) -O2 $(CPPFLAGS) $(CMARK_CFLAGS) $(GUMBO_CFLAGS) -Isrc -o $@ $< $(O)/libpont.a $(LDFLAGS) $(DEP_LIBS)

# --- install ---
install: $(O)/pont
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/share/pont
	install -m 755 $(O)/pont $(DESTDIR)$(PREFIX)/bin/pont
	install -m 644 doc/pont.1 $(DESTDIR)$(PREFIX)/share/man/man1/pont.1
	install -m 644 $(O)/libpont.a $(DESTDIR)$(PREFIX)/lib/libpont.a
	install -m 644 src/pont.h src/pont-findings.def $(DESTDIR)$(PREFIX)/include/
	cp -R glossaries dictionaries $(DESTDIR)$(PREFIX)/share/pont/
	install -d $(DESTDIR)$(PREFIX)/share/pont/data
	install -m 644 data/false-friends.tsv $(DESTDIR)$(PREFIX)/share/pont/data/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/pont $(DESTDIR)$(PREFIX)/share/man/man1/pont.1 \
		$(DESTDIR)$(PREFIX)/lib/libpont.a $(DESTDIR)$(PREFIX)/include/pont.h \
		$(DESTDIR)$(PREFIX)/include/pont-findings.def
	rm -rf $(DESTDIR)$(PREFIX)/share/pont

# --- checks of the code's shape ---
# The library never exits and never writes to stdout or stderr; finding ids are written only in
# the catalogue (the command line has none, the library no QA check's).
check-lib: $(O)/libpont.a
	@if nm -u $< | grep -wE 'exit|_exit|printf|puts|putchar|fputs|fprintf|perror|stdout|stderr'; then \
		echo "check-lib: libpont.a must not print or exit"; exit 1; fi
	@sh tests/check-ids.sh

# Every header compiles on its own.
check-headers:
	@for h in src/pont.h src/lib/*/*.h; do \
		echo "#include \"$$h\"" | $(CC) $(WARN) $(CPPFLAGS) $(ICU_CFLAGS) -Isrc -Isrc/lib/base -I$(O)/gen \
			-fsyntax-only -x c - || exit 1; done; echo "headers: ok"

format:
	clang-format -i src/pont.h src/lib/*/*.c src/lib/*/*.h src/cli/*.c src/cli/*.h

clean:
	rm -rf $(O) build-asan build-fuzz
