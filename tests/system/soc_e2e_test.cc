// End to end on the Verilated SoC (rtl/soc, small configuration): the tiny ALBERT compiled for
// two tasks, run by the firmware through the driver, bit-exact with the full-model golden command
// by command; early exit where the golden predicts; identical results under randomized AXI
// timing and over TCP co-simulation (identical cycles too); the documented errors.
#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <future>
#include <memory>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "driver/cosim_server.h"
#include "driver/firmware_hal.h"
#include "driver/tcp_transport.h"
#include "firmware/inference.h"
#include "golden/gb_golden.h"
#include "golden/matmul_command.h"
#include "golden/reram.h"
#include "harness/soc_sim.h"
#include "lockstep/model_device.h"
#include "model/albert_config.h"
#include "model/albert_golden.h"
#include "model/albert_program.h"
#include "model/compiler.h"
#include "model/safetensors.h"
#include "model/task_config.h"
#include "regmap/edgebert_regs.h"
#include "tlm/golden_soc.h"
#include "workloads/sst2_sample.h"
#include "workloads/tiny_model.h"

namespace edgebert {
namespace {

constexpr int kSeqLen = sim::kTinySeqLen;

model::ModelImage CompileTiny(const model::TaskConfig& task) { return sim::CompileTinyModel(task); }
model::TaskConfig Task(int which) { return which == 0 ? sim::TinyTask() : sim::OtherTinyTask(); }

class SocEndToEnd : public ::testing::Test {
 public:
  static void SetUpTestSuite() {
    images_ = new std::vector<model::ModelImage>{CompileTiny(Task(0)), CompileTiny(Task(1))};
  }
  static void TearDownTestSuite() { delete images_; }

  static const model::ModelImage& image(int which) {
    return (*images_)[static_cast<size_t>(which)];
  }

