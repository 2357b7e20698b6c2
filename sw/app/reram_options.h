// The ReRAM read settings `edgebert run` and `edgebert golden` take (--reram-mode, --reram-faults).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "golden/gb_golden.h"

namespace edgebert::app {

// mode: "" or mlc2 (the reset value), slc or mlc3 (std::invalid_argument otherwise); a fault seed
// turns seeded level faults on.
golden::ReramReadSettings ParseReramSettings(const std::string& mode,
                                             std::optional<uint32_t> fault_seed);

// "mlc3 cells, level faults on (seed 7)": the settings as the jobs print them.
std::string DescribeReramSettings(const golden::ReramReadSettings& settings);

}  // namespace edgebert::app
