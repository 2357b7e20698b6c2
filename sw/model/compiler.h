// The model compiler: an ALBERT checkpoint plus a task's EdgeBERT settings into a model image
// (docs/model_image.md): pruning, calibration of per-layer activation exponent biases on sample
// inputs, AF8 quantisation, span masks, and the sections the driver loads.
//
// Section contents (all little-endian; every blob's offset and size is listed in PARAMS):
//   RERAM    the word, position and token-type tables, each PackEmbeddingTable's SLC words
//            (header, masks, row offsets) then its value bytes: shared by every task compiled
//            from the same embeddings with the same lanes and embedding sparsity
//   SRAM     every encoder weight matrix as the WSRAM holds it: [out][in] AF8 codes, rows
//            padded to a multiple of n, bitmask-encoded ("<m>.values" packed nonzero codes, n
//            bytes per vector; "<m>.masks" one 32-bit mask per vector), so the driver copies
//            them; with the checkpoint's DeeBERT highways ("highway.<l>.pooler",
//            ".classifier") when it has them (the task's off_ramps: none leaves them out)
//   AUX      LayerNorm gamma/beta codes, per-layer int32 biases at each matmul's accumulator
//            scale, span masks (Q1.7, one row of seq_len per head), per-layer activation tables
//   PARAMS   YAML: shapes, lanes, sequence length, task, threshold, spans, every tensor's
//            exponent bias, every activation point's bias per layer, and the blob directory
//   METADATA YAML: what was compiled from what, and the achieved sparsities
#pragma once

#include <cstdint>
#include <functional>
#include <span>

#include "model/albert_config.h"
#include "model/albert_reference.h"
#include "model/model_image.h"
#include "model/task_config.h"
#include "model/tokenizer.h"

namespace edgebert::model {

struct CompileOptions {
  int lanes = 16;     // the chip's n: the ReRAM tables' mask layout depends on it
  int seq_len = 128;  // span masks' length and the calibration inputs' length
  // Called after each calibration input (done, total): the float forward passes are most of a
  // compile's time, so this is where a progress line learns how far it is.
  std::function<void(size_t, size_t)> on_calibrated = nullptr;
};

struct CompileReport {
  double encoder_sparsity = 0;    // achieved, over the encoder's matmul weights
  double embedding_sparsity = 0;  // achieved, over the three embedding tables
  uint64_t reram_bytes = 0, sram_bytes = 0, aux_bytes = 0;
  uint64_t sram_compressed_bytes = 0;  // nonzero codes + n-bit masks of the SRAM weights
  uint64_t dense_fp32_bytes = 0;       // every weight of the checkpoint in float32
};

// `weights` are pruned in place. Throws std::invalid_argument for a task that does not fit the
// model (span count, labels, sequence length, lanes, dimensions not multiples of lanes) or no
// calibration input.
ModelImage CompileModel(const AlbertConfig& config, AlbertWeights& weights, const TaskConfig& task,
                        std::span<const Encoding> calibration, const CompileOptions& options,
                        CompileReport* report = nullptr);

}  // namespace edgebert::model
