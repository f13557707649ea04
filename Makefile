# maal — build, demo and tests.  `make demo` and `make test` install what is
# missing (as root, with apt-get) before building.
#
#   make            build build/maal and build/maal-gen
#   make demo       run the 2007 agreement on the bundled example data
#   make test       every test (add SANITIZE=1 for AddressSanitizer + UBSan)
#   make bench      time a one-million-row extract

CC      ?= gcc
SANITIZE ?=
BUILD   := build
ifeq ($(SANITIZE),1)
BUILD   := build/san
endif

WARN    := -Wall -Wextra -Wshadow -Wundef -Wwrite-strings -Wstrict-prototypes -Wmissing-prototypes
CFLAGS  ?= -O2 -g
ifeq ($(SANITIZE),1)
CFLAGS  := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS += -fsanitize=address,undefined
endif
ALLCFLAGS := -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) -Ilang -Iruntime -I$(BUILD)
GENCFLAGS := -std=c11 -D_GNU_SOURCE -Wall $(CFLAGS) -Wno-unused-function -Ilang -Iruntime -I$(BUILD)

LIB_SRC := lang/mem.c lang/ast.c lang/diag.c lang/check.c lang/import.c lang/fmt.c lang/diff.c \
           runtime/num.c runtime/csv.c runtime/source.c runtime/eval.c runtime/report.c runtime/html.c runtime/compare.c runtime/explain.c runtime/tester.c
LIB_OBJ := $(patsubst %.c,$(BUILD)/obj/%.o,$(LIB_SRC)) $(BUILD)/obj/parser.o $(BUILD)/obj/lexer.o
HEADERS := $(wildcard lang/*.h runtime/*.h) $(BUILD)/parser.h
UNIT    := csv num report html

PREFIX  ?= /usr/local
DESTDIR ?=

.PHONY: all deps demo test bench clean install uninstall
all: $(BUILD)/maal $(BUILD)/maal-gen

# ---- dependencies from Debian's packages ----
deps:
	@missing=""; \
	command -v flex >/dev/null 2>&1 || missing="$$missing flex"; \
	command -v bison >/dev/null 2>&1 || missing="$$missing bison"; \
	[ -f /usr/include/uthash.h ] || missing="$$missing uthash-dev"; \
	[ -f /usr/include/jansson.h ] || missing="$$missing libjansson-dev"; \
	command -v $(CC) >/dev/null 2>&1 || missing="$$missing gcc"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing:$$missing"; \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing; \
	  else \
	    echo "Missing:$$missing — install them with: sudo apt-get install$$missing" >&2; exit 1; \
	  fi; \
	fi

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
	$(CC) $(LDFLAGS) -o $@ $^ -ljansson -lm

$(BUILD)/maal-gen: examples/maal-gen.c | $(BUILD)
	$(CC) -std=c11 $(WARN) $(CFLAGS) $(LDFLAGS) -o $@ $<

$(BUILD)/unit/%_test: tests/unit/%_test.c $(BUILD)/libmaal.a
	@mkdir -p $(dir $@)
	$(CC) $(ALLCFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libmaal.a -ljansson -lm

# ---- what the README promises ----
demo: deps
	@$(MAKE) --no-print-directory all
	@echo
	$(BUILD)/maal run rules/beskaeftigelsesaftale-2007.maal

test: deps
	@$(MAKE) --no-print-directory all $(patsubst %,$(BUILD)/unit/%_test,$(UNIT))
	@$(BUILD)/maal run rules/beskaeftigelsesaftale-2007.maal >/dev/null
	@if [ "$(VALGRIND)" = 1 ]; then \
	  [ "$(SANITIZE)" != 1 ] || { echo "VALGRIND=1 and SANITIZE=1 exclude each other: run them one at a time" >&2; exit 1; }; \
	  command -v valgrind >/dev/null 2>&1 || [ "$$(id -u)" != 0 ] || apt-get install -y -q valgrind; \
	fi
	@MAAL=$(abspath $(BUILD)/maal) UNITDIR=$(abspath $(BUILD)/unit) VALGRIND=$(VALGRIND) sh tests/run.sh

bench: all
	sh tests/bench.sh $(BUILD)

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BUILD)/maal $(BUILD)/maal-gen $(DESTDIR)$(PREFIX)/bin/
	install -m 644 maal.1 $(DESTDIR)$(PREFIX)/share/man/man1/maal.1

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/maal $(DESTDIR)$(PREFIX)/bin/maal-gen $(DESTDIR)$(PREFIX)/share/man/man1/maal.1

clean:
	rm -rf build
