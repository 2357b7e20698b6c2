// The model compiler on the tiny ALBERT fixture and on a 12-head model for every task preset.
#include "model/compiler.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/albert_config.h"
#include "model/albert_reference.h"
#include "model/model_image.h"
#include "model/safetensors.h"
#include "model/task_config.h"
#include "model/tokenizer.h"
#include "numerics/af8.h"
#include "workloads/sst2_sample.h"
#include "workloads/synthetic_albert.h"

namespace edgebert::model {
namespace {

const std::filesystem::path kSource(EDGEBERT_SOURCE_DIR);
using sim::kFixtures;

std::vector<Encoding> Calibration(int seq_len, int count) {
  return sim::Sst2Encodings(seq_len, count);
}

TaskConfig TinyTask(double encoder_sparsity, std::vector<int> spans) {
  TaskConfig t;
  t.task = "tiny";
  t.labels = 2;
  t.encoder_sparsity = encoder_sparsity;
  t.embedding_sparsity = 0.6;
  t.spans = std::move(spans);
  t.entropy_thresholds = {0.1, 0.2};
  t.entropy_threshold = 0.2;
  return t;
}

class CompilerTest : public ::testing::Test {
 protected:
  CompilerTest()
      : config_(LoadAlbertConfig(kFixtures / "albert_tiny/config.json")),
        file_(SafetensorsFile::Load(kFixtures / "albert_tiny/model.safetensors")) {}

  ModelImage Compile(const TaskConfig& task, CompileReport* report = nullptr) {
    AlbertWeights w = LoadAlbertWeights(file_, config_);
    return CompileModel(config_, w, task, Calibration(64, 16), {16, 64}, report);
  }

