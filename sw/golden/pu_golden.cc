// RunMatmul: the PU's MATMUL bit for bit, fast enough for whole-model runs (ALBERT-base at
// T = 128 is about 10^10 MACs per sentence).
//
// Why it is exact. af8::Product(a, b) == IntegerValue(a) * IntegerValue(b) for every code pair
// (the tests check all 65536), |IntegerValue| <= 3968 fits int16 and |product| <= 961 << 14. So
// the operands are decoded to int16 rows, packed, and summed exactly by the integer kernel
// (matmul_kernel.h). Integer addition is associative: the sum is the one the per-MAC definition
// (RunMatmulReference, pu_golden_reference.cc) forms. The bias add, re-quantization, activation
// lookup and store after it (matmul_epilogue.h) are written independently of the reference's,
// which the tests compare on every output.
//
// Where the time went (ALBERT-base, T = 128, one core): the dot products, now about 45 % of a
// golden sentence at some 80 GMAC/s (AVX-512 VNNI); decoding the weights on every command, which
// the operand cache does once per WSRAM load (packed, as the kernel reads them); and
// re-quantizing the outputs, eight at a time (af8::RequantizeBatch; it was 4.6 ns an output).
#include "golden/pu_golden.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <map>
#include <span>
#include <tuple>
#include <utility>
#include <vector>

#include "golden/matmul_epilogue.h"
#include "golden/matmul_kernel.h"
#include "golden/parallel.h"
#include "numerics/af8.h"
#include "numerics/af8_activation.h"
#include "numerics/af8_mac.h"
#include "numerics/sparse.h"

// The dot-product kernel is compiled for AVX-512 (x86-64-v4), AVX2 (v3) and baseline x86-64;
// glibc's ifunc picks one at load time, so the binary stays portable and uses what the CPU has.
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define EDGEBERT_KERNEL_CLONES \
  __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define EDGEBERT_KERNEL_CLONES
#endif

namespace edgebert::golden {
namespace {

// A command runs on two threads when one would take longer than kParallelWork, in units of
// 1/40 ns, estimated from the costs measured on one core with the first kernel: about 1 ns to
// decode an operand element, 1/40 ns per MAC and 6 ns to re-quantize and store an output (the
// packed kernel and batched re-quantization halve the last two, so a split command now takes
// at least some 100 us). Starting and joining a thread costs some 30 us, so shorter commands
// stay on the calling thread.
constexpr uint64_t kParallelWork = 8'000'000;  // 200 us

uint64_t Work(const MatmulCommand& c) {
  const uint64_t outputs = uint64_t{c.m} * c.n;
  return 40 * (uint64_t{c.m} + c.n) * c.k + outputs * c.k + 240 * outputs;
}

// Operands are held as int16 IntegerValues.
static_assert(af8::IntegerValue(af8::kMaxPositiveCode) <= INT16_MAX &&
              af8::IntegerValue(af8::kMaxNegativeCode) >= INT16_MIN);

// ---------------------------------------------------------------------------------------------
// Operands, decoded to integers.

// rows x cols integers, and per row a bitset of its all-zero vectors (mask 0) for the
// skipped-VMAC count.
struct Operand {
  Operand(uint32_t row_count, uint32_t col_count, uint32_t lanes)
      : rows(row_count),
        cols(col_count),
        words((col_count / lanes + 63) / 64),
        values(size_t{row_count} * col_count),
        zero_bits(row_count * words),
        zero_count(row_count) {}

  const int16_t* row(uint32_t r) const { return values.data() + size_t{r} * cols; }
  std::span<const uint64_t> zero_row(uint32_t r) const {
    return std::span(zero_bits).subspan(r * words, words);
  }

