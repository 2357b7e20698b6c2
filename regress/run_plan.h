// Expands a test list into runs: one per config combination and seed, placeholders filled,
// filtered by name and tag.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "test_list.h"

namespace edgebert::regress {

struct PlanOptions {
  std::filesystem::path build;        // {build}, absolute
  std::filesystem::path source;       // {source}, absolute; the runs' working directory
  std::filesystem::path out;          // the report folder; each run gets out/<dir>
  std::optional<std::string> filter;  // ECMAScript regex searched in the run name
  std::vector<std::string> tags;      // any of them (empty: all)
};

struct Run {
  std::string name;  // "test", "test[seed]", "test[lanes=4,task=sst2][seed]": see run_name
  std::string test;
  std::optional<std::uint64_t> seed;
  Config config;                             // every config key of the test, with this run's values
  std::string command;                       // expanded
  std::optional<std::string> waves_command;  // expanded
  std::optional<std::string> waves_file;     // the .fst named in waves_command
  double timeout_s = 0;
  std::filesystem::path dir;  // out/<run_folder>: <test>[-<key>-<value>...][-seed<N>]
  std::filesystem::path log;  // dir/log.txt
  std::string repro;          // cd '<source>' && <command>
};

// Replaces {build}, {source}, {seed}, {out} and each {key} of config, in one pass (a value is
// not expanded again); other text, ${name} included, is untouched.
std::string expand(const std::string& templ, const std::filesystem::path& build,
                   const std::filesystem::path& source, const std::string& seed,
                   const std::filesystem::path& out, const Config& config = {});

// Single-quotes a word for /bin/sh when it needs it.
std::string shell_quote(const std::string& word);

// --reseed N: every seeded test (`seeds` or `reseed` in the list) gets `count` new distinct seeds
// in [1, 2^31) drawn from `draw` (any 32-bit source) instead of its list's; tests without seeds
// are left alone. Returns each reseeded test's name and its new seeds, in list order.
std::vector<std::pair<std::string, std::vector<std::uint64_t>>> reseed_tests(
    TestList& list, std::size_t count, const std::function<std::uint32_t()>& draw);

// Throws std::regex_error on a bad filter.
std::vector<Run> plan_runs(const TestList& list, const PlanOptions& options);

}  // namespace edgebert::regress
