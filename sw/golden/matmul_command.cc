#include "golden/matmul_command.h"

namespace edgebert::golden {
namespace {
namespace f = regs::cmd::matmul;
}  // namespace

Descriptor ToDescriptor(const MatmulCommand& c) {
  Descriptor w{};
  Put(w, regs::cmd::kOpcode, static_cast<uint32_t>(regs::Opcode::kMatmul));
  Put(w, regs::cmd::kIrq, c.irq ? 1 : 0);
  Put(w, f::kAct, c.act);
  Put(w, f::kTransC, c.trans_c ? 1 : 0);
  Put(w, f::kBInUab, c.b_in_uab ? 1 : 0);
  Put(w, f::kHasBias, c.has_bias ? 1 : 0);
  Put(w, f::kM, c.m);
  Put(w, f::kN, c.n);
  Put(w, f::kK, c.k);
  PutSigned(w, f::kExpA, c.exp_a);
  PutSigned(w, f::kExpB, c.exp_b);
  PutSigned(w, f::kExpC, c.exp_c);
  PutSigned(w, f::kExpPre, c.exp_pre);
  Put(w, f::kAAddr, c.a_addr);
  Put(w, f::kAStride, c.a_stride);
  Put(w, f::kBAddr, c.b_addr);
  Put(w, f::kBStride, c.b_stride);
  Put(w, f::kCAddr, c.c_addr);
  Put(w, f::kCStride, c.c_stride);
  Put(w, f::kBiasAddr, c.bias_addr);
  Put(w, f::kActTableAddr, c.act_table_addr);
  return w;
}

MatmulCommand MatmulFromDescriptor(const Descriptor& w) {
  MatmulCommand c;
  c.irq = Get(w, regs::cmd::kIrq) != 0;
  c.act = Get(w, f::kAct);
  c.trans_c = Get(w, f::kTransC) != 0;
  c.b_in_uab = Get(w, f::kBInUab) != 0;
  c.has_bias = Get(w, f::kHasBias) != 0;
  c.m = Get(w, f::kM);
  c.n = Get(w, f::kN);
  c.k = Get(w, f::kK);
  c.exp_a = GetSigned(w, f::kExpA);
  c.exp_b = GetSigned(w, f::kExpB);
  c.exp_c = GetSigned(w, f::kExpC);
  c.exp_pre = GetSigned(w, f::kExpPre);
  c.a_addr = Get(w, f::kAAddr);
  c.a_stride = Get(w, f::kAStride);
  c.b_addr = Get(w, f::kBAddr);
  c.b_stride = Get(w, f::kBStride);
  c.c_addr = Get(w, f::kCAddr);
  c.c_stride = Get(w, f::kCStride);
  c.bias_addr = Get(w, f::kBiasAddr);
  c.act_table_addr = Get(w, f::kActTableAddr);
  return c;
}

regs::ErrCode Validate(const MatmulCommand& c, const PuLimits& limits) {
  using regs::ErrCode;
  const auto n = static_cast<uint32_t>(limits.lanes);
  if (c.act > static_cast<uint32_t>(regs::Act::kTanh)) return ErrCode::kBadOpcode;
  if (c.m == 0 || c.n == 0 || c.k == 0 || c.n % n != 0 || c.k % n != 0 || c.k > kMaxMatmulK ||
      (c.trans_c && c.m % n != 0)) {
    return ErrCode::kBadShape;
  }
  const uint32_t b_vectors = c.b_in_uab ? limits.uab_vectors : limits.wsram_vectors;
  const uint64_t c_end = c.trans_c ? OperandEnd(c.c_addr, c.c_stride, c.n, c.m / n)
                                   : OperandEnd(c.c_addr, c.c_stride, c.m, c.n / n);
  if (OperandEnd(c.a_addr, c.a_stride, c.m, c.k / n) > limits.uab_vectors ||
      OperandEnd(c.b_addr, c.b_stride, c.n, c.k / n) > b_vectors || c_end > limits.uab_vectors) {
    return ErrCode::kBadAddress;
  }
  if (c.has_bias &&
      (c.bias_addr % 4 != 0 || uint64_t{c.bias_addr} + 4ull * c.n > limits.aux_bytes)) {
    return ErrCode::kBadAddress;
  }
  if (c.act != 0 && (c.act_table_addr % 4 != 0 || c.act_table_addr + 256ull > limits.aux_bytes)) {
    return ErrCode::kBadAddress;
  }
  return ErrCode::kNone;
}

}  // namespace edgebert::golden
