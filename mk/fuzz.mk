# libFuzzer harnesses (clang): make fuzz builds them; tests/fuzz/run.sh runs each briefly.
FUZZ_CC ?= clang
FUZZ_FLAGS := -std=c17 -D_GNU_SOURCE -Isrc -g -O1 -fsanitize=fuzzer,address,undefined
FUZZ_CORE := $(filter-out src/cli/%,$(SRCS))
.PHONY: fuzz
fuzz: $(BUILD)/fuzz/fuzz_hart $(BUILD)/fuzz/fuzz_boot $(BUILD)/fuzz/fuzz_snapfile \
      $(BUILD)/fuzz/fuzz_sections $(BUILD)/fuzz/fuzz_control $(BUILD)/fuzz/fuzz_virtqueue \
      $(BUILD)/fuzz/fuzz_qcow2 $(BUILD)/fuzz/fuzz_net_tx
$(BUILD)/fuzz/%: tests/fuzz/%.c $(FUZZ_CORE) $(wildcard tests/fuzz/*.h)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $< $(FUZZ_CORE) $(LDLIBS)
# fuzz_net_tx brings its own network backend (net_backend_open) in place of slirp and tap
$(BUILD)/fuzz/fuzz_net_tx: tests/fuzz/fuzz_net_tx.c $(FUZZ_CORE) $(wildcard tests/fuzz/*.h)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $< $(filter-out src/net/backend.c,$(FUZZ_CORE)) $(LDLIBS)
