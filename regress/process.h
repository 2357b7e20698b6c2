// One shell command as a child process: /bin/sh -c in its own process group, stdin from
// /dev/null, stdout and stderr to a log file.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>

namespace edgebert::regress {

class ChildProcess {
 public:
  // Throws std::runtime_error when the log cannot be opened or fork fails.
  ChildProcess(const std::string& command, const std::filesystem::path& cwd,
               const std::filesystem::path& log);
  // Still running: SIGKILL to the group, then reaped.
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // The exit status once the shell has ended (128 + N when killed by signal N), else nullopt.
  // When it ends, whatever it left behind in its group is killed.
  std::optional<int> poll();
  // Sends a signal to the whole process group.
  void signal_group(int sig) const;

 private:
  pid_t pid_ = -1;
  bool reaped_ = false;
};

}  // namespace edgebert::regress
