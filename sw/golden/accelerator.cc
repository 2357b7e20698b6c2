#include "golden/accelerator.h"

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

CommandOutcome GoldenAccelerator::Execute(const Descriptor& command) {
  CommandOutcome outcome;
  const auto opcode = static_cast<regs::Opcode>(Get(command, regs::cmd::kOpcode));
  outcome.opcode = opcode;
  switch (opcode) {
    case regs::Opcode::kNop:
      return outcome;
    case regs::Opcode::kMatmul: {
      const MatmulCommand c = MatmulFromDescriptor(command);
      const MatmulResult r = RunMatmul(c, config_.limits, uab_, wsram_, aux_, &matmul_operands_);
      outcome.error = r.error;
      outcome.vmacs = r.vmacs;
      outcome.vmacs_skipped = r.vmacs_skipped;
      outcome.saturations = r.saturations;
      outcome.macs_nonzero = r.macs_nonzero;
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
