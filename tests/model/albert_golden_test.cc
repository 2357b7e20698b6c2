// The full-model golden on the tiny ALBERT fixture: against the float reference (error and
// label agreement measured and bounded), row-count invariance, early exit, head skipping, and
// the rejections of inputs and images that do not fit.
#include "model/albert_golden.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "golden/accelerator.h"
#include "model/albert_config.h"
#include "model/albert_program.h"
#include "model/albert_reference.h"
#include "model/compile_steps.h"
#include "model/compiler.h"
#include "model/safetensors.h"
#include "model/task_config.h"
#include "numerics/sparse.h"
#include "safetensors_writer.h"
#include "small_accelerator.h"
#include "workloads/sst2_sample.h"

namespace edgebert::model {
namespace {

using sim::kFixtures;

constexpr int kSeqLen = 64;

TaskConfig Task(double encoder_sparsity, double embedding_sparsity, std::vector<int> spans,
                double threshold) {
  TaskConfig t;
  t.task = "tiny";
  t.labels = 2;
  t.encoder_sparsity = encoder_sparsity;
  t.embedding_sparsity = embedding_sparsity;
  t.spans = std::move(spans);
  t.entropy_thresholds = {threshold};
  t.entropy_threshold = threshold;
  return t;
}

golden::AcceleratorConfig SmallAccelerator(int lanes = 16) {
  return sim::SmallAcceleratorConfig(lanes);
}

class AlbertGoldenTest : public ::testing::Test {
 protected:
  AlbertGoldenTest()
      : config_(LoadAlbertConfig(kFixtures / "albert_tiny/config.json")),
        file_(SafetensorsFile::Load(kFixtures / "albert_tiny/model.safetensors")) {}

  // Compiles the fixture for `task` (calibrated on the first 16 sentences); `weights` receives
  // the pruned float weights the image was quantized from.
  ModelImage Compile(const TaskConfig& task, AlbertWeights* weights = nullptr) {
    AlbertWeights w = LoadAlbertWeights(file_, config_);
    ModelImage image =
        CompileModel(config_, w, task, sim::Sst2Encodings(kSeqLen, 16), {16, kSeqLen});
    if (weights != nullptr) *weights = std::move(w);
    return image;
  }

