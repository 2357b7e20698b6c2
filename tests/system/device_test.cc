// The driver and the firmware end to end on a transport: the tiny ALBERT compiled for two tasks,
// loaded once (the embeddings surviving a power cycle), run through the firmware's command queue
// and interrupts, and checked against the full-model golden (results, exits, lockstep).
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "driver/firmware_hal.h"
#include "firmware/inference.h"
#include "golden/matmul_command.h"
#include "lockstep/model_device.h"
#include "model/albert_config.h"
#include "model/albert_golden.h"
#include "model/albert_program.h"
#include "model/compiler.h"
#include "model/safetensors.h"
#include "model/task_config.h"
#include "reference_accelerator.h"
#include "small_accelerator.h"
#include "tlm/golden_soc.h"
#include "workloads/sst2_sample.h"
#include "workloads/tiny_model.h"

namespace edgebert {
namespace {

constexpr int kSeqLen = sim::kTinySeqLen;

model::ModelImage CompileTiny(const model::TaskConfig& task) { return sim::CompileTinyModel(task); }
model::TaskConfig TinyTask() { return sim::TinyTask(); }
model::TaskConfig OtherTask() { return sim::OtherTinyTask(); }

// A hung accelerator: pushed commands never run and no interrupt comes. The firmware must time
// out, not hang.
class StuckTransport : public driver::Transport {
 public:
  explicit StuckTransport(driver::Transport& inner) : inner_(inner) {}
  driver::BusResponse Read(uint32_t a, std::span<uint32_t> w) override { return inner_.Read(a, w); }
  driver::BusResponse Write(uint32_t a, std::span<const uint32_t> w) override {
    if (a == regs::kMemCsrBase + regs::kCmdPushOffset) return driver::BusResponse::kOkay;
    return inner_.Write(a, w);
  }
  bool WaitForInterrupt(std::chrono::milliseconds) override { return false; }
  bool InterruptLine() override { return false; }
  void PowerCycle() override { inner_.PowerCycle(); }
  uint64_t Cycles() override { return inner_.Cycles(); }

 private:
  driver::Transport& inner_;
};

// A transport with one fault: a CSR write refused (SLVERR), a CSR read that throws (a lost
// connection), or UAB value reads refused (the firmware's logits and the lockstep's tensors).
class FaultyTransport : public driver::Transport {
 public:
  enum class Fault { kRefuseCsrWrite, kThrowOnCsrRead, kRefuseUabReads };
  FaultyTransport(driver::Transport& inner, Fault fault, uint32_t csr_offset = 0)
      : inner_(inner), fault_(fault), csr_offset_(csr_offset) {}
  driver::BusResponse Read(uint32_t a, std::span<uint32_t> w) override {
    if (fault_ == Fault::kThrowOnCsrRead && a == regs::kMemCsrBase + csr_offset_) {
      throw driver::TransportError("connection lost");
    }
    if (fault_ == Fault::kRefuseUabReads && a >= regs::kMemUabValBase &&
        a < regs::kMemUabValBase + 0x100000) {
      return driver::BusResponse::kSlvErr;
    }
    return inner_.Read(a, w);
  }
  driver::BusResponse Write(uint32_t a, std::span<const uint32_t> w) override {
    if (fault_ == Fault::kRefuseCsrWrite && a == regs::kMemCsrBase + csr_offset_) {
      return driver::BusResponse::kSlvErr;
    }
    return inner_.Write(a, w);
  }
  bool WaitForInterrupt(std::chrono::milliseconds timeout) override {
    return inner_.WaitForInterrupt(timeout);
  }
  bool InterruptLine() override { return inner_.InterruptLine(); }
  void PowerCycle() override { inner_.PowerCycle(); }
  uint64_t Cycles() override { return inner_.Cycles(); }

