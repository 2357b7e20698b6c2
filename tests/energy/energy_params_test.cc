#include "energy/energy_params.h"

#include <gtest/gtest.h>

#include <string>

#include "shipped_params.h"

namespace edgebert::energy {
namespace {

using testing::ShippedParamsPath;
using testing::ShippedParamsText;

// The shipped text with the first occurrence of `from` replaced by `to` (which must exist, so a
// renamed key cannot make a test pass vacuously).
std::string Edited(const std::string& from, const std::string& to) {
  std::string text = ShippedParamsText();
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// The message of the ParamsError that parsing `text` throws ("" when it throws none).
std::string ErrorOf(const std::string& text) {
  try {
    ParseEnergyParams(text, "t.yaml");
  } catch (const ParamsError& e) {
    return e.what();
  }
  return "";
}

TEST(EnergyParams, ShippedFileLoads) {
  const EnergyParams p = LoadEnergyParams(ShippedParamsPath());
  EXPECT_EQ(p.technology, "edgebert_12nm");
  EXPECT_EQ(p.reference_lanes, 16);
  EXPECT_EQ(p.reference_clock_mhz, 500);
  EXPECT_GT(p.pu.mac_nonzero_pj, 0);
  EXPECT_GT(p.sram.uab_read_pj_per_bit, 0);
  // Table III's read times, in the order of golden::CellMode.
  EXPECT_EQ(ReramReadNs(p.reram, golden::CellMode::kSlc), 1.21);
  EXPECT_EQ(ReramReadNs(p.reram, golden::CellMode::kMlc2), 1.54);
  EXPECT_EQ(ReramReadNs(p.reram, golden::CellMode::kMlc3), 2.96);
  EXPECT_EQ(ReramMm2PerMib(p.reram, golden::CellMode::kMlc2), 0.08);
  ASSERT_TRUE(p.calibration.has_value());
  EXPECT_EQ(p.calibration->sram_mw, 60.67);
}

TEST(EnergyParams, CalibrationIsOptional) {
  std::string text = ShippedParamsText();
  text.erase(text.find("calibration:"));
  EXPECT_FALSE(ParseEnergyParams(text, "t.yaml").calibration.has_value());
}

TEST(EnergyParams, MissingFileIsAnError) {
  EXPECT_THROW(LoadEnergyParams("/nonexistent/energy.yaml"), ParamsError);
}

TEST(EnergyParams, MalformedYamlNamesTheFile) {
  EXPECT_NE(ErrorOf("pu: [1, 2").find("t.yaml"), std::string::npos);
  EXPECT_NE(ErrorOf("- a list").find("not a mapping"), std::string::npos);
}

TEST(EnergyParams, UnknownKeysAreRejected) {
  EXPECT_NE(ErrorOf(Edited("technology:", "colour: red\ntechnology:")).find("unknown key colour"),
            std::string::npos);
  EXPECT_NE(ErrorOf(Edited("  vmac_pj:", "  vmac_pJ:")).find("unknown key pu.vmac_pJ"),
            std::string::npos);
}

TEST(EnergyParams, MissingKeysAreRejected) {
  EXPECT_NE(ErrorOf(Edited("  leakage_mw: 0.613\n", "")).find("missing key gb.leakage_mw"),
            std::string::npos);
  std::string text = ShippedParamsText();
  const auto dram = text.find("dram:");
  text.erase(dram, text.find("calibration:") - dram);
  EXPECT_NE(ErrorOf(text).find("missing key dram"), std::string::npos);
}

TEST(EnergyParams, DuplicateKeysAreRejected) {
  const std::string e = ErrorOf(Edited("  vmac_pj:", "  vmac_pj: 1\n  vmac_pj:"));
  EXPECT_NE(e.find("key vmac_pj given twice"), std::string::npos) << e;
}

TEST(EnergyParams, ValuesMustBeFiniteNonNegativeNumbers) {
  EXPECT_NE(ErrorOf(Edited("mac_nonzero_pj: 0.141539", "mac_nonzero_pj: -0.1"))
                .find("pu.mac_nonzero_pj is negative"),
            std::string::npos);
  EXPECT_NE(ErrorOf(Edited("mac_nonzero_pj: 0.141539", "mac_nonzero_pj: .nan"))
                .find("pu.mac_nonzero_pj is not finite"),
            std::string::npos);
  EXPECT_NE(ErrorOf(Edited("leakage_mw: 4.026", "leakage_mw: .inf")).find("not finite"),
            std::string::npos);
  EXPECT_NE(ErrorOf(Edited("leakage_mw: 4.026", "leakage_mw: lots"))
                .find("pu.leakage_mw is not a number"),
            std::string::npos);
  EXPECT_NE(ErrorOf(Edited("vmac_skipped_pj: 0.113231", "vmac_skipped_pj: [1]"))
                .find("pu.vmac_skipped_pj is not a number"),
            std::string::npos);
}

TEST(EnergyParams, RatesAndTimesMustBePositive) {
  EXPECT_NE(ErrorOf(Edited("bandwidth_gbyte_per_s: 12.8", "bandwidth_gbyte_per_s: 0"))
                .find("dram.bandwidth_gbyte_per_s must be positive"),
            std::string::npos);
  EXPECT_NE(ErrorOf(Edited("slc_read_ns: 1.21", "slc_read_ns: 0")).find("must be positive"),
            std::string::npos);
  EXPECT_NE(ErrorOf(Edited("clock_mhz: 500", "clock_mhz: 0")).find("must be positive"),
            std::string::npos);
  EXPECT_NE(ErrorOf(Edited("lanes: 16", "lanes: 12")).find("4, 8, 16 or 32"), std::string::npos);
}

}  // namespace
}  // namespace edgebert::energy
