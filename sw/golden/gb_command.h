// Commands of the global buffer's row units (SOFTMAX, LAYERNORM, ADD, ACTIVATE, ENTROPY, FILL,
// GATHER):
// one struct with the union of their fields, the descriptor codec (layouts from
// yaml/regmap.yaml) and the validation the hardware applies before touching memory.
#pragma once

#include <cstdint>

#include "golden/descriptor.h"
#include "golden/pu_limits.h"

namespace edgebert::golden {

// Longest softmax row (keys) and LayerNorm row (hidden) the units support.
inline constexpr uint32_t kMaxSoftmaxCols = 512;
inline constexpr uint32_t kMaxLayerNormCols = 4096;
// Longest GATHER sequence (the largest T, MaxSeq).
inline constexpr uint32_t kMaxGatherTokens = 512;

struct GbCommand {
  regs::Opcode opcode = regs::Opcode::kNop;
  bool irq = false;
  uint32_t act = 0;  // ACTIVATE: regs::Act (raw, so reserved values can be rejected)
  bool has_span = false;
  bool stop_on_exit = false;
  uint32_t rows = 0;  // ENTROPY: 1; GATHER: TOKENS
  uint32_t cols = 0;  // ENTROPY: LABELS; GATHER: DIM
  uint32_t keys = 0;  // SOFTMAX: KEYS, the keys taking part (0: all COLS); the rest are written 0
  int exp_in = 0;     // ADD: EXP_A
  int exp_b = 0;      // ADD: EXP_B
  int exp_out = 0;
  int exp_gamma = 0, exp_beta = 0;
  uint32_t src_addr = 0, src_stride = 0;  // ADD: A
  uint32_t b_addr = 0, b_stride = 0;      // ADD: B
  uint32_t dst_addr = 0, dst_stride = 0;
  uint32_t aux_addr = 0;  // SPAN_ADDR, GAMMA_ADDR, TABLE_ADDR or H_ADDR
  uint32_t beta_addr = 0;
  uint32_t value = 0;  // FILL
  // GATHER: ReRAM byte addresses of the word, position and token-type table headers; aux byte
  // addresses of the T uint16 token ids and the T uint8 token-type ids.
  uint32_t word_table = 0, pos_table = 0, type_table = 0;
  uint32_t ids_addr = 0, types_addr = 0;
};

// SOFTMAX: how many leading columns take part (KEYS, with 0 meaning COLS).
inline uint32_t EffectiveKeys(const GbCommand& command) {
  return command.keys == 0 ? command.cols : command.keys;
}

Descriptor ToDescriptor(const GbCommand& command);
// Throws std::invalid_argument for an opcode that is not a GB row command.
GbCommand GbFromDescriptor(const Descriptor& words);

// ErrCode::kNone when the command may run, else the first failing check's code. GATHER: only
// the checks that need no ReRAM data (shape, alignment, ranges); RunGb does the data-dependent
// ones (table headers, ids) before writing anything.
regs::ErrCode Validate(const GbCommand& command, const PuLimits& limits);

}  // namespace edgebert::golden
