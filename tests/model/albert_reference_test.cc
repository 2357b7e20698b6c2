// The C++ float reference against Hugging Face transformers on a small random ALBERT
// (tests/model/fixtures/albert_tiny, made by tools/make_albert_fixture.py).
#include "model/albert_reference.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <span>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "model/albert_config.h"
#include "model/safetensors.h"

namespace edgebert::model {
namespace {

const std::filesystem::path kFixture =
    std::filesystem::path(EDGEBERT_SOURCE_DIR) / "tests/model/fixtures/albert_tiny";

struct Case {
  std::vector<int32_t> ids;
  std::vector<uint8_t> types, mask;
  std::vector<float> logits;
  std::vector<std::vector<float>> cls_hidden;
};

std::vector<Case> LoadCases() {
  const YAML::Node root = YAML::LoadFile((kFixture / "reference.json").string());
  std::vector<Case> cases;
  for (const auto& node : root["cases"]) {
    Case c;
    for (const auto& v : node["input_ids"]) c.ids.push_back(v.as<int32_t>());
    for (const auto& v : node["token_type_ids"])
      c.types.push_back(static_cast<uint8_t>(v.as<int>()));
    for (const auto& v : node["attention_mask"])
      c.mask.push_back(static_cast<uint8_t>(v.as<int>()));
    for (const auto& v : node["logits"]) c.logits.push_back(v.as<float>());
    for (const auto& layer : node["cls_hidden_states"]) {
      c.cls_hidden.emplace_back();
      for (const auto& v : layer) c.cls_hidden.back().push_back(v.as<float>());
    }
    cases.push_back(std::move(c));
  }
  return cases;
}

class AlbertReference : public ::testing::Test {
 protected:
  AlbertReference()
      : config_(LoadAlbertConfig(kFixture / "config.json")),
        file_(SafetensorsFile::Load(kFixture / "model.safetensors")),
        weights_(LoadAlbertWeights(file_, config_)) {}

