#include "golden/command_activity.h"

#include <algorithm>
#include <bit>
#include <vector>

#include "golden/command_cycles.h"
#include "golden/gb_command.h"
#include "golden/gb_golden.h"
#include "golden/matmul_command.h"
#include "golden/reram.h"

namespace edgebert::golden {
namespace {

using regs::ErrCode;
using regs::Opcode;

CommandActivity MatmulActivity(const Descriptor& words, const GoldenAccelerator& a,
                               uint32_t acc_rows) {
  CommandActivity out;
  const MatmulCommand c = MatmulFromDescriptor(words);
  out.error = Validate(c, a.config().limits);
  if (out.error != ErrCode::kNone) {
    out.cycles = cycles::kRejected;
    return out;
  }
  const auto n = static_cast<uint32_t>(a.lanes());
  const cycles::MatmulTiming timing = cycles::MatmulCycles(c, n, acc_rows);
  out.cycles = timing.cycles;
  out.stall_cycles = timing.stall_cycles;
  // The PU's dataflow (section 11): every B vector (with its bias word) once per row block,
  // every A vector once per column block, every C vector written once, one MAC cycle per A read.
  const uint64_t groups = c.k / n, row_blocks = (c.m + acc_rows - 1) / acc_rows;
  const uint64_t b_reads = row_blocks * c.n * groups;
  const uint64_t a_reads = uint64_t{c.m} * (c.n / n) * groups;
  (c.b_in_uab ? out.uab_reads : out.wsram_reads) += b_reads;
  out.uab_reads += a_reads;
  out.uab_writes = uint64_t{c.m} * (c.n / n);
  out.aux_reads = (c.act != 0 ? 64 : 0) + (c.has_bias ? b_reads : 0);
  out.mac_cycles = a_reads;
  return out;
}

// GATHER's ReRAM reads, in the order rtl/gb/gb_gather.sv makes them, each counted by its cell
// mode and its latency added: the 24 header words; per token the two row offsets of each table;
// per group and table the mask word when the group starts one, and the value words the group's
// nonzeros need that the table's one-word cache (kept across tokens) does not hold.
class GatherReads {
 public:
  GatherReads(const GoldenAccelerator& a, const ReramLatencies& latencies, CommandActivity& out)
      : a_(a), latencies_(latencies), out_(out) {}

  uint32_t Read(uint64_t word) {
    const auto w = static_cast<uint32_t>(word);
    const ReramReadSettings& s = a_.reram_settings;
    const CellMode mode = a_.reram().WordMode(w, s.mode);
    uint32_t latency = latencies_.slc;
    if (w < a_.reram().value_base_word() || s.mode == CellMode::kSlc) {
      ++out_.reram_slc_reads;
    } else if (s.mode == CellMode::kMlc2) {
      ++out_.reram_mlc2_reads;
    } else {
      ++out_.reram_mlc3_reads;
    }
    if (mode == CellMode::kMlc2) latency = latencies_.mlc2;
    if (mode == CellMode::kMlc3) latency = latencies_.mlc3;
    latency_sum_ += std::max(latency, 1u);
    return w < a_.reram().words() ? a_.reram().Read(w, s.mode, s.fault_en, s.seed) : 0;
  }
  uint64_t latency_sum() const { return latency_sum_; }

