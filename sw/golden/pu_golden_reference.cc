// RunMatmulReference: the plain definition RunMatmul (pu_golden.cc) is checked against. Kept
// simple on purpose; speed is RunMatmul's business.
//
// Its epilogue (bias, re-quantization, activation, saturation count, the store of C) is its own,
// written from docs/architecture.md sections 5, 6, 8 and 12, and deliberately not shared with
// RunMatmul's (matmul_epilogue.h): a shared epilogue would be checked against itself, and a
// mistake in it (a bias read from the wrong word, the pre-activation bias swapped for EXP_C, a
// transposed store with the wrong stride) would pass every comparison. Only the number format
// is common to both: the numerics library (af8::Product, af8::Requantize, the sparse vector
// codec), which is the one definition of it.
#include <array>
#include <cstdint>
#include <vector>

#include "golden/pu_golden.h"
#include "numerics/af8.h"
#include "numerics/af8_mac.h"
#include "numerics/sparse.h"

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

// Output bias j: the little-endian int32 at BIAS_ADDR + 4j (section 6), in accumulator units.
int32_t OutputBias(const MatmulCommand& c, const AuxMemory& aux, uint32_t j) {
  if (!c.has_bias) return 0;
  const auto bytes = aux.Bytes(c.bias_addr + 4 * j, 4);
  const uint32_t word = uint32_t{bytes[0]} | uint32_t{bytes[1]} << 8 | uint32_t{bytes[2]} << 16 |
                        uint32_t{bytes[3]} << 24;
  return static_cast<int32_t>(word);
}

// One output (section 8): the dot product plus the bias in the 40-bit accumulator, whose LSB is
// 2^(EXP_A + EXP_B - 8) (section 12), re-quantized to EXP_C; with an activation, re-quantized
// to EXP_PRE instead, and that code looked up in the 256-byte table at ACT_TABLE_ADDR. Sets
// *saturated when the (first) re-quantization clamped, which is what PERF_SATURATIONS counts.
uint8_t Output(const MatmulCommand& c, const AuxMemory& aux, int64_t dot, uint32_t j,
               bool* saturated) {
  af8::Accumulator acc;
  acc.Add(dot);
  acc.Add(OutputBias(c, aux, j));
  const int lsb_exponent = c.exp_a + c.exp_b - 8;
  if (c.act == 0) return af8::Requantize(acc.value(), lsb_exponent, c.exp_c, saturated);
  const uint8_t pre = af8::Requantize(acc.value(), lsb_exponent, c.exp_pre, saturated);
  return aux.Bytes(c.act_table_addr + pre, 1)[0];
}

// Writes C (out: M x N codes, row-major) as section 5 lays out a tensor: element (r, col) of the
// stored tensor is lane col % n of vector C_ADDR + r * C_STRIDE + col / n. The stored tensor is
// C (M rows) or, with TRANS_C, C^T (N rows, element (j, i) = C[i][j]).
void StoreC(const MatmulCommand& c, const std::vector<uint8_t>& out, VectorMemory& uab) {
  const auto lanes = static_cast<uint32_t>(uab.lanes());
  const uint32_t rows = c.trans_c ? c.n : c.m;
  const uint32_t cols = c.trans_c ? c.m : c.n;
  std::vector<uint8_t> dense(lanes), slot(lanes);
  for (uint32_t r = 0; r < rows; ++r) {
    for (uint32_t g = 0; g < cols / lanes; ++g) {
      for (uint32_t lane = 0; lane < lanes; ++lane) {
        const uint32_t col = g * lanes + lane;
        const uint32_t i = c.trans_c ? col : r, j = c.trans_c ? r : col;
        dense[lane] = out[size_t{i} * c.n + j];
      }
      const uint32_t mask = sparse::EncodeVector(dense, slot);
      uab.Write(c.c_addr + r * c.c_stride + g, mask, slot);
    }
  }
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
      out[size_t{i} * c.n + j] = Output(c, aux, dot, j, &saturated);
      if (saturated) ++result.saturations;
    }
  }
  result.vmacs = uint64_t{c.m} * c.n * groups;

  StoreC(c, out, uab);
  return result;
}

}  // namespace edgebert::golden
