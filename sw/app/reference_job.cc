#include "reference_job.h"

#include <cstdio>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <utility>
#include <vector>

#include "id_list.h"
#include "model/albert_config.h"
#include "model/albert_golden.h"
#include "model/albert_reference.h"
#include "model/compile_steps.h"
#include "model/labelled_text.h"
#include "model/safetensors.h"
#include "model/task_config.h"
#include "model/tokenizer.h"

namespace edgebert::app {

int RunReferenceJob(const ReferenceJobOptions& o) {
  if (o.texts.empty() && o.ids.empty() && o.tsv.empty()) {
    throw std::invalid_argument("reference: give --text, --ids or --tsv");
  }
  const std::filesystem::path dir(o.checkpoint);
  const model::AlbertConfig config = model::LoadAlbertConfig(dir / "config.json");
  const auto file = model::SafetensorsFile::Load(dir / "model.safetensors");
  const model::AlbertWeights weights = model::LoadAlbertWeights(file, config);
  std::optional<model::TaskConfig> task;
  if (!o.task.empty()) task = model::LoadTaskConfig(o.task);

  model::ForwardOptions forward;
  forward.off_ramps =
      weights.highway.empty() ? model::OffRamps::kShared : model::OffRamps::kHighway;
  if (task && task->off_ramps == model::OffRamps::kNone) forward.off_ramps = model::OffRamps::kNone;
  std::printf("edgebert reference: %s (%d layers, hidden %d, %d heads), off-ramps %s, spans %s\n",
              dir.c_str(), config.num_hidden_layers, config.hidden_size, config.num_attention_heads,
              forward.off_ramps == model::OffRamps::kHighway  ? "the checkpoint's highways"
              : forward.off_ramps == model::OffRamps::kShared ? "the final classifier (shared)"
                                                              : "none",
              task ? ("of " + o.task).c_str() : "off (every mask 1)");

  // The sentence's own length: padded keys are masked, so padding changes nothing.
  auto forward_pass = [&](model::Encoding& e) {
    const auto length = static_cast<size_t>(e.length);
    e.ids.resize(length);
    e.token_types.resize(length);
    e.attention.resize(length);
    if (task) forward.span_masks = model::SpanMaskFactors(task->spans, e.length, task->span_ramp);
    return model::AlbertForward(config, weights, e.ids, e.token_types, e.attention, forward);
  };
  std::vector<std::pair<std::string, model::Encoding>> inputs;
  if (!o.texts.empty() || !o.tsv.empty()) {
    const model::Tokenizer tokenizer(o.tokenizer.empty() ? dir / "spiece.model"
                                                         : std::filesystem::path(o.tokenizer));
    for (const std::string& text : o.texts) {
      inputs.emplace_back("\"" + text + "\"",
                          tokenizer.Encode(text, {}, config.max_position_embeddings));
    }
    if (!o.tsv.empty()) {
      // Accuracy of the final classifier and of each off-ramp alone.
      int total = 0, correct = 0;
      std::vector<int> layer_correct(static_cast<size_t>(config.num_hidden_layers), 0);
      for (const auto& entry : model::ReadLabelledTsv(o.tsv, o.count)) {
        model::Encoding e = tokenizer.Encode(entry.text, {}, config.max_position_embeddings);
        const model::ForwardResult r = forward_pass(e);
        const std::vector<double> logits(r.logits.begin(), r.logits.end());
        correct += model::PredictedLabel(logits) == entry.label;
        for (size_t l = 0; l < r.off_ramp_logits.size(); ++l) {
          const std::vector<double> ramp(r.off_ramp_logits[l].begin(), r.off_ramp_logits[l].end());
          layer_correct[l] += model::PredictedLabel(ramp) == entry.label;
        }
        ++total;
      }
      if (total == 0) throw std::runtime_error("reference: no sentence in " + o.tsv);
      std::printf("  %d sentences: accuracy %.2f %% (%d correct)\n", total, 100.0 * correct / total,
                  correct);
      if (forward.off_ramps != model::OffRamps::kNone) {
        std::printf("  off-ramp accuracy per layer:");
        for (const int c : layer_correct) std::printf(" %.2f", 100.0 * c / total);
        std::printf(" %%\n");
      }
    }
  }
  for (const std::string& list : o.ids) {
    inputs.emplace_back("ids " + list, EncodingFromIdList(list, config.max_position_embeddings));
  }
  for (auto& [name, e] : inputs) {
    const model::ForwardResult r = forward_pass(e);
    const auto length = static_cast<size_t>(e.length);
    std::printf("%s\n  %zu tokens:", name.c_str(), length);
    for (const int32_t id : e.ids) std::printf(" %d", id);
    std::printf("\n  logits");
    for (const float v : r.logits) std::printf(" %.6f", v);
    const std::vector<double> logits(r.logits.begin(), r.logits.end());
    std::printf(" -> label %d\n", model::PredictedLabel(logits));
    for (size_t l = 0; l < r.entropies.size(); ++l) {
      std::printf("  layer %2zu off-ramp logits", l + 1);
      for (const float v : r.off_ramp_logits[l]) std::printf(" %.6f", v);
      std::printf(", entropy %.6f nats\n", r.entropies[l]);
    }
  }
  return 0;
}

}  // namespace edgebert::app
