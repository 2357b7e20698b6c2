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
namespace {

// The float reference of one checkpoint, with a task's span masks when one is given.
class Reference {
 public:
  explicit Reference(const ReferenceJobOptions& o)
      : dir_(o.checkpoint),
        config_(model::LoadAlbertConfig(dir_ / "config.json")),
        file_(model::SafetensorsFile::Load(dir_ / "model.safetensors")),
        weights_(model::LoadAlbertWeights(file_, config_)) {
    if (!o.task.empty()) task_ = model::LoadTaskConfig(o.task);
    forward_.off_ramps =
        weights_.highway.empty() ? model::OffRamps::kShared : model::OffRamps::kHighway;
    if (task_ && task_->off_ramps == model::OffRamps::kNone) {
      forward_.off_ramps = model::OffRamps::kNone;
    }
  }

  const model::AlbertConfig& config() const { return config_; }
  const std::filesystem::path& dir() const { return dir_; }
  bool has_task() const { return task_.has_value(); }
  model::OffRamps off_ramps() const { return forward_.off_ramps; }

  // At the input's own length: padded keys are masked, so padding changes nothing.
  model::ForwardResult Run(model::Encoding& e) {
    const auto length = static_cast<size_t>(e.length);
    e.ids.resize(length);
    e.token_types.resize(length);
    e.attention.resize(length);
    if (task_) {
      forward_.span_masks = model::SpanMaskFactors(task_->spans, e.length, task_->span_ramp);
    }
    return model::AlbertForward(config_, weights_, e.ids, e.token_types, e.attention, forward_);
  }

 private:
  std::filesystem::path dir_;
  model::AlbertConfig config_;
  model::SafetensorsFile file_;
  model::AlbertWeights weights_;
  std::optional<model::TaskConfig> task_;
  model::ForwardOptions forward_;
};

// Accuracy of the final classifier and of each off-ramp alone over a labelled TSV.
void PrintAccuracy(Reference& reference, const model::Tokenizer& tokenizer, const std::string& tsv,
                   int count) {
  const int max_length = reference.config().max_position_embeddings;
  int total = 0, correct = 0;
  std::vector<int> layer_correct(static_cast<size_t>(reference.config().num_hidden_layers), 0);
  for (const auto& entry : model::ReadLabelledTsv(tsv, count)) {
    model::Encoding e = tokenizer.Encode(entry.text, {}, max_length);
    const model::ForwardResult r = reference.Run(e);
    correct += model::PredictedLabel(r.logits) == entry.label;
    for (size_t l = 0; l < r.off_ramp_logits.size(); ++l) {
      layer_correct[l] += model::PredictedLabel(r.off_ramp_logits[l]) == entry.label;
    }
    ++total;
  }
  if (total == 0) throw std::runtime_error("reference: no sentence in " + tsv);
  std::printf("  %d sentences: accuracy %.2f %% (%d correct)\n", total, 100.0 * correct / total,
              correct);
  if (reference.off_ramps() == model::OffRamps::kNone) return;
  std::printf("  off-ramp accuracy per layer:");
  for (const int c : layer_correct) std::printf(" %.2f", 100.0 * c / total);
  std::printf(" %%\n");
}

void PrintInput(const std::string& name, model::Encoding& e, Reference& reference) {
  const model::ForwardResult r = reference.Run(e);
  std::printf("%s\n  %d tokens:", name.c_str(), e.length);
  for (const int32_t id : e.ids) std::printf(" %d", id);
  std::printf("\n  logits");
  for (const float v : r.logits) std::printf(" %.6f", v);
  std::printf(" -> label %d\n", model::PredictedLabel(r.logits));
  for (size_t l = 0; l < r.entropies.size(); ++l) {
    std::printf("  layer %2zu off-ramp logits", l + 1);
    for (const float v : r.off_ramp_logits[l]) std::printf(" %.6f", v);
    std::printf(", entropy %.6f nats\n", r.entropies[l]);
  }
}

}  // namespace

int RunReferenceJob(const ReferenceJobOptions& o) {
  if (o.texts.empty() && o.ids.empty() && o.tsv.empty()) {
    throw std::invalid_argument("reference: give --text, --ids or --tsv");
  }
  Reference reference(o);
  const model::AlbertConfig& config = reference.config();
  std::printf("edgebert reference: %s (%d layers, hidden %d, %d heads), off-ramps %s, spans %s\n",
              reference.dir().c_str(), config.num_hidden_layers, config.hidden_size,
              config.num_attention_heads,
              reference.off_ramps() == model::OffRamps::kHighway  ? "the checkpoint's highways"
              : reference.off_ramps() == model::OffRamps::kShared ? "the final classifier (shared)"
                                                                  : "none",
              reference.has_task() ? ("of " + o.task).c_str() : "off (every mask 1)");
  const int max_length = config.max_position_embeddings;
  if (!o.texts.empty() || !o.tsv.empty()) {
    const model::Tokenizer tokenizer(o.tokenizer.empty() ? reference.dir() / "spiece.model"
                                                         : std::filesystem::path(o.tokenizer));
    for (const std::string& text : o.texts) {
      model::Encoding e = tokenizer.Encode(text, {}, max_length);
      PrintInput("\"" + text + "\"", e, reference);
    }
    if (!o.tsv.empty()) PrintAccuracy(reference, tokenizer, o.tsv, o.count);
  }
  for (const std::string& list : o.ids) {
    model::Encoding e = EncodingFromIdList(list, max_length);
    PrintInput("ids " + list, e, reference);
  }
  return 0;
}

}  // namespace edgebert::app
