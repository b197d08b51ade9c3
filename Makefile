# touchline: build, test, bench, fuzz. Plain make; one tree per build flavour:
#   build/        optimised (-O2), the binary users run: build/touchline
#   build/asan/   the same sources with AddressSanitizer + UndefinedBehaviorSanitizer
.SUFFIXES:
# keep object files of tests and fuzz targets between runs
.SECONDARY:

ifeq ($(origin CC),default)
CC = gcc
endif
BUILD    ?= build
SAN      ?= 0
JOBS     ?= $(shell nproc 2>/dev/null || echo 2)
PKGS      = sqlite3 libpq libcurl libcrypto
UNISTRING = -lunistring
CPPFLAGS += -Iinclude -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L $(shell pkg-config --cflags-only-I libpq 2>/dev/null || echo -I/usr/include/postgresql)
CFLAGS   ?= -O2 -g
CFLAGS   += -std=c17 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wvla -MMD -MP
LDLIBS   += $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lsqlite3 -lpq -lcurl -lcrypto) $(UNISTRING) -lm
ifeq ($(SAN),1)
CFLAGS   += -O1 -fsanitize=address,undefined,float-cast-overflow -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS  += -fsanitize=address,undefined,float-cast-overflow
endif

MODULES   = util model import resolve store engine report out fetch load
LIB_SRC   = $(foreach m,$(MODULES),$(wildcard src/$(m)/*.c))
CLI_SRC   = $(wildcard src/cli/*.c) $(wildcard src/server/*.c)
TEST_SRC  = $(wildcard tests/unit/test_*.c)
HELP_SRC  = $(wildcard tests/helpers/*.c)
LIB       = $(BUILD)/libtouchline.a
BIN       = $(BUILD)/touchline
TESTS     = $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(TEST_SRC))
HELPERS   = $(patsubst tests/helpers/%.c,$(BUILD)/tests/%,$(HELP_SRC))
OBJ       = $(patsubst %.c,$(BUILD)/obj/%.o,$(LIB_SRC) $(CLI_SRC))

TOUCHLINE_DATA ?= ../shared/data
export TOUCHLINE_DATA

.PHONY: all deps run test check unit-build bench fuzz fuzz-build clean includes
all: $(BIN)

V ?= 0
Q = $(if $(filter 1,$(V)),,@)

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(filter 1,$(V)),,echo "  CC      $(BUILD)/$<")
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

$(LIB): $(patsubst %.c,$(BUILD)/obj/%.o,$(LIB_SRC))
	@rm -f $@
	$(Q)ar rcs $@ $^

$(BIN): $(patsubst %.c,$(BUILD)/obj/%.o,$(CLI_SRC)) $(LIB)
	@echo "  LINK    $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS) -lmicrohttpd -lpthread

$(BUILD)/tests/%: $(BUILD)/obj/tests/unit/%.o $(LIB)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS) -lcmocka

$(BUILD)/tests/rawhttp: $(BUILD)/obj/tests/helpers/rawhttp.o
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^

$(BUILD)/tests/ssefleet: $(BUILD)/obj/tests/helpers/ssefleet.o
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^

$(BUILD)/tests/httpd: $(BUILD)/obj/tests/helpers/httpd.o
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ -lmicrohttpd

# each fuzz target also builds as a corpus replayer that runs under make test
REPLAY    = $(patsubst fuzz/fuzz_%.c,$(BUILD)/tests/replay_%,$(wildcard fuzz/fuzz_*.c))
$(BUILD)/tests/replay_%: $(BUILD)/obj/fuzz/fuzz_%.o $(BUILD)/obj/fuzz/replay.o $(LIB)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

unit-build: $(BIN) $(TESTS) $(HELPERS) $(REPLAY) web/node_modules/.package-lock.json

# the web page's test tooling (playwright-core, driving Debian's chromium)
web/node_modules/.package-lock.json: web/package.json web/package-lock.json
	@cd web && npm ci --no-audit --no-fund --loglevel=error

deps:
	@./scripts/install-deps.sh

# Build both flavours and run every test in each, then the command-line tests
# again on a PostgreSQL server started for them (the optimised build); the
# last line is the total.
test: deps
	@$(MAKE) --no-print-directory -j$(JOBS) unit-build
	@$(MAKE) --no-print-directory -j$(JOBS) BUILD=build/asan SAN=1 unit-build
	@./scripts/include-rule.sh
	@./tests/run.sh -j $(JOBS) build build/asan --pg build --pg build/asan

check: test

# The main job: install, build, load the open data, show it working.
run: deps
	@$(MAKE) --no-print-directory $(BIN)
	@./scripts/run.sh

bench: deps
	@$(MAKE) --no-print-directory $(BIN) $(BUILD)/bench $(BUILD)/bench_json \
	    $(BUILD)/peer_jsonc $(BUILD)/peer_simdjson $(BUILD)/bench_live $(BUILD)/peer_evhttp \
	    $(BUILD)/bench_pg
	@./$(BUILD)/bench
	@echo
	@./$(BUILD)/bench_json
	@echo
	@./$(BUILD)/bench_live
	@TOUCHLINE_FEED_NO_DIRECT=1 ./$(BUILD)/bench_live
	@echo
	@TL=$(BIN) PEER_EVHTTP=$(BUILD)/peer_evhttp ./bench/bench_http.sh
	@echo
	@BUILD=$(BUILD) ./bench/bench_pg.sh

$(BUILD)/bench: $(BUILD)/obj/bench/bench.o $(LIB)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)
$(BUILD)/bench_live: $(BUILD)/obj/bench/bench_live.o $(LIB)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)
$(BUILD)/bench_pg: $(BUILD)/obj/bench/bench_pg.o $(LIB)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# the JSON peers are linked only into the benchmark, never into touchline
$(BUILD)/bench_json: $(BUILD)/obj/bench/bench_json.o $(LIB)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS) -ljansson -lcjson
$(BUILD)/peer_jsonc: bench/peer_jsonc.c
	$(CC) -O2 -std=c17 -Wall -Wextra -Werror -o $@ $< -ljson-c
$(BUILD)/peer_evhttp: bench/peer_evhttp.c
	$(CC) -O2 -std=c17 -D_DEFAULT_SOURCE -Wall -Wextra -Werror -o $@ $< -levent -lpthread
$(BUILD)/peer_simdjson: bench/peer_simdjson.cpp
	g++ -O2 -std=c++17 -Wall -Wextra -Werror -o $@ $< -lsimdjson

# libFuzzer targets (clang); `make fuzz` builds them and runs each briefly.
FUZZ_SRC = $(wildcard fuzz/fuzz_*.c)
FUZZ_BIN = $(patsubst fuzz/%.c,build/fuzz/%,$(FUZZ_SRC))
FUZZ_SECONDS ?= 20
build/fuzz/%: fuzz/%.c $(LIB_SRC)
	@mkdir -p build/fuzz
	clang $(CPPFLAGS) -std=c17 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	    -o $@ $< $(foreach m,util model import engine,$(wildcard src/$(m)/*.c)) $(UNISTRING) -lm
	@echo "  FUZZ    $@" 
fuzz-build: deps
	@$(MAKE) --no-print-directory $(FUZZ_BIN)
fuzz: fuzz-build
	@for f in $(FUZZ_BIN); do n=$$(basename $$f); mkdir -p build/fuzz/corpus-$$n; \
	  echo "fuzz: $$n for $(FUZZ_SECONDS)s"; \
	  ./$$f -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -artifact_prefix=build/fuzz/ \
	    build/fuzz/corpus-$$n fuzz/corpus/$${n#fuzz_} \
	    2>build/fuzz/$$n.log || { tail -40 build/fuzz/$$n.log; exit 1; }; \
	  tail -1 build/fuzz/$$n.log; done

includes:
	@./scripts/include-rule.sh

clean:
	rm -rf build

# header dependencies of every object (library, CLI, tests, helpers, fuzz, bench)
DEPS = $(patsubst %.c,$(BUILD)/obj/%.d,$(LIB_SRC) $(CLI_SRC) $(TEST_SRC) $(HELP_SRC) \
         $(wildcard fuzz/*.c) $(wildcard bench/*.c))
-include $(DEPS)