  static std::vector<model::ModelImage>* images_;
};
std::vector<model::ModelImage>* SocEndToEnd::images_ = nullptr;

struct Outcome {
  std::vector<uint8_t> codes;
  std::vector<uint32_t> entropies;
  int exit_layer;
  uint64_t cycles;
  std::string mismatch;
  bool operator==(const Outcome&) const = default;
};

// The same work on any transport: both tasks, three inputs each, lockstep per command.
std::vector<Outcome> RunBoth(driver::Transport& transport, lockstep::Lockstep lockstep) {
  lockstep::ModelDevice device(transport);
  std::vector<Outcome> out;
  for (int task = 0; task < 2; ++task) {
    const model::AlbertProgram program(SocEndToEnd::image(task), device.config());
    device.Load(program);
    for (const model::Encoding& e : sim::Sst2Encodings(kSeqLen, 3, 4)) {
      lockstep::RunOptions options;
      options.lockstep = lockstep;
      const lockstep::RunResult r = device.Run(program, e, options);
      out.push_back({r.logit_codes, r.entropies_q24, r.exit_layer, r.cycles, r.mismatch});
    }
  }
  return out;
}

TEST_F(SocEndToEnd, RtlMatchesTheGoldenCommandByCommandForTwoTasks) {
  auto soc = sim::MakeSmallSoc();
  const std::vector<Outcome> rtl = RunBoth(*soc, lockstep::Lockstep::kCommand);
  ASSERT_EQ(rtl.size(), 6u);
  // And the golden's own answers, independently of the lockstep.
  lockstep::ModelDevice device(*soc);
  for (int task = 0; task < 2; ++task) {
    const model::AlbertProgram program(image(task), device.config());
    golden::GoldenAccelerator gold(device.config());
    model::LoadModel(gold, program);
    const auto inputs = sim::Sst2Encodings(kSeqLen, 3, 4);
    for (size_t i = 0; i < inputs.size(); ++i) {
      const Outcome& got = rtl[static_cast<size_t>(task) * 3 + i];
      EXPECT_EQ(got.mismatch, "");
      const model::GoldenResult want = model::RunGolden(gold, program, inputs[i]);
      EXPECT_EQ(got.codes, want.logit_codes);
      EXPECT_EQ(got.entropies, want.entropies_q24);
      EXPECT_EQ(got.exit_layer, want.exit_layer);
    }
  }
}

TEST_F(SocEndToEnd, EarlyExitAtTheGoldensLayerAndNoneAtThresholdZero) {
  auto soc = sim::MakeSmallSoc();
  lockstep::ModelDevice device(*soc);
  const model::AlbertProgram program(image(0), device.config());
  device.Load(program);
  golden::GoldenAccelerator gold(device.config());
  model::LoadModel(gold, program);
  const model::Encoding e = sim::Sst2Encodings(kSeqLen, 1, 5)[0];
  model::GoldenOptions all;
  all.entropy_threshold_q24 = 0;
  const model::GoldenResult reference = model::RunGolden(gold, program, e, all);

  lockstep::RunOptions zero;
  zero.entropy_threshold_q24 = 0;
  const lockstep::RunResult none = device.Run(program, e, zero);
  EXPECT_EQ(none.exit_layer, -1);
  EXPECT_EQ(none.layers_run, 3);
  EXPECT_EQ(none.entropies_q24, reference.entropies_q24);

  // Just above layer 1's entropy: the golden says where to stop, the RTL must agree.
  lockstep::RunOptions at;
  at.entropy_threshold_q24 = reference.entropies_q24[1] + 1;
  model::GoldenOptions golden_at;
  golden_at.entropy_threshold_q24 = at.entropy_threshold_q24;
  const model::GoldenResult want = model::RunGolden(gold, program, e, golden_at);
  const lockstep::RunResult got = device.Run(program, e, at);
  ASSERT_GE(want.exit_layer, 0);
  EXPECT_EQ(got.exit_layer, want.exit_layer);
  EXPECT_EQ(got.layers_run, want.exit_layer + 1);
  EXPECT_EQ(got.logit_codes, want.logit_codes);
  EXPECT_LT(got.cycles, none.cycles) << "exiting early saves cycles";
  // The interrupt monitor saw the line rise for every interrupt the firmware took, and no more
  // than one per IRQ-flagged command or cause.
  auto* monitored = dynamic_cast<sim::SocTransport*>(soc.get());
  ASSERT_NE(monitored, nullptr);
  EXPECT_GT(got.interrupts, 0u);
  EXPECT_GE(monitored->InterruptEdges().size(), none.interrupts + got.interrupts);
}

TEST_F(SocEndToEnd, RandomizedAxiTimingGivesIdenticalResults) {
  auto fixed = sim::MakeSmallSoc();
  sim::SocOptions options;
  options.axi_seed = 12345;
  auto random = sim::MakeSmallSoc(options);
  std::vector<Outcome> a = RunBoth(*fixed, lockstep::Lockstep::kNone);
  std::vector<Outcome> b = RunBoth(*random, lockstep::Lockstep::kNone);
  uint64_t cycles_a = 0, cycles_b = 0;
  for (auto* v : {&a, &b}) {
    for (Outcome& o : *v) {
      (v == &a ? cycles_a : cycles_b) += o.cycles;
      o.cycles = 0;
    }
  }
  EXPECT_EQ(a, b);
  EXPECT_GT(cycles_b, cycles_a) << "random valid/ready delays cost bus cycles";
}

TEST_F(SocEndToEnd, TcpCosimulationGivesIdenticalResultsAndCycles) {
  auto local = sim::MakeSmallSoc();
  const std::vector<Outcome> inproc = RunBoth(*local, lockstep::Lockstep::kStage);

  // The server thread builds and owns its SoC (Verilator's one-thread rule).
  std::promise<uint16_t> port;
  std::promise<void> dropped;
  driver::CosimServer* server = nullptr;
  std::thread serving([&] {
    auto soc = sim::MakeSmallSoc();
    driver::CosimServer::Options options;
    bool first = true;
    options.on_event = [&](const driver::CosimServerEvent& e) {
      if (e.kind == driver::CosimServerEvent::Kind::kClosed && first) {
        first = false;
        dropped.set_value();
      }
    };
    driver::CosimServer s(*soc, options);
    server = &s;
    port.set_value(s.port());
    s.Run();
  });
  const uint16_t p = port.get_future().get();
  {
    // A client that drops mid-frame first: the server must go on serving.
    boost::asio::io_context io;
    boost::asio::ip::tcp::socket raw(io);
    raw.connect({boost::asio::ip::make_address("127.0.0.1"), p});
    const uint8_t half_frame[3] = {40, 0, 0};
    boost::asio::write(raw, boost::asio::buffer(half_frame));
    raw.close();
  }
  dropped.get_future().wait();  // the server noticed, and serves the next client
  std::vector<Outcome> remote;
  try {
    driver::TcpTransport tcp("127.0.0.1", p);
    remote = RunBoth(tcp, lockstep::Lockstep::kStage);
    // The documented bus errors cross the socket.
    uint32_t word = 0;
    EXPECT_EQ(tcp.Read(0x0F000000, std::span<uint32_t>(&word, 1)), driver::BusResponse::kDecErr);
  } catch (const std::exception& e) {
    ADD_FAILURE() << "over TCP: " << e.what();
  }
  server->Stop();
  serving.join();
  EXPECT_EQ(remote, inproc);
}

TEST_F(SocEndToEnd, BadCommandRaisesErrorCauseAndATimeoutIsReported) {
  auto soc = sim::MakeSmallSoc();
  lockstep::ModelDevice device(*soc);
  const model::AlbertProgram program(image(0), device.config());
  device.Load(program);
  golden::MatmulCommand bad;
  bad.m = 16;
  bad.n = 16;
  bad.k = 24;  // not a multiple of n
  const firmware::Command words = golden::ToDescriptor(bad);
  const firmware::Stage stage{0, {}, std::span<const firmware::Command>(&words, 1), false};
  firmware::Job job;
  job.stages = std::span<const firmware::Stage>(&stage, 1);
  job.timeout_ms = 2000;
  driver::FirmwareHal hal(*soc);
  const firmware::Report report = firmware::RunInference(hal, job);
  EXPECT_EQ(report.status, firmware::Status::kError);
  EXPECT_EQ(report.error_code, static_cast<uint32_t>(regs::ErrCode::kBadShape));
  EXPECT_EQ(report.error_opcode, static_cast<uint32_t>(regs::Opcode::kMatmul));
  // The accelerator is usable again afterwards: a real inference still matches.
  lockstep::RunOptions options;
  options.lockstep = lockstep::Lockstep::kStage;
  const lockstep::RunResult r = device.Run(program, sim::Sst2Encodings(kSeqLen, 1)[0], options);
  EXPECT_EQ(r.mismatch, "");

  // A sequencer that never starts (CTRL.ENABLE cleared behind the firmware's back is not
  // possible: the firmware sets it) — instead a queue that never drains: the driver's timeout.
  sim::SocOptions slow;
  slow.max_wait_cycles = 10;  // WaitForInterrupt gives up after 10 cycles
  auto impatient = sim::MakeSmallSoc(slow);
  lockstep::ModelDevice hurried(*impatient);
  hurried.Load(program);
  lockstep::RunOptions quick;
  quick.timeout_ms = 50;
  try {
    hurried.Run(program, sim::Sst2Encodings(kSeqLen, 1)[0], quick);
    FAIL() << "no timeout";
  } catch (const driver::DeviceError& e) {
    EXPECT_NE(std::string(e.what()).find("no interrupt within 50 ms"), std::string::npos)
        << e.what();
  }
}

TEST_F(SocEndToEnd, EmbeddingsSurviveAPowerCycleAndAreNotReloaded) {
  auto soc = sim::MakeSmallSoc();
  lockstep::ModelDevice device(*soc);
  const model::AlbertProgram a(image(0), device.config()), b(image(1), device.config());
  EXPECT_TRUE(device.Load(a).reram_written);
  device.PowerCycle();
  const driver::LoadReport load = device.Load(b);  // task switch after a power cycle
  EXPECT_FALSE(load.reram_written);
  lockstep::RunOptions options;
  options.lockstep = lockstep::Lockstep::kStage;
  const lockstep::RunResult r = device.Run(b, sim::Sst2Encodings(kSeqLen, 1, 7)[0], options);
  EXPECT_EQ(r.mismatch, "");
  EXPECT_GT(r.compared_tensors, 0u);
}

// ReRAM fault modes: with seeded level faults on (MLC3 and SLC cells) the RTL still equals the
// golden command by command, the faults change what GATHER reads (so the check is not vacuous),
// and the driver writes the settings again after a power cycle.
TEST_F(SocEndToEnd, ReramFaultModesStayBitExactAndChangeTheEmbeddings) {
  auto soc = sim::MakeSmallSoc();
  lockstep::ModelDevice device(*soc);
  const model::AlbertProgram program(image(0), device.config());
  device.Load(program);
  const model::Encoding input = sim::Sst2Encodings(kSeqLen, 1, 2)[0];
  lockstep::RunOptions options;
  options.lockstep = lockstep::Lockstep::kCommand;
  const lockstep::RunResult clean = device.Run(program, input, options);
  ASSERT_EQ(clean.mismatch, "");
  for (const golden::CellMode mode : {golden::CellMode::kMlc3, golden::CellMode::kSlc}) {
    golden::ReramReadSettings faulty;
    faulty.mode = mode;
    faulty.fault_en = true;
    faulty.seed = 5;
    device.SetReram(faulty);
    const lockstep::RunResult r = device.Run(program, input, options);
    EXPECT_EQ(r.mismatch, "") << "mode " << static_cast<int>(mode);
    EXPECT_GT(r.compared_tensors, 0u);
    if (mode == golden::CellMode::kMlc3) {
      EXPECT_NE(r.entropies_q24, clean.entropies_q24) << "MLC3 faults changed nothing";
    }
  }
  device.PowerCycle();
  EXPECT_TRUE(device.reram().fault_en);
  uint32_t ctrl = 0, seed = 0;
  ASSERT_EQ(soc->Read(regs::kReramCtrlOffset, std::span<uint32_t>(&ctrl, 1)),
            driver::BusResponse::kOkay);
  ASSERT_EQ(soc->Read(regs::kReramSeedOffset, std::span<uint32_t>(&seed, 1)),
            driver::BusResponse::kOkay);
  EXPECT_EQ(regs::Get(regs::reram_ctrl::kFaultEn, ctrl), 1u);
  EXPECT_EQ(regs::Get(regs::reram_ctrl::kValueMode, ctrl),
            static_cast<uint32_t>(golden::CellMode::kSlc));
  EXPECT_EQ(seed, 5u);
}

// The second lane count: the tiny model compiled for n = 8 on the n = 8 SoC, command by command.
TEST_F(SocEndToEnd, LanesEightMatchesTheGolden) {
  sim::SocOptions options;
  options.lanes = 8;
  auto soc = sim::MakeSmallSoc(options);
  lockstep::ModelDevice device(*soc);
  EXPECT_EQ(device.config().limits.lanes, 8);
  const model::ModelImage image = sim::CompileTinyModel(sim::OtherTinyTask(), 8);
  const model::AlbertProgram program(image, device.config());
  device.Load(program);
  golden::GoldenAccelerator gold(device.config());
  model::LoadModel(gold, program);
  for (const model::Encoding& e : sim::Sst2Encodings(kSeqLen, 2, 8)) {
    lockstep::RunOptions run;
    run.lockstep = lockstep::Lockstep::kCommand;
    const lockstep::RunResult got = device.Run(program, e, run);
    EXPECT_EQ(got.mismatch, "");
    const model::GoldenResult want = model::RunGolden(gold, program, e);
    EXPECT_EQ(got.logit_codes, want.logit_codes);
    EXPECT_EQ(got.entropies_q24, want.entropies_q24);
    EXPECT_EQ(got.exit_layer, want.exit_layer);
  }
  // A model compiled for n = 16 does not fit it.
  EXPECT_THROW(model::AlbertProgram(SocEndToEnd::image(0), device.config()), std::invalid_argument);
}

// Backdoor model loads put the same bits where AXI would, in far fewer cycles, and the inference
// that follows is identical, cycle for cycle.
TEST_F(SocEndToEnd, BackdoorLoadsEqualAxiLoads) {
  auto axi = sim::MakeSmallSocSim();
  sim::SocOptions options;
  options.backdoor = true;
  auto backdoor = sim::MakeSmallSocSim(options);
  lockstep::ModelDevice over_axi(*axi), direct(*backdoor);
  const model::AlbertProgram program(image(1), over_axi.config());
  const driver::LoadReport slow = over_axi.Load(program);
  const driver::LoadReport fast = direct.Load(program);
  EXPECT_TRUE(fast.reram_written);
  // What is left of the backdoor load is the driver reading the ReRAM back over AXI (to see
  // whether the embeddings are already there).
  EXPECT_LT(fast.cycles * 5, slow.cycles) << "backdoor " << fast.cycles << ", AXI " << slow.cycles;
  // Every loaded word reads back the same over AXI from both.
  auto same = [&](uint32_t address, size_t words) {
    std::vector<uint32_t> a(words), b(words);
    EXPECT_EQ(axi->Read(address, a), driver::BusResponse::kOkay);
    EXPECT_EQ(backdoor->Read(address, b), driver::BusResponse::kOkay);
    EXPECT_EQ(a, b) << "at " << address;
  };
  for (const model::WsramTensor& t : program.load().wsram) {
    const auto vectors = static_cast<size_t>(t.rows) * t.stride;
    same(regs::kMemWsramValBase + t.base * 16, vectors * 4);
    same(regs::kMemWsramMaskBase + t.base * 4, vectors);
  }
  for (const model::AuxBlock& b : program.load().aux) {
    same(regs::kMemAuxBase + b.address, (b.bytes.size() + 3) / 4);
  }
  for (const model::ReramTable& t : program.load().reram) {
    same(regs::kMemReramBase + 4 * t.base_word, t.table.SlcWords());
    same(regs::kMemReramBase + 4 * t.value_word, t.table.ValueWords());
  }
  backdoor->SetBackdoor(false);
  const model::Encoding e = sim::Sst2Encodings(kSeqLen, 1, 9)[0];
  lockstep::RunOptions run;
  run.lockstep = lockstep::Lockstep::kStage;
  const lockstep::RunResult a = over_axi.Run(program, e, run);
  const lockstep::RunResult b = direct.Run(program, e, run);
  EXPECT_EQ(a.mismatch, "");
  EXPECT_EQ(b.mismatch, "");
  EXPECT_EQ(a.logit_codes, b.logit_codes);
  EXPECT_EQ(a.entropies_q24, b.entropies_q24);
  EXPECT_EQ(a.cycles, b.cycles);
}

// The transaction-level golden SoC is the RTL's register-level twin: the same accesses give the
// same register values (counters and cycle-dependent values aside).
TEST_F(SocEndToEnd, GoldenSocAgreesWithTheRtlOnRegisters) {
  auto rtl = sim::MakeSmallSoc();
  sim::GoldenSoc tlm(sim::SmallSocConfig());
  auto read = [](driver::Transport& t, uint32_t offset) {
    uint32_t v = 0;
    const auto r = t.Read(regs::kMemCsrBase + offset, std::span<uint32_t>(&v, 1));
    return std::pair{r, v};
  };
  auto write = [](driver::Transport& t, uint32_t offset, uint32_t value) {
    return t.Write(regs::kMemCsrBase + offset, std::span<const uint32_t>(&value, 1));
  };
  auto compare_all = [&](const std::string& when) {
    for (const regs::RegisterInfo& r : regs::kRegisters) {
      if (std::string(r.name).starts_with("PERF")) continue;
      EXPECT_EQ(read(*rtl, r.offset), read(tlm, r.offset)) << r.name << " " << when;
    }
  };
  compare_all("after reset");
  for (const regs::RegisterInfo& r : regs::kRegisters) {
    if (r.offset == regs::kCmdPushOffset || r.offset == regs::kCtrlOffset ||
        std::string(r.name).starts_with("PERF")) {
      continue;
    }
    EXPECT_EQ(write(*rtl, r.offset, 0xA5A5A5A5u), write(tlm, r.offset, 0xA5A5A5A5u)) << r.name;
  }
  compare_all("after writing every register");
  // A failing command: ERROR, its cause and sequence number, HALTED, the queue empty.
  write(*rtl, regs::kIntrStateOffset, 7);
  write(tlm, regs::kIntrStateOffset, 7);
  golden::MatmulCommand bad;
  bad.m = 16;
  bad.n = 16;
  bad.k = 24;
  const golden::Descriptor words = golden::ToDescriptor(bad);
  for (driver::Transport* t :
       {static_cast<driver::Transport*>(rtl.get()), static_cast<driver::Transport*>(&tlm)}) {
    for (uint32_t i = 0; i < regs::kCommandWords; ++i) write(*t, regs::kCmdDataOffset(i), words[i]);
    write(*t, regs::kCmdPushOffset, 1);
    t->WaitForInterrupt(std::chrono::milliseconds(1000));
  }
  compare_all("after a failing command");
  uint32_t address = 0x0F000000, word = 0;
  EXPECT_EQ(rtl->Read(address, std::span<uint32_t>(&word, 1)),
            tlm.Read(address, std::span<uint32_t>(&word, 1)))
      << "unmapped: DECERR";
  address = regs::kMemCsrBase + 0xFFC;
  EXPECT_EQ(rtl->Read(address, std::span<uint32_t>(&word, 1)),
            tlm.Read(address, std::span<uint32_t>(&word, 1)))
      << "reserved CSR offset";
}

}  // namespace
}  // namespace edgebert
