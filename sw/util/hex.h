// Hexadecimal text for messages: bus addresses, register values, magic numbers.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

namespace edgebert::util {

// "0x" and the lower-case hex digits of `value`, zero-padded to `digits` (0: as few as needed).
inline std::string Hex(uint64_t value, int digits = 0) {
  char text[24];
  std::snprintf(text, sizeof text, "0x%0*llx", digits, static_cast<unsigned long long>(value));
  return text;
}

}  // namespace edgebert::util
