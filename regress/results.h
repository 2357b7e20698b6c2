// Finished runs: one JSON object per line in results.jsonl, appended and fsynced as each run
// ends, so an interrupted regression loses nothing finished and --resume can skip it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

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
  std::string log;  // path
  std::string repro;
  std::optional<std::string> waves;  // FST written by the waves rerun
};

std::string to_json_line(const RunResult& result);  // no newline
// Parses a line written by to_json_line; nullopt when it is not one (a torn last line).
std::optional<RunResult> from_json_line(const std::string& line);

// The last record of each run in the file (none when it is missing).
std::map<std::string, RunResult> read_results(const std::filesystem::path& file);

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
