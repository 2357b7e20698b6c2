#!/usr/bin/env bash
# Trains the small SentencePiece model the tokenizer tests use (committed as
# tests/model/fixtures/sst2_spm.model) from the SST-2 training sentences, with ALBERT's special
# pieces at ALBERT's ids: <pad> 0, <unk> 1, [CLS] 2, [SEP] 3, [MASK] 4.
# Usage: tools/train_tokenizer.sh [SST2_TRAIN_TSV] [OUTPUT_PREFIX]
set -euo pipefail
train=${1:-../shared/data/sst2/train.tsv}
prefix=${2:-tests/model/fixtures/sst2_spm}
[[ -f "$train" ]] || { echo "train_tokenizer: $train not found" >&2; exit 1; }
sentences=$(mktemp)
trap 'rm -f "$sentences"' EXIT
tail -n +2 "$train" | cut -f2 > "$sentences"
spm_train --input="$sentences" --model_prefix="$prefix" --vocab_size=2000 --model_type=unigram \
  --character_coverage=1.0 --pad_id=0 --unk_id=1 --bos_id=-1 --eos_id=-1 \
  --user_defined_symbols='[CLS],[SEP],[MASK]' --input_sentence_size=100000 \
  --shuffle_input_sentence=true --seed_sentencepiece_size=200000 --num_threads=2 \
  --minloglevel=2
rm -f "$prefix.vocab"
echo "train_tokenizer: wrote $prefix.model"
