// The shapes and constants of an ALBERT checkpoint (Hugging Face config.json).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace edgebert::model {

struct AlbertConfig {
  int vocab_size = 30000;
  int embedding_size = 128;
  int hidden_size = 768;
  int num_hidden_layers = 12;
  int num_attention_heads = 12;
  int intermediate_size = 3072;
  int max_position_embeddings = 512;
  int type_vocab_size = 2;
  int num_labels = 2;
  double layer_norm_eps = 1e-12;
  std::string hidden_act = "gelu_new";

  int head_size() const { return hidden_size / num_attention_heads; }
};

// Encoder passes the firmware runs (firmware::kMaxLayers; sw/lockstep checks the two agree).
inline constexpr int kMaxLayers = 64;

// The largest shapes taken, each the largest ALBERT's (xxlarge: hidden 4096, FFN 16384, 64 heads;
// 30000 pieces, 512 positions) with room to spare; larger ones are refused before any weight is
// allocated (hidden_size 1e9 used to end in std::bad_alloc).
struct ShapeLimits {
  static constexpr int kVocab = 262144, kEmbedding = 4096, kHidden = 4096, kHeads = 64,
                       kIntermediate = 16384, kPositions = 4096, kTokenTypes = 16, kLabels = 1024;
};

// Reads config.json (JSON is YAML, so yaml-cpp parses it). Throws std::runtime_error naming the
// file and key for a missing file, a malformed value, a key given twice, an unsupported
// activation, or shapes that do not divide (hidden size by heads), are not positive or exceed
// kMaxLayers and ShapeLimits.
AlbertConfig LoadAlbertConfig(const std::filesystem::path& config_json);
// The same from the file's text; `name` stands for the file in messages (the fuzz target's entry).
AlbertConfig ParseAlbertConfig(std::string_view text, const std::filesystem::path& name);

}  // namespace edgebert::model
