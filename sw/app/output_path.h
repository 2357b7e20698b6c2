// Output files the jobs write: checked before a job starts, so that a long compile or run does
// not end in "cannot write" (and an existing file is not clobbered by a job that then fails).
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>

namespace edgebert::app {

// std::invalid_argument naming the option and the reason when `file`'s folder does not exist or
// is not a folder, or `file` is itself a folder. An empty path is no output.
inline void CheckOutputPath(const std::string& option, const std::filesystem::path& file) {
  if (file.empty()) return;
  const std::filesystem::path folder =
      file.parent_path().empty() ? std::filesystem::path(".") : file.parent_path();
  std::error_code error;
  if (!std::filesystem::is_directory(folder, error)) {
    throw std::invalid_argument(option + " " + file.string() + ": the folder " + folder.string() +
                                " does not exist");
  }
  if (std::filesystem::is_directory(file, error)) {
    throw std::invalid_argument(option + " " + file.string() + ": is a folder, not a file");
  }
}

}  // namespace edgebert::app
