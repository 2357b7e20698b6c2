// RunMatmul: the PU's MATMUL bit for bit, fast enough for whole-model runs (ALBERT-base at
// T = 128 is about 10^10 MACs per sentence).
//
// Why it is exact. af8::Product(a, b) == IntegerValue(a) * IntegerValue(b) for every code pair
// (the tests check all 65536), |IntegerValue| <= 3968 fits int16 and |product| <= 961 << 14. So
// the operands are decoded to int16 rows, and a dot product is summed as int16 x int16 -> int32
// multiply-adds (pmaddwd) over chunks of at most kChunk products, which cannot overflow int32,
// with the chunk sums added in int64. Integer addition is associative: the sum
// is the one the per-MAC definition (RunMatmulReference, pu_golden_reference.cc) forms. The bias
// add, re-quantization, activation lookup and store after it (matmul_epilogue.h) are written
// independently of the reference's, which the tests compare on every output.
//
// Where the time went (ALBERT-base, T = 128): the dot products (17.9 GMAC/s on one core of the
// 2 GHz EPYC this was measured on); decoding the weights on every command, which the operand
// cache now does once per WSRAM load; and re-quantizing the outputs (af8_round.h is inline for
// that reason).
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

#if defined(__x86_64__)
#include <immintrin.h>
#endif

#include "golden/matmul_epilogue.h"
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

// Products summed in int32 before they move to int64: kChunk of the largest cannot overflow.
constexpr size_t kChunk = 128;
static_assert(kChunk * af8::kMaxProductMagnitude <= INT32_MAX);

// A command runs on two threads when one would take longer than kParallelWork, in units of
// 1/40 ns, estimated from the measured costs on one core: about 1 ns to decode an operand
// element, 1/40 ns per MAC and 6 ns to re-quantize and store an output. Starting and joining a
// thread costs some 30 us, so shorter commands stay on the calling thread.
constexpr uint64_t kParallelWork = 8'000'000;  // 200 us

// B rows decoded at a time (see RunMatmul): 16 rows of K <= 3072 stay in L2.
constexpr uint32_t kBlockColumns = 16;

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
};

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

// ---------------------------------------------------------------------------------------------
// The integer kernel.

// out[r * out_stride + c] = sum_t a[r * k + t] * b[c * k + t] for an R x C block: R A rows
// against C B rows, so that each loaded vector feeds several multiply-adds. Inlined into each
// clone of DotProducts so that it is compiled for that clone's instruction set.
template <size_t R, size_t C>
[[gnu::always_inline]] inline void DotBlock(const int16_t* a, const int16_t* b, size_t k,
                                            int64_t* out, size_t out_stride) {
  int64_t sums[R][C] = {};
  for (size_t k0 = 0; k0 < k; k0 += kChunk) {
    const size_t len = std::min(kChunk, k - k0);
    int32_t chunk[R][C] = {};
    for (size_t t = 0; t < len; ++t) {
      for (size_t r = 0; r < R; ++r) {
        for (size_t c = 0; c < C; ++c)
          chunk[r][c] += int32_t{a[r * k + k0 + t]} * int32_t{b[c * k + k0 + t]};
      }
    }
    for (size_t r = 0; r < R; ++r) {
      for (size_t c = 0; c < C; ++c) sums[r][c] += chunk[r][c];
    }
  }
  for (size_t r = 0; r < R; ++r) {
    for (size_t c = 0; c < C; ++c) out[r * out_stride + c] = sums[r][c];
  }
}

