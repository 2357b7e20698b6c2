// Progress of a long job with an ETA, shared by edgebert's jobs (golden --tsv, compile's
// calibration, dse, run) and edgebert_regress: one line redrawn in place on a terminal, plain
// lines otherwise (a log file or a CI console shows carriage returns as garbage), every line
// flushed as it is written so that a log being tailed is never behind.
#pragma once

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace edgebert::util {

// The seconds left when `done` of `total` items took `elapsed_s`, at the mean rate so far;
// nullopt before the first item (no rate yet), 0 once all are done.
inline std::optional<double> EtaSeconds(size_t done, size_t total, double elapsed_s) {
  if (done >= total) return 0.0;
  if (done == 0 || !(elapsed_s >= 0)) return std::nullopt;
  return elapsed_s / static_cast<double>(done) * static_cast<double>(total - done);
}

// A duration for people: "42s", "4m10s", "2h05m" (whole seconds, rounded up: an ETA that says
// 0s while work is left would be wrong).
inline std::string FormatDuration(double seconds) {
  const auto s = static_cast<long long>(std::ceil(std::max(0.0, seconds)));
  char text[48];
  if (s < 60) {
    std::snprintf(text, sizeof text, "%llds", s);
  } else if (s < 3600) {
    std::snprintf(text, sizeof text, "%lldm%02llds", s / 60, s % 60);
  } else {
    std::snprintf(text, sizeof text, "%lldh%02lldm", s / 3600, s % 3600 / 60);
  }
  return text;
}

// "ETA 4m10s"; "ETA ?" before the first item.
inline std::string EtaText(size_t done, size_t total, double elapsed_s) {
  const std::optional<double> eta = EtaSeconds(done, total, elapsed_s);
  return "ETA " + (eta ? FormatDuration(*eta) : std::string("?"));
}

// How a Progress prints.
struct ProgressOptions {
  bool enabled = true;  // false (--no-progress): no status, only Line's lines
  std::FILE* out = stdout;
  std::optional<bool> terminal;  // nullopt: whether `out` is a terminal
  // Plain lines: a line when both hold (and always for the first and the last item), so a
  // long job writes at most about 100 lines and no more than one a second. 0 and 0: a line
  // per item.
  double plain_interval_s = 1.0;
  double plain_percent = 1.0;
  double redraw_interval_s = 0.1;  // terminal: redraws at most this often (the last always)
  std::function<double()> clock;   // seconds; default: the steady clock (tests inject one)
};

// Thread-safe: workers may call Advance while another thread prints lines through Line.
class Progress {
 public:
  using Options = ProgressOptions;

  // `label` goes after the count: "[12/32] golden 3 failed, ETA 4m10s".
  Progress(std::string label, size_t total, Options options = {})
      : label_(std::move(label)), total_(total), options_(std::move(options)) {
    if (!options_.clock) {
      options_.clock = [] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
            .count();
      };
    }
    terminal_ = options_.terminal.value_or(isatty(fileno(options_.out)) != 0);
    start_ = options_.clock();
  }
  ~Progress() { Finish(); }
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  bool terminal() const { return terminal_; }
  bool enabled() const { return options_.enabled; }
  double elapsed() const { return options_.clock() - start_; }

  // One more item done.
  void Advance(std::string_view note = {}) {
    const std::lock_guard<std::mutex> lock(mutex_);
    UpdateLocked(done_ + 1, note);
  }
  // `done` items done; `note` describes them ("3 failed").
  void Update(size_t done, std::string_view note = {}) {
    const std::lock_guard<std::mutex> lock(mutex_);
    UpdateLocked(done, note);
  }

  // A line that stays (a result, a failure), printed even when progress is off. On a terminal
  // the status line is cleared first and drawn again below it.
  void Line(std::string_view text) {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (drawn_) std::fputs("\r\033[K", options_.out);
    std::fwrite(text.data(), 1, text.size(), options_.out);
    std::fputc('\n', options_.out);
    if (drawn_) std::fputs(Status(done_, note_).c_str(), options_.out);
    std::fflush(options_.out);
  }

  // Ends the status line on a terminal (its last state, then a newline); idempotent.
  void Finish() {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (!drawn_) return;
    std::fprintf(options_.out, "\r%s\033[K\n", Status(done_, note_).c_str());
    std::fflush(options_.out);
    drawn_ = false;
  }

  // The status text: "[12/32] label note, ETA 4m10s"; once all are done "..., done in 3m02s".
  std::string Status(size_t done, std::string_view note) const {
    // Appended piece by piece: GCC 12's -Wrestrict misfires on "[" + std::to_string(...).
    std::string text = "[";
    text.append(std::to_string(done)).append("/").append(std::to_string(total_)).append("]");
    for (const std::string_view part : {std::string_view(label_), note}) {
      if (!part.empty()) text.append(" ").append(part);
    }
    const double seconds = elapsed();
    text += text.back() == ']' ? " " : ", ";
    text += done >= total_ ? "done in " + FormatDuration(seconds) : EtaText(done, total_, seconds);
    return text;
  }

 private:
  void UpdateLocked(size_t done, std::string_view note) {
    done_ = done;
    note_ = note;
    if (!options_.enabled) return;
    const double now = options_.clock();
    const bool last = done >= total_;
    if (terminal_) {
      if (!last && drawn_ && now - last_print_ < options_.redraw_interval_s) return;
      std::fprintf(options_.out, "\r%s\033[K", Status(done, note).c_str());
      drawn_ = true;
    } else {
      const auto step = [&](size_t n) {
        return options_.plain_percent <= 0
                   ? static_cast<double>(n)
                   : std::floor(100.0 * static_cast<double>(n) /
                                static_cast<double>(std::max<size_t>(total_, 1)) /
                                options_.plain_percent);
      };
      const bool first = printed_ == 0;
      const bool due =
          now - last_print_ >= options_.plain_interval_s && step(done) > step(printed_done_);
      if (!first && !last && !due) return;
      std::fprintf(options_.out, "%s\n", Status(done, note).c_str());
      printed_done_ = done;
      ++printed_;
    }
    last_print_ = now;
    std::fflush(options_.out);
  }

  std::string label_;
  size_t total_;
  Options options_;
  bool terminal_ = false;
  double start_ = 0;
  std::mutex mutex_;
  size_t done_ = 0;
  std::string note_;
  bool drawn_ = false;  // a terminal status line is on screen
  double last_print_ = 0;
  size_t printed_done_ = 0;
  size_t printed_ = 0;
};

}  // namespace edgebert::util
