// Full-model golden benchmark: one ALBERT-base sentence (random weights) through the bit-exact
// golden accelerator, for the SST-2 preset (50 % encoder sparsity, 7 of 12 heads off) and a dense
// model with every head on, at the padded T = 128 (the target: at most 2 s) and at the
// sentence's own length rounded up to n. Figures only.
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "golden/accelerator.h"
#include "model/albert_golden.h"
#include "model/albert_program.h"
#include "model/compiler.h"
#include "model/task_config.h"
#include "workloads/sst2_sample.h"
#include "workloads/synthetic_albert.h"

namespace model = edgebert::model;

int main() {
  const std::string source = EDGEBERT_SOURCE_DIR;
  const model::TaskConfig sst2 = model::LoadTaskConfig(source + "/yaml/tasks/sst2.yaml");
  const model::TaskConfig dense = edgebert::sim::DenseTask(sst2);
  const auto sentences = edgebert::sim::Sst2Encodings(128, 8);
  std::printf(
      "Full-model golden: ALBERT-base shapes, random weights, n = 16, all 12 layers (no early "
      "exit), %zu SST-2 sentences\n\n",
      sentences.size());
  std::printf(
      "| task | heads on | rows | mean tokens | s per sentence | MACs per sentence | GMAC/s | "
      "commands |\n");
  std::printf("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |\n");
  for (const model::TaskConfig& task : {sst2, dense}) {
    const model::ModelImage image =
        edgebert::sim::RandomAlbertBaseImage(task, {sentences.begin(), sentences.begin() + 2});
    const model::AlbertProgram program(image, edgebert::golden::AcceleratorConfig{});
    edgebert::golden::GoldenAccelerator accelerator;
    model::LoadModel(accelerator, program);
    int heads_on = 0;
    for (const int s : task.spans) heads_on += s > 0;
    for (const auto rows :
         {model::GoldenOptions::Rows::kPadded, model::GoldenOptions::Rows::kTrimmed}) {
      model::GoldenOptions options;
      options.rows = rows;
      options.entropy_threshold_q24 = 0;  // every layer
      double seconds = 0, macs = 0, tokens = 0, commands = 0;
      for (const model::Encoding& e : sentences) {
        const auto start = std::chrono::steady_clock::now();
        const model::GoldenResult r = model::RunGolden(accelerator, program, e, options);
        seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        macs += static_cast<double>(r.vmacs) * 16;
        tokens += r.keys;
        commands += static_cast<double>(r.commands);
      }
      const double count = static_cast<double>(sentences.size());
      std::printf(
          "| %s | %d | %s | %.1f | %.3f | %.3g | %.2f | %.0f |\n", task.task.c_str(), heads_on,
          rows == model::GoldenOptions::Rows::kPadded ? "T = 128 (padded)"
                                                      : "length rounded up to 16",
          tokens / count, seconds / count, macs / count, macs / seconds / 1e9, commands / count);
      std::fflush(stdout);
    }
  }
  return 0;
}
