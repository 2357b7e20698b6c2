#include "energy/scaling.h"

#include <stdexcept>
#include <string>

namespace edgebert::energy {

EnergyParams ScaleToLanes(const EnergyParams& params, int lanes) {
  if (lanes != 4 && lanes != 8 && lanes != 16 && lanes != 32) {
    throw std::invalid_argument("energy: lanes " + std::to_string(lanes) +
                                " is not 4, 8, 16 or 32");
  }
  const double linear = static_cast<double>(lanes) / params.reference_lanes;
  EnergyParams p = params;
  p.reference_lanes = lanes;
  p.pu.vmac_pj *= linear;
  p.pu.vmac_skipped_pj *= linear;
  p.pu.leakage_mw *= linear * linear;
  p.gb.unit_busy_cycle_pj *= linear;
  p.gb.leakage_mw *= linear;
  // The calibration describes the reference design only.
  p.calibration.reset();
  return p;
}

}  // namespace edgebert::energy
