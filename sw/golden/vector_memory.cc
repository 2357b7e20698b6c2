#include "golden/vector_memory.h"

#include <algorithm>
#include <atomic>
#include <stdexcept>

#include "numerics/sparse.h"

namespace edgebert::golden {
namespace {

// Process-wide, so that stamps are never reused, whichever memory or thread takes one.
uint64_t NewStamp() {
  static std::atomic<uint64_t> last{0};
  return last.fetch_add(1, std::memory_order_relaxed) + 1;
}

}  // namespace

VectorMemory::VectorMemory(std::string name, int lanes, uint32_t vectors)
    : name_(std::move(name)), lanes_(lanes), stamp_(NewStamp()) {
  sparse::CheckLanes(lanes);
  values_.assign(static_cast<size_t>(vectors) * static_cast<size_t>(lanes), 0);
  masks_.assign(vectors, 0);
}

void VectorMemory::CheckAddress(uint32_t vector) const {
  if (vector >= masks_.size()) {
    throw std::out_of_range(name_ + ": vector " + std::to_string(vector) + " outside [0, " +
                            std::to_string(masks_.size()) + ")");
  }
}

uint32_t VectorMemory::mask(uint32_t vector) const {
  CheckAddress(vector);
  return masks_[vector];
}

std::span<const uint8_t> VectorMemory::slot(uint32_t vector) const {
  CheckAddress(vector);
  const auto n = static_cast<size_t>(lanes_);
  return std::span(values_).subspan(vector * n, n);
}

void VectorMemory::Write(uint32_t vector, uint32_t mask, std::span<const uint8_t> slot) {
  CheckAddress(vector);
  const auto n = static_cast<size_t>(lanes_);
  if (slot.size() != n) throw std::invalid_argument(name_ + ": slot of the wrong size");
  masks_[vector] = mask;
  stamp_ = NewStamp();
  std::copy(slot.begin(), slot.end(), values_.begin() + static_cast<std::ptrdiff_t>(vector * n));
}

void VectorMemory::StoreTensor(uint32_t base, uint32_t stride, int rows, int cols,
                               std::span<const uint8_t> codes) {
  const sparse::SparseTensor t = sparse::EncodeTensor(codes, rows, cols, lanes_);
  const auto groups = static_cast<uint32_t>(cols / lanes_);
  const auto n = static_cast<size_t>(lanes_);
  for (uint32_t r = 0; r < static_cast<uint32_t>(rows); ++r) {
    for (uint32_t g = 0; g < groups; ++g) {
      const size_t v = r * groups + g;
      Write(base + r * stride + g, t.masks[v], std::span(t.values).subspan(v * n, n));
    }
  }
}

std::vector<uint8_t> VectorMemory::LoadTensor(uint32_t base, uint32_t stride, int rows,
                                              int cols) const {
  if (cols % lanes_ != 0) throw std::invalid_argument(name_ + ": columns not a multiple of n");
  const auto groups = static_cast<uint32_t>(cols / lanes_);
  const auto n = static_cast<size_t>(lanes_);
  std::vector<uint8_t> codes(static_cast<size_t>(rows) * static_cast<size_t>(cols));
  for (uint32_t r = 0; r < static_cast<uint32_t>(rows); ++r) {
    for (uint32_t g = 0; g < groups; ++g) {
      const uint32_t v = base + r * stride + g;
      sparse::DecodeVector(mask(v), slot(v), std::span(codes).subspan((r * groups + g) * n, n));
    }
  }
  return codes;
}

void VectorMemory::Fill(uint8_t value) {
  std::vector<uint8_t> dense(static_cast<size_t>(lanes_), value), slot_bytes(dense.size());
  const uint32_t mask_value = sparse::EncodeVector(dense, slot_bytes);
  for (uint32_t v = 0; v < vectors(); ++v) Write(v, mask_value, slot_bytes);
}

void AuxMemory::CheckRange(uint32_t byte_address, uint64_t count) const {
  if (byte_address + count > bytes_.size()) {
    throw std::out_of_range("aux: bytes [" + std::to_string(byte_address) + ", " +
                            std::to_string(byte_address + count) + ") outside [0, " +
                            std::to_string(bytes_.size()) + ")");
  }
}

uint32_t AuxMemory::ReadWord(uint32_t byte_address) const {
  CheckRange(byte_address, 4);
  uint32_t word = 0;
  for (uint32_t i = 0; i < 4; ++i) word |= uint32_t{bytes_[byte_address + i]} << (8 * i);
  return word;
}

void AuxMemory::WriteBytes(uint32_t byte_address, std::span<const uint8_t> bytes) {
  CheckRange(byte_address, bytes.size());
  std::copy(bytes.begin(), bytes.end(), bytes_.begin() + byte_address);
}

void AuxMemory::WriteInt32s(uint32_t byte_address, std::span<const int32_t> values) {
  CheckRange(byte_address, values.size() * 4);
  for (size_t i = 0; i < values.size(); ++i) {
    const auto word = static_cast<uint32_t>(values[i]);
    for (uint32_t b = 0; b < 4; ++b) {
      bytes_[byte_address + 4 * i + b] = static_cast<uint8_t>(word >> (8 * b));
    }
  }
}

std::span<const uint8_t> AuxMemory::Bytes(uint32_t byte_address, uint32_t count) const {
  CheckRange(byte_address, count);
  return std::span(bytes_).subspan(byte_address, count);
}

}  // namespace edgebert::golden