// out (a_rows x b_rows, row-major) = A * B^T, both operands row-major with k columns. Blocks of
// 4 A rows x 2 B rows keep 8 accumulators in registers; a B pair stays in L1 while the A rows
// stream from L2. The portable kernel: what runs where AVX2 is missing.
EDGEBERT_KERNEL_CLONES
void DotProductsPortable(const int16_t* a, size_t a_rows, const int16_t* b, size_t b_rows, size_t k,
                         int64_t* out) {
  size_t j = 0;
  for (; j + 2 <= b_rows; j += 2) {
    size_t i = 0;
    for (; i + 4 <= a_rows; i += 4)
      DotBlock<4, 2>(a + i * k, b + j * k, k, out + i * b_rows + j, b_rows);
    for (; i < a_rows; ++i) DotBlock<1, 2>(a + i * k, b + j * k, k, out + i * b_rows + j, b_rows);
  }
  if (j < b_rows) {
    size_t i = 0;
    for (; i + 4 <= a_rows; i += 4)
      DotBlock<4, 1>(a + i * k, b + j * k, k, out + i * b_rows + j, b_rows);
    for (; i < a_rows; ++i) DotBlock<1, 1>(a + i * k, b + j * k, k, out + i * b_rows + j, b_rows);
  }
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define EDGEBERT_HAVE_AVX2_KERNEL 1

// The AVX2 kernel: vpmaddwd multiplies 16 int16 pairs and adds neighbours into 8 int32 lanes, so
// each lane of an accumulator sums 2 products per step. A lane can take kLaneSteps steps (1024
// elements of K) before its 8 lanes are added in int64, where the compiler's vectorization of
// DotBlock reduces across lanes every kChunk elements: 12 % faster on one core (17.9 vs 16.0
// GMAC/s at K = 768, 128 x 16 blocks, on the 2 GHz AMD EPYC this was written on).
constexpr size_t kLaneSteps = 64;
static_assert(2 * kLaneSteps * af8::kMaxProductMagnitude <= INT32_MAX);

[[gnu::target("avx2")]] inline int64_t SumLanes(__m256i v) {
  const __m256i wide = _mm256_add_epi64(_mm256_cvtepi32_epi64(_mm256_castsi256_si128(v)),
                                        _mm256_cvtepi32_epi64(_mm256_extracti128_si256(v, 1)));
  const __m128i half =
      _mm_add_epi64(_mm256_castsi256_si128(wide), _mm256_extracti128_si256(wide, 1));
  return _mm_cvtsi128_si64(half) + _mm_extract_epi64(half, 1);
}

// An R x C block as DotBlock, on 16 elements per step; the k % 16 tail is summed in scalar.
template <size_t R, size_t C>
[[gnu::target("avx2"), gnu::always_inline]] inline void DotBlockAvx2(const int16_t* a,
                                                                     const int16_t* b, size_t k,
                                                                     int64_t* out,
                                                                     size_t out_stride) {
  int64_t sums[R][C] = {};
  const size_t vector_end = k - k % 16;
  for (size_t k0 = 0; k0 < vector_end; k0 += 16 * kLaneSteps) {
    const size_t k1 = std::min(vector_end, k0 + 16 * kLaneSteps);
    __m256i acc[R][C];
    for (size_t r = 0; r < R; ++r) {
      for (size_t c = 0; c < C; ++c) acc[r][c] = _mm256_setzero_si256();
    }
    for (size_t t = k0; t < k1; t += 16) {
      __m256i bv[C];
      for (size_t c = 0; c < C; ++c) {
        bv[c] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(b + c * k + t));
      }
      for (size_t r = 0; r < R; ++r) {
        const __m256i av = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(a + r * k + t));
        for (size_t c = 0; c < C; ++c) {
          acc[r][c] = _mm256_add_epi32(acc[r][c], _mm256_madd_epi16(av, bv[c]));
        }
      }
    }
    for (size_t r = 0; r < R; ++r) {
      for (size_t c = 0; c < C; ++c) sums[r][c] += SumLanes(acc[r][c]);
    }
  }
  for (size_t t = vector_end; t < k; ++t) {
    for (size_t r = 0; r < R; ++r) {
      for (size_t c = 0; c < C; ++c) sums[r][c] += int32_t{a[r * k + t]} * int32_t{b[c * k + t]};
    }
  }
  for (size_t r = 0; r < R; ++r) {
    for (size_t c = 0; c < C; ++c) out[r * out_stride + c] = sums[r][c];
  }
}

