// Error context for messages such as
//   regmap.yaml: register CTRL: field ABORT (bits 1:1) overlaps field ENABLE (bits 0:0)
// Each level of the YAML adds one ": "-separated part; Fail() throws with the whole path.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "regmap_model.h"

namespace edgebert::regmap {

class Where {
 public:
  explicit Where(std::string path) : path_(std::move(path)) {}

  Where Child(std::string_view part) const { return Where(path_ + ": " + std::string(part)); }

  [[noreturn]] void Fail(std::string_view message) const {
    throw RegmapError(path_ + ": " + std::string(message));
  }

 private:
  std::string path_;
};

}  // namespace edgebert::regmap
