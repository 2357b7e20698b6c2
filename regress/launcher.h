// Where a run's command runs: here (local), behind a command prefix (ssh host, srun -N1), or as
// a Slurm batch job. The scheduler starts, polls and stops runs through this interface only, so
// timeouts, waves reruns, results and reports are the same whichever launcher ran them.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace edgebert::regress {

// A run that could not be started (sbatch missing or refusing the job, fork failing). The
// regression stops: every later run would fail the same way.
class LaunchError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct LaunchSpec {
  std::string name;           // the run's name (a Slurm job name)
  std::string command;        // one /bin/sh line
  std::filesystem::path cwd;  // where it starts ({source})
  std::filesystem::path dir;  // the run's folder (exists; the launcher may keep files there)
  std::filesystem::path log;  // stdout and stderr
  double timeout_s = 0;       // the runner enforces it too; Slurm gets it as --time
};

// One started run. Destroying a job that has not ended stops it (kills the group, scancels).
class Job {
 public:
  virtual ~Job() = default;
  // The exit status once it has ended (128 + N when killed by signal N), else nullopt.
  virtual std::optional<int> poll() = 0;
  // Whether the command has started: a Slurm job may wait in the queue first, and its timeout
  // and wall time count from its start.
  virtual bool running() = 0;
  // Asks it to stop (SIGTERM; scancel).
  virtual void terminate() = 0;
  // Stops it now (SIGKILL; scancel --signal=KILL).
  virtual void kill() = 0;
};

class Launcher {
 public:
  virtual ~Launcher() = default;
  // Throws LaunchError.
  virtual std::unique_ptr<Job> start(const LaunchSpec& spec) const = 0;
  // "local", "prefix 'ssh host'", "slurm": the runner's first line.
  virtual std::string describe() const = 0;
  // Whether -j is capped at this machine's cores (the runs use them).
  virtual bool uses_local_cores() const = 0;
};

// Today's behaviour: /bin/sh -c in its own process group (process.h).
std::unique_ptr<Launcher> make_local_launcher();

// `PREFIX /bin/sh -c 'cd CWD && COMMAND'`, run locally like a local run: the prefix is a shell
// fragment (ssh host, srun -N1, env X=1); the command and its folder travel as one quoted word.
std::unique_ptr<Launcher> make_prefix_launcher(const std::string& prefix);
// The line a prefix launcher runs (exposed for its tests).
std::string prefixed_command(const std::string& prefix, const LaunchSpec& spec);

struct SlurmOptions {
  std::string sbatch = "sbatch";  // the tools, looked up in PATH
  std::string scancel = "scancel";
  std::string scontrol = "scontrol";
  std::string extra_args;  // more sbatch options, a shell fragment (-p PART -A ACCOUNT)
  // How often a running job's state is asked of slurmctld (the exit file is checked every poll).
  std::chrono::milliseconds state_interval{1000};
};

// One sbatch job per run: a script in the run's folder (LOG.sbatch) marks its start (LOG.start),
// runs the command in CWD and writes its exit status (LOG.exit); stdout and stderr go to the log
// (--output), the timeout becomes --time. A job that ends without an exit file (cancelled, node
// failure) ends with the status scontrol reports. Throws LaunchError when sbatch is not found.
std::unique_ptr<Launcher> make_slurm_launcher(const SlurmOptions& options);

// --time for a timeout: whole minutes, rounded up, at least 1 ("M" minutes, sbatch's format).
std::string slurm_time_limit(double timeout_s);
// The job script for a run (exposed for its tests).
std::string slurm_script(const LaunchSpec& spec, const std::filesystem::path& start_file,
                         const std::filesystem::path& exit_file);
// The sbatch line for a run's script (exposed for its tests).
std::string sbatch_command(const SlurmOptions& options, const LaunchSpec& spec,
                           const std::filesystem::path& script);

// Whether `tool` is a path to an executable, or found in PATH.
bool find_tool(const std::string& tool);

}  // namespace edgebert::regress
