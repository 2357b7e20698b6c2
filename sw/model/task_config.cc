#include "model/task_config.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>
#include <stdexcept>
#include <string>

#include "model/albert_config.h"
#include "numerics/af8_rowops.h"
#include "util/yaml_document.h"

namespace edgebert::model {
namespace {

[[noreturn]] void Fail(const std::filesystem::path& file, const std::string& what) {
  throw std::runtime_error(file.string() + ": " + what);
}

template <typename T>
T Required(const YAML::Node& root, const char* key, const std::filesystem::path& file) {
  if (!root[key]) Fail(file, std::string("missing key ") + key);
  try {
    return root[key].as<T>();
  } catch (const YAML::Exception&) {
    Fail(file, std::string("key ") + key + " has a malformed value");
  }
}

}  // namespace

TaskConfig LoadTaskConfig(const std::filesystem::path& yaml) {
  return ParseTaskConfig(util::ReadConfigText(yaml), yaml);
}

TaskConfig ParseTaskConfig(std::string_view text, const std::filesystem::path& yaml) {
  const YAML::Node root = util::LoadMapping(text, yaml.string());
  const std::set<std::string> known = {
      "task",  "labels",    "encoder_sparsity",   "embedding_sparsity", "pruning",
      "spans", "span_ramp", "entropy_thresholds", "entropy_threshold",  "off_ramps"};
  for (const auto& entry : root) {
    const auto key = entry.first.as<std::string>();
    if (!known.contains(key)) Fail(yaml, "unknown key " + key);
  }
  TaskConfig t;
  t.task = Required<std::string>(root, "task", yaml);
  t.labels = Required<int>(root, "labels", yaml);
  t.encoder_sparsity = Required<double>(root, "encoder_sparsity", yaml);
  t.embedding_sparsity = Required<double>(root, "embedding_sparsity", yaml);
  const auto pruning = Required<std::string>(root, "pruning", yaml);
  if (pruning == "magnitude") {
    t.pruning = Pruning::kMagnitude;
  } else if (pruning == "movement") {
    t.pruning = Pruning::kMovement;
  } else {
    Fail(yaml, "pruning " + pruning + " is neither magnitude nor movement");
  }
  t.spans = Required<std::vector<int>>(root, "spans", yaml);
  t.span_ramp = Required<int>(root, "span_ramp", yaml);
  t.entropy_thresholds = Required<std::vector<double>>(root, "entropy_thresholds", yaml);
  t.entropy_threshold = Required<double>(root, "entropy_threshold", yaml);
  if (root["off_ramps"]) {
    const auto off_ramps = Required<std::string>(root, "off_ramps", yaml);
    if (off_ramps == "shared") {
      t.off_ramps = OffRamps::kShared;
    } else if (off_ramps == "none") {
      t.off_ramps = OffRamps::kNone;
    } else {
      Fail(yaml, "off_ramps " + off_ramps + " is neither shared nor none");
    }
  }

  if (t.labels < 2) Fail(yaml, "labels must be at least 2");
  for (const double s : {t.encoder_sparsity, t.embedding_sparsity}) {
    if (!(s >= 0 && s < 1)) Fail(yaml, "a sparsity is outside [0, 1)");
  }
  if (t.spans.empty() || std::any_of(t.spans.begin(), t.spans.end(), [](int s) { return s < 0; })) {
    Fail(yaml, "spans must be one non-negative value per head");
  }
  if (t.span_ramp <= 0) Fail(yaml, "span_ramp must be positive");
  // Spans are token distances: one at or past a sequence's length attends to all of it, and one
  // past the longest sequence taken means nothing (and overflowed the mask's arithmetic).
  const int longest = ShapeLimits::kPositions;
  if (std::any_of(t.spans.begin(), t.spans.end(), [&](int s) { return s > longest; }) ||
      t.span_ramp > longest) {
    Fail(yaml, "spans and span_ramp are token distances, at most " + std::to_string(longest));
  }
  if (t.entropy_thresholds.empty() ||
      !std::is_sorted(t.entropy_thresholds.begin(), t.entropy_thresholds.end()) ||
      t.entropy_thresholds.front() <= 0 ||
      std::find(t.entropy_thresholds.begin(), t.entropy_thresholds.end(), t.entropy_threshold) ==
          t.entropy_thresholds.end()) {
    Fail(yaml, "entropy thresholds must be positive, ascending and include entropy_threshold");
  }
  for (const double threshold : t.entropy_thresholds) {
    try {
      af8::EntropyThresholdQ24(threshold);
    } catch (const std::invalid_argument& e) {
      Fail(yaml, std::string("entropy_thresholds: ") + e.what());
    }
  }
  return t;
}

}  // namespace edgebert::model
