// Byte- and bit-level access to Verilated vector ports, whatever C++ type Verilator chose for
// their width (CData/SData/IData/QData up to 64 bits, VlWide above).
#pragma once

#include <verilated.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <type_traits>

namespace edgebert::sim {

template <typename Port>
void PutBytes(Port& port, std::span<const uint8_t> bytes) {
  if constexpr (std::is_integral_v<Port>) {
    uint64_t value = 0;
    for (size_t i = 0; i < bytes.size() && i < sizeof(Port); ++i) {
      value |= uint64_t{bytes[i]} << (8 * i);
    }
    port = static_cast<Port>(value);
  } else {
    for (size_t w = 0; w < sizeof(Port) / sizeof(uint32_t); ++w) {
      uint32_t word = 0;
      for (size_t b = 0; b < 4 && 4 * w + b < bytes.size(); ++b) {
        word |= uint32_t{bytes[4 * w + b]} << (8 * b);
      }
      port[w] = word;
    }
  }
}

template <typename Port>
uint8_t GetByte(const Port& port, size_t index) {
  if constexpr (std::is_integral_v<Port>) {
    return static_cast<uint8_t>(static_cast<uint64_t>(port) >> (8 * index));
  } else {
    return static_cast<uint8_t>(port[index / 4] >> (8 * (index % 4)));
  }
}

template <typename Port>
void PutWords(Port& port, std::span<const uint32_t> words) {
  static_assert(!std::is_integral_v<Port>, "a descriptor port is wider than 64 bits");
  for (size_t w = 0; w < sizeof(Port) / sizeof(uint32_t) && w < words.size(); ++w) {
    port[w] = words[w];
  }
}

// Bits lsb..lsb+width-1 (width <= 64) of a port, for the members of a packed-struct port.
template <typename Port>
uint64_t GetBits(const Port& port, unsigned lsb, unsigned width) {
  uint64_t value = 0;
  if constexpr (std::is_integral_v<Port>) {
    value = static_cast<uint64_t>(port) >> lsb;
  } else {
    for (unsigned bit = 0; bit < width; bit += 32 - (lsb + bit) % 32) {
      const unsigned at = lsb + bit;
      value |= static_cast<uint64_t>(port[at / 32] >> (at % 32)) << bit;
    }
  }
  return width >= 64 ? value : value & ((uint64_t{1} << width) - 1);
}

template <typename Port>
void SetBits(Port& port, unsigned lsb, unsigned width, uint64_t value) {
  const uint64_t field = width >= 64 ? ~uint64_t{0} : (uint64_t{1} << width) - 1;
  value &= field;
  if constexpr (std::is_integral_v<Port>) {
    const uint64_t cleared = static_cast<uint64_t>(port) & ~(field << lsb);
    port = static_cast<Port>(cleared | (value << lsb));
  } else {
    for (unsigned bit = 0; bit < width;) {
      const unsigned at = lsb + bit;
      const unsigned take = std::min(width - bit, 32 - at % 32);
      const uint32_t mask = (take >= 32 ? ~uint32_t{0} : (uint32_t{1} << take) - 1) << (at % 32);
      const uint32_t part = static_cast<uint32_t>(value >> bit) << (at % 32);
      port[at / 32] = (port[at / 32] & ~mask) | (part & mask);
      bit += take;
    }
  }
}

}  // namespace edgebert::sim
