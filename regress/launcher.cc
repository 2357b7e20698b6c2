#include "launcher.h"

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "process.h"
#include "run_plan.h"

namespace edgebert::regress {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// A local child (process.h) seen as a Job.
class LocalJob : public Job {
 public:
  LocalJob(const std::string& command, const fs::path& cwd, const fs::path& log)
      : process_(command, cwd, log) {}
  std::optional<int> poll() override { return process_.poll(); }
  bool running() override { return true; }
  void terminate() override { process_.signal_group(SIGTERM); }
  void kill() override { process_.signal_group(SIGKILL); }

 private:
  ChildProcess process_;
};

std::unique_ptr<Job> start_local(const std::string& command, const fs::path& cwd,
                                 const fs::path& log) {
  try {
    return std::make_unique<LocalJob>(command, cwd, log);
  } catch (const std::runtime_error& e) {
    throw LaunchError(e.what());
  }
}

class LocalLauncher : public Launcher {
 public:
  std::unique_ptr<Job> start(const LaunchSpec& spec) const override {
    return start_local(spec.command, spec.cwd, spec.log);
  }
  std::string describe() const override { return "local"; }
  bool uses_local_cores() const override { return true; }
};

// The run as a script file in its folder: `cd CWD`, then the command as `/bin/sh -c` runs it
// locally. A path travels through ssh (which joins its arguments into one remote shell line) and
// srun (which execs them) alike, where a quoted command would need quoting for each.
fs::path write_script(const LaunchSpec& spec, const std::string& suffix, const std::string& text) {
  fs::path script = spec.log;
  script += suffix;
  std::ofstream out(script, std::ios::trunc);
  out << text;
  out.close();
  if (!out) throw LaunchError(script.string() + ": cannot write the run's script");
  return script;
}

std::string run_script_body(const LaunchSpec& spec) {
  return "# edgebert_regress: " + spec.name + "\ncd " + shell_quote(spec.cwd.string()) +
         " || exit 127\n/bin/sh -c " + shell_quote(spec.command) + " </dev/null\n";
}

class PrefixLauncher : public Launcher {
 public:
  explicit PrefixLauncher(std::string prefix) : prefix_(std::move(prefix)) {}
  std::unique_ptr<Job> start(const LaunchSpec& spec) const override {
    write_script(spec, ".sh", "#!/bin/sh\n" + run_script_body(spec) + "exit $?\n");
    return start_local(prefixed_command(prefix_, spec), spec.cwd, spec.log);
  }
  std::string describe() const override { return "prefix " + shell_quote(prefix_); }
  bool uses_local_cores() const override { return false; }

