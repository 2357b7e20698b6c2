#include "model/albert_config.h"

#include <yaml-cpp/yaml.h>

#include <stdexcept>

#include "util/yaml_document.h"

namespace edgebert::model {
namespace {

template <typename T>
void Read(const YAML::Node& root, const char* key, T& value, const std::filesystem::path& file) {
  const YAML::Node node = root[key];
  if (!node) return;  // the Hugging Face default applies
  try {
    value = node.as<T>();
  } catch (const YAML::Exception&) {
    throw std::runtime_error(file.string() + ": key " + key + " has a malformed value");
  }
}

}  // namespace

AlbertConfig LoadAlbertConfig(const std::filesystem::path& config_json) {
  return ParseAlbertConfig(util::ReadConfigText(config_json), config_json);
}

AlbertConfig ParseAlbertConfig(std::string_view text, const std::filesystem::path& config_json) {
  const YAML::Node root = util::LoadMapping(text, config_json.string(), "not a JSON object");
  AlbertConfig c;
  Read(root, "vocab_size", c.vocab_size, config_json);
  Read(root, "embedding_size", c.embedding_size, config_json);
  Read(root, "hidden_size", c.hidden_size, config_json);
  Read(root, "num_hidden_layers", c.num_hidden_layers, config_json);
  Read(root, "num_attention_heads", c.num_attention_heads, config_json);
  Read(root, "intermediate_size", c.intermediate_size, config_json);
  Read(root, "max_position_embeddings", c.max_position_embeddings, config_json);
  Read(root, "type_vocab_size", c.type_vocab_size, config_json);
  Read(root, "layer_norm_eps", c.layer_norm_eps, config_json);
  Read(root, "hidden_act", c.hidden_act, config_json);
  // Hugging Face's layer groups: layer l uses group l * groups / layers, and each group applies
  // its inner layers in turn. The image holds one shared layer, so only 1 x 1 is loadable.
  int groups = 1, inner = 1;
  Read(root, "num_hidden_groups", groups, config_json);
  Read(root, "inner_group_num", inner, config_json);
  if (groups != 1 || inner != 1) {
    throw std::runtime_error(config_json.string() + ": num_hidden_groups " +
                             std::to_string(groups) + " and inner_group_num " +
                             std::to_string(inner) +
                             " are not supported: EdgeBERT runs one shared ALBERT layer "
                             "(num_hidden_groups 1, inner_group_num 1)");
  }
  if (root["id2label"] && root["id2label"].IsMap()) {
    c.num_labels = static_cast<int>(root["id2label"].size());
  }
  Read(root, "num_labels", c.num_labels, config_json);
  using L = ShapeLimits;
  const struct {
    const char* key;
    int value, max;
  } shapes[] = {{"vocab_size", c.vocab_size, L::kVocab},
                {"embedding_size", c.embedding_size, L::kEmbedding},
                {"hidden_size", c.hidden_size, L::kHidden},
                {"num_hidden_layers", c.num_hidden_layers, kMaxLayers},
                {"num_attention_heads", c.num_attention_heads, L::kHeads},
                {"intermediate_size", c.intermediate_size, L::kIntermediate},
                {"max_position_embeddings", c.max_position_embeddings, L::kPositions},
                {"type_vocab_size", c.type_vocab_size, L::kTokenTypes},
                {"num_labels", c.num_labels, L::kLabels}};
  for (const auto& s : shapes) {
    if (s.value <= 0 || s.value > s.max) {
      throw std::runtime_error(config_json.string() + ": " + s.key + " " + std::to_string(s.value) +
                               " is outside 1.." + std::to_string(s.max));
    }
  }
  if (c.hidden_size % c.num_attention_heads != 0) {
    throw std::runtime_error(config_json.string() + ": hidden_size " +
                             std::to_string(c.hidden_size) + " is not a multiple of " +
                             std::to_string(c.num_attention_heads) + " heads");
  }
  // transformers' gelu_pytorch_tanh is gelu_new's formula (the tanh approximation).
  if (c.hidden_act == "gelu_pytorch_tanh") c.hidden_act = "gelu_new";
  if (c.hidden_act != "gelu_new") {
    throw std::runtime_error(
        config_json.string() + ": hidden_act " + c.hidden_act +
        " is not supported (ALBERT uses gelu_new or its alias gelu_pytorch_tanh)");
  }
  return c;
}

}  // namespace edgebert::model
