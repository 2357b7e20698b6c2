// Byte-level access to Verilated vector ports, whatever C++ type Verilator chose for their width
// (CData/SData/IData/QData up to 64 bits, VlWide above).
#pragma once

#include <verilated.h>

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

}  // namespace edgebert::sim
