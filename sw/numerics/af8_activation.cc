#include "numerics/af8_activation.h"

#include <cmath>
#include <numbers>
#include <stdexcept>

#include "numerics/af8.h"

namespace edgebert::af8 {

double ActivationReference(Activation activation, double x) {
  switch (activation) {
    case Activation::kNone:
      return x;
    case Activation::kGelu: {
      const double k = std::sqrt(2.0 / std::numbers::pi);
      return 0.5 * x * (1.0 + std::tanh(k * (x + 0.044715 * x * x * x)));
    }
    case Activation::kTanh:
      return std::tanh(x);
  }
  throw std::invalid_argument("unknown activation");
}

ActivationTable MakeActivationTable(Activation activation, int in_bias, int out_bias) {
  if (activation == Activation::kNone) {
    throw std::invalid_argument("activation table requested for the identity");
  }
  CheckBias(in_bias);
  CheckBias(out_bias);
  ActivationTable table{};
  for (int code = 0; code < kActivationTableSize; ++code) {
    const double x = Decode(static_cast<uint8_t>(code), in_bias);
    table[static_cast<size_t>(code)] = Encode(ActivationReference(activation, x), out_bias);
  }
  return table;
}

}  // namespace edgebert::af8
