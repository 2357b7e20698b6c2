// What RunMatmul (pu_golden.cc) does around its dot products: the output biases and the
// activation table read from the aux buffer once per command, the re-quantization of an
// accumulator, and the store of C (transposed for TRANS_C). The plain definition
// (pu_golden_reference.cc) deliberately has its own, so that the comparison of the two checks
// this code too.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "golden/matmul_command.h"
#include "golden/vector_memory.h"
#include "numerics/af8_activation.h"
#include "numerics/af8_mac.h"

namespace edgebert::golden {

class MatmulEpilogue {
 public:
  MatmulEpilogue(const MatmulCommand& c, const AuxMemory& aux)
      : command_(c), bias_(c.n, 0), acc_exponent_(af8::ProductExponent(c.exp_a, c.exp_b)) {
    if (c.has_bias) {
      for (uint32_t j = 0; j < c.n; ++j)
        bias_[j] = static_cast<int32_t>(aux.ReadWord(c.bias_addr + 4 * j));
    }
    if (c.act != 0) {
      const auto bytes = aux.Bytes(c.act_table_addr, af8::kActivationTableSize);
      std::copy(bytes.begin(), bytes.end(), table_.begin());
    }
  }

  // The codes of `count` outputs of one row, columns j0.. (dot products at dots[0..count));
  // returns how many saturated. Re-quantized a batch at a time (af8::RequantizeBatch).
  size_t OutputRow(const int64_t* dots, uint32_t j0, uint32_t count, uint8_t* out) const {
    constexpr uint32_t kBatch = 16;
    std::array<int64_t, kBatch> sums{};
    size_t saturations = 0;
    for (uint32_t b = 0; b < count; b += kBatch) {
      const uint32_t size = std::min(kBatch, count - b);
      for (uint32_t i = 0; i < size; ++i) sums[i] = dots[b + i] + bias_[j0 + b + i];
      const std::span<uint8_t> codes(out + b, size);
      saturations +=
          af8::RequantizeBatch(std::span(sums.data(), size), acc_exponent_,
                               command_.act == 0 ? command_.exp_c : command_.exp_pre, codes);
      if (command_.act != 0) {
        for (uint8_t& code : codes) code = table_[code];
      }
    }
    return saturations;
  }

  // Writes C (M x N codes, row-major) at C_ADDR, transposed when TRANS_C.
  void Store(VectorMemory& uab, const std::vector<uint8_t>& out) const {
    const MatmulCommand& c = command_;
    if (!c.trans_c) {
      uab.StoreTensor(c.c_addr, c.c_stride, static_cast<int>(c.m), static_cast<int>(c.n), out);
      return;
    }
    std::vector<uint8_t> transposed(out.size());
    for (uint32_t i = 0; i < c.m; ++i) {
      for (uint32_t j = 0; j < c.n; ++j) transposed[size_t{j} * c.m + i] = out[size_t{i} * c.n + j];
    }
    uab.StoreTensor(c.c_addr, c.c_stride, static_cast<int>(c.n), static_cast<int>(c.m), transposed);
  }

 private:
  const MatmulCommand& command_;
  std::vector<int32_t> bias_;
  af8::ActivationTable table_{};
  int acc_exponent_;
};

}  // namespace edgebert::golden
