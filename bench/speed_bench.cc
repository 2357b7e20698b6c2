// Simulation speed in one table (`make bench` prints it last): the bare n x n AF8 MAC array
// (bench/rtl/bench_mac_array.sv, the most a model with this array can simulate per second) next
// to the SoC on an ALBERT-base layer and their ratio, one full 12-layer ALBERT-base sentence
// through the RTL (driver, firmware, stage lockstep), and the golden model's and the float
// reference's time per ALBERT-base sentence, with PyTorch's when `make bench` found a venv with
// torch (--pytorch FILE, written by tools/bench/pytorch_albert.py). Random weights: neither cycles
// nor speed depend on trained values. Figures only; the run fails if a result is not bit-exact.
#include <CLI/CLI.hpp>
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

double GoldenSecondsPerSentence(const model::ModelImage& image,
                                const std::vector<model::Encoding>& sentences,
                                model::GoldenOptions::Rows rows) {
  const model::AlbertProgram program(image, edgebert::golden::AcceleratorConfig{});
  edgebert::golden::GoldenAccelerator accelerator;
  model::LoadModel(accelerator, program);
  model::GoldenOptions options;
  options.rows = rows;
  options.entropy_threshold_q24 = 0;  // every layer
  const auto start = Clock::now();
  for (const model::Encoding& e : sentences) model::RunGolden(accelerator, program, e, options);
  return Seconds(start) / static_cast<double>(sentences.size());
}

double FloatSecondsPerSentence(const model::Encoding& sentence) {
  const model::AlbertConfig config;  // ALBERT-base
  std::mt19937 rng(1);
  const model::AlbertWeights weights = edgebert::sim::RandomAlbertWeights(config, rng);
  const auto start = Clock::now();
  model::AlbertForward(config, weights, sentence.ids, sentence.token_types, sentence.attention);
  return Seconds(start);
}

// tools/bench/pytorch_albert.py's output: "<seconds at T = 128> <torch version>".
std::string PyTorchCell(const std::string& path, double* seconds) {
  if (path.empty()) return "not measured (no venv with torch: make train's venv)";
  std::ifstream in(path);
  std::string version;
  if (!(in >> *seconds >> version)) return "unreadable " + path;
  return "torch " + version;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Simulation speed: bare array vs SoC, full sentence, golden, float reference"};
  uint64_t array_cycles = 2'000'000;
  bool sentence = true;
  std::string pytorch;
  app.add_option("--array-cycles", array_cycles, "cycles of the bare-array run");
  app.add_flag("!--no-sentence", sentence, "skip the full 12-layer sentence through the RTL");
  app.add_option("--pytorch", pytorch, "PyTorch's time (tools/bench/pytorch_albert.py)");
  CLI11_PARSE(app, argc, argv);

  const std::string source = EDGEBERT_SOURCE_DIR;
  const model::TaskConfig sst2 = model::LoadTaskConfig(source + "/yaml/tasks/sst2.yaml");
  const model::TaskConfig dense = edgebert::sim::DenseTask(sst2);
  const auto sentences = edgebert::sim::Sst2Encodings(128, 2);
  const model::ModelImage dense_image = edgebert::sim::RandomAlbertBaseImage(dense, sentences);
  const model::ModelImage sst2_image = edgebert::sim::RandomAlbertBaseImage(sst2, sentences);

  std::printf("Simulation speed (%s, n = 16, ALBERT-base, random weights, T = 128 padded)\n\n",
              EDGEBERT_VERILATOR_NAME);
  std::printf("| figure | value | notes |\n| --- | ---: | --- |\n");
  const double array_speed = BareArrayCyclesPerSecond(array_cycles);
  std::printf(
      "| bare 16x16 AF8 MAC array | %.0f cycles/s | %llu cycles, new operands each cycle |\n",
      array_speed, static_cast<unsigned long long>(array_cycles));
  std::fflush(stdout);

  bool exact = true;
  // Exits at layer 0's off-ramp: one layer.
  const auto layer = edgebert::bench::RunOnReferenceSoc(dense_image, sentences[0], 0xFFFFFFFFu);
  exact = exact && layer.result.mismatch.empty();
  const double layer_speed = static_cast<double>(layer.cycles) / layer.seconds;
  std::printf(
      "| SoC, dense layer 0 | %.0f cycles/s | %llu cycles in %.2f s, stage lockstep, %s |\n",
      layer_speed, static_cast<unsigned long long>(layer.cycles), layer.seconds,
      layer.result.mismatch.empty() ? "bit-exact" : layer.result.mismatch.c_str());
  std::printf("| SoC / bare array | %.2fx | target >= 1.0x |\n", layer_speed / array_speed);
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

  for (const auto& [name, image] :
       {std::pair{"dense", &dense_image}, {"SST-2 preset", &sst2_image}}) {
    for (const auto rows :
         {model::GoldenOptions::Rows::kPadded, model::GoldenOptions::Rows::kTrimmed}) {
      const bool padded = rows == model::GoldenOptions::Rows::kPadded;
      std::printf(
          "| golden per sentence, %s, %s | %.3f s | mean of %zu, all 12 layers, large commands on "
          "%u threads |\n",
          name, padded ? "T = 128" : "own length",
          GoldenSecondsPerSentence(*image, sentences, rows), sentences.size(),
          edgebert::golden::PartsFor(true));
      std::fflush(stdout);
    }
  }
  const double float_seconds = FloatSecondsPerSentence(sentences[0]);
  std::printf("| float reference per sentence, T = 128 | %.3f s | C++ float32 forward, dense |\n",
              float_seconds);
  double torch_seconds = 0;
  const std::string torch = PyTorchCell(pytorch, &torch_seconds);
  if (torch_seconds > 0) {
    std::printf("| PyTorch FP32 per sentence, T = 128, 1 thread | %.3f s | %s |\n", torch_seconds,
                torch.c_str());
    std::printf("| float reference / PyTorch | %.2fx | target <= 2x |\n",
                float_seconds / torch_seconds);
  } else {
    std::printf("| PyTorch FP32 per sentence | - | %s |\n", torch.c_str());
  }
  if (!exact) {
    std::printf(
        "\nFAILED: an RTL run disagreed with the golden or stopped early (see the table)\n");
  }
  return exact ? 0 : 1;
}
