// A task's EdgeBERT optimisation settings (yaml/tasks/*.yaml): pruning targets, attention spans
// and early-exit thresholds.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "model/off_ramps.h"

namespace edgebert::model {

enum class Pruning { kMagnitude, kMovement };  // movement: the checkpoint's zeros as they are

struct TaskConfig {
  std::string task;
  int labels = 2;
  double encoder_sparsity = 0;    // fraction of zeros in each encoder weight matrix
  double embedding_sparsity = 0;  // one threshold shared by every task
  Pruning pruning = Pruning::kMagnitude;
  std::vector<int> spans;  // per head; 0 turns the head off
  int span_ramp = 32;      // width of the soft mask's ramp after the span
  std::vector<double> entropy_thresholds;
  double entropy_threshold = 0;  // the one compiled in (nats)
  // Checkpoints without highways: kShared (the final classifier after every layer) or kNone.
  // A checkpoint with highways uses them unless this is kNone.
  OffRamps off_ramps = OffRamps::kShared;
};

// Throws std::runtime_error naming the file and key: unknown or missing keys, sparsities outside
// [0, 1), negative spans, a non-positive ramp, thresholds not ascending or the chosen one not
// among them or outside [0, 256) nats, spans or span_ramp over 4096, labels < 2, off_ramps
// (optional, default shared) not shared or none, a key given twice.
TaskConfig LoadTaskConfig(const std::filesystem::path& yaml);
// The same from the file's text; `name` stands for the file in messages (the fuzz target's entry).
TaskConfig ParseTaskConfig(std::string_view text, const std::filesystem::path& name);

}  // namespace edgebert::model
