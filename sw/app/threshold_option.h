// The early-exit threshold `edgebert run` and `edgebert golden` take (--threshold, nats).
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

#include "numerics/af8_rowops.h"

namespace edgebert::app {

// The option as the ENTROPY_THRESHOLD register holds it (none: the image's threshold).
// std::invalid_argument naming the option for a value af8::EntropyThresholdQ24 refuses.
inline std::optional<uint32_t> ThresholdOption(const std::optional<double>& nats) {
  if (!nats) return std::nullopt;
  try {
    return af8::EntropyThresholdQ24(*nats);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(std::string("--threshold: ") + e.what());
  }
}

}  // namespace edgebert::app
