// The golden SoC against the RTL SoC access by access: the same random memories, then random
// commands of every opcode (valid ones mostly, some rejected, some back to back through the
// queue), GATHER under every cell mode and a few read latencies, each access made on both SoCs
// and compared: the response, the data read (every register after each command, all 17 PERF
// counters among them) and the cycle count after it. The first difference fails the test with
// the access and the command that led to it.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "golden/gb_command.h"
#include "golden/matmul_command.h"
#include "golden/reram.h"
#include "harness/soc_sim.h"
#include "numerics/af8.h"
#include "regmap/edgebert_regs.h"
#include "small_accelerator.h"
#include "tlm/golden_soc.h"

namespace edgebert {
namespace {

using driver::BusResponse;
using golden::GbCommand;
using golden::MatmulCommand;
using regs::Opcode;

std::string Hex(uint32_t v) {
  std::ostringstream out;
  out << "0x" << std::hex << v;
  return out.str();
}

// The two SoCs behind one set of accesses; the first difference is kept.
class TwinSoc {
 public:
  explicit TwinSoc(int lanes) : gold_(sim::SmallAcceleratorConfig(lanes)) {
    sim::SocOptions options;
    options.lanes = lanes;
    rtl_ = sim::MakeSmallSoc(options);
    Compare("reset");
  }

  void Write(uint32_t address, std::span<const uint32_t> words) {
    const BusResponse want = rtl_->Write(address, words), got = gold_.Write(address, words);
    if (want != got) Differ("write " + Hex(address) + " response");
    Compare("write " + Hex(address));
  }
  void Write(uint32_t address, uint32_t value) { Write(address, std::span(&value, 1)); }
  std::vector<uint32_t> Read(uint32_t address, size_t count) {
    std::vector<uint32_t> want(count), got(count);
    if (rtl_->Read(address, want) != gold_.Read(address, got)) {
      Differ("read " + Hex(address) + " response");
    }
    for (size_t i = 0; i < count; ++i) {
      if (want[i] != got[i]) {
        Differ("read " + Hex(address + static_cast<uint32_t>(4 * i)) + ": RTL " + Hex(want[i]) +
               ", golden " + Hex(got[i]));
        break;
      }
    }
    Compare("read " + Hex(address));
    return want;
  }
  void WaitForInterrupt() {
    const bool want = rtl_->WaitForInterrupt(std::chrono::milliseconds(20000));
    const bool got = gold_.WaitForInterrupt(std::chrono::milliseconds(20000));
    if (!want) Differ("the RTL's interrupt did not come");
    if (want != got) Differ("interrupt");
    Compare("the wait for the interrupt");
  }

  void SetContext(std::string context) { context_ = std::move(context); }
  const std::string& first_difference() const { return first_; }

 private:
  void Compare(const std::string& what) {
    if (rtl_->Cycles() != gold_.Cycles()) {
      Differ(what + ": cycles RTL " + std::to_string(rtl_->Cycles()) + ", golden " +
             std::to_string(gold_.Cycles()));
    }
  }
  void Differ(const std::string& what) {
    if (first_.empty()) first_ = what + " (" + context_ + ")";
  }

  std::unique_ptr<driver::Transport> rtl_;
  sim::GoldenSoc gold_;
  std::string context_ = "setup";
  std::string first_;
};

constexpr uint32_t Csr(uint32_t offset) { return regs::kMemCsrBase + offset; }

class GoldenCommandTimingTest : public ::testing::TestWithParam<int> {
 protected:
  uint32_t Rand(uint32_t bound) { return static_cast<uint32_t>(rng_() % bound); }
  std::vector<uint8_t> RandomCodes(size_t count, double zero_fraction) {
    std::uniform_real_distribution<double> u(0.0, 1.0);
    std::vector<uint8_t> codes(count);
    for (auto& c : codes) c = u(rng_) < zero_fraction ? 0 : static_cast<uint8_t>(1 + Rand(255));
    return codes;
  }

