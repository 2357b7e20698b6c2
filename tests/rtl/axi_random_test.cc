// The constrained-random AXI4 master (sim/harness/axi_random_master.h) on the small SoC: a few
// seeds at n = 16 and n = 8, every burst answered as the golden SoC predicts, the protocol
// checker reporting exactly the master's deliberate violations and none of the slave's. The
// nightly runs 100 seeds (axi_random --seeds 1-100). A slave that corrupts one byte is caught.
#include <gtest/gtest.h>

#include <memory>

#include "harness/axi_random_master.h"
#include "harness/soc_sim.h"
#include "harness/soc_transport_proxy.h"

namespace edgebert::sim {
namespace {

std::unique_ptr<SocTransport> RecordingSoc(int lanes) {
  return MakeSmallSocSim({.lanes = lanes, .axi_check = SocOptions::AxiCheck::kRecord});
}

TEST(AxiRandom, SeedsPassAgainstTheReference) {
  uint64_t illegal = 0, refused = 0, data_first = 0, unaligned = 0, fixed = 0, wrap = 0;
  for (const int lanes : {16, 8}) {
    for (const uint64_t seed : {1u, 2u}) {
      SCOPED_TRACE("n = " + std::to_string(lanes) + ", seed " + std::to_string(seed));
      auto soc = RecordingSoc(lanes);
      const AxiRandomReport r =
          RunAxiRandom(*soc, SmallSocConfig(lanes), {.seed = seed, .transactions = 250});
      for (const std::string& m : r.mismatches) ADD_FAILURE() << m;
      EXPECT_EQ(r.transactions, 250u);
      EXPECT_EQ(soc->axi_checker()->SlaveViolations(), 0u);
      EXPECT_EQ(soc->axi_checker()->stats().write_bursts + soc->axi_checker()->stats().read_bursts,
                250u);
      EXPECT_GE(r.max_outstanding, 2u) << "bursts overlap in flight";
      EXPECT_GT(r.nonzero_read_beats, r.read_beats / 10) << "reads compare written data";
      illegal += r.illegal;
      refused += r.refused;
      data_first += r.data_first;
      unaligned += r.unaligned;
      fixed += r.fixed;
      wrap += r.wrap;
      std::printf("  n = %d, seed %llu: %s\n", lanes, static_cast<unsigned long long>(seed),
                  r.Summary().c_str());
    }
  }
  // The mix is what the master promises (over 1000 bursts, none of these can be missing).
  EXPECT_GT(illegal, 0u);
  EXPECT_GT(refused, 0u);
  EXPECT_GT(data_first, 0u);
  EXPECT_GT(unaligned, 0u);
  EXPECT_GT(fixed, 0u);
  EXPECT_GT(wrap, 0u);
}

// Passes everything through, but inverts the `victim`-th nonzero OKAY read beat on its way to
// the master: the scoreboard must name it.
class CorruptingSoc : public SocTransportProxy {
 public:
  CorruptingSoc(std::unique_ptr<SocTransport> inner, int victim)
      : SocTransportProxy(std::move(inner)), victim_(victim) {}
  AxiSlaveSignals Cycle(const AxiMasterSignals& m) override {
    AxiSlaveSignals s = inner().Cycle(m);
    if (s.r_valid && m.r_ready && s.r_resp == kAxiRespOkay && s.r_data != 0 && --victim_ == 0) {
      s.r_data = ~s.r_data;  // every lane wrong, whichever the beat carries
    }
    return s;
  }

 private:
  int victim_;
};

TEST(AxiRandom, ACorruptedReadBeatIsNamed) {
  CorruptingSoc soc(RecordingSoc(16), 40);
  const AxiRandomReport r = RunAxiRandom(soc, SmallSocConfig(16), {.seed = 3, .transactions = 250});
  ASSERT_FALSE(r.mismatches.empty());
  EXPECT_NE(r.mismatches[0].find("RDATA"), std::string::npos) << r.mismatches[0];
  EXPECT_NE(r.mismatches[0].find("read #"), std::string::npos) << r.mismatches[0];
}

TEST(AxiRandom, NeedsARecordingChecker) {
  auto soc = MakeSmallSocSim({.axi_check = SocOptions::AxiCheck::kOff});
  EXPECT_THROW(RunAxiRandom(*soc, SmallSocConfig(16), {}), std::invalid_argument);
}

}  // namespace
}  // namespace edgebert::sim
