// The single rounding rule of AF8 (see af8.h), applied to an exact binary value.
// Encode(double) and the accumulator re-quantizer both end here, so the format has one
// definition; the RTL re-quantizer implements this function bit for bit.
#pragma once

#include <cstdint>

namespace edgebert::af8 {

// Rounds (-1)^negative * magnitude * 2^exp2 to the nearest AF8 code of `bias`.
// `saturated` (optional) is set when rounding to nearest would exceed the largest magnitude,
// i.e. |value| >= 31.5 * 2^(bias+3), and the result was clamped to +-max.
uint8_t RoundToCode(bool negative, uint64_t magnitude, int exp2, int bias, bool* saturated);

}  // namespace edgebert::af8
