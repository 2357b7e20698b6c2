// Finished runs: one JSON object per line in results.jsonl, appended and fsynced as each run
// ends, so an interrupted regression loses nothing finished and --resume can skip it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "config.h"

namespace edgebert::regress {

enum class Status { kPass, kFail, kTimeout };

const char* status_name(Status status);

struct RunResult {
  std::string name;
  std::string test;
  std::optional<std::uint64_t> seed;
  Config config;  // the run's config keys and values (empty in lines written before them)
  Status status = Status::kFail;
  int exit_code = 0;  // the shell's status, or 128 + signal; -1 for a timeout
  double wall_s = 0;
  std::optional<std::uint64_t> cycles;
  std::optional<double> energy_uj;  // absent in lines written before it
  std::string log;                  // path
  std::string repro;
  std::optional<std::string> waves;  // FST written by the waves rerun
};

std::string to_json_line(const RunResult& result);  // no newline

// A results.jsonl line that is not a record to_json_line writes. from_json_line's message is the
// reason (and the column); parse_results and read_results put the file and the line first.
// torn(): the line ends inside its record, which is what a run killed mid-write leaves (--resume
// then appends after it), so readers skip such a line with a warning instead of failing.
class ResultsError : public std::runtime_error {
 public:
  ResultsError(const std::string& message, bool torn) : std::runtime_error(message), torn_(torn) {}
  bool torn() const { return torn_; }

 private:
  bool torn_;
};

// Parses one line written by to_json_line (older lines without "config" too; keys it does not
// know are ignored). Throws ResultsError.
RunResult from_json_line(std::string_view line);

// A results file: the last record of each run, and one warning (naming the file and the line)
// per torn line skipped.
struct ResultsRead {
  std::map<std::string, RunResult> runs;
  std::vector<std::string> warnings;
};
// The same from the file's text; `file` names it in messages. Blank lines are skipped. Throws
// ResultsError naming the file and the line for a line that is neither a record nor torn.
ResultsRead parse_results(std::string_view text, const std::filesystem::path& file);
// Nothing when the file is missing; throws ResultsError when it cannot be read or parsed.
ResultsRead read_results(const std::filesystem::path& file);

// Appends records: one write of the whole line, then fsync. Throws std::runtime_error.
class ResultsFile {
 public:
  ResultsFile(const std::filesystem::path& file, bool truncate);
  ~ResultsFile();
  ResultsFile(const ResultsFile&) = delete;
  ResultsFile& operator=(const ResultsFile&) = delete;

  void append(const RunResult& result);

 private:
  std::filesystem::path file_;
  int fd_ = -1;
};

}  // namespace edgebert::regress