  uint32_t rows, cols;
  size_t words;  // bitset words per row
  std::vector<int16_t> values;
  std::vector<uint64_t> zero_bits;
  std::vector<uint32_t> zero_count;  // all-zero vectors per row
  // Per K group g and lane l, at [g * lanes + l]: the rows whose mask has bit l set in group g
  // (LaneRows; filled where nonzero MACs are counted from it).
  std::vector<uint64_t> lane_rows;
  // The rows packed as the kernel's panels of kPanelColumns (PackPanels; cached weights only,
  // whose `values` are then dropped).
  std::vector<int32_t> panels;
  const int32_t* panel(uint32_t first_row) const {
    return panels.data() + size_t{first_row / kPanelColumns} * PackedPairs(cols) * kPanelColumns;
  }
};

// Packs all of `op`'s rows into panels and frees the row-major values.
void PackPanels(Operand& op) {
  const size_t panel_words = size_t{PackedPairs(op.cols)} * kPanelColumns;
  const uint32_t count = (op.rows + kPanelColumns - 1) / kPanelColumns;
  op.panels.resize(count * panel_words);
  for (uint32_t p = 0; p < count; ++p) {
    const uint32_t first = p * kPanelColumns;
    PackPanel(op.row(first), op.cols, std::min(kPanelColumns, op.rows - first), op.cols,
              op.panels.data() + p * panel_words);
  }
  op.values = {};
}

// The rows of `rows` operand rows at `base` whose mask has each lane's bit set, per K group of
// `cols` / lanes: nonzero MACs are the sum over (g, l) of A's count times B's, in (M + N) x K/n
// steps rather than M x N x K/n.
std::vector<uint64_t> LaneRows(const VectorMemory& memory, uint32_t base, uint32_t stride,
                               uint32_t rows, uint32_t cols, uint32_t lanes) {
  const uint32_t groups = cols / lanes;
  std::vector<uint64_t> counts(size_t{groups} * lanes);
  for (uint32_t r = 0; r < rows; ++r) {
    for (uint32_t g = 0; g < groups; ++g) {
      for (uint32_t mask = memory.mask(base + r * stride + g); mask != 0; mask &= mask - 1) {
        ++counts[size_t{g} * lanes + static_cast<uint32_t>(std::countr_zero(mask))];
      }
    }
  }
  return counts;
}

// Codes to IntegerValue, vectorized (the clones have variable shifts).
EDGEBERT_KERNEL_CLONES
void CodesToIntegers(const uint8_t* codes, size_t count, int16_t* out) {
  for (size_t t = 0; t < count; ++t) out[t] = static_cast<int16_t>(af8::IntegerValue(codes[t]));
}

// Decodes rows [begin, end) of the tensor at `base` (`stride` vectors per row) into `op`: each
// row is expanded to codes (what LoadTensor does), then converted in one pass. The lane count is
// a template parameter so that the per-vector copies and loops have constant length.
template <uint32_t n>
void DecodeRowsOf(const VectorMemory& memory, uint32_t base, uint32_t stride, uint32_t begin,
                  uint32_t end, Operand& op) {
  const uint32_t full_mask = static_cast<uint32_t>((uint64_t{1} << n) - 1);
  const uint32_t groups = op.cols / n;
  std::vector<uint8_t> codes(op.cols);
  for (uint32_t r = begin; r < end; ++r) {
    uint64_t* bits = op.zero_bits.data() + r * op.words;
    std::fill_n(bits, op.words, uint64_t{0});  // `op` may hold an earlier block
    uint32_t zeros = 0;
    for (uint32_t g = 0; g < groups; ++g) {
      const uint32_t v = base + r * stride + g;
      const uint32_t mask = memory.mask(v);
      const std::span<const uint8_t> slot = memory.slot(v);
      uint8_t* dense = codes.data() + size_t{g} * n;
      if (mask == full_mask) {
        std::copy_n(slot.data(), n, dense);
      } else if (mask == 0) {
        std::fill_n(dense, n, af8::kZeroCode);
        bits[g / 64] |= uint64_t{1} << (g % 64);
        ++zeros;
      } else {
        if ((uint64_t{mask} >> n) != 0) {
          // A malformed mask: the sparse decoder throws its error, as LoadTensor would.
          sparse::DecodeVector(mask, slot, std::span(dense, n));
        }
        // Branch-free (element sparsity is random): a clear lane takes the zero code, and the
        // read index is clamped because it reaches n once every packed code is used.
        uint32_t next = 0;
        for (uint32_t lane = 0; lane < n; ++lane) {
          const uint32_t set = (mask >> lane) & 1;
          dense[lane] = set != 0 ? slot[std::min(next, n - 1)] : af8::kZeroCode;
          next += set;
        }
      }
    }
    CodesToIntegers(codes.data(), op.cols, op.values.data() + size_t{r} * op.cols);
    op.zero_count[r] = zeros;
  }
}

void DecodeRows(const VectorMemory& memory, uint32_t base, uint32_t stride, uint32_t begin,
                uint32_t end, Operand& op) {
  switch (memory.lanes()) {
    case 4:
      return DecodeRowsOf<4>(memory, base, stride, begin, end, op);
    case 8:
      return DecodeRowsOf<8>(memory, base, stride, begin, end, op);
    case 16:
      return DecodeRowsOf<16>(memory, base, stride, begin, end, op);
    default:  // VectorMemory admits 4, 8, 16 and 32 lanes only
      return DecodeRowsOf<32>(memory, base, stride, begin, end, op);
  }
}

// Decodes rows [0, op.rows) of the tensor at `base` into `op` on `parts` threads; part p decodes
// its share of the rows, so the first malformed vector in row order is the one reported.
void DecodeAll(const VectorMemory& memory, uint32_t base, uint32_t stride, unsigned parts,
               Operand& op) {
  RunParts(parts, [&](unsigned part) {
    const auto [begin, end] = PartRange(op.rows, part, parts);
    DecodeRows(memory, base, stride, begin, end, op);
  });
}

// The most decoded bytes a cache keeps; past it, it starts again (an ALBERT-base layer's
// weights take about 20 MB).
constexpr size_t kCacheBytes = size_t{256} << 20;

}  // namespace

struct MatmulOperandCache::Entries {
  // (b_addr, b_stride, n, k) of the command whose B it holds.
  using Key = std::tuple<uint32_t, uint32_t, uint32_t, uint32_t>;

