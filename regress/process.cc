#include "process.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <stdexcept>

namespace edgebert::regress {
namespace {

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

ChildProcess::ChildProcess(const std::string& command, const std::filesystem::path& cwd,
                           const std::filesystem::path& log) {
  const Fd out(::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (out.get() < 0) {
    throw std::runtime_error(log.string() + ": cannot open: " + std::strerror(errno));
  }
  const Fd in(::open("/dev/null", O_RDONLY | O_CLOEXEC));
  if (in.get() < 0) throw std::runtime_error(std::string("/dev/null: ") + std::strerror(errno));
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error(std::string("fork failed: ") + std::strerror(errno));
  if (pid == 0) {
    // The child: only async-signal-safe calls until exec.
    ::setpgid(0, 0);
    ::signal(SIGINT, SIG_DFL);
    ::signal(SIGTERM, SIG_DFL);
    if (::dup2(in.get(), 0) < 0 || ::dup2(out.get(), 1) < 0 || ::dup2(out.get(), 2) < 0) {
      ::_exit(127);
    }
    if (::chdir(cwd.c_str()) != 0) {
      constexpr char kMessage[] = "edgebert_regress: cannot enter the source directory\n";
      [[maybe_unused]] const ssize_t n = ::write(2, kMessage, sizeof kMessage - 1);
      ::_exit(127);
    }
    ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  // Both sides set the group, so it exists before the parent signals it.
  ::setpgid(pid, pid);
  pid_ = pid;
}

ChildProcess::~ChildProcess() {
  if (pid_ > 0 && !reaped_) {
    signal_group(SIGKILL);
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
  }
}

std::optional<int> ChildProcess::poll() {
  if (reaped_) return std::nullopt;
  int status = 0;
  const pid_t done = ::waitpid(pid_, &status, WNOHANG);
  if (done != pid_) return std::nullopt;
  reaped_ = true;
  signal_group(SIGKILL);  // leftovers of the run (background jobs), if any
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return 255;
}

void ChildProcess::signal_group(int sig) const {
  if (pid_ > 0) ::kill(-pid_, sig);
}

}  // namespace edgebert::regress
