// Reset and abort in mid-flight on the Verilated SoC (issue 15 item 3): a power cycle at a random
// cycle of an inference or of an AXI burst, and CTRL.ABORT at a random cycle of an inference
// (commands queued and one executing), each followed by a clean inference that must be bit-exact
// (stage lockstep) and give the same logits as before. A power cycle keeps the ReRAM (the driver
// finds its embeddings and does not rewrite them); ABORT keeps everything.
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "driver/device.h"
#include "harness/soc_sim.h"
#include "harness/soc_transport_proxy.h"
#include "lockstep/model_device.h"
#include "model/albert_program.h"
#include "regmap/edgebert_regs.h"
#include "workloads/sst2_sample.h"
#include "workloads/tiny_model.h"

namespace edgebert {
namespace {

using driver::BusResponse;

constexpr int kSeqLen = sim::kTinySeqLen;
constexpr uint32_t kReramWordsChecked = 4096;

uint32_t Bit(regs::Field f) { return regs::Set(f, 0, 1); }

// Passes everything through until cycle `at`; the first WaitForInterrupt that would run past it
// runs to it, then power-cycles the SoC or aborts what it is doing, and reports no interrupt
// (the firmware times out, as it would on a device that went away).
class CutSoc : public sim::SocTransportProxy {
 public:
  enum class Cut { kPowerCycle, kAbort };
  explicit CutSoc(std::unique_ptr<sim::SocTransport> inner) : SocTransportProxy(std::move(inner)) {}

  void Arm(uint64_t at, Cut cut) {
    at_ = at;
    cut_ = cut;
    cut_cycle_.reset();
  }
  std::optional<uint64_t> cut_cycle() const { return cut_cycle_; }
  // STATUS at the moment of the cut.
  uint32_t status_at_cut() const { return status_at_cut_; }

  bool WaitForInterrupt(std::chrono::milliseconds timeout) override {
    if (!at_) return inner().WaitForInterrupt(timeout);
    if (inner().Cycles() < *at_) {
      // Run to the cut unless the interrupt comes first.
      while (inner().Cycles() < *at_) {
        if (inner().InterruptLine()) return true;
        inner().Run(1);
      }
    }
    cut_cycle_ = inner().Cycles();
    at_.reset();
    status_at_cut_ = ReadReg(regs::kStatusOffset);
    if (cut_ == Cut::kPowerCycle) {
      inner().PowerCycle();
    } else {
      WriteReg(regs::kCtrlOffset, Bit(regs::ctrl::kEnable) | Bit(regs::ctrl::kAbort));
      for (int i = 0; i < 100'000 && regs::Get(regs::status::kBusy, ReadReg(regs::kStatusOffset));
           ++i) {
        inner().Run(16);
      }
    }
    return false;
  }

  uint32_t ReadReg(uint32_t offset) {
    uint32_t v = 0;
    EXPECT_EQ(inner().Read(offset, std::span<uint32_t>(&v, 1)), BusResponse::kOkay);
    return v;
  }
  void WriteReg(uint32_t offset, uint32_t value) {
    EXPECT_EQ(inner().Write(offset, std::span<const uint32_t>(&value, 1)), BusResponse::kOkay);
  }

 private:
  std::optional<uint64_t> at_;
  Cut cut_ = Cut::kPowerCycle;
  std::optional<uint64_t> cut_cycle_;
  uint32_t status_at_cut_ = 0;
};

class ResetAbortTest : public ::testing::Test {
 protected:
  ResetAbortTest()
      : soc_(sim::MakeSmallSocSim()),
        device_(soc_),
        program_(sim::CompileTinyModel(sim::TinyTask()), device_.config()),
        input_(sim::Sst2Encodings(kSeqLen, 1, 11)[0]) {}

  lockstep::RunResult Run() {
    lockstep::RunOptions options;
    options.lockstep = lockstep::Lockstep::kStage;
    options.timeout_ms = 60'000;
    return device_.Run(program_, input_, options);
  }