  AlbertConfig config_;
  SafetensorsFile file_;
  AlbertWeights weights_;
};

TEST_F(AlbertReference, MatchesTransformersWithin1e4) {
  const auto cases = LoadCases();
  ASSERT_EQ(cases.size(), 3u);
  double worst = 0;
  for (size_t n = 0; n < cases.size(); ++n) {
    const Case& c = cases[n];
    const ForwardResult r = AlbertForward(config_, weights_, c.ids, c.types, c.mask);
    ASSERT_EQ(r.logits.size(), c.logits.size());
    for (size_t i = 0; i < c.logits.size(); ++i) {
      EXPECT_NEAR(r.logits[i], c.logits[i], 1e-4) << "case " << n << " logit " << i;
      worst = std::max(worst, std::fabs(double{r.logits[i]} - c.logits[i]));
    }
    ASSERT_EQ(r.cls_hidden.size(), c.cls_hidden.size());
    for (size_t l = 0; l < c.cls_hidden.size(); ++l) {
      for (size_t i = 0; i < c.cls_hidden[l].size(); ++i) {
        ASSERT_NEAR(r.cls_hidden[l][i], c.cls_hidden[l][i], 1e-4)
            << "case " << n << " layer " << l << " element " << i;
      }
    }
  }
  std::printf("[ parity   ] largest logit difference to transformers: %.3g\n", worst);
}

// The linear layers' definition, bit for bit: float32, each output from its bias plus the
// products in input order, every step rounded to float (albert_reference.cc, Apply). This test
// file is built without contraction too, so the loop below is that definition.
TEST_F(AlbertReference, LinearLayersAreFloat32InInputOrder) {
  const Case c = LoadCases()[0];
  std::map<std::string, std::vector<float>> seen;
  ForwardOptions options;
  options.observe = [&](std::string_view point, int layer, std::span<const float> values) {
    if (layer == 1) seen[std::string(point)].assign(values.begin(), values.end());
  };
  AlbertForward(config_, weights_, c.ids, c.types, c.mask, options);
  struct Layer {
    const char* input;
    const char* output;
    const Linear* linear;
  };
  for (const Layer& l : {Layer{"hidden", "query", &weights_.query},
                         Layer{"attention_norm", "ffn_pre", &weights_.ffn}}) {
    const std::vector<float>& x = seen.at(l.input);
    const std::vector<float>& y = seen.at(l.output);
    const auto in = static_cast<size_t>(l.linear->in), out = static_cast<size_t>(l.linear->out);
    ASSERT_EQ(y.size(), x.size() / in * out) << l.output;
    for (size_t t = 0; t < x.size() / in; ++t) {
      for (size_t o = 0; o < out; ++o) {
        float sum = l.linear->bias[o];
        for (size_t i = 0; i < in; ++i) sum += x[t * in + i] * l.linear->weight[o * in + i];
        ASSERT_EQ(y[t * out + o], sum) << l.output << " row " << t << " output " << o;
      }
    }
  }
}

TEST_F(AlbertReference, OffRampsGiveOneEntropyPerLayer) {
  const Case c = LoadCases()[0];
  ForwardOptions options;
  options.off_ramps = OffRamps::kShared;
  const ForwardResult r = AlbertForward(config_, weights_, c.ids, c.types, c.mask, options);
  ASSERT_EQ(r.entropies.size(), static_cast<size_t>(config_.num_hidden_layers));
  EXPECT_EQ(r.off_ramp_logits.back(), r.logits) << "the last off-ramp is the classifier";
  for (const double h : r.entropies) {
    EXPECT_GE(h, 0.0);
    EXPECT_LE(h, std::log(2.0) + 1e-12);
  }
  EXPECT_NEAR(Entropy(std::vector<float>{3.0f, 3.0f}), std::log(2.0), 1e-12);
  EXPECT_NEAR(Entropy(std::vector<float>{1000.0f, 0.0f}), 0.0, 1e-12) << "stable for large logits";
}

TEST_F(AlbertReference, SpanMasksScaleHeads) {
  const Case c = LoadCases()[0];
  const ForwardResult plain = AlbertForward(config_, weights_, c.ids, c.types, c.mask);
  ForwardOptions ones;
  ones.span_masks.assign(static_cast<size_t>(config_.num_attention_heads),
                         std::vector<float>(c.ids.size(), 1.0f));
  EXPECT_EQ(AlbertForward(config_, weights_, c.ids, c.types, c.mask, ones).logits, plain.logits);
  ForwardOptions off = ones;
  off.span_masks[1].assign(c.ids.size(), 0.0f);  // head 1 skipped
  EXPECT_NE(AlbertForward(config_, weights_, c.ids, c.types, c.mask, off).logits, plain.logits);
  ForwardOptions bad;
  bad.span_masks.assign(2, std::vector<float>(c.ids.size(), 1.0f));
  EXPECT_THROW(AlbertForward(config_, weights_, c.ids, c.types, c.mask, bad),
               std::invalid_argument);
}

TEST_F(AlbertReference, MismatchedConfigNamesTheTensor) {
  AlbertConfig wrong = config_;
  wrong.intermediate_size = 256;
  try {
    LoadAlbertWeights(file_, wrong);
    FAIL() << "a 128-wide FFN loaded as 256";
  } catch (const FormatError& e) {
    EXPECT_NE(std::string(e.what()).find("ffn.weight"), std::string::npos) << e.what();
  }
  const auto bad = std::filesystem::temp_directory_path() / "edgebert_bad_config.json";
  std::ofstream(bad) << R"({"hidden_size": 64, "num_attention_heads": 5})";
  EXPECT_THROW(LoadAlbertConfig(bad), std::runtime_error);
  std::ofstream(bad) << R"({"hidden_act": "relu"})";
  EXPECT_THROW(LoadAlbertConfig(bad), std::runtime_error);
  std::filesystem::remove(bad);
  const Case c = LoadCases()[0];
  std::vector<int32_t> ids = c.ids;
  ids[1] = config_.vocab_size;
  EXPECT_THROW(AlbertForward(config_, weights_, ids, c.types, c.mask), std::invalid_argument);
}

// Shapes past the largest ALBERT's, or past the firmware's 64 layers, are refused before any
// weight is allocated; so is a key given twice (yaml-cpp would take the first silently).
TEST(AlbertConfigLoad, RefusesShapesOutOfRangeAndRepeatedKeys) {
  const auto file = std::filesystem::temp_directory_path() / "edgebert_range_config.json";
  const std::pair<const char*, const char*> cases[] = {
      {R"({"num_hidden_layers": 1000000})", "num_hidden_layers 1000000 is outside 1..64"},
      {R"({"hidden_size": 1000000000})", "hidden_size 1000000000 is outside 1..4096"},
      {R"({"num_labels": 0})", "num_labels 0 is outside 1..1024"},
      {R"({"hidden_size": 64, "hidden_size": 128})", "key hidden_size given twice"},
  };
  for (const auto& [json, fragment] : cases) {
    std::ofstream(file) << json;
    try {
      LoadAlbertConfig(file);
      ADD_FAILURE() << json << " was accepted";
    } catch (const std::runtime_error& e) {
      EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    }
  }
  std::filesystem::remove(file);
}

// Hugging Face layer groups (num_hidden_groups, inner_group_num > 1) would need weights the
// image cannot hold: refused by name, never loaded as group 0, layer 0.
TEST(AlbertConfigLoad, RefusesLayerGroupsByName) {
  const auto file = std::filesystem::temp_directory_path() / "edgebert_groups_config.json";
  for (const char* json : {R"({"num_hidden_groups": 2})", R"({"inner_group_num": 2})"}) {
    std::ofstream(file) << json;
    try {
      LoadAlbertConfig(file);
      ADD_FAILURE() << json << " was accepted";
    } catch (const std::runtime_error& e) {
      EXPECT_NE(std::string(e.what()).find("num_hidden_groups"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("inner_group_num"), std::string::npos) << e.what();
    }
  }
  std::ofstream(file) << R"({"num_hidden_groups": 1, "inner_group_num": 1})";
  EXPECT_NO_THROW(LoadAlbertConfig(file));
  std::filesystem::remove(file);
}

// transformers' gelu_pytorch_tanh is gelu_new's formula.
TEST(AlbertConfigLoad, AcceptsGeluPytorchTanhAsGeluNew) {
  const auto file = std::filesystem::temp_directory_path() / "edgebert_gelu_config.json";
  std::ofstream(file) << R"({"hidden_act": "gelu_pytorch_tanh"})";
  EXPECT_EQ(LoadAlbertConfig(file).hidden_act, "gelu_new");
  std::ofstream(file) << R"({"hidden_act": "gelu"})";
  EXPECT_THROW(LoadAlbertConfig(file), std::runtime_error) << "erf GELU is another function";
  std::filesystem::remove(file);
}

}  // namespace
}  // namespace edgebert::model