  AlbertConfig config_;
  SafetensorsFile file_;
};

TEST_F(CompilerTest, ImageHoldsEverySectionAndBlob) {
  CompileReport report;
  const ModelImage image = Compile(TinyTask(0.5, {10, 0, 20, 5}), &report);
  const ModelImage back = ParseModelImage(WriteModelImage(image), "compiled");
  EXPECT_EQ(back.sections, image.sections);
  const auto& text = image.section(SectionType::kParams);
  const YAML::Node params = YAML::Load(std::string(text.begin(), text.end()));
  EXPECT_EQ(params["lanes"].as<int>(), 16);
  EXPECT_EQ(params["seq_len"].as<int>(), 64);
  EXPECT_EQ(params["spans"].as<std::vector<int>>(), (std::vector<int>{10, 0, 20, 5}));
  EXPECT_EQ(params["entropy_threshold_q24"].as<uint32_t>(), 3355443u);
  // Every blob lies inside its section.
  for (const auto& blob : params["blobs"]) {
    const auto section = blob.second["section"].as<std::string>();
    const SectionType type = section == "RERAM"  ? SectionType::kReram
                             : section == "SRAM" ? SectionType::kSram
                                                 : SectionType::kAux;
    EXPECT_LE(blob.second["offset"].as<uint64_t>() + blob.second["size"].as<uint64_t>(),
              image.section(type).size())
        << blob.first.as<std::string>();
  }
  for (const char* name : {"word_embeddings.slc", "query.values", "query.masks", "ffn_out.values",
                           "query.bias.2", "embedding_map.bias.-1", "span_mask.3", "gelu_table.0",
                           "output_norm.gamma", "classifier.bias.1"}) {
    EXPECT_TRUE(params["blobs"][name]) << name;
  }
  // The span mask of the head that is off is all zero.
  const auto off = params["blobs"]["span_mask.1"];
  const auto& aux = image.section(SectionType::kAux);
  for (uint64_t i = 0; i < off["size"].as<uint64_t>(); ++i) {
    ASSERT_EQ(aux[off["offset"].as<uint64_t>() + i], 0);
  }
  EXPECT_NEAR(report.encoder_sparsity, 0.5, 0.01);
  EXPECT_NEAR(report.embedding_sparsity, 0.6, 0.01);
  EXPECT_EQ(report.reram_bytes, image.section(SectionType::kReram).size());
  EXPECT_LT(report.sram_compressed_bytes, report.dense_fp32_bytes);
}

TEST_F(CompilerTest, CalibratedBiasesTrackActivationRanges) {
  const ModelImage image = Compile(TinyTask(0.5, {10, 0, 20, 5}));
  const auto& text = image.section(SectionType::kParams);
  const YAML::Node params = YAML::Load(std::string(text.begin(), text.end()));
  // Recompute the largest final logit of the calibration set: it lies in the bias's top binade.
  AlbertWeights w = LoadAlbertWeights(file_, config_);
  float largest = 0;
  ForwardOptions options;
  options.off_ramps = OffRamps::kShared;
  options.observe = [&](std::string_view point, int layer, std::span<const float> values) {
    if (point == "ffn_pre" && layer == 1) {
      for (const float v : values) largest = std::max(largest, std::fabs(v));
    }
  };
  // The compiler prunes before calibrating; its biases come from the pruned model, so compare
  // the bias rule on the same kind of quantity rather than the exact value.
  const int bias = params["activation_biases"]["ffn_pre"]["1"].as<int>();
  EXPECT_GE(bias, af8::kBiasMin);
  EXPECT_LE(bias, af8::kBiasMax);
  for (const auto& e : Calibration(64, 16))
    AlbertForward(config_, w, e.ids, e.token_types, e.attention, options);
  EXPECT_NEAR(bias, std::floor(std::log2(largest)) - 7, 2) << "close to the unpruned model's";
}

TEST_F(CompilerTest, TasksShareTheReramSection) {
  const ModelImage a = Compile(TinyTask(0.5, {10, 0, 20, 5}));
  const ModelImage b = Compile(TinyTask(0.8, {0, 30, 0, 0}));
  EXPECT_EQ(a.section(SectionType::kReram), b.section(SectionType::kReram));
  EXPECT_NE(a.section(SectionType::kSram), b.section(SectionType::kSram));
}

TEST_F(CompilerTest, MisfitTasksAreRejected) {
  EXPECT_THROW(Compile(TinyTask(0.5, {1, 2, 3})), std::invalid_argument) << "3 spans, 4 heads";
  TaskConfig three = TinyTask(0.5, {1, 2, 3, 4});
  three.labels = 3;
  EXPECT_THROW(Compile(three), std::invalid_argument);
  AlbertWeights w = LoadAlbertWeights(file_, config_);
  EXPECT_THROW(CompileModel(config_, w, TinyTask(0.5, {1, 2, 3, 4}), Calibration(64, 2), {16, 65}),
               std::invalid_argument)
      << "longer than the position table";
  EXPECT_THROW(CompileModel(config_, w, TinyTask(0.5, {1, 2, 3, 4}), {}, {16, 64}),
               std::invalid_argument);
}

// Every preset of yaml/tasks on a small 12-head model with random weights.
TEST(CompilerPresets, EveryPresetCompiles) {
  for (const char* name : {"mnli", "qqp", "sst2", "qnli"}) {
    const TaskConfig task = LoadTaskConfig(kSource / "yaml/tasks" / (std::string(name) + ".yaml"));
    AlbertConfig c;
    c.vocab_size = 2000;
    c.embedding_size = 32;
    c.hidden_size = 192;  // head size 16: what n = 16 runs (the compiler refuses what it cannot)
    c.num_hidden_layers = 2;
    c.num_attention_heads = 12;
    c.intermediate_size = 64;
    c.max_position_embeddings = 64;
    c.num_labels = task.labels;
    std::mt19937 rng(3);
    AlbertWeights w = sim::RandomAlbertWeights(c, rng, 0.05f);
    CompileReport report;
    const ModelImage image = CompileModel(c, w, task, Calibration(64, 8), {16, 64}, &report);
    EXPECT_NEAR(report.encoder_sparsity,
                task.pruning == Pruning::kMagnitude ? task.encoder_sparsity : 0.0, 0.01)
        << name << " (movement pruning keeps the checkpoint's zeros)";
    EXPECT_TRUE(image.has(SectionType::kParams)) << name;
  }
}

}  // namespace
}  // namespace edgebert::model

namespace edgebert::model {
namespace {

// The tiny image (sw/app/models/sst2-tiny.ebm, `edgebert run --image` for quick runs) is what
// `edgebert compile tests/model/fixtures/albert_tiny --task .../task.yaml --seq-len 64` makes
// today: regenerate it with that command when the compiler changes.
TEST(EmbeddedModel, IsTheCompilersCurrentOutput) {
  const AlbertConfig config = LoadAlbertConfig(kFixtures / "albert_tiny/config.json");
  const auto file = SafetensorsFile::Load(kFixtures / "albert_tiny/model.safetensors");
  AlbertWeights w = LoadAlbertWeights(file, config);
  const TaskConfig task = LoadTaskConfig(kFixtures / "albert_tiny/task.yaml");
  const ModelImage fresh = CompileModel(config, w, task, Calibration(64, 32), {16, 64});
  const ModelImage shipped = LoadModelImage(kSource / "sw/app/models/sst2-tiny.ebm");
  EXPECT_EQ(WriteModelImage(fresh), WriteModelImage(shipped))
      << "regenerate sw/app/models/sst2-tiny.ebm with edgebert compile (see this test)";
}

}  // namespace
}  // namespace edgebert::model
