// RequantizeBatch (af8_mac.h): af8_round.h's rule on eight accumulators per step with AVX-512,
// branch-free: every region of RoundToCode (saturated, nearer to zero, the [8, 16) edge, the
// general rounding) is computed for every lane and the lane's own is selected. The tests compare
// it with the scalar rule on every region boundary and on random values of every width.
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
[[gnu::target("avx512f,avx512cd")]] size_t RequantizeAvx512(const int64_t* values, size_t count,
                                                            int acc_exponent, int out_bias,
                                                            uint8_t* codes) {
  const __m512i zero = _mm512_setzero_si512();
  const __m512i one = _mm512_set1_epi64(1);
  const __m512i mantissa_bits = _mm512_set1_epi64(kMantissaBits);
  const __m512i hidden_one = _mm512_set1_epi64(kHiddenOne);
  // top = p + (exp2 - bias + kMantissaBits), as in RoundToCode.
  const __m512i top_offset = _mm512_set1_epi64(acc_exponent - out_bias + kMantissaBits);
  size_t saturations = 0;
  size_t i = 0;
  for (; i + 8 <= count; i += 8) {
    const __m512i value = _mm512_loadu_si512(values + i);
    const __mmask8 negative = _mm512_cmplt_epi64_mask(value, zero);
    // |INT64_MIN| is 2^63 read as unsigned, as the scalar rule's unsigned negation gives.
    const __m512i magnitude = _mm512_abs_epi64(value);
    const __mmask8 nonzero = _mm512_test_epi64_mask(magnitude, magnitude);
    const __m512i p = _mm512_sub_epi64(_mm512_set1_epi64(63), _mm512_lzcnt_epi64(magnitude));
    const __m512i top = _mm512_add_epi64(p, top_offset);
    const __mmask8 beyond =
        _mm512_cmpgt_epi64_mask(top, _mm512_set1_epi64(kMaxExponent + kMantissaBits));
    const __mmask8 tiny = _mm512_cmplt_epi64_mask(top, _mm512_set1_epi64(kMantissaBits - 1));
    const __mmask8 edge = _mm512_cmpeq_epi64_mask(top, _mm512_set1_epi64(kMantissaBits - 1));

    // The [8, 16) edge: the smallest magnitude when above 17/16 * 2^p. (Shift counts outside
    // [0, 63] give 0, which the selections below never use.)
    const __m512i leading = _mm512_sllv_epi64(one, p);
    const __m512i below_leading = _mm512_sub_epi64(magnitude, leading);
    const __mmask8 wide = _mm512_cmpge_epi64_mask(p, mantissa_bits);
    const __mmask8 above =
        (wide & _mm512_cmpgt_epu64_mask(
                    below_leading, _mm512_sllv_epi64(one, _mm512_sub_epi64(p, mantissa_bits)))) |
        (static_cast<__mmask8>(~wide) &
         _mm512_cmpgt_epu64_mask(_mm512_slli_epi64(below_leading, kMantissaBits), leading));

    // The general case: 5 significant bits, rounded to nearest, ties to even.
    const __m512i shift = _mm512_sub_epi64(p, mantissa_bits);
    const __m512i right = _mm512_max_epi64(shift, zero);
    const __m512i left = _mm512_sub_epi64(right, shift);
    __m512i significand = _mm512_sllv_epi64(_mm512_srlv_epi64(magnitude, right), left);
    const __m512i unit = _mm512_sllv_epi64(one, right);
    const __m512i rest = _mm512_and_si512(magnitude, _mm512_sub_epi64(unit, one));
    const __m512i half = _mm512_srli_epi64(unit, 1);
    const __mmask8 round_up =
        _mm512_cmpgt_epu64_mask(rest, half) |
        (_mm512_cmpeq_epi64_mask(rest, half) & _mm512_cmpgt_epi64_mask(right, zero) &
         _mm512_test_epi64_mask(significand, one));
    significand = _mm512_mask_add_epi64(significand, round_up, significand, one);
    const __m512i carry = _mm512_srli_epi64(significand, kMantissaBits + 1);
    significand = _mm512_srlv_epi64(significand, carry);
    const __m512i exponent = _mm512_add_epi64(_mm512_sub_epi64(top, mantissa_bits), carry);
    const __mmask8 rounds_beyond =
        _mm512_cmpgt_epi64_mask(exponent, _mm512_set1_epi64(kMaxExponent));
    const __mmask8 to_min =
        _mm512_cmpeq_epi64_mask(exponent, zero) & _mm512_cmpeq_epi64_mask(significand, hidden_one);
    significand = _mm512_mask_add_epi64(significand, to_min, significand, one);
    __m512i code = _mm512_or_si512(_mm512_slli_epi64(exponent, kMantissaBits),
                                   _mm512_sub_epi64(significand, hidden_one));

    // Each lane's region.
    const auto general = static_cast<__mmask8>(~(beyond | tiny | edge));
    const __mmask8 saturated = nonzero & (beyond | (general & rounds_beyond));
    code = _mm512_mask_mov_epi64(code, edge, _mm512_maskz_mov_epi64(above, one));
    code = _mm512_mask_mov_epi64(code, static_cast<__mmask8>(tiny | ~nonzero), zero);
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
      __builtin_cpu_supports("avx512f") != 0 && __builtin_cpu_supports("avx512cd") != 0;
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
