#include "golden/matmul_kernel.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <string_view>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define EDGEBERT_HAVE_X86_KERNELS 1
#endif

#include "numerics/af8_mac.h"

namespace edgebert::golden {
namespace {

// Pairs an int32 lane sums before it moves to int64: each pair adds two products.
constexpr uint32_t kChunkPairs = 64;
static_assert(2 * kChunkPairs * af8::kMaxProductMagnitude <= INT32_MAX);

constexpr size_t kOutputs = size_t{kBlockRows} * kPanelColumns;

// Packs `count` of `slots` rows into pairs-major order (the layout both packers share): a
// pair (x[2t], x[2t + 1]) is one word with x[2t] in the low half, an odd K's last element paired
// with zero.
void Pack(const int16_t* rows, size_t stride, uint32_t count, uint32_t slots, uint32_t k,
          int32_t* out) {
  const uint32_t pairs = PackedPairs(k);
  std::fill_n(out, size_t{pairs} * slots, 0);
  for (uint32_t r = 0; r < count; ++r) {
    const int16_t* row = rows + r * stride;
    for (uint32_t t = 0; t < k / 2; ++t) {
      const uint32_t low = static_cast<uint16_t>(row[2 * t]);
      const uint32_t high = static_cast<uint16_t>(row[2 * t + 1]);
      out[size_t{t} * slots + r] = static_cast<int32_t>(low | (high << 16));
    }
    if (k % 2 != 0) out[size_t{k / 2} * slots + r] = static_cast<uint16_t>(row[k - 1]);
  }
}

int32_t Low(int32_t pair) { return static_cast<int16_t>(pair & 0xFFFF); }
int32_t High(int32_t pair) { return static_cast<int16_t>(pair >> 16); }

// The kernel in plain C++ (what runs without AVX2, and what the tests compare the others
// with), written so that compilers vectorize its column loop on any target.
void BlockProductsPortable(const int32_t* block, const int32_t* panel, uint32_t pairs,
                           int64_t* out) {
  std::fill_n(out, kOutputs, int64_t{0});
  for (uint32_t t0 = 0; t0 < pairs; t0 += kChunkPairs) {
    const uint32_t t1 = std::min(pairs, t0 + kChunkPairs);
    int32_t acc[kBlockRows][kPanelColumns] = {};
    for (uint32_t t = t0; t < t1; ++t) {
      int32_t b_low[kPanelColumns], b_high[kPanelColumns];
      for (uint32_t c = 0; c < kPanelColumns; ++c) {
        b_low[c] = Low(panel[size_t{t} * kPanelColumns + c]);
        b_high[c] = High(panel[size_t{t} * kPanelColumns + c]);
      }
      for (uint32_t r = 0; r < kBlockRows; ++r) {
        const int32_t a_low = Low(block[size_t{t} * kBlockRows + r]);
        const int32_t a_high = High(block[size_t{t} * kBlockRows + r]);
        for (uint32_t c = 0; c < kPanelColumns; ++c) {
          acc[r][c] += a_low * b_low[c] + a_high * b_high[c];
        }
      }
    }
    for (uint32_t r = 0; r < kBlockRows; ++r) {
      for (uint32_t c = 0; c < kPanelColumns; ++c) out[r * kPanelColumns + c] += acc[r][c];
    }
  }
}

#ifdef EDGEBERT_HAVE_X86_KERNELS

// AVX2: vpmaddwd then vpaddd. The block is taken as two halves of 4 rows, so that the 8 int32
// accumulators (4 rows x 2 vectors of 8 columns), the panel's two vectors and the broadcast A
// pair fit the 16 ymm registers; the int64 sums live in `out`.
[[gnu::target("avx2")]] void BlockProductsAvx2(const int32_t* block, const int32_t* panel,
                                               uint32_t pairs, int64_t* out) {
  std::fill_n(out, kOutputs, int64_t{0});
  for (uint32_t half = 0; half < kBlockRows; half += 4) {
    for (uint32_t t0 = 0; t0 < pairs; t0 += kChunkPairs) {
      const uint32_t t1 = std::min(pairs, t0 + kChunkPairs);
      __m256i acc[4][2];
      for (auto& row : acc) row[0] = row[1] = _mm256_setzero_si256();
      for (uint32_t t = t0; t < t1; ++t) {
        const int32_t* b = panel + size_t{t} * kPanelColumns;
        const __m256i b0 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(b));
        const __m256i b1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(b + 8));
        const int32_t* a = block + size_t{t} * kBlockRows + half;
        for (uint32_t r = 0; r < 4; ++r) {
          const __m256i av = _mm256_set1_epi32(a[r]);
          acc[r][0] = _mm256_add_epi32(acc[r][0], _mm256_madd_epi16(av, b0));
          acc[r][1] = _mm256_add_epi32(acc[r][1], _mm256_madd_epi16(av, b1));
        }
      }
      for (uint32_t r = 0; r < 4; ++r) {
        int64_t* row = out + (half + r) * kPanelColumns;
        for (uint32_t v = 0; v < 2; ++v) {
          for (uint32_t q = 0; q < 2; ++q) {
            __m256i* sums = reinterpret_cast<__m256i*>(row + 8 * v + 4 * q);
            const __m128i part =
                q == 0 ? _mm256_castsi256_si128(acc[r][v]) : _mm256_extracti128_si256(acc[r][v], 1);
            _mm256_storeu_si256(
                sums, _mm256_add_epi64(_mm256_loadu_si256(sums), _mm256_cvtepi32_epi64(part)));
          }
        }
      }
    }
  }
}

