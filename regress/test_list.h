// A regression test list (yaml/regress/*.yaml): tests with command templates, tags, timeouts and
// seeds, validated on load.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace edgebert::regress {

// A malformed list. The message names the file, the line, the test and the key.
class ListError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct TestSpec {
  std::string name;
  std::string command;  // template: {build} {source} {seed} {out}
  std::vector<std::string> tags;
  double timeout_s = 0;                    // > 0
  std::vector<std::uint64_t> seeds;        // empty: one run without a seed
  std::optional<std::string> waves_rerun;  // template run after a failure
};

struct TestList {
  std::string name;  // `name:` in the file, else the file's stem
  std::filesystem::path file;
  std::vector<TestSpec> tests;
};

// Reads and validates a list; throws ListError.
TestList load_test_list(const std::filesystem::path& file);

}  // namespace edgebert::regress
