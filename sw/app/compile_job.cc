#include "compile_job.h"

#include <cstdio>
#include <filesystem>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/albert_config.h"
#include "model/albert_reference.h"
#include "model/compiler.h"
#include "model/labelled_text.h"
#include "model/model_image.h"
#include "model/safetensors.h"
#include "model/task_config.h"
#include "model/tokenizer.h"
#include "output_path.h"
#include "util/progress.h"
#include "workloads/synthetic_albert.h"

namespace edgebert::app {

namespace {

model::AlbertConfig ConfigFor(const CompileJobOptions& o, const std::filesystem::path& dir) {
  if (!o.config.empty()) return model::LoadAlbertConfig(o.config);
  if (!o.checkpoint.empty()) return model::LoadAlbertConfig(dir / "config.json");
  return model::AlbertConfig{};  // ALBERT-base
}

}  // namespace

model::AlbertWeights WeightsFor(model::AlbertConfig& config,
                                const std::optional<uint32_t>& random_weights, int labels,
                                const std::filesystem::path& checkpoint) {
  if (random_weights) {
    config.num_labels = labels;
    std::mt19937 rng(*random_weights);
    return sim::RandomAlbertWeights(config, rng);
  }
  return model::LoadAlbertWeights(model::SafetensorsFile::Load(checkpoint / "model.safetensors"),
                                  config);
}

int RunCompileJob(const CompileJobOptions& o) {
  if (o.checkpoint.empty() && !o.random_weights) {
    throw std::invalid_argument("edgebert compile: give a checkpoint or --random-weights SEED");
  }
  if (o.checkpoint.empty() && o.tokenizer.empty()) {
    throw std::invalid_argument(
        "edgebert compile: --random-weights without a checkpoint needs "
        "--tokenizer");
  }
  CheckOutputPath("-o", o.output);
  const std::filesystem::path dir(o.checkpoint);
  const model::TaskConfig task = model::LoadTaskConfig(o.task);
  model::AlbertConfig config = ConfigFor(o, dir);
  model::AlbertWeights weights = WeightsFor(config, o.random_weights, task.labels, dir);
  const model::Tokenizer tokenizer(o.tokenizer.empty() ? dir / "spiece.model"
                                                       : std::filesystem::path(o.tokenizer));
  const std::vector<model::Encoding> calibration =
      model::EncodeLabelledTsv(tokenizer, o.calibration, o.count, o.seq_len);
  model::CompileReport report;
  util::Progress::Options progress_options;
  progress_options.enabled = o.progress;
  util::Progress progress("calibration sentences", calibration.size(), progress_options);
  model::CompileOptions options{o.lanes, o.seq_len};
  options.on_calibrated = [&](size_t done, size_t) { progress.Update(done); };
  const model::ModelImage image =
      model::CompileModel(config, weights, task, calibration, options, &report);
  progress.Finish();
  model::SaveModelImage(o.output, image);
  const std::string source = o.random_weights
                                 ? "random weights (seed " + std::to_string(*o.random_weights) +
                                       ", " + std::to_string(config.num_hidden_layers) +
                                       " layers, hidden " + std::to_string(config.hidden_size) + ")"
                                 : o.checkpoint;
  std::printf("edgebert compile: %s + %s -> %s\n", source.c_str(), o.task.c_str(),
              o.output.c_str());
  std::printf("  %zu calibration sentences, n = %d, T = %d\n", calibration.size(), o.lanes,
              o.seq_len);
  std::printf("  sparsity achieved: encoder %.1f %%, embeddings %.1f %%\n",
              100 * report.encoder_sparsity, 100 * report.embedding_sparsity);
  std::printf("  sections: ReRAM %llu B, SRAM %llu B (compressed %llu B), aux %llu B\n",
              static_cast<unsigned long long>(report.reram_bytes),
              static_cast<unsigned long long>(report.sram_bytes),
              static_cast<unsigned long long>(report.sram_compressed_bytes),
              static_cast<unsigned long long>(report.aux_bytes));
  std::printf("  dense float32 model %llu B: %.2fx smaller (ReRAM + compressed SRAM + aux)\n",
              static_cast<unsigned long long>(report.dense_fp32_bytes),
              static_cast<double>(report.dense_fp32_bytes) /
                  static_cast<double>(report.reram_bytes + report.sram_compressed_bytes +
                                      report.aux_bytes));
  return 0;
}

}  // namespace edgebert::app
