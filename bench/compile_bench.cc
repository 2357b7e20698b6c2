// Model-compiler benchmark: memory footprint of every task preset on an ALBERT-base-shaped model
// (random Gaussian weights: sparsity and AF8 sizes do not depend on trained values), against the
// dense float32 model (the paper reports up to 13.4x less memory). Figures only.
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "model/compiler.h"
#include "model/task_config.h"
#include "model/tokenizer.h"
#include "workloads/synthetic_albert.h"

namespace model = edgebert::model;

int main() {
  const std::string source = EDGEBERT_SOURCE_DIR;
  const model::Tokenizer tokenizer(source + "/tests/model/fixtures/sst2_spm.model");
  const std::vector<model::Encoding> calibration = {
      tokenizer.Encode("a gorgeous , witty , seductive movie .", {}, 128)};
  std::printf(
      "Model footprint per task preset: ALBERT-base shapes (vocab 30000, E 128, H 768, "
      "12 heads, FFN 3072), n = 16, T = 128\n\n");
  std::printf(
      "| task | encoder / embedding sparsity | ReRAM (B) | SRAM compressed (B) | aux (B) | "
      "dense FP32 (B) | reduction | compile (s) |\n");
  std::printf("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
  for (const char* name : {"mnli", "qqp", "sst2", "qnli"}) {
    const model::TaskConfig task = model::LoadTaskConfig(source + "/yaml/tasks/" + name + ".yaml");
    model::AlbertConfig config;  // ALBERT-base defaults
    config.max_position_embeddings = 512;
    config.num_labels = task.labels;
    std::mt19937 rng(1);
    model::AlbertWeights weights = edgebert::sim::RandomAlbertWeights(config, rng);
    model::CompileReport r;
    const auto start = std::chrono::steady_clock::now();
    model::CompileModel(config, weights, task, calibration, {16, 128}, &r);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const uint64_t stored = r.reram_bytes + r.sram_compressed_bytes + r.aux_bytes;
    std::printf("| %s | %.0f %% / %.0f %% | %llu | %llu | %llu | %llu | %.2fx | %.1f |\n", name,
                100 * r.encoder_sparsity, 100 * r.embedding_sparsity,
                static_cast<unsigned long long>(r.reram_bytes),
                static_cast<unsigned long long>(r.sram_compressed_bytes),
                static_cast<unsigned long long>(r.aux_bytes),
                static_cast<unsigned long long>(r.dense_fp32_bytes),
                static_cast<double>(r.dense_fp32_bytes) / static_cast<double>(stored), seconds);
    std::fflush(stdout);
  }
  std::printf(
      "\nQQP's encoder is movement-pruned in the paper: a dense random checkpoint keeps its "
      "zeros (none), so its row shows the dense encoder.\n");
  return 0;
}
