// The SoC top (rtl/soc/edgebert_soc.sv) at the small configuration, through its AXI4 port only
// (sim/harness/soc_sim.h): register reset values and access rules, interrupts, decode errors,
// bursts into every memory window under two AXI timings, commands through the queue checked bit for
// bit against golden::GoldenAccelerator, errors, queue overflow, early exit, the counters and a
// power cycle.
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>
#include <memory>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "golden/accelerator.h"
#include "golden/gb_command.h"
#include "golden/gb_golden.h"
#include "golden/matmul_command.h"
#include "golden/reram.h"
#include "harness/soc_sim.h"
#include "numerics/af8.h"
#include "numerics/af8_activation.h"
#include "numerics/af8_mac.h"
#include "regmap/edgebert_regs.h"

namespace edgebert {
namespace {

using driver::BusResponse;
using golden::Descriptor;
using golden::GbCommand;
using golden::MatmulCommand;
using regs::ErrCode;
using regs::Opcode;
using sim::AxiBurst;
using sim::SocTransport;

constexpr auto kTimeout = std::chrono::milliseconds(20000);
constexpr uint32_t kLanes = 16;

const golden::AcceleratorConfig kConfig = sim::SmallSocConfig();

uint32_t Bit(regs::Field f) { return regs::Set(f, 0, 1); }

// Backed bytes of each memory window at the small configuration.
struct Window {
  const char* name;
  uint32_t base;
  uint32_t backed;
  uint32_t value_mask;  // bits a word keeps (mask planes: n bits)
};
const Window kWindows[] = {
    {"WSRAM_VAL", regs::kMemWsramValBase, kConfig.limits.wsram_vectors* kLanes, 0xFFFFFFFF},
    {"WSRAM_MASK", regs::kMemWsramMaskBase, kConfig.limits.wsram_vectors * 4, 0xFFFF},
    {"UAB_VAL", regs::kMemUabValBase, kConfig.limits.uab_vectors* kLanes, 0xFFFFFFFF},
    {"UAB_MASK", regs::kMemUabMaskBase, kConfig.limits.uab_vectors * 4, 0xFFFF},
    {"AUX", regs::kMemAuxBase, kConfig.limits.aux_bytes, 0xFFFFFFFF},
    {"RERAM", regs::kMemReramBase, kConfig.limits.reram_words * 4, 0xFFFFFFFF},
};

class SocTest : public ::testing::Test {
 protected:
  SocTest() : soc_(sim::MakeSmallSocSim()), gold_(kConfig) {}

  uint32_t Reg(uint32_t offset) {
    uint32_t v = 0;
    EXPECT_EQ(soc_->Read(offset, {&v, 1}), BusResponse::kOkay) << "read of CSR " << offset;
    return v;
  }
  void SetReg(uint32_t offset, uint32_t value) {
    EXPECT_EQ(soc_->Write(offset, {&value, 1}), BusResponse::kOkay) << "write of CSR " << offset;
  }
  BusResponse TryRead(uint32_t address, uint32_t* value) { return soc_->Read(address, {value, 1}); }
  BusResponse TryWrite(uint32_t address, uint32_t value) {
    return soc_->Write(address, {&value, 1});
  }
  uint64_t Perf(uint32_t offset) {
    uint32_t w[2];
    EXPECT_EQ(soc_->Read(offset, w), BusResponse::kOkay);
    return (uint64_t{w[1]} << 32) | w[0];
  }

  void Push(const Descriptor& d) {
    EXPECT_EQ(soc_->Write(regs::kCmdDataOffset(0), d), BusResponse::kOkay);
    SetReg(regs::kCmdPushOffset, 1);
  }

  // Vectors [first, first + count) of a golden buffer into the SoC's planes, and back.
  void StoreVectors(uint32_t val_base, uint32_t mask_base, const golden::VectorMemory& mem,
                    uint32_t first, uint32_t count) {
    std::vector<uint32_t> values(size_t{count} * kLanes / 4), masks(count);
    for (uint32_t v = 0; v < count; ++v) {
      masks[v] = mem.mask(first + v);
      const auto slot = mem.slot(first + v);
      for (uint32_t b = 0; b < kLanes; ++b) {
        values[(v * kLanes + b) / 4] |= uint32_t{slot[b]} << (8 * (b % 4));
      }
    }
    ASSERT_EQ(soc_->Write(mask_base + 4 * first, masks), BusResponse::kOkay);
    ASSERT_EQ(soc_->Write(val_base + kLanes * first, values), BusResponse::kOkay);
  }
  void StoreUab(uint32_t first, uint32_t count) {
    StoreVectors(regs::kMemUabValBase, regs::kMemUabMaskBase, gold_.uab(), first, count);
  }
  void StoreWsram(uint32_t first, uint32_t count) {
    StoreVectors(regs::kMemWsramValBase, regs::kMemWsramMaskBase, gold_.wsram(), first, count);
  }
  void StoreAux(uint32_t address, uint32_t bytes) {
    std::vector<uint32_t> words(bytes / 4);
    for (uint32_t w = 0; w < words.size(); ++w) words[w] = gold_.aux().ReadWord(address + 4 * w);
    ASSERT_EQ(soc_->Write(regs::kMemAuxBase + address, words), BusResponse::kOkay);
  }

  // Nonzero masks among UAB vectors [first, first + count) of the golden model.
  uint32_t NonzeroVectors(uint32_t first, uint32_t count) {
    uint32_t nonzero = 0;
    for (uint32_t v = first; v < first + count; ++v) nonzero += gold_.uab().mask(v) != 0;
    return nonzero;
  }

  // Empty when the SoC's UAB vectors [first, first + count) (both planes) equal the golden's.
  std::string CompareUab(uint32_t first, uint32_t count, const std::string& what) {
    std::vector<uint32_t> values(size_t{count} * kLanes / 4), masks(count);
    if (soc_->Read(regs::kMemUabMaskBase + 4 * first, masks) != BusResponse::kOkay ||
        soc_->Read(regs::kMemUabValBase + kLanes * first, values) != BusResponse::kOkay) {
      return what + ": UAB read-back failed";
    }
    for (uint32_t v = 0; v < count; ++v) {
      const uint32_t vec = first + v;
      if (masks[v] != gold_.uab().mask(vec)) {
        return what + ": vector " + std::to_string(vec) + " mask " + std::to_string(masks[v]) +
               ", golden " + std::to_string(gold_.uab().mask(vec));
      }
      const auto slot = gold_.uab().slot(vec);
      for (uint32_t b = 0; b < kLanes; ++b) {
        const auto got = static_cast<uint8_t>(values[(v * kLanes + b) / 4] >> (8 * (b % 4)));
        if (got != slot[b]) {
          return what + ": vector " + std::to_string(vec) + " byte " + std::to_string(b) + " is " +
                 std::to_string(got) + ", golden " + std::to_string(slot[b]);
        }
      }
    }
    return "";
  }

