// The golden model's integer matmul kernel (sw/golden/matmul_kernel.h): every kernel this CPU
// runs against int64 sums formed element by element, on packed operands of every padding case,
// and at the int32 chunk boundary with the largest products.
#include "golden/matmul_kernel.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <iostream>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "numerics/af8.h"

namespace edgebert::golden {
namespace {

// Restores the kernel chosen at start-up when a test ends.
class KernelGuard {
 public:
  KernelGuard() : saved_(ActiveMatmulKernel()) {}
  ~KernelGuard() { UseMatmulKernel(saved_); }
  KernelGuard(const KernelGuard&) = delete;
  KernelGuard& operator=(const KernelGuard&) = delete;

 private:
  MatmulKernel saved_;
};

struct Operands {
  uint32_t rows, columns, k;
  std::vector<int16_t> a, b;  // rows x k and columns x k, row-major
};

Operands Random(std::mt19937& rng, uint32_t rows, uint32_t columns, uint32_t k, bool extreme) {
  Operands o{rows, columns, k, std::vector<int16_t>(size_t{rows} * k),
             std::vector<int16_t>(size_t{columns} * k)};
  const int16_t max = static_cast<int16_t>(af8::IntegerValue(af8::kMaxPositiveCode));
  std::uniform_int_distribution<int> value(-max, max);
  for (auto* v : {&o.a, &o.b}) {
    for (int16_t& x : *v) x = extreme ? max : static_cast<int16_t>(value(rng));
  }
  if (extreme) {  // one row of each operand negative: sums of both signs at the largest size
    for (uint32_t t = 0; t < k; ++t) o.a[t] = static_cast<int16_t>(-max);
  }
  return o;
}

// The sums as the kernel must give them, one product at a time in int64.
std::vector<int64_t> Expected(const Operands& o) {
  std::vector<int64_t> out(size_t{kBlockRows} * kPanelColumns, 0);
  for (uint32_t r = 0; r < o.rows; ++r) {
    for (uint32_t c = 0; c < o.columns; ++c) {
      int64_t sum = 0;
      for (uint32_t t = 0; t < o.k; ++t) sum += int64_t{o.a[r * o.k + t]} * o.b[c * o.k + t];
      out[r * kPanelColumns + c] = sum;
    }
  }
  return out;
}

std::vector<int64_t> Kernel(const Operands& o) {
  std::vector<int32_t> block(size_t{PackedPairs(o.k)} * kBlockRows, -1);
  std::vector<int32_t> panel(size_t{PackedPairs(o.k)} * kPanelColumns, -1);
  PackBlock(o.a.data(), o.k, o.rows, o.k, block.data());
  PackPanel(o.b.data(), o.k, o.columns, o.k, panel.data());
  std::vector<int64_t> out(size_t{kBlockRows} * kPanelColumns, -1);
  BlockProducts(block.data(), panel.data(), PackedPairs(o.k), out.data());
  return out;
}

TEST(MatmulKernel, EveryKernelGivesTheElementwiseSums) {
  KernelGuard guard;
  std::mt19937 rng(3);
  struct Shape {
    uint32_t rows, columns, k;
    bool extreme;
  };
  // Full and partial blocks and panels, odd K (a padded pair), K across the int32 chunk of 128
  // elements, and the largest products for long reductions (each chunk near the int32 limit).
  const Shape shapes[] = {{8, 16, 64, false},  {3, 5, 7, false},     {1, 1, 1, false},
                          {8, 16, 127, false}, {8, 16, 128, false},  {8, 16, 129, false},
                          {7, 13, 768, false}, {8, 16, 3072, false}, {8, 16, 128, true},
                          {8, 16, 130, true},  {2, 16, 32768, true}};
  const auto kernels = SupportedMatmulKernels();
  ASSERT_EQ(kernels.front(), MatmulKernel::kPortable);
  for (const MatmulKernel kernel : kernels) {
    UseMatmulKernel(kernel);
    EXPECT_EQ(ActiveMatmulKernel(), kernel);
    for (const Shape& s : shapes) {
      const Operands o = Random(rng, s.rows, s.columns, s.k, s.extreme);
      EXPECT_EQ(Kernel(o), Expected(o))
          << Name(kernel) << " kernel, " << s.rows << " x " << s.columns << " x " << s.k;
    }
  }
  std::cout << "[ kernels  ] compared:";
  for (const MatmulKernel kernel : kernels) std::cout << " " << Name(kernel);
  std::cout << "\n";
}

TEST(MatmulKernel, NamesRoundTripAndUnknownOnesAreRefused) {
  for (const MatmulKernel kernel :
       {MatmulKernel::kPortable, MatmulKernel::kAvx2, MatmulKernel::kAvx512Vnni}) {
    EXPECT_EQ(MatmulKernelNamed(Name(kernel)), kernel);
  }
  EXPECT_THROW(MatmulKernelNamed("avx512"), std::invalid_argument);
  EXPECT_THROW(MatmulKernelNamed(""), std::invalid_argument);
}

TEST(MatmulKernel, PackingPlacesPairsAndPadsWithZeros) {
  const std::vector<int16_t> rows = {1, -2, 3, 4, 5, -6};  // two rows of k = 3
  std::vector<int32_t> panel(size_t{PackedPairs(3)} * kPanelColumns, -1);
  PackPanel(rows.data(), 3, 2, 3, panel.data());
  EXPECT_EQ(panel[0], static_cast<int32_t>(0xFFFE0001u)) << "row 0, pair 0: 1 then -2";
  EXPECT_EQ(panel[1], 0x00050004) << "row 1, pair 0: 4 then 5";
  EXPECT_EQ(panel[2], 0) << "an absent row";
  EXPECT_EQ(panel[kPanelColumns], 0x00000003) << "row 0, pair 1: 3 and the padding zero";
  EXPECT_EQ(panel[kPanelColumns + 1], 0x0000FFFA) << "row 1, pair 1: -6 and the padding zero";
  std::vector<int32_t> block(size_t{PackedPairs(3)} * kBlockRows, -1);
  PackBlock(rows.data(), 3, 2, 3, block.data());
  EXPECT_EQ(block[1], 0x00050004);
  EXPECT_EQ(block[kBlockRows], 0x00000003);
  EXPECT_THROW(PackBlock(rows.data(), 3, kBlockRows + 1, 3, block.data()), std::invalid_argument);
  EXPECT_THROW(PackPanel(rows.data(), 3, kPanelColumns + 1, 3, panel.data()),
               std::invalid_argument);
}

}  // namespace
}  // namespace edgebert::golden
