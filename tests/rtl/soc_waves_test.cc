// Run-time waveform control of the small SoC (sim/harness/soc_sim.h: MakeSmallSocTraced,
// SocOptions::waves): the traced model writes an FST file holding only the cycle window
// [start_cycle, stop_cycle) (checked through the FST header's start/end times, its signal count
// under a depth limit and its size), refuses a file it cannot create, the untraced factories
// refuse waves, and the traced model computes exactly what the untraced one does (register and
// memory reads, cycle counts). The command window [first_op, last_op] (CMD_SEQ) is checked the
// same way against the cycles at which CMD_SEQ steps, known from the interrupt monitor, and
// against the equivalent cycle window, through the harness's count of dumped cycles.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <regex>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "Vedgebert_soc_small_traced.h"
#include "Vedgebert_soc_small_traced___024root.h"
#include "driver/transport.h"
#include "harness/soc_harness.h"
#include "harness/soc_sim.h"
#include "harness/wave_scopes.h"
#include "regmap/edgebert_regs.h"

namespace edgebert {
namespace {

using driver::BusResponse;
using sim::SocOptions;
using sim::SocTransport;

// What a run observed: every word read back and the cycle count at each step.
struct Trace {
  std::vector<uint32_t> reads;
  std::vector<uint64_t> cycles;
  bool operator==(const Trace&) const = default;
};

// Register writes and reads, a memory burst out and back (UAB and aux), idle cycles.
Trace Traffic(SocTransport& soc) {
  Trace t;
  auto write = [&](uint32_t address, std::vector<uint32_t> words) {
    EXPECT_EQ(soc.Write(address, words), BusResponse::kOkay) << "write at " << address;
    t.cycles.push_back(soc.Cycles());
  };
  auto read = [&](uint32_t address, size_t count) {
    std::vector<uint32_t> words(count);
    EXPECT_EQ(soc.Read(address, words), BusResponse::kOkay) << "read at " << address;
    t.reads.insert(t.reads.end(), words.begin(), words.end());
    t.cycles.push_back(soc.Cycles());
  };
  write(regs::kScratchOffset, {0xC0FFEE11});
  write(regs::kIntrEnableOffset, {7});
  write(regs::kEntropyThresholdOffset, {0x00012345});
  std::vector<uint32_t> burst(96);
  for (size_t i = 0; i < burst.size(); ++i) burst[i] = 0x9E3779B9u * static_cast<uint32_t>(i + 1);
  write(regs::kMemUabValBase + 0x40, burst);
  write(regs::kMemAuxBase + 0x104, std::vector<uint32_t>(burst.begin(), burst.begin() + 21));
  soc.Run(50);
  read(regs::kScratchOffset, 1);
  read(regs::kIntrEnableOffset, 1);
  read(regs::kEntropyThresholdOffset, 1);
  read(regs::kStatusOffset, 1);
  read(regs::kMemUabValBase + 0x40, burst.size());
  read(regs::kMemAuxBase + 0x104, 21);
  return t;
}

// Commands() runs this many commands, one at a time.
constexpr uint32_t kCommands = 8;

// Runs kCommands commands through the queue, each with its IRQ flag: even ones NOPs, odd ones
// FILLs of 8 rows x 64 columns of the UAB (some cycles in flight), with idle gaps of different
// lengths before and after each clear of INTR_STATE.DONE. Returns, for command k, the Cycles()
// value of the first cycle that starts with CMD_SEQ = k + 1: the interrupt monitor's edge k
// (soc_csr sets DONE and steps CMD_SEQ at the same clock edge, and irq_o is |(INTR_STATE &
// INTR_ENABLE) from those flops; CMD_SEQ is read back after each command to confirm the step).
std::vector<uint64_t> Commands(SocTransport& soc) {
  auto set = [&](uint32_t offset, uint32_t value) {
    EXPECT_EQ(soc.Write(offset, {&value, 1}), BusResponse::kOkay) << "write of CSR " << offset;
  };
  auto get = [&](uint32_t offset) {
    uint32_t value = 0;
    EXPECT_EQ(soc.Read(offset, {&value, 1}), BusResponse::kOkay) << "read of CSR " << offset;
    return value;
  };
  const uint32_t done = regs::Set(regs::intr_state::kDone, 0, 1);
  set(regs::kIntrEnableOffset,
      done | regs::Set(regs::intr_enable::kError, 0, 1));  // an error would end the wait too
  const size_t edges_before = soc.InterruptEdges().size();
  for (uint32_t k = 0; k < kCommands; ++k) {
    std::array<uint32_t, regs::kCommandWords> d{};
    d[0] = regs::Set(regs::cmd::kIrq, 0, 1);
    if (k % 2 == 1) {
      d[0] = regs::Set(regs::cmd::kOpcode, d[0], static_cast<uint32_t>(regs::Opcode::kFill));
      d[1] = regs::Set(regs::cmd::fill::kCols, regs::Set(regs::cmd::fill::kRows, 0, 8), 64);
      d[2] = regs::Set(regs::cmd::fill::kValue, 0, 0x40 + k);
      d[8] = regs::Set(regs::cmd::fill::kDstAddr, 0, 64 * k);
      d[9] = regs::Set(regs::cmd::fill::kDstStride, 0, 4);
    }
    EXPECT_EQ(soc.Write(regs::kCmdDataOffset(0), d), BusResponse::kOkay);
    set(regs::kCmdPushOffset, 1);
    EXPECT_TRUE(soc.WaitForInterrupt(std::chrono::seconds(20))) << "command " << k;
    soc.Run(5 + 3 * k);
    EXPECT_EQ(get(regs::kIntrStateOffset), done) << "command " << k << " ended without error";
    EXPECT_EQ(get(regs::kCmdSeqOffset), k + 1);
    set(regs::kIntrStateOffset, done);
    soc.Run(11 - k);
  }
  const std::vector<uint64_t>& all = soc.InterruptEdges();
  EXPECT_EQ(all.size(), edges_before + kCommands) << "one DONE edge per command";
  std::vector<uint64_t> edges(all.begin() + static_cast<std::ptrdiff_t>(edges_before), all.end());
  for (size_t k = 1; k < edges.size(); ++k) {
    EXPECT_GT(edges[k], edges[k - 1] + 20) << "commands are apart";
  }
  return edges;
}

// The traced harness behind a MakeSmallSocTracedSim with a wave file.
using TracedHarness = sim::SocHarness<Vedgebert_soc_small_traced>;
TracedHarness& Traced(SocTransport& soc) {
  auto* harness = dynamic_cast<TracedHarness*>(&soc);
  if (harness == nullptr) throw std::logic_error("not the traced SoC");
  return *harness;
}

class SocWavesTest : public ::testing::Test {
 protected:
  std::string Path(const std::string& name) {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    const std::filesystem::path p =
        std::filesystem::path(::testing::TempDir()) /
        ("soc_waves_" + std::to_string(::getpid()) + "_" + info->name() + "_" + name + ".fst");
    files_.push_back(p);
    std::filesystem::remove(p);
    return p.string();
  }
  ~SocWavesTest() override {
    for (const auto& p : files_) std::filesystem::remove(p);
  }