  AlbertConfig config_;
  SafetensorsFile file_;
};

ForwardOptions ReferenceOptions(const TaskConfig& task) {
  ForwardOptions options;
  options.off_ramps = OffRamps::kShared;
  options.span_masks = SpanMaskFactors(task.spans, kSeqLen, task.span_ramp);
  return options;
}

int Argmax(const std::vector<float>& v) {
  return static_cast<int>(std::max_element(v.begin(), v.end()) - v.begin());
}

// The golden against the float reference of the same (pruned) weights on all 32 sentences. The
// float model measures the golden's error; it does not define the golden's bits.
TEST_F(AlbertGoldenTest, TracksTheFloatReference) {
  for (const auto& [name, task] :
       {std::pair{"dense, all heads", Task(0.0, 0.0, {64, 64, 64, 64}, 0.0)},
        std::pair{"pruned, heads 1 and 3 off", Task(0.5, 0.6, {40, 0, 20, 0}, 0.0)}}) {
    AlbertWeights w;
    const ModelImage image = Compile(task, &w);
    const AlbertProgram program(image, SmallAccelerator());
    golden::GoldenAccelerator accelerator(SmallAccelerator());
    LoadModel(accelerator, program);
    const ForwardOptions options = ReferenceOptions(task);

    double max_logit_error = 0, max_entropy_error = 0, sum_logit_error = 0;
    int agree = 0, count = 0, logits_seen = 0;
    for (const auto& input : sim::Sst2Sample(kSeqLen, 32)) {
      const Encoding& e = input.encoding;
      const ForwardResult ref =
          AlbertForward(config_, w, e.ids, e.token_types, e.attention, options);
      const GoldenResult gold = RunGolden(accelerator, program, e);
      ASSERT_EQ(gold.layers_run, config_.num_hidden_layers) << "threshold 0 never exits";
      ASSERT_EQ(gold.exit_layer, -1);
      ASSERT_EQ(gold.logits.size(), ref.logits.size());
      for (size_t i = 0; i < ref.logits.size(); ++i) {
        const double err = std::fabs(gold.logits[i] - ref.logits[i]);
        max_logit_error = std::max(max_logit_error, err);
        sum_logit_error += err;
        ++logits_seen;
      }
      for (size_t l = 0; l < ref.entropies.size(); ++l) {
        max_entropy_error = std::max(
            max_entropy_error, std::fabs(gold.entropies_q24[l] / 16777216.0 - ref.entropies[l]));
      }
      agree += gold.label == Argmax(ref.logits);
      ++count;
    }
    std::printf(
        "[ golden  ] %s: %d sentences, label agreement %d/%d, logit error max %.4f mean %.4f, "
        "entropy error max %.4f nats\n",
        name, count, agree, count, max_logit_error, sum_logit_error / logits_seen,
        max_entropy_error);
    RecordProperty(std::string(name) + " label agreement",
                   std::to_string(agree) + "/" + std::to_string(count));
    // AF8 keeps about 5 significant bits per value; the logits of this model span about +-5.
    EXPECT_GE(agree, count * 9 / 10) << name;
    EXPECT_LT(max_logit_error, 1.0) << name;
    EXPECT_LT(max_entropy_error, 0.25) << name;
  }
}

// Padded keys take no part, so running at the sentence's length rounded up to n or at the full
// 64 rows gives the same bits for [CLS], layer after layer.
TEST_F(AlbertGoldenTest, TrimmedAndPaddedRowsAgreeBitForBit) {
  const TaskConfig task = Task(0.5, 0.6, {64, 30, 0, 10}, 0.0);
  const ModelImage image = Compile(task);
  const AlbertProgram program(image, SmallAccelerator());
  golden::GoldenAccelerator accelerator(SmallAccelerator());
  LoadModel(accelerator, program);
  GoldenOptions padded;
  padded.rows = GoldenOptions::Rows::kPadded;
  int compared = 0;
  for (const Encoding& e : sim::Sst2Encodings(kSeqLen, 32)) {
    const GoldenResult trimmed = RunGolden(accelerator, program, e);
    if (trimmed.rows == kSeqLen) continue;  // nothing to trim
    const GoldenResult full = RunGolden(accelerator, program, e, padded);
    EXPECT_EQ(full.rows, kSeqLen);
    EXPECT_EQ(trimmed.keys, e.length);
    EXPECT_EQ(trimmed.logit_codes, full.logit_codes);
    EXPECT_EQ(trimmed.entropies_q24, full.entropies_q24);
    EXPECT_LT(trimmed.vmacs, full.vmacs);
    ++compared;
  }
  EXPECT_GE(compared, 16) << "most of the sample is shorter than 48 tokens";
}

TEST_F(AlbertGoldenTest, EarlyExitFollowsTheThreshold) {
  const ModelImage image = Compile(Task(0.5, 0.6, {64, 64, 64, 64}, 0.0));
  const AlbertProgram program(image, SmallAccelerator());
  golden::GoldenAccelerator accelerator(SmallAccelerator());
  LoadModel(accelerator, program);
  const Encoding e = sim::Sst2Encodings(kSeqLen, 1, 20)[0];

  GoldenOptions never;
  never.entropy_threshold_q24 = 0;
  const GoldenResult all = RunGolden(accelerator, program, e, never);
  EXPECT_EQ(all.layers_run, 3);
  EXPECT_EQ(all.exit_layer, -1);
  ASSERT_EQ(all.entropies_q24.size(), 3u);

  // A threshold just above layer 1's entropy (and above layer 0's or not): exit at the first
  // layer whose entropy is below it.
  const uint32_t threshold = all.entropies_q24[1] + 1;
  int expected = 0;
  while (all.entropies_q24[static_cast<size_t>(expected)] >= threshold) ++expected;
  GoldenOptions at;
  at.entropy_threshold_q24 = threshold;
  const GoldenResult exited = RunGolden(accelerator, program, e, at);
  EXPECT_EQ(exited.exit_layer, expected);
  EXPECT_EQ(exited.layers_run, expected + 1);
  EXPECT_EQ(exited.logits, all.layer_logits[static_cast<size_t>(expected)]);
  // The stored entropies are the aux buffer's (ENTROPY writes H_ADDR).
  for (int l = 0; l <= expected; ++l) {
    const auto h = accelerator.aux().ReadWord(program.entropy_address(l));
    EXPECT_EQ(h, all.entropies_q24[static_cast<size_t>(l)]);
  }

  at.stop_on_exit = false;
  const GoldenResult through = RunGolden(accelerator, program, e, at);
  EXPECT_EQ(through.exit_layer, expected);
  EXPECT_EQ(through.layers_run, 3);
  EXPECT_EQ(through.logit_codes, all.logit_codes);
}

TEST_F(AlbertGoldenTest, SkippedHeadsRunNoAttentionAndKeepZeroContext) {
  const ModelImage image = Compile(Task(0.5, 0.6, {40, 0, 0, 20}, 0.0));
  const AlbertProgram program(image, SmallAccelerator());
  golden::GoldenAccelerator accelerator(SmallAccelerator());
  LoadModel(accelerator, program);
  std::set<std::string> names;
  std::vector<uint8_t> context_of_head_1;
  const Encoding e = sim::Sst2Encodings(kSeqLen, 1)[0];
  int traced = 0;
  const GoldenResult r = RunGolden(accelerator, program, e, {},
                                   [&](const ProgramCommand& c, const golden::CommandOutcome& o,
                                       const golden::GoldenAccelerator& acc) {
                                     ++traced;
                                     EXPECT_EQ(o.error, regs::ErrCode::kNone);
                                     names.insert(c.name);
                                     const auto tensor = ReadTensor(acc, c.out);
                                     EXPECT_EQ(tensor.size(), size_t{c.out.rows} * c.out.cols)
                                         << c.name;
                                     if (c.name == "layer 2 head 3 context") {
                                       // Head 1's context columns (16..31) of the context buffer
                                       // are still zero.
                                       TensorRef slice = c.out;
                                       slice.address = program.uab().ctx + 1;
                                       context_of_head_1 = ReadTensor(acc, slice);
                                     }
                                   });
  EXPECT_EQ(static_cast<uint64_t>(traced), r.commands);
  EXPECT_TRUE(names.count("layer 0 head 0 softmax"));
  EXPECT_TRUE(names.count("layer 0 head 3 softmax"));
  EXPECT_FALSE(names.count("layer 0 head 1 softmax"));
  EXPECT_FALSE(names.count("layer 0 head 2 scores"));
  EXPECT_TRUE(names.count("layer 0 query heads 0-0"));
  EXPECT_TRUE(names.count("layer 0 query heads 3-3"));
  EXPECT_TRUE(names.count("context zero heads 1-2"));
  ASSERT_FALSE(context_of_head_1.empty());
  EXPECT_TRUE(std::all_of(context_of_head_1.begin(), context_of_head_1.end(),
                          [](uint8_t c) { return c == 0; }));
}

// The tiny fixture plus DeeBERT highways for layers 0 and 1, written as a new checkpoint.
std::filesystem::path WriteHighwayCheckpoint(const SafetensorsFile& base, const AlbertConfig& c) {
  std::vector<testing::TestTensor> tensors;
  for (const std::string& name : base.tensor_names()) {
    const Tensor t = base.tensor(name);
    tensors.push_back(
        {name, std::string(DtypeName(t.dtype)), t.shape, {t.bytes.begin(), t.bytes.end()}});
  }
  std::mt19937 rng(7);
  std::normal_distribution<float> normal(0.0f, 0.2f);
  auto random = [&](std::vector<uint64_t> shape) {
    size_t count = 1;
    for (const uint64_t d : shape) count *= d;
    std::vector<float> v(count);
    for (float& x : v) x = normal(rng);
    return testing::F32Bytes(v);
  };
  const auto h = static_cast<uint64_t>(c.hidden_size), labels = static_cast<uint64_t>(c.num_labels);
  for (int l = 0; l + 1 < c.num_hidden_layers; ++l) {
    const std::string p = "albert.encoder.highway." + std::to_string(l) + ".";
    tensors.push_back({p + "pooler.dense.weight", "F32", {h, h}, random({h, h})});
    tensors.push_back({p + "pooler.dense.bias", "F32", {h}, random({h})});
    tensors.push_back({p + "classifier.weight", "F32", {labels, h}, random({labels, h})});
    tensors.push_back({p + "classifier.bias", "F32", {labels}, random({labels})});
  }
  const auto path = std::filesystem::temp_directory_path() / "albert_tiny_highway.safetensors";
  const auto bytes = testing::WriteSafetensors(tensors);
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()),
             static_cast<std::streamsize>(bytes.size()));
  return path;
}

