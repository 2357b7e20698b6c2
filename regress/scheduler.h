// Runs the planned runs on a pool of processes, with timeouts and waves reruns.
#pragma once

#include <functional>
#include <vector>

#include "launcher.h"
#include "results.h"
#include "run_plan.h"

namespace edgebert::regress {

struct SchedulerOptions {
  int jobs = 1;  // processes at once
  std::filesystem::path cwd;
  double kill_grace_s = 2;             // SIGTERM to SIGKILL after a timeout
  const Launcher* launcher = nullptr;  // where runs run (launcher.h); null: local
};

// Runs every run, at most options.jobs processes at once, through options.launcher. Each run starts
// in a fresh run.dir; a run past its timeout gets SIGTERM, then SIGKILL after the grace, to its
// whole group. A failed run with a waves command reruns it (log: waves_log.txt) before it is
// finished. on_finished is called on this thread once per run as it finishes. `interrupted` is
// polled: when it returns true every running job is stopped (killed; scancelled) and execute
// returns false (the unfinished runs are not reported).
bool execute(const std::vector<Run>& runs, const SchedulerOptions& options,
             const std::function<void(const Run&, const RunResult&)>& on_finished,
             const std::function<bool()>& interrupted);

}  // namespace edgebert::regress