  // Random sparse vectors in a vector window (mask plane and value plane), random aux bytes
  // (biases, tables, spans, gamma, beta) with a zero span and constant LayerNorm rows among
  // them, and three embedding tables in the ReRAM.
  void FillMemories(TwinSoc& soc, uint32_t n) {
    for (const auto& [values, masks, count] :
         {std::tuple{regs::kMemUabValBase, regs::kMemUabMaskBase, kUabRandom},
          std::tuple{regs::kMemWsramValBase, regs::kMemWsramMaskBase, kWsramRandom}}) {
      std::vector<uint32_t> mask_words(count), value_words(size_t{count} * n / 4);
      for (uint32_t v = 0; v < count; ++v) {
        mask_words[v] = Rand(4) == 0 ? 0 : static_cast<uint32_t>(rng_()) & ((1u << n) - 1);
      }
      for (auto& w : value_words) w = static_cast<uint32_t>(rng_());
      // Constant rows for LayerNorm's zero-variance path: vectors 64.. all one code.
      for (uint32_t v = 64; v < 96; ++v) mask_words[v] = (1u << n) - 1;
      for (uint32_t w = 64 * n / 4; w < 96 * n / 4; ++w) value_words[w] = 0x38383838;
      soc.Write(masks, mask_words);
      soc.Write(values, value_words);
    }
    std::vector<uint32_t> aux(kAuxBytes / 4);
    for (auto& w : aux) w = static_cast<uint32_t>(rng_()) & 0x3F3F3F3F;
    std::fill_n(aux.begin() + kZeroSpan / 4, 32, 0u);
    soc.Write(regs::kMemAuxBase, aux);

    golden::ReramStore store(sim::SmallAcceleratorConfig().limits.reram_words,
                             sim::SmallAcceleratorConfig().reram_value_base_word);
    const int rows[3] = {40, 64, 2}, biases[3] = {-6, -7, -9};
    uint32_t slc = 16, value = store.value_base_word() + 8;
    for (int t = 0; t < 3; ++t) {
      const auto packed = golden::PackEmbeddingTable(
          rows[t], static_cast<int>(kGatherDim(n)), static_cast<int>(n),
          RandomCodes(static_cast<size_t>(rows[t]) * kGatherDim(n), 0.3), biases[t]);
      golden::WriteEmbeddingTable(store, slc, value, packed);
      tables_[t] = 4 * slc;
      slc += packed.SlcWords() + 3;
      value += packed.ValueWords() + 5;
    }
    std::vector<uint32_t> words(value);
    for (uint32_t w = 0; w < value; ++w) words[w] = store.Stored(w);
    soc.Write(regs::kMemReramBase, std::span(words).first(slc));
    soc.Write(regs::kMemReramBase + 4 * store.value_base_word(),
              std::span(words).subspan(store.value_base_word()));
  }
  static constexpr uint32_t kGatherDim(uint32_t n) { return 4 * n; }

  golden::Descriptor RandomMatmul(uint32_t n) {
    MatmulCommand c;
    c.irq = true;
    c.k = n * (1 + Rand(4));
    c.n = n * (1 + Rand(4));
    c.trans_c = Rand(4) == 0;
    c.m = c.trans_c ? n * (1 + Rand(3)) : 1 + Rand(3 * n);
    c.has_bias = Rand(2) == 0;
    c.act = Rand(3) == 0 ? static_cast<uint32_t>(regs::Act::kGelu) : 0;
    c.b_in_uab = Rand(4) == 0;
    c.exp_a = -5;
    c.exp_b = -6;
    c.exp_c = c.exp_pre = -5;
    c.a_addr = Rand(64);
    c.a_stride = c.k / n;
    c.b_addr = c.b_in_uab ? 1024 + Rand(64) : Rand(64);
    c.b_stride = c.k / n + Rand(2);
    c.c_addr = 4096 + Rand(64);
    c.c_stride = c.trans_c ? c.m / n : c.n / n;
    c.bias_addr = 4 * Rand(256);
    c.act_table_addr = 4096;
    if (Rand(16) == 0) c.k = 0;  // rejected by the PU's check
    return golden::ToDescriptor(c);
  }

