// Float32 reference forward of ALBERT for sequence classification (factorised embeddings, one
// shared layer applied num_hidden_layers times, gelu_new, LayerNorm, pooler, classifier), with
// EdgeBERT's additions: span masks multiplied into each head's softmax output, and an off-ramp
// (pooler + classifier on [CLS]) after every layer with the entropy of its logits.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string_view>
#include <vector>

#include "model/albert_config.h"
#include "model/off_ramps.h"
#include "model/safetensors.h"

namespace edgebert::model {

struct Linear {
  int out = 0, in = 0;
  std::vector<float> weight;  // out x in, row-major (PyTorch's layout)
  std::vector<float> bias;    // out
};

struct Norm {
  std::vector<float> gamma, beta;
};

struct AlbertWeights {
  std::vector<float> word, position, token_type;  // rows x embedding_size
  Norm embedding_norm;
  Linear embedding_map;  // embedding_size -> hidden
  Linear query, key, value, attention_out;
  Norm attention_norm;
  Linear ffn, ffn_out;
  Norm output_norm;
  Linear pooler, classifier;
  // DeeBERT highways (albert.encoder.highway.<l>.{pooler.dense,classifier}) for layers 0 to
  // num_hidden_layers - 2 when the checkpoint has them, else empty.
  struct Highway {
    Linear pooler, classifier;
  };
  std::vector<Highway> highway;
};

// Reads the Hugging Face tensor names of AlbertForSequenceClassification (and DeeBERT highways when
// the file has highway 0) and checks every shape against the config. Throws FormatError naming
// the tensor that is missing or misshapen.
AlbertWeights LoadAlbertWeights(const SafetensorsFile& file, const AlbertConfig& config);

struct ForwardOptions {
  // kHighway needs the checkpoint's highways (std::invalid_argument otherwise).
  OffRamps off_ramps = OffRamps::kNone;
  // Per head, one factor per key position (EdgeBERT's span masks); empty means all ones.
  std::vector<std::vector<float>> span_masks;
  // Sees every activation tensor as it is produced (the compiler calibrates exponent biases from
  // them): point names are those of kActivationPoints, layer -1 for the embeddings and the
  // classifier. Scores are the scaled ones of real (unmasked) keys.
  std::function<void(std::string_view point, int layer, std::span<const float> values)> observe;
};

// The activation tensors ForwardOptions::observe reports, in the order they are produced.
inline constexpr std::string_view kActivationPoints[] = {
    "embedding_sum",  "embedding",  "hidden",  "query",         "key",
    "value",          "scores",     "context", "attention_out", "attention_sum",
    "attention_norm", "ffn_pre",    "ffn_act", "ffn_out",       "output_sum",
    "output_norm",    "pooler_pre", "pooled",  "logits"};

struct ForwardResult {
  std::vector<float> logits;
  std::vector<std::vector<float>> cls_hidden;  // after the embedding map, then after each layer
  std::vector<std::vector<float>> off_ramp_logits;  // per layer (with off-ramps)
  std::vector<double> entropies;                    // per layer (with off-ramps), nats
};

// ids, token types and the attention mask have the sequence length; ids within the vocabulary,
// positions within max_position_embeddings (std::invalid_argument otherwise).
ForwardResult AlbertForward(const AlbertConfig& config, const AlbertWeights& weights,
                            std::span<const int32_t> ids, std::span<const uint8_t> token_types,
                            std::span<const uint8_t> attention_mask,
                            const ForwardOptions& options = {});

// ln(sum e^x) - sum x e^x / sum e^x, computed with the maximum subtracted first.
double Entropy(std::span<const float> logits);

}  // namespace edgebert::model