  std::vector<uint8_t> RandomCodes(size_t count, double zero_fraction) {
    std::uniform_real_distribution<double> u(0.0, 1.0);
    std::vector<uint8_t> codes(count);
    for (auto& c : codes) c = u(rng_) < zero_fraction ? 0 : static_cast<uint8_t>(1 + rng_() % 255);
    return codes;
  }

  // A MATMUL with GELU and bias: A [m x k] at UAB 0, B [n x k] at WSRAM 0, C after A.
  MatmulCommand PlaceMatmul(uint32_t m, uint32_t n, uint32_t k) {
    MatmulCommand c;
    c.m = m;
    c.n = n;
    c.k = k;
    c.has_bias = true;
    c.act = static_cast<uint32_t>(regs::Act::kGelu);
    c.exp_a = -5;
    c.exp_b = -6;
    const int typical = c.exp_a + c.exp_b + 10 + static_cast<int>(std::log2(k) / 2);
    c.exp_c = typical - 8;
    c.exp_pre = typical - 8;
    c.a_stride = k / kLanes;
    c.b_stride = k / kLanes;
    c.c_addr = m * c.a_stride + 3;
    c.c_stride = n / kLanes + 1;
    std::vector<uint8_t> a = RandomCodes(size_t{m} * k, 0.3);
    for (uint32_t row = 0; row < m; row += 5) {  // some all-zero vectors: skipped VMACs
      std::fill_n(a.begin() + row * k + kLanes, kLanes, uint8_t{0});
    }
    gold_.uab().StoreTensor(0, c.a_stride, static_cast<int>(m), static_cast<int>(k), a);
    gold_.wsram().StoreTensor(0, c.b_stride, static_cast<int>(n), static_cast<int>(k),
                              RandomCodes(size_t{n} * k, 0.4));
    c.bias_addr = 256;
    std::vector<int32_t> bias(n);
    const double scale = std::ldexp(1.0, typical - af8::ProductExponent(c.exp_a, c.exp_b));
    std::normal_distribution<double> d(0.0, scale);
    for (auto& b : bias) b = static_cast<int32_t>(std::clamp(d(rng_), -2e9, 2e9));
    gold_.aux().WriteInt32s(c.bias_addr, bias);
    c.act_table_addr = 1024;
    gold_.aux().WriteBytes(c.act_table_addr,
                           af8::MakeActivationTable(af8::Activation::kGelu, c.exp_pre, c.exp_c));
    StoreUab(0, m * c.a_stride);
    StoreWsram(0, n * c.b_stride);
    StoreAux(0, 2048);
    return c;
  }

  GbCommand Fill(uint32_t dst, uint32_t rows, uint8_t value, bool irq) {
    GbCommand f;
    f.opcode = Opcode::kFill;
    f.irq = irq;
    f.rows = rows;
    f.cols = kLanes;
    f.dst_addr = dst;
    f.dst_stride = 1;
    f.value = value;
    return f;
  }

  bool WaitIrq() { return soc_->WaitForInterrupt(kTimeout); }

