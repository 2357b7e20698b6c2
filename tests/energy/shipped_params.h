// The parameter file the project ships, for the energy tests.
#pragma once

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace edgebert::energy::testing {

inline std::filesystem::path ShippedParamsPath() {
  return std::filesystem::path(EDGEBERT_SOURCE_DIR) / "yaml/energy/edgebert_12nm.yaml";
}

inline std::string ShippedParamsText() {
  std::ifstream in(ShippedParamsPath(), std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace edgebert::energy::testing