TEST_F(AlbertGoldenTest, HighwayOffRampsInReferenceCompilerAndGolden) {
  const auto file = SafetensorsFile::Load(WriteHighwayCheckpoint(file_, config_));
  AlbertWeights w = LoadAlbertWeights(file, config_);
  ASSERT_EQ(w.highway.size(), 2u);
  EXPECT_TRUE(LoadAlbertWeights(file_, config_).highway.empty());

  // The reference's off-ramp l is highway l on layer l's [CLS] output; the last is the classifier.
  const TaskConfig task = Task(0.0, 0.0, {64, 64, 64, 64}, 0.0);
  ForwardOptions options = ReferenceOptions(task);
  options.off_ramps = OffRamps::kHighway;
  const Encoding e = sim::Sst2Encodings(kSeqLen, 1)[0];
  const ForwardResult ref = AlbertForward(config_, w, e.ids, e.token_types, e.attention, options);
  const auto h = static_cast<size_t>(config_.hidden_size);
  for (size_t l = 0; l < 2; ++l) {
    const auto& hw = w.highway[l];
    std::vector<double> pooled(h);
    for (size_t o = 0; o < h; ++o) {
      double sum = hw.pooler.bias[o];
      for (size_t i = 0; i < h; ++i)
        sum += double{hw.pooler.weight[o * h + i]} * ref.cls_hidden[l + 1][i];
      pooled[o] = std::tanh(sum);
    }
    for (size_t k = 0; k < 2; ++k) {
      double logit = hw.classifier.bias[k];
      for (size_t i = 0; i < h; ++i) logit += hw.classifier.weight[k * h + i] * pooled[i];
      EXPECT_NEAR(ref.off_ramp_logits[l][k], logit, 1e-4) << "layer " << l;
    }
  }
  EXPECT_EQ(ref.off_ramp_logits[2], ref.logits);
  ForwardOptions without = options;
  EXPECT_THROW(AlbertForward(config_, LoadAlbertWeights(file_, config_), e.ids, e.token_types,
                             e.attention, without),
               std::invalid_argument)
      << "highways requested, none in the checkpoint";

  // Compiled: the image uses the highways, and the golden tracks the highway reference.
  AlbertWeights compiled = w;
  const ModelImage image =
      CompileModel(config_, compiled, task, sim::Sst2Encodings(kSeqLen, 16), {16, kSeqLen});
  const AlbertProgram program(image, SmallAccelerator());
  EXPECT_EQ(program.model().off_ramps, OffRamps::kHighway);
  golden::GoldenAccelerator accelerator(SmallAccelerator());
  LoadModel(accelerator, program);
  int agree = 0, count = 0;
  double max_error = 0;
  for (const auto& input : sim::Sst2Sample(kSeqLen, 32)) {
    const Encoding& x = input.encoding;
    const ForwardResult f =
        AlbertForward(config_, compiled, x.ids, x.token_types, x.attention, options);
    GoldenOptions all;
    all.stop_on_exit = false;
    const GoldenResult g = RunGolden(accelerator, program, x, all);
    ASSERT_EQ(g.layer_logits.size(), 3u);
    for (size_t l = 0; l < 3; ++l) {
      for (size_t k = 0; k < 2; ++k) {
        max_error = std::max(max_error, std::fabs(g.layer_logits[l][k] - f.off_ramp_logits[l][k]));
      }
      agree += (g.layer_logits[l][1] > g.layer_logits[l][0]) ==
               (f.off_ramp_logits[l][1] > f.off_ramp_logits[l][0]);
      ++count;
    }
  }
  std::printf(
      "[ golden  ] highways: %d off-ramp decisions, agreement %d/%d, logit error max %.4f\n", count,
      agree, count, max_error);
  EXPECT_GE(agree, count * 9 / 10);
  EXPECT_LT(max_error, 1.5);
}

