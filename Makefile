# maal — build, demo and tests.  `make demo` and `make test` install what is
# missing (as root, with apt-get) before building.
#
#   make            build build/maal and build/maal-gen
#   make demo       run the 2007 agreement on the bundled example data
#   make test       every test (add SANITIZE=1 for AddressSanitizer + UBSan;
#                   PG=1 installs the PostgreSQL server of tests/pg_check.sh)
#   make bench      maal against sqlite3, gawk, Miller, DuckDB and the floor
#                   on a one-million-row extract (BENCH_SIZES="1000000 5000000")
#   make race       the pass split over more cores under ThreadSanitizer
#                   (build/tsan; tests/race_check.sh)
#   make fuzz       run each libFuzzer target FUZZTIME seconds (default 60; tests/fuzz/README.md)
#   make po         add the messages new in the sources to lang/po/da.po, to translate

CC      ?= gcc
SANITIZE ?=
BUILD   := build
ifeq ($(SANITIZE),1)
BUILD   := build/san
endif
ifeq ($(SANITIZE),thread)
BUILD   := build/tsan
endif

WARN    := -Wall -Wextra -Wshadow -Wundef -Wwrite-strings -Wstrict-prototypes -Wmissing-prototypes
CFLAGS  ?= -O2 -g
ifeq ($(SANITIZE),1)
CFLAGS  := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS += -fsanitize=address,undefined
endif
ifeq ($(SANITIZE),thread)
CFLAGS  := -O1 -g -fsanitize=thread
LDFLAGS += -fsanitize=thread
endif
# libpq's header: Debian's libpq-dev puts libpq-fe.h in /usr/include/postgresql
PG_INC  := $(or $(shell pg_config --includedir 2>/dev/null),/usr/include/postgresql)
ALLCFLAGS := -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) -Ilang -Iruntime -I$(BUILD) -I$(PG_INC)
GENCFLAGS := -std=c11 -D_GNU_SOURCE -Wall $(CFLAGS) -Wno-unused-function -Ilang -Iruntime -I$(BUILD) -I$(PG_INC)

LIB_SRC := lang/mem.c lang/num.c lang/msg.c lang/ast.c lang/diag.c lang/braces.c lang/bands.c lang/check.c lang/check_expr.c lang/import.c lang/fmt.c lang/diff.c lang/calendar.c \
           runtime/csv.c runtime/shabg.c runtime/source.c runtime/value.c runtime/related.c runtime/expr.c runtime/cond.c runtime/dset.c runtime/iset.c runtime/accum.c runtime/tables.c runtime/plan.c runtime/scan.c runtime/split.c runtime/pass.c runtime/datacheck.c runtime/entity.c runtime/detail.c \
           runtime/judge.c runtime/rollup.c runtime/result.c runtime/eval.c runtime/report.c runtime/report_text.c runtime/report_csv.c runtime/report_json.c runtime/prov.c runtime/html.c runtime/compare.c runtime/explain.c runtime/tester.c
