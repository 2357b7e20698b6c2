// Scratch folders and files for the regression runner's tests.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace edgebert::regress::testing {

// A folder of its own for the running test and `name`, emptied: ctest runs tests in parallel,
// and two tests may use one name. `prefix` names the test program.
inline std::filesystem::path FreshDir(const std::string& prefix, const std::string& name) {
  const ::testing::TestInfo* test = ::testing::UnitTest::GetInstance()->current_test_info();
  const std::string owner =
      test == nullptr ? "" : std::string(test->test_suite_name()) + "." + test->name() + "_";
  const std::filesystem::path dir =
      std::filesystem::path(::testing::TempDir()) / (prefix + "_" + owner + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline void WriteFile(const std::filesystem::path& file, const std::string& text) {
  std::ofstream out(file);
  out << text;
}

inline std::string ReadFile(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace edgebert::regress::testing