TEST_F(AlbertGoldenTest, OffRampsNoneExitOnlyAfterTheLastLayer) {
  TaskConfig task = Task(0.5, 0.6, {64, 64, 64, 64}, 0.0);
  task.off_ramps = OffRamps::kNone;
  const ModelImage image = Compile(task);
  const AlbertProgram program(image, SmallAccelerator());
  EXPECT_EQ(program.model().off_ramps, OffRamps::kNone);
  EXPECT_FALSE(program.HasOffRamp(0));
  EXPECT_TRUE(program.HasOffRamp(2));
  golden::GoldenAccelerator accelerator(SmallAccelerator());
  LoadModel(accelerator, program);
  GoldenOptions always;
  always.entropy_threshold_q24 = 0xFFFFFFFFu;  // every off-ramp would exit
  std::set<std::string> names;
  const GoldenResult r = RunGolden(accelerator, program, sim::Sst2Encodings(kSeqLen, 1)[0], always,
                                   [&](const ProgramCommand& c, const golden::CommandOutcome&,
                                       const golden::GoldenAccelerator&) { names.insert(c.name); });
  EXPECT_EQ(r.layers_run, 3);
  EXPECT_EQ(r.exit_layer, 2);
  EXPECT_EQ(r.entropies_q24.size(), 1u);
  EXPECT_FALSE(names.count("layer 0 pooler"));
  EXPECT_TRUE(names.count("layer 2 entropy"));
}

