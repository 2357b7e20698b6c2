// The PU is driven like every command unit (unit_harness.h).
#pragma once

#include "harness/unit_harness.h"

namespace edgebert::sim {

template <typename Model>
using PuHarness = UnitHarness<Model>;

}  // namespace edgebert::sim
