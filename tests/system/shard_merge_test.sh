#!/usr/bin/env bash
# Sharded golden jobs merged == the unsharded job (sw/app/shard.h): 10 fixture sentences on the
# embedded SST-2 image, N = 3 shards (4 + 3 + 3 sentences) merged by `edgebert merge` give the
# unsharded run's results file byte for byte and its report line for line, and the report's
# figures are those `edgebert golden --tsv` prints. Then the errors: malformed --shard, a shard
# without sentences, a shard missing or given twice in a merge.
#
# Usage: shard_merge_test.sh EDGEBERT SOURCE_DIR WORK_DIR
set -euo pipefail
edgebert=$1
source_dir=$2
work=$3
rm -rf "$work"
mkdir -p "$work"

fail() {
  echo "shard_merge_test: FAILED: $*" >&2
  exit 1
}

golden=("$edgebert" golden "$source_dir/sw/app/models/sst2.ebm"
  --tokenizer "$source_dir/sw/app/models/sst2-albert/spiece.model"
  --tsv "$source_dir/tests/model/fixtures/sst2_calibration.tsv" --count 10 --all-layers)

"${golden[@]}" --results "$work/all.json" >"$work/all.txt"
for i in 1 2 3; do
  "${golden[@]}" --shard "$i/3" --results "$work/shard$i.json" >"$work/shard$i.txt"
done
grep -q 'shard 1/3: 4 of 10 sentences' "$work/shard1.txt" || fail "shard 1/3 is not 4 sentences"
grep -q 'shard 3/3: 3 of 10 sentences' "$work/shard3.txt" || fail "shard 3/3 is not 3 sentences"

# Any order of the files.
"$edgebert" merge "$work/shard3.json" "$work/shard1.json" "$work/shard2.json" \
  --results "$work/merged.json" >"$work/merged.txt"
"$edgebert" merge "$work/all.json" >"$work/one.txt"
cat "$work/merged.txt"
cmp "$work/all.json" "$work/merged.json" || fail "merged results differ from the unsharded run's"
diff <(sed -n '2,6p' "$work/one.txt") <(sed -n '2,6p' "$work/merged.txt") ||
  fail "the merged report differs from the unsharded one"

# The figures are golden's own: accuracy and average exit layer, exits, the energy line.
accuracy=$(sed -nE 's/^  (10 sentences: accuracy [0-9.]+ %) \(([0-9]+) correct\), (average exit layer [0-9.]+ of [0-9]+).*/\1 (\2 correct of 10 labelled), \3/p' "$work/all.txt")
[[ -n $accuracy ]] || fail "no summary in golden's output"
grep -qF "  $accuracy" "$work/merged.txt" || fail "accuracy line: want '$accuracy'"
grep -qF "$(grep '^  exits per layer:' "$work/all.txt")" "$work/merged.txt" || fail "exits per layer"
energy=$(sed -nE 's/^(energy .* mean latency [0-9.]+ us);.*/\1/p' "$work/all.txt")
grep -qxF "$energy" "$work/merged.txt" || fail "energy line: want '$energy'"

# Errors.
expect_error() {
  local want=$1
  shift
  if "$@" >"$work/error.txt" 2>&1; then fail "no error from: $*"; fi
  grep -qF -- "$want" "$work/error.txt" || { cat "$work/error.txt"; fail "want '$want'"; }
}
expect_error "--shard '0/3': I must be in [1, N]" "${golden[@]}" --shard 0/3
expect_error "--shard '4/3': I must be in [1, N]" "${golden[@]}" --shard 4/3
expect_error "--shard '3': want I/N" "${golden[@]}" --shard 3
expect_error "--shard 'a/b': want I/N" "${golden[@]}" --shard a/b
expect_error "--shard 11/11: no sentence in this shard (the selection has 10" \
  "${golden[@]}" --shard 11/11
expect_error "merge: shard(s) 2 of 3 missing" "$edgebert" merge "$work/shard1.json" "$work/shard3.json"
expect_error "are both shard 1/3" "$edgebert" merge "$work/shard1.json" "$work/shard1.json" \
  "$work/shard3.json"
expect_error "are not shards of one job: their shard counts (N) differ" \
  "$edgebert" merge "$work/shard1.json" "$work/all.json"
echo "shard_merge_test: passed"
