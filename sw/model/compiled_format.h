// The compiled-ALBERT payload format inside a model image (docs/model_image.md): the name and
// version PARAMS carries, and the SRAM blob names, shared by the compiler that writes them and
// the program that reads them.
#pragma once

#include <string>
#include <string_view>

namespace edgebert::model {

inline constexpr char kCompiledFormat[] = "edgebert-compiled-albert";
// 2: SRAM weights bitmask-encoded as the WSRAM holds them (1: dense codes; refused).
inline constexpr int kCompiledVersion = 2;

// A weight matrix's two WSRAM planes: per vector of n codes, the nonzero codes packed from lane 0
// (n bytes, zero-filled), and its n-bit mask (a 32-bit word).
inline std::string WsramValuesBlob(std::string_view matrix) {
  return std::string(matrix) + ".values";
}
inline std::string WsramMasksBlob(std::string_view matrix) {
  return std::string(matrix) + ".masks";
}

}  // namespace edgebert::model
