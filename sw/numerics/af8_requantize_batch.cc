// RequantizeBatch (af8_mac.h): af8_round.h's rule on eight accumulators per step with AVX-512,
// branch-free. Each magnitude is scaled exactly, as a double, to units of 2^(bias - 4); the
// regions of RoundToCode (nearer to zero, the [8, 16) edge, saturated) are then comparisons of
// that value with constants, and the general case rounds its significand to an integer with the
// FPU's ties-to-even. A batch holding a magnitude of 2^53 or more (not exact as a double) takes
// the scalar rule. The tests compare it with the scalar rule on every region boundary and on
// random values of every width. (An integer form of the same steps, tried first, cost 1.55 ns
// an output against 1.00.)
#include <cstddef>
#include <cstdint>
#include <span>
#include <stdexcept>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define EDGEBERT_HAVE_AVX512_REQUANTIZE 1
#endif

#include "numerics/af8.h"
#include "numerics/af8_mac.h"

namespace edgebert::af8 {
namespace {

size_t RequantizeScalar(const int64_t* values, size_t count, int acc_exponent, int out_bias,
                        uint8_t* codes) {
  size_t saturations = 0;
  for (size_t i = 0; i < count; ++i) {
    bool saturated = false;
    codes[i] = Requantize(values[i], acc_exponent, out_bias, &saturated);
    saturations += saturated ? 1 : 0;
  }
  return saturations;
}

#ifdef EDGEBERT_HAVE_AVX512_REQUANTIZE

// GCC 12's AVX-512 headers pass _mm512_undefined values as unused merge operands, which
// -Wmaybe-uninitialized reports inside the headers.
#if !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
[[gnu::target("avx512f,avx512dq")]] size_t RequantizeAvx512(const int64_t* values, size_t count,
                                                            int acc_exponent, int out_bias,
                                                            uint8_t* codes) {
  // x = |value| * 2^(exp2 - bias + kMantissaBits) counts units of 2^(bias - 4), in which the
  // codes' magnitudes are 17..3968; it is exact as a double while |value| < 2^53.
  const __m512d scale = _mm512_set1_pd(acc_exponent - out_bias + kMantissaBits);
  const __m512i exact_limit = _mm512_set1_epi64(int64_t{1} << 53);
  const __m512d hidden_one = _mm512_set1_pd(kHiddenOne);
  size_t saturations = 0;
  size_t i = 0;
  for (; i + 8 <= count; i += 8) {
    const __m512i value = _mm512_loadu_si512(values + i);
    // |INT64_MIN| is 2^63 read as unsigned, past the limit like every other inexact magnitude.
    const __m512i magnitude = _mm512_abs_epi64(value);
    if (_mm512_cmpge_epu64_mask(magnitude, exact_limit) != 0) {
      saturations += RequantizeScalar(values + i, 8, acc_exponent, out_bias, codes + i);
      continue;
    }
    const __mmask8 negative = _mm512_cmplt_epi64_mask(value, _mm512_setzero_si512());
    const __m512d x = _mm512_scalef_pd(_mm512_cvtepi64_pd(magnitude), scale);
    // The regions of RoundToCode by x: below 16 the [8, 16) edge and zero (the smallest
    // magnitude when x > 8.5); from 31.5 * 2^7 (where rounding carries past e = 7) saturated.
    const __mmask8 below = _mm512_cmp_pd_mask(x, hidden_one, _CMP_LT_OQ);
    const __mmask8 above_edge = _mm512_cmp_pd_mask(x, _mm512_set1_pd(8.5), _CMP_GT_OQ);
    const __mmask8 saturated = _mm512_cmp_pd_mask(
        x, _mm512_set1_pd((kMaxSignificand + 0.5) * (1 << kMaxExponent)), _CMP_GE_OQ);
    const auto general = static_cast<__mmask8>(~(below | saturated));
    // The general case: x = y * 2^(k - 4) with y in [16, 32); y rounded to an integer, ties to
    // even, is the significand (32 carries into the next binade).
    __m512d k = _mm512_maskz_getexp_pd(general, x);
    __m512d significand = _mm512_maskz_roundscale_pd(
        general, _mm512_scalef_pd(x, _mm512_sub_pd(_mm512_set1_pd(kMantissaBits), k)),
        _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    const __mmask8 carry =
        _mm512_cmp_pd_mask(significand, _mm512_set1_pd(2 * kHiddenOne), _CMP_EQ_OQ);
    significand = _mm512_mask_mov_pd(significand, carry, hidden_one);
    k = _mm512_mask_add_pd(k, carry, k, _mm512_set1_pd(1));
    const __m512d exponent = _mm512_sub_pd(k, _mm512_set1_pd(kMantissaBits));
    // 16u is the zero code's slot; every value that rounds there is nearest to 17u.
    const __mmask8 to_min = _mm512_cmp_pd_mask(exponent, _mm512_setzero_pd(), _CMP_EQ_OQ) &
                            _mm512_cmp_pd_mask(significand, hidden_one, _CMP_EQ_OQ);
    significand = _mm512_mask_add_pd(significand, to_min, significand, _mm512_set1_pd(1));
    // code = e * 16 + (significand - 16), exact in a double.
    __m512i code =
        _mm512_maskz_cvtpd_epi64(general, _mm512_fmadd_pd(exponent, _mm512_set1_pd(kHiddenOne),
                                                          _mm512_sub_pd(significand, hidden_one)));
    code = _mm512_mask_mov_epi64(code, below & above_edge, _mm512_set1_epi64(1));
    code = _mm512_mask_mov_epi64(code, saturated, _mm512_set1_epi64(kMaxPositiveCode));
    code = _mm512_mask_or_epi64(code, negative & _mm512_test_epi64_mask(code, code), code,
                                _mm512_set1_epi64(kSignBit));
    _mm_storel_epi64(reinterpret_cast<__m128i*>(codes + i), _mm512_cvtepi64_epi8(code));
    saturations += static_cast<size_t>(__builtin_popcount(saturated));
  }
  return saturations + RequantizeScalar(values + i, count - i, acc_exponent, out_bias, codes + i);
}
#if !defined(__clang__)
#pragma GCC diagnostic pop
#endif

bool CpuHasAvx512Requantize() {
  static const bool has =
      __builtin_cpu_supports("avx512f") != 0 && __builtin_cpu_supports("avx512dq") != 0;
  return has;
}

#endif

}  // namespace

size_t RequantizeBatch(std::span<const int64_t> values, int acc_exponent, int out_bias,
                       std::span<uint8_t> codes) {
  if (values.size() != codes.size()) {
    throw std::invalid_argument("RequantizeBatch: values and codes of different lengths");
  }
  CheckBias(out_bias);
#ifdef EDGEBERT_HAVE_AVX512_REQUANTIZE
  if (CpuHasAvx512Requantize()) {
    return RequantizeAvx512(values.data(), values.size(), acc_exponent, out_bias, codes.data());
  }
#endif
  return RequantizeScalar(values.data(), values.size(), acc_exponent, out_bias, codes.data());
}

}  // namespace edgebert::af8
