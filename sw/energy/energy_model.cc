#include "energy/energy_model.h"

#include <cmath>
#include <stdexcept>

#include "energy/scaling.h"

namespace edgebert::energy {
namespace {

constexpr double kUjPerPj = 1e-6;
constexpr double kUjPerMwSecond = 1e3;

// A count from the hardware when it has it, else the estimate, noted.
struct Resolver {
  SentenceEnergy& out;
  uint64_t Get(const std::optional<uint64_t>& counted, uint64_t estimate, bool& estimated,
               const std::string& how) {
    if (counted) return *counted;
    estimated = true;
    out.estimates.push_back(how);
    return estimate;
  }
};

}  // namespace

SentenceEnergy SentenceEnergyOf(const EnergyParams& params, const ActivityCounts& c, int lanes,
                                double clock_mhz, const EstimationRules& rules) {
  if (!std::isfinite(clock_mhz) || clock_mhz <= 0) {
    throw std::invalid_argument("energy: the clock must be a positive number of MHz");
  }
  if (c.cycles == 0) throw std::invalid_argument("energy: a run of zero cycles has no power");
  if (c.vmacs_skipped > c.vmacs) throw std::invalid_argument("energy: skipped VMACs > VMACs");
  if (c.busy_cycles > c.cycles) throw std::invalid_argument("energy: busy cycles > cycles");
  if (c.mac_cycles > c.busy_cycles) {
    throw std::invalid_argument("energy: MAC cycles > busy cycles");
  }
  if (rules.acc_rows == 0 || rules.mean_reduction == 0) {
    throw std::invalid_argument("energy: estimation rules need acc_rows and mean_reduction > 0");
  }
  const EnergyParams p = ScaleToLanes(params, lanes);
  const auto n = static_cast<uint64_t>(lanes);
  const uint64_t performed = c.vmacs - c.vmacs_skipped;
  if (c.macs_nonzero && *c.macs_nonzero > performed * n) {
    throw std::invalid_argument("energy: nonzero MACs > n x performed VMACs");
  }

  SentenceEnergy e;
  Resolver r{e};
  // PU.
  const uint64_t macs = r.Get(c.macs_nonzero, performed * n, e.pu.estimated,
                              "nonzero MACs = n x performed VMACs (every lane of a performed "
                              "VMAC multiplies: an upper bound)");
  e.pu.dynamic_uj = (static_cast<double>(macs) * p.pu.mac_nonzero_pj +
                     static_cast<double>(performed) * p.pu.vmac_pj +
                     static_cast<double>(c.vmacs_skipped) * p.pu.vmac_skipped_pj) *
                    kUjPerPj;
  // GB row units.
  const uint64_t gb_busy =
      r.Get(c.gb_busy_cycles, c.busy_cycles - c.mac_cycles, e.gb.estimated,
            "GB busy cycles = busy - MAC cycles (the PU's fill, drain and stall cycles "
            "counted as GB work: an upper bound)");
  e.gb.dynamic_uj = static_cast<double>(gb_busy) * p.gb.unit_busy_cycle_pj * kUjPerPj;
  // SRAM. The PU reads one A vector per n VMACs from the UAB, its B vectors once per pass of
  // acc_rows rows, and writes one result vector per K / n VMAC cycles of n VMACs; a GB unit
  // reads and writes about one vector a cycle.
  bool sram_estimated = e.gb.estimated;
  const uint64_t wsram_reads =
      r.Get(c.wsram_reads, c.vmacs / rules.acc_rows, sram_estimated,
            "WSRAM reads = VMACs / acc_rows (B vectors read once per weight pass; attention "
            "B operands, which come from the UAB, counted here)");
  const uint64_t wsram_writes = r.Get(c.wsram_writes, 0, sram_estimated,
                                      "WSRAM writes = 0 (weights are loaded before the sentence)");
  const uint64_t uab_reads = r.Get(c.uab_reads, c.vmacs / n + gb_busy, sram_estimated,
                                   "UAB reads = VMACs / n (A vectors) + GB busy cycles");
  const uint64_t uab_writes =
      r.Get(c.uab_writes, c.vmacs / rules.mean_reduction + gb_busy, sram_estimated,
            "UAB writes = VMACs / mean_reduction (results) + GB busy cycles");
  const uint64_t aux_reads = r.Get(c.aux_reads, 0, sram_estimated,
                                   "aux reads = 0 (biases, gamma/beta, tables, spans not counted)");
  const uint64_t aux_writes =
      r.Get(c.aux_writes, 0, sram_estimated, "aux writes = 0 (token ids, entropies not counted)");
  e.sram.estimated = sram_estimated;
  const double vector_bits = VectorWordBits(lanes);
  e.sram.dynamic_uj =
      (static_cast<double>(wsram_reads) * vector_bits * p.sram.wsram_read_pj_per_bit +
       static_cast<double>(wsram_writes) * vector_bits * p.sram.wsram_write_pj_per_bit +
       static_cast<double>(uab_reads) * vector_bits * p.sram.uab_read_pj_per_bit +
       static_cast<double>(uab_writes) * vector_bits * p.sram.uab_write_pj_per_bit +
       static_cast<double>(aux_reads) * kAuxWordBits * p.sram.aux_read_pj_per_bit +
       static_cast<double>(aux_writes) * kAuxWordBits * p.sram.aux_write_pj_per_bit) *
      kUjPerPj;
  // ReRAM: GATHER's reads have no counter today and cannot be told from the others.
  std::array<uint64_t, 3> reram_reads{};
  if (c.reram_reads) {
    reram_reads = *c.reram_reads;
  } else {
    e.reram.estimated = true;
    e.estimates.push_back(
        "ReRAM reads = 0 (GATHER's reads are not counted: ReRAM dynamic "
        "energy missing)");
  }
  for (size_t mode = 0; mode < reram_reads.size(); ++mode) {
    e.reram.dynamic_uj +=
        static_cast<double>(reram_reads[mode]) * p.reram.read_pj_per_word[mode] * kUjPerPj;
  }
  // Leakage over the run's wall time.
  e.seconds = static_cast<double>(c.cycles) / (clock_mhz * 1e6);
  e.pu.leakage_uj = p.pu.leakage_mw * e.seconds * kUjPerMwSecond;
  e.gb.leakage_uj = p.gb.leakage_mw * e.seconds * kUjPerMwSecond;
  e.sram.leakage_uj = p.sram.leakage_mw * e.seconds * kUjPerMwSecond;
  e.reram.leakage_uj = p.reram.leakage_mw * e.seconds * kUjPerMwSecond;

  e.total_uj = e.pu.total_uj() + e.gb.total_uj() + e.sram.total_uj() + e.reram.total_uj();
  e.average_power_mw = e.total_uj / (e.seconds * kUjPerMwSecond);
  e.estimated = e.pu.estimated || e.gb.estimated || e.sram.estimated || e.reram.estimated;
  return e;
}

}  // namespace edgebert::energy