 private:
  driver::Transport& inner_;
  Fault fault_;
  uint32_t csr_offset_;
};

// A job of one stage holding one 16 x n x 16 MATMUL, through the firmware on `hal`.
// fn(job) for a one-stage job of one 16 x n x 16 MATMUL (the job refers to locals: use it inside).
template <typename Fn>
auto WithOneMatmul(uint32_t n, Fn fn) {
  golden::MatmulCommand matmul;
  matmul.m = 16;
  matmul.n = n;
  matmul.k = 16;
  const firmware::Command words = golden::ToDescriptor(matmul);
  const firmware::Stage stage{0, {}, std::span<const firmware::Command>(&words, 1), false};
  firmware::Job job;
  job.stages = std::span<const firmware::Stage>(&stage, 1);
  return fn(job);
}

firmware::Report RunOneMatmul(driver::FirmwareHal& hal, uint32_t n) {
  return WithOneMatmul(n,
                       [&](const firmware::Job& job) { return firmware::RunInference(hal, job); });
}

class DeviceTest : public ::testing::Test {
 protected:
  DeviceTest()
      : soc_(sim::SmallAcceleratorConfig()),
        device_(soc_),
        image_a_(CompileTiny(TinyTask())),
        image_b_(CompileTiny(OtherTask())),
        program_a_(image_a_, device_.config()),
        program_b_(image_b_, device_.config()) {}

