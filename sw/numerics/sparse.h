// Bitmask sparse encoding of n-lane AF8 vectors, as stored in the WSRAM, UAB and ReRAM.
//
// An n-lane vector (n in {4, 8, 16, 32}) becomes an n-bit mask (bit i set when lane i is
// nonzero; both zero codes count as zero) and its nonzero codes packed in lane order. In an
// n-byte slot (SRAM layout, docs/architecture.md) the packed codes come first and the unused
// tail bytes are zero.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace edgebert::sparse {

inline constexpr int kSupportedLanes[] = {4, 8, 16, 32};
inline constexpr int kMaxLanes = 32;

bool IsSupportedLanes(int lanes);
// Throws std::invalid_argument unless lanes is one of kSupportedLanes.
void CheckLanes(int lanes);

// Compresses `dense` (lanes() codes) into `slot` (same size): nonzeros first, zeros after.
// Returns the mask.
uint32_t EncodeVector(std::span<const uint8_t> dense, std::span<uint8_t> slot);

// Re-inserts zeros: lane i of `dense` gets the next packed code when mask bit i is set, else 0.
// Only popcount(mask) bytes of `packed` are read. A mask bit at or above dense.size(), or a
// packed span shorter than popcount(mask), throws std::invalid_argument.
void DecodeVector(uint32_t mask, std::span<const uint8_t> packed, std::span<uint8_t> dense);

// A rows x cols tensor (cols a multiple of lanes) as a value plane of n-byte slots and a mask
// plane of one mask per vector, both indexed by vector number row * (cols / lanes) + group.
struct SparseTensor {
  int lanes = 0;
  int rows = 0;
  int cols = 0;
  std::vector<uint8_t> values;
  std::vector<uint32_t> masks;
};

SparseTensor EncodeTensor(std::span<const uint8_t> dense, int rows, int cols, int lanes);
std::vector<uint8_t> DecodeTensor(const SparseTensor& tensor);

}  // namespace edgebert::sparse