  golden::Descriptor RandomRowOp(uint32_t n) {
    static constexpr Opcode kOps[] = {Opcode::kFill,    Opcode::kAdd,       Opcode::kActivate,
                                      Opcode::kSoftmax, Opcode::kLayernorm, Opcode::kEntropy,
                                      Opcode::kGather};
    GbCommand c;
    c.opcode = kOps[Rand(7)];
    c.irq = true;
    c.rows = 1 + Rand(6);
    c.cols = n * (1 + Rand(4));
    c.exp_in = static_cast<int>(Rand(9)) - 8;
    c.exp_b = static_cast<int>(Rand(9)) - 8;
    c.exp_out = static_cast<int>(Rand(9)) - 8;
    c.exp_gamma = static_cast<int>(Rand(9)) - 8;
    c.exp_beta = static_cast<int>(Rand(9)) - 8;
    c.src_addr = Rand(4) == 0 ? 64 : Rand(900);  // 64..: constant rows
    c.src_stride = c.cols / n + Rand(2);
    c.b_addr = 1024 + Rand(512);  // apart from SRC and DST
    c.b_stride = c.cols / n;
    // In place (DST = SRC, same stride) or disjoint: other overlaps are undefined.
    const bool in_place = Rand(3) == 0;
    c.dst_addr = in_place ? c.src_addr : 4096 + Rand(512);
    c.dst_stride = in_place ? c.src_stride : c.cols / n + Rand(2);
    c.aux_addr = 4 * Rand(1024);
    c.beta_addr = 4 * Rand(1024);
    c.value = Rand(256);
    switch (c.opcode) {
      case Opcode::kActivate:
        c.act = static_cast<uint32_t>(regs::Act::kGelu);
        c.aux_addr = 4096;
        break;
      case Opcode::kSoftmax:
        c.has_span = Rand(2) == 0;
        if (c.has_span && Rand(2) == 0) c.aux_addr = kZeroSpan;
        c.keys = Rand(2) == 0 ? 0 : 1 + Rand(c.cols);
        break;
      case Opcode::kEntropy:
        c.rows = 1;
        c.cols = 2 + Rand(n - 1);
        c.stop_on_exit = Rand(2) == 0;
        break;
      case Opcode::kGather:
        c.rows = 1 + Rand(12);
        c.cols = kGatherDim(n);
        c.exp_out = -4;
        c.word_table = tables_[0];
        c.pos_table = tables_[1];
        c.type_table = tables_[2];
        c.dst_stride = c.cols / n;
        c.ids_addr = 8192;
        c.types_addr = 8192 + 64;
        c.dst_addr = 4096 + Rand(512);
        break;
      default:
        break;
    }
    return golden::ToDescriptor(c);
  }

  void Push(TwinSoc& soc, const golden::Descriptor& d) {
    soc.Write(Csr(regs::kCmdDataOffset(0)), d);
    soc.Write(Csr(regs::kCmdPushOffset), 1);
  }

  // Every readable register of the CSR block, the PERF counters' words included.
  void ReadRegisters(TwinSoc& soc) {
    for (const regs::RegisterInfo& r : regs::kRegisters) soc.Read(Csr(r.offset), 1);
  }

