#include "numerics/fixed_log_exp.h"

#include <bit>
#include <stdexcept>

namespace edgebert::fixed {

uint32_t Exp2Q16(int64_t t) {
  if (t > 0) throw std::invalid_argument("Exp2Q16 takes t <= 0");
  const int64_t whole = t >> 16;  // floor
  const int64_t fraction = t - whole * 65536;
  int64_t p = kExp2Coefficients[3];
  p = kExp2Coefficients[2] + ((p * fraction) >> 16);
  p = kExp2Coefficients[1] + ((p * fraction) >> 16);
  p = kExp2Coefficients[0] + ((p * fraction) >> 16);
  p = 65536 + ((p * fraction) >> 16);
  if (-whole >= 32) return 0;
  return static_cast<uint32_t>(p >> -whole);
}

int64_t Log2Q16(uint64_t z) {
  if (z == 0) throw std::invalid_argument("Log2Q16 of zero");
  const int lead = static_cast<int>(std::bit_width(z)) - 1;
  uint64_t y = lead >= 30 ? z >> (lead - 30) : z << (30 - lead);  // Q30 in [1, 2)
  int64_t fraction = 0;
  for (int bit = 0; bit < 16; ++bit) {
    y = (y * y) >> 30;
    fraction <<= 1;
    if (y >= (uint64_t{1} << 31)) {
      fraction |= 1;
      y >>= 1;
    }
  }
  return (int64_t{lead} << 16) | fraction;
}

}  // namespace edgebert::fixed
