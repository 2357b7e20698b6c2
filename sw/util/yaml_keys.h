// yaml-cpp keeps every entry of a mapping that repeats a key, and a lookup returns the first:
// a repeated key in a configuration would be silently ignored. Every YAML (and JSON) reader of
// outside input checks its document with this after loading it.
#pragma once

#include <yaml-cpp/yaml.h>

#include <map>
#include <stdexcept>
#include <string>

namespace edgebert::util {

// Throws Error("<where>: key K given twice (lines A and B)") for the first mapping, anywhere in
// `node`, that repeats a key; lines are 1-based. Error is the reader's own error type (a
// std::runtime_error constructed from the message).
template <typename Error = std::runtime_error>
void RejectDuplicateKeys(const YAML::Node& node, const std::string& where) {
  if (node.IsMap()) {
    std::map<std::string, int> first_line;
    for (const auto& entry : node) {
      const std::string key = entry.first.Scalar();
      const int line = entry.first.Mark().line + 1;
      if (const auto [it, added] = first_line.emplace(key, line); !added) {
        throw Error(where + ": key " + key + " given twice (lines " + std::to_string(it->second) +
                    " and " + std::to_string(line) + ")");
      }
      RejectDuplicateKeys<Error>(entry.second, where);
    }
  } else if (node.IsSequence()) {
    for (const auto& item : node) RejectDuplicateKeys<Error>(item, where);
  }
}

}  // namespace edgebert::util
