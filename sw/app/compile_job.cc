#include "compile_job.h"

#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <vector>

#include "model/albert_config.h"
#include "model/albert_reference.h"
#include "model/compiler.h"
#include "model/labelled_text.h"
#include "model/model_image.h"
#include "model/safetensors.h"
#include "model/task_config.h"
#include "model/tokenizer.h"

namespace edgebert::app {

int RunCompileJob(const CompileJobOptions& o) {
  const std::filesystem::path dir(o.checkpoint);
  const model::AlbertConfig config = model::LoadAlbertConfig(dir / "config.json");
  const auto file = model::SafetensorsFile::Load(dir / "model.safetensors");
  model::AlbertWeights weights = model::LoadAlbertWeights(file, config);
  const model::TaskConfig task = model::LoadTaskConfig(o.task);
  const model::Tokenizer tokenizer(o.tokenizer.empty() ? dir / "spiece.model"
                                                       : std::filesystem::path(o.tokenizer));
  std::vector<model::Encoding> calibration;
  for (const auto& entry : model::ReadLabelledTsv(o.calibration, o.count)) {
    calibration.push_back(tokenizer.Encode(entry.text, {}, o.seq_len));
  }
  model::CompileReport report;
  const model::ModelImage image =
      model::CompileModel(config, weights, task, calibration, {o.lanes, o.seq_len}, &report);
  model::SaveModelImage(o.output, image);
  std::printf("edgebert compile: %s + %s -> %s\n", o.checkpoint.c_str(), o.task.c_str(),
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
