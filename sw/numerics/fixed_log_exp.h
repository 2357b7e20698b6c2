// Fixed-point base-2 exponential and logarithm, exact integer algorithms shared by the softmax
// and entropy units (docs/numerics.md). Q16 means value * 2^16.
#pragma once

#include <cstdint>

namespace edgebert::fixed {

// 2^(f/2^16) on [0, 1) as 1 + f(c1 + f(c2 + f(c3 + f c4))), Horner in Q16 with a floor after each
// product; least-squares fit of the relative error (max 6.2e-6 before truncation).
inline constexpr int64_t kExp2Coefficients[4] = {45419, 15811, 3431, 874};
// round(log2(e) * 2^16) and round(ln(2) * 2^16).
inline constexpr int64_t kLog2eQ16 = 94548;
inline constexpr int64_t kLn2Q16 = 45426;

// floor-ish 2^(t / 2^16) * 2^16 for t <= 0 (Q16 in, Q16 out); 0 below 2^-32.
uint32_t Exp2Q16(int64_t t);

// log2(z) * 2^16 for z >= 1: the integer part from the leading one, 16 fraction bits by
// repeated squaring of the Q30 mantissa (each bit exact given the truncated square).
int64_t Log2Q16(uint64_t z);

}  // namespace edgebert::fixed
