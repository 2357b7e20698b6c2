// A run's configuration: the `config:` keys of its test and their values (list-valued keys
// expanded), in the order the list writes them.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace edgebert::regress {

using Config = std::vector<std::pair<std::string, std::string>>;

// "key=value, key=value" (empty without keys): the reports' and --list's config text.
inline std::string config_text(const Config& config) {
  std::string text;
  for (const auto& [key, value] : config) {
    if (!text.empty()) text += ", ";
    text += key + "=" + value;
  }
  return text;
}

}  // namespace edgebert::regress
