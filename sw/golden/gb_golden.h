// Golden model of the global buffer's row units: what one command leaves in the UAB and the aux
// buffer, bit for bit (docs/architecture.md, sw/numerics/af8_rowops.h).
#pragma once

#include <cstdint>

#include "golden/gb_command.h"
#include "golden/reram.h"
#include "golden/vector_memory.h"

namespace edgebert::golden {

struct GbResult {
  regs::ErrCode error = regs::ErrCode::kNone;
  uint64_t saturations = 0;
  uint32_t entropy_q24 = 0;  // ENTROPY: H, also stored at H_ADDR
  bool early_exit = false;   // ENTROPY: H < threshold
};

// How GATHER reads the ReRAM store: RERAM_CTRL.VALUE_MODE and FAULT_EN, RERAM_SEED (reset
// values by default).
struct ReramReadSettings {
  CellMode mode = CellMode::kMlc2;
  bool fault_en = false;
  uint32_t seed = 1;
  bool operator==(const ReramReadSettings&) const = default;
};

// Runs `command`; `entropy_threshold_q24` is the ENTROPY_THRESHOLD register. On a validation error
// nothing is written. The destination must not overlap a source row other than itself.
//
// GATHER reads its tables from `reram` (required for GATHER, whose store must have
// limits.reram_words words, else std::invalid_argument) with `reram_settings`. Before writing
// anything it checks what only the data can tell (CheckGatherTables), then writes row t =
// Add3(word[id_t], position[t], type[type_t]) for t < TOKENS, each row decoded by
// ReadEmbeddingRow.
GbResult RunGb(const GbCommand& command, const PuLimits& limits, VectorMemory& uab, AuxMemory& aux,
               uint32_t entropy_threshold_q24 = 0, const ReramStore* reram = nullptr,
               const ReramReadSettings& reram_settings = {});

// GATHER's data-dependent checks, in the hardware's order, for a command that passed Validate:
// for the word, position and token-type tables in turn, the header as read (magic: BAD_ADDRESS;
// lanes != n or dim != DIM: BAD_SHAPE; exponent bias outside [-32, 31]: BAD_EXPONENT; mask or
// row-offset array leaving the store: BAD_ADDRESS); then two table biases more than
// af8::kMaxAlignment apart (BAD_EXPONENT); then TOKENS > the position table's rows, a token id
// >= the word table's rows or a token-type id >= the type table's rows (BAD_ADDRESS).
regs::ErrCode CheckGatherTables(const GbCommand& command, const PuLimits& limits,
                                const AuxMemory& aux, const ReramStore& reram,
                                const ReramReadSettings& reram_settings);

}  // namespace edgebert::golden
