#include "model/compile_steps.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/task_config.h"

namespace edgebert::model {
namespace {

const std::filesystem::path kTasks = std::filesystem::path(EDGEBERT_SOURCE_DIR) / "yaml/tasks";

TEST(TaskPresets, FollowTableFour) {
  struct Want {
    const char* name;
    double encoder;
    Pruning pruning;
    int heads_off;
    double average_span;
    std::vector<double> thresholds;
  };
  const Want wants[] = {{"mnli", 0.5, Pruning::kMagnitude, 8, 12.25, {0.4, 0.6, 0.7}},
                        {"qqp", 0.8, Pruning::kMovement, 8, 11.3, {0.3, 0.4, 0.5}},
                        {"sst2", 0.5, Pruning::kMagnitude, 7, 18.4, {0.05, 0.1, 0.2}},
                        {"qnli", 0.6, Pruning::kMagnitude, 7, 21.5, {0.2, 0.3, 0.4}}};
  for (const Want& w : wants) {
    const TaskConfig t = LoadTaskConfig(kTasks / (std::string(w.name) + ".yaml"));
    EXPECT_EQ(t.task, w.name);
    EXPECT_DOUBLE_EQ(t.encoder_sparsity, w.encoder);
    EXPECT_DOUBLE_EQ(t.embedding_sparsity, 0.6) << "one embedding sparsity for every task";
    EXPECT_EQ(t.pruning, w.pruning);
    ASSERT_EQ(t.spans.size(), 12u);
    EXPECT_EQ(std::count(t.spans.begin(), t.spans.end(), 0), w.heads_off) << w.name;
    double sum = 0;
    for (const int s : t.spans) sum += s;
    EXPECT_NEAR(sum / 12, w.average_span, 0.1) << w.name;
    EXPECT_EQ(t.entropy_thresholds, w.thresholds);
  }
}

TEST(TaskPresets, BadFilesAreRejectedWithTheKey) {
  const auto file = std::filesystem::temp_directory_path() / "edgebert_task.yaml";
  const std::string good =
      "task: t\nlabels: 2\nencoder_sparsity: 0.5\nembedding_sparsity: 0.6\npruning: magnitude\n"
      "spans: [1, 0]\nspan_ramp: 32\nentropy_thresholds: [0.1, 0.2]\nentropy_threshold: 0.1\n";
  std::ofstream(file) << good;
  EXPECT_EQ(LoadTaskConfig(file).off_ramps, OffRamps::kShared) << "the default";
  std::ofstream(file) << good + "off_ramps: none\n";
  EXPECT_EQ(LoadTaskConfig(file).off_ramps, OffRamps::kNone);
  const std::pair<std::string, std::string> cases[] = {
      {good + "extra: 1\n", "unknown key extra"},
      {"labels: 2\n", "missing key task"},
      {std::string(good).replace(good.find("0.5"), 3, "1.5"), "sparsity"},
      {std::string(good).replace(good.find("magnitude"), 9, "random"), "pruning random"},
      {std::string(good).replace(good.find("[0.1, 0.2]"), 10, "[0.2, 0.1]"), "ascending"},
      {std::string(good).replace(good.find("threshold: 0.1"), 14, "threshold: 0.3"), "include"},
      {std::string(good).replace(good.find("[1, 0]"), 6, "[1, -3]"), "spans"},
      {good + "off_ramps: highway\n", "off_ramps highway"},
      // Past the ENTROPY_THRESHOLD register (Q8.24 nats): once compiled to 0, silently.
      {std::string(good).replace(good.find("[0.1, 0.2]"), 10, "[0.1, 1e30]"),
       "entropy threshold 1e+30 nats is outside [0, 256)"},
      {good + "labels: 3\n", "key labels given twice (lines 2 and 10)"},
      {std::string(good).replace(good.find("[1, 0]"), 6, "[100000000, 0]"), "at most 4096"},
      {std::string(good).replace(good.find("ramp: 32"), 8, "ramp: 5000"), "at most 4096"},
  };
  for (const auto& [text, fragment] : cases) {
    std::ofstream(file) << text;
    try {
      LoadTaskConfig(file);
      ADD_FAILURE() << "accepted: " << fragment;
    } catch (const std::runtime_error& e) {
      EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    }
  }
  std::filesystem::remove(file);
}

TEST(CompileSteps, MagnitudePruningHitsItsTarget) {
  std::mt19937 rng(1);
  std::normal_distribution<float> d(0.0f, 0.02f);
  std::vector<float> w(10000);
  for (auto& v : w) v = d(rng);
  for (const double sparsity : {0.0, 0.5, 0.6, 0.8}) {
    std::vector<float> pruned = w;
    const float threshold = MagnitudeThreshold(w, sparsity);
    const size_t zeros = Prune(pruned, threshold);
    EXPECT_NEAR(static_cast<double>(zeros) / static_cast<double>(w.size()), sparsity, 1e-3);
    // Only the smallest magnitudes went.
    for (size_t i = 0; i < w.size(); ++i) {
      if (pruned[i] == 0 && w[i] != 0) {
        EXPECT_LE(std::fabs(w[i]), threshold);
      }
    }
  }
  EXPECT_THROW(MagnitudeThreshold(w, 1.0), std::invalid_argument);
}

TEST(CompileSteps, SharedEmbeddingThresholdIsTaskIndependent) {
  std::vector<float> word(3000), position(640);
  std::mt19937 rng(2);
  std::normal_distribution<float> d(0.0f, 0.05f);
  for (auto& v : word) v = d(rng);
  for (auto& v : position) v = d(rng);
  const float t = SharedMagnitudeThreshold({word, position}, 0.6);
  std::vector<float> all = word;
  all.insert(all.end(), position.begin(), position.end());
  EXPECT_EQ(t, MagnitudeThreshold(all, 0.6));
  EXPECT_EQ(t, SharedMagnitudeThreshold({word, position}, 0.6)) << "deterministic";
}

TEST(CompileSteps, SpanMasksRampAndSkip) {
  const auto off = SpanMask(0, 128, 32);
  EXPECT_TRUE(std::all_of(off.begin(), off.end(), [](uint8_t m) { return m == 0; }));
  const auto mask = SpanMask(20, 128, 32);
  EXPECT_EQ(mask[0], 128);
  EXPECT_EQ(mask[20], 128);
  EXPECT_EQ(mask[36], 64);
  EXPECT_EQ(mask[51], 4);
  EXPECT_EQ(mask[52], 0);
  EXPECT_EQ(mask[127], 0);
  const auto full = SpanMask(128, 128, 32);
  EXPECT_TRUE(std::all_of(full.begin(), full.end(), [](uint8_t m) { return m == 128; }));
  EXPECT_THROW(SpanMask(10, 128, 0), std::invalid_argument);
}

}  // namespace
}  // namespace edgebert::model
