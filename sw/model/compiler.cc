#include "model/compiler.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "golden/reram.h"
#include "model/albert_program.h"
#include "model/compile_steps.h"
#include "model/compiled_format.h"
#include "numerics/af8.h"
#include "numerics/af8_activation.h"
#include "numerics/af8_mac.h"
#include "numerics/af8_rowops.h"
#include "numerics/af8_tensor.h"
#include "numerics/sparse.h"

namespace edgebert::model {
namespace {

// A section under construction; every blob is 4-byte aligned and listed in the directory.
class SectionBuilder {
 public:
  SectionBuilder(std::string section, YAML::Node& directory)
      : section_(std::move(section)), directory_(directory) {}

  void Add(const std::string& name, std::span<const uint8_t> bytes) {
    while (bytes_.size() % 4 != 0) bytes_.push_back(0);
    YAML::Node entry;
    entry["section"] = section_;
    entry["offset"] = bytes_.size();
    entry["size"] = bytes.size();
    directory_[name] = entry;
    bytes_.insert(bytes_.end(), bytes.begin(), bytes.end());
  }
  void AddWords(const std::string& name, std::span<const uint32_t> words) {
    std::vector<uint8_t> bytes;
    for (const uint32_t w : words) {
      for (int b = 0; b < 4; ++b) bytes.push_back(static_cast<uint8_t>(w >> (8 * b)));
    }
    Add(name, bytes);
  }
  void AddInts(const std::string& name, std::span<const int32_t> values) {
    std::vector<uint32_t> words(values.begin(), values.end());
    AddWords(name, words);
  }
  std::vector<uint8_t> Take() { return std::move(bytes_); }