// The SRAM weights are bitmask-encoded as the WSRAM holds them (compiled format version 2): the
// program decodes them for the golden, refuses a version-1 image (dense codes) by name, and
// refuses planes the encoder would not have written.
TEST_F(AlbertGoldenTest, SramWeightsAreTheWsramsPlanes) {
  const ModelImage image = Compile(Task(0.5, 0.6, {64, 64, 64, 64}, 0.0));
  const AlbertProgram program(image, SmallAccelerator());
  const WsramTensor& query = program.load().wsram[1];
  ASSERT_EQ(query.name, "query");
  EXPECT_EQ(sparse::EncodeTensor(query.codes, query.rows, query.cols, 16).masks,
            query.planes.masks);
  EXPECT_EQ(query.planes.masks.size(), static_cast<size_t>(query.rows) * query.stride);

  auto with_params = [&](const std::function<void(YAML::Node&)>& edit) {
    ModelImage changed = image;
    auto& params = changed.sections[SectionType::kParams];
    YAML::Node p = YAML::Load(std::string(params.begin(), params.end()));
    edit(p);
    YAML::Emitter out;
    out << p;
    params.assign(out.c_str(), out.c_str() + out.size());
    return changed;
  };
  auto refusal = [&](const ModelImage& bad) -> std::string {
    try {
      AlbertProgram refused(bad, SmallAccelerator());
    } catch (const FormatError& e) {
      return e.what();
    }
    return "accepted";
  };
  const std::string v1 = refusal(with_params([](YAML::Node& p) { p["version"] = 1; }));
  EXPECT_NE(v1.find("version 1"), std::string::npos) << v1;
  EXPECT_NE(v1.find("recompile the image with edgebert compile"), std::string::npos) << v1;

  // A mask bit over a zero code: decoding would hide it, the WSRAM would not.
  ModelImage stray = image;
  const YAML::Node blobs = [&] {
    const auto& params = image.section(SectionType::kParams);
    return YAML::Load(std::string(params.begin(), params.end()))["blobs"];
  }();
  auto& sram = stray.sections[SectionType::kSram];
  const auto masks_at = blobs["query.masks"]["offset"].as<size_t>();
  size_t v = 0;
  while (query.planes.masks[v] == 0xFFFFu) ++v;  // a vector with a zero code
  const uint32_t mask = query.planes.masks[v];
  const uint32_t zero_lane = static_cast<uint32_t>(std::countr_one(mask));
  sram[masks_at + 4 * v + zero_lane / 8] ^= static_cast<uint8_t>(1u << (zero_lane % 8));
  const std::string planes = refusal(stray);
  EXPECT_NE(planes.find("'query' is not bitmask-encoded"), std::string::npos) << planes;
}