  std::vector<uint32_t> ReramWords() {
    std::vector<uint32_t> words(kReramWordsChecked);
    EXPECT_EQ(soc_.Read(regs::kMemReramBase, words), BusResponse::kOkay);
    return words;
  }

  // The clean inference after a cut: bit-exact, and the logits of the uncut run.
  void ExpectCleanRun(const lockstep::RunResult& reference) {
    const lockstep::RunResult again = Run();
    EXPECT_EQ(again.mismatch, "");
    EXPECT_GT(again.compared_tensors, 0u);
    EXPECT_EQ(again.logit_codes, reference.logit_codes);
    EXPECT_EQ(again.exit_layer, reference.exit_layer);
    EXPECT_EQ(again.entropies_q24, reference.entropies_q24);
  }

  CutSoc soc_;
  lockstep::ModelDevice device_;
  model::AlbertProgram program_;
  model::Encoding input_;
};

TEST_F(ResetAbortTest, PowerCycleInAnInferenceKeepsTheReramAndTheNextRunIsBitExact) {
  ASSERT_TRUE(device_.Load(program_).reram_written);
  const lockstep::RunResult reference = Run();
  ASSERT_EQ(reference.mismatch, "");
  const std::vector<uint32_t> reram = ReramWords();
  std::mt19937_64 rng(15);
  for (int trial = 0; trial < 4; ++trial) {
    SCOPED_TRACE("trial " + std::to_string(trial));
    const uint64_t start = soc_.Cycles();
    const uint64_t at = start + 1 + rng() % reference.cycles;
    soc_.Arm(at, CutSoc::Cut::kPowerCycle);
    EXPECT_THROW(Run(), driver::DeviceError);
    ASSERT_TRUE(soc_.cut_cycle().has_value());
    EXPECT_GE(*soc_.cut_cycle(), at);
    EXPECT_EQ(soc_.axi_checker()->TotalViolations(), 0u);
    EXPECT_EQ(ReramWords(), reram) << "the ReRAM survives a power cycle";
    EXPECT_FALSE(device_.Load(program_).reram_written) << "the driver finds the embeddings";
    ExpectCleanRun(reference);
  }
}

TEST_F(ResetAbortTest, AbortWithCommandsQueuedAndInFlightThenTheNextRunIsBitExact) {
  ASSERT_TRUE(device_.Load(program_).reram_written);
  const lockstep::RunResult reference = Run();
  ASSERT_EQ(reference.mismatch, "");
  std::mt19937_64 rng(16);
  int busy_and_queued = 0;
  for (int trial = 0; trial < 6; ++trial) {
    SCOPED_TRACE("trial " + std::to_string(trial));
    const uint64_t at = soc_.Cycles() + 1 + rng() % reference.cycles;
    soc_.Arm(at, CutSoc::Cut::kAbort);
    EXPECT_THROW(Run(), driver::DeviceError);
    ASSERT_TRUE(soc_.cut_cycle().has_value());
    const uint32_t before = soc_.status_at_cut();
    if (regs::Get(regs::status::kBusy, before) && !regs::Get(regs::status::kCmdqEmpty, before)) {
      ++busy_and_queued;
    }
    // Afterwards: idle, nothing queued, the aborted command's end not reported.
    const uint32_t after = soc_.ReadReg(regs::kStatusOffset);
    EXPECT_EQ(regs::Get(regs::status::kBusy, after), 0u);
    EXPECT_EQ(regs::Get(regs::status::kCmdqEmpty, after), 1u);
    EXPECT_EQ(regs::Get(regs::intr_state::kError, soc_.ReadReg(regs::kIntrStateOffset)), 0u);
    // Nothing was lost: the same program runs again without a reload.
    ExpectCleanRun(reference);
  }
  EXPECT_GT(busy_and_queued, 0) << "some aborts hit a command executing with more queued";
}

// A power cycle in the middle of a write or read burst: the bus and the checker start afresh,
// the ReRAM keeps every word written before (and each word of the cut burst is old or new, never
// a mix), and a model loads and runs bit-exact.
TEST_F(ResetAbortTest, PowerCycleInABurst) {
  std::mt19937_64 rng(17);
  std::vector<uint32_t> old_words(512);
  for (auto& w : old_words) w = static_cast<uint32_t>(rng());
  ASSERT_EQ(soc_.Write(regs::kMemReramBase + 0x8000, old_words), BusResponse::kOkay);
  for (int trial = 0; trial < 8; ++trial) {
    SCOPED_TRACE("trial " + std::to_string(trial));
    const bool write = trial % 2 == 0;
    const uint32_t address = regs::kMemReramBase + 0x8000 + 8 * static_cast<uint32_t>(rng() % 64);
    const sim::AxiAddressChannel a{.valid = true,
                                   .id = static_cast<uint8_t>(trial),
                                   .addr = address,
                                   .len = 127,
                                   .size = 3,
                                   .burst = sim::kAxiBurstIncr};
    std::vector<uint64_t> data(128);
    for (auto& d : data) d = rng();
    const uint64_t cut_after = 1 + rng() % 400;  // a 128-beat burst takes about 520 cycles
    uint32_t sent = 0;
    bool address_taken = false;
    for (uint64_t c = 0; c < cut_after; ++c) {
      sim::AxiMasterSignals m;
      if (!address_taken) (write ? m.aw : m.ar) = a;
      if (write && sent < data.size()) {
        m.w_valid = true;
        m.w_data = data[sent];
        m.w_strb = 0xFF;
        m.w_last = sent + 1 == data.size();
      }
      m.r_ready = true;
      m.b_ready = true;
      const sim::AxiSlaveSignals s = soc_.Cycle(m);
      address_taken |= write ? (m.aw.valid && s.aw_ready) : (m.ar.valid && s.ar_ready);
      if (m.w_valid && s.w_ready) ++sent;
    }
    soc_.PowerCycle();
    // Each ReRAM word: as before the burst, or as the burst wrote it.
    std::vector<uint32_t> now(old_words.size());
    ASSERT_EQ(soc_.Read(regs::kMemReramBase + 0x8000, now), BusResponse::kOkay);
    for (size_t i = 0; i < now.size(); ++i) {
      const uint32_t byte = 0x8000 + 4 * static_cast<uint32_t>(i);
      const uint32_t first = address - regs::kMemReramBase;
      bool matches = now[i] == old_words[i];
      if (write && byte >= first && byte < first + 8 * sent) {
        const uint64_t beat = data[(byte - first) / 8];
        const uint32_t fresh = static_cast<uint32_t>(beat >> (((byte - first) % 8) * 8));
        if (now[i] == fresh) {
          matches = true;
          old_words[i] = fresh;  // the next trial's "before"
        }
      }
      EXPECT_TRUE(matches) << "ReRAM word " << i << " = 0x" << std::hex << now[i];
    }
    // The bus works: a register and the aux buffer (lost by the reset) answer as after reset.
    EXPECT_EQ(soc_.ReadReg(regs::kScratchOffset), 0u);
    soc_.WriteReg(regs::kScratchOffset, 0xC0FFEE00u + static_cast<uint32_t>(trial));
    EXPECT_EQ(soc_.ReadReg(regs::kScratchOffset), 0xC0FFEE00u + static_cast<uint32_t>(trial));
  }
  EXPECT_EQ(soc_.axi_checker()->TotalViolations(), 0u);
  // A model loads and runs bit-exact after all that.
  device_.Load(program_);
  const lockstep::RunResult r = Run();
  EXPECT_EQ(r.mismatch, "");
  EXPECT_GT(r.compared_tensors, 0u);
}

}  // namespace
}  // namespace edgebert
