// RunMatmulReference: the plain definition RunMatmul (pu_golden.cc) is checked against. Kept
// simple on purpose; speed is RunMatmul's business.
#include <array>
#include <vector>

#include "golden/matmul_epilogue.h"
#include "golden/pu_golden.h"
#include "numerics/af8_activation.h"
#include "numerics/af8_mac.h"

namespace edgebert::golden {
namespace {

// Products of every code pair.
const std::array<int32_t, 65536>& ProductTable() {
  static const auto table = [] {
    std::array<int32_t, 65536> t{};
    for (int a = 0; a < 256; ++a) {
      for (int b = 0; b < 256; ++b) {
        t[static_cast<size_t>(a * 256 + b)] =
            af8::Product(static_cast<uint8_t>(a), static_cast<uint8_t>(b));
      }
    }
    return t;
  }();
  return table;
}

// Rows of an operand, decoded, and which of its vectors are all zero.
struct Operand {
  std::vector<uint8_t> codes;
  std::vector<bool> zero_vector;
};

Operand ReadOperand(const VectorMemory& memory, uint32_t base, uint32_t stride, uint32_t rows,
                    uint32_t cols) {
  Operand op;
  op.codes = memory.LoadTensor(base, stride, static_cast<int>(rows), static_cast<int>(cols));
  const auto groups = cols / static_cast<uint32_t>(memory.lanes());
  for (uint32_t r = 0; r < rows; ++r) {
    for (uint32_t g = 0; g < groups; ++g)
      op.zero_vector.push_back(memory.mask(base + r * stride + g) == 0);
  }
  return op;
}

}  // namespace

MatmulResult RunMatmulReference(const MatmulCommand& c, const PuLimits& limits, VectorMemory& uab,
                                const VectorMemory& wsram, const AuxMemory& aux) {
  MatmulResult result;
  result.error = Validate(c, limits);
  if (result.error != regs::ErrCode::kNone) return result;

  const auto lanes = static_cast<uint32_t>(limits.lanes);
  const uint32_t groups = c.k / lanes;
  const Operand a = ReadOperand(uab, c.a_addr, c.a_stride, c.m, c.k);
  const Operand b = ReadOperand(c.b_in_uab ? uab : wsram, c.b_addr, c.b_stride, c.n, c.k);
  const MatmulEpilogue epilogue(c, aux);

  const auto& products = ProductTable();
  std::vector<uint8_t> out(size_t{c.m} * c.n);
  for (uint32_t i = 0; i < c.m; ++i) {
    const uint8_t* a_row = &a.codes[size_t{i} * c.k];
    for (uint32_t j = 0; j < c.n; ++j) {
      const uint8_t* b_row = &b.codes[size_t{j} * c.k];
      int64_t dot = 0;
      for (uint32_t t = 0; t < c.k; ++t) dot += products[size_t{a_row[t]} * 256 + b_row[t]];
      for (uint32_t g = 0; g < groups; ++g) {
        if (a.zero_vector[i * groups + g] || b.zero_vector[j * groups + g]) ++result.vmacs_skipped;
      }
      bool saturated = false;
      out[size_t{i} * c.n + j] = epilogue.Output(dot, j, &saturated);
      if (saturated) ++result.saturations;
    }
  }
  result.vmacs = uint64_t{c.m} * c.n * groups;

  epilogue.Store(uab, out);
  return result;
}

}  // namespace edgebert::golden
