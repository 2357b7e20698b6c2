// The exact cycle counts of the command units, as docs/architecture.md sections 8 and 9 state
// them: one definition, used by the RTL tests that assert them (simulated cycles are
// deterministic) and by the golden SoC (sim/tlm/golden_soc.h), which times its commands with
// them. Cycles count from the edge that accepts a command to the cycle its done is seen
// (sim::PuRun::cycles). GATHER's depend on the ReRAM reads it makes and their latencies:
// GatherCycles takes their sum (golden/command_activity.h lists the reads).
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "golden/gb_command.h"
#include "golden/gb_golden.h"
#include "golden/matmul_command.h"
#include "golden/reram.h"
#include "golden/vector_memory.h"
#include "numerics/af8.h"

namespace edgebert::cycles {

using golden::GbCommand;
using golden::MatmulCommand;
using regs::Opcode;

// A command its check rejects: done the cycle after the check cycle.
inline constexpr uint64_t kRejected = 2;

// The cycles of a MATMUL from the acceptance edge to the cycle done is seen, as
// docs/architecture.md section 8 states them: the schedule of the passes (row block, column
// block, K group) through the two tile banks. Pass p has R_p rows (AccRows, or what is left of M
// in the last row block); its B tile is fetched in the n cycles from F_p (a bank is refetched 3
// cycles after the last row of the pass two before has left the streamer), its rows stream from
// S_p, one a cycle, the last at L_p = S_p + R_p - 1; after the last pass the pipeline drains (and
// with TRANS_C the last transposed block is written, n cycles).
struct MatmulTiming {
  uint64_t cycles = kRejected;
  uint64_t stall_cycles = 0;  // streaming cycles without an A read
};

inline MatmulTiming MatmulCycles(const MatmulCommand& c, uint32_t n, uint32_t acc_rows) {
  const int64_t start = 2 + (c.act != 0 ? 65 : 0);  // the check cycle; the activation table
  const auto lanes = static_cast<int64_t>(n);
  int64_t f_prev = 0, l_prev = 0, l_prev2 = 0;  // F_{p-1}, L_{p-1}, L_{p-2}
  uint64_t p = 0, streamed = 0;
  for (uint32_t m0 = 0; m0 < c.m; m0 += acc_rows) {
    const int64_t rows = std::min(acc_rows, c.m - m0);
    for (uint64_t q = 0; q < uint64_t{c.n / n} * (c.k / n); ++q, ++p) {
      int64_t f = p == 0 ? start : f_prev + lanes;
      if (p >= 2) f = std::max(f, l_prev2 + 3);
      int64_t s = f + lanes + 1;
      if (p >= 1) s = std::max(s, l_prev + 1);
      l_prev2 = l_prev;
      l_prev = s + rows - 1;
      f_prev = f;
      streamed += static_cast<uint64_t>(rows);
    }
  }
  return {static_cast<uint64_t>(l_prev + 6) + (c.trans_c ? n : 0),
          static_cast<uint64_t>(l_prev - start + 1) - streamed};
}

// ADD, ACTIVATE, FILL: one vector a cycle after the check cycle and, for ACTIVATE, the table
// load (64 words and a cycle to leave it), then 3 cycles of drain and done.
inline uint64_t EltwiseCycles(const GbCommand& c, uint32_t n) {
  const uint64_t vectors = uint64_t{c.rows} * (c.cols / n);
  return vectors + 5 + (c.opcode == Opcode::kActivate ? 65 : 0);
}

// ENTROPY: read, capture, three passes of one label a cycle (max, sum, terms) around a 17-cycle
// log2, then H and its write.
inline uint64_t EntropyCycles(const GbCommand& c) { return 3 * uint64_t{c.cols} + 23; }

// The cycles of a valid SOFTMAX from the acceptance edge to the cycle done is seen, as
// docs/architecture.md section 9 states them. After the check cycle, HAS_SPAN loads the span
// (COLS / 4 words and a cycle); an all-zero span then writes ROWS x G zero vectors (G = COLS / n)
// and drains. Otherwise each row takes three passes of G reads, one a cycle: max (M_r), sum
// (S_r, its last read at X_r) and out (O_r). The log2 of row r's sum starts at
// s_r = max(X_r + 2, s_(r-1) + 17) (one log2 unit, 16 steps) and O_r reads from s_r + 17 on.
// Where DST and SRC may overlap (neither disjoint nor in place), rows run one after another and
// each waits for the previous row's writes: 3G + 23 cycles a row. Otherwise M_(r+1) S_(r+1) run
// before O_r: M0 S0 M1 S1 O0 M2 S2 O1 ... O_(R-1), each phase as soon as the one before it ends
// (O_r no earlier than s_r + 17). Done is seen 6 cycles after the last out read.
inline uint64_t SoftmaxCycles(const GbCommand& c, uint32_t n, const golden::AuxMemory& aux) {
  const uint64_t g = c.cols / n, rows = c.rows;
  uint64_t t = 2;  // the first cycle after the check
  if (c.has_span) {
    t += c.cols / 4 + 1;
    const auto span = aux.Bytes(c.aux_addr, c.cols);
    if (std::all_of(span.begin(), span.end(), [](uint8_t b) { return b == 0; })) {
      return t + rows * g + 2;
    }
  }
  const uint64_t src_end = golden::OperandEnd(c.src_addr, c.src_stride, c.rows, c.cols / n);
  const uint64_t dst_end = golden::OperandEnd(c.dst_addr, c.dst_stride, c.rows, c.cols / n);
  const bool pipelined =
      dst_end <= c.src_addr || src_end <= c.dst_addr ||
      (c.dst_addr == c.src_addr && c.dst_stride == c.src_stride && c.src_stride >= g);
  if (!pipelined) return t + rows * (3 * g + 23);
  uint64_t x = t + 2 * g - 1;   // X_0
  uint64_t log2_start = x + 2;  // s_0
  t = x + 1;
  for (uint64_t r = 1; r < rows; ++r) {
    x = t + 2 * g - 1;                            // M_r S_r
    const uint64_t previous = log2_start;         // s_(r-1)
    log2_start = std::max(x + 2, previous + 17);  // s_r
    t = std::max(x + 1, previous + 17) + g;       // O_(r-1)
  }
  return std::max(t, log2_start + 17) + g - 1 + 6;  // O_(R-1), then the drain
}

// Rows of a valid LAYERNORM whose D (C S2 - S1^2 + the epsilon term) is 0, so that the unit
// skips its divider and square root: constant rows where the epsilon term shifts out. Each row
// as the unit reads it, after the rows before it were written (golden::RunGb row by row, which
// is what the unit computes for every layout).
inline std::vector<bool> ZeroVarianceRows(const GbCommand& c, const golden::PuLimits& limits,
                                          golden::VectorMemory uab, golden::AuxMemory aux) {
  std::vector<bool> zero(c.rows);
  const uint64_t cols = c.cols;
  const int eps_shift = -32 - 2 * c.exp_in;  // 2^-40 in units of 2^(2 EXP_IN - 8), times C^2
  const uint64_t eps = eps_shift >= 0    ? (cols * cols) << eps_shift
                       : -eps_shift < 64 ? (cols * cols) >> -eps_shift
                                         : 0;
  for (uint32_t r = 0; r < c.rows; ++r) {
    GbCommand row = c;
    row.rows = 1;
    row.src_addr = c.src_addr + r * c.src_stride;
    row.dst_addr = c.dst_addr + r * c.dst_stride;
    const auto codes = uab.LoadTensor(row.src_addr, 1, 1, static_cast<int>(c.cols));
    const bool constant = std::all_of(codes.begin(), codes.end(), [&](uint8_t code) {
      return af8::IntegerValue(code) == af8::IntegerValue(codes[0]);
    });
    zero[r] = constant && eps == 0;
    golden::RunGb(row, limits, uab, aux);
  }
  return zero;
}

// The cycles of a valid LAYERNORM from the acceptance edge to the cycle done is seen, as
// docs/architecture.md section 9 states them: the schedule of its agents, stepped a cycle at a
// time from the first cycle after the check (cycle 2). The gamma/beta load ends at 3 + COLS/2.
// Pass 1 of a row (G = COLS/n reads, which have the read port first) starts when pass 1 is free
// (its last row's statistics taken by the math) and, where the layout makes rows serial, when
// every earlier row is written; its statistics are complete 2 cycles after its last read. The
// math takes them when idle: D 3 cycles later, then the divider and square root, ready 55 cycles
// after the take (3 when D = 0). Pass 2 of a row starts when the math is ready, pass 2 is free
// and the load is done; it reads in the cycles pass 1 leaves, and a row is written 6 cycles after
// its last pass-2 read. Done is seen the cycle after the last row is written. A schedule that
// never ends (a mistake here) gives UINT64_MAX rather than a hang: every row needs far fewer
// cycles than the bound.
inline uint64_t LayerNormCycles(const GbCommand& c, uint32_t n,
                                const std::vector<bool>& zero_variance) {
  const uint64_t g = c.cols / n, rows = c.rows, load_done = 3 + c.cols / 2;
  const uint64_t src_end = golden::OperandEnd(c.src_addr, c.src_stride, c.rows, c.cols / n);
  const uint64_t dst_end = golden::OperandEnd(c.dst_addr, c.dst_stride, c.rows, c.cols / n);
  const bool serial = !(
      dst_end <= c.src_addr || src_end <= c.dst_addr ||
      (c.src_addr == c.dst_addr && c.src_stride == c.dst_stride && c.src_stride >= g) || rows == 1);
  // Registers, as after the check cycle.
  bool p1_busy = false, p1_full = false, rd_p1 = false, rd_p1_last = false;
  uint64_t p1_row = 0, p1_grp = 0, math_row = 0;
  enum { kIdle, kWait, kFull } math = kIdle;
  uint64_t math_ready = 0;  // cycle the math becomes kFull
  bool p2_busy = false;
  uint64_t p2_count = 0, rows_done = 0;
  std::vector<bool> written(6, false);  // pass-2 last reads, 1..5 cycles old
  const uint64_t bound = 1000 + c.cols + rows * (4 * g + 200);
  for (uint64_t t = 2; t < bound; ++t) {
    if (math == kWait && t == math_ready) math = kFull;
    if (rows_done == rows) return t + 1;
    const bool p1_start = !p1_busy && p1_row != rows && (!serial || rows_done == p1_row);
    const bool p1_issue = p1_busy && p1_grp != g;
    const bool take = math == kIdle && p1_full;
    const bool p2_start = !p2_busy && math == kFull && t >= load_done;
    const bool p2_issue = p2_busy && !p1_issue;
    // The next cycle's registers.
    if (p1_start) {
      p1_busy = true;
      ++p1_row;
      p1_grp = 0;
    } else {
      if (p1_issue) ++p1_grp;
      if (rd_p1 && rd_p1_last) p1_full = true;
      if (take) p1_busy = p1_full = false;
    }
    rd_p1 = p1_issue;
    rd_p1_last = p1_issue && p1_grp == g;  // p1_grp already advanced: the read was group G - 1
    if (take) {
      math = kWait;
      math_ready = t + (zero_variance[math_row] ? 3 : 55);
      ++math_row;
    } else if (p2_start) {
      math = kIdle;
    }
    bool last_read = false;
    if (p2_start) {
      p2_busy = true;
      p2_count = 0;
    } else if (p2_issue) {
      last_read = p2_count == g - 1;
      if (last_read) p2_busy = false;
      ++p2_count;
    }
    if (written[5]) ++rows_done;  // its write: registered 5 cycles after the read
    for (size_t age = 5; age > 1; --age) written[age] = written[age - 1];
    written[1] = last_read;
  }
  return UINT64_MAX;
}

// A valid command of a GB row unit other than GATHER, from the memories it starts from.
inline uint64_t GbCycles(const GbCommand& c, uint32_t n, const golden::PuLimits& limits,
                         const golden::VectorMemory& uab, const golden::AuxMemory& aux) {
  switch (c.opcode) {
    case Opcode::kSoftmax:
      return SoftmaxCycles(c, n, aux);
    case Opcode::kLayernorm:
      return LayerNormCycles(c, n, ZeroVarianceRows(c, limits, uab, aux));
    case Opcode::kEntropy:
      return EntropyCycles(c);
    default:
      return EltwiseCycles(c, n);
  }
}

// GATHER (T = TOKENS, G = DIM/n, W = ceil(T/2) + ceil(T/4) aux words of ids and types), given
// the sum of its ReRAM reads' latencies: the check cycle, the 24 header reads and their check,
// the scan (W words and a cycle), per token 4 cycles (its id, its type, the offsets state) and
// per group and table 2 (fill start, fill), 1 per mask word read, and the drain. A command the
// pre-check rejects ends after the header check (headers_failed) or after the scan.
inline uint64_t GatherCycles(const GbCommand& c, uint32_t n, uint64_t latencies,
                             regs::ErrCode error, bool headers_failed) {
  const uint64_t tokens = c.rows, scan_words = (tokens + 1) / 2 + (tokens + 3) / 4;
  if (error != regs::ErrCode::kNone) {
    return headers_failed ? 4 + latencies : 5 + latencies + scan_words;
  }
  const uint64_t groups = c.cols / n, mask_words = golden::MaskWordsPerRow(c.cols);
  return 8 + scan_words + tokens * (4 + 6 * groups + 3 * mask_words) + latencies;
}

}  // namespace edgebert::cycles