  static std::vector<unsigned char> Bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }
  // A big-endian 64-bit field of the FST header block.
  static uint64_t Field(const std::vector<unsigned char>& f, size_t offset) {
    uint64_t v = 0;
    for (size_t i = 0; i < 8; ++i) v = (v << 8) | f.at(offset + i);
    return v;
  }
  // The FST header block (fstapi.c, fstWriterEmitHdrBytes): type byte FST_BL_HDR = 0, section
  // length 329, then start time (+9), end time (+17), the endian-test double e (+25), ..., the
  // number of variables (+49); 330 bytes before the next block.
  static void ExpectFstHeader(const std::vector<unsigned char>& f) {
    ASSERT_GT(f.size(), 330u);
    EXPECT_EQ(f[0], 0) << "FST_BL_HDR";
    EXPECT_EQ(Field(f, 1), 329u) << "header section length";
    double e = 0;
    std::memcpy(&e, f.data() + 25, 8);
    EXPECT_DOUBLE_EQ(e, 2.7182818284590452354);
  }

  // Runs Traffic on a traced SoC writing `waves` and returns the file.
  std::vector<unsigned char> TracedRun(const SocOptions::Waves& waves, Trace* trace = nullptr,
                                       uint64_t axi_seed = 0) {
    {
      SocOptions options{.axi_seed = axi_seed};
      options.waves = waves;
      auto soc = sim::MakeSmallSocTracedSim(options);
      const Trace t = Traffic(*soc);
      if (trace != nullptr) *trace = t;
    }  // destruction closes and flushes the file
    return Bytes(waves.file);
  }

