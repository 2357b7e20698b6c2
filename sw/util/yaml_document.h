// A configuration file of outside input read whole, and its text loaded as a YAML (or JSON)
// mapping with no key given twice. Every error is the reader's own type and starts with the
// file's name, so the readers (task configs, ALBERT configs, energy parameters) fail alike.
#pragma once

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <string_view>

#include "util/yaml_keys.h"

namespace edgebert::util {

// Throws Error("<file>: cannot read the file").
template <typename Error = std::runtime_error>
std::string ReadConfigText(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error(file.string() + ": cannot read the file");
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Throws Error("<where>: <parser message>") for malformed text, Error("<where>: <not_a_map>")
// when the document is not a mapping, and RejectDuplicateKeys' error.
template <typename Error = std::runtime_error>
YAML::Node LoadMapping(std::string_view text, const std::string& where,
                       const std::string& not_a_map = "not a mapping") {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    throw Error(where + ": " + e.what());
  }
  if (!root.IsMap()) throw Error(where + ": " + not_a_map);
  RejectDuplicateKeys<Error>(root, where);
  return root;
}

}  // namespace edgebert::util
