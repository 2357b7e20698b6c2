// A compiled model (docs/model_image.md) as the accelerator runs it: where every tensor lives
// (WSRAM, ReRAM, aux buffer, UAB buffers) and the command streams of the embedding stage and of
// each encoder layer with its off-ramp (docs/architecture.md section 7). The full-model golden
// executes these streams on golden::GoldenAccelerator; the driver and firmware issue the same
// descriptors to the RTL, so both sides agree command by command.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "golden/accelerator.h"
#include "golden/descriptor.h"
#include "golden/reram.h"
#include "model/albert_config.h"
#include "model/model_image.h"
#include "model/off_ramps.h"
#include "numerics/sparse.h"

namespace edgebert::model {

// The PARAMS section of a compiled image, parsed and checked.
struct CompiledModel {
  struct Blob {
    SectionType section;
    uint64_t offset = 0, size = 0;
  };

  std::string task;
  int lanes = 0, seq_len = 0;
  AlbertConfig shape;
  std::vector<int> spans;
  OffRamps off_ramps = OffRamps::kShared;
  uint32_t entropy_threshold_q24 = 0;
  std::map<std::string, int, std::less<>> weight_biases;
  std::map<std::string, std::map<int, int>, std::less<>> activation_biases;
  std::map<std::string, Blob, std::less<>> blobs;

  // Throw FormatError naming what is missing.
  int WeightBias(const std::string& tensor) const;
  int ActivationBias(const std::string& point, int layer) const;
  std::span<const uint8_t> BlobBytes(const ModelImage& image, const std::string& name) const;
};

// Throws FormatError for a missing section, malformed YAML, an unknown format or version, or a
// blob that leaves its section.
CompiledModel ParseCompiledModel(const ModelImage& image);

// Which buffer a command's result lands in.
enum class Space { kUab, kAux };

// Where one command's result lands: a rows x cols AF8 tensor in the UAB (vector address,
// stride in vectors, exponent bias), or `cols` bytes of the aux buffer (ENTROPY's H).
struct TensorRef {
  Space space = Space::kUab;
  uint32_t address = 0, stride = 0;
  uint32_t rows = 0, cols = 0;
  int exp = 0;
};

struct ProgramCommand {
  std::string name;  // "layer 3 ffn1", "embedding gather", ...
  golden::Descriptor words{};
  TensorRef out;
};

// Bytes the host writes into the aux buffer.
struct AuxBlock {
  std::string name;
  uint32_t address = 0;
  std::vector<uint8_t> bytes;
};

// A weight matrix in the WSRAM: rows x cols codes (rows padded with zero rows), as the image
// holds them (`planes`, bitmask-encoded: what the host copies into the WSRAM) and decoded
// (`codes`, dense, for the golden model).
struct WsramTensor {
  std::string name;
  uint32_t base = 0, stride = 0;
  int rows = 0, cols = 0;
  sparse::SparseTensor planes;
  std::vector<uint8_t> codes;
};

// An embedding table in the ReRAM store: header, masks and row offsets at base_word (SLC region),
// values at value_word.
struct ReramTable {
  std::string name;
  uint32_t base_word = 0, value_word = 0;
  golden::PackedEmbeddingTable table;
};

// What the host loads once per model (the ReRAM part once per embedding set).
struct ModelLoad {
  std::vector<ReramTable> reram;
  std::vector<WsramTensor> wsram;
  std::vector<AuxBlock> aux;
};

// One batch of work: aux blocks the host writes first (per-layer biases and tables), then the
// commands, pushed in order. A layer stage with an off-ramp (every layer, or only the last with
// off_ramps none) ends with its ENTROPY (STOP_ON_EXIT, IRQ).
struct Stage {
  int layer = -1;  // -1: embeddings
  std::vector<AuxBlock> loads;
  std::vector<ProgramCommand> commands;
  TensorRef hidden;                 // the hidden state X the stage leaves (T x hidden)
  std::optional<TensorRef> logits;  // the off-ramp's logits (n codes), when it has one
};

// UAB buffers (vector addresses); strides are fixed by the image's sequence length.
struct UabPlan {
  uint32_t embedding = 0, x = 0, q = 0, k = 0, vt = 0, scores = 0, probs = 0, ctx = 0, ffn = 0,
           pooled = 0, logits = 0, end = 0;
  uint32_t hidden_stride = 0, embedding_stride = 0, seq_stride = 0, ffn_stride = 0;
};

// Whether a model of this shape, at this sequence length, runs on an accelerator of n = lanes:
// head size and sequence length multiples of n, at most n labels, at most kMaxLayers layers, the
// head size a power of 4. std::invalid_argument naming the first that fails. The compiler checks
// before writing an image, the program before running one.
void CheckShapeFits(const AlbertConfig& shape, int lanes, int seq_len);

class AlbertProgram {
 public:
  // Places `image` in an accelerator of `hardware`'s sizes. Throws std::invalid_argument when it
  // does not fit (lanes, buffer sizes, head size not a multiple of n or not a power of 4) and
  // FormatError when the image is inconsistent.
  AlbertProgram(const ModelImage& image, const golden::AcceleratorConfig& hardware);

  const CompiledModel& model() const { return model_; }
  const ModelLoad& load() const { return load_; }
  const UabPlan& uab() const { return uab_; }
  // The probabilities' exponent bias (1.0 in the top binade).
  int probability_bias() const { return probability_bias_; }
  // Aux byte address of layer l's stored entropy (uint32 Q8.24).
  uint32_t entropy_address(int layer) const;

  // The token ids (uint16) and token types of one input. ids.size() == types.size() <=
  // seq_len, ids inside the vocabulary (std::invalid_argument otherwise).
  std::vector<AuxBlock> InputLoads(std::span<const int32_t> ids,
                                   std::span<const uint8_t> types) const;

  // The rows and keys one input runs with: keys = its real tokens (the attention mask must be a
  // prefix of ones of the image's sequence length, std::invalid_argument otherwise); rows = keys
  // rounded up to n, or the full sequence length when `padded`.
  struct InputShape {
    int rows = 0, keys = 0;
  };
  InputShape ShapeOf(std::span<const uint8_t> attention, bool padded) const;

  // The stages for `rows` query rows (a multiple of n, <= seq_len) of which the first `keys`
  // (1..rows) are real tokens. Throws std::invalid_argument otherwise.
  Stage EmbeddingStage(int rows) const;
  Stage LayerStage(int layer, int rows, int keys) const;
  // Whether layer l's stage ends with an off-ramp.
  bool HasOffRamp(int layer) const;

 private:
  void CheckRows(int rows, int keys) const;
  uint32_t Aux(const std::string& name) const;

  CompiledModel model_;
  golden::AcceleratorConfig hardware_;
  ModelLoad load_;
  UabPlan uab_;
  std::map<std::string, uint32_t, std::less<>> wsram_;  // matrix -> base vector
  std::map<std::string, uint32_t, std::less<>> aux_;    // static and per-layer slots
  std::map<std::string, uint32_t, std::less<>> reram_;  // table -> header byte address
  std::map<std::string, std::vector<uint8_t>, std::less<>> layer_blobs_;  // "<blob>.<layer>"
  std::vector<bool> head_active_;
  int probability_bias_ = 0;
  int score_shift_ = 0;  // log2(sqrt(head size))
};

}  // namespace edgebert::model
