// The trained SST-2 model that `edgebert run` embeds (sw/app/models/sst2-albert, made by
// tools/train/train.py; sw/app/models/sst2.ebm compiled from it by `make train`):
// - the C++ float reference agrees with the PyTorch logits the training tool exported;
// - the C++ tokenizer gives the ids the PyTorch model was given;
// - the shipped image is what the compiler makes of the shipped checkpoint today;
// - the golden model classifies the committed sample sentences well above chance.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "golden/accelerator.h"
#include "model/albert_config.h"
#include "model/albert_golden.h"
#include "model/albert_program.h"
#include "model/albert_reference.h"
#include "model/compile_steps.h"
#include "model/compiler.h"
#include "model/labelled_text.h"
#include "model/model_image.h"
#include "model/safetensors.h"
#include "model/task_config.h"
#include "model/tokenizer.h"

namespace edgebert::model {
namespace {

const std::filesystem::path kSource(EDGEBERT_SOURCE_DIR);
const std::filesystem::path kCheckpoint = kSource / "sw/app/models/sst2-albert";
const std::filesystem::path kImage = kSource / "sw/app/models/sst2.ebm";
const std::filesystem::path kSample = kSource / "tests/model/fixtures/sst2_sample.tsv";
const std::filesystem::path kCalibration = kSource / "tests/model/fixtures/sst2_calibration.tsv";
// What `make train` compiles with (the Makefile's TRAIN_COMPILE_FLAGS).
constexpr int kCalibrationSentences = 64;
constexpr int kLanes = 16;
constexpr int kSeqLen = 128;

struct PyTorchCase {
  std::vector<int32_t> ids;
  std::vector<float> logits;
  std::vector<std::vector<float>> off_ramp_logits;
  std::vector<double> entropies;
};

std::vector<PyTorchCase> LoadPyTorchCases() {
  const YAML::Node root = YAML::LoadFile((kCheckpoint / "reference.json").string());
  std::vector<PyTorchCase> cases;
  for (const auto& node : root["cases"]) {
    PyTorchCase c;
    c.ids = node["ids"].as<std::vector<int32_t>>();
    c.logits = node["logits"].as<std::vector<float>>();
    c.off_ramp_logits = node["off_ramp_logits"].as<std::vector<std::vector<float>>>();
    c.entropies = node["entropies"].as<std::vector<double>>();
    cases.push_back(std::move(c));
  }
  return cases;
}

class TrainedModel : public ::testing::Test {
 protected:
  TrainedModel()
      : config_(LoadAlbertConfig(kCheckpoint / "config.json")),
        file_(SafetensorsFile::Load(kCheckpoint / "model.safetensors")),
        weights_(LoadAlbertWeights(file_, config_)),
        task_(LoadTaskConfig(kCheckpoint / "task.yaml")),
        tokenizer_(kCheckpoint / "spiece.model") {}

  AlbertConfig config_;
  SafetensorsFile file_;
  AlbertWeights weights_;
  TaskConfig task_;
  Tokenizer tokenizer_;
};

TEST_F(TrainedModel, FloatReferenceMatchesPyTorchWithin1e4) {
  const auto cases = LoadPyTorchCases();
  const auto sample = ReadLabelledTsv(kSample, 1000);
  ASSERT_EQ(cases.size(), sample.size());
  ASSERT_EQ(weights_.highway.size() + 1, static_cast<size_t>(config_.num_hidden_layers))
      << "the trained checkpoint has DeeBERT highways";
  double worst = 0;
  for (size_t n = 0; n < cases.size(); ++n) {
    const PyTorchCase& c = cases[n];
    const Encoding e = tokenizer_.Encode(sample[n].text, {}, config_.max_position_embeddings);
    ASSERT_EQ(std::vector<int32_t>(e.ids.begin(), e.ids.begin() + e.length), c.ids)
        << "sentence " << n << ": the C++ tokenizer and the training tool disagree";
    const std::vector<uint8_t> types(c.ids.size(), 0), mask(c.ids.size(), 1);
    ForwardOptions options;
    options.off_ramps = OffRamps::kHighway;
    options.span_masks =
        SpanMaskFactors(task_.spans, static_cast<int>(c.ids.size()), task_.span_ramp);
    const ForwardResult r = AlbertForward(config_, weights_, c.ids, types, mask, options);
    ASSERT_EQ(r.logits.size(), c.logits.size());
    for (size_t i = 0; i < c.logits.size(); ++i) {
      EXPECT_NEAR(r.logits[i], c.logits[i], 1e-4) << "sentence " << n << " logit " << i;
      worst = std::max(worst, std::fabs(double{r.logits[i]} - c.logits[i]));
    }
    ASSERT_EQ(r.off_ramp_logits.size(), c.off_ramp_logits.size());
    for (size_t l = 0; l < c.off_ramp_logits.size(); ++l) {
      for (size_t i = 0; i < c.off_ramp_logits[l].size(); ++i) {
        EXPECT_NEAR(r.off_ramp_logits[l][i], c.off_ramp_logits[l][i], 1e-4)
            << "sentence " << n << " layer " << l << " off-ramp logit " << i;
        worst =
            std::max(worst, std::fabs(double{r.off_ramp_logits[l][i]} - c.off_ramp_logits[l][i]));
      }
      EXPECT_NEAR(r.entropies[l], c.entropies[l], 1e-4) << "sentence " << n << " layer " << l;
    }
  }
  std::printf("[ parity   ] %zu sentences, largest logit difference to PyTorch: %.3g\n",
              cases.size(), worst);
}

TEST_F(TrainedModel, ShippedImageIsTheCompilersOutput) {
  const std::vector<Encoding> calibration =
      EncodeLabelledTsv(tokenizer_, kCalibration, kCalibrationSentences, kSeqLen);
  const ModelImage fresh = CompileModel(config_, weights_, task_, calibration, {kLanes, kSeqLen});
  EXPECT_EQ(WriteModelImage(fresh), WriteModelImage(LoadModelImage(kImage)))
      << "regenerate sw/app/models/sst2.ebm: make train-compile";
}

// The dev accuracy of the shipped image is in docs/results.md (about 80 %). On these 32 dev
// sentences a chance-level model (p = 0.5) reaches 24 or more with probability 0.35 %; the trained
// model must.
TEST_F(TrainedModel, GoldenClassifiesTheSampleWellAboveChance) {
  const ModelImage image = LoadModelImage(kImage);
  const AlbertProgram program(image, golden::AcceleratorConfig{});
  golden::GoldenAccelerator accelerator;
  LoadModel(accelerator, program);
  int correct = 0, total = 0, exits = 0;
  for (const auto& entry : ReadLabelledTsv(kSample, 1000)) {
    const GoldenResult r =
        RunGolden(accelerator, program, tokenizer_.Encode(entry.text, {}, kSeqLen));
    correct += r.label == entry.label;
    exits += r.exit_layer >= 0 && r.exit_layer + 1 < config_.num_hidden_layers;
    ++total;
  }
  std::printf("[ golden   ] %d of %d sample sentences right, %d exited early\n", correct, total,
              exits);
  EXPECT_GE(correct, 24);
  EXPECT_GT(exits, 0) << "early exit never taken at the compiled threshold";
}

}  // namespace
}  // namespace edgebert::model
