// How the per-event energies and leakage change with the vector size n (docs/energy.md section
// 3): the parameter file gives them at its reference n; ScaleToLanes gives them at another.
#pragma once

#include "energy/energy_params.h"

namespace edgebert::energy {

// Bits of one SRAM word: a WSRAM or UAB word is one n-lane vector, n AF8 codes and its n-bit
// mask (the value and mask planes are read together); an aux word is 32 bits.
constexpr int VectorWordBits(int lanes) { return 9 * lanes; }
inline constexpr int kAuxWordBits = 32;

// The parameters at `lanes` (4, 8, 16 or 32; else std::invalid_argument):
//  - per element MAC: unchanged (one multiplier and its alignment, whatever n is);
//  - per performed VMAC and per skipped VMAC: x lanes / reference (a VMAC is n - 1 tree adders
//    and one accumulator add; a skip tests two n-bit masks);
//  - per GB unit busy cycle: x lanes / reference (the units process one n-lane vector a cycle);
//  - SRAM per bit, ReRAM per word and DRAM: unchanged (a wider word costs more through its
//    width, VectorWordBits; the ReRAM port is 32 bits for every n);
//  - leakage: PU x (lanes / reference)^2 (n^2 multipliers), GB x lanes / reference, SRAM and
//    ReRAM unchanged (their capacities do not depend on n).
EnergyParams ScaleToLanes(const EnergyParams& params, int lanes);

}  // namespace edgebert::energy