 private:
  std::string prefix_;
};

struct Captured {
  int status = -1;  // the exit status; -1 when it could not run
  std::string output;
};

struct PipeClose {
  void operator()(FILE* pipe) const { ::pclose(pipe); }
};

// Runs a shell line and returns its exit status and its stdout and stderr together.
Captured capture(const std::string& command) {
  Captured result;
  std::unique_ptr<FILE, PipeClose> pipe(::popen((command + " 2>&1").c_str(), "r"));
  if (!pipe) return result;
  std::array<char, 4096> buffer{};
  for (std::size_t n; (n = std::fread(buffer.data(), 1, buffer.size(), pipe.get())) > 0;) {
    result.output.append(buffer.data(), n);
  }
  const int status = ::pclose(pipe.release());
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

// "KEY=VALUE" out of `scontrol show job -o`'s one line; empty when absent.
std::string field(const std::string& line, const std::string& key) {
  std::size_t at = 0;
  while ((at = line.find(key + "=", at)) != std::string::npos) {
    if (at == 0 || line[at - 1] == ' ') {
      const std::size_t start = at + key.size() + 1;
      return line.substr(start, line.find(' ', start) - start);
    }
    at += key.size();
  }
  return {};
}

class SlurmJob : public Job {
 public:
  SlurmJob(const SlurmOptions& options, std::string id, fs::path start_file, fs::path exit_file,
           fs::path log)
      : options_(options),
        id_(std::move(id)),
        start_file_(std::move(start_file)),
        exit_file_(std::move(exit_file)),
        log_(std::move(log)) {}
  ~SlurmJob() override {
    if (!status_) capture(options_.scancel + " " + id_);
  }
  SlurmJob(const SlurmJob&) = delete;
  SlurmJob& operator=(const SlurmJob&) = delete;

  std::optional<int> poll() override {
    if (status_) return status_;
    if (const auto code = read_exit_file()) return status_ = code;
    const auto now = Clock::now();
    if (now < next_query_) return std::nullopt;
    next_query_ = now + options_.state_interval;
    const Captured shown = capture(options_.scontrol + " show job -o " + id_);
    const std::string state = field(shown.output, "JobState");
    // slurmctld busy or restarting: ask again later. Only "Invalid job id" means it is gone, or
    // a job killed 30 s ago that slurmctld still cannot tell about (the runner gives up on it).
    if (shown.status != 0 && shown.output.find("Invalid job id") == std::string::npos &&
        !(killed_ && now > killed_at_ + std::chrono::seconds(30))) {
      return std::nullopt;
    }
    if (shown.status == 0 && (state == "PENDING" || state == "RUNNING" || state == "CONFIGURING" ||
                              state == "COMPLETING" || state == "SUSPENDED" ||
                              state == "REQUEUED" || state == "RESIZING")) {
      return std::nullopt;
    }
    // Ended: the script's own status when it wrote one (the file may have come just now).
    if (const auto code = read_exit_file()) return status_ = code;
    // It ended without running the command to its end (cancelled, time limit, node failure) or
    // slurmctld forgot it: Slurm's exit code (status:signal), noted in the log.
    int code = 1;
    const std::string exit_code = field(shown.output, "ExitCode");
    if (const auto colon = exit_code.find(':'); colon != std::string::npos) {
      const int status = std::atoi(exit_code.substr(0, colon).c_str());
      const int signal = std::atoi(exit_code.substr(colon + 1).c_str());
      code = signal != 0 ? 128 + signal : status != 0 ? status : code;
    }
    if (state == "CANCELLED" && code == 1) code = 128 + SIGTERM;
    std::ofstream(log_, std::ios::app)
        << "\nedgebert_regress: Slurm job " << id_ << " ended "
        << (state.empty() ? "(unknown to scontrol: " + trimmed(shown.output) + ")" : state)
        << " without the command's exit status; status " << code << "\n";
    return status_ = code;
  }

  bool running() override {
    if (!running_) {
      std::error_code ignored;
      running_ = status_.has_value() || fs::exists(start_file_, ignored);
    }
    return running_;
  }

  void terminate() override {
    if (status_ || terminated_) return;
    terminated_ = true;
    capture(options_.scancel + " " + id_);
    next_query_ = {};
  }

  void kill() override {
    if (status_ || killed_) return;
    killed_ = true;
    killed_at_ = Clock::now();
    capture(options_.scancel + " --full --signal=KILL " + id_);
    next_query_ = {};
  }

 private:
  std::optional<int> read_exit_file() const {
    std::ifstream in(exit_file_);
    int code = 0;
    if (in >> code) return code;
    return std::nullopt;
  }

  SlurmOptions options_;
  std::string id_;
  fs::path start_file_;
  fs::path exit_file_;
  fs::path log_;
  std::optional<int> status_;
  Clock::time_point next_query_{};
  bool running_ = false;
  bool terminated_ = false;
  bool killed_ = false;
  Clock::time_point killed_at_{};
};

class SlurmLauncher : public Launcher {
 public:
  explicit SlurmLauncher(SlurmOptions options) : options_(std::move(options)) {
    for (const std::string* tool : {&options_.sbatch, &options_.scancel, &options_.scontrol}) {
      if (!find_tool(*tool)) {
        throw LaunchError("--launcher slurm: " + *tool +
                          " not found in PATH (Slurm's client tools; Debian: slurm-client)");
      }
    }
  }

  std::unique_ptr<Job> start(const LaunchSpec& spec) const override {
    fs::path start_file = spec.log, exit_file = spec.log;
    start_file += ".start";
    exit_file += ".exit";
    std::error_code ignored;
    fs::remove(start_file, ignored);  // a waves rerun's job reuses the folder
    fs::remove(exit_file, ignored);
    const fs::path script =
        write_script(spec, ".sbatch", slurm_script(spec, start_file, exit_file));
    const Captured submitted = capture(sbatch_command(options_, spec, script));
    const std::string output = trimmed(submitted.output);
    // --parsable: "JOBID" or "JOBID;CLUSTER" (and nothing else when it worked).
    const std::string id = output.substr(0, output.find(';'));
    const bool numeric = !id.empty() && id.find_first_not_of("0123456789") == std::string::npos;
    if (submitted.status != 0 || !numeric) {
      throw LaunchError("sbatch could not submit " + spec.name + " (exit " +
                        std::to_string(submitted.status) + "): " + output);
    }
    return std::make_unique<SlurmJob>(options_, id, start_file, exit_file, spec.log);
  }
  std::string describe() const override { return "slurm"; }
  bool uses_local_cores() const override { return false; }

 private:
  SlurmOptions options_;
};

}  // namespace

std::unique_ptr<Launcher> make_local_launcher() { return std::make_unique<LocalLauncher>(); }

std::unique_ptr<Launcher> make_prefix_launcher(const std::string& prefix) {
  if (prefix.find_first_not_of(" \t") == std::string::npos) {
    throw LaunchError("--launcher prefix needs --launcher-prefix 'COMMAND ...'");
  }
  return std::make_unique<PrefixLauncher>(prefix);
}

std::string prefixed_command(const std::string& prefix, const LaunchSpec& spec) {
  fs::path script = spec.log;
  script += ".sh";
  return prefix + " /bin/sh " + shell_quote(script.string());
}

std::unique_ptr<Launcher> make_slurm_launcher(const SlurmOptions& options) {
  return std::make_unique<SlurmLauncher>(options);
}

std::string slurm_time_limit(double timeout_s) {
  const double minutes = std::ceil(timeout_s / 60);
  return std::to_string(static_cast<long long>(std::max(1.0, minutes)));
}

std::string slurm_script(const LaunchSpec& spec, const fs::path& start_file,
                         const fs::path& exit_file) {
  fs::path partial = exit_file;
  partial += ".part";
  // The status goes to a file in the shared folder (written whole, then renamed): the runner
  // reads it there without Slurm accounting, which a small cluster may not run.
  return "#!/bin/sh\n: > " + shell_quote(start_file.string()) + "\n" + run_script_body(spec) +
         "rc=$?\nprintf '%s\\n' \"$rc\" > " + shell_quote(partial.string()) + " && mv -f " +
         shell_quote(partial.string()) + " " + shell_quote(exit_file.string()) + "\nexit $rc\n";
}

std::string sbatch_command(const SlurmOptions& options, const LaunchSpec& spec,
                           const fs::path& script) {
  std::string line =
      options.sbatch + " --parsable --job-name=" + shell_quote(spec.name) +
      " --output=" + shell_quote(spec.log.string()) +
      " --open-mode=truncate --nodes=1 --ntasks=1 --time=" + slurm_time_limit(spec.timeout_s) +
      " --chdir=" + shell_quote(spec.cwd.string());
  if (!options.extra_args.empty()) line += " " + options.extra_args;
  return line + " " + shell_quote(script.string());
}

bool find_tool(const std::string& tool) {
  if (tool.find('/') != std::string::npos) return ::access(tool.c_str(), X_OK) == 0;
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path ? path : "");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    if (!dir.empty() && ::access((fs::path(dir) / tool).c_str(), X_OK) == 0) return true;
  }
  return false;
}

}  // namespace edgebert::regress
