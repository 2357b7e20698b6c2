#include "energy/power_on.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "energy/energy_params.h"
#include "golden/reram.h"
#include "shipped_params.h"

namespace edgebert::energy {
namespace {

using golden::CellMode;

EnergyParams Shipped() { return LoadEnergyParams(testing::ShippedParamsPath()); }

void ExpectClose(double actual, double expected, const char* what) {
  EXPECT_NEAR(actual, expected, 1e-12 * std::fabs(expected)) << what;
}

// The image of the gather unit's format (golden/reram.h): header, one mask bitmap per row, rows
// + 1 row offsets in SLC words; the nonzero codes packed four to a value word.
TEST(PowerOn, ImageCountsTheTableFormat) {
  const int rows = 5, dim = 64;
  std::vector<uint8_t> codes(rows * dim, 0);
  int nonzeros = 0;
  for (size_t i = 0; i < codes.size(); i += 3) {
    codes[i] = 0x11;
    ++nonzeros;
  }
  const EmbeddingImage image = ImageOf(golden::PackEmbeddingTable(rows, dim, 16, codes, 0));
  EXPECT_EQ(image.slc_words,
            golden::kEmbeddingHeaderWords + rows * golden::MaskWordsPerRow(dim) + (rows + 1));
  EXPECT_EQ(image.value_words, static_cast<uint64_t>((nonzeros + 3) / 4));
  EXPECT_EQ(image.bits(), 32 * (image.slc_words + image.value_words));
  const EmbeddingImage twice = image + image;
  EXPECT_EQ(twice.bits(), 2 * image.bits());
}

TEST(PowerOn, ReramReadsEveryWordAtItsCellModesCost) {
  const EnergyParams p = Shipped();
  const EmbeddingImage image{.slc_words = 1000, .value_words = 3000};
  for (const CellMode mode : {CellMode::kSlc, CellMode::kMlc2, CellMode::kMlc3}) {
    const ReramPowerOn cost = ReramPowerOnCost(p, image, mode);
    ExpectClose(
        cost.latency_us,
        (1000 * ReramReadNs(p.reram, CellMode::kSlc) + 3000 * ReramReadNs(p.reram, mode)) * 1e-3,
        "latency");
    ExpectClose(
        cost.energy_uj,
        (1000 * ReramReadPj(p.reram, CellMode::kSlc) + 3000 * ReramReadPj(p.reram, mode)) * 1e-6,
        "energy");
    ExpectClose(
        cost.area_mm2,
        (1000 * ReramMm2PerMib(p.reram, CellMode::kSlc) + 3000 * ReramMm2PerMib(p.reram, mode)) *
            4 / (1024.0 * 1024),
        "area");
  }
  // Denser cells read slower (Table III), and in this model cost more per word.
  EXPECT_LT(ReramPowerOnCost(p, image, CellMode::kSlc).latency_us,
            ReramPowerOnCost(p, image, CellMode::kMlc2).latency_us);
  EXPECT_LT(ReramPowerOnCost(p, image, CellMode::kMlc2).energy_uj,
            ReramPowerOnCost(p, image, CellMode::kMlc3).energy_uj);
}

TEST(PowerOn, ConventionalIsDramReadPlusSramWriteAndRead) {
  const EnergyParams p = Shipped();
  const EmbeddingImage image{.slc_words = 1000, .value_words = 3000};
  const double bits = 32.0 * 4000, bytes = bits / 8;
  for (const int lanes : {4, 16, 32}) {
    const ConventionalPowerOn cost = ConventionalPowerOnCost(p, image, lanes, 500);
    ExpectClose(cost.dram_read_uj, bits * p.dram.read_pj_per_bit * 1e-6, "dram");
    ExpectClose(cost.sram_write_uj, bits * p.sram.uab_write_pj_per_bit * 1e-6, "write");
    ExpectClose(cost.sram_read_uj, bits * p.sram.uab_read_pj_per_bit * 1e-6, "read");
    ExpectClose(cost.energy_uj(), cost.dram_read_uj + cost.sram_write_uj + cost.sram_read_uj,
                "sum");
    // The SRAM port moves n bytes a 2 ns cycle; the load runs at the slower of it and the DRAM.
    const double port_ns = bytes / lanes * 2;
    const double dram_ns = bytes / p.dram.bandwidth_gbyte_per_s;
    ExpectClose(cost.sram_read_us, port_ns * 1e-3, "read time");
    ExpectClose(cost.load_us, (p.dram.first_access_ns + std::max(port_ns, dram_ns)) * 1e-3,
                "load time");
    ExpectClose(cost.latency_us(), cost.load_us + cost.sram_read_us, "latency");
  }
}

TEST(PowerOn, BadInputIsRejected) {
  const EnergyParams p = Shipped();
  EXPECT_THROW(ReramPowerOnCost(p, EmbeddingImage{}, CellMode::kMlc2), std::invalid_argument);
  EXPECT_THROW(ConventionalPowerOnCost(p, EmbeddingImage{}, 16), std::invalid_argument);
  const EmbeddingImage image{.slc_words = 1, .value_words = 1};
  EXPECT_THROW(ConventionalPowerOnCost(p, image, 16, -1), std::invalid_argument);
  EXPECT_THROW(ConventionalPowerOnCost(p, image, 5), std::invalid_argument);
}

}  // namespace
}  // namespace edgebert::energy
