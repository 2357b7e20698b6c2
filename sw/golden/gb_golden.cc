#include "golden/gb_golden.h"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string>
#include <vector>

#include "golden/parallel.h"
#include "numerics/af8.h"
#include "numerics/af8_rowops.h"

namespace edgebert::golden {
namespace {

// Row operations run on two threads from this many elements (about 15 ns each; a thread costs
// some 30 us to start and join).
constexpr uint64_t kParallelElements = 16384;

std::vector<uint8_t> Row(const VectorMemory& m, uint32_t base, uint32_t stride, uint32_t row,
                         uint32_t cols) {
  return m.LoadTensor(base + row * stride, stride, 1, static_cast<int>(cols));
}

void StoreRow(VectorMemory& m, uint32_t base, uint32_t stride, uint32_t row,
              const std::vector<uint8_t>& codes) {
  m.StoreTensor(base + row * stride, stride, 1, static_cast<int>(codes.size()), codes);
}

// What GATHER needs of one table's header once it passed its checks.
struct GatherTable {
  uint32_t base_word = 0;
  uint32_t rows = 0;
  int exp_bias = 0;
};

// One table's header checks (CheckGatherTables).
regs::ErrCode CheckTableHeader(const ReramStore& store, uint32_t byte_address, uint32_t dim,
                               int lanes, const ReramReadSettings& s, GatherTable* table) {
  namespace hdr = embedding_header;
  const uint32_t base = byte_address / 4;
  std::array<uint32_t, kEmbeddingHeaderWords> h{};
  for (uint32_t i = 0; i < kEmbeddingHeaderWords; ++i) {
    h[i] = store.Read(base + i, s.mode, s.fault_en, s.seed);
  }
  if (h[hdr::kMagic] != kEmbeddingMagic) return regs::ErrCode::kBadAddress;
  if (h[hdr::kLanes] != static_cast<uint32_t>(lanes) || h[hdr::kDim] != dim) {
    return regs::ErrCode::kBadShape;
  }
  const auto bias = static_cast<int32_t>(h[hdr::kExpBias]);
  if (bias < af8::kBiasMin || bias > af8::kBiasMax) return regs::ErrCode::kBadExponent;
  const uint64_t rows = h[hdr::kRows];
  const uint64_t words = store.words();
  if (uint64_t{base} + h[hdr::kMaskOffset] + rows * MaskWordsPerRow(dim) > words ||
      uint64_t{base} + h[hdr::kRowOffsetOffset] + rows + 1 > words) {
    return regs::ErrCode::kBadAddress;
  }
  *table = {base, h[hdr::kRows], bias};
  return regs::ErrCode::kNone;
}

regs::ErrCode CheckGather(const GbCommand& c, const PuLimits& limits, const AuxMemory& aux,
                          const ReramStore& store, const ReramReadSettings& s,
                          std::array<GatherTable, 3>* tables) {
  const uint32_t addresses[3] = {c.word_table, c.pos_table, c.type_table};
  for (size_t k = 0; k < 3; ++k) {
    const regs::ErrCode e =
        CheckTableHeader(store, addresses[k], c.cols, limits.lanes, s, &(*tables)[k]);
    if (e != regs::ErrCode::kNone) return e;
  }
  const auto [low, high] =
      std::minmax({(*tables)[0].exp_bias, (*tables)[1].exp_bias, (*tables)[2].exp_bias});
  if (high - low > af8::kMaxAlignment) return regs::ErrCode::kBadExponent;
  if (c.rows > (*tables)[1].rows) return regs::ErrCode::kBadAddress;
  const auto ids = aux.Bytes(c.ids_addr, 2 * c.rows);
  const auto types = aux.Bytes(c.types_addr, c.rows);
  for (uint32_t t = 0; t < c.rows; ++t) {
    const uint32_t id = ids[2 * t] | (uint32_t{ids[2 * t + 1]} << 8);
    if (id >= (*tables)[0].rows || types[t] >= (*tables)[2].rows) return regs::ErrCode::kBadAddress;
  }
  return regs::ErrCode::kNone;
}

const ReramStore& GatherStore(const PuLimits& limits, const ReramStore* reram) {
  if (reram == nullptr) throw std::invalid_argument("GATHER needs a ReRAM store");
  if (reram->words() != limits.reram_words) {
    throw std::invalid_argument("GATHER: the ReRAM store has " + std::to_string(reram->words()) +
                                " words, the limits say " + std::to_string(limits.reram_words));
  }
  return *reram;
}

GbResult RunGather(const GbCommand& c, const PuLimits& limits, VectorMemory& uab,
                   const AuxMemory& aux, const ReramStore& store, const ReramReadSettings& s) {
  GbResult result;
  std::array<GatherTable, 3> tables;
  result.error = CheckGather(c, limits, aux, store, s, &tables);
  if (result.error != regs::ErrCode::kNone) return result;
  const auto ids = aux.Bytes(c.ids_addr, 2 * c.rows);
  const auto types = aux.Bytes(c.types_addr, c.rows);
  std::vector<uint8_t> out(c.cols);
  for (uint32_t t = 0; t < c.rows; ++t) {
    const uint32_t row_of[3] = {ids[2 * t] | (uint32_t{ids[2 * t + 1]} << 8), t, types[t]};
    std::array<std::vector<uint8_t>, 3> rows;
    for (size_t k = 0; k < 3; ++k) {
      rows[k] = ReadEmbeddingRow(store, tables[k].base_word, row_of[k], s.mode, s.fault_en, s.seed);
    }
    for (uint32_t i = 0; i < c.cols; ++i) {
      bool saturated = false;
      out[i] = af8::Add3(rows[0][i], tables[0].exp_bias, rows[1][i], tables[1].exp_bias, rows[2][i],
                         tables[2].exp_bias, c.exp_out, &saturated);
      if (saturated) ++result.saturations;
    }
    StoreRow(uab, c.dst_addr, c.dst_stride, t, out);
  }
  return result;
}

}  // namespace

regs::ErrCode CheckGatherTables(const GbCommand& c, const PuLimits& limits, const AuxMemory& aux,
                                const ReramStore& reram, const ReramReadSettings& reram_settings) {
  std::array<GatherTable, 3> tables;
  return CheckGather(c, limits, aux, GatherStore(limits, &reram), reram_settings, &tables);
}

GbResult RunGb(const GbCommand& c, const PuLimits& limits, VectorMemory& uab, AuxMemory& aux,
               uint32_t entropy_threshold_q24, const ReramStore* reram,
               const ReramReadSettings& reram_settings) {
  GbResult result;
  result.error = Validate(c, limits);
  if (result.error != regs::ErrCode::kNone) return result;
  size_t saturations = 0;
  switch (c.opcode) {
    case regs::Opcode::kGather:
      return RunGather(c, limits, uab, aux, GatherStore(limits, reram), reram_settings);
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
  // One output row from its source rows; saturations counted into *saturations.
  auto output_row = [&](uint32_t r, size_t* row_saturations) {
    const std::vector<uint8_t> x = Row(uab, c.src_addr, c.src_stride, r, c.cols);
    std::vector<uint8_t> out(c.cols);
    switch (c.opcode) {
      case regs::Opcode::kAdd: {
        const std::vector<uint8_t> b = Row(uab, c.b_addr, c.b_stride, r, c.cols);
        out = af8::AddRow(x, c.exp_in, b, c.exp_b, c.exp_out, row_saturations);
        break;
      }
      case regs::Opcode::kActivate: {
        const auto table = aux.Bytes(c.aux_addr, 256);
        for (uint32_t i = 0; i < c.cols; ++i) out[i] = table[x[i]];
        break;
      }
      case regs::Opcode::kSoftmax: {
        const auto span = c.has_span ? aux.Bytes(c.aux_addr, c.cols) : std::span<const uint8_t>{};
        out = af8::SoftmaxRow(x, EffectiveKeys(c), c.exp_in, span, c.exp_out, row_saturations);
        break;
      }
      case regs::Opcode::kLayernorm:
        out = af8::LayerNormRow(x, c.exp_in, aux.Bytes(c.aux_addr, c.cols), c.exp_gamma,
                                aux.Bytes(c.beta_addr, c.cols), c.exp_beta, c.exp_out,
                                row_saturations);
        break;
      default:
        break;
    }
    return out;
  };

  // Large commands compute their rows on two threads, then store them; that is the row-by-row
  // result when no row reads what an earlier row wrote, i.e. when DST is SRC (and B) row for row
  // or lies apart from them. On an error nothing has been stored, and the row-by-row loop below
  // runs from the start to fail as it does.
  const uint32_t row_vectors = c.cols / static_cast<uint32_t>(limits.lanes);
  auto independent = [&](uint32_t addr, uint32_t stride) {
    if (addr == c.dst_addr && stride == c.dst_stride && stride >= row_vectors) return true;
    const uint64_t span = uint64_t{c.rows - 1} * stride + row_vectors;
    const uint64_t dst_span = uint64_t{c.rows - 1} * c.dst_stride + row_vectors;
    return addr + span <= c.dst_addr || c.dst_addr + dst_span <= addr;
  };
  const unsigned parts = PartsFor(uint64_t{c.rows} * c.cols >= kParallelElements);
  if (parts > 1 && c.rows > 1 && independent(c.src_addr, c.src_stride) &&
      (c.opcode != regs::Opcode::kAdd || independent(c.b_addr, c.b_stride))) {
    std::vector<std::vector<uint8_t>> rows(c.rows);
    std::vector<size_t> part_saturations(parts, 0);
    bool failed = false;
    try {
      RunParts(parts, [&](unsigned part) {
        const auto [begin, end] = PartRange(c.rows, part, parts);
        for (uint32_t r = begin; r < end; ++r) rows[r] = output_row(r, &part_saturations[part]);
      });
    } catch (...) {
      failed = true;
    }
    if (!failed) {
      for (uint32_t r = 0; r < c.rows; ++r) StoreRow(uab, c.dst_addr, c.dst_stride, r, rows[r]);
      for (const size_t n : part_saturations) result.saturations += n;
      return result;
    }
  }

  // Row by row, each row read before it is written, so DST may equal SRC.
  for (uint32_t r = 0; r < c.rows; ++r) {
    StoreRow(uab, c.dst_addr, c.dst_stride, r, output_row(r, &saturations));
  }
  result.saturations = saturations;
  return result;
}

}  // namespace edgebert::golden
