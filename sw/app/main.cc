// edgebert: the platform's command line.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>

#include "demo_matmul.h"
#include "numerics/af8.h"
#include "numerics/af8_mac.h"
#include "regmap/edgebert_regs.h"

namespace {

int PrintInfo() {
  namespace regs = edgebert::regs;
  namespace af8 = edgebert::af8;
  std::printf("EdgeBERT accelerator platform, register map version %u\n",
              static_cast<unsigned>(regs::id::kResetValue & 0xFFFF));
  std::printf("AF8: 1 sign, %d exponent, %d mantissa bits; bias in [%d, %d]\n", af8::kExponentBits,
              af8::kMantissaBits, af8::kBiasMin, af8::kBiasMax);
  std::printf("accumulator: %d bits, exact for reductions up to %d\n", af8::kAccumulatorBits,
              af8::kMaxExactReduction);
  std::printf("command descriptor: %u words\n", static_cast<unsigned>(regs::kCommandWords));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"EdgeBERT accelerator platform"};
  app.require_subcommand(1);

  edgebert::app::DemoMatmulOptions demo;
  auto* run = app.add_subcommand("run", "Run the main job (currently: one AF8 linear layer)");
  run->add_option("--tokens", demo.tokens, "rows (sequence length)")->check(CLI::Range(1, 512));
  run->add_option("--in", demo.in_features, "input features")->check(CLI::Range(1, 4096));
  run->add_option("--out", demo.out_features, "output features")->check(CLI::Range(1, 4096));
  run->add_option("--seed", demo.seed, "random seed");
  auto* info = app.add_subcommand("info", "Print the format and interface constants");

  CLI11_PARSE(app, argc, argv);
  try {
    if (run->parsed()) return edgebert::app::RunDemoMatmul(demo);
    if (info->parsed()) return PrintInfo();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "edgebert: error: %s\n", e.what());
    return 1;
  }
  return 0;
}