 private:
  const GoldenAccelerator& a_;
  const ReramLatencies& latencies_;
  CommandActivity& out_;
  uint64_t latency_sum_ = 0;
};

void GatherActivity(const GbCommand& c, const GoldenAccelerator& a, const ReramLatencies& latencies,
                    CommandActivity& out) {
  namespace hdr = embedding_header;
  const auto n = static_cast<uint32_t>(a.lanes());
  const PuLimits& limits = a.config().limits;
  GatherReads reads(a, latencies, out);
  constexpr int kTables = 3;
  const uint32_t bases[kTables] = {c.word_table / 4, c.pos_table / 4, c.type_table / 4};
  uint32_t header[kTables][kEmbeddingHeaderWords];
  for (int k = 0; k < kTables; ++k) {
    for (uint32_t i = 0; i < kEmbeddingHeaderWords; ++i) {
      header[k][i] = reads.Read(uint64_t{bases[k]} + i);
    }
  }
  const uint64_t tokens = c.rows, scan_words = (tokens + 1) / 2 + (tokens + 3) / 4;
  out.error = CheckGatherTables(c, limits, a.aux(), a.reram(), a.reram_settings);
  if (out.error != ErrCode::kNone) {
    // The headers' checks come before the ids': with every id and type 0 only they can fail.
    AuxMemory zero_ids = a.aux();
    zero_ids.WriteBytes(c.ids_addr, std::vector<uint8_t>(2 * tokens, 0));
    zero_ids.WriteBytes(c.types_addr, std::vector<uint8_t>(tokens, 0));
    const bool headers_failed =
        CheckGatherTables(c, limits, zero_ids, a.reram(), a.reram_settings) != ErrCode::kNone;
    if (!headers_failed) out.aux_reads = scan_words;
    out.cycles = cycles::GatherCycles(c, n, reads.latency_sum(), out.error, headers_failed);
    return;
  }
  const uint32_t mask_words = MaskWordsPerRow(c.cols), groups = c.cols / n;
  const uint32_t groups_per_word = n >= 32 ? 1 : 32 / n;
  bool cache_valid[kTables] = {false, false, false};
  uint64_t cache_index[kTables] = {0, 0, 0};
  for (uint32_t t = 0; t < tokens; ++t) {
    const uint32_t id = (a.aux().ReadWord(c.ids_addr + 4 * (t / 2)) >> (16 * (t % 2))) & 0xFFFF;
    const uint32_t type = (a.aux().ReadWord(c.types_addr + 4 * (t / 4)) >> (8 * (t % 4))) & 0xFF;
    const uint32_t rows[kTables] = {id, t, type};
    uint64_t next[kTables], end[kTables];
    for (int k = 0; k < kTables; ++k) {
      const uint64_t offsets = uint64_t{bases[k]} + header[k][hdr::kRowOffsetOffset] + rows[k];
      next[k] = reads.Read(offsets);
      end[k] = std::max<uint64_t>(next[k], reads.Read(offsets + 1));
    }
    uint32_t mask_word[kTables] = {0, 0, 0};
    for (uint32_t g = 0; g < groups; ++g) {
      for (int k = 0; k < kTables; ++k) {
        if (g % groups_per_word == 0) {
          const uint64_t mask_row =
              uint64_t{bases[k]} + header[k][hdr::kMaskOffset] + uint64_t{rows[k]} * mask_words;
          mask_word[k] = reads.Read(mask_row + g / groups_per_word);
        }
        const uint32_t shift = (g % groups_per_word) * n;
        const uint32_t mask = n >= 32 ? mask_word[k] : (mask_word[k] >> shift) & ((1u << n) - 1);
        const uint64_t need = static_cast<uint64_t>(std::popcount(mask));
        const uint64_t avail = next[k] < end[k] ? std::min(need, end[k] - next[k]) : 0;
        if (avail == 0) continue;
        const bool hit = cache_valid[k] && cache_index[k] == next[k] / 4;
        const uint64_t first = next[k] / 4 + (hit ? 1 : 0), last = (next[k] + avail - 1) / 4;
        const uint64_t values = uint64_t{bases[k]} + header[k][hdr::kValuesOffset];
        for (uint64_t w = first; w <= last; ++w) {
          reads.Read(values + w);
          cache_valid[k] = true;
          cache_index[k] = w;
        }
        next[k] += avail;
      }
    }
  }
  // The scan, then each token's id word and type word.
  out.aux_reads = scan_words + 2 * tokens;
  out.uab_writes = tokens * groups;
  out.cycles = cycles::GatherCycles(c, n, reads.latency_sum(), ErrCode::kNone, false);
}

CommandActivity GbActivity(const Descriptor& words, const GoldenAccelerator& a,
                           const ReramLatencies& latencies) {
  CommandActivity out;
  out.on_gb = true;
  const GbCommand c = GbFromDescriptor(words);
  const PuLimits& limits = a.config().limits;
  out.error = Validate(c, limits);
  if (out.error != ErrCode::kNone) {
    out.cycles = cycles::kRejected;
    return out;
  }
  const auto n = static_cast<uint32_t>(a.lanes());
  const uint64_t vectors = uint64_t{c.rows} * (c.cols / n);
  switch (c.opcode) {
    case Opcode::kGather:
      GatherActivity(c, a, latencies, out);
      return out;
    case Opcode::kFill:
      out.uab_writes = vectors;
      break;
    case Opcode::kAdd:
      out.uab_reads = 2 * vectors;
      out.uab_writes = vectors;
      break;
    case Opcode::kActivate:
      out.uab_reads = out.uab_writes = vectors;
      out.aux_reads = 64;  // the 256-byte table
      break;
    case Opcode::kSoftmax: {
      out.uab_writes = vectors;
      out.uab_reads = 3 * vectors;  // max, sum and out passes
      if (c.has_span) {
        out.aux_reads = c.cols / 4;
        const auto span = a.aux().Bytes(c.aux_addr, c.cols);
        if (std::all_of(span.begin(), span.end(), [](uint8_t b) { return b == 0; })) {
          out.uab_reads = 0;  // zero rows written, nothing read
        }
      }
      break;
    }
    case Opcode::kLayernorm:
      out.uab_reads = 2 * vectors;  // statistics, then the normalised row
      out.uab_writes = vectors;
      out.aux_reads = c.cols / 2;  // gamma and beta
      break;
    case Opcode::kEntropy:
      out.uab_reads = 1;   // the logits vector
      out.aux_writes = 1;  // H
      break;
    default:
      break;
  }
  out.cycles = cycles::GbCycles(c, n, limits, a.uab(), a.aux());
  return out;
}

}  // namespace

CommandActivity PredictActivity(const Descriptor& command, const GoldenAccelerator& accelerator,
                                uint32_t acc_rows, const ReramLatencies& latencies) {
  const auto opcode = static_cast<Opcode>(Get(command, regs::cmd::kOpcode));
  switch (opcode) {
    case Opcode::kNop:
      return {};
    case Opcode::kMatmul:
      return MatmulActivity(command, accelerator, acc_rows);
    case Opcode::kSoftmax:
    case Opcode::kLayernorm:
    case Opcode::kAdd:
    case Opcode::kActivate:
    case Opcode::kEntropy:
    case Opcode::kGather:
    case Opcode::kFill:
      return GbActivity(command, accelerator, latencies);
  }
  // The GB ends an undefined opcode the cycle after it accepts it.
  CommandActivity out;
  out.on_gb = true;
  out.error = regs::ErrCode::kBadOpcode;
  out.cycles = cycles::kRejected - 1;
  return out;
}

}  // namespace edgebert::golden