# so no two files call each other: UTF-8 for lang/ and runtime/, the keyword spellings, the report writers' shared parts
LIB_SRC += lang/utf8.c lang/spelling.c runtime/report_common.c
# the command line's own helpers: --fail-on, check --format json (maal.md §12.4, §12.5)
LIB_SRC += runtime/failon.c runtime/diagjson.c
# maal doc: the agreement in words (maal.md §12.12)
LIB_SRC += runtime/words.c runtime/doc.c
# the checker's other files, each calling only those before it (lang/check_internal.h)
LIB_SRC += lang/check_names.c lang/check_values.c lang/check_data.c lang/check_params.c lang/check_scheme.c lang/check_by.c lang/check_rules.c lang/check_goal.c
# the language server, maal lsp (maal.md §12.13): the protocol, and what it knows of a document
LIB_SRC += runtime/lsp.c runtime/lsp_lang.c
# PostgreSQL through libpq (maal.md §12.14): connecting, the catalog, maal load;
# the rules as SQL (maal sql), the checks of the extract as SQL, run --engine's reader
LIB_SRC += runtime/pg.c
LIB_SRC += runtime/sqldialect.c runtime/sqlexpr.c runtime/sqlgen.c runtime/sqlcheck.c runtime/pgrun.c
LIB_OBJ := $(patsubst %.c,$(BUILD)/obj/%.o,$(LIB_SRC)) $(BUILD)/obj/parser.o $(BUILD)/obj/lexer.o
LIBS    := -lpq -lnettle -ljansson -lm -pthread
HEADERS := $(wildcard lang/*.h runtime/*.h) $(BUILD)/parser.h
UNIT    := csv num report html calendar passes rollup bands cli words lsp editors msg dset sqlcheck iset cond source diff

PREFIX  ?= /usr/local
DESTDIR ?=

.PHONY: all deps demo test bench clean install uninstall fuzz fuzz-deps fuzz-build fuzz-replay fuzz-merge po race
all: $(BUILD)/maal $(BUILD)/maal-gen

# ---- dependencies from Debian's packages ----
# The tail of a recipe that has listed the missing packages in $$missing:
# installs them as root, or says how.
INSTALL_MISSING = if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing:$$missing"; \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing; \
	  else \
	    echo "Missing:$$missing — install them with: sudo apt-get install$$missing" >&2; exit 1; \
	  fi; \
	fi
deps:
	@missing=""; \
	command -v flex >/dev/null 2>&1 || missing="$$missing flex"; \
	command -v bison >/dev/null 2>&1 || missing="$$missing bison"; \
	[ -f /usr/include/uthash.h ] || missing="$$missing uthash-dev"; \
	[ -f /usr/include/jansson.h ] || missing="$$missing libjansson-dev"; \
	[ -f /usr/include/nettle/sha2.h ] || missing="$$missing nettle-dev"; \
	[ -f /usr/include/postgresql/libpq-fe.h ] || missing="$$missing libpq-dev"; \
	command -v sqlite3 >/dev/null 2>&1 || missing="$$missing sqlite3"; \
	command -v $(CC) >/dev/null 2>&1 || missing="$$missing gcc"; \
	command -v msgfmt >/dev/null 2>&1 || missing="$$missing gettext"; \
	: "not the PostgreSQL server: make test says SKIP pg without it; .ci/run or make test PG=1 installs it"; \
	$(INSTALL_MISSING)

# ---- the Danish messages (lang/po/da.po; spec §12.5): a C table ----
$(BUILD)/msg_da.inc: lang/po/da.po lang/po/po2c.awk | $(BUILD)
	awk -f lang/po/po2c.awk lang/po/da.po >$@

$(BUILD)/obj/lang/msg.o: $(BUILD)/msg_da.inc

# ---- generated front end (never committed) ----
$(BUILD)/parser.c $(BUILD)/parser.h: lang/parser.y | $(BUILD)
	bison -Wall -Werror -d -o $(BUILD)/parser.c $<

$(BUILD)/lexer.c: lang/lexer.l $(BUILD)/parser.h | $(BUILD)
	flex -o $@ $<

$(BUILD)/obj/parser.o: $(BUILD)/parser.c lang/keywords.h $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(GENCFLAGS) -c $< -o $@

$(BUILD)/obj/lexer.o: $(BUILD)/lexer.c lang/keywords.h $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(GENCFLAGS) -c $< -o $@

$(BUILD)/obj/%.o: %.c $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(ALLCFLAGS) -c $< -o $@

$(BUILD):
	@mkdir -p $@

$(BUILD)/libmaal.a: $(LIB_OBJ)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/maal: $(BUILD)/obj/runtime/main.o $(BUILD)/libmaal.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/maal-gen: examples/maal-gen.c | $(BUILD)
	$(CC) -std=c11 $(WARN) $(CFLAGS) $(LDFLAGS) -o $@ $<

$(BUILD)/unit/%_test: tests/unit/%_test.c $(BUILD)/libmaal.a
	@mkdir -p $(dir $@)
	$(CC) $(ALLCFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libmaal.a $(LIBS)

# ---- the independent oracle of tests/oracle (issue 7): its generator ----
$(BUILD)/oracle-gen: tests/oracle/oracle-gen.c | $(BUILD)
	$(CC) -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) $(LDFLAGS) -o $@ $<

# ---- fuzzing (tests/fuzz/README.md) ----
# `make fuzz` builds the libFuzzer targets with clang into build/fuzz/ and
# runs each for FUZZTIME seconds, one after the other; what it finds goes to
# tests/fuzz/pending/TARGET/.  `make test` replays tests/fuzz/corpus/ and
# tests/fuzz/crashes/ with the targets built by $(CC) and replay_main.c: no
# clang needed.  `make fuzz-merge` adds what the runs found to the corpora.
FUZZ_TARGETS := fuzz_rules fuzz_csv fuzz_run fuzz_lsp
FUZZTIME  ?= 60
FUZZ_CC   ?= clang
FUZZ_DIR  := build/fuzz
FUZZ_CFLAGS := -std=c11 -D_GNU_SOURCE -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
               -fno-sanitize-recover=all -Ilang -Iruntime -I$(FUZZ_DIR) -Itests/fuzz -I$(PG_INC)
FUZZ_OBJ  := $(patsubst %.c,$(FUZZ_DIR)/obj/%.o,$(LIB_SRC)) $(FUZZ_DIR)/obj/parser.o $(FUZZ_DIR)/obj/lexer.o
FUZZ_ARGS_fuzz_rules := -dict=tests/fuzz/rules.dict
FUZZ_REPLAY := $(patsubst %,$(BUILD)/replay/%,$(FUZZ_TARGETS))
# kept between runs: make would delete them as intermediate files
.SECONDARY: $(FUZZ_OBJ) $(FUZZ_DIR)/parser.c $(FUZZ_DIR)/parser.h $(FUZZ_DIR)/lexer.c

fuzz-deps:
	@missing=""; \
	command -v $(FUZZ_CC) >/dev/null 2>&1 || missing="$$missing clang"; \
	ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1 || missing="$$missing libclang-rt-14-dev"; \
	$(INSTALL_MISSING)

$(FUZZ_DIR)/parser.c $(FUZZ_DIR)/parser.h: lang/parser.y
	@mkdir -p $(FUZZ_DIR)
	bison -Wall -Werror -d -o $(FUZZ_DIR)/parser.c $<

$(FUZZ_DIR)/msg_da.inc: lang/po/da.po lang/po/po2c.awk
	@mkdir -p $(FUZZ_DIR)
	awk -f lang/po/po2c.awk lang/po/da.po >$@

$(FUZZ_DIR)/obj/lang/msg.o: $(FUZZ_DIR)/msg_da.inc

$(FUZZ_DIR)/lexer.c: lang/lexer.l $(FUZZ_DIR)/parser.h
	flex -o $@ $<

$(FUZZ_DIR)/obj/%.o: $(FUZZ_DIR)/%.c lang/keywords.h $(wildcard lang/*.h runtime/*.h)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -Wno-unused-function -c $< -o $@

$(FUZZ_DIR)/obj/%.o: %.c $(wildcard lang/*.h runtime/*.h) $(FUZZ_DIR)/parser.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

$(FUZZ_DIR)/%: tests/fuzz/%.c tests/fuzz/fuzz.h $(FUZZ_OBJ)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_EXTRA_$*) $(FUZZ_OBJ) $(LIBS)

fuzz-build: fuzz-deps
	@$(MAKE) --no-print-directory $(patsubst %,$(FUZZ_DIR)/%,$(FUZZ_TARGETS))

fuzz: fuzz-build
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_DIR)/corpus/$$t tests/fuzz/pending/$$t tests/fuzz/crashes/$$t; \
	  echo "== $$t for $(FUZZTIME) s"; \
	  $(FUZZ_DIR)/$$t -max_total_time=$(FUZZTIME) -timeout=10 -max_len=8192 -print_final_stats=1 \
	    -artifact_prefix=tests/fuzz/pending/$$t/ $(FUZZ_ARGS_$$t) \
	    $(FUZZ_DIR)/corpus/$$t tests/fuzz/corpus/$$t tests/fuzz/crashes/$$t || exit 1; \
	done

fuzz-merge: fuzz-build
	@for t in $(FUZZ_TARGETS); do \
	  $(FUZZ_DIR)/$$t -merge=1 $(FUZZ_ARGS_$$t) tests/fuzz/corpus/$$t $(FUZZ_DIR)/corpus/$$t || exit 1; \
	done

# the replay: each target's LLVMFuzzerTestOneInput with a plain main
$(BUILD)/replay/%: tests/fuzz/%.c tests/fuzz/replay_main.c tests/fuzz/fuzz.h $(BUILD)/libmaal.a
	@mkdir -p $(dir $@)
	$(CC) $(ALLCFLAGS) -Itests/fuzz $(LDFLAGS) -o $@ $< tests/fuzz/replay_main.c $(FUZZ_EXTRA_$*) $(BUILD)/libmaal.a $(LIBS)

fuzz-replay: deps
	@$(MAKE) --no-print-directory $(FUZZ_REPLAY)

# ---- what the README promises ----
demo: deps
	@$(MAKE) --no-print-directory all
	@echo
	$(BUILD)/maal run rules/beskaeftigelsesaftale-2007.maal

test: deps
	@$(MAKE) --no-print-directory all $(patsubst %,$(BUILD)/unit/%_test,$(UNIT)) $(BUILD)/oracle-gen $(FUZZ_REPLAY)
	@$(BUILD)/maal run rules/beskaeftigelsesaftale-2007.maal >/dev/null
	@if [ "$(VALGRIND)" = 1 ]; then \
	  [ "$(SANITIZE)" != 1 ] || { echo "VALGRIND=1 and SANITIZE=1 exclude each other: run them one at a time" >&2; exit 1; }; \
	  command -v valgrind >/dev/null 2>&1 || [ "$$(id -u)" != 0 ] || \
	    { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q valgrind; }; \
	fi
	@if [ "$(PG)" = 1 ] && [ "$$(id -u)" = 0 ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
	  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql; \
	fi
	@MAAL=$(abspath $(BUILD)/maal) UNITDIR=$(abspath $(BUILD)/unit) VALGRIND=$(VALGRIND) SANITIZE=$(SANITIZE) sh tests/run.sh

# the pass split over more cores (runtime/split.c) under ThreadSanitizer
race: deps
	@$(MAKE) --no-print-directory SANITIZE=thread all
	@sh tests/race_check.sh build/tsan/maal

# the Danish messages: every message of the sources into lang/po/da.po
# (new ones with an empty msgstr; `make test` lists them until translated)
po: deps
	sh tests/po_check.sh --update

# the benchmark (bench/README.md): never with the sanitizers
bench: all $(BUILD)/floor $(BUILD)/hash
	@[ "$(SANITIZE)" != 1 ] || { echo "make bench measures the normal build: run it without SANITIZE=1" >&2; exit 1; }
	sh bench/run.sh $(BUILD)

$(BUILD)/floor: bench/floor.c | $(BUILD)
	$(CC) -std=c11 -D_GNU_SOURCE $(WARN) -O2 $(LDFLAGS) -o $@ $<

$(BUILD)/hash: bench/hash.c | $(BUILD)
	$(CC) -std=c11 -D_GNU_SOURCE $(WARN) -O2 $(LDFLAGS) -o $@ $< -lnettle

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BUILD)/maal $(BUILD)/maal-gen $(DESTDIR)$(PREFIX)/bin/
	install -m 644 maal.1 $(DESTDIR)$(PREFIX)/share/man/man1/maal.1

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/maal $(DESTDIR)$(PREFIX)/bin/maal-gen $(DESTDIR)$(PREFIX)/share/man/man1/maal.1

clean:
	rm -rf build