// GCC 12's AVX-512 headers pass _mm512_undefined values as the unused merge operand of
// vpmovsxdq and vextracti64x4, which -Wmaybe-uninitialized reports inside the headers.
#if !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
// AVX-512 VNNI: vpdpwssd multiplies and adds in one instruction, and one zmm register holds a
// pair of all 16 columns. 8 accumulators, 16 int64 sums, the panel vector and the broadcast
// take 26 of the 32 registers.
[[gnu::target("avx512f,avx512bw,avx512vnni")]] void BlockProductsAvx512Vnni(const int32_t* block,
                                                                            const int32_t* panel,
                                                                            uint32_t pairs,
                                                                            int64_t* out) {
  __m512i low[kBlockRows], high[kBlockRows];  // int64 sums of columns 0-7 and 8-15
  for (uint32_t r = 0; r < kBlockRows; ++r) low[r] = high[r] = _mm512_setzero_si512();
  for (uint32_t t0 = 0; t0 < pairs; t0 += kChunkPairs) {
    const uint32_t t1 = std::min(pairs, t0 + kChunkPairs);
    __m512i acc[kBlockRows];
    for (auto& a : acc) a = _mm512_setzero_si512();
    for (uint32_t t = t0; t < t1; ++t) {
      const __m512i b = _mm512_loadu_si512(panel + size_t{t} * kPanelColumns);
      const int32_t* a = block + size_t{t} * kBlockRows;
      for (uint32_t r = 0; r < kBlockRows; ++r) {
        acc[r] = _mm512_dpwssd_epi32(acc[r], _mm512_set1_epi32(a[r]), b);
      }
    }
    for (uint32_t r = 0; r < kBlockRows; ++r) {
      low[r] = _mm512_add_epi64(low[r], _mm512_cvtepi32_epi64(_mm512_castsi512_si256(acc[r])));
      high[r] =
          _mm512_add_epi64(high[r], _mm512_cvtepi32_epi64(_mm512_extracti64x4_epi64(acc[r], 1)));
    }
  }
  for (uint32_t r = 0; r < kBlockRows; ++r) {
    _mm512_storeu_si512(out + r * kPanelColumns, low[r]);
    _mm512_storeu_si512(out + r * kPanelColumns + 8, high[r]);
  }
}
#if !defined(__clang__)
#pragma GCC diagnostic pop
#endif

