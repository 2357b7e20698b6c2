// Simulation speed in one table (`make bench` prints it last): the bare n x n AF8 MAC array
// (bench/rtl/bench_mac_array.sv, the most a model with this array can simulate per second) next
// to the SoC on an ALBERT-base layer and their ratio, one full 12-layer ALBERT-base sentence
// through the RTL (driver, firmware, stage lockstep), and the golden model's and the float
// reference's time per ALBERT-base sentence, with PyTorch's when `make bench` found a venv with
// torch (--pytorch FILE, written by tools/bench/pytorch_albert.py). Random weights: neither cycles
// nor speed depend on trained values. Figures only; the run fails if a result is not bit-exact.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "Vbench_mac_array.h"
#include "golden/accelerator.h"
#include "golden/parallel.h"
#include "model/albert_golden.h"
#include "model/albert_program.h"
#include "model/albert_reference.h"
#include "model/compiler.h"
#include "model/task_config.h"
#include "reference_soc.h"
#include "workloads/sst2_sample.h"
#include "workloads/synthetic_albert.h"

namespace model = edgebert::model;
namespace driver = edgebert::driver;

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// 32-bit words of a wide Verilated port (a VlWide, whose size is its words).
template <typename Wide>
constexpr size_t WideWords(const Wide&) {
  return sizeof(Wide) / sizeof(uint32_t);
}

// The bare array at n = 16 with new random operands every cycle (an xorshift per 32-bit word),
// clocked as the SoC harness clocks (two evaluations per cycle).
double BareArrayCyclesPerSecond(uint64_t cycles) {
  Vbench_mac_array array;
  array.clk_i = 0;
  array.rst_ni = 0;
  array.eval();
  array.rst_ni = 1;
  uint64_t state = 0x9E3779B97F4A7C15ull;
  auto next = [&state] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return static_cast<uint32_t>(state);
  };
  const auto start = Clock::now();
  for (uint64_t c = 0; c < cycles; ++c) {
    for (size_t w = 0; w < WideWords(array.a_i); ++w) array.a_i[w] = next();
    for (size_t w = 0; w < WideWords(array.b_tile_i); ++w) array.b_tile_i[w] = next();
    array.clk_i = 1;
    array.eval();
    array.clk_i = 0;
    array.eval();
  }
  const double seconds = Seconds(start);
  // Keeps the accumulators observable, so that no compiler drops the work.
  if (array.acc_o[0] == 0x12345678u) std::printf("(accumulator pattern)\n");
  return static_cast<double>(cycles) / seconds;
}

// Seconds per sentence of the golden model on each image, the images taking the sentences in
// turn (sentence by sentence), so that a slow spell of a shared machine falls on all of them.
std::vector<double> GoldenSecondsPerSentence(const std::vector<const model::ModelImage*>& images,
                                             const std::vector<model::Encoding>& sentences,
                                             model::GoldenOptions::Rows rows) {
  std::vector<model::AlbertProgram> programs;
  programs.reserve(images.size());  // no program moves after its load
  std::vector<edgebert::golden::GoldenAccelerator> accelerators(images.size());
  for (size_t i = 0; i < images.size(); ++i) {
    programs.emplace_back(*images[i], edgebert::golden::AcceleratorConfig{});
    model::LoadModel(accelerators[i], programs[i]);
  }
  model::GoldenOptions options;
  options.rows = rows;
  options.entropy_threshold_q24 = 0;  // every layer
  std::vector<double> seconds(images.size(), 0.0);
  for (const model::Encoding& e : sentences) {
    for (size_t i = 0; i < images.size(); ++i) {
      const auto start = Clock::now();
      model::RunGolden(accelerators[i], programs[i], e, options);
      seconds[i] += Seconds(start);
    }
  }
  for (double& s : seconds) s /= static_cast<double>(sentences.size());
  return seconds;
}

double FloatSecondsPerSentence(const model::Encoding& sentence) {
  const model::AlbertConfig config;  // ALBERT-base
  std::mt19937 rng(1);
  const model::AlbertWeights weights = edgebert::sim::RandomAlbertWeights(config, rng);
  const auto start = Clock::now();
  model::AlbertForward(config, weights, sentence.ids, sentence.token_types, sentence.attention);
  return Seconds(start);
}

// tools/bench/pytorch_albert.py's output: "padded <seconds at T = 128>", "own <mean seconds at
// the sentences' own lengths>" and "torch <version>" lines.
struct PyTorchTimes {
  double padded = 0, own = 0;
  std::string note;  // the version, or why there are no times
};

