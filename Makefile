# The README's commands. The build itself is Meson's; this file only names
# the jobs and makes sure their dependencies are installed first.

BUILD       ?= build
DEMO_DB     ?= $(BUILD)/demo.db
DEMO_PERSONS ?= 2000
DEMO_LISTEN ?= 127.0.0.1:8080
FUZZ_SECONDS ?= 60

.PHONY: all demo check bench bench-febrl bench-dna fuzz clean bootstrap

all: $(BUILD)/build.ninja
	ninja -C $(BUILD)

bootstrap:
	@scripts/bootstrap

$(BUILD)/build.ninja:
	@scripts/bootstrap
	meson setup $(BUILD) >/dev/null

demo: bootstrap all
	@scripts/demo "$(BUILD)/src/parley" "$(DEMO_DB)" "$(DEMO_PERSONS)" "$(DEMO_LISTEN)"

check:
	@scripts/check

bench: bootstrap
	@scripts/bench

bench-febrl: bootstrap
	@scripts/bench febrl

bench-dna: bootstrap
	@scripts/bench dna

fuzz:
	@scripts/bootstrap --fuzz
	@scripts/fuzz $(FUZZ_SECONDS)

clean:
	rm -rf build build-asan build-release build-fuzz
