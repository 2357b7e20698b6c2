#include "energy/energy_model.h"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <stdexcept>
#include <string>

#include "energy/energy_params.h"
#include "energy/scaling.h"
#include "shipped_params.h"

namespace edgebert::energy {
namespace {

EnergyParams Shipped() { return LoadEnergyParams(testing::ShippedParamsPath()); }

// Relative tolerance for sums of a few products of doubles.
void ExpectClose(double actual, double expected, const char* what) {
  EXPECT_NEAR(actual, expected, 1e-12 * std::fabs(expected) + 1e-18) << what;
}

double MwOf(const ComponentEnergy& c, double seconds) { return c.total_uj() / seconds * 1e-3; }

// The reference activity of docs/energy.md section 2, `cycles` long, at n lanes: the PU at full
// rate on dense operands, one GB unit busy, n weight vectors and one activation vector read, one
// MLC2 ReRAM word read, every cycle.
ActivityCounts ReferenceActivity(uint64_t cycles, uint64_t n) {
  ActivityCounts a;
  a.cycles = a.busy_cycles = a.mac_cycles = cycles;
  a.vmacs = n * cycles;
  a.macs_nonzero = n * n * cycles;
  a.gb_busy_cycles = cycles;
  a.wsram_reads = n * cycles;
  a.uab_reads = cycles;
  a.wsram_writes = a.uab_writes = a.aux_reads = a.aux_writes = 0;
  a.reram_reads = std::array<uint64_t, 3>{0, cycles, 0};
  return a;
}

TEST(EnergyModel, ReferenceActivityReproducesTableV) {
  const EnergyParams p = Shipped();
  ASSERT_TRUE(p.calibration.has_value());
  const SentenceEnergy e = SentenceEnergyOf(p, ReferenceActivity(100000, 16), 16, 500);
  EXPECT_FALSE(e.estimated);
  // The YAML holds 6 significant digits.
  EXPECT_NEAR(MwOf(e.pu, e.seconds), p.calibration->pu_mw, 1e-5 * p.calibration->pu_mw);
  EXPECT_NEAR(MwOf(e.gb, e.seconds), p.calibration->gb_mw, 1e-5 * p.calibration->gb_mw);
  EXPECT_NEAR(MwOf(e.sram, e.seconds), p.calibration->sram_mw, 1e-5 * p.calibration->sram_mw);
  EXPECT_NEAR(MwOf(e.reram, e.seconds), p.calibration->reram_mw, 1e-5 * p.calibration->reram_mw);
  const double table_v = p.calibration->pu_mw + p.calibration->gb_mw + p.calibration->sram_mw +
                         p.calibration->reram_mw;
  EXPECT_NEAR(e.average_power_mw, table_v, 1e-5 * table_v);
}

TEST(EnergyModel, EveryCounterGivenEqualsTheHandComputedSum) {
  const EnergyParams p = Shipped();
  const int n = 16;
  ActivityCounts a;
  a.cycles = 5000;
  a.busy_cycles = 4000;
  a.mac_cycles = 1000;
  a.vmacs = 16000;
  a.vmacs_skipped = 3000;
  a.macs_nonzero = 150000;
  a.wsram_reads = 700;
  a.wsram_writes = 11;
  a.uab_reads = 2100;
  a.uab_writes = 900;
  a.aux_reads = 64;
  a.aux_writes = 3;
  a.reram_reads = std::array<uint64_t, 3>{40, 120, 7};
  a.gb_busy_cycles = 2500;
  const double clock_mhz = 500;
  const SentenceEnergy e = SentenceEnergyOf(p, a, n, clock_mhz);

  const double pj = 1e-6;  // uJ per pJ
  const double seconds = 5000 / (clock_mhz * 1e6);
  const double vector_bits = 9.0 * n;
  const double pu =
      (150000 * p.pu.mac_nonzero_pj + 13000 * p.pu.vmac_pj + 3000 * p.pu.vmac_skipped_pj) * pj;
  const double gb = 2500 * p.gb.unit_busy_cycle_pj * pj;
  const double sram =
      (700 * vector_bits * p.sram.wsram_read_pj_per_bit +
       11 * vector_bits * p.sram.wsram_write_pj_per_bit +
       2100 * vector_bits * p.sram.uab_read_pj_per_bit +
       900 * vector_bits * p.sram.uab_write_pj_per_bit + 64 * 32 * p.sram.aux_read_pj_per_bit +
       3 * 32 * p.sram.aux_write_pj_per_bit) *
      pj;
  const double reram = (40 * p.reram.read_pj_per_word[0] + 120 * p.reram.read_pj_per_word[1] +
                        7 * p.reram.read_pj_per_word[2]) *
                       pj;
  ExpectClose(e.pu.dynamic_uj, pu, "pu");
  ExpectClose(e.gb.dynamic_uj, gb, "gb");
  ExpectClose(e.sram.dynamic_uj, sram, "sram");
  ExpectClose(e.reram.dynamic_uj, reram, "reram");
  ExpectClose(e.pu.leakage_uj, p.pu.leakage_mw * seconds * 1e3, "pu leakage");
  ExpectClose(e.sram.leakage_uj, p.sram.leakage_mw * seconds * 1e3, "sram leakage");
  const double leakage =
      (p.pu.leakage_mw + p.gb.leakage_mw + p.sram.leakage_mw + p.reram.leakage_mw) * seconds * 1e3;
  ExpectClose(e.total_uj, pu + gb + sram + reram + leakage, "total");
  ExpectClose(e.average_power_mw, e.total_uj / seconds * 1e-3, "power");
  EXPECT_FALSE(e.estimated);
  EXPECT_TRUE(e.estimates.empty());
}

TEST(EnergyModel, TodaysCountersAreEstimatedAndSaySo) {
  const EnergyParams p = Shipped();
  struct {
    uint64_t busy_cycles = 900, mac_cycles = 500, vmacs = 8000, vmacs_skipped = 2000;
  } perf;
  const ActivityCounts a = FromPerfCounters(perf, 1000);
  EXPECT_EQ(a.cycles, 1000u);
  EXPECT_EQ(a.vmacs_skipped, 2000u);
  const int n = 16;
  const SentenceEnergy e = SentenceEnergyOf(p, a, n);
  EXPECT_TRUE(e.estimated);
  EXPECT_TRUE(e.pu.estimated && e.gb.estimated && e.sram.estimated && e.reram.estimated);
  // Every estimated count is named: nonzero MACs, GB cycles, six SRAM counts, ReRAM reads.
  EXPECT_EQ(e.estimates.size(), 9u);
  EXPECT_NE(e.estimates.front().find("nonzero MACs"), std::string::npos);
  // The documented rules: every lane of a performed VMAC multiplies; GB = busy - MAC cycles.
  const double performed = 6000;
  ExpectClose(e.pu.dynamic_uj,
              (performed * n * p.pu.mac_nonzero_pj + performed * p.pu.vmac_pj +
               2000 * p.pu.vmac_skipped_pj) *
                  1e-6,
              "pu");
  ExpectClose(e.gb.dynamic_uj, 400 * p.gb.unit_busy_cycle_pj * 1e-6, "gb");
  const EstimationRules rules;
  const double uab_reads = 8000.0 / n + 400, uab_writes = 8000.0 / rules.mean_reduction + 400;
  const double wsram_reads = 8000.0 / rules.acc_rows;
  ExpectClose(e.sram.dynamic_uj,
              9.0 * n *
                  (std::floor(wsram_reads) * p.sram.wsram_read_pj_per_bit +
                   uab_reads * p.sram.uab_read_pj_per_bit +
                   std::floor(uab_writes) * p.sram.uab_write_pj_per_bit) *
                  1e-6,
              "sram");
  EXPECT_EQ(e.reram.dynamic_uj, 0);
}

TEST(EnergyModel, ActivityCountersFromPerfAreCountsNotEstimates) {
  const EnergyParams p = Shipped();
  // A firmware::Perf's fields (the template needs no firmware): every activity counter.
  struct {
    uint64_t busy_cycles = 900, mac_cycles = 500, vmacs = 8000, vmacs_skipped = 2000,
             stall_cycles = 7, saturations = 3;
    uint64_t macs_nonzero = 50000, wsram_reads = 300, uab_reads = 900, uab_writes = 200,
             aux_reads = 40, aux_writes = 2, gb_busy_cycles = 350, reram_slc_reads = 11,
             reram_mlc2_reads = 13, reram_mlc3_reads = 17, idle_cycles = 100;
  } perf;
  const ActivityCounts a = FromPerfCounters(perf, 1000);
  EXPECT_EQ(a.macs_nonzero, 50000u);
  EXPECT_EQ(a.wsram_reads, 300u);
  EXPECT_EQ(a.wsram_writes, 0u);
  EXPECT_EQ(a.uab_reads, 900u);
  EXPECT_EQ(a.uab_writes, 200u);
  EXPECT_EQ(a.aux_reads, 40u);
  EXPECT_EQ(a.aux_writes, 2u);
  EXPECT_EQ(a.gb_busy_cycles, 350u);
  ASSERT_TRUE(a.reram_reads.has_value());
  EXPECT_EQ(*a.reram_reads, (std::array<uint64_t, 3>{11, 13, 17}));
  const int n = 16;
  const SentenceEnergy e = SentenceEnergyOf(p, a, n);
  EXPECT_FALSE(e.estimated);
  EXPECT_TRUE(e.estimates.empty());
  ExpectClose(
      e.pu.dynamic_uj,
      (50000 * p.pu.mac_nonzero_pj + 6000 * p.pu.vmac_pj + 2000 * p.pu.vmac_skipped_pj) * 1e-6,
      "pu");
  ExpectClose(e.gb.dynamic_uj, 350 * p.gb.unit_busy_cycle_pj * 1e-6, "gb");
  const double w = 9.0 * n;
  ExpectClose(e.sram.dynamic_uj,
              (300 * w * p.sram.wsram_read_pj_per_bit + 900 * w * p.sram.uab_read_pj_per_bit +
               200 * w * p.sram.uab_write_pj_per_bit + 40 * 32 * p.sram.aux_read_pj_per_bit +
               2 * 32 * p.sram.aux_write_pj_per_bit) *
                  1e-6,
              "sram");
  ExpectClose(e.reram.dynamic_uj,
              (11 * p.reram.read_pj_per_word[0] + 13 * p.reram.read_pj_per_word[1] +
               17 * p.reram.read_pj_per_word[2]) *
                  1e-6,
              "reram");
}

TEST(EnergyModel, SkippingSavesWhatTheParametersSay) {
  const EnergyParams p = Shipped();
  ActivityCounts dense;
  dense.cycles = dense.busy_cycles = dense.mac_cycles = 100;
  dense.vmacs = 1600;
  ActivityCounts sparse = dense;
  sparse.vmacs_skipped = 400;
  const double saved =
      SentenceEnergyOf(p, dense, 16).pu.dynamic_uj - SentenceEnergyOf(p, sparse, 16).pu.dynamic_uj;
  ExpectClose(saved, 400 * (16 * p.pu.mac_nonzero_pj + p.pu.vmac_pj - p.pu.vmac_skipped_pj) * 1e-6,
              "saved");
}

TEST(EnergyScaling, PerEventRules) {
  const EnergyParams p = Shipped();
  const EnergyParams half = ScaleToLanes(p, 8);
  EXPECT_EQ(half.reference_lanes, 8);
  EXPECT_EQ(half.pu.mac_nonzero_pj, p.pu.mac_nonzero_pj);
  EXPECT_DOUBLE_EQ(half.pu.vmac_pj, p.pu.vmac_pj / 2);
  EXPECT_DOUBLE_EQ(half.pu.vmac_skipped_pj, p.pu.vmac_skipped_pj / 2);
  EXPECT_DOUBLE_EQ(half.pu.leakage_mw, p.pu.leakage_mw / 4);
  EXPECT_DOUBLE_EQ(half.gb.unit_busy_cycle_pj, p.gb.unit_busy_cycle_pj / 2);
  EXPECT_DOUBLE_EQ(half.gb.leakage_mw, p.gb.leakage_mw / 2);
  EXPECT_EQ(half.sram.uab_read_pj_per_bit, p.sram.uab_read_pj_per_bit);
  EXPECT_EQ(half.sram.leakage_mw, p.sram.leakage_mw);
  EXPECT_EQ(half.reram.read_pj_per_word, p.reram.read_pj_per_word);
  EXPECT_FALSE(half.calibration.has_value());
  EXPECT_EQ(VectorWordBits(8), 72);
  EXPECT_THROW(ScaleToLanes(p, 12), std::invalid_argument);
}

// The datapath rule: the same dense work costs the same PU dynamic energy at every n, so at
// full rate (n^2 MACs a cycle) PU power grows as n^2, leakage included.
TEST(EnergyScaling, DatapathPowerGrowsAsNSquared) {
  const EnergyParams p = Shipped();
  const double reference_mw = [&] {
    const SentenceEnergy e = SentenceEnergyOf(p, ReferenceActivity(1000, 16), 16);
    return MwOf(e.pu, e.seconds);
  }();
  for (const uint64_t n : {4u, 8u, 32u}) {
    const SentenceEnergy e = SentenceEnergyOf(p, ReferenceActivity(1000, n), static_cast<int>(n));
    const double ratio = static_cast<double>(n * n) / 256;
    EXPECT_NEAR(MwOf(e.pu, e.seconds), reference_mw * ratio, 1e-9 * reference_mw) << n;
  }
  // 2^20 dense MACs: n = 8 takes 4x the VMAC cycles of n = 16, for the same dynamic energy.
  ActivityCounts at16, at8;
  at16.cycles = at16.busy_cycles = at16.mac_cycles = (1u << 20) / 256;
  at16.vmacs = (1u << 20) / 16;
  at8.cycles = at8.busy_cycles = at8.mac_cycles = (1u << 20) / 64;
  at8.vmacs = (1u << 20) / 8;
  EXPECT_NEAR(SentenceEnergyOf(p, at8, 8).pu.dynamic_uj,
              SentenceEnergyOf(p, at16, 16).pu.dynamic_uj, 1e-12);
}

TEST(EnergyModel, ContradictoryCountsAreRejected) {
  const EnergyParams p = Shipped();
  ActivityCounts ok;
  ok.cycles = 10;
  ok.busy_cycles = 8;
  ok.mac_cycles = 4;
  ok.vmacs = 64;
  ok.vmacs_skipped = 4;
  EXPECT_NO_THROW(SentenceEnergyOf(p, ok, 16));
  auto bad = ok;
  bad.vmacs_skipped = 65;
  EXPECT_THROW(SentenceEnergyOf(p, bad, 16), std::invalid_argument);
  bad = ok;
  bad.busy_cycles = 11;
  EXPECT_THROW(SentenceEnergyOf(p, bad, 16), std::invalid_argument);
  bad = ok;
  bad.mac_cycles = 9;
  EXPECT_THROW(SentenceEnergyOf(p, bad, 16), std::invalid_argument);
  bad = ok;
  bad.cycles = bad.busy_cycles = bad.mac_cycles = 0;
  EXPECT_THROW(SentenceEnergyOf(p, bad, 16), std::invalid_argument);
  bad = ok;
  bad.macs_nonzero = 60 * 16 + 1;
  EXPECT_THROW(SentenceEnergyOf(p, bad, 16), std::invalid_argument);
  EXPECT_THROW(SentenceEnergyOf(p, ok, 16, 0), std::invalid_argument);
  EXPECT_THROW(SentenceEnergyOf(p, ok, 16, NAN), std::invalid_argument);
  EXPECT_THROW(SentenceEnergyOf(p, ok, 6), std::invalid_argument);
}

}  // namespace
}  // namespace edgebert::energy