bool CpuRuns(MatmulKernel kernel) {
  switch (kernel) {
    case MatmulKernel::kPortable:
      return true;
    case MatmulKernel::kAvx2:
      return __builtin_cpu_supports("avx2") != 0;
    case MatmulKernel::kAvx512Vnni:
      return __builtin_cpu_supports("avx512f") != 0 && __builtin_cpu_supports("avx512bw") != 0 &&
             __builtin_cpu_supports("avx512vnni") != 0;
  }
  return false;
}

#else

bool CpuRuns(MatmulKernel kernel) { return kernel == MatmulKernel::kPortable; }

#endif

constexpr MatmulKernel kKernels[] = {MatmulKernel::kPortable, MatmulKernel::kAvx2,
                                     MatmulKernel::kAvx512Vnni};

// `kernel`, when this CPU runs it; std::invalid_argument naming who asked for it otherwise.
MatmulKernel Runnable(MatmulKernel kernel, const std::string& asked_by) {
  if (!CpuRuns(kernel)) {
    throw std::invalid_argument(asked_by + ": this CPU cannot run the " + Name(kernel) +
                                " matmul kernel");
  }
  return kernel;
}

MatmulKernel InitialKernel() {
  const char* name = std::getenv("EDGEBERT_MATMUL_KERNEL");
  if (name == nullptr || *name == '\0') return SupportedMatmulKernels().back();
  return Runnable(MatmulKernelNamed(name), std::string("EDGEBERT_MATMUL_KERNEL=") + name);
}

std::atomic<MatmulKernel>& Active() {
  static std::atomic<MatmulKernel> active{InitialKernel()};
  return active;
}

}  // namespace

const char* Name(MatmulKernel kernel) {
  switch (kernel) {
    case MatmulKernel::kPortable:
      return "portable";
    case MatmulKernel::kAvx2:
      return "avx2";
    case MatmulKernel::kAvx512Vnni:
      return "avx512-vnni";
  }
  return "?";
}

MatmulKernel MatmulKernelNamed(std::string_view name) {
  for (const MatmulKernel kernel : kKernels) {
    if (name == Name(kernel)) return kernel;
  }
  throw std::invalid_argument("no matmul kernel named '" + std::string(name) +
                              "' (portable, avx2, avx512-vnni)");
}

std::vector<MatmulKernel> SupportedMatmulKernels() {
  std::vector<MatmulKernel> out;
  for (const MatmulKernel kernel : kKernels) {
    if (CpuRuns(kernel)) out.push_back(kernel);
  }
  return out;
}

MatmulKernel ActiveMatmulKernel() { return Active().load(std::memory_order_relaxed); }

void UseMatmulKernel(MatmulKernel kernel) {
  Active().store(Runnable(kernel, "UseMatmulKernel"), std::memory_order_relaxed);
}

void PackPanel(const int16_t* rows, size_t stride, uint32_t count, uint32_t k, int32_t* panel) {
  if (count > kPanelColumns) throw std::invalid_argument("PackPanel: more rows than a panel");
  Pack(rows, stride, count, kPanelColumns, k, panel);
}

void PackBlock(const int16_t* rows, size_t stride, uint32_t count, uint32_t k, int32_t* block) {
  if (count > kBlockRows) throw std::invalid_argument("PackBlock: more rows than a block");
  Pack(rows, stride, count, kBlockRows, k, block);
}

void BlockProducts(const int32_t* block, const int32_t* panel, uint32_t pairs, int64_t* out) {
  switch (ActiveMatmulKernel()) {
#ifdef EDGEBERT_HAVE_X86_KERNELS
    case MatmulKernel::kAvx512Vnni:
      return BlockProductsAvx512Vnni(block, panel, pairs, out);
    case MatmulKernel::kAvx2:
      return BlockProductsAvx2(block, panel, pairs, out);
#endif
    default:
      return BlockProductsPortable(block, panel, pairs, out);
  }
}

}  // namespace edgebert::golden
