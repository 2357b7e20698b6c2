#include "golden/accelerator.h"

#include <bit>
#include <vector>

#include "golden/gb_command.h"
#include "golden/matmul_command.h"
#include "golden/pu_golden.h"

namespace edgebert::golden {

GoldenAccelerator::GoldenAccelerator(const AcceleratorConfig& config)
    : config_(config),
      uab_("UAB", config.limits.lanes, config.limits.uab_vectors),
      wsram_("WSRAM", config.limits.lanes, config.limits.wsram_vectors),
      aux_(config.limits.aux_bytes),
      reram_(config.limits.reram_words, config.reram_value_base_word) {}

uint64_t GoldenAccelerator::NonzeroMacs(const MatmulCommand& c) const {
  const auto lanes = static_cast<uint32_t>(config_.limits.lanes);
  const VectorMemory& b_memory = c.b_in_uab ? uab_ : wsram_;
  const uint32_t groups = c.k / lanes;
  const auto in_range = [](const VectorMemory& m, uint64_t last) { return last < m.vectors(); };
  // A descriptor the PU rejects multiplies nothing (RunMatmul reports its error).
  if (c.m == 0 || c.n == 0 || groups == 0 ||
      !in_range(uab_, c.a_addr + uint64_t{c.m - 1} * c.a_stride + groups - 1) ||
      !in_range(b_memory, c.b_addr + uint64_t{c.n - 1} * c.b_stride + groups - 1)) {
    return 0;
  }
  // Sum over K groups g and lanes l of (rows of A with bit l set in group g) x (rows of B with
  // it set): the MACs with both mask bits set, in (M + N) x K/n steps rather than M x N x K/n.
  std::vector<uint64_t> a_count(size_t{groups} * lanes), b_count(size_t{groups} * lanes);
  const auto count = [&](const VectorMemory& m, uint32_t addr, uint32_t stride, uint32_t rows,
                         std::vector<uint64_t>& out) {
    for (uint32_t r = 0; r < rows; ++r) {
      for (uint32_t g = 0; g < groups; ++g) {
        for (uint32_t mask = m.mask(addr + r * stride + g); mask != 0; mask &= mask - 1) {
          ++out[size_t{g} * lanes + static_cast<uint32_t>(std::countr_zero(mask))];
        }
      }
    }
  };
  count(uab_, c.a_addr, c.a_stride, c.m, a_count);
  count(b_memory, c.b_addr, c.b_stride, c.n, b_count);
  uint64_t macs = 0;
  for (size_t i = 0; i < a_count.size(); ++i) macs += a_count[i] * b_count[i];
  return macs;
}

CommandOutcome GoldenAccelerator::Execute(const Descriptor& command) {
  CommandOutcome outcome;
  const auto opcode = static_cast<regs::Opcode>(Get(command, regs::cmd::kOpcode));
  outcome.opcode = opcode;
  switch (opcode) {
    case regs::Opcode::kNop:
      return outcome;
    case regs::Opcode::kMatmul: {
      const MatmulCommand c = MatmulFromDescriptor(command);
      // Counted from the operands before C is written (C may overwrite them).
      const uint64_t macs_nonzero = NonzeroMacs(c);
      const MatmulResult r = RunMatmul(c, config_.limits, uab_, wsram_, aux_, &matmul_operands_);
      outcome.error = r.error;
      outcome.vmacs = r.vmacs;
      outcome.vmacs_skipped = r.vmacs_skipped;
      outcome.saturations = r.saturations;
      if (r.error == regs::ErrCode::kNone) outcome.macs_nonzero = macs_nonzero;
      return outcome;
    }
    case regs::Opcode::kSoftmax:
    case regs::Opcode::kLayernorm:
    case regs::Opcode::kAdd:
    case regs::Opcode::kActivate:
    case regs::Opcode::kEntropy:
    case regs::Opcode::kGather:
    case regs::Opcode::kFill: {
      const GbResult r = RunGb(GbFromDescriptor(command), config_.limits, uab_, aux_,
                               entropy_threshold_q24, &reram_, reram_settings);
      outcome.error = r.error;
      outcome.saturations = r.saturations;
      outcome.entropy_q24 = r.entropy_q24;
      outcome.early_exit = r.early_exit;
      return outcome;
    }
  }
  outcome.error = regs::ErrCode::kBadOpcode;
  return outcome;
}

}  // namespace edgebert::golden
