#include "numerics/sparse.h"

#include <gtest/gtest.h>

#include <bit>
#include <random>
#include <stdexcept>
#include <vector>

#include "numerics/af8.h"

namespace edgebert::sparse {
namespace {

std::vector<uint8_t> RandomVector(std::mt19937& rng, int lanes, int density_percent) {
  std::vector<uint8_t> v(static_cast<size_t>(lanes));
  for (auto& code : v) {
    if (static_cast<int>(rng() % 100) < density_percent) {
      code = static_cast<uint8_t>(1 + rng() % 255);
      if (code == 0x80) code = 0x81;
    } else {
      code = (rng() & 1) ? af8::kZeroCode : af8::kNegativeZeroCode;  // both zero codes
    }
  }
  return v;
}

TEST(Sparse, RoundTripEveryDensityEveryLaneCount) {
  std::mt19937 rng(5);
  for (const int lanes : kSupportedLanes) {
    for (int density = 0; density <= 100; ++density) {
      for (int trial = 0; trial < 20; ++trial) {
        const auto dense = RandomVector(rng, lanes, density);
        std::vector<uint8_t> slot(dense.size()), back(dense.size());
        const uint32_t mask = EncodeVector(dense, slot);
        int nonzeros = 0;
        for (size_t i = 0; i < dense.size(); ++i) {
          ASSERT_EQ(((mask >> i) & 1) != 0, !af8::IsZero(dense[i])) << "lane " << i;
          nonzeros += af8::IsZero(dense[i]) ? 0 : 1;
        }
        ASSERT_EQ(std::popcount(mask), nonzeros);
        for (size_t i = static_cast<size_t>(nonzeros); i < slot.size(); ++i) {
          ASSERT_EQ(slot[i], af8::kZeroCode) << "slot tail must be zero";
        }
        // The decoder reads only the packed prefix.
        DecodeVector(mask, std::span(slot).first(static_cast<size_t>(nonzeros)), back);
        for (size_t i = 0; i < dense.size(); ++i) ASSERT_EQ(back[i], af8::Canonical(dense[i]));
      }
    }
  }
}

TEST(Sparse, PackedOrderIsLaneOrder) {
  const std::vector<uint8_t> dense = {0, 0x11, 0, 0x22, 0x80, 0x33, 0, 0};
  std::vector<uint8_t> slot(8);
  EXPECT_EQ(EncodeVector(dense, slot), 0b00101010u);
  EXPECT_EQ(slot, (std::vector<uint8_t>{0x11, 0x22, 0x33, 0, 0, 0, 0, 0}));
}

TEST(Sparse, TensorRoundTripAndPlanes) {
  std::mt19937 rng(9);
  for (const int lanes : kSupportedLanes) {
    const int rows = 7, cols = lanes * 5;
    std::vector<uint8_t> dense;
    for (int r = 0; r < rows; ++r) {
      const auto row = RandomVector(rng, cols, 40);
      dense.insert(dense.end(), row.begin(), row.end());
    }
    const SparseTensor t = EncodeTensor(dense, rows, cols, lanes);
    EXPECT_EQ(t.masks.size(), static_cast<size_t>(rows * cols / lanes));
    EXPECT_EQ(t.values.size(), dense.size());
    const auto back = DecodeTensor(t);
    for (size_t i = 0; i < dense.size(); ++i) ASSERT_EQ(back[i], af8::Canonical(dense[i]));
  }
}

TEST(Sparse, BadInputIsRejected) {
  std::vector<uint8_t> five(5), slot5(5), eight(8), slot8(8);
  EXPECT_THROW(EncodeVector(five, slot5), std::invalid_argument) << "n = 5 unsupported";
  EXPECT_THROW(EncodeVector(eight, slot5), std::invalid_argument) << "slot size mismatch";
  EXPECT_THROW(DecodeVector(0x100, slot8, eight), std::invalid_argument) << "mask bit 8 of n = 8";
  EXPECT_THROW(DecodeVector(0xFF, std::span(slot8).first(3), eight), std::invalid_argument)
      << "fewer packed values than mask bits";
  const std::vector<uint8_t> dense(12);
  EXPECT_THROW(EncodeTensor(dense, 2, 6, 4), std::invalid_argument) << "6 columns, n = 4";
  EXPECT_THROW(EncodeTensor(dense, 2, 8, 4), std::invalid_argument) << "size mismatch";
  EXPECT_FALSE(IsSupportedLanes(64));
}

}  // namespace
}  // namespace edgebert::sparse
