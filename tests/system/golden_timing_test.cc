// The golden SoC's timing against the RTL SoC's (sim/tlm/golden_soc.h): the same model loaded
// and the same sentences run through the driver and the firmware on both, at every lane count
// the build has a small SoC for, must take the same cycles (the load, each sentence, each stage)
// and leave the same PERF counters. The in-process harness with its default AXI timing is the
// reference (the golden SoC models exactly that master).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "firmware/inference.h"
#include "harness/soc_sim.h"
#include "lockstep/model_device.h"
#include "model/albert_program.h"
#include "small_accelerator.h"
#include "tlm/golden_soc.h"
#include "workloads/sst2_sample.h"
#include "workloads/tiny_model.h"

namespace edgebert {
namespace {

// Every PERF counter of firmware::Perf, by its register's name.
std::vector<std::pair<const char*, uint64_t>> Counters(const firmware::Perf& p) {
  return {{"PERF_BUSY_CYCLES", p.busy_cycles},
          {"PERF_MAC_CYCLES", p.mac_cycles},
          {"PERF_VMACS", p.vmacs},
          {"PERF_VMACS_SKIPPED", p.vmacs_skipped},
          {"PERF_STALL_CYCLES", p.stall_cycles},
          {"PERF_SATURATIONS", p.saturations},
          {"PERF_MACS_NONZERO", p.macs_nonzero},
          {"PERF_WSRAM_READS", p.wsram_reads},
          {"PERF_UAB_READS", p.uab_reads},
          {"PERF_UAB_WRITES", p.uab_writes},
          {"PERF_AUX_READS", p.aux_reads},
          {"PERF_AUX_WRITES", p.aux_writes},
          {"PERF_GB_BUSY_CYCLES", p.gb_busy_cycles},
          {"PERF_RERAM_SLC_READS", p.reram_slc_reads},
          {"PERF_RERAM_MLC2_READS", p.reram_mlc2_reads},
          {"PERF_RERAM_MLC3_READS", p.reram_mlc3_reads},
          {"PERF_IDLE_CYCLES", p.idle_cycles}};
}

// The first difference between two runs of one sentence ("" when none).
std::string FirstDifference(const lockstep::RunResult& rtl, const lockstep::RunResult& gold) {
  std::ostringstream out;
  if (rtl.logit_codes != gold.logit_codes || rtl.exit_layer != gold.exit_layer) {
    out << "results differ (exit layer RTL " << rtl.exit_layer << ", golden " << gold.exit_layer
        << ")";
  } else if (rtl.cycles != gold.cycles) {
    out << "cycles: RTL " << rtl.cycles << ", golden " << gold.cycles;
  } else if (rtl.stage_cycles != gold.stage_cycles) {
    for (size_t s = 0; s < std::min(rtl.stage_cycles.size(), gold.stage_cycles.size()); ++s) {
      if (rtl.stage_cycles[s] != gold.stage_cycles[s]) {
        out << "stage " << s << " cycles: RTL " << rtl.stage_cycles[s] << ", golden "
            << gold.stage_cycles[s];
        break;
      }
    }
  } else {
    const auto want = Counters(rtl.perf), got = Counters(gold.perf);
    for (size_t i = 0; i < want.size(); ++i) {
      if (want[i].second != got[i].second) {
        out << want[i].first << ": RTL " << want[i].second << ", golden " << got[i].second;
        break;
      }
    }
  }
  return out.str();
}

class GoldenTimingTest : public ::testing::TestWithParam<int> {};

TEST_P(GoldenTimingTest, SentencesTakeTheRtlCyclesAndCounts) {
  const int lanes = GetParam();
  const std::vector<int> built = sim::SmallSocLanesBuilt();
  if (std::find(built.begin(), built.end(), lanes) == built.end()) {
    GTEST_SKIP() << "no small SoC at n = " << lanes << " in this build";
  }
  sim::GoldenSoc golden_soc(sim::SmallAcceleratorConfig(lanes));
  sim::SocOptions options;
  options.lanes = lanes;
  const std::unique_ptr<driver::Transport> rtl_soc = sim::MakeSmallSoc(options);
  EXPECT_EQ(golden_soc.Cycles(), rtl_soc->Cycles()) << "after reset";
  lockstep::ModelDevice rtl(*rtl_soc), gold(golden_soc);
  const model::ModelImage image = sim::CompileTinyModel(sim::TinyTask(), lanes);
  const model::AlbertProgram program(image, rtl.config());

  const driver::LoadReport rtl_load = rtl.Load(program), gold_load = gold.Load(program);
  EXPECT_EQ(gold_load.cycles, rtl_load.cycles) << "model load";
  // A second load compares the ReRAM (host reads) and rewrites only the SRAMs.
  EXPECT_EQ(gold.Load(program).cycles, rtl.Load(program).cycles) << "reload";

  const std::vector<model::Encoding> inputs = sim::Sst2Encodings(sim::kTinySeqLen, 6);
  for (size_t i = 0; i < inputs.size(); ++i) {
    // A low threshold runs every layer; the image's exits early on some sentences.
    for (const std::optional<uint32_t> threshold : {std::optional<uint32_t>{}, {0u}}) {
      lockstep::RunOptions run;
      run.entropy_threshold_q24 = threshold;
      const lockstep::RunResult want = rtl.Run(program, inputs[i], run);
      const lockstep::RunResult got = gold.Run(program, inputs[i], run);
      EXPECT_EQ(FirstDifference(want, got), "")
          << "sentence " << i << (threshold ? " (every layer)" : "") << ", n = " << lanes;
    }
  }
  EXPECT_EQ(golden_soc.Cycles(), rtl_soc->Cycles()) << "over the whole test";
}

std::string LanesName(const ::testing::TestParamInfo<int>& param) {
  std::ostringstream name;
  name << "n" << param.param;
  return name.str();
}

INSTANTIATE_TEST_SUITE_P(Lanes, GoldenTimingTest, ::testing::Values(16, 8), LanesName);

}  // namespace
}  // namespace edgebert