  sim::GoldenSoc soc_;
  lockstep::ModelDevice device_;
  model::ModelImage image_a_, image_b_;
  model::AlbertProgram program_a_, program_b_;
};

TEST_F(DeviceTest, IdentifiesTheAccelerator) {
  const golden::AcceleratorConfig want = sim::SmallAcceleratorConfig();
  const golden::AcceleratorConfig got = device_.config();
  EXPECT_EQ(got.limits.lanes, want.limits.lanes);
  EXPECT_EQ(got.limits.uab_vectors, want.limits.uab_vectors);
  EXPECT_EQ(got.limits.wsram_vectors, want.limits.wsram_vectors);
  EXPECT_EQ(got.limits.aux_bytes, want.limits.aux_bytes);
  EXPECT_EQ(got.limits.reram_words, want.limits.reram_words);
  EXPECT_EQ(got.reram_value_base_word, want.reram_value_base_word);
}

TEST_F(DeviceTest, TwoTasksMatchTheGoldenAndShareTheEmbeddings) {
  golden::GoldenAccelerator gold_a(device_.config()), gold_b(device_.config());
  model::LoadModel(gold_a, program_a_);
  model::LoadModel(gold_b, program_b_);
  const auto inputs = sim::Sst2Encodings(kSeqLen, 4, 3);

  EXPECT_TRUE(device_.Load(program_a_).reram_written);
  int checked = 0;
  for (int round = 0; round < 2; ++round) {
    for (const auto* task : {&program_a_, &program_b_}) {
      // Task switch: only the encoder weights and aux blocks are written.
      const driver::LoadReport load = device_.Load(*task);
      EXPECT_FALSE(load.reram_written) << "the embeddings are already in the ReRAM";
      golden::GoldenAccelerator& gold = task == &program_a_ ? gold_a : gold_b;
      for (const model::Encoding& e : inputs) {
        const lockstep::RunResult got = device_.Run(*task, e);
        const model::GoldenResult want = model::RunGolden(gold, *task, e);
        EXPECT_EQ(got.logit_codes, want.logit_codes);
        EXPECT_EQ(got.logit_bias, want.logit_bias);
        EXPECT_EQ(got.entropies_q24, want.entropies_q24);
        EXPECT_EQ(got.exit_layer, want.exit_layer);
        EXPECT_EQ(got.layers_run, want.layers_run);
        EXPECT_EQ(got.label, want.label);
        EXPECT_EQ(got.perf.vmacs, want.vmacs);
        EXPECT_EQ(got.perf.vmacs_skipped, want.vmacs_skipped);
        EXPECT_EQ(got.perf.macs_nonzero, want.macs_nonzero);
        EXPECT_GT(got.perf.macs_nonzero, 0u);
        EXPECT_EQ(got.commands, want.commands);
        ++checked;
      }
    }
    // A power cycle loses the SRAMs but not the embeddings.
    device_.PowerCycle();
  }
  EXPECT_EQ(checked, 16);
}

TEST_F(DeviceTest, EarlyExitWhereTheGoldenPredicts) {
  device_.Load(program_a_);
  golden::GoldenAccelerator gold(device_.config());
  model::LoadModel(gold, program_a_);
  const model::Encoding e = sim::Sst2Encodings(kSeqLen, 1, 5)[0];
  model::GoldenOptions all;
  all.entropy_threshold_q24 = 0;
  const model::GoldenResult reference = model::RunGolden(gold, program_a_, e, all);
  ASSERT_EQ(reference.entropies_q24.size(), 3u);

  lockstep::RunOptions never;
  never.entropy_threshold_q24 = 0;
  const lockstep::RunResult none = device_.Run(program_a_, e, never);
  EXPECT_EQ(none.exit_layer, -1);
  EXPECT_EQ(none.layers_run, 3);

  for (int layer = 0; layer < 3; ++layer) {
    lockstep::RunOptions at;
    at.entropy_threshold_q24 = reference.entropies_q24[static_cast<size_t>(layer)] + 1;
    model::GoldenOptions golden_at;
    golden_at.entropy_threshold_q24 = at.entropy_threshold_q24;
    const model::GoldenResult want = model::RunGolden(gold, program_a_, e, golden_at);
    const lockstep::RunResult got = device_.Run(program_a_, e, at);
    EXPECT_EQ(got.exit_layer, want.exit_layer) << "threshold above layer " << layer;
    EXPECT_LE(got.exit_layer, layer);
    EXPECT_EQ(got.layers_run, got.exit_layer + 1);
    EXPECT_EQ(got.logit_codes, want.logit_codes);
  }
}

// RunOptions::layers: a run cut after layer L - 1 ends as an exit there would (what `edgebert
// dse --exit-depth` relies on); a model without off-ramps has no layer to end at but the last.
TEST_F(DeviceTest, ACutShortRunEndsAsAnExitAtItsLastLayer) {
  device_.Load(program_a_);
  const model::Encoding e = sim::Sst2Encodings(kSeqLen, 1, 5)[0];
  lockstep::RunOptions never;
  never.entropy_threshold_q24 = 0;
  const lockstep::RunResult full = device_.Run(program_a_, e, never);
  ASSERT_EQ(full.layers_run, 3);
  for (int layers = 1; layers <= 3; ++layers) {
    lockstep::RunOptions cut = never;
    cut.layers = layers;
    cut.lockstep = lockstep::Lockstep::kStage;
    const lockstep::RunResult got = device_.Run(program_a_, e, cut);
    EXPECT_TRUE(got.mismatch.empty()) << got.mismatch;
    EXPECT_EQ(got.layers_run, layers);
    EXPECT_EQ(got.exit_layer, layers < 3 ? layers - 1 : -1);
    EXPECT_EQ(got.stage_cycles.size(), static_cast<size_t>(layers) + 1);
    ASSERT_EQ(got.entropies_q24.size(), static_cast<size_t>(layers));
    EXPECT_TRUE(
        std::equal(got.entropies_q24.begin(), got.entropies_q24.end(), full.entropies_q24.begin()));
    if (layers < 3) {
      EXPECT_LT(got.cycles, full.cycles);
    }
  }
  lockstep::RunOptions none = never;
  none.layers = 0;
  EXPECT_THROW(device_.Run(program_a_, e, none), std::invalid_argument);

  model::TaskConfig no_exit = TinyTask();
  no_exit.off_ramps = model::OffRamps::kNone;
  const model::ModelImage image = CompileTiny(no_exit);
  const model::AlbertProgram program(image, device_.config());
  device_.Load(program);
  lockstep::RunOptions cut = never;
  cut.layers = 2;
  EXPECT_THROW(
      {
        try {
          device_.Run(program, e, cut);
        } catch (const std::invalid_argument& error) {
          EXPECT_NE(std::string(error.what()).find("no off-ramp"), std::string::npos)
              << error.what();
          throw;
        }
      },
      std::invalid_argument);
}

// The model-level golden's activity (model::GoldenActivity) is what the golden SoC, whose
// counters are the RTL's (golden_timing_test), counts for the same sentence, less the firmware's
// bus traffic: every event count and the busy cycles equal, the wall time shorter.
TEST_F(DeviceTest, GoldenActivityIsTheSocsCountsWithoutTheHost) {
  device_.Load(program_a_);
  for (const model::Encoding& e : sim::Sst2Encodings(kSeqLen, 3, 5)) {
    lockstep::RunOptions never;
    never.entropy_threshold_q24 = 0;
    const lockstep::RunResult soc = device_.Run(program_a_, e, never);
    golden::GoldenAccelerator gold(device_.config());
    model::LoadModel(gold, program_a_);
    model::GoldenOptions options;
    options.entropy_threshold_q24 = 0;
    options.activity_acc_rows = 2 * static_cast<uint32_t>(device_.config().limits.lanes);
    const model::GoldenResult r = model::RunGolden(gold, program_a_, e, options);
    ASSERT_TRUE(r.activity.has_value());
    const model::GoldenActivity& a = *r.activity;
    const firmware::Perf& p = soc.perf;
    EXPECT_EQ(a.busy_cycles, p.busy_cycles);
    EXPECT_EQ(a.mac_cycles, p.mac_cycles);
    EXPECT_EQ(a.vmacs, p.vmacs);
    EXPECT_EQ(a.vmacs_skipped, p.vmacs_skipped);
    EXPECT_EQ(a.stall_cycles, p.stall_cycles);
    EXPECT_EQ(a.saturations, p.saturations);
    EXPECT_EQ(a.macs_nonzero, p.macs_nonzero);
    EXPECT_EQ(a.wsram_reads, p.wsram_reads);
    EXPECT_EQ(a.uab_reads, p.uab_reads);
    EXPECT_EQ(a.uab_writes, p.uab_writes);
    EXPECT_EQ(a.aux_reads, p.aux_reads);
    EXPECT_EQ(a.aux_writes, p.aux_writes);
    EXPECT_EQ(a.gb_busy_cycles, p.gb_busy_cycles);
    EXPECT_EQ(a.reram_slc_reads, p.reram_slc_reads);
    EXPECT_EQ(a.reram_mlc2_reads, p.reram_mlc2_reads);
    EXPECT_EQ(a.reram_mlc3_reads, p.reram_mlc3_reads);
    EXPECT_GT(a.reram_mlc2_reads + a.reram_slc_reads, 0u);
    EXPECT_EQ(a.cycles, a.busy_cycles + r.commands);
    EXPECT_LT(a.cycles, soc.cycles);  // the host's traffic between commands is left out
  }
}

// The reference configuration's buffers at every n: the same bytes, which the driver reads back
// from HWCFG.
TEST(ReferenceBuffers, SameBytesAtEveryNAsTheDriverReadsThem) {
  for (const int n : {4, 8, 16, 32}) {
    const golden::AcceleratorConfig want = sim::ReferenceAcceleratorConfig(n);
    EXPECT_EQ(uint64_t{want.limits.uab_vectors} * static_cast<uint32_t>(n), 1024u * 1024u);
    EXPECT_EQ(uint64_t{want.limits.wsram_vectors} * static_cast<uint32_t>(n), 16u * 1024u * 1024u);
    sim::GoldenSoc soc(want);
    lockstep::ModelDevice device(soc);
    const golden::AcceleratorConfig got = device.config();
    EXPECT_EQ(got.limits.lanes, n);
    EXPECT_EQ(got.limits.uab_vectors, want.limits.uab_vectors) << "n = " << n;
    EXPECT_EQ(got.limits.wsram_vectors, want.limits.wsram_vectors) << "n = " << n;
    EXPECT_EQ(got.limits.aux_bytes, want.limits.aux_bytes);
    EXPECT_EQ(got.limits.reram_words, want.limits.reram_words);
  }
}

TEST_F(DeviceTest, LockstepComparesAndNamesTheFirstMismatch) {
  device_.Load(program_a_);
  const model::Encoding e = sim::Sst2Encodings(kSeqLen, 1, 2)[0];
  for (const lockstep::Lockstep mode : {lockstep::Lockstep::kStage, lockstep::Lockstep::kCommand}) {
    lockstep::RunOptions options;
    options.lockstep = mode;
    options.entropy_threshold_q24 = 0;
    const lockstep::RunResult r = device_.Run(program_a_, e, options);
    EXPECT_EQ(r.mismatch, "");
    // Every command, or per stage its last result and the hidden state.
    EXPECT_EQ(r.compared_tensors, mode == lockstep::Lockstep::kCommand ? r.commands : 2u * 4);
  }
  // One FFN weight changed on the accelerator only: the lockstep stops at its first use.
  uint32_t word = 0;
  const uint32_t address = regs::kMemWsramValBase + program_a_.load().wsram[5].base * 16;  // "ffn"
  ASSERT_EQ(program_a_.load().wsram[5].name, "ffn");
  ASSERT_EQ(soc_.Read(address, std::span<uint32_t>(&word, 1)), driver::BusResponse::kOkay);
  word ^= 0x10;
  ASSERT_EQ(soc_.Write(address, std::span<const uint32_t>(&word, 1)), driver::BusResponse::kOkay);
  lockstep::RunOptions options;
  options.lockstep = lockstep::Lockstep::kCommand;
  const lockstep::RunResult r = device_.Run(program_a_, e, options);
  EXPECT_NE(r.mismatch.find("'layer 0 ffn1'"), std::string::npos) << r.mismatch;
  EXPECT_NE(r.mismatch.find("golden"), std::string::npos) << r.mismatch;
  EXPECT_NE(r.mismatch.find("cycle"), std::string::npos) << r.mismatch;
}

TEST_F(DeviceTest, ErrorsAndTimeoutsAreReported) {
  device_.Load(program_a_);
  // A MATMUL with N = 0: the accelerator raises ERROR with BAD_SHAPE, the firmware reports it.
  driver::FirmwareHal hal(soc_);
  const firmware::Report report = RunOneMatmul(hal, 0);
  EXPECT_EQ(report.status, firmware::Status::kError);
  EXPECT_EQ(report.error_code, static_cast<uint32_t>(regs::ErrCode::kBadShape));
  EXPECT_EQ(report.error_opcode, static_cast<uint32_t>(regs::Opcode::kMatmul));
  EXPECT_EQ(report.failed_stage, 0);
  // Through the driver, the error names the cause and the opcode as the register map does.
  try {
    WithOneMatmul(0, [&](const firmware::Job& job) { return device_.device().RunJob(job); });
    FAIL() << "a MATMUL with N = 0 ran";
  } catch (const driver::DeviceError& e) {
    EXPECT_NE(std::string(e.what()).find("ERROR BAD_SHAPE (2) on MATMUL (1)"), std::string::npos)
        << e.what();
  }

  // No interrupt ever: the driver times out with a clear error instead of hanging.
  StuckTransport stuck(soc_);
  lockstep::ModelDevice device(stuck);
  lockstep::RunOptions options;
  options.timeout_ms = 10;
  try {
    device.Run(program_a_, sim::Sst2Encodings(kSeqLen, 1)[0], options);
    FAIL() << "no timeout";
  } catch (const driver::DeviceError& e) {
    EXPECT_NE(std::string(e.what()).find("no interrupt within 10 ms"), std::string::npos)
        << e.what();
  }
}

// The firmware has no exceptions: a refused CSR access comes back to it as a HalStatus and ends
// the run with kBusError; the driver's HAL keeps the access's words for the DeviceError.
// Exceptions from the transport or the lockstep observer go around the firmware, not through it.
TEST_F(DeviceTest, HalFailuresAreStatusesForTheFirmwareAndErrorsForTheDriver) {
  device_.Load(program_a_);
  const auto input = sim::Sst2Encodings(kSeqLen, 1)[0];
  const std::string refused =
      "writing CSR offset " + std::to_string(regs::kCmdPushOffset) + ": SLVERR";
  FaultyTransport no_push(soc_, FaultyTransport::Fault::kRefuseCsrWrite, regs::kCmdPushOffset);
  driver::FirmwareHal hal(no_push);
  const firmware::Report report = RunOneMatmul(hal, 16);
  EXPECT_EQ(report.status, firmware::Status::kBusError);
  EXPECT_EQ(report.failed_stage, 0);
  EXPECT_EQ(report.commands, 0u);
  EXPECT_EQ(hal.first_error(), refused);
  EXPECT_NO_THROW(hal.RethrowTransportException());

  lockstep::ModelDevice pushless(no_push);
  try {
    pushless.Run(program_a_, input);
    FAIL() << "a refused CMD_PUSH was not reported";
  } catch (const driver::DeviceError& e) {
    EXPECT_NE(std::string(e.what()).find("a bus access failed (" + refused + ") in stage 0"),
              std::string::npos)
        << e.what();
  }

  FaultyTransport lost(soc_, FaultyTransport::Fault::kThrowOnCsrRead, regs::kCmdSeqOffset);
  lockstep::ModelDevice unreachable(lost);
  EXPECT_THROW(
      {
        try {
          unreachable.Run(program_a_, input);
        } catch (const driver::TransportError& e) {
          EXPECT_EQ(std::string(e.what()), "connection lost");
          throw;
        }
      },
      driver::TransportError);

  FaultyTransport unreadable(soc_, FaultyTransport::Fault::kRefuseUabReads);
  lockstep::ModelDevice blind(unreadable);
  lockstep::RunOptions options;
  options.lockstep = lockstep::Lockstep::kStage;
  try {
    blind.Run(program_a_, input, options);
    FAIL() << "a failed lockstep read was not reported";
  } catch (const driver::DeviceError& e) {
    EXPECT_NE(std::string(e.what()).find("reading UAB vectors"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace edgebert
