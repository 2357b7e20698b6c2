#include "numerics/sparse.h"

#include <algorithm>
#include <bit>
#include <stdexcept>
#include <string>

#include "numerics/af8.h"

namespace edgebert::sparse {

bool IsSupportedLanes(int lanes) {
  return std::find(std::begin(kSupportedLanes), std::end(kSupportedLanes), lanes) !=
         std::end(kSupportedLanes);
}

void CheckLanes(int lanes) {
  if (!IsSupportedLanes(lanes)) {
    throw std::invalid_argument("vector size n = " + std::to_string(lanes) +
                                " is not one of 4, 8, 16, 32");
  }
}

uint32_t EncodeVector(std::span<const uint8_t> dense, std::span<uint8_t> slot) {
  CheckLanes(static_cast<int>(dense.size()));
  if (slot.size() != dense.size()) {
    throw std::invalid_argument("sparse encode: slot size differs from vector size");
  }
  uint32_t mask = 0;
  size_t packed = 0;
  for (size_t lane = 0; lane < dense.size(); ++lane) {
    if (af8::IsZero(dense[lane])) continue;
    mask |= uint32_t{1} << lane;
    slot[packed++] = dense[lane];
  }
  std::fill(slot.begin() + static_cast<std::ptrdiff_t>(packed), slot.end(), af8::kZeroCode);
  return mask;
}

void DecodeVector(uint32_t mask, std::span<const uint8_t> packed, std::span<uint8_t> dense) {
  CheckLanes(static_cast<int>(dense.size()));
  if (dense.size() < 32 && (mask >> dense.size()) != 0) {
    throw std::invalid_argument("sparse decode: mask " + std::to_string(mask) +
                                " has bits above lane " + std::to_string(dense.size() - 1));
  }
  if (packed.size() < static_cast<size_t>(std::popcount(mask))) {
    throw std::invalid_argument("sparse decode: mask needs " + std::to_string(std::popcount(mask)) +
                                " values, " + std::to_string(packed.size()) + " given");
  }
  size_t next = 0;
  for (size_t lane = 0; lane < dense.size(); ++lane) {
    dense[lane] = ((mask >> lane) & 1) != 0 ? packed[next++] : af8::kZeroCode;
  }
}

SparseTensor EncodeTensor(std::span<const uint8_t> dense, int rows, int cols, int lanes) {
  CheckLanes(lanes);
  if (rows < 0 || cols < 0 || cols % lanes != 0) {
    throw std::invalid_argument("sparse tensor " + std::to_string(rows) + "x" +
                                std::to_string(cols) +
                                ": columns must be a multiple of n = " + std::to_string(lanes));
  }
  const size_t elements = static_cast<size_t>(rows) * static_cast<size_t>(cols);
  if (dense.size() != elements) {
    throw std::invalid_argument("sparse tensor: " + std::to_string(dense.size()) +
                                " codes given for " + std::to_string(elements) + " elements");
  }
  SparseTensor t{lanes, rows, cols, std::vector<uint8_t>(elements), {}};
  const size_t n = static_cast<size_t>(lanes);
  t.masks.reserve(elements / n);
  for (size_t v = 0; v < elements / n; ++v) {
    t.masks.push_back(EncodeVector(dense.subspan(v * n, n), std::span(t.values).subspan(v * n, n)));
  }
  return t;
}

std::vector<uint8_t> DecodeTensor(const SparseTensor& tensor) {
  CheckLanes(tensor.lanes);
  const size_t n = static_cast<size_t>(tensor.lanes);
  const size_t elements = static_cast<size_t>(tensor.rows) * static_cast<size_t>(tensor.cols);
  if (tensor.values.size() != tensor.masks.size() * n || tensor.values.size() != elements) {
    throw std::invalid_argument("sparse tensor: value plane and mask plane sizes disagree");
  }
  std::vector<uint8_t> dense(tensor.values.size());
  for (size_t v = 0; v < tensor.masks.size(); ++v) {
    DecodeVector(tensor.masks[v], std::span(tensor.values).subspan(v * n, n),
                 std::span(dense).subspan(v * n, n));
  }
  return dense;
}

}  // namespace edgebert::sparse