TEST_F(AlbertGoldenTest, RejectsWhatDoesNotFit) {
  const ModelImage image = Compile(Task(0.5, 0.6, {64, 64, 64, 64}, 0.0));
  EXPECT_THROW(AlbertProgram(image, SmallAccelerator(8)), std::invalid_argument) << "lanes";
  golden::AcceleratorConfig tiny_aux = SmallAccelerator();
  tiny_aux.limits.aux_bytes = 1024;
  EXPECT_THROW(AlbertProgram(image, tiny_aux), std::invalid_argument) << "aux";
  golden::AcceleratorConfig tiny_uab = SmallAccelerator();
  tiny_uab.limits.uab_vectors = 1024;
  EXPECT_THROW(AlbertProgram(image, tiny_uab), std::invalid_argument) << "UAB";

  // PARAMS that lost a blob, edited past what a descriptor holds, or with a key given twice is
  // refused by name.
  const auto edited = [&](const std::function<void(YAML::Node&)>& edit, const std::string& tail) {
    ModelImage copy = image;
    auto& text = copy.sections[SectionType::kParams];
    YAML::Node params = YAML::Load(std::string(text.begin(), text.end()));
    edit(params);
    YAML::Emitter emitter;
    emitter << params;
    const std::string yaml = emitter.c_str() + tail;
    text.assign(yaml.begin(), yaml.end());
    return copy;
  };
  const std::pair<ModelImage, std::string> refused[] = {
      {edited([](YAML::Node& params) { params["blobs"].remove("ffn_out.values"); }, ""), "ffn_out"},
      {edited([](YAML::Node& params) { params["weight_biases"]["query"] = 1000; }, ""),
       "weight 'query' exponent bias 1000 is outside [-32, 31]"},
      {edited([](YAML::Node& params) { params["activation_biases"]["hidden"][0] = -1000; }, ""),
       "activation 'hidden' (layer 0) exponent bias -1000 is outside [-32, 31]"},
      {edited([](YAML::Node&) {}, "\nseq_len: 64\n"), "key seq_len given twice"},
  };
  for (const auto& [bad, fragment] : refused) {
    try {
      AlbertProgram program(bad, SmallAccelerator());
      ADD_FAILURE() << "accepted: " << fragment;
    } catch (const FormatError& e) {
      EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    }
  }

  const AlbertProgram program(image, SmallAccelerator());
  golden::GoldenAccelerator accelerator(SmallAccelerator());
  LoadModel(accelerator, program);
  Encoding holes = sim::Sst2Encodings(kSeqLen, 1)[0];
  holes.attention[1] = 0;
  EXPECT_THROW(RunGolden(accelerator, program, holes), std::invalid_argument) << "mask holes";
  Encoding short_input = sim::Sst2Encodings(32, 1)[0];
  EXPECT_THROW(RunGolden(accelerator, program, short_input), std::invalid_argument) << "length";
  Encoding bad_id = sim::Sst2Encodings(kSeqLen, 1)[0];
  bad_id.ids[2] = config_.vocab_size;
  EXPECT_THROW(RunGolden(accelerator, program, bad_id), std::invalid_argument) << "vocabulary";
  EXPECT_THROW(program.LayerStage(0, 24, 10), std::invalid_argument) << "rows not a multiple of n";
  EXPECT_THROW(program.LayerStage(3, 16, 10), std::invalid_argument) << "no layer 3";
}

// The compiler and the program share one check of what fits; the compiler used to write images
// (sequence length 17 at n = 16) that nothing could load.
TEST(CheckShapeFits, NamesWhatDoesNotFit) {
  AlbertConfig base;  // ALBERT-base: head 64, 12 layers, 2 labels
  EXPECT_NO_THROW(CheckShapeFits(base, 16, 128));
  AlbertConfig many_labels = base, deep = base, odd_head = base;
  many_labels.num_labels = 17;
  deep.num_hidden_layers = kMaxLayers + 1;
  odd_head.num_attention_heads = 6;  // head 128: not a power of 4
  const std::tuple<AlbertConfig, int, std::string> cases[] = {
      {base, 17, "sequence length 17 is not a positive multiple of n"},
      {base, 0, "sequence length 0"},
      {many_labels, 128, "17 labels, at most n"},
      {deep, 128, "65 layers, the firmware runs at most 64"},
      {odd_head, 128, "head size 128 is not a power of 4"},
  };
  for (const auto& [shape, seq_len, fragment] : cases) {
    try {
      CheckShapeFits(shape, 16, seq_len);
      ADD_FAILURE() << "fits: " << fragment;
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace edgebert::model