  static constexpr uint32_t kUabRandom = 2048, kWsramRandom = 1024, kAuxBytes = 16384;
  static constexpr uint32_t kZeroSpan = 2048;
  uint32_t tables_[3] = {};
  std::mt19937 rng_{20261204};
};

TEST_P(GoldenCommandTimingTest, EveryAccessTakesTheRtlCycles) {
  const int lanes = GetParam();
  const std::vector<int> built = sim::SmallSocLanesBuilt();
  if (std::find(built.begin(), built.end(), lanes) == built.end()) {
    GTEST_SKIP() << "no small SoC at n = " << lanes << " in this build";
  }
  const auto n = static_cast<uint32_t>(lanes);
  TwinSoc soc(lanes);
  FillMemories(soc, n);
  // GELU tables for MATMUL and ACTIVATE at aux 4096.
  soc.Write(Csr(regs::kIntrEnableOffset), 7);
  soc.Write(Csr(regs::kEntropyThresholdOffset), 1u << 24);
  ASSERT_EQ(soc.first_difference(), "");

  std::map<uint32_t, int> valid;  // commands each opcode passed the check with
  for (int i = 0; i < 400 && soc.first_difference().empty(); ++i) {
    // The ReRAM's value cells and latencies, now and then.
    if (i % 20 == 0) {
      soc.Write(Csr(regs::kReramCtrlOffset), regs::Set(regs::reram_ctrl::kValueMode, 0, Rand(4)) |
                                                 regs::Set(regs::reram_ctrl::kFaultEn, 0, Rand(2)));
      soc.Write(Csr(regs::kReramLatencyOffset), (i % 40 == 0)
                                                    ? regs::reram_latency::kResetValue
                                                    : Rand(4) | Rand(4) << 8 | Rand(5) << 16);
    }
    // Token ids and types for GATHER (some out of range: rejected after the scan).
    std::vector<uint32_t> ids(16 + 3);
    for (uint32_t t = 0; t < 16; ++t) ids[t / 2] |= (Rand(41)) << (16 * (t % 2));
    for (uint32_t t = 0; t < 12; ++t) ids[16 + t / 4] |= Rand(2) << (8 * (t % 4));
    soc.Write(regs::kMemAuxBase + 8192, std::span(ids).first(16));
    soc.Write(regs::kMemAuxBase + 8192 + 64, std::span(ids).subspan(16));

    // One to four commands back to back, the interrupt on the last.
    const uint32_t batch = Rand(3) == 0 ? 2 + Rand(3) : 1;
    std::ostringstream what;
    what << "command batch " << i << ":";
    for (uint32_t b = 0; b < batch; ++b) {
      golden::Descriptor d = Rand(3) == 0 ? RandomMatmul(n) : RandomRowOp(n);
      if (Rand(40) == 0) d = golden::Descriptor{};                  // NOP
      if (Rand(60) == 0) golden::Put(d, regs::cmd::kOpcode, 0x7E);  // undefined opcode
      golden::Put(d, regs::cmd::kIrq, b + 1 == batch ? 1 : 0);
      const uint32_t opcode = golden::Get(d, regs::cmd::kOpcode);
      what << " opcode " << opcode;
      const golden::PuLimits limits = sim::SmallAcceleratorConfig(lanes).limits;
      const bool defined = opcode >= static_cast<uint32_t>(Opcode::kMatmul) &&
                           opcode <= static_cast<uint32_t>(Opcode::kFill);
      if (!defined) {
        // NOP or undefined: nothing to check.
      } else if (opcode == static_cast<uint32_t>(Opcode::kMatmul)
                     ? golden::Validate(golden::MatmulFromDescriptor(d), limits) ==
                           regs::ErrCode::kNone
                     : golden::Validate(golden::GbFromDescriptor(d), limits) ==
                           regs::ErrCode::kNone) {
        ++valid[opcode];
      }
      Push(soc, d);
      soc.Read(Csr(regs::kStatusOffset), 1);  // the queue's level and BUSY as pushes go in
    }
    soc.SetContext(what.str());
    soc.WaitForInterrupt();
    // The registers a firmware reads at its interrupt, exact at any cycle.
    for (const uint32_t offset :
         {regs::kIntrStateOffset, regs::kCmdSeqOffset, regs::kStatusOffset, regs::kErrCauseOffset,
          regs::kErrSeqOffset, regs::kEntropyLastOffset}) {
      soc.Read(Csr(offset), 1);
    }
    soc.Write(Csr(regs::kIntrStateOffset), 7);
    // A flush (error, early exit) may have left commands pushed after it running: let them
    // drain before the counters are read (the golden SoC adds a command's events at its end).
    for (int poll = 0; poll < 1000; ++poll) {
      const uint32_t status = soc.Read(Csr(regs::kStatusOffset), 1)[0];
      if (regs::Get(regs::status::kBusy, status) == 0 &&
          regs::Get(regs::status::kCmdqEmpty, status) == 1) {
        break;
      }
    }
    ReadRegisters(soc);
    if (i % 50 == 49) {
      soc.Write(Csr(regs::kCtrlOffset), regs::ctrl::kResetValue | 4);  // CLR_PERF
    }
  }
  EXPECT_EQ(soc.first_difference(), "") << "n = " << lanes;
  // Test data: every opcode ran, valid, many times.
  for (const Opcode op : {Opcode::kMatmul, Opcode::kSoftmax, Opcode::kLayernorm, Opcode::kAdd,
                          Opcode::kActivate, Opcode::kEntropy, Opcode::kGather, Opcode::kFill}) {
    EXPECT_GE(valid[static_cast<uint32_t>(op)], 20) << "opcode " << static_cast<int>(op);
  }
}

std::string LanesName(const ::testing::TestParamInfo<int>& param) {
  std::ostringstream name;
  name << "n" << param.param;
  return name.str();
}

INSTANTIATE_TEST_SUITE_P(Lanes, GoldenCommandTimingTest, ::testing::Values(16, 8), LanesName);

}  // namespace
}  // namespace edgebert
