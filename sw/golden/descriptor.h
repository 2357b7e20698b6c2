// Reading and writing command-descriptor fields (layouts generated from yaml/regmap.yaml), and
// the operand-range arithmetic every command's validation shares.
#pragma once

#include <array>
#include <cstdint>

#include "regmap/edgebert_regs.h"

namespace edgebert::golden {

using Descriptor = std::array<uint32_t, regs::kCommandWords>;

inline void Put(Descriptor& words, regs::Field field, uint32_t value) {
  words[field.word] = regs::Set(field, words[field.word], value);
}
inline void PutSigned(Descriptor& words, regs::Field field, int value) {
  words[field.word] = regs::SetSigned(field, words[field.word], value);
}
inline uint32_t Get(const Descriptor& words, regs::Field field) {
  return regs::Get(field, words[field.word]);
}
inline int GetSigned(const Descriptor& words, regs::Field field) {
  return regs::GetSigned(field, words[field.word]);
}

// One past the last vector of a rows x groups operand at base with stride (64-bit: no overflow).
inline uint64_t OperandEnd(uint32_t base, uint32_t stride, uint32_t rows, uint32_t groups) {
  return uint64_t{base} + uint64_t{rows - 1} * stride + groups;
}

}  // namespace edgebert::golden