 private:
  std::string section_;
  YAML::Node& directory_;
  std::vector<uint8_t> bytes_;
};

// Largest magnitude seen at each activation point, per layer (-1: embeddings and classifier).
using Ranges = std::map<std::string, std::map<int, float>, std::less<>>;

int BiasFor(float largest) {
  const float one[1] = {largest};
  return af8::ChooseBias(one);
}

struct Matrix {
  std::string name;  // its SRAM blob
  Linear* linear;
  const char* input;  // the activation point feeding it
  bool encoder;       // pruned to the encoder sparsity (off-ramps stay dense)
  // It provides the bias blobs "<bias>.bias.<layer>" for layers first..last (-1: embeddings).
  std::string bias;
  int first, last;
};

size_t Zeros(std::span<const float> v) {
  return static_cast<size_t>(std::count(v.begin(), v.end(), 0.0f));
}

}  // namespace

ModelImage CompileModel(const AlbertConfig& config, AlbertWeights& w, const TaskConfig& task,
                        std::span<const Encoding> calibration, const CompileOptions& options,
                        CompileReport* report) {
  const int heads = config.num_attention_heads;
  if (static_cast<int>(task.spans.size()) != heads) {
    throw std::invalid_argument("task " + task.task + ": " + std::to_string(task.spans.size()) +
                                " spans for a model with " + std::to_string(heads) + " heads");
  }
  if (task.labels != config.num_labels) {
    throw std::invalid_argument("task " + task.task + ": " + std::to_string(task.labels) +
                                " labels for a model with " + std::to_string(config.num_labels));
  }
  if (!sparse::IsSupportedLanes(options.lanes) || options.seq_len < 1 ||
      options.seq_len > config.max_position_embeddings ||
      config.embedding_size % options.lanes != 0 || config.hidden_size % options.lanes != 0 ||
      config.intermediate_size % options.lanes != 0) {
    throw std::invalid_argument("compile: lanes or sequence length do not fit the model");
  }
  CheckShapeFits(config, options.lanes, options.seq_len);
  if (calibration.empty()) throw std::invalid_argument("compile: no calibration input");

  CompileReport r;
  // Pruning: one magnitude threshold over all embeddings (so every task shares the ReRAM), and
  // each encoder matmul weight to the task's sparsity (movement-pruned checkpoints as they are).
  const float embedding_threshold =
      SharedMagnitudeThreshold({w.word, w.position, w.token_type}, task.embedding_sparsity);
  size_t embedding_zeros = 0, embedding_count = 0;
  for (auto* table : {&w.word, &w.position, &w.token_type}) {
    embedding_zeros += Prune(*table, embedding_threshold);
    embedding_count += table->size();
  }
  // Off-ramps: the checkpoint's highways for every layer but the last when it has them (unless
  // the task turns off-ramps off), else the final pooler + classifier.
  const int layers = config.num_hidden_layers;
  const OffRamps off_ramps = task.off_ramps == OffRamps::kNone ? OffRamps::kNone
                             : w.highway.empty()               ? OffRamps::kShared
                                                               : OffRamps::kHighway;
  const int last = layers - 1;
  const int shared_from = off_ramps == OffRamps::kHighway ? last : 0;
  std::vector<Matrix> matrices = {
      {"embedding_map", &w.embedding_map, "embedding", true, "embedding_map", -1, -1},
      {"query", &w.query, "hidden", true, "query", 0, last},
      {"key", &w.key, "hidden", true, "key", 0, last},
      {"value", &w.value, "hidden", true, "value", 0, last},
      {"attention_out", &w.attention_out, "context", true, "attention_out", 0, last},
      {"ffn", &w.ffn, "attention_norm", true, "ffn", 0, last},
      {"ffn_out", &w.ffn_out, "ffn_act", true, "ffn_out", 0, last},
      {"pooler", &w.pooler, "output_norm", false, "pooler", shared_from, last},
      {"classifier", &w.classifier, "pooled", false, "classifier", shared_from, last}};
  if (off_ramps == OffRamps::kHighway) {
    for (int l = 0; l < last; ++l) {
      const std::string prefix = "highway." + std::to_string(l) + ".";
      auto& highway = w.highway[static_cast<size_t>(l)];
      matrices.push_back(
          {prefix + "pooler", &highway.pooler, "output_norm", false, "pooler", l, l});
      matrices.push_back(
          {prefix + "classifier", &highway.classifier, "pooled", false, "classifier", l, l});
    }
  }
  size_t encoder_zeros = 0, encoder_count = 0;
  for (const Matrix& m : matrices) {
    if (!m.encoder) continue;
    if (task.pruning == Pruning::kMagnitude) {
      Prune(m.linear->weight, MagnitudeThreshold(m.linear->weight, task.encoder_sparsity));
    }
    encoder_zeros += Zeros(m.linear->weight);
    encoder_count += m.linear->weight.size();
  }
  r.embedding_sparsity =
      static_cast<double>(embedding_zeros) / static_cast<double>(embedding_count);
  r.encoder_sparsity = static_cast<double>(encoder_zeros) / static_cast<double>(encoder_count);

  // Calibration: the float reference of the pruned model, span masks and off-ramps on.
  const auto n = static_cast<size_t>(options.seq_len);
  ForwardOptions forward;
  forward.off_ramps = off_ramps == OffRamps::kHighway ? OffRamps::kHighway : OffRamps::kShared;
  std::vector<std::vector<uint8_t>> span_masks;
  for (const int span : task.spans) {
    span_masks.push_back(SpanMask(span, options.seq_len, task.span_ramp));
  }
  forward.span_masks = SpanMaskFactors(task.spans, options.seq_len, task.span_ramp);
  Ranges ranges;
  forward.observe = [&](std::string_view point, int layer, std::span<const float> values) {
    float& largest = ranges[std::string(point)][layer];
    for (const float v : values) largest = std::max(largest, std::fabs(v));
  };
  for (size_t i = 0; i < calibration.size(); ++i) {
    const Encoding& e = calibration[i];
    if (e.ids.size() != n) throw std::invalid_argument("compile: calibration length != seq_len");
    AlbertForward(config, w, e.ids, e.token_types, e.attention, forward);
    if (options.on_calibrated) options.on_calibrated(i + 1, calibration.size());
  }
  YAML::Node params, directory, activation_biases, weight_biases;
  for (const auto& [point, per_layer] : ranges) {
    for (const auto& [layer, largest] : per_layer) {
      activation_biases[point][std::to_string(layer)] = BiasFor(largest);
    }
  }
  auto act_bias = [&](const std::string& point, int layer) {
    return activation_biases[point][std::to_string(layer)].as<int>();
  };

  // RERAM: the three embedding tables.
  SectionBuilder reram("RERAM", directory);
  const std::pair<const char*, std::vector<float>*> tables[] = {
      {"word_embeddings", &w.word},
      {"position_embeddings", &w.position},
      {"token_type_embeddings", &w.token_type}};
  for (const auto& [name, values] : tables) {
    const auto q = af8::Quantize(*values);
    const int rows = static_cast<int>(values->size()) / config.embedding_size;
    const auto packed =
        golden::PackEmbeddingTable(rows, config.embedding_size, options.lanes, q.codes, q.bias);
    std::vector<uint32_t> slc(packed.header.begin(), packed.header.end());
    slc.insert(slc.end(), packed.masks.begin(), packed.masks.end());
    slc.insert(slc.end(), packed.row_offsets.begin(), packed.row_offsets.end());
    reram.AddWords(std::string(name) + ".slc", slc);
    reram.Add(std::string(name) + ".values", packed.values);
    weight_biases[name] = q.bias;
  }

  // SRAM: weights; AUX: per-layer biases at the accumulator scale, LayerNorms, spans, tables.
  SectionBuilder sram("SRAM", directory), aux("AUX", directory);
  for (const Matrix& m : matrices) {
    const auto q = af8::Quantize(m.linear->weight);
    // As the WSRAM holds it, so that loading is a copy: rows padded with zero rows to a multiple
    // of n (the classifier's few labels), then bitmask-encoded vector by vector.
    const int rows = (m.linear->out + options.lanes - 1) / options.lanes * options.lanes;
    std::vector<uint8_t> padded(static_cast<size_t>(rows) * static_cast<size_t>(m.linear->in), 0);
    std::copy(q.codes.begin(), q.codes.end(), padded.begin());
    const sparse::SparseTensor planes =
        sparse::EncodeTensor(padded, rows, m.linear->in, options.lanes);
    sram.Add(WsramValuesBlob(m.name), planes.values);
    sram.AddWords(WsramMasksBlob(m.name), planes.masks);
    weight_biases[m.name] = q.bias;
    r.sram_compressed_bytes += static_cast<uint64_t>(
        m.linear->weight.size() - Zeros(m.linear->weight) + m.linear->weight.size() / 8);
    // The matmul at layer l reads its input with that layer's bias (layer -1 for the embedding
    // map), so its bias is quantized per layer.
    for (int layer = m.first; layer <= m.last; ++layer) {
      const int in_bias = act_bias(m.input, layer);
      const int acc_exponent = af8::ProductExponent(in_bias, q.bias);
      std::vector<int32_t> bias(m.linear->bias.size());
      for (size_t j = 0; j < bias.size(); ++j) {
        bias[j] = af8::QuantizeBias(m.linear->bias[j], acc_exponent);
      }
      aux.AddInts(m.bias + ".bias." + std::to_string(layer), bias);
    }
  }
  const std::pair<const char*, const Norm*> norms[] = {{"embedding_norm", &w.embedding_norm},
                                                       {"attention_norm", &w.attention_norm},
                                                       {"output_norm", &w.output_norm}};
  for (const auto& [name, norm] : norms) {
    for (const auto& [suffix, values] :
         {std::pair{"gamma", &norm->gamma}, std::pair{"beta", &norm->beta}}) {
      const auto q = af8::Quantize(*values);
      aux.Add(std::string(name) + "." + suffix, q.codes);
      weight_biases[std::string(name) + "." + suffix] = q.bias;
    }
  }
  for (int h = 0; h < heads; ++h) {
    aux.Add("span_mask." + std::to_string(h), span_masks[static_cast<size_t>(h)]);
  }
  for (int layer = 0; layer < config.num_hidden_layers; ++layer) {
    aux.Add("gelu_table." + std::to_string(layer),
            af8::MakeActivationTable(af8::Activation::kGelu, act_bias("ffn_pre", layer),
                                     act_bias("ffn_act", layer)));
    aux.Add("tanh_table." + std::to_string(layer),
            af8::MakeActivationTable(af8::Activation::kTanh, act_bias("pooler_pre", layer),
                                     act_bias("pooled", layer)));
  }

  params["format"] = kCompiledFormat;
  params["version"] = kCompiledVersion;
  params["task"] = task.task;
  params["lanes"] = options.lanes;
  params["seq_len"] = options.seq_len;
  for (const auto& [key, value] : {std::pair{"vocab_size", config.vocab_size},
                                   {"embedding_size", config.embedding_size},
                                   {"hidden_size", config.hidden_size},
                                   {"num_hidden_layers", config.num_hidden_layers},
                                   {"num_attention_heads", heads},
                                   {"intermediate_size", config.intermediate_size},
                                   {"max_position_embeddings", config.max_position_embeddings},
                                   {"type_vocab_size", config.type_vocab_size},
                                   {"num_labels", config.num_labels}}) {
    params["shape"][key] = value;
  }
  params["off_ramps"] = off_ramps == OffRamps::kHighway ? "highway"
                        : off_ramps == OffRamps::kNone  ? "none"
                                                        : "shared";
  params["spans"] = task.spans;
  params["entropy_threshold"] = task.entropy_threshold;
  params["entropy_threshold_q24"] = af8::EntropyThresholdQ24(task.entropy_threshold);
  params["weight_biases"] = weight_biases;
  params["activation_biases"] = activation_biases;
  params["blobs"] = directory;

  YAML::Node meta;
  meta["compiler"] = "edgebert compile";
  meta["task"] = task.task;
  meta["encoder_sparsity"] = r.encoder_sparsity;
  meta["embedding_sparsity"] = r.embedding_sparsity;
  meta["embedding_threshold"] = embedding_threshold;
  meta["calibration_inputs"] = calibration.size();

  ModelImage image;
  image.sections[SectionType::kReram] = reram.Take();
  image.sections[SectionType::kSram] = sram.Take();
  image.sections[SectionType::kAux] = aux.Take();
  YAML::Emitter params_text, meta_text;
  params_text << params;
  meta_text << meta;
  image.sections[SectionType::kParams] =
      std::vector<uint8_t>(params_text.c_str(), params_text.c_str() + params_text.size());
  image.sections[SectionType::kMetadata] =
      std::vector<uint8_t>(meta_text.c_str(), meta_text.c_str() + meta_text.size());

  r.reram_bytes = image.sections[SectionType::kReram].size();
  r.sram_bytes = image.sections[SectionType::kSram].size();
  r.aux_bytes = image.sections[SectionType::kAux].size();
  uint64_t floats = w.word.size() + w.position.size() + w.token_type.size();
  for (const Matrix& m : matrices) floats += m.linear->weight.size() + m.linear->bias.size();
  for (const auto& [name, norm] : norms) floats += norm->gamma.size() + norm->beta.size();
  r.dense_fp32_bytes = 4 * floats;
  if (report != nullptr) *report = r;
  return image;
}

}  // namespace edgebert::model