  std::unique_ptr<SocTransport> soc_;
  golden::GoldenAccelerator gold_;
  std::mt19937 rng_{2026};
};

// ---- Registers -----------------------------------------------------------------------------

TEST_F(SocTest, EveryRegisterHasItsResetValue) {
  for (const regs::RegisterInfo& r : regs::kRegisters) {
    uint32_t want = r.reset;
    // HWCFG describes this build, not the reference configuration.
    if (r.offset == regs::kHwcfg1Offset) {
      want = regs::Set(regs::hwcfg1::kUabKib, 0, kConfig.limits.uab_vectors * kLanes / 1024) |
             regs::Set(regs::hwcfg1::kAuxKib, 0, kConfig.limits.aux_bytes / 1024);
    } else if (r.offset == regs::kHwcfg2Offset) {
      want = regs::Set(regs::hwcfg2::kWsramKib, 0, kConfig.limits.wsram_vectors * kLanes / 1024) |
             regs::Set(regs::hwcfg2::kReramKib, 0, kConfig.limits.reram_words * 4 / 1024);
    }
    uint32_t got = 0;
    ASSERT_EQ(TryRead(r.offset, &got), BusResponse::kOkay) << r.name;
    if (r.offset == regs::kPerfIdleCyclesOffset(0)) {  // 0 at reset, then counts every idle cycle
      EXPECT_GT(got, 0u) << r.name;
      EXPECT_LT(got, 100000u) << r.name;
      continue;
    }
    EXPECT_EQ(got, want & r.read_mask) << r.name;
  }
  EXPECT_EQ(regs::Get(regs::hwcfg0::kLanes, Reg(regs::kHwcfg0Offset)), kLanes);
  EXPECT_EQ(regs::Get(regs::hwcfg0::kCmdqDepth, Reg(regs::kHwcfg0Offset)), sim::kSmallSocCmdqDepth);
  EXPECT_FALSE(soc_->InterruptLine());
}

TEST_F(SocTest, RegisterAccessRules) {
  // rw registers keep what is written; every rw field of every register round-trips.
  for (const regs::RegisterInfo& r : regs::kRegisters) {
    const uint32_t rw = r.writable_mask & r.read_mask & ~r.w1c_mask;
    if (rw == 0 || r.offset == regs::kCtrlOffset) continue;
    SetReg(r.offset, 0xA5C3F00F & rw);
    EXPECT_EQ(Reg(r.offset), 0xA5C3F00F & rw) << r.name;
    SetReg(r.offset, r.reset);
  }
  // A write to a read-only register: SLVERR, no effect.
  EXPECT_EQ(TryWrite(regs::kIdOffset, 0), BusResponse::kSlvErr);
  EXPECT_EQ(TryWrite(regs::kCmdSeqOffset, 5), BusResponse::kSlvErr);
  EXPECT_EQ(TryWrite(regs::kPerfVmacsOffset(0), 5), BusResponse::kSlvErr);
  EXPECT_EQ(Reg(regs::kIdOffset), regs::id::kResetValue);
  // Reserved offsets: SLVERR for reads and writes.
  for (uint32_t offset : {0x03Cu, 0x084u, 0x09Cu, 0x0FCu, 0x188u, 0x800u, 0xFFCu}) {
    uint32_t v = 1;
    EXPECT_EQ(TryRead(offset, &v), BusResponse::kSlvErr) << offset;
    EXPECT_EQ(v, 0u);
    EXPECT_EQ(TryWrite(offset, 1), BusResponse::kSlvErr) << offset;
  }
  // Write-only registers read 0.
  SetReg(regs::kIntrTestOffset, 0);
  EXPECT_EQ(Reg(regs::kIntrTestOffset), 0u);
  EXPECT_EQ(Reg(regs::kCmdPushOffset), 0u);

  // CSRs take single 4-byte beats only: bursts, 8-byte beats and partial strobes answer SLVERR.
  SetReg(regs::kScratchOffset, 0x1234);
  const auto burst =
      soc_->ReadBurst(AxiBurst{.address = regs::kScratchOffset, .beats = 2, .size = 2});
  ASSERT_EQ(burst.responses.size(), 2u);
  EXPECT_EQ(burst.responses[0], BusResponse::kSlvErr);
  EXPECT_EQ(burst.responses[1], BusResponse::kSlvErr);
  const uint64_t two[2] = {0x1111, 0x2222};
  EXPECT_EQ(soc_->WriteBurst(AxiBurst{.address = regs::kScratchOffset, .beats = 2, .size = 2}, two)
                .response,
            BusResponse::kSlvErr);
  const auto wide = soc_->ReadBurst(AxiBurst{.address = 0x30, .beats = 1, .size = 3});
  EXPECT_EQ(wide.responses[0], BusResponse::kSlvErr);
  const uint64_t partial[1] = {0xFFFF};
  EXPECT_EQ(soc_->WriteBurst(AxiBurst{.address = regs::kScratchOffset, .beats = 1, .size = 2},
                             partial, std::vector<uint8_t>{0x03})
                .response,
            BusResponse::kSlvErr);
  EXPECT_EQ(Reg(regs::kScratchOffset), 0x1234u);
  // A single beat in the high half of the bus (address bit 2 set) is a legal CSR access.
  const uint64_t high[1] = {uint64_t{0xBEEF} << 32};
  EXPECT_EQ(soc_->WriteBurst(AxiBurst{.address = regs::kCmdDataOffset(1), .beats = 1, .size = 2},
                             high, std::vector<uint8_t>{0xF0})
                .response,
            BusResponse::kOkay);
  EXPECT_EQ(Reg(regs::kCmdDataOffset(1)), 0xBEEFu);
}

TEST_F(SocTest, InterruptTestW1cAndTheLine) {
  SetReg(regs::kIntrTestOffset, Bit(regs::intr_test::kEarlyExit));
  EXPECT_EQ(Reg(regs::kIntrStateOffset), Bit(regs::intr_state::kEarlyExit));
  EXPECT_FALSE(soc_->InterruptLine()) << "cause set but not enabled";
  SetReg(regs::kIntrEnableOffset, Bit(regs::intr_enable::kDone));
  EXPECT_FALSE(soc_->InterruptLine());
  SetReg(regs::kIntrEnableOffset, Bit(regs::intr_enable::kEarlyExit));
  EXPECT_TRUE(soc_->InterruptLine());
  EXPECT_TRUE(soc_->WaitForInterrupt(std::chrono::milliseconds(10)));
  // W1C: writing 0 changes nothing, writing 1 clears.
  SetReg(regs::kIntrStateOffset, 0);
  EXPECT_TRUE(soc_->InterruptLine());
  SetReg(regs::kIntrStateOffset, Bit(regs::intr_state::kEarlyExit));
  EXPECT_EQ(Reg(regs::kIntrStateOffset), 0u);
  EXPECT_FALSE(soc_->InterruptLine());
  EXPECT_FALSE(soc_->WaitForInterrupt(std::chrono::milliseconds(20)));
  // Every cause through INTR_TEST.
  SetReg(regs::kIntrEnableOffset, 7);
  for (uint32_t cause = 0; cause < 3; ++cause) {
    SetReg(regs::kIntrTestOffset, 1u << cause);
    EXPECT_TRUE(soc_->InterruptLine()) << cause;
    EXPECT_EQ(Reg(regs::kIntrStateOffset), 1u << cause);
    SetReg(regs::kIntrStateOffset, 7);
    EXPECT_FALSE(soc_->InterruptLine()) << cause;
  }
}

// ---- Bus errors and memory windows ---------------------------------------------------------

TEST_F(SocTest, UnmappedAndUnbackedAddressesAnswerDecerr) {
  // Some of these bursts break the AXI rules on purpose (a burst off a backed end crosses 4 KiB;
  // beats wider than the bus): the checker records them instead of stopping the test, and they
  // must be exactly those, all on the master's side.
  soc_ = sim::MakeSmallSocSim({.axi_check = sim::SocOptions::AxiCheck::kRecord});
  for (uint32_t address : {0x00001000u, 0x08000000u, 0x18000000u, 0x21000000u - 0x100000u,
                           0x22100000u, 0x2F000000u, 0x31000000u, 0x80000000u, 0xFFFFFFF8u}) {
    // 0x20F00000 lies in UAB_VAL's window but beyond its backed part.
    uint32_t v = 7;
    EXPECT_EQ(TryRead(address, &v), BusResponse::kDecErr) << std::hex << address;
    EXPECT_EQ(v, 0u);
    EXPECT_EQ(TryWrite(address, 1), BusResponse::kDecErr) << std::hex << address;
  }
  for (const Window& w : kWindows) {
    uint32_t v = 0;
    EXPECT_EQ(TryRead(w.base + w.backed - 4, &v), BusResponse::kOkay) << w.name << " last word";
    EXPECT_EQ(TryRead(w.base + w.backed, &v), BusResponse::kDecErr) << w.name << " past the end";
    EXPECT_EQ(TryWrite(w.base + w.backed, 1), BusResponse::kDecErr) << w.name;
    // A burst running off the backed part: every beat answered, the first ones OKAY.
    const auto r = soc_->ReadBurst(AxiBurst{.address = w.base + w.backed - 16, .beats = 4});
    ASSERT_EQ(r.responses.size(), 4u) << w.name;
    EXPECT_EQ(r.responses[0], BusResponse::kOkay) << w.name;
    EXPECT_EQ(r.responses[1], BusResponse::kOkay) << w.name;
    EXPECT_EQ(r.responses[2], BusResponse::kDecErr) << w.name;
    EXPECT_EQ(r.responses[3], BusResponse::kDecErr) << w.name;
  }
  // FIXED and WRAP bursts and beats wider than the bus: SLVERR on every beat, no hang.
  const auto fixed = soc_->ReadBurst(
      AxiBurst{.address = regs::kMemAuxBase, .beats = 3, .type = sim::AxiBurstType::kFixed});
  EXPECT_EQ(fixed.responses, std::vector<BusResponse>(3, BusResponse::kSlvErr));
  const uint64_t data[4] = {1, 2, 3, 4};
  EXPECT_EQ(
      soc_->WriteBurst(
              AxiBurst{.address = regs::kMemAuxBase, .beats = 4, .type = sim::AxiBurstType::kWrap},
              data)
          .response,
      BusResponse::kSlvErr);
  const auto too_wide =
      soc_->ReadBurst(AxiBurst{.address = regs::kMemAuxBase, .beats = 2, .size = 4});
  EXPECT_EQ(too_wide.responses, std::vector<BusResponse>(2, BusResponse::kSlvErr));
  uint32_t v = 1;
  EXPECT_EQ(TryRead(regs::kMemAuxBase, &v), BusResponse::kOkay);
  EXPECT_EQ(v, 0u) << "the WRAP burst wrote nothing";

  const sim::AxiProtocolChecker& checker = *soc_->axi_checker();
  EXPECT_EQ(checker.Count(sim::AxiRule::kErrmAraddrBoundary), std::size(kWindows));
  EXPECT_EQ(checker.Count(sim::AxiRule::kErrmArsize), 1u);
  EXPECT_EQ(checker.TotalViolations(), std::size(kWindows) + 1);
  EXPECT_EQ(checker.SlaveViolations(), 0u);
}

// Random words into every window (unaligned starts, odd lengths, 4 KiB crossings, bursts over
// 256 beats), read back under two AXI timings: the same contents and responses either way.
TEST(SocBusTest, EveryMemoryWindowUnderTwoTimings) {
  std::vector<std::vector<uint32_t>> results[2];
  uint64_t cycles[2] = {};
  const uint64_t seeds[2] = {0, 0x5EED};
  for (int run = 0; run < 2; ++run) {
    auto soc = sim::MakeSmallSocSim({.axi_seed = seeds[run]});
    std::mt19937 rng(99);
    for (const Window& w : kWindows) {
      SCOPED_TRACE(w.name);
      // An unaligned start and an odd end; 8-aligned over 4 KiB pages (256-beat bursts); an
      // unaligned start to the last backed word; an aligned start with an odd end.
      const uint32_t runs[4][2] = {{4, 602},
                                   {w.backed / 2 - 4 * 700, 1400},
                                   {w.backed - 4 * 77, 77},
                                   {w.backed - 4 * 400, 199}};
      for (const auto& [offset, count] : runs) {
        std::vector<uint32_t> data(count);
        for (auto& d : data) d = static_cast<uint32_t>(rng());
        ASSERT_EQ(soc->Write(w.base + offset, data), BusResponse::kOkay) << offset;
        std::vector<uint32_t> back(count);
        ASSERT_EQ(soc->Read(w.base + offset, back), BusResponse::kOkay) << offset;
        for (uint32_t i = 0; i < count; ++i) {
          ASSERT_EQ(back[i], data[i] & w.value_mask) << "word " << i << " of run at " << offset;
        }
        results[run].push_back(back);
      }
    }
    // Byte strobes are honoured on the value planes, the aux buffer and the ReRAM.
    const uint64_t word[1] = {0x1122334455667788ull};
    for (const Window& w : kWindows) {
      if (w.value_mask != 0xFFFFFFFF) continue;
      const uint32_t base = w.base + 0x800;
      ASSERT_EQ(soc->WriteBurst(AxiBurst{.address = base, .beats = 1}, word).response,
                BusResponse::kOkay);
      const uint64_t update[1] = {0xAAAAAAAAAAAAAAAAull};
      ASSERT_EQ(
          soc->WriteBurst(AxiBurst{.address = base, .beats = 1}, update, std::vector<uint8_t>{0x5A})
              .response,
          BusResponse::kOkay);
      const auto r = soc->ReadBurst(AxiBurst{.address = base, .beats = 1});
      EXPECT_EQ(r.data[0], 0x11AA33AAAA66AA88ull) << w.name;
    }
    cycles[run] = soc->Cycles();
  }
  EXPECT_EQ(results[0], results[1]);
  EXPECT_GT(cycles[1], cycles[0]) << "the seeded timing inserts delays";
}

// Byte strobes apply to the mask planes too, alike in the UAB and the WSRAM (one host-port
// module serves both): strobe b writes mask bits 8b..8b+7 of its word and keeps the others.
TEST_F(SocTest, MaskPlaneWritesHonourTheirStrobes) {
  for (const uint32_t base : {regs::kMemUabMaskBase, regs::kMemWsramMaskBase}) {
    SCOPED_TRACE(base);
    const uint32_t address = base + 0x800;  // mask words of vectors 512 and 513, one 8-byte beat
    const uint64_t ones[1] = {0x0000FFFF0000FFFFull};
    ASSERT_EQ(soc_->WriteBurst(AxiBurst{.address = address, .beats = 1}, ones).response,
              BusResponse::kOkay);
    const uint64_t update[1] = {0x0000A5C30000A5C3ull};
    // Low byte of the first word, high byte of the second.
    ASSERT_EQ(soc_->WriteBurst(AxiBurst{.address = address, .beats = 1}, update,
                               std::vector<uint8_t>{0x21})
                  .response,
              BusResponse::kOkay);
    const auto r = soc_->ReadBurst(AxiBurst{.address = address, .beats = 1});
    ASSERT_EQ(r.data.size(), 1u);
    EXPECT_EQ(r.data[0], 0x0000A5FF0000FFC3ull);
  }
}

// ---- Commands through the queue -------------------------------------------------------------

TEST_F(SocTest, MatmulThroughTheQueueMatchesGolden) {
  MatmulCommand c = PlaceMatmul(40, 48, 64);
  c.irq = true;
  SetReg(regs::kIntrEnableOffset, 7);
  Push(golden::ToDescriptor(c));
  ASSERT_TRUE(WaitIrq()) << "no interrupt after the MATMUL";
  EXPECT_EQ(Reg(regs::kIntrStateOffset), Bit(regs::intr_state::kDone));
  EXPECT_EQ(Reg(regs::kErrCauseOffset), 0u);
  EXPECT_EQ(Reg(regs::kCmdSeqOffset), 1u);
  const uint32_t status = Reg(regs::kStatusOffset);
  EXPECT_EQ(regs::Get(regs::status::kBusy, status), 0u);
  EXPECT_EQ(regs::Get(regs::status::kCmdqEmpty, status), 1u);

  // Nonzero MACs by their definition, from the operands' masks (before C is written).
  const uint32_t groups = c.k / kLanes;
  uint64_t macs_nonzero = 0;
  for (uint32_t i = 0; i < c.m; ++i) {
    for (uint32_t j = 0; j < c.n; ++j) {
      for (uint32_t g = 0; g < groups; ++g) {
        macs_nonzero +=
            static_cast<uint64_t>(std::popcount(gold_.uab().mask(c.a_addr + i * c.a_stride + g) &
                                                gold_.wsram().mask(c.b_addr + j * c.b_stride + g)));
      }
    }
  }
  const golden::CommandOutcome want = gold_.Execute(golden::ToDescriptor(c));
  ASSERT_EQ(want.error, ErrCode::kNone);
  EXPECT_EQ(CompareUab(0, c.c_addr + c.m * c.c_stride + 8, "MATMUL"), "");
  EXPECT_GT(NonzeroVectors(c.c_addr, c.m * c.c_stride), c.m) << "test data: a nonzero result";

  // Counters: the PU's events, 64-bit; CLR_PERF zeroes them.
  EXPECT_GT(Perf(regs::kPerfBusyCyclesOffset(0)), want.vmacs / kLanes);
  EXPECT_GT(Perf(regs::kPerfMacCyclesOffset(0)), 0u);
  EXPECT_EQ(Perf(regs::kPerfVmacsOffset(0)), want.vmacs);
  EXPECT_EQ(Perf(regs::kPerfVmacsSkippedOffset(0)), want.vmacs_skipped);
  EXPECT_EQ(Perf(regs::kPerfSaturationsOffset(0)), want.saturations);
  EXPECT_GT(want.vmacs_skipped, 0u) << "test data: some all-zero vectors";
  // Activity counters, by the PU's dataflow: every B vector is read once per row block of
  // kSmallSocAccRows rows (with its bias word), every A vector once per column block, every C
  // vector written once; GELU loads the 256-byte table (64 aux words).
  const uint64_t row_blocks = (c.m + sim::kSmallSocAccRows - 1) / sim::kSmallSocAccRows;
  const uint64_t n_blocks = c.n / kLanes;
  EXPECT_EQ(Perf(regs::kPerfMacsNonzeroOffset(0)), macs_nonzero);
  EXPECT_EQ(want.macs_nonzero, macs_nonzero) << "the golden's count";
  EXPECT_GT(macs_nonzero, 0u);
  EXPECT_LT(macs_nonzero, (want.vmacs - want.vmacs_skipped) * kLanes) << "test data: sparse";
  EXPECT_EQ(Perf(regs::kPerfWsramReadsOffset(0)), row_blocks * c.n * groups);
  EXPECT_EQ(Perf(regs::kPerfUabReadsOffset(0)), uint64_t{c.m} * n_blocks * groups);
  EXPECT_EQ(Perf(regs::kPerfUabWritesOffset(0)), uint64_t{c.m} * n_blocks);
  EXPECT_EQ(Perf(regs::kPerfAuxReadsOffset(0)), 64 + row_blocks * c.n * groups);
  EXPECT_EQ(Perf(regs::kPerfAuxWritesOffset(0)), 0u);
  EXPECT_EQ(Perf(regs::kPerfGbBusyCyclesOffset(0)), 0u);
  EXPECT_EQ(Perf(regs::kPerfReramSlcReadsOffset(0)), 0u);
  EXPECT_EQ(Perf(regs::kPerfReramMlc2ReadsOffset(0)), 0u);
  EXPECT_EQ(Perf(regs::kPerfReramMlc3ReadsOffset(0)), 0u);
  EXPECT_GT(Perf(regs::kPerfIdleCyclesOffset(0)), 0u);
  SetReg(regs::kCtrlOffset, Bit(regs::ctrl::kEnable) | Bit(regs::ctrl::kClrPerf));
  for (uint32_t offset = regs::kPerfBusyCyclesOffset(0); offset <= regs::kPerfIdleCyclesOffset(1);
       offset += 4) {
    if (offset == regs::kPerfIdleCyclesOffset(0)) {  // counts on: the cycles since the clear
      EXPECT_LT(Reg(offset), 1000u) << "PERF_IDLE_CYCLES after CLR_PERF";
    } else {
      EXPECT_EQ(Reg(offset), 0u) << "PERF word at " << offset;
    }
  }
  EXPECT_EQ(Reg(regs::kCtrlOffset), Bit(regs::ctrl::kEnable));
}

TEST_F(SocTest, IdleAndBusyCyclesCoverEveryCycleAndTheHighWordLatches) {
  // Idle: every cycle without a command. Between two reads of the idle counter's low word with
  // nothing running, it advances by the cycles between them; the high words read the value
  // latched by the last low-word read (0 here, far below 2^32).
  SetReg(regs::kCtrlOffset, Bit(regs::ctrl::kEnable) | Bit(regs::ctrl::kClrPerf));
  const uint64_t t0 = soc_->Cycles();
  const uint32_t idle0 = Reg(regs::kPerfIdleCyclesOffset(0));
  EXPECT_EQ(Reg(regs::kPerfIdleCyclesOffset(1)), 0u);
  const uint64_t t1 = soc_->Cycles();
  const uint32_t idle1 = Reg(regs::kPerfIdleCyclesOffset(0));
  EXPECT_GT(idle1, idle0);
  EXPECT_EQ(idle1 - idle0, t1 - t0) << "the same register read, cycle for cycle";
  // A FILL of 8 rows: busy cycles are counted on the GB, idle ones stop while it runs.
  Push(golden::ToDescriptor(Fill(0, 8, 0x3C, true)));
  SetReg(regs::kIntrEnableOffset, 7);
  ASSERT_TRUE(WaitIrq());
  const uint64_t idle = Perf(regs::kPerfIdleCyclesOffset(0));
  const uint64_t busy = Perf(regs::kPerfBusyCyclesOffset(0));
  const uint64_t gb_busy = Perf(regs::kPerfGbBusyCyclesOffset(0));
  EXPECT_GT(busy, 8u);
  EXPECT_EQ(gb_busy + 1, busy) << "all but the sequencer's issue cycle";
  EXPECT_EQ(Perf(regs::kPerfUabWritesOffset(0)), 8u) << "FILL writes each vector once";
  EXPECT_EQ(Perf(regs::kPerfUabReadsOffset(0)), 0u);
  EXPECT_EQ(Perf(regs::kPerfWsramReadsOffset(0)), 0u);
  EXPECT_EQ(Perf(regs::kPerfMacsNonzeroOffset(0)), 0u);
  // Idle + busy = the cycles from the clear to the low-word read of PERF_IDLE_CYCLES, within
  // the few cycles of the register reads in between.
  EXPECT_GT(idle, idle1);
  const uint64_t elapsed = soc_->Cycles() - t0;
  EXPECT_LE(idle + busy, elapsed + 100);
  EXPECT_GE(idle + busy + 100, elapsed);
  for (uint32_t offset = regs::kPerfMacsNonzeroOffset(1); offset <= regs::kPerfIdleCyclesOffset(1);
       offset += 8) {
    EXPECT_EQ(Reg(offset), 0u) << "high word at " << offset;
  }
}

TEST_F(SocTest, RowOperationsThroughTheQueueMatchGolden) {
  const uint32_t n = kLanes;
  // Inputs: rows of 8 vectors at UAB 0 and 64.
  gold_.uab().StoreTensor(0, 8, 8, static_cast<int>(8 * n), RandomCodes(8 * 8 * n, 0.1));
  gold_.uab().StoreTensor(64, 8, 8, static_cast<int>(8 * n), RandomCodes(8 * 8 * n, 0.1));
  GbCommand softmax;
  softmax.opcode = Opcode::kSoftmax;
  softmax.rows = 8;
  softmax.cols = 8 * n;
  softmax.keys = 7 * n - 5;
  softmax.has_span = true;
  softmax.exp_in = -4;
  softmax.exp_out = -7;
  softmax.src_stride = 8;
  softmax.dst_addr = 128;
  softmax.dst_stride = 8;
  softmax.aux_addr = 0;
  std::vector<uint8_t> span(8 * n);
  for (size_t i = 0; i < span.size(); ++i) span[i] = i < 5 * n ? 128 : 64;
  gold_.aux().WriteBytes(0, span);
  GbCommand layernorm;
  layernorm.opcode = Opcode::kLayernorm;
  layernorm.rows = 8;
  layernorm.cols = 8 * n;
  layernorm.exp_in = -4;
  layernorm.exp_out = -4;
  layernorm.exp_gamma = -7;
  layernorm.exp_beta = -8;
  layernorm.src_addr = 64;
  layernorm.src_stride = 8;
  layernorm.dst_addr = 192;
  layernorm.dst_stride = 8;
  layernorm.aux_addr = 1024;
  layernorm.beta_addr = 2048;
  gold_.aux().WriteBytes(1024, RandomCodes(8 * n, 0.0));
  gold_.aux().WriteBytes(2048, RandomCodes(8 * n, 0.0));
  GbCommand add;
  add.opcode = Opcode::kAdd;
  add.irq = true;
  add.rows = 8;
  add.cols = 8 * n;
  add.exp_in = -7;
  add.exp_b = -4;
  add.exp_out = -5;
  add.src_addr = 128;  // the softmax output
  add.src_stride = 8;
  add.b_addr = 192;  // the LayerNorm output
  add.b_stride = 8;
  add.dst_addr = 256;
  add.dst_stride = 8;

  StoreUab(0, 128);
  StoreAux(0, 4096);
  SetReg(regs::kIntrEnableOffset, 7);
  SetReg(regs::kCtrlOffset, 0);  // stage all three, then run
  for (const GbCommand& g : {softmax, layernorm, add}) Push(golden::ToDescriptor(g));
  EXPECT_EQ(regs::Get(regs::status::kCmdqLevel, Reg(regs::kStatusOffset)), 3u);
  SetReg(regs::kCtrlOffset, Bit(regs::ctrl::kEnable));
  ASSERT_TRUE(WaitIrq());
  EXPECT_EQ(Reg(regs::kIntrStateOffset), Bit(regs::intr_state::kDone));
  EXPECT_EQ(Reg(regs::kCmdSeqOffset), 3u);
  for (const GbCommand& g : {softmax, layernorm, add}) {
    ASSERT_EQ(gold_.Execute(golden::ToDescriptor(g)).error, ErrCode::kNone);
  }
  EXPECT_EQ(CompareUab(0, 320, "SOFTMAX, LAYERNORM, ADD"), "");
  // Each row command writes every output vector once; ADD reads two inputs per output. The GB
  // held each command for all its busy cycles but the sequencer's issue cycle; no PU activity.
  EXPECT_EQ(Perf(regs::kPerfUabWritesOffset(0)), 3u * 64);
  EXPECT_GE(Perf(regs::kPerfUabReadsOffset(0)), 3u * 64 + 64);
  EXPECT_EQ(Perf(regs::kPerfGbBusyCyclesOffset(0)) + 3, Perf(regs::kPerfBusyCyclesOffset(0)));
  EXPECT_GT(Perf(regs::kPerfAuxReadsOffset(0)), 0u) << "span mask, gamma, beta";
  EXPECT_EQ(Perf(regs::kPerfWsramReadsOffset(0)), 0u);
  EXPECT_EQ(Perf(regs::kPerfMacsNonzeroOffset(0)), 0u);
  for (uint32_t dst : {128u, 192u, 256u}) {
    EXPECT_GT(NonzeroVectors(dst, 64), 16u) << "test data: a nonzero result at " << dst;
  }
}

// ---- Errors, overflow, early exit, abort ---------------------------------------------------

TEST_F(SocTest, BadCommandRaisesErrorAndFlushesTheQueue) {
  SetReg(regs::kIntrEnableOffset, 7);
  SetReg(regs::kCtrlOffset, 0);
  MatmulCommand bad = PlaceMatmul(16, 32, 32);
  bad.n = kLanes + 1;  // BAD_SHAPE
  Push(golden::ToDescriptor(Fill(1000, 2, 0x35, false)));
  Push(golden::ToDescriptor(bad));
  Push(golden::ToDescriptor(Fill(1100, 2, 0x36, true)));
  SetReg(regs::kCtrlOffset, Bit(regs::ctrl::kEnable));
  ASSERT_TRUE(WaitIrq());
  EXPECT_EQ(Reg(regs::kIntrStateOffset), Bit(regs::intr_state::kError));
  const uint32_t cause = Reg(regs::kErrCauseOffset);
  EXPECT_EQ(regs::Get(regs::err_cause::kCode, cause), static_cast<uint32_t>(ErrCode::kBadShape));
  EXPECT_EQ(regs::Get(regs::err_cause::kOpcode, cause), static_cast<uint32_t>(Opcode::kMatmul));
  EXPECT_EQ(Reg(regs::kErrSeqOffset), 2u) << "the second command since reset";
  EXPECT_EQ(Reg(regs::kCmdSeqOffset), 1u);
  const uint32_t status = Reg(regs::kStatusOffset);
  EXPECT_EQ(regs::Get(regs::status::kHalted, status), 1u);
  EXPECT_EQ(regs::Get(regs::status::kCmdqEmpty, status), 1u);
  EXPECT_EQ(regs::Get(regs::status::kBusy, status), 0u);
  // The first FILL ran, the failing MATMUL wrote nothing, the flushed FILL never ran.
  ASSERT_EQ(gold_.Execute(golden::ToDescriptor(Fill(1000, 2, 0x35, false))).error, ErrCode::kNone);
  EXPECT_EQ(CompareUab(1000, 2, "first FILL"), "");
  EXPECT_EQ(CompareUab(1100, 2, "flushed FILL"), "");
  EXPECT_EQ(CompareUab(16 * 2, 64, "MATMUL C region"), "");

  // A second error while ERROR is set does not overwrite the first's details.
  golden::Descriptor undefined{};
  undefined[0] = 0x2A;
  SetReg(regs::kCtrlOffset, 0);
  Push(undefined);
  EXPECT_EQ(regs::Get(regs::status::kHalted, Reg(regs::kStatusOffset)), 0u)
      << "a push clears HALTED";
  SetReg(regs::kCtrlOffset, Bit(regs::ctrl::kEnable));
  soc_->Run(50);
  EXPECT_EQ(regs::Get(regs::status::kHalted, Reg(regs::kStatusOffset)), 1u);
  EXPECT_EQ(regs::Get(regs::err_cause::kCode, Reg(regs::kErrCauseOffset)),
            static_cast<uint32_t>(ErrCode::kBadShape));
  // Clearing ERROR clears the details and re-arms the capture.
  SetReg(regs::kIntrStateOffset, Bit(regs::intr_state::kError));
  EXPECT_EQ(Reg(regs::kErrCauseOffset), 0u);
  EXPECT_EQ(Reg(regs::kErrSeqOffset), 0u);
  Push(undefined);
  ASSERT_TRUE(WaitIrq());
  EXPECT_EQ(regs::Get(regs::err_cause::kCode, Reg(regs::kErrCauseOffset)),
            static_cast<uint32_t>(ErrCode::kBadOpcode));
  EXPECT_EQ(regs::Get(regs::err_cause::kOpcode, Reg(regs::kErrCauseOffset)), 0x2Au);
  EXPECT_EQ(Reg(regs::kErrSeqOffset), 2u);
  EXPECT_EQ(Reg(regs::kCmdSeqOffset), 1u);
}

TEST_F(SocTest, PushIntoAFullQueueIsCmdqOverflow) {
  SetReg(regs::kIntrEnableOffset, Bit(regs::intr_enable::kError));
  SetReg(regs::kCtrlOffset, 0);
  golden::Descriptor nop{};
  for (uint32_t i = 0; i < sim::kSmallSocCmdqDepth; ++i) Push(nop);
  uint32_t status = Reg(regs::kStatusOffset);
  EXPECT_EQ(regs::Get(regs::status::kCmdqFull, status), 1u);
  EXPECT_EQ(regs::Get(regs::status::kCmdqLevel, status), sim::kSmallSocCmdqDepth);
  EXPECT_FALSE(soc_->InterruptLine());
  Push(golden::ToDescriptor(Fill(0, 1, 1, true)));
  ASSERT_TRUE(soc_->InterruptLine());
  const uint32_t cause = Reg(regs::kErrCauseOffset);
  EXPECT_EQ(regs::Get(regs::err_cause::kCode, cause),
            static_cast<uint32_t>(ErrCode::kCmdqOverflow));
  EXPECT_EQ(regs::Get(regs::err_cause::kOpcode, cause), static_cast<uint32_t>(Opcode::kFill));
  EXPECT_EQ(Reg(regs::kErrSeqOffset), sim::kSmallSocCmdqDepth + 1);
  status = Reg(regs::kStatusOffset);
  EXPECT_EQ(regs::Get(regs::status::kCmdqEmpty, status), 1u) << "queue flushed";
  EXPECT_EQ(regs::Get(regs::status::kCmdqLevel, status), 0u);
  EXPECT_EQ(regs::Get(regs::status::kHalted, status), 1u);
  SetReg(regs::kCtrlOffset, Bit(regs::ctrl::kEnable));
  soc_->Run(100);
  EXPECT_EQ(Reg(regs::kCmdSeqOffset), 0u) << "nothing ran";
}

TEST_F(SocTest, EarlyExitWithStopOnExitFlushesTheRest) {
  gold_.uab().StoreTensor(7, 1, 1, static_cast<int>(kLanes), RandomCodes(kLanes, 0.0));
  StoreUab(0, 16);
  GbCommand entropy;
  entropy.opcode = Opcode::kEntropy;
  entropy.stop_on_exit = true;
  entropy.rows = 1;
  entropy.cols = 3;
  entropy.exp_in = -3;
  entropy.src_addr = 7;
  entropy.aux_addr = 4000;
  const uint32_t threshold = 0x7FFFFFFF;  // 128 nats: any 3-label entropy is below
  gold_.entropy_threshold_q24 = threshold;
  SetReg(regs::kEntropyThresholdOffset, threshold);
  SetReg(regs::kIntrEnableOffset, 7);
  SetReg(regs::kCtrlOffset, 0);
  Push(golden::ToDescriptor(entropy));
  Push(golden::ToDescriptor(Fill(100, 2, 0x40, true)));
  Push(golden::ToDescriptor(Fill(200, 2, 0x41, true)));
  SetReg(regs::kCtrlOffset, Bit(regs::ctrl::kEnable));
  ASSERT_TRUE(WaitIrq());
  EXPECT_EQ(Reg(regs::kIntrStateOffset), Bit(regs::intr_state::kEarlyExit));
  const golden::CommandOutcome want = gold_.Execute(golden::ToDescriptor(entropy));
  ASSERT_EQ(want.error, ErrCode::kNone);
  ASSERT_TRUE(want.early_exit);
  EXPECT_EQ(Reg(regs::kEntropyLastOffset), want.entropy_q24);
  uint32_t h = 0;
  ASSERT_EQ(TryRead(regs::kMemAuxBase + 4000, &h), BusResponse::kOkay);
  EXPECT_EQ(h, want.entropy_q24);
  EXPECT_EQ(Reg(regs::kCmdSeqOffset), 1u);
  const uint32_t status = Reg(regs::kStatusOffset);
  EXPECT_EQ(regs::Get(regs::status::kHalted, status), 1u);
  EXPECT_EQ(regs::Get(regs::status::kCmdqEmpty, status), 1u);
  EXPECT_EQ(CompareUab(100, 2, "flushed FILL"), "");
  EXPECT_EQ(CompareUab(200, 2, "flushed FILL"), "");

  // Without STOP_ON_EXIT the queue goes on; a threshold of 0 never exits.
  SetReg(regs::kIntrStateOffset, 7);
  entropy.stop_on_exit = false;
  Push(golden::ToDescriptor(entropy));
  Push(golden::ToDescriptor(Fill(100, 2, 0x40, true)));
  ASSERT_TRUE(WaitIrq());
  soc_->Run(50);
  EXPECT_EQ(Reg(regs::kIntrStateOffset),
            Bit(regs::intr_state::kEarlyExit) | Bit(regs::intr_state::kDone));
  EXPECT_EQ(Reg(regs::kCmdSeqOffset), 3u);
  SetReg(regs::kIntrStateOffset, 7);
  SetReg(regs::kEntropyThresholdOffset, 0);
  entropy.irq = true;
  Push(golden::ToDescriptor(entropy));
  ASSERT_TRUE(WaitIrq());
  EXPECT_EQ(Reg(regs::kIntrStateOffset), Bit(regs::intr_state::kDone));
}

TEST_F(SocTest, MemoryIsRefusedWhileACommandRunsAndAbort) {
  MatmulCommand c = PlaceMatmul(128, 64, 128);
  c.irq = true;
  SetReg(regs::kIntrEnableOffset, 7);
  Push(golden::ToDescriptor(c));
  EXPECT_EQ(regs::Get(regs::status::kBusy, Reg(regs::kStatusOffset)), 1u);
  uint32_t v = 0;
  EXPECT_EQ(TryWrite(regs::kMemUabValBase, 1), BusResponse::kSlvErr);
  EXPECT_EQ(TryRead(regs::kMemWsramValBase, &v), BusResponse::kSlvErr);
  EXPECT_EQ(TryRead(regs::kMemAuxBase, &v), BusResponse::kSlvErr);
  EXPECT_EQ(TryRead(regs::kMemReramBase, &v), BusResponse::kSlvErr);
  ASSERT_TRUE(WaitIrq());
  EXPECT_EQ(Reg(regs::kIntrStateOffset), Bit(regs::intr_state::kDone));
  ASSERT_EQ(gold_.Execute(golden::ToDescriptor(c)).error, ErrCode::kNone);
  EXPECT_EQ(CompareUab(0, c.c_addr + c.m * c.c_stride, "MATMUL, refused writes"), "");
  SetReg(regs::kIntrStateOffset, 7);

  // ABORT: the queue is flushed, the running command's end is not reported.
  Push(golden::ToDescriptor(c));
  Push(golden::ToDescriptor(Fill(3000, 4, 0x11, true)));
  SetReg(regs::kCtrlOffset, Bit(regs::ctrl::kEnable) | Bit(regs::ctrl::kAbort));
  EXPECT_EQ(regs::Get(regs::status::kCmdqEmpty, Reg(regs::kStatusOffset)), 1u);
  for (int i = 0; i < 1000 && regs::Get(regs::status::kBusy, Reg(regs::kStatusOffset)); ++i) {
    soc_->Run(100);
  }
  EXPECT_EQ(regs::Get(regs::status::kBusy, Reg(regs::kStatusOffset)), 0u);
  EXPECT_FALSE(soc_->InterruptLine());
  EXPECT_EQ(Reg(regs::kIntrStateOffset), 0u);
  EXPECT_EQ(Reg(regs::kCmdSeqOffset), 1u);
  EXPECT_EQ(regs::Get(regs::status::kHalted, Reg(regs::kStatusOffset)), 0u);
  EXPECT_EQ(CompareUab(3000, 4, "FILL flushed by ABORT"), "");
}

// GATHER from tables programmed through the RERAM window, with MLC3 faults set in RERAM_CTRL and
// RERAM_SEED: the same rows as the golden model reading the same store with the same settings.
TEST_F(SocTest, GatherReadsTheReramWithTheRegisteredSettings) {
  const uint32_t tokens = 6, dim = 4 * kLanes;
  GbCommand c;
  c.opcode = Opcode::kGather;
  c.irq = true;
  c.rows = tokens;
  c.cols = dim;
  c.exp_out = -3;
  c.dst_addr = 600;
  c.dst_stride = dim / kLanes;
  c.ids_addr = 64;
  c.types_addr = 128;
  golden::ReramStore& store = gold_.reram();
  const int rows[3] = {40, 8, 2}, biases[3] = {-6, -7, -9};
  uint32_t* tables[3] = {&c.word_table, &c.pos_table, &c.type_table};
  uint32_t slc = 16, value = kConfig.reram_value_base_word + 8;
  for (int t = 0; t < 3; ++t) {
    const auto packed =
        golden::PackEmbeddingTable(rows[t], static_cast<int>(dim), static_cast<int>(kLanes),
                                   RandomCodes(static_cast<size_t>(rows[t]) * dim, 0.3), biases[t]);
    golden::WriteEmbeddingTable(store, slc, value, packed);
    *tables[t] = 4 * slc;
    slc += packed.SlcWords() + 3;
    value += packed.ValueWords() + 5;
  }
  for (uint32_t t = 0; t < tokens; ++t) {
    const uint8_t id[2] = {static_cast<uint8_t>(rng_() % 40), 0};
    const uint8_t type[1] = {static_cast<uint8_t>(t % 2)};
    gold_.aux().WriteBytes(c.ids_addr + 2 * t, id);
    gold_.aux().WriteBytes(c.types_addr + t, type);
  }
  std::vector<uint32_t> words(kConfig.limits.reram_words);
  for (uint32_t w = 0; w < words.size(); ++w) words[w] = store.Stored(w);
  ASSERT_EQ(soc_->Write(regs::kMemReramBase, std::span(words).first(slc)), BusResponse::kOkay);
  ASSERT_EQ(soc_->Write(regs::kMemReramBase + 4 * kConfig.reram_value_base_word,
                        std::span(words).subspan(kConfig.reram_value_base_word,
                                                 value - kConfig.reram_value_base_word)),
            BusResponse::kOkay);
  StoreAux(0, 256);
  gold_.reram_settings = {golden::CellMode::kMlc3, true, 77};
  SetReg(regs::kReramCtrlOffset, regs::Set(regs::reram_ctrl::kValueMode, 0, 2) |
                                     regs::Set(regs::reram_ctrl::kFaultEn, 0, 1));
  SetReg(regs::kReramSeedOffset, 77);
  SetReg(regs::kIntrEnableOffset, 7);
  Push(golden::ToDescriptor(c));
  ASSERT_TRUE(WaitIrq());
  EXPECT_EQ(Reg(regs::kIntrStateOffset), Bit(regs::intr_state::kDone));
  ASSERT_EQ(gold_.Execute(golden::ToDescriptor(c)).error, ErrCode::kNone);
  EXPECT_GT(NonzeroVectors(c.dst_addr, tokens * c.dst_stride), tokens);
  EXPECT_EQ(CompareUab(c.dst_addr, tokens * c.dst_stride, "GATHER"), "");
  // ReRAM reads by cell mode: the SLC region (headers, masks, offsets) and the value region in
  // MLC3; every output vector written once.
  EXPECT_GT(Perf(regs::kPerfReramSlcReadsOffset(0)), 0u);
  EXPECT_GT(Perf(regs::kPerfReramMlc3ReadsOffset(0)), 0u);
  EXPECT_EQ(Perf(regs::kPerfReramMlc2ReadsOffset(0)), 0u);
  EXPECT_EQ(Perf(regs::kPerfUabWritesOffset(0)), uint64_t{tokens} * c.dst_stride);
  EXPECT_GT(Perf(regs::kPerfAuxReadsOffset(0)), 0u) << "the token ids and types";
}

// ---- Power cycle ---------------------------------------------------------------------------

TEST_F(SocTest, PowerCycleKeepsTheReramAndLosesTheSram) {
  std::vector<uint32_t> words(300);
  for (auto& w : words) w = static_cast<uint32_t>(rng_());
  ASSERT_EQ(soc_->Write(regs::kMemReramBase + 0x1004, words), BusResponse::kOkay);
  ASSERT_EQ(soc_->Write(regs::kMemUabValBase + 0x100, words), BusResponse::kOkay);
  ASSERT_EQ(soc_->Write(regs::kMemUabMaskBase + 0x100, words), BusResponse::kOkay);
  ASSERT_EQ(soc_->Write(regs::kMemWsramValBase + 0x100, words), BusResponse::kOkay);
  ASSERT_EQ(soc_->Write(regs::kMemAuxBase + 0x100, words), BusResponse::kOkay);
  SetReg(regs::kScratchOffset, 77);
  SetReg(regs::kIntrEnableOffset, 7);
  SetReg(regs::kIntrTestOffset, 1);
  ASSERT_TRUE(soc_->InterruptLine());

  soc_->PowerCycle();
  EXPECT_FALSE(soc_->InterruptLine());
  EXPECT_EQ(Reg(regs::kScratchOffset), 0u);
  EXPECT_EQ(Reg(regs::kIntrEnableOffset), 0u);
  std::vector<uint32_t> back(words.size());
  ASSERT_EQ(soc_->Read(regs::kMemReramBase + 0x1004, back), BusResponse::kOkay);
  EXPECT_EQ(back, words) << "ReRAM survives";
  const std::vector<uint32_t> zeros(words.size(), 0);
  for (uint32_t base :
       {regs::kMemUabValBase, regs::kMemUabMaskBase, regs::kMemWsramValBase, regs::kMemAuxBase}) {
    ASSERT_EQ(soc_->Read(base + 0x100, back), BusResponse::kOkay);
    EXPECT_EQ(back, zeros) << "SRAM at " << std::hex << base << " lost";
  }
}

}  // namespace
}  // namespace edgebert
