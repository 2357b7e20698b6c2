// The whole accelerator as the golden model sees it: the buffers (UAB, WSRAM, aux, ReRAM), the
// registers a command depends on, and one entry point that executes a command descriptor as the
// sequencer would (MATMUL on the PU, the rest on the GB row units). The full-model golden and the
// driver's lockstep checks run command streams through it.
#pragma once

#include <cstdint>

#include "golden/descriptor.h"
#include "golden/gb_golden.h"
#include "golden/matmul_command.h"
#include "golden/pu_golden.h"
#include "golden/pu_limits.h"
#include "golden/reram.h"
#include "golden/vector_memory.h"
#include "regmap/edgebert_regs.h"

namespace edgebert::golden {

// Build parameters of one accelerator instance (HWCFG registers; docs/architecture.md section 1).
struct AcceleratorConfig {
  PuLimits limits{.lanes = 16,
                  .uab_vectors = 1024 * 1024 / 16,
                  .wsram_vectors = 16 * 1024 * 1024 / 16,
                  .aux_bytes = 64 * 1024,
                  .reram_words = 1024 * 1024};
  uint32_t reram_value_base_word = 262144;
};

// What one command did.
struct CommandOutcome {
  regs::Opcode opcode = regs::Opcode::kNop;
  regs::ErrCode error = regs::ErrCode::kNone;
  uint64_t vmacs = 0, vmacs_skipped = 0, saturations = 0;
  // MATMUL: element MACs whose A and B mask bits are both set (PERF_MACS_NONZERO).
  uint64_t macs_nonzero = 0;
  uint32_t entropy_q24 = 0;  // ENTROPY
  bool early_exit = false;   // ENTROPY: H < ENTROPY_THRESHOLD
};

class GoldenAccelerator {
 public:
  explicit GoldenAccelerator(const AcceleratorConfig& config = {});

  const AcceleratorConfig& config() const { return config_; }
  int lanes() const { return config_.limits.lanes; }

  VectorMemory& uab() { return uab_; }
  VectorMemory& wsram() { return wsram_; }
  AuxMemory& aux() { return aux_; }
  ReramStore& reram() { return reram_; }
  const VectorMemory& uab() const { return uab_; }
  const VectorMemory& wsram() const { return wsram_; }
  const AuxMemory& aux() const { return aux_; }
  const ReramStore& reram() const { return reram_; }

  // ENTROPY_THRESHOLD (Q8.24 nats) and RERAM_CTRL / RERAM_SEED.
  uint32_t entropy_threshold_q24 = 0;
  ReramReadSettings reram_settings;

  // Executes one descriptor to completion. An undefined opcode ends with BAD_OPCODE and, like
  // any rejected command, writes nothing.
  CommandOutcome Execute(const Descriptor& command);

 private:
  AcceleratorConfig config_;
  VectorMemory uab_, wsram_;
  AuxMemory aux_;
  ReramStore reram_;
  MatmulOperandCache matmul_operands_;  // the weights, decoded once per WSRAM load
};

}  // namespace edgebert::golden
