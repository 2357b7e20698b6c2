#include "scheduler.h"

#include <chrono>
#include <deque>
#include <list>
#include <memory>
#include <thread>

#include "log_scan.h"

namespace edgebert::regress {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kCycleScanBytes = 1 << 20;

struct Task {
  std::size_t run = 0;
  bool waves = false;
};

struct Active {
  Task task;
  std::unique_ptr<Job> process;
  Clock::time_point start;     // when the command started (a queued Slurm job: not yet)
  Clock::time_point deadline;  // start + timeout
  std::optional<Clock::time_point> terminated;  // when SIGTERM went out
  bool running = false;
};

double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

Clock::duration to_duration(double s) {
  return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s));
}

}  // namespace

bool execute(const std::vector<Run>& runs, const SchedulerOptions& options,
             const std::function<void(const Run&, const RunResult&)>& on_finished,
             const std::function<bool()>& interrupted) {
  std::deque<Task> queue;
  for (std::size_t i = 0; i < runs.size(); ++i) queue.push_back({i, false});
  std::vector<RunResult> pending(runs.size());  // main-phase results waiting for a waves rerun
  std::list<Active> active;
  const auto slots = static_cast<std::size_t>(std::max(1, options.jobs));
  const std::unique_ptr<Launcher> local = options.launcher ? nullptr : make_local_launcher();
  const Launcher& launcher = options.launcher ? *options.launcher : *local;

  while (!queue.empty() || !active.empty()) {
    if (interrupted()) {
      for (auto& a : active) a.process->terminate();
      const auto until = Clock::now() + to_duration(options.kill_grace_s);
      for (auto& a : active) {
        while (Clock::now() < until && !a.process->poll()) {
          std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
      }
      active.clear();  // SIGKILL (scancel) and reap what is left
      return false;
    }
    while (active.size() < slots && !queue.empty()) {
      const Task task = queue.front();
      queue.pop_front();
      const Run& run = runs[task.run];
      if (!task.waves) {
        std::filesystem::remove_all(run.dir);
        std::filesystem::create_directories(run.dir);
      }
      const auto& command = task.waves ? *run.waves_command : run.command;
      const auto log = task.waves ? run.dir / "waves_log.txt" : run.log;
      const auto now = Clock::now();
      LaunchSpec spec{run.name, command, options.cwd, run.dir, log, run.timeout_s};
      active.push_back(
          {task, launcher.start(spec), now, now + to_duration(run.timeout_s), std::nullopt});
    }
    bool progressed = false;
    for (auto it = active.begin(); it != active.end();) {
      const auto status = it->process->poll();
      const auto now = Clock::now();
      if (!it->running && (status || it->process->running())) {
        it->running = true;
        it->start = now;
        it->deadline = now + to_duration(runs[it->task.run].timeout_s);
      }
      if (!status) {
        if (!it->running) {
          // Queued: no timeout yet.
        } else if (!it->terminated && now >= it->deadline) {
          it->process->terminate();
          it->terminated = now;
        } else if (it->terminated && now >= *it->terminated + to_duration(options.kill_grace_s)) {
          it->process->kill();
        }
        ++it;
        continue;
      }
      progressed = true;
      const Task task = it->task;
      const Run& run = runs[task.run];
      if (!task.waves) {
        RunResult r;
        r.name = run.name;
        r.test = run.test;
        r.seed = run.seed;
        r.config = run.config;
        r.wall_s = seconds(now - it->start);
        r.log = run.log.string();
        r.repro = run.repro;
        if (it->terminated) {
          r.status = Status::kTimeout;
          r.exit_code = -1;
        } else {
          r.exit_code = *status;
          r.status = *status == 0 ? Status::kPass : Status::kFail;
        }
        const std::string tail = read_tail_bytes(run.log, kCycleScanBytes);
        r.cycles = parse_cycles(tail);
        r.energy_uj = parse_energy_uj(tail);
        if (r.status != Status::kPass && run.waves_command) {
          pending[task.run] = std::move(r);
          queue.push_front({task.run, true});
        } else {
          on_finished(run, r);
        }
      } else {
        RunResult& r = pending[task.run];
        if (run.waves_file) {
          std::filesystem::path fst = *run.waves_file;
          if (fst.is_relative()) fst = options.cwd / fst;
          if (std::filesystem::exists(fst)) r.waves = fst.string();
        }
        on_finished(run, r);
      }
      it = active.erase(it);
    }
    if (!progressed) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

}  // namespace edgebert::regress