// DotProductsPortable's walk with the AVX2 blocks: 4 x 2 keeps 8 accumulators and the 6 loaded
// vectors in 14 of the 16 registers (4 x 3 spills to the stack and is slower).
[[gnu::target("avx2")]] void DotProductsAvx2(const int16_t* a, size_t a_rows, const int16_t* b,
                                             size_t b_rows, size_t k, int64_t* out) {
  size_t j = 0;
  for (; j + 2 <= b_rows; j += 2) {
    size_t i = 0;
    for (; i + 4 <= a_rows; i += 4)
      DotBlockAvx2<4, 2>(a + i * k, b + j * k, k, out + i * b_rows + j, b_rows);
    for (; i < a_rows; ++i)
      DotBlockAvx2<1, 2>(a + i * k, b + j * k, k, out + i * b_rows + j, b_rows);
  }
  for (; j < b_rows; ++j) {
    size_t i = 0;
    for (; i + 4 <= a_rows; i += 4)
      DotBlockAvx2<4, 1>(a + i * k, b + j * k, k, out + i * b_rows + j, b_rows);
    for (; i < a_rows; ++i)
      DotBlockAvx2<1, 1>(a + i * k, b + j * k, k, out + i * b_rows + j, b_rows);
  }
}

bool CpuHasAvx2() {
  static const bool has = __builtin_cpu_supports("avx2") != 0;
  return has;
}
#endif

void DotProducts(const int16_t* a, size_t a_rows, const int16_t* b, size_t b_rows, size_t k,
                 int64_t* out) {
#ifdef EDGEBERT_HAVE_AVX2_KERNEL
  if (CpuHasAvx2()) return DotProductsAvx2(a, a_rows, b, b_rows, k, out);
#endif
  DotProductsPortable(a, a_rows, b, b_rows, k, out);
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
  const size_t bytes = b.values.size() * sizeof(int16_t);
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
  // decodes all of B, the smaller operand). It walks its columns kBlockColumns at a time: decodes
  // those B rows (so B is never held whole, and a single-row A reads B once, from cache),
  // multiplies, re-quantizes, and counts saturations and skipped VMACs of its outputs. A VMAC (i,
  // j, g) is skipped when vector g of A row i or of B row j is zero: zA(i) + zB(j) - both(i, j),
  // with `both` from the zero bitsets.
  const bool split_columns = c.n >= c.m;
  std::vector<uint8_t> out(size_t{c.m} * c.n);
  struct Totals {
    uint64_t saturations = 0, skipped = 0;
  };
  std::vector<Totals> totals(parts);
  auto run_part = [&](unsigned part) {
    const auto [i0, i1] = split_columns ? std::pair{0u, c.m} : PartRange(c.m, part, parts);
    const auto [j0, j1] = split_columns ? PartRange(c.n, part, parts) : std::pair{0u, c.n};
    const uint32_t rows = i1 - i0;
    uint64_t a_zero = 0;
    for (uint32_t i = i0; i < i1; ++i) a_zero += a.zero_count[i];
    Operand block(whole_b != nullptr ? 0 : kBlockColumns, c.k, lanes);
    std::vector<int64_t> sums(size_t{rows} * kBlockColumns);
    Totals& t = totals[part];
    for (uint32_t jb = j0; jb < j1; jb += kBlockColumns) {
      const uint32_t width = std::min(kBlockColumns, j1 - jb);
      // B rows [jb, jb + width) are rows [b0, b0 + width) of `b`.
      const Operand& b = whole_b != nullptr ? *whole_b : block;
      const uint32_t b0 = whole_b != nullptr ? jb : 0;
      if (whole_b == nullptr) {
        DecodeRows(b_memory, c.b_addr + jb * c.b_stride, c.b_stride, 0, width, block);
      }
      DotProducts(a.row(i0), rows, b.row(b0), width, c.k, sums.data());
      for (uint32_t i = i0; i < i1; ++i) {
        for (uint32_t jj = 0; jj < width; ++jj) {
          const uint32_t j = jb + jj;
          bool saturated = false;
          out[size_t{i} * c.n + j] =
              epilogue.Output(sums[size_t{i - i0} * width + jj], j, &saturated);
          if (saturated) ++t.saturations;
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
    Operand b(kBlockColumns, c.k, lanes);
    for (uint32_t jb = 0; jb < c.n; jb += kBlockColumns) {
      DecodeRows(b_memory, c.b_addr + jb * c.b_stride, c.b_stride, 0,
                 std::min(kBlockColumns, c.n - jb), b);
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
