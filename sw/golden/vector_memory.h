// A buffer of bitmask-encoded n-lane vectors (WSRAM or UAB): a value plane of n-byte slots and
// a mask plane of one n-bit mask per vector, both indexed by vector number
// (docs/architecture.md section 5). The golden model computes on it and the RTL tests serve
// the Verilated model's memory ports from it.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace edgebert::golden {

class VectorMemory {
 public:
  // Throws std::invalid_argument for an unsupported lane count.
  VectorMemory(std::string name, int lanes, uint32_t vectors);

  int lanes() const { return lanes_; }
  uint32_t vectors() const { return static_cast<uint32_t>(masks_.size()); }
  const std::string& name() const { return name_; }

  // One vector as stored. Out-of-range addresses throw std::out_of_range naming the buffer.
  uint32_t mask(uint32_t vector) const;
  std::span<const uint8_t> slot(uint32_t vector) const;
  void Write(uint32_t vector, uint32_t mask, std::span<const uint8_t> slot);

  // A rows x cols tensor of AF8 codes at `base` with `stride` vectors per row: encoded on store,
  // decoded on load.
  void StoreTensor(uint32_t base, uint32_t stride, int rows, int cols,
                   std::span<const uint8_t> codes);
  std::vector<uint8_t> LoadTensor(uint32_t base, uint32_t stride, int rows, int cols) const;

  void Fill(uint8_t value);

  // Changes with every write, to a value no other contents had: two memories (or one at two
  // times) with the same stamp hold the same vectors, so a stamp can key what was computed from
  // them (MatmulOperandCache). A copy shares its source's stamp until either is written.
  uint64_t stamp() const { return stamp_; }

 private:
  void CheckAddress(uint32_t vector) const;

  std::string name_;
  int lanes_;
  uint64_t stamp_;
  std::vector<uint8_t> values_;
  std::vector<uint32_t> masks_;
};

// The byte-addressed aux buffer; multi-byte values are little-endian.
class AuxMemory {
 public:
  explicit AuxMemory(uint32_t bytes) : bytes_(bytes) {}

  uint32_t size() const { return static_cast<uint32_t>(bytes_.size()); }
  uint32_t ReadWord(uint32_t byte_address) const;
  void WriteBytes(uint32_t byte_address, std::span<const uint8_t> bytes);
  void WriteInt32s(uint32_t byte_address, std::span<const int32_t> values);
  std::span<const uint8_t> Bytes(uint32_t byte_address, uint32_t count) const;

 private:
  void CheckRange(uint32_t byte_address, uint64_t count) const;

  std::vector<uint8_t> bytes_;
};

}  // namespace edgebert::golden
