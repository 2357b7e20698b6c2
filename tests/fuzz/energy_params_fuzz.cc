// libFuzzer target: the energy parameter reader (yaml/energy/*.yaml). A std::runtime_error (the
// reader's ParamsError, yaml-cpp's exceptions) is the expected answer to a bad input; anything
// else is a finding. Accepted parameters must keep the reader's promises, and the model must
// turn them into finite energies.
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string_view>

#include "energy/energy_model.h"
#include "energy/energy_params.h"
#include "energy/power_on.h"

namespace {

bool FiniteNonNegative(double v) { return std::isfinite(v) && v >= 0; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace edgebert::energy;
  try {
    const EnergyParams p =
        ParseEnergyParams(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.yaml");
    bool kept = p.reference_clock_mhz > 0 && std::isfinite(p.reference_clock_mhz) &&
                p.dram.bandwidth_gbyte_per_s > 0;
    for (const double v : {p.pu.mac_nonzero_pj, p.pu.vmac_pj, p.pu.vmac_skipped_pj, p.pu.leakage_mw,
                           p.gb.unit_busy_cycle_pj, p.gb.leakage_mw, p.sram.uab_read_pj_per_bit,
                           p.sram.leakage_mw, p.dram.read_pj_per_bit}) {
      kept = kept && FiniteNonNegative(v);
    }
    for (const double ns : p.reram.read_ns) kept = kept && ns > 0 && std::isfinite(ns);
    if (!kept) __builtin_trap();
    ActivityCounts a;
    a.cycles = 1000;
    a.busy_cycles = 900;
    a.mac_cycles = 500;
    a.vmacs = 8000;
    a.vmacs_skipped = 100;
    const SentenceEnergy e = SentenceEnergyOf(p, a, 16);
    const EmbeddingImage image{.slc_words = 10, .value_words = 20};
    const double reram = ReramPowerOnCost(p, image, edgebert::golden::CellMode::kMlc2).energy_uj;
    const double dram = ConventionalPowerOnCost(p, image, 16).energy_uj();
    if (!std::isfinite(e.total_uj) || !std::isfinite(reram) || !std::isfinite(dram)) {
      __builtin_trap();
    }
  } catch (const std::runtime_error&) {
  }
  return 0;
}
