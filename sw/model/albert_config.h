// The shapes and constants of an ALBERT checkpoint (Hugging Face config.json).
#pragma once

#include <filesystem>
#include <string>

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

// Reads config.json (JSON is YAML, so yaml-cpp parses it). Throws std::runtime_error naming the
// file and key for a missing file, a malformed value, an unsupported activation, or shapes that
// do not divide (hidden size by heads) or are not positive.
AlbertConfig LoadAlbertConfig(const std::filesystem::path& config_json);

}  // namespace edgebert::model