  // What a Commands() run on a traced SoC writing `waves` observed.
  struct OpRun {
    std::vector<uint64_t> edges;  // Commands()
    uint64_t cycles = 0;          // Cycles() at the end
    uint64_t dumped = 0;          // WaveCyclesDumped() at the end
    bool closed_early = false;    // the file was complete before the SoC went
    std::vector<unsigned char> file;
  };
  OpRun TracedCommands(const SocOptions::Waves& waves) {
    OpRun run;
    {
      SocOptions options;
      options.waves = waves;
      auto soc = sim::MakeSmallSocTracedSim(options);
      run.edges = Commands(*soc);
      run.cycles = soc->Cycles();
      run.dumped = Traced(*soc).WaveCyclesDumped();
      const auto before = Bytes(waves.file);
      soc.reset();
      run.file = Bytes(waves.file);
      run.closed_early = !before.empty() && before == run.file;
    }
    return run;
  }

  // The edges of Commands() on the untraced SoC (the traced one runs the same cycles).
  static const std::vector<uint64_t>& ReferenceEdges() {
    static const std::vector<uint64_t> edges = [] {
      auto soc = sim::MakeSmallSocSim();
      return Commands(*soc);
    }();
    return edges;
  }

  std::vector<std::filesystem::path> files_;
};

TEST_F(SocWavesTest, WindowedFstFile) {
  const uint64_t start = 20, stop = 300;
  Trace trace;
  const std::string file = Path("w");
  const auto f = TracedRun({.file = file, .start_cycle = start, .stop_cycle = stop}, &trace);
  ASSERT_GT(trace.cycles.back(), stop) << "the traffic outlasts the window";
  ExpectFstHeader(f);
  // Cycle c is dumped at times 2c and 2c + 1.
  EXPECT_EQ(Field(f, 9), 2 * start) << "start time";
  EXPECT_EQ(Field(f, 17), 2 * (stop - 1) + 1) << "end time";
  EXPECT_GT(Field(f, 49), 100u) << "variables: the whole SoC";
  EXPECT_FALSE(std::filesystem::exists(file + ".hier")) << "FST scratch file left";
}

TEST_F(SocWavesTest, WholeRunWithoutStop) {
  Trace trace;
  const auto f = TracedRun({.file = Path("all")}, &trace);
  ExpectFstHeader(f);
  EXPECT_EQ(Field(f, 9), 0u) << "from the first reset cycle";
  EXPECT_EQ(Field(f, 17), 2 * (trace.cycles.back() - 1) + 1) << "to the last cycle run";
}

TEST_F(SocWavesTest, LaterWindowGivesSmallerFile) {
  const auto early = TracedRun({.file = Path("early"), .start_cycle = 0, .stop_cycle = 400});
  const auto late = TracedRun({.file = Path("late"), .start_cycle = 250, .stop_cycle = 400});
  ExpectFstHeader(early);
  ExpectFstHeader(late);
  EXPECT_LE(late.size(), early.size());
  EXPECT_NE(late, early);
  EXPECT_EQ(Field(early, 9), 0u);
  EXPECT_EQ(Field(late, 9), 500u);
  EXPECT_EQ(Field(early, 17), Field(late, 17));
  EXPECT_EQ(Field(early, 49), Field(late, 49)) << "same signals";
}

TEST_F(SocWavesTest, DepthLimitsTheSignals) {
  const auto all = TracedRun({.file = Path("all"), .stop_cycle = 200});
  const auto ports = TracedRun({.file = Path("ports"), .stop_cycle = 200, .depth = 1});
  const auto top = TracedRun({.file = Path("top"), .stop_cycle = 200, .depth = 2});
  ExpectFstHeader(ports);
  ExpectFstHeader(top);
  // Ports only: clk_i, rst_ni, irq_o and the AXI slave port (well under 100 signals).
  EXPECT_GT(Field(ports, 49), 30u);
  EXPECT_LT(Field(ports, 49), 100u);
  EXPECT_LT(Field(ports, 49), Field(top, 49));
  EXPECT_LT(Field(top, 49), Field(all, 49));
  EXPECT_LT(ports.size(), all.size());
}

TEST_F(SocWavesTest, UnwritablePathThrowsNamingTheFile) {
  SocOptions options;
  options.waves.file = "/nonexistent-edgebert-dir/waves.fst";
  try {
    sim::MakeSmallSocTraced(options);
    FAIL() << "no TransportError";
  } catch (const driver::TransportError& e) {
    EXPECT_NE(std::string(e.what()).find(options.waves.file), std::string::npos) << e.what();
  }
  // The process can still trace afterwards.
  ExpectFstHeader(TracedRun({.file = Path("after"), .stop_cycle = 50}));
}

TEST_F(SocWavesTest, UntracedFactoriesRefuseWaves) {
  SocOptions options;
  options.waves.file = Path("refused");
  EXPECT_THROW(sim::MakeSmallSoc(options), driver::TransportError);
  EXPECT_THROW(sim::MakeSmallSocSim(options), driver::TransportError);
  EXPECT_FALSE(std::filesystem::exists(options.waves.file));
}

// Tracing observes only: the traced model reads back the same words after the same cycles as
// the untraced one, under both AXI timings; without a file the traced factory writes nothing.
TEST_F(SocWavesTest, TracedRunsMatchUntraced) {
  for (uint64_t seed : {uint64_t{0}, uint64_t{7}}) {
    SCOPED_TRACE(seed);
    SocOptions plain{.axi_seed = seed};
    const Trace untraced = Traffic(*sim::MakeSmallSocSim(plain));
    const Trace no_file = Traffic(*sim::MakeSmallSocTracedSim(plain));
    Trace traced;
    const std::string file = Path("seed" + std::to_string(seed));
    ExpectFstHeader(TracedRun({.file = file, .start_cycle = 10}, &traced, seed));
    EXPECT_EQ(untraced, no_file);
    EXPECT_EQ(untraced, traced);
    ASSERT_EQ(untraced.reads.size(), 4u + 96u + 21u);
    EXPECT_EQ(untraced.reads[0], 0xC0FFEE11u);
    EXPECT_EQ(untraced.reads[4], 0x9E3779B9u);
  }
}

// Two traced SoCs alive at once, each with its own file (and an untraced one beside them); a
// file is complete once its window has ended.
TEST_F(SocWavesTest, TwoTracedSocsAtOnce) {
  SocOptions a, b;
  a.waves = {.file = Path("a"), .stop_cycle = 120};
  b.waves = {.file = Path("b"), .start_cycle = 30};
  auto soc_a = sim::MakeSmallSocTracedSim(a);
  auto soc_b = sim::MakeSmallSocTracedSim(b);
  auto plain = sim::MakeSmallSocSim();
  const Trace ta = Traffic(*soc_a);
  const Trace tb = Traffic(*soc_b);
  EXPECT_EQ(ta, tb);
  EXPECT_EQ(ta, Traffic(*plain));
  const uint64_t last_b = soc_b->Cycles() - 1;
  // a's window ended at cycle 120: its file is complete while soc_a still runs.
  ASSERT_GT(soc_a->Cycles(), 120u);
  const auto fa = Bytes(a.waves.file);
  soc_a.reset();
  EXPECT_EQ(Bytes(a.waves.file), fa);
  soc_b.reset();
  const auto fb = Bytes(b.waves.file);
  ExpectFstHeader(fa);
  ExpectFstHeader(fb);
  EXPECT_EQ(Field(fa, 9), 0u);
  EXPECT_EQ(Field(fa, 17), 239u);
  EXPECT_EQ(Field(fb, 9), 60u);
  EXPECT_EQ(Field(fb, 17), 2 * last_b + 1);
}

// Commands 3..5: from the first cycle that starts with CMD_SEQ = 3 (command 2 just completed) to
// the cycle whose rising edge makes CMD_SEQ 6 (command 5 completes), then the file is closed.
TEST_F(SocWavesTest, OpWindowFollowsCmdSeq) {
  const std::vector<uint64_t>& e = ReferenceEdges();
  ASSERT_EQ(e.size(), kCommands);
  const OpRun run = TracedCommands({.file = Path("ops"), .first_op = 3, .last_op = 5});
  EXPECT_EQ(run.edges, e) << "tracing changes no cycle";
  ExpectFstHeader(run.file);
  EXPECT_EQ(Field(run.file, 9), 2 * e[2]) << "start time: CMD_SEQ became 3 at cycle " << e[2];
  EXPECT_EQ(Field(run.file, 17), 2 * e[5] - 1) << "end time: CMD_SEQ became 6 at cycle " << e[5];
  EXPECT_EQ(run.dumped, e[5] - e[2]);
  EXPECT_TRUE(run.closed_early) << "closed once CMD_SEQ passed last_op";
  EXPECT_GT(Field(run.file, 49), 100u) << "variables: the whole SoC";

  // The same cycles as the equivalent cycle window.
  const OpRun cycles =
      TracedCommands({.file = Path("cycles"), .start_cycle = e[2], .stop_cycle = e[5]});
  ExpectFstHeader(cycles.file);
  EXPECT_EQ(cycles.dumped, run.dumped);
  EXPECT_EQ(Field(cycles.file, 9), Field(run.file, 9));
  EXPECT_EQ(Field(cycles.file, 17), Field(run.file, 17));
  EXPECT_EQ(Field(cycles.file, 49), Field(run.file, 49));
}

// A cycle is dumped only inside both windows: each window can cut the other.
TEST_F(SocWavesTest, OpWindowAndCycleWindowBothApply) {
  const std::vector<uint64_t>& e = ReferenceEdges();
  ASSERT_EQ(e.size(), kCommands);
  // The cycle window inside the command window.
  const OpRun inner = TracedCommands({.file = Path("inner"),
                                      .start_cycle = e[3] + 4,
                                      .stop_cycle = e[4] + 2,
                                      .first_op = 3,
                                      .last_op = 5});
  ExpectFstHeader(inner.file);
  EXPECT_EQ(Field(inner.file, 9), 2 * (e[3] + 4));
  EXPECT_EQ(Field(inner.file, 17), 2 * (e[4] + 2) - 1);
  EXPECT_EQ(inner.dumped, e[4] + 2 - (e[3] + 4));
  // Overlapping: the cycle window starts inside, the command window ends first.
  const OpRun overlap = TracedCommands({.file = Path("overlap"),
                                        .start_cycle = e[3] + 4,
                                        .stop_cycle = e[7],
                                        .first_op = 3,
                                        .last_op = 4});
  ExpectFstHeader(overlap.file);
  EXPECT_EQ(Field(overlap.file, 9), 2 * (e[3] + 4));
  EXPECT_EQ(Field(overlap.file, 17), 2 * e[4] - 1);
  EXPECT_EQ(overlap.dumped, e[4] - (e[3] + 4));
  EXPECT_TRUE(overlap.closed_early);
}

// first_op alone runs to the end; first_op = last_op is one command; first_op 0 includes the
// reset; a window never reached dumps nothing.
TEST_F(SocWavesTest, OpWindowVariants) {
  const std::vector<uint64_t>& e = ReferenceEdges();
  ASSERT_EQ(e.size(), kCommands);
  const OpRun open = TracedCommands({.file = Path("open"), .first_op = 6});
  ExpectFstHeader(open.file);
  EXPECT_EQ(Field(open.file, 9), 2 * e[5]);
  EXPECT_EQ(Field(open.file, 17), 2 * (open.cycles - 1) + 1) << "to the last cycle run";
  EXPECT_EQ(open.dumped, open.cycles - e[5]);
  EXPECT_FALSE(open.closed_early);

  const OpRun one = TracedCommands({.file = Path("one"), .first_op = 4, .last_op = 4});
  ExpectFstHeader(one.file);
  EXPECT_EQ(Field(one.file, 9), 2 * e[3]);
  EXPECT_EQ(Field(one.file, 17), 2 * e[4] - 1);
  EXPECT_EQ(one.dumped, e[4] - e[3]);

  const OpRun first = TracedCommands({.file = Path("first"), .first_op = 0, .last_op = 0});
  ExpectFstHeader(first.file);
  EXPECT_EQ(Field(first.file, 9), 0u) << "from the first reset cycle";
  EXPECT_EQ(Field(first.file, 17), 2 * e[0] - 1);
  EXPECT_EQ(first.dumped, e[0]);

  const OpRun never = TracedCommands({.file = Path("never"), .first_op = kCommands + 1});
  EXPECT_EQ(never.dumped, 0u);
  ExpectFstHeader(never.file);
  EXPECT_FALSE(never.closed_early) << "open until the SoC went";
}

// last_op needs first_op, and first_op <= last_op: every factory refuses other windows before
// creating the file.
TEST_F(SocWavesTest, BadOpWindowThrows) {
  SocOptions reversed;
  reversed.waves = {.file = Path("reversed"), .first_op = 5, .last_op = 3};
  SocOptions last_only;
  last_only.waves = {.file = Path("last_only"), .last_op = 3};
  for (const SocOptions& options : {reversed, last_only}) {
    SCOPED_TRACE(options.waves.file);
    try {
      sim::MakeSmallSocTracedSim(options);
      FAIL() << "no TransportError";
    } catch (const driver::TransportError& e) {
      EXPECT_NE(std::string(e.what()).find("last_op"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(std::filesystem::exists(options.waves.file));
    SocOptions no_file = options;
    no_file.waves.file.clear();
    EXPECT_THROW(sim::MakeSmallSocSim(no_file), driver::TransportError);
    EXPECT_THROW(sim::MakeSmallSocTracedSim(no_file), driver::TransportError);
  }
  SocOptions fine;
  fine.waves = {.first_op = 3, .last_op = 3};
  EXPECT_NO_THROW(sim::MakeSmallSocSim(fine));
}

// --waves-scope's valid scopes come from the traced model (SmallSocWaveScopes). They agree with
// the RTL: the scopes directly below the SoC top and below u_gb are the instances written in
// edgebert_soc.sv and gb.sv (so a renamed or added instance shows up here, whatever Verilator).
TEST(SocWaveScopes, MatchTheRtlInstances) {
  const std::vector<std::string>& scopes = sim::SmallSocWaveScopes();
  const auto below = [&](const std::string& parent) {
    std::set<std::string> children;
    const std::string prefix = parent.empty() ? "" : parent + ".";
    for (const std::string& s : scopes) {
      if (s.starts_with(prefix) && s.find('.', prefix.size()) == std::string::npos) {
        children.insert(s.substr(prefix.size()));
      }
    }
    return children;
  };
  // Instance names: `u_name (` not after a '.' (ports are `.name (`).
  const auto instances = [](const std::string& file) {
    std::ifstream in(std::string(EDGEBERT_SOURCE_DIR) + "/" + file);
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    EXPECT_FALSE(text.empty()) << file;
    std::set<std::string> names;
    const std::regex instance(R"((^|[^.\w])(u_\w+)\s*\()");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), instance);
         it != std::sregex_iterator(); ++it) {
      names.insert((*it)[2]);
    }
    return names;
  };
  EXPECT_EQ(below(""), instances("rtl/soc/edgebert_soc.sv"));
  EXPECT_EQ(below("u_gb"), instances("rtl/gb/gb.sv"));
  EXPECT_TRUE(below("u_gb").contains("u_softmax"));
}

// Every listed scope, dumped alone, adds signals to the ports: the list is what dumpvars sees.
TEST_F(SocWavesTest, EveryListedScopeHasSignals) {
  const std::vector<std::string>& scopes = sim::SmallSocWaveScopes();
  ASSERT_FALSE(scopes.empty());
  const auto vars = [&](const SocOptions::Waves& waves) {
    { auto soc = sim::MakeSmallSocTracedSim({.waves = waves}); }
    const auto file = Bytes(waves.file);
    ExpectFstHeader(file);
    return file.size() > 330 ? Field(file, 49) : 0;
  };
  const uint64_t ports = vars({.file = Path("ports"), .stop_cycle = 1, .depth = 1});
  for (const std::string& scope : scopes) {
    EXPECT_GT(vars({.file = Path("scope"), .stop_cycle = 1, .scopes = {scope}}), ports) << scope;
  }
  // A scope's FST holds it (FstInstanceScopes reads what the writer wrote).
  const std::string softmax = Path("softmax");
  vars({.file = softmax, .stop_cycle = 1, .scopes = {"u_gb.u_softmax", "u_pu"}});
  const std::vector<std::string> written = sim::FstInstanceScopes(softmax);
  for (const char* scope : {"TOP.edgebert_soc.u_gb.u_softmax", "TOP.edgebert_soc.u_pu"}) {
    EXPECT_NE(std::find(written.begin(), written.end(), scope), written.end()) << scope;
  }
}

// A scope the model does not have is refused before the file exists, naming it, the scopes
// there and the nearest one.
TEST_F(SocWavesTest, UnknownScopeIsRefused) {
  const auto refusal = [&](const std::string& scope) {
    SocOptions options;
    options.waves = {.file = Path("refused"), .scopes = {"u_pu", scope}};
    try {
      sim::MakeSmallSocTracedSim(options);
      ADD_FAILURE() << scope << " accepted";
    } catch (const driver::TransportError& e) {
      EXPECT_FALSE(std::filesystem::exists(options.waves.file));
      return std::string(e.what());
    }
    return std::string();
  };
  const std::string nope = refusal("u_nope");
  EXPECT_TRUE(nope.starts_with(
      "SoC waves: no scope 'u_nope' in the traced SoC; below its top (edgebert_soc): "))
      << nope;
  for (const char* listed : {"u_gb", "u_pu", "u_csr", "u_axi"}) {
    EXPECT_NE(nope.find(listed), std::string::npos) << nope;
  }
  EXPECT_EQ(nope.find("did you mean"), std::string::npos) << nope;
  const std::string typo = refusal("u_gb.u_softmx");
  EXPECT_NE(typo.find("below u_gb: "), std::string::npos) << typo;
  EXPECT_TRUE(typo.ends_with("; did you mean u_gb.u_softmax?")) << typo;
  EXPECT_TRUE(refusal("u_softmax").ends_with("; did you mean u_gb.u_softmax?"));
}

TEST(SocWaveScopes, UnknownWaveScopeWording) {
  const std::vector<std::string> scopes = {"u_a", "u_a.u_x", "u_a.u_y", "u_b", "u_b.u_x"};
  EXPECT_EQ(sim::UnknownWaveScope(scopes, "u_a.u_y"), "");
  EXPECT_EQ(sim::UnknownWaveScope(scopes, "u_a.u_z.u_q"),
            "no scope 'u_a.u_z.u_q' in the traced SoC; below u_a: u_x, u_y");
  EXPECT_EQ(sim::UnknownWaveScope(scopes, "u_x"),
            "no scope 'u_x' in the traced SoC; below its top (edgebert_soc): u_a, u_b; did you "
            "mean u_a.u_x, u_b.u_x?");
  EXPECT_EQ(sim::UnknownWaveScope(scopes, "u_c"),
            "no scope 'u_c' in the traced SoC; below its top (edgebert_soc): u_a, u_b; did you "
            "mean u_a, u_b?");
}

// An LZ4 block of literals only (valid LZ4; real files also have back references, which the
// tests above read).
std::string Lz4Literals(const std::string& data) {
  std::string out(1, static_cast<char>(std::min<size_t>(data.size(), 15) << 4));
  if (data.size() >= 15) {
    size_t rest = data.size() - 15;
    for (; rest >= 255; rest -= 255) out += '\xff';
    out += static_cast<char>(rest);
  }
  return out + data;
}

// A hand-made FST (header block skipped over, then the hierarchy) with a struct scope holding a
// scope, a variable and an attribute: only the instance scopes come back, from the hierarchy
// compressed once (what both Verilators write here) and twice (5.006's fstapi, when large).
TEST(SocWaveScopes, FstHierarchyLz4OnceAndTwice) {
  using namespace std::string_literals;
  const std::string hierarchy =
      "\xfe\x00TOP\0\0"s  // scope TOP (module)
      "\xfe\x00"
      "edgebert_soc\0edgebert_soc\0"s  // scope (module)
      "\x10\x00x\0\x01\x00"s           // variable x: type, direction, name, bits, alias
      "\xfe\x06"
      "desc\0\0"s                                // struct scope
      "\xfe\x00inner\0\0\xff"s                   // a scope inside it, and its upscope
      "\xfc\x00\x00note\0\x00\xfd"s              // attribute begin and end
      "\xff\xfe\x05g_lane[0]\0\0\xff\xff\xff"s;  // end struct; a generate block; up to the root
  const auto u64 = [](uint64_t v) {
    std::string out(8, '\0');
    for (int i = 7; i >= 0; --i, v >>= 8) out[static_cast<size_t>(i)] = static_cast<char>(v & 0xff);
    return out;
  };
  const std::string header = "\x00"s + u64(329) + std::string(321, '\0');
  const std::string once = Lz4Literals(hierarchy);
  const std::string inner = Lz4Literals(hierarchy);
  const std::string twice = static_cast<char>(inner.size()) + Lz4Literals(inner);  // varint < 128
  const std::filesystem::path file =
      std::filesystem::path(::testing::TempDir()) / ("hier_" + std::to_string(::getpid()));
  for (const auto& [type, payload] : {std::pair{'\x06', once}, std::pair{'\x07', twice}}) {
    SCOPED_TRACE(static_cast<int>(type));
    std::ofstream(file, std::ios::binary)
        << header << type << u64(16 + payload.size()) << u64(hierarchy.size()) << payload;
    EXPECT_EQ(sim::FstInstanceScopes(file),
              (std::vector<std::string>{"TOP", "TOP.edgebert_soc", "TOP.edgebert_soc.g_lane[0]"}));
  }
  std::filesystem::remove(file);
}

TEST(SocWaveScopes, NotAnFstFileThrowsNamingIt) {
  const std::filesystem::path file =
      std::filesystem::path(::testing::TempDir()) / ("not_fst_" + std::to_string(::getpid()));
  std::ofstream(file) << "not an FST file";
  try {
    sim::FstInstanceScopes(file);
    ADD_FAILURE() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_TRUE(std::string(e.what()).starts_with(file.string() + ": not an FST file")) << e.what();
  }
  std::filesystem::remove(file);
}

}  // namespace
}  // namespace edgebert
