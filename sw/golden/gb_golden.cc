#include "golden/gb_golden.h"

#include <vector>

#include "numerics/af8.h"
#include "numerics/af8_rowops.h"

namespace edgebert::golden {
namespace {

std::vector<uint8_t> Row(const VectorMemory& m, uint32_t base, uint32_t stride, uint32_t row,
                         uint32_t cols) {
  return m.LoadTensor(base + row * stride, stride, 1, static_cast<int>(cols));
}

void StoreRow(VectorMemory& m, uint32_t base, uint32_t stride, uint32_t row,
              const std::vector<uint8_t>& codes) {
  m.StoreTensor(base + row * stride, stride, 1, static_cast<int>(codes.size()), codes);
}

}  // namespace

GbResult RunGb(const GbCommand& c, const PuLimits& limits, VectorMemory& uab, AuxMemory& aux,
               uint32_t entropy_threshold_q24) {
  GbResult result;
  result.error = Validate(c, limits);
  if (result.error != regs::ErrCode::kNone) return result;
  size_t saturations = 0;
  switch (c.opcode) {
    case regs::Opcode::kEntropy: {
      std::vector<uint8_t> logits = uab.LoadTensor(c.src_addr, 1, 1, limits.lanes);
      logits.resize(c.cols);
      result.entropy_q24 = af8::EntropyQ24(logits, c.exp_in);
      result.early_exit = result.entropy_q24 < entropy_threshold_q24;
      const uint32_t h = result.entropy_q24;
      const uint8_t bytes[4] = {static_cast<uint8_t>(h), static_cast<uint8_t>(h >> 8),
                                static_cast<uint8_t>(h >> 16), static_cast<uint8_t>(h >> 24)};
      aux.WriteBytes(c.aux_addr, bytes);
      return result;
    }
    case regs::Opcode::kFill: {
      const std::vector<uint8_t> row(c.cols, static_cast<uint8_t>(c.value));
      for (uint32_t r = 0; r < c.rows; ++r) StoreRow(uab, c.dst_addr, c.dst_stride, r, row);
      return result;
    }
    default:
      break;
  }
  // Row by row, each row read before it is written, so DST may equal SRC.
  for (uint32_t r = 0; r < c.rows; ++r) {
    const std::vector<uint8_t> x = Row(uab, c.src_addr, c.src_stride, r, c.cols);
    std::vector<uint8_t> out(c.cols);
    switch (c.opcode) {
      case regs::Opcode::kAdd: {
        const std::vector<uint8_t> b = Row(uab, c.b_addr, c.b_stride, r, c.cols);
        for (uint32_t i = 0; i < c.cols; ++i) {
          bool saturated = false;
          out[i] = af8::Add(x[i], c.exp_in, b[i], c.exp_b, c.exp_out, &saturated);
          if (saturated) ++saturations;
        }
        break;
      }
      case regs::Opcode::kActivate: {
        const auto table = aux.Bytes(c.aux_addr, 256);
        for (uint32_t i = 0; i < c.cols; ++i) out[i] = table[x[i]];
        break;
      }
      case regs::Opcode::kSoftmax: {
        const auto span = c.has_span ? aux.Bytes(c.aux_addr, c.cols) : std::span<const uint8_t>{};
        out = af8::SoftmaxRow(x, c.exp_in, span, c.exp_out, &saturations);
        break;
      }
      case regs::Opcode::kLayernorm:
        out =
            af8::LayerNormRow(x, c.exp_in, aux.Bytes(c.aux_addr, c.cols), c.exp_gamma,
                              aux.Bytes(c.beta_addr, c.cols), c.exp_beta, c.exp_out, &saturations);
        break;
      default:
        break;
    }
    StoreRow(uab, c.dst_addr, c.dst_stride, r, out);
  }
  result.saturations = saturations;
  return result;
}

}  // namespace edgebert::golden