  uint64_t stamp = 0;  // of the WSRAM every entry was decoded from
  size_t bytes = 0;
  std::map<Key, Operand> operands;
};

MatmulOperandCache::MatmulOperandCache() : entries_(std::make_unique<Entries>()) {}
MatmulOperandCache::~MatmulOperandCache() = default;

namespace {

// B of `c` (in the WSRAM) decoded, from the cache or decoded into it. Entries of an earlier
// WSRAM content are dropped first.
const Operand& CachedOperand(MatmulOperandCache::Entries& entries, const VectorMemory& wsram,
                             const MatmulCommand& c, uint32_t lanes, unsigned parts) {
  if (entries.stamp != wsram.stamp()) {
    entries.operands.clear();
    entries.bytes = 0;
    entries.stamp = wsram.stamp();
  }
  const MatmulOperandCache::Entries::Key key{c.b_addr, c.b_stride, c.n, c.k};
  if (const auto found = entries.operands.find(key); found != entries.operands.end()) {
    return found->second;
  }
  Operand b(c.n, c.k, lanes);
  DecodeAll(wsram, c.b_addr, c.b_stride, parts, b);
  // The weights' lane counts are the cost that does not fall with M: kept with them.
  b.lane_rows = LaneRows(wsram, c.b_addr, c.b_stride, c.n, c.k, lanes);
  PackPanels(b);
  const size_t bytes = b.panels.size() * sizeof(int32_t);
  if (entries.bytes + bytes > kCacheBytes) {
    entries.operands.clear();
    entries.bytes = 0;
  }
  entries.bytes += bytes;
  return entries.operands.emplace(key, std::move(b)).first->second;
}

}  // namespace

MatmulResult RunMatmul(const MatmulCommand& c, const PuLimits& limits, VectorMemory& uab,
                       const VectorMemory& wsram, const AuxMemory& aux, MatmulOperandCache* cache) {
  MatmulResult result;
  result.error = Validate(c, limits);
  if (result.error != regs::ErrCode::kNone) return result;

  const auto lanes = static_cast<uint32_t>(limits.lanes);
  const unsigned parts = PartsFor(Work(c) >= kParallelWork);

  // A, decoded once.
  Operand a(c.m, c.k, lanes);
  DecodeAll(uab, c.a_addr, c.a_stride, parts, a);

  // B whole when a cache holds it or will: decoded after A, as the blocks below would be.
  const Operand* whole_b = cache != nullptr && !c.b_in_uab
                               ? &CachedOperand(cache->entries(), wsram, c, lanes, parts)
                               : nullptr;

  // Nonzero MACs, from the operands before C is written (C may overwrite them).
  const VectorMemory& b_memory = c.b_in_uab ? uab : wsram;
  {
    const std::vector<uint64_t> a_rows = LaneRows(uab, c.a_addr, c.a_stride, c.m, c.k, lanes);
    const std::vector<uint64_t> b_rows =
        whole_b != nullptr ? whole_b->lane_rows
                           : LaneRows(b_memory, c.b_addr, c.b_stride, c.n, c.k, lanes);
    for (size_t i = 0; i < a_rows.size(); ++i) result.macs_nonzero += a_rows[i] * b_rows[i];
  }

  const MatmulEpilogue epilogue(c, aux);

  // Each part owns a band of output columns (of rows when M is the larger side; each part then
  // decodes all of B, the smaller operand), cut at panel (block) boundaries. It packs its A rows
  // into blocks once, then walks its columns a panel at a time: decodes and packs those B rows
  // unless the cache holds them packed (so B is never held whole, and a single-row A reads B
  // once, from cache), multiplies each block, re-quantizes, and counts saturations and skipped
  // VMACs of its outputs. A VMAC (i, j, g) is skipped when vector g of A row i or of B row j is
  // zero: zA(i) + zB(j) - both(i, j), with `both` from the zero bitsets.
  const bool split_columns = c.n >= c.m;
  const uint32_t pairs = PackedPairs(c.k);
  const size_t block_words = size_t{pairs} * kBlockRows;
  std::vector<uint8_t> out(size_t{c.m} * c.n);
  struct Totals {
    uint64_t saturations = 0, skipped = 0;
  };
  std::vector<Totals> totals(parts);
  auto run_part = [&](unsigned part) {
    const auto [i0, i1] =
        split_columns ? std::pair{0u, c.m} : PartRange(c.m, part, parts, kBlockRows);
    const auto [j0, j1] =
        split_columns ? PartRange(c.n, part, parts, kPanelColumns) : std::pair{0u, c.n};
    const uint32_t rows = i1 - i0;
    uint64_t a_zero = 0;
    for (uint32_t i = i0; i < i1; ++i) a_zero += a.zero_count[i];
    const uint32_t blocks = (rows + kBlockRows - 1) / kBlockRows;
    std::vector<int32_t> packed_a(blocks * block_words);
    for (uint32_t k = 0; k < blocks; ++k) {
      const uint32_t first = i0 + k * kBlockRows;
      PackBlock(a.row(first), c.k, std::min(kBlockRows, i1 - first), c.k,
                packed_a.data() + k * block_words);
    }
    Operand block(whole_b != nullptr ? 0 : kPanelColumns, c.k, lanes);
    std::vector<int32_t> own_panel(whole_b != nullptr ? 0 : size_t{pairs} * kPanelColumns);
    std::array<int64_t, size_t{kBlockRows} * kPanelColumns> sums{};
    Totals& t = totals[part];
    for (uint32_t jb = j0; jb < j1; jb += kPanelColumns) {
      const uint32_t width = std::min(kPanelColumns, j1 - jb);
      // B rows [jb, jb + width) are rows [b0, b0 + width) of `b`.
      const Operand& b = whole_b != nullptr ? *whole_b : block;
      const uint32_t b0 = whole_b != nullptr ? jb : 0;
      const int32_t* panel = own_panel.data();
      if (whole_b != nullptr) {
        panel = whole_b->panel(jb);
      } else {
        DecodeRows(b_memory, c.b_addr + jb * c.b_stride, c.b_stride, 0, width, block);
        PackPanel(block.row(0), c.k, width, c.k, own_panel.data());
      }
      for (uint32_t k = 0; k < blocks; ++k) {
        BlockProducts(packed_a.data() + k * block_words, panel, pairs, sums.data());
        const uint32_t first = i0 + k * kBlockRows;
        for (uint32_t i = first; i < std::min(i1, first + kBlockRows); ++i) {
          t.saturations += epilogue.OutputRow(sums.data() + size_t{i - first} * kPanelColumns, jb,
                                              width, out.data() + size_t{i} * c.n + jb);
        }
      }
      uint64_t b_zero = 0, both = 0;
      for (uint32_t jj = 0; jj < width; ++jj) b_zero += b.zero_count[b0 + jj];
      if (a_zero != 0 && b_zero != 0) {  // dense operands skip the loop
        for (uint32_t i = i0; i < i1; ++i) {
          if (a.zero_count[i] == 0) continue;
          const auto a_bits = a.zero_row(i);
          for (uint32_t jj = 0; jj < width; ++jj) {
            if (b.zero_count[b0 + jj] == 0) continue;
            const auto b_bits = b.zero_row(b0 + jj);
            for (size_t w = 0; w < a.words; ++w)
              both += static_cast<uint64_t>(std::popcount(a_bits[w] & b_bits[w]));
          }
        }
      }
      t.skipped += a_zero * width + b_zero * rows - both;
    }
  };
  try {
    RunParts(parts, run_part);
  } catch (...) {
    // The definition decodes all of B before it re-quantizes anything, so a malformed B vector
    // is reported ahead of an output-bias error, and the first one in row order: decode B in
    // that order, and if it is well formed, the error was the part's.
    Operand b(kPanelColumns, c.k, lanes);
    for (uint32_t jb = 0; jb < c.n; jb += kPanelColumns) {
      DecodeRows(b_memory, c.b_addr + jb * c.b_stride, c.b_stride, 0,
                 std::min(kPanelColumns, c.n - jb), b);
    }
    throw;
  }
  for (const Totals& t : totals) {
    result.saturations += t.saturations;
    result.vmacs_skipped += t.skipped;
  }
  result.vmacs = uint64_t{c.m} * c.n * (c.k / lanes);

  epilogue.Store(uab, out);
  return result;
}

}  // namespace edgebert::golden
