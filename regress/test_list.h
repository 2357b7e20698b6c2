// A regression test list (yaml/regress/*.yaml): tests with command templates, tags, timeouts,
// seeds and config keys (a matrix when list-valued), validated on load.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "config.h"

namespace edgebert::regress {

// A malformed list. The message names the file, the line, the test and the key.
class ListError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One combination of a test's config values: a run per seed.
struct Variant {
  Config config;       // every key, scalar and expanded, in the order written
  std::string label;   // the list-valued keys, "lanes=4,task=sst2"; empty without any
  std::string folder;  // "-lanes-4-task-sst2" (values sanitised); empty without any
};

struct TestSpec {
  std::string name;
  std::string command;  // template: {build} {source} {seed} {out} and the config keys
  std::vector<std::string> tags;
  double timeout_s = 0;                    // > 0
  std::vector<std::uint64_t> seeds;        // empty: one run without a seed
  std::optional<std::string> waves_rerun;  // template run after a failure
  // The config matrix: the cartesian product of the values, keys in the order written, the first
  // varying slowest. One variant (maybe with an empty config) when no key is list-valued.
  std::vector<Variant> variants;
};

// The placeholders `{name}` (letters, digits, '_') of a template, in order; `${name}` is the
// shell's and not one.
std::vector<std::string> placeholders(const std::string& templ);

// A run's name: "test", "test[seed]", "test[lanes=4]", "test[lanes=4,task=sst2][seed]".
std::string run_name(const TestSpec& test, const Variant& variant,
                     const std::optional<std::uint64_t>& seed);
// A run's folder, one path component: "test", "test-seed3", "test-lanes-4-task-sst2-seed3".
std::string run_folder(const TestSpec& test, const Variant& variant,
                       const std::optional<std::uint64_t>& seed);

struct TestList {
  std::string name;  // `name:` in the file, else the file's stem
  std::filesystem::path file;
  std::vector<TestSpec> tests;
};

// Reads and validates a list; throws ListError.
TestList load_test_list(const std::filesystem::path& file);
// The same from the file's text; `file` names it in messages and gives the default list name.
TestList parse_test_list(std::string_view text, const std::filesystem::path& file);

}  // namespace edgebert::regress
