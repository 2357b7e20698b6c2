#include "model/albert_program.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <bit>
#include <stdexcept>
#include <string>
#include <utility>

#include "golden/gb_command.h"
#include "golden/matmul_command.h"
#include "model/compiled_format.h"
#include "numerics/af8.h"
#include "numerics/af8_activation.h"
#include "numerics/af8_tensor.h"
#include "numerics/sparse.h"
#include "regmap/edgebert_regs.h"
#include "util/yaml_keys.h"

namespace edgebert::model {
namespace {

using golden::GbCommand;
using golden::MatmulCommand;

[[noreturn]] void Fail(const std::string& what) { throw FormatError("compiled model: " + what); }

SectionType SectionFromName(const std::string& name) {
  for (const SectionType t : {SectionType::kReram, SectionType::kSram, SectionType::kAux,
                              SectionType::kParams, SectionType::kMetadata}) {
    if (SectionTypeName(t) == name) return t;
  }
  Fail("unknown section '" + name + "' in the blob directory");
}

uint32_t RoundUp(uint32_t value, uint32_t multiple) {
  return (value + multiple - 1) / multiple * multiple;
}

std::vector<uint32_t> LittleEndianWords(std::span<const uint8_t> bytes) {
  std::vector<uint32_t> words(bytes.size() / 4);
  for (size_t i = 0; i < bytes.size(); ++i) words[i / 4] |= uint32_t{bytes[i]} << (8 * (i % 4));
  return words;
}

// Blob names of the matrices in WSRAM, with their input width and output rows.
struct MatrixShape {
  std::string name;
  int rows, cols;
};

std::vector<MatrixShape> Matrices(const AlbertConfig& s, OffRamps off_ramps) {
  const int h = s.hidden_size;
  std::vector<MatrixShape> highways;
  for (int l = 0; off_ramps == OffRamps::kHighway && l + 1 < s.num_hidden_layers; ++l) {
    highways.push_back({"highway." + std::to_string(l) + ".pooler", h, h});
    highways.push_back({"highway." + std::to_string(l) + ".classifier", s.num_labels, h});
  }
  std::vector<MatrixShape> all = {{"embedding_map", h, s.embedding_size},
                                  {"query", h, h},
                                  {"key", h, h},
                                  {"value", h, h},
                                  {"attention_out", h, h},
                                  {"ffn", s.intermediate_size, h},
                                  {"ffn_out", h, s.intermediate_size},
                                  {"pooler", h, h},
                                  {"classifier", s.num_labels, h}};
  all.insert(all.end(), highways.begin(), highways.end());
  return all;
}

// The per-layer aux blobs, each a slot the host rewrites before the layer runs.
constexpr const char* kLayerBiases[] = {"query", "key",     "value",  "attention_out",
                                        "ffn",   "ffn_out", "pooler", "classifier"};

std::vector<uint8_t> ToBytes(std::span<const uint8_t> bytes) {
  return {bytes.begin(), bytes.end()};
}

uint32_t Word(std::span<const uint8_t> bytes, size_t index) {
  uint32_t w = 0;
  for (int b = 0; b < 4; ++b) w |= uint32_t{bytes[index * 4 + static_cast<size_t>(b)]} << (8 * b);
  return w;
}

// The runs [first, last) of consecutive heads with the same activity.
std::vector<std::pair<int, int>> Runs(const std::vector<bool>& active, bool want) {
  std::vector<std::pair<int, int>> runs;
  for (int h = 0; h < static_cast<int>(active.size());) {
    if (active[static_cast<size_t>(h)] != want) {
      ++h;
      continue;
    }
    int end = h;
    while (end < static_cast<int>(active.size()) && active[static_cast<size_t>(end)] == want) ++end;
    runs.emplace_back(h, end);
    h = end;
  }
  return runs;
}

// LAYERNORM of `norm` (its gamma and beta at the given aux addresses) over rows x cols.
GbCommand LayerNormCommand(const CompiledModel& model, const std::string& norm, uint32_t rows,
                           uint32_t cols, uint32_t src, uint32_t dst, uint32_t stride, int exp_in,
                           int exp_out, uint32_t gamma_addr, uint32_t beta_addr) {
  GbCommand c;
  c.opcode = regs::Opcode::kLayernorm;
  c.rows = rows;
  c.cols = cols;
  c.exp_in = exp_in;
  c.exp_out = exp_out;
  c.exp_gamma = model.WeightBias(norm + ".gamma");
  c.exp_beta = model.WeightBias(norm + ".beta");
  c.src_addr = src;
  c.src_stride = stride;
  c.dst_addr = dst;
  c.dst_stride = stride;
  c.aux_addr = gamma_addr;
  c.beta_addr = beta_addr;
  return c;
}

}  // namespace

int CompiledModel::WeightBias(const std::string& tensor) const {
  const auto it = weight_biases.find(tensor);
  if (it == weight_biases.end()) Fail("no exponent bias for weight '" + tensor + "'");
  return it->second;
}

int CompiledModel::ActivationBias(const std::string& point, int layer) const {
  const auto it = activation_biases.find(point);
  if (it == activation_biases.end() || it->second.count(layer) == 0) {
    Fail("no activation exponent bias for '" + point + "' at layer " + std::to_string(layer));
  }
  return it->second.at(layer);
}

std::span<const uint8_t> CompiledModel::BlobBytes(const ModelImage& image,
                                                  const std::string& name) const {
  const auto it = blobs.find(name);
  if (it == blobs.end()) Fail("no blob '" + name + "'");
  const auto& section = image.section(it->second.section);
  return std::span<const uint8_t>(section).subspan(it->second.offset, it->second.size);
}

CompiledModel ParseCompiledModel(const ModelImage& image) {
  const auto& text = image.section(SectionType::kParams);
  CompiledModel m;
  try {
    const YAML::Node p = YAML::Load(std::string(text.begin(), text.end()));
    util::RejectDuplicateKeys<FormatError>(p, "compiled model: PARAMS");
    if (!p["format"] || p["format"].as<std::string>() != kCompiledFormat) {
      Fail("PARAMS is not an '" + std::string(kCompiledFormat) + "' description");
    }
    if (const int version = p["version"].as<int>(); version != kCompiledVersion) {
      Fail("PARAMS version " + std::to_string(version) + ": this reader reads version " +
           std::to_string(kCompiledVersion) +
           (version == 1 ? " (bitmask-encoded SRAM weights; version 1 held dense codes): "
                           "recompile the image with edgebert compile"
                         : ""));
    }
    m.task = p["task"].as<std::string>();
    m.lanes = p["lanes"].as<int>();
    m.seq_len = p["seq_len"].as<int>();
    const YAML::Node s = p["shape"];
    m.shape.vocab_size = s["vocab_size"].as<int>();
    m.shape.embedding_size = s["embedding_size"].as<int>();
    m.shape.hidden_size = s["hidden_size"].as<int>();
    m.shape.num_hidden_layers = s["num_hidden_layers"].as<int>();
    m.shape.num_attention_heads = s["num_attention_heads"].as<int>();
    m.shape.intermediate_size = s["intermediate_size"].as<int>();
    m.shape.max_position_embeddings = s["max_position_embeddings"].as<int>();
    m.shape.type_vocab_size = s["type_vocab_size"].as<int>();
    m.shape.num_labels = s["num_labels"].as<int>();
    m.spans = p["spans"].as<std::vector<int>>();
    const std::string off_ramps = p["off_ramps"] ? p["off_ramps"].as<std::string>() : "shared";
    if (off_ramps == "highway") {
      m.off_ramps = OffRamps::kHighway;
    } else if (off_ramps == "none") {
      m.off_ramps = OffRamps::kNone;
    } else if (off_ramps != "shared") {
      Fail("unknown off_ramps '" + off_ramps + "'");
    }
    m.entropy_threshold_q24 = p["entropy_threshold_q24"].as<uint32_t>();
    for (const auto& kv : p["weight_biases"]) {
      m.weight_biases[kv.first.as<std::string>()] = kv.second.as<int>();
    }
    for (const auto& point : p["activation_biases"]) {
      for (const auto& layer : point.second) {
        m.activation_biases[point.first.as<std::string>()][layer.first.as<int>()] =
            layer.second.as<int>();
      }
    }
    // Every exponent bias within what a descriptor field holds.
    const auto check_bias = [](const std::string& what, int bias) {
      if (bias < af8::kBiasMin || bias > af8::kBiasMax) {
        Fail(what + " exponent bias " + std::to_string(bias) + " is outside [" +
             std::to_string(af8::kBiasMin) + ", " + std::to_string(af8::kBiasMax) + "]");
      }
    };
    for (const auto& [tensor, bias] : m.weight_biases) check_bias("weight '" + tensor + "'", bias);
    for (const auto& [point, layers] : m.activation_biases) {
      for (const auto& [layer, bias] : layers) {
        check_bias("activation '" + point + "' (layer " + std::to_string(layer) + ")", bias);
      }
    }
    for (const auto& kv : p["blobs"]) {
      CompiledModel::Blob b;
      b.section = SectionFromName(kv.second["section"].as<std::string>());
      b.offset = kv.second["offset"].as<uint64_t>();
      b.size = kv.second["size"].as<uint64_t>();
      const uint64_t section_size = image.section(b.section).size();
      if (b.offset > section_size || b.size > section_size - b.offset) {
        Fail("blob '" + kv.first.as<std::string>() + "' runs past its section");
      }
      m.blobs[kv.first.as<std::string>()] = b;
    }
  } catch (const YAML::Exception& e) {
    Fail(std::string("malformed PARAMS: ") + e.what());
  }
  const AlbertConfig& s = m.shape;
  if (m.lanes <= 0 || m.seq_len <= 0 || s.hidden_size <= 0 || s.num_attention_heads <= 0 ||
      s.hidden_size % s.num_attention_heads != 0 || s.num_hidden_layers <= 0 || s.num_labels <= 0 ||
      s.embedding_size <= 0 || s.intermediate_size <= 0 ||
      static_cast<int>(m.spans.size()) != s.num_attention_heads) {
    Fail("PARAMS shape is inconsistent");
  }
  return m;
}

namespace {

// A matrix's WSRAM planes as the image holds them, checked: the sizes of rows x cols at n, and
// the encoder's canonical form (no mask bit at or above n or over a zero code, the codes after a
// vector's nonzeros zero), so the WSRAM receives exactly what encoding the golden's codes gives.
sparse::SparseTensor ReadWsramPlanes(const CompiledModel& model, const ModelImage& image,
                                     const std::string& name, int rows, int cols, int lanes) {
  const auto values = model.BlobBytes(image, WsramValuesBlob(name));
  const auto masks = model.BlobBytes(image, WsramMasksBlob(name));
  const size_t vectors = static_cast<size_t>(rows) * static_cast<size_t>(cols / lanes);
  if (values.size() != vectors * static_cast<size_t>(lanes) || masks.size() != vectors * 4) {
    Fail("matrix '" + name + "' has " + std::to_string(values.size()) + " value and " +
         std::to_string(masks.size()) + " mask bytes, expected " + std::to_string(rows) + " x " +
         std::to_string(cols) + " codes at n = " + std::to_string(lanes) + " (" +
         std::to_string(vectors) + " vectors)");
  }
  sparse::SparseTensor planes;
  planes.lanes = lanes;
  planes.rows = rows;
  planes.cols = cols;
  planes.values.assign(values.begin(), values.end());
  planes.masks = LittleEndianWords(masks);
  const sparse::SparseTensor canonical =
      sparse::EncodeTensor(sparse::DecodeTensor(planes), rows, cols, lanes);
  if (canonical.values != planes.values || canonical.masks != planes.masks) {
    Fail("matrix '" + name + "' is not bitmask-encoded as the WSRAM holds it");
  }
  return planes;
}

}  // namespace

void CheckShapeFits(const AlbertConfig& s, int lanes, int seq_len) {
  const int head = s.head_size();
  const std::string at = "model does not fit n = " + std::to_string(lanes) + ": ";
  if (head % lanes != 0) {
    throw std::invalid_argument(at + "head size " + std::to_string(head) +
                                " is not a multiple of n");
  }
  if (seq_len < 1 || seq_len % lanes != 0) {
    throw std::invalid_argument(at + "sequence length " + std::to_string(seq_len) +
                                " is not a positive multiple of n");
  }
  if (s.num_labels > lanes) {
    throw std::invalid_argument(at + std::to_string(s.num_labels) + " labels, at most n");
  }
  if (s.num_hidden_layers > kMaxLayers) {
    throw std::invalid_argument(at + std::to_string(s.num_hidden_layers) +
                                " layers, the firmware runs at most " + std::to_string(kMaxLayers));
  }
  // 1/sqrt(head size) is folded into the scores' exponent bias, so it must be a power of two.
  if (!std::has_single_bit(static_cast<unsigned>(head)) || std::countr_zero(unsigned(head)) % 2) {
    throw std::invalid_argument("head size " + std::to_string(head) +
                                " is not a power of 4 (1/sqrt(head) must be a power of two)");
  }
}

AlbertProgram::AlbertProgram(const ModelImage& image, const golden::AcceleratorConfig& hardware)
    : model_(ParseCompiledModel(image)), hardware_(hardware) {
  const AlbertConfig& s = model_.shape;
  const auto n = static_cast<uint32_t>(hardware.limits.lanes);
  const int head = s.head_size();
  if (model_.lanes != hardware.limits.lanes) {
    throw std::invalid_argument("model compiled for n = " + std::to_string(model_.lanes) +
                                ", accelerator has n = " + std::to_string(n));
  }
  CheckShapeFits(s, model_.lanes, model_.seq_len);
  score_shift_ = std::countr_zero(static_cast<unsigned>(head)) / 2;
  const float one[1] = {1.0f};
  probability_bias_ = af8::ChooseBias(one);

  // The hidden state entering layer l + 1 is the one leaving layer l: one exponent bias.
  for (int l = 0; l + 1 < s.num_hidden_layers; ++l) {
    if (model_.ActivationBias("output_norm", l) != model_.ActivationBias("hidden", l + 1)) {
      Fail("layer " + std::to_string(l) + "'s output and layer " + std::to_string(l + 1) +
           "'s input have different exponent biases");
    }
  }

  // WSRAM: every matrix [out][in], the classifier padded to n rows, bitmask-encoded in the image
  // as the WSRAM holds it; decoded once here for the golden model.
  uint32_t wsram_cursor = 0;
  for (const MatrixShape& m : Matrices(s, model_.off_ramps)) {
    WsramTensor t;
    t.name = m.name;
    t.base = wsram_cursor;
    t.stride = static_cast<uint32_t>(m.cols) / n;
    t.rows = static_cast<int>(RoundUp(static_cast<uint32_t>(m.rows), n));
    t.cols = m.cols;
    t.planes = ReadWsramPlanes(model_, image, m.name, t.rows, t.cols, static_cast<int>(n));
    t.codes = sparse::DecodeTensor(t.planes);
    wsram_[m.name] = t.base;
    wsram_cursor += static_cast<uint32_t>(t.rows) * t.stride;
    load_.wsram.push_back(std::move(t));
  }
  if (wsram_cursor > hardware.limits.wsram_vectors) {
    throw std::invalid_argument("model needs " + std::to_string(wsram_cursor) +
                                " WSRAM vectors, the accelerator has " +
                                std::to_string(hardware.limits.wsram_vectors));
  }

  // ReRAM: each table's SLC part (header, masks, row offsets) in the SLC region, its values in
  // the value region.
  uint32_t slc_word = 0, value_word = hardware.reram_value_base_word;
  for (const char* name : {"word_embeddings", "position_embeddings", "token_type_embeddings"}) {
    const auto slc = model_.BlobBytes(image, std::string(name) + ".slc");
    const auto values = model_.BlobBytes(image, std::string(name) + ".values");
    if (slc.size() % 4 != 0 || slc.size() / 4 < golden::kEmbeddingHeaderWords) {
      Fail(std::string("blob '") + name + ".slc' is too short for a table header");
    }
    ReramTable t;
    t.name = name;
    for (uint32_t i = 0; i < golden::kEmbeddingHeaderWords; ++i) t.table.header[i] = Word(slc, i);
    const uint32_t rows = t.table.header[golden::embedding_header::kRows];
    const uint32_t dim = t.table.header[golden::embedding_header::kDim];
    const uint64_t mask_words = uint64_t{rows} * golden::MaskWordsPerRow(dim);
    if (slc.size() / 4 != golden::kEmbeddingHeaderWords + mask_words + rows + 1 ||
        dim != static_cast<uint32_t>(s.embedding_size)) {
      Fail(std::string("blob '") + name + ".slc' does not match its header's shape");
    }
    for (uint64_t i = 0; i < mask_words; ++i) {
      t.table.masks.push_back(Word(slc, golden::kEmbeddingHeaderWords + i));
    }
    for (uint64_t i = 0; i <= rows; ++i) {
      t.table.row_offsets.push_back(Word(slc, golden::kEmbeddingHeaderWords + mask_words + i));
    }
    t.table.values = ToBytes(values);
    t.base_word = slc_word;
    t.value_word = value_word;
    reram_[name] = slc_word * 4;
    slc_word += t.table.SlcWords();
    value_word += t.table.ValueWords();
    load_.reram.push_back(std::move(t));
  }
  if (slc_word > hardware.reram_value_base_word || value_word > hardware.limits.reram_words) {
    throw std::invalid_argument("embedding tables do not fit the ReRAM store");
  }

  // Aux: static blocks (LayerNorms, spans, the embedding map's bias, token ids and types,
  // entropies), then one slot per per-layer blob.
  uint32_t aux_cursor = 0;
  auto place = [&](const std::string& slot, size_t bytes) {
    aux_[slot] = aux_cursor;
    aux_cursor = RoundUp(aux_cursor + static_cast<uint32_t>(bytes), 4);
  };
  auto place_static = [&](const std::string& blob) {
    const auto bytes = model_.BlobBytes(image, blob);
    place(blob, bytes.size());
    load_.aux.push_back({blob, aux_[blob], ToBytes(bytes)});
  };
  for (const char* norm : {"embedding_norm", "attention_norm", "output_norm"}) {
    place_static(std::string(norm) + ".gamma");
    place_static(std::string(norm) + ".beta");
  }
  for (int h = 0; h < s.num_attention_heads; ++h) {
    const std::string blob = "span_mask." + std::to_string(h);
    place_static(blob);
    const auto mask = model_.BlobBytes(image, blob);
    if (mask.size() != static_cast<size_t>(model_.seq_len)) Fail(blob + " is not seq_len long");
    head_active_.push_back(std::any_of(mask.begin(), mask.end(), [](uint8_t b) { return b; }));
  }
  place_static("embedding_map.bias.-1");
  const auto seq = static_cast<size_t>(model_.seq_len);
  place("token_ids", 2 * seq);
  place("token_types", seq);
  place("entropies", 4 * static_cast<size_t>(s.num_hidden_layers));
  for (const char* matrix : kLayerBiases) {
    const size_t outputs = std::string(matrix) == "classifier" ? n
                           : std::string(matrix) == "ffn"      ? size_t(s.intermediate_size)
                                                               : size_t(s.hidden_size);
    place(std::string(matrix) + ".bias", 4 * outputs);
  }
  place("gelu_table", af8::kActivationTableSize);
  place("tanh_table", af8::kActivationTableSize);
  if (aux_cursor > hardware.limits.aux_bytes) {
    throw std::invalid_argument("model needs " + std::to_string(aux_cursor) +
                                " aux bytes, the accelerator has " +
                                std::to_string(hardware.limits.aux_bytes));
  }
  // Every per-layer blob must exist with the slot's size (the classifier's up to it).
  for (int l = 0; l < s.num_hidden_layers; ++l) {
    for (const char* matrix : kLayerBiases) {
      const auto bytes =
          model_.BlobBytes(image, std::string(matrix) + ".bias." + std::to_string(l));
      const size_t expected =
          4 * static_cast<size_t>(std::string(matrix) == "classifier" ? s.num_labels
                                  : std::string(matrix) == "ffn"      ? s.intermediate_size
                                                                      : s.hidden_size);
      if (bytes.size() != expected) Fail(std::string(matrix) + ".bias." + std::to_string(l));
    }
    for (const char* table : {"gelu_table.", "tanh_table."}) {
      if (model_.BlobBytes(image, table + std::to_string(l)).size() != af8::kActivationTableSize) {
        Fail(table + std::to_string(l) + " is not a 256-byte table");
      }
    }
  }
  // Kept for LayerStage: the per-layer blob bytes.
  for (int l = 0; l < s.num_hidden_layers; ++l) {
    for (const char* matrix : kLayerBiases) {
      const std::string blob = std::string(matrix) + ".bias." + std::to_string(l);
      layer_blobs_[blob] = ToBytes(model_.BlobBytes(image, blob));
    }
    for (const char* table : {"gelu_table.", "tanh_table."}) {
      const std::string blob = table + std::to_string(l);
      layer_blobs_[blob] = ToBytes(model_.BlobBytes(image, blob));
    }
  }

  // UAB buffers; strides from the image's sequence length, so any row count fits.
  const auto seq_len = static_cast<uint32_t>(model_.seq_len);
  uab_.hidden_stride = static_cast<uint32_t>(s.hidden_size) / n;
  uab_.embedding_stride = static_cast<uint32_t>(s.embedding_size) / n;
  uab_.seq_stride = seq_len / n;
  uab_.ffn_stride = static_cast<uint32_t>(s.intermediate_size) / n;
  uint32_t uab_cursor = 0;
  auto take = [&](uint32_t vectors) {
    const uint32_t base = uab_cursor;
    uab_cursor += vectors;
    return base;
  };
  const uint32_t hidden_tensor = seq_len * uab_.hidden_stride;
  uab_.embedding = take(seq_len * uab_.embedding_stride);
  uab_.x = take(hidden_tensor);
  uab_.q = take(hidden_tensor);
  uab_.k = take(hidden_tensor);
  uab_.vt = take(static_cast<uint32_t>(s.hidden_size) * uab_.seq_stride);
  uab_.scores = take(seq_len * uab_.seq_stride);
  uab_.probs = take(seq_len * uab_.seq_stride);
  uab_.ctx = take(hidden_tensor);
  uab_.ffn = take(seq_len * uab_.ffn_stride);
  uab_.pooled = take(uab_.hidden_stride);
  uab_.logits = take(1);
  uab_.end = uab_cursor;
  if (uab_.end > hardware.limits.uab_vectors) {
    throw std::invalid_argument("model needs " + std::to_string(uab_.end) + " UAB vectors at T = " +
                                std::to_string(seq_len) + ", the accelerator has " +
                                std::to_string(hardware.limits.uab_vectors));
  }
}

uint32_t AlbertProgram::Aux(const std::string& name) const { return aux_.at(name); }

bool AlbertProgram::HasOffRamp(int layer) const {
  return model_.off_ramps != OffRamps::kNone || layer + 1 == model_.shape.num_hidden_layers;
}

uint32_t AlbertProgram::entropy_address(int layer) const {
  return Aux("entropies") + 4 * static_cast<uint32_t>(layer);
}

std::vector<AuxBlock> AlbertProgram::InputLoads(std::span<const int32_t> ids,
                                                std::span<const uint8_t> types) const {
  if (ids.size() != types.size() || ids.empty() ||
      ids.size() > static_cast<size_t>(model_.seq_len)) {
    throw std::invalid_argument("input: ids and types must have equal length, 1..seq_len");
  }
  AuxBlock id_block{"token_ids", Aux("token_ids"), {}};
  for (size_t t = 0; t < ids.size(); ++t) {
    if (ids[t] < 0 || ids[t] >= model_.shape.vocab_size ||
        types[t] >= model_.shape.type_vocab_size) {
      throw std::invalid_argument("input: token " + std::to_string(t) +
                                  " has an id or type outside the vocabulary");
    }
    id_block.bytes.push_back(static_cast<uint8_t>(ids[t]));
    id_block.bytes.push_back(static_cast<uint8_t>(ids[t] >> 8));
  }
  return {std::move(id_block), {"token_types", Aux("token_types"), ToBytes(types)}};
}

AlbertProgram::InputShape AlbertProgram::ShapeOf(std::span<const uint8_t> attention,
                                                 bool padded) const {
  const size_t length = attention.size();
  if (length != static_cast<size_t>(model_.seq_len)) {
    throw std::invalid_argument("input: " + std::to_string(length) +
                                " positions; the image's sequence length is " +
                                std::to_string(model_.seq_len));
  }
  int keys = 0;
  while (keys < static_cast<int>(length) && attention[static_cast<size_t>(keys)]) ++keys;
  for (size_t t = static_cast<size_t>(keys); t < length; ++t) {
    if (attention[t]) throw std::invalid_argument("input: the attention mask is not a prefix");
  }
  if (keys == 0) throw std::invalid_argument("input: no token");
  const int lanes = hardware_.limits.lanes;
  return {padded ? model_.seq_len : (keys + lanes - 1) / lanes * lanes, keys};
}

void AlbertProgram::CheckRows(int rows, int keys) const {
  if (rows <= 0 || rows > model_.seq_len || rows % hardware_.limits.lanes != 0 || keys < 1 ||
      keys > rows) {
    throw std::invalid_argument("program: rows " + std::to_string(rows) + " and keys " +
                                std::to_string(keys) +
                                " must satisfy 1 <= keys <= rows <= seq_len, rows a multiple of n");
  }
}

Stage AlbertProgram::EmbeddingStage(int rows) const {
  CheckRows(rows, rows);
  const AlbertConfig& s = model_.shape;
  const auto n = static_cast<uint32_t>(hardware_.limits.lanes);
  const auto t = static_cast<uint32_t>(rows);
  const auto e = static_cast<uint32_t>(s.embedding_size);
  const auto h = static_cast<uint32_t>(s.hidden_size);
  Stage stage;
  const int sum_bias = model_.ActivationBias("embedding_sum", -1);
  const int emb_bias = model_.ActivationBias("embedding", -1);

  GbCommand gather;
  gather.opcode = regs::Opcode::kGather;
  gather.rows = t;
  gather.cols = e;
  gather.exp_out = sum_bias;
  gather.word_table = reram_.at("word_embeddings");
  gather.pos_table = reram_.at("position_embeddings");
  gather.type_table = reram_.at("token_type_embeddings");
  gather.dst_addr = uab_.embedding;
  gather.dst_stride = uab_.embedding_stride;
  gather.ids_addr = Aux("token_ids");
  gather.types_addr = Aux("token_types");
  const TensorRef embedding{Space::kUab, uab_.embedding, uab_.embedding_stride, t, e, sum_bias};
  stage.commands.push_back({"embedding gather", golden::ToDescriptor(gather), embedding});

  const GbCommand norm = LayerNormCommand(model_, "embedding_norm", t, e, uab_.embedding,
                                          uab_.embedding, uab_.embedding_stride, sum_bias, emb_bias,
                                          Aux("embedding_norm.gamma"), Aux("embedding_norm.beta"));
  TensorRef normed = embedding;
  normed.exp = emb_bias;
  stage.commands.push_back({"embedding norm", golden::ToDescriptor(norm), normed});

  MatmulCommand map;
  map.has_bias = true;
  map.m = t;
  map.n = h;
  map.k = e;
  map.exp_a = emb_bias;
  map.exp_b = model_.WeightBias("embedding_map");
  map.exp_c = model_.ActivationBias("hidden", 0);
  map.a_addr = uab_.embedding;
  map.a_stride = uab_.embedding_stride;
  map.b_addr = wsram_.at("embedding_map");
  map.b_stride = e / n;
  map.c_addr = uab_.x;
  map.c_stride = uab_.hidden_stride;
  map.bias_addr = Aux("embedding_map.bias.-1");
  stage.hidden = {Space::kUab, uab_.x, uab_.hidden_stride, t, h, map.exp_c};
  stage.commands.push_back({"embedding map", golden::ToDescriptor(map), stage.hidden});

  // Heads that are off never write their context slice: zero it once per input.
  const auto head = static_cast<uint32_t>(s.head_size());
  for (const auto& [first, last] : Runs(head_active_, false)) {
    GbCommand fill;
    fill.opcode = regs::Opcode::kFill;
    fill.rows = t;
    fill.cols = static_cast<uint32_t>(last - first) * head;
    fill.value = 0;
    fill.dst_addr = uab_.ctx + static_cast<uint32_t>(first) * head / n;
    fill.dst_stride = uab_.hidden_stride;
    stage.commands.push_back(
        {"context zero heads " + std::to_string(first) + "-" + std::to_string(last - 1),
         golden::ToDescriptor(fill),
         {Space::kUab, fill.dst_addr, fill.dst_stride, t, fill.cols,
          model_.ActivationBias("context", 0)}});
  }
  return stage;
}

Stage AlbertProgram::LayerStage(int layer, int rows, int keys) const {
  CheckRows(rows, keys);
  const AlbertConfig& s = model_.shape;
  if (layer < 0 || layer >= s.num_hidden_layers) {
    throw std::invalid_argument("program: no layer " + std::to_string(layer));
  }
  const auto n = static_cast<uint32_t>(hardware_.limits.lanes);
  const auto t = static_cast<uint32_t>(rows);
  const auto hid = static_cast<uint32_t>(s.hidden_size);
  const auto inter = static_cast<uint32_t>(s.intermediate_size);
  const auto head = static_cast<uint32_t>(s.head_size());
  const uint32_t hs = uab_.hidden_stride, ss = uab_.seq_stride;
  const std::string L = "layer " + std::to_string(layer) + " ";
  auto bias = [&](const char* point) { return model_.ActivationBias(point, layer); };
  auto uab = [](uint32_t address, uint32_t stride, uint32_t r, uint32_t c, int exp) {
    return TensorRef{Space::kUab, address, stride, r, c, exp};
  };

  Stage stage;
  stage.layer = layer;
  for (const char* matrix : kLayerBiases) {
    const std::string slot = std::string(matrix) + ".bias";
    AuxBlock block{slot, Aux(slot), layer_blobs_.at(slot + "." + std::to_string(layer))};
    if (std::string(matrix) == "classifier") block.bytes.resize(4 * size_t{n}, 0);
    stage.loads.push_back(std::move(block));
  }
  for (const char* table : {"gelu_table", "tanh_table"}) {
    stage.loads.push_back(
        {table, Aux(table), layer_blobs_.at(std::string(table) + "." + std::to_string(layer))});
  }

  // `weight`'s matrix with the bias slot `slot` (the weight's own name when empty).
  auto matmul = [&](const std::string& weight, uint32_t a, uint32_t a_stride, int exp_a, uint32_t m,
                    uint32_t k, const std::string& slot = {}) {
    MatmulCommand c;
    c.has_bias = true;
    c.m = m;
    c.k = k;
    c.a_addr = a;
    c.a_stride = a_stride;
    c.exp_a = exp_a;
    c.b_addr = wsram_.at(weight);
    c.b_stride = k / n;
    c.exp_b = model_.WeightBias(weight);
    c.bias_addr = Aux((slot.empty() ? weight : slot) + ".bias");
    return c;
  };

  // Q, K and V^T for each run of active heads: their weight rows and bias entries.
  const int hidden_in = bias("hidden");
  for (const auto& [first, last] : Runs(head_active_, true)) {
    const uint32_t row0 = static_cast<uint32_t>(first) * head;
    const uint32_t width = static_cast<uint32_t>(last - first) * head;
    const std::string heads = "heads " + std::to_string(first) + "-" + std::to_string(last - 1);
    for (const char* which : {"query", "key", "value"}) {
      MatmulCommand c = matmul(which, uab_.x, hs, hidden_in, t, hid);
      c.n = width;
      c.b_addr += row0 * (hid / n);
      c.bias_addr += 4 * row0;
      c.exp_c = bias(which);
      TensorRef out;
      if (std::string(which) == "value") {
        c.trans_c = true;
        c.c_addr = uab_.vt + row0 * ss;
        c.c_stride = ss;
        out = uab(c.c_addr, ss, width, t, c.exp_c);
      } else {
        c.c_addr = (std::string(which) == "query" ? uab_.q : uab_.k) + row0 / n;
        c.c_stride = hs;
        out = uab(c.c_addr, hs, t, width, c.exp_c);
      }
      stage.commands.push_back({L + which + " " + heads, golden::ToDescriptor(c), out});
    }
  }

  // Per active head: scores, softmax with the span mask over the real keys, context.
  for (int hd = 0; hd < s.num_attention_heads; ++hd) {
    if (!head_active_[static_cast<size_t>(hd)]) continue;
    const uint32_t col0 = static_cast<uint32_t>(hd) * head;
    const std::string name = "head " + std::to_string(hd);
    MatmulCommand scores;
    scores.b_in_uab = true;
    scores.m = t;
    scores.n = t;
    scores.k = head;
    scores.exp_a = bias("query");
    scores.exp_b = bias("key");
    // Unscaled scores at bias + shift read back at bias are the scores / sqrt(head size).
    scores.exp_c = bias("scores") + score_shift_;
    scores.a_addr = uab_.q + col0 / n;
    scores.a_stride = hs;
    scores.b_addr = uab_.k + col0 / n;
    scores.b_stride = hs;
    scores.c_addr = uab_.scores;
    scores.c_stride = ss;
    stage.commands.push_back({L + name + " scores", golden::ToDescriptor(scores),
                              uab(uab_.scores, ss, t, t, scores.exp_c)});

    GbCommand softmax;
    softmax.opcode = regs::Opcode::kSoftmax;
    softmax.has_span = true;
    softmax.rows = t;
    softmax.cols = t;
    softmax.keys = static_cast<uint32_t>(keys);
    softmax.exp_in = bias("scores");
    softmax.exp_out = probability_bias_;
    softmax.src_addr = uab_.scores;
    softmax.src_stride = ss;
    softmax.dst_addr = uab_.probs;
    softmax.dst_stride = ss;
    softmax.aux_addr = Aux("span_mask." + std::to_string(hd));
    stage.commands.push_back({L + name + " softmax", golden::ToDescriptor(softmax),
                              uab(uab_.probs, ss, t, t, probability_bias_)});

    MatmulCommand context;
    context.b_in_uab = true;
    context.m = t;
    context.n = head;
    context.k = t;
    context.exp_a = probability_bias_;
    context.exp_b = bias("value");
    context.exp_c = bias("context");
    context.a_addr = uab_.probs;
    context.a_stride = ss;
    context.b_addr = uab_.vt + col0 * ss;
    context.b_stride = ss;
    context.c_addr = uab_.ctx + col0 / n;
    context.c_stride = hs;
    stage.commands.push_back({L + name + " context", golden::ToDescriptor(context),
                              uab(context.c_addr, hs, t, head, context.exp_c)});
  }

  // Output projection (into Q's buffer, free now), residual, LayerNorm (into K's buffer).
  const uint32_t o = uab_.q, h1 = uab_.k;
  MatmulCommand out = matmul("attention_out", uab_.ctx, hs, bias("context"), t, hid);
  out.n = hid;
  out.exp_c = bias("attention_out");
  out.c_addr = o;
  out.c_stride = hs;
  stage.commands.push_back(
      {L + "attention out", golden::ToDescriptor(out), uab(o, hs, t, hid, out.exp_c)});

  auto add = [&](const std::string& name, uint32_t a, int exp_a, uint32_t b, int exp_b,
                 int exp_out) {
    GbCommand c;
    c.opcode = regs::Opcode::kAdd;
    c.rows = t;
    c.cols = hid;
    c.exp_in = exp_a;
    c.exp_b = exp_b;
    c.exp_out = exp_out;
    c.src_addr = a;
    c.src_stride = hs;
    c.b_addr = b;
    c.b_stride = hs;
    c.dst_addr = b;
    c.dst_stride = hs;
    stage.commands.push_back({name, golden::ToDescriptor(c), uab(b, hs, t, hid, exp_out)});
  };
  auto layernorm = [&](const std::string& name, const std::string& norm, uint32_t src, int exp_in,
                       uint32_t dst, int exp_out) {
    const GbCommand c = LayerNormCommand(model_, norm, t, hid, src, dst, hs, exp_in, exp_out,
                                         Aux(norm + ".gamma"), Aux(norm + ".beta"));
    stage.commands.push_back({name, golden::ToDescriptor(c), uab(dst, hs, t, hid, exp_out)});
  };
  add(L + "residual 1", uab_.x, hidden_in, o, out.exp_c, bias("attention_sum"));
  layernorm(L + "attention norm", "attention_norm", o, bias("attention_sum"), h1,
            bias("attention_norm"));

  // FFN: GELU fused into the first matmul, the second into Q's buffer again.
  MatmulCommand ffn1 = matmul("ffn", h1, hs, bias("attention_norm"), t, hid);
  ffn1.n = inter;
  ffn1.act = static_cast<uint32_t>(regs::Act::kGelu);
  ffn1.exp_pre = bias("ffn_pre");
  ffn1.exp_c = bias("ffn_act");
  ffn1.act_table_addr = Aux("gelu_table");
  ffn1.c_addr = uab_.ffn;
  ffn1.c_stride = uab_.ffn_stride;
  stage.commands.push_back({L + "ffn1", golden::ToDescriptor(ffn1),
                            uab(uab_.ffn, uab_.ffn_stride, t, inter, ffn1.exp_c)});
  const uint32_t o2 = uab_.q;
  MatmulCommand ffn2 = matmul("ffn_out", uab_.ffn, uab_.ffn_stride, bias("ffn_act"), t, inter);
  ffn2.n = hid;
  ffn2.exp_c = bias("ffn_out");
  ffn2.c_addr = o2;
  ffn2.c_stride = hs;
  stage.commands.push_back(
      {L + "ffn2", golden::ToDescriptor(ffn2), uab(o2, hs, t, hid, ffn2.exp_c)});
  add(L + "residual 2", h1, bias("attention_norm"), o2, ffn2.exp_c, bias("output_sum"));
  layernorm(L + "output norm", "output_norm", o2, bias("output_sum"), uab_.x, bias("output_norm"));

  stage.hidden = stage.commands.back().out;
  if (!HasOffRamp(layer)) return stage;
  // Off-ramp on [CLS] (row 0): pooler with tanh, classifier (padded to n outputs), entropy. With
  // highways, every layer but the last has its own pooler and classifier.
  const bool own = model_.off_ramps == OffRamps::kHighway && layer + 1 < s.num_hidden_layers;
  const std::string ramp = own ? "highway." + std::to_string(layer) + "." : "";
  MatmulCommand pooler = matmul(ramp + "pooler", uab_.x, hs, bias("output_norm"), 1, hid, "pooler");
  pooler.n = hid;
  pooler.act = static_cast<uint32_t>(regs::Act::kTanh);
  pooler.exp_pre = bias("pooler_pre");
  pooler.exp_c = bias("pooled");
  pooler.act_table_addr = Aux("tanh_table");
  pooler.c_addr = uab_.pooled;
  pooler.c_stride = hs;
  stage.commands.push_back(
      {L + "pooler", golden::ToDescriptor(pooler), uab(uab_.pooled, hs, 1, hid, pooler.exp_c)});
  MatmulCommand classifier =
      matmul(ramp + "classifier", uab_.pooled, hs, bias("pooled"), 1, hid, "classifier");
  classifier.n = n;
  classifier.exp_c = bias("logits");
  classifier.c_addr = uab_.logits;
  classifier.c_stride = 1;
  stage.logits = uab(uab_.logits, 1, 1, n, classifier.exp_c);
  stage.commands.push_back({L + "classifier", golden::ToDescriptor(classifier), *stage.logits});
  GbCommand entropy;
  entropy.opcode = regs::Opcode::kEntropy;
  entropy.irq = true;
  entropy.stop_on_exit = true;
  entropy.cols = static_cast<uint32_t>(s.num_labels);
  entropy.exp_in = classifier.exp_c;
  entropy.src_addr = uab_.logits;
  entropy.aux_addr = entropy_address(layer);
  stage.commands.push_back(
      {L + "entropy", golden::ToDescriptor(entropy), {Space::kAux, entropy.aux_addr, 0, 1, 4, 0}});
  return stage;
}

}  // namespace edgebert::model