PyTorchTimes ReadPyTorch(const std::string& path) {
  PyTorchTimes times;
  if (path.empty()) {
    times.note = "not measured (no venv with torch: make train's venv)";
    return times;
  }
  std::ifstream in(path);
  std::string key, version;
  while (in >> key) {
    if (key == "torch") {
      in >> version;
    } else if (key == "padded") {
      in >> times.padded;
    } else if (key == "own") {
      in >> times.own;
    }
  }
  if (times.padded <= 0 || times.own <= 0 || version.empty()) {
    times = {};
    times.note = "unreadable " + path;
    return times;
  }
  times.note = "torch " + version;
  return times;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Simulation speed: bare array vs SoC, full sentence, golden, float reference"};
  uint64_t array_cycles = 2'000'000;
  bool sentence = true;
  std::string pytorch;
  int rounds = 3;
  app.add_option("--array-cycles", array_cycles, "cycles of each bare-array run");
  app.add_option("--rounds", rounds, "alternating rounds of the bare array and the SoC layer")
      ->check(CLI::Range(1, 100));
  app.add_flag("!--no-sentence", sentence, "skip the full 12-layer sentence through the RTL");
  bool lengths_only = false;
  app.add_option("--pytorch", pytorch, "PyTorch's times (tools/bench/pytorch_albert.py)");
  app.add_flag("--sentence-lengths", lengths_only,
               "print the timed sentences' token counts (for pytorch_albert.py) and exit");
  CLI11_PARSE(app, argc, argv);

  // Two sentences calibrate the images and the first goes through the RTL; the golden model and
  // PyTorch are timed on eight, so that their means are steadier.
  const auto sentences = edgebert::sim::Sst2Encodings(128, 2);
  const auto timed = edgebert::sim::Sst2Encodings(128, 8);
  if (lengths_only) {
    for (const model::Encoding& e : timed) std::printf("%d ", e.length);
    std::printf("\n");
    return 0;
  }
  const std::string source = EDGEBERT_SOURCE_DIR;
  const model::TaskConfig sst2 = model::LoadTaskConfig(source + "/yaml/tasks/sst2.yaml");
  const model::TaskConfig dense = edgebert::sim::DenseTask(sst2);
  const model::ModelImage dense_image = edgebert::sim::RandomAlbertBaseImage(dense, sentences);
  const model::ModelImage sst2_image = edgebert::sim::RandomAlbertBaseImage(sst2, sentences);

  std::printf("Simulation speed (%s, n = 16, ALBERT-base, random weights, T = 128 padded)\n\n",
              EDGEBERT_VERILATOR_NAME);
  std::printf("| figure | value | notes |\n| --- | ---: | --- |\n");
  // The two sides alternate, round by round, so that a slow spell of a shared machine falls on
  // both; each side's figure is its best round (the least disturbed), and the spread of the
  // rounds' own ratios is printed beside it.
  bool exact = true;
  double array_speed = 0, layer_speed = 0, ratio_low = 0, ratio_high = 0;
  edgebert::bench::ReferenceSocRun layer;
  for (int round = 0; round < rounds; ++round) {
    const double array_round = BareArrayCyclesPerSecond(array_cycles);
    // Exits at layer 0's off-ramp: one layer.
    const auto layer_round =
        edgebert::bench::RunOnReferenceSoc(dense_image, sentences[0], 0xFFFFFFFFu);
    exact = exact && layer_round.result.mismatch.empty();
    if (round > 0 && layer_round.cycles != layer.cycles) {
      std::printf("| SoC, dense layer 0 | - | rounds disagree: %llu and %llu cycles |\n",
                  static_cast<unsigned long long>(layer.cycles),
                  static_cast<unsigned long long>(layer_round.cycles));
      exact = false;
    }
    const double layer_round_speed = static_cast<double>(layer_round.cycles) / layer_round.seconds;
    const double ratio = layer_round_speed / array_round;
    ratio_low = round == 0 ? ratio : std::min(ratio_low, ratio);
    ratio_high = round == 0 ? ratio : std::max(ratio_high, ratio);
    array_speed = std::max(array_speed, array_round);
    if (layer_round_speed > layer_speed) {
      layer_speed = layer_round_speed;
      layer = layer_round;
    }
  }
  std::printf(
      "| bare 16x16 AF8 MAC array | %.0f cycles/s | %llu cycles, new operands each cycle, best "
      "of %d rounds |\n",
      array_speed, static_cast<unsigned long long>(array_cycles), rounds);
  std::printf(
      "| SoC, dense layer 0 | %.0f cycles/s | %llu cycles in %.2f s, stage lockstep, %s, best of "
      "%d rounds |\n",
      layer_speed, static_cast<unsigned long long>(layer.cycles), layer.seconds,
      layer.result.mismatch.empty() ? "bit-exact" : layer.result.mismatch.c_str(), rounds);
  std::printf("| SoC / bare array | %.2fx | target >= 1.0x; the rounds' own ratios %.2f-%.2fx |\n",
              layer_speed / array_speed, ratio_low, ratio_high);
  std::fflush(stdout);

  if (sentence) {
    // No exit: all 12 layers.
    const auto full = edgebert::bench::RunOnReferenceSoc(dense_image, sentences[0], 0);
    exact = exact && full.result.mismatch.empty() && full.result.layers_run == 12;
    std::printf(
        "| full sentence through the RTL, dense | %.1f s | %llu cycles, %d layers, %.0f "
        "cycles/s, %s (target <= 60 s) |\n",
        full.seconds, static_cast<unsigned long long>(full.cycles), full.result.layers_run,
        static_cast<double>(full.cycles) / full.seconds,
        full.result.mismatch.empty() ? "bit-exact" : full.result.mismatch.c_str());
    std::fflush(stdout);
  }

  // The golden model on one thread, as PyTorch is timed; then dense at T = 128 on the threads
  // large commands take by default.
  edgebert::golden::LimitThreads(1);
  double golden_padded = 0, golden_own = 0;  // dense
  for (const auto rows :
       {model::GoldenOptions::Rows::kPadded, model::GoldenOptions::Rows::kTrimmed}) {
    const bool padded = rows == model::GoldenOptions::Rows::kPadded;
    // Dense and the SST-2 preset take the sentences in turn.
    const std::vector<double> seconds =
        GoldenSecondsPerSentence({&dense_image, &sst2_image}, timed, rows);
    (padded ? golden_padded : golden_own) = seconds[0];
    for (const auto& [name, value] :
         {std::pair{"dense", seconds[0]}, {"SST-2 preset", seconds[1]}}) {
      std::printf(
          "| golden per sentence, %s, %s, 1 thread | %.3f s | mean of %zu, all 12 layers, dense "
          "and the preset in turn |\n",
          name, padded ? "T = 128" : "own length", value, timed.size());
    }
    std::printf("| golden, SST-2 preset / dense, %s | %.2fx | target < 1x |\n",
                padded ? "T = 128" : "own length", seconds[1] / seconds[0]);
    std::fflush(stdout);
  }
  edgebert::golden::LimitThreads(edgebert::golden::kMaxThreads);
  std::printf(
      "| golden per sentence, dense, T = 128, %u threads | %.3f s | large commands split |\n",
      edgebert::golden::PartsFor(true),
      GoldenSecondsPerSentence({&dense_image}, sentences, model::GoldenOptions::Rows::kPadded)[0]);
  const double float_seconds = FloatSecondsPerSentence(sentences[0]);
  std::printf("| float reference per sentence, T = 128 | %.3f s | C++ float32 forward, dense |\n",
              float_seconds);
  const PyTorchTimes torch = ReadPyTorch(pytorch);
  if (torch.padded > 0) {
    std::printf("| PyTorch FP32 per sentence, T = 128, 1 thread | %.3f s | %s |\n", torch.padded,
                torch.note.c_str());
    std::printf("| PyTorch FP32 per sentence, own length, 1 thread | %.3f s | mean of %zu |\n",
                torch.own, timed.size());
    std::printf("| golden / PyTorch, dense, T = 128 | %.2fx | target <= 1x |\n",
                golden_padded / torch.padded);
    std::printf("| golden / PyTorch, dense, own length | %.2fx | target <= 1x |\n",
                golden_own / torch.own);
    std::printf("| float reference / PyTorch | %.2fx | target <= 2x |\n",
                float_seconds / torch.padded);
  } else {
    std::printf("| PyTorch FP32 per sentence | - | %s |\n", torch.note.c_str());
  }
  if (!exact) {
    std::printf(
        "\nFAILED: an RTL run disagreed with the golden or stopped early (see the table)\n");
  }
  return exact ? 0 : 1;
}
