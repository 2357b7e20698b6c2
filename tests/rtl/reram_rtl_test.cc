// The Verilated ReRAM store (rtl/gb/reram_store.sv, ReramWords = 65536, ValueBaseWord = 16384)
// against golden::ReramStore: every word read with faults off and on (each mode, two seeds),
// forced SLC faults, per-mode latency, out-of-range answers, and persistence across rst_ni.
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <random>

#include "Vreram_store.h"
#include "golden/reram.h"
#include "harness/rtl_assert.h"

namespace edgebert {
namespace {

using golden::CellMode;

constexpr uint32_t kWords = 65536;
constexpr uint32_t kValueBase = 16384;
constexpr uint64_t kMaxReadCycles = 300;

struct ReadResult {
  uint32_t data = 0;
  bool err = false;
  int latency = 0;  // cycles from the accepting edge to rd_valid_o
  bool timed_out = false;
};

// Clock loop around the model (as sim/harness/pu_harness.h): inputs are set between edges, outputs
// sampled after the falling edge.
class ReramRtl {
 public:
  ReramRtl() : rtl_(std::make_unique<Vreram_store>()) {
    rtl_->clk_i = 0;
    rtl_->rst_ni = 1;
    rtl_->rd_en_i = 0;
    rtl_->wr_en_i = 0;
    SetMode(1, false, 1);
    SetLatency(1, 1, 2);
    Reset();
  }

  Vreram_store& rtl() { return *rtl_; }

  void Tick() {
    rtl_->clk_i = 1;
    rtl_->eval();
    sim::CheckRtlAssertions(cycle_);
    rtl_->clk_i = 0;
    rtl_->eval();
    ++cycle_;
  }

  void Reset() {
    rtl_->rst_ni = 0;
    rtl_->eval();
    Tick();
    rtl_->rst_ni = 1;
    rtl_->eval();
  }

  void SetMode(uint32_t mode, bool fault_en, uint32_t seed) {
    rtl_->mode_i = static_cast<uint8_t>(mode);
    rtl_->fault_en_i = fault_en;
    rtl_->seed_i = seed;
    rtl_->eval();
  }

  void SetLatency(uint32_t slc, uint32_t mlc2, uint32_t mlc3) {
    rtl_->lat_slc_i = static_cast<uint8_t>(slc);
    rtl_->lat_mlc2_i = static_cast<uint8_t>(mlc2);
    rtl_->lat_mlc3_i = static_cast<uint8_t>(mlc3);
    rtl_->eval();
  }

  void Write(uint32_t address, uint32_t data, uint32_t strb) {
    rtl_->wr_en_i = 1;
    rtl_->wr_addr_i = address;
    rtl_->wr_data_i = data;
    rtl_->wr_strb_i = static_cast<uint8_t>(strb);
    rtl_->eval();
    Tick();
    rtl_->wr_en_i = 0;
    rtl_->eval();
  }

  // Issues a read (waiting for rd_ready_o) and waits for rd_valid_o. Returns in the valid
  // cycle, so the next read is accepted in it (back to back).
  ReadResult Read(uint32_t address) {
    ReadResult r;
    for (uint64_t wait = 0; !rtl_->rd_ready_o; ++wait) {
      if (wait == kMaxReadCycles) {
        r.timed_out = true;
        return r;
      }
      Tick();
    }
    rtl_->rd_en_i = 1;
    rtl_->rd_addr_i = address;
    rtl_->eval();
    Tick();
    rtl_->rd_en_i = 0;
    rtl_->eval();
    for (r.latency = 1; !rtl_->rd_valid_o; ++r.latency) {
      if (static_cast<uint64_t>(r.latency) == kMaxReadCycles) {
        r.timed_out = true;
        return r;
      }
      Tick();
    }
    r.data = rtl_->rd_data_o;
    r.err = rtl_->rd_err_o;
    return r;
  }

 private:
  std::unique_ptr<Vreram_store> rtl_;
  uint64_t cycle_ = 0;
};

// One programmed RTL store and its model, shared by the tests (programming 64 Ki words once).
class ReramRtlTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    rtl_ = new ReramRtl();
    model_ = new golden::ReramStore(kWords, kValueBase);
    std::mt19937 rng(2024);
    for (uint32_t w = 0; w < kWords; ++w) {
      const uint32_t data = static_cast<uint32_t>(rng());
      rtl_->Write(w, data, 0xF);
      model_->Write(w, data, 0xF);
    }
    // A second pass of partial writes through the byte strobes.
    for (int i = 0; i < 4096; ++i) {
      const auto w = static_cast<uint32_t>(rng() % kWords);
      const auto data = static_cast<uint32_t>(rng());
      const auto strb = static_cast<uint32_t>(rng() & 0xF);
      rtl_->Write(w, data, strb);
      model_->Write(w, data, strb);
    }
  }
  static void TearDownTestSuite() {
    delete rtl_;
    delete model_;
    rtl_ = nullptr;
    model_ = nullptr;
  }

  // Reads every word of [first, last) and compares with the model; returns how many words read
  // differently from their stored value (faults seen).
  static uint64_t CompareAll(uint32_t first, uint32_t last, uint32_t mode, bool fault_en,
                             uint32_t seed) {
    rtl_->SetMode(mode, fault_en, seed);
    uint64_t faulty = 0;
    for (uint32_t w = first; w < last; ++w) {
      const ReadResult r = rtl_->Read(w);
      const uint32_t want = model_->Read(w, golden::CellModeFromField(mode), fault_en, seed);
      EXPECT_FALSE(r.timed_out || r.err) << "word " << w;
      if (r.data != want) {
        ADD_FAILURE() << "word " << w << " mode " << mode << " fault_en " << fault_en << " seed "
                      << seed << ": rtl 0x" << std::hex << r.data << ", model 0x" << want;
        return faulty;
      }
      faulty += want != model_->Stored(w);
    }
    return faulty;
  }

  static ReramRtl* rtl_;
  static golden::ReramStore* model_;
};

ReramRtl* ReramRtlTest::rtl_ = nullptr;
golden::ReramStore* ReramRtlTest::model_ = nullptr;

TEST_F(ReramRtlTest, EveryWordReadsExactlyWithFaultsOff) {
  for (uint32_t mode : {1u, 2u}) {
    EXPECT_EQ(CompareAll(0, kWords, mode, false, 0xABCDEF), 0u);
  }
}

TEST_F(ReramRtlTest, EveryWordMatchesTheModelWithFaultsOn) {
  for (uint32_t mode : {0u, 1u, 2u}) {
    for (uint32_t seed : {0x12345678u, 0xDEADBEEFu}) {
      const uint64_t slc = CompareAll(0, kValueBase, mode, true, seed);
      const uint64_t value = CompareAll(kValueBase, kWords, mode, true, seed);
      EXPECT_EQ(slc, 0u) << "1.6e7 SLC cells at p ~ 1e-9";
      // Value region, 49152 words: MLC2 ~ 1.6 faults per 1e5 cells -> ~13; MLC3 thousands.
      if (mode == 0) {
        EXPECT_EQ(value, 0u);
      } else if (mode == 1) {
        EXPECT_GT(value, 0u) << "seed " << seed;
      } else {
        EXPECT_GT(value, 5000u) << "seed " << seed;
      }
    }
  }
  // The reserved mode 3 reads as MLC3.
  EXPECT_GT(CompareAll(kValueBase, kValueBase + 4096, 3, true, 77), 100u);
}

// p ~ 1e-9 never shows up by chance: force SLC faults with a seed chosen for one cell.
TEST_F(ReramRtlTest, ForcedSlcFaultsMatchTheModel) {
  for (uint32_t w : {5u, 16383u, 20000u}) {
    for (uint32_t bit : {0u, 13u, 31u}) {
      const uint32_t seed = golden::SeedForHash(w * 32 + bit, golden::kSlcThreshold - 1);
      // mode 0: the value region is SLC too.
      rtl_->SetMode(0, true, seed);
      const ReadResult r = rtl_->Read(w);
      ASSERT_FALSE(r.timed_out);
      const uint32_t want = model_->Read(w, CellMode::kSlc, true, seed);
      EXPECT_EQ(r.data, want) << "word " << w << " bit " << bit;
      EXPECT_EQ((r.data ^ model_->Stored(w)) >> bit & 1, 1u) << "word " << w << " bit " << bit;
    }
  }
  // In the SLC region the value mode does not matter: an MLC3-sized hash moves nothing there.
  const uint32_t seed = golden::SeedForHash(100 * 32 + 3, golden::kMlc3Threshold / 2);
  rtl_->SetMode(2, true, seed);
  EXPECT_EQ(rtl_->Read(100).data, model_->Stored(100));
}

// Random seeds almost never land a hash within one of a threshold, so force hashes at T - 1, T,
// 2T - 1 and 2T for one cell of every kind at every level: the RTL's integer thresholds and
// windows must equal the model's exactly.
TEST_F(ReramRtlTest, ThresholdEdgesMatchTheModelExactly) {
  struct Kind {
    uint32_t mode, word, lsb;
    int bits;
  };
  const Kind kinds[] = {{0, 7, 13, 1},     {0, 20001, 13, 1}, {1, 30001, 6, 2},
                        {2, 30002, 12, 3}, {2, 30003, 30, 2}, {3, 30004, 3, 3}};
  int moved = 0, want_moved = 0;
  for (const Kind& k : kinds) {
    const uint32_t t = golden::CellThreshold(k.bits);
    const uint32_t top = (1u << k.bits) - 1;
    // Every level moves at h = T - 1; interior levels also at T and 2T - 1 (up).
    want_moved += static_cast<int>((top + 1) + 2 * (top - 1));
    for (uint32_t level = 0; level <= top; ++level) {
      const uint32_t data =
          (model_->Stored(k.word) & ~(top << k.lsb)) | (golden::BinaryToGray(level) << k.lsb);
      rtl_->Write(k.word, data, 0xF);
      model_->Write(k.word, data, 0xF);
      for (uint32_t h : {t - 1, t, 2 * t - 1, 2 * t}) {
        const uint32_t seed = golden::SeedForHash(k.word * 32 + k.lsb, h);
        rtl_->SetMode(k.mode, true, seed);
        const ReadResult r = rtl_->Read(k.word);
        const uint32_t want = model_->Read(k.word, golden::CellModeFromField(k.mode), true, seed);
        ASSERT_EQ(r.data, want) << "mode " << k.mode << " lsb " << k.lsb << " level " << level
                                << " h " << h;
        moved += ((r.data ^ data) >> k.lsb & top) != 0;
      }
    }
  }
  EXPECT_EQ(moved, want_moved);
  EXPECT_EQ(want_moved, 60);
}

TEST_F(ReramRtlTest, LatencyPerModeEqualsTheProgrammedCycles) {
  struct Case {
    uint32_t mode, address;
    int want;
  };
  rtl_->SetLatency(3, 5, 7);
  const Case cases[] = {{1, 10, 3},    {0, 30000, 3}, {1, 30000, 5},
                        {2, 30000, 7}, {3, 30000, 7}, {2, 16383, 3}};
  for (const Case& c : cases) {
    rtl_->SetMode(c.mode, false, 0);
    // rd_ready_o stays low while the read is in flight, and a request then is ignored.
    auto& m = rtl_->rtl();
    ASSERT_TRUE(m.rd_ready_o);
    m.rd_en_i = 1;
    m.rd_addr_i = c.address;
    m.eval();
    rtl_->Tick();
    int latency = 1;
    for (; !m.rd_valid_o && latency < 50; ++latency) {
      EXPECT_FALSE(m.rd_ready_o) << "cycle " << latency;
      m.rd_addr_i = c.address + 1;  // still requesting: must be ignored
      rtl_->Tick();
    }
    m.rd_en_i = 0;
    m.eval();
    EXPECT_EQ(latency, c.want) << "mode " << c.mode << " address " << c.address;
    EXPECT_EQ(m.rd_data_o, model_->Stored(c.address));
    rtl_->Tick();
    for (int i = 0; i < 10; ++i, rtl_->Tick()) {
      EXPECT_FALSE(m.rd_valid_o) << "an ignored request was answered";
    }
  }
  // A programmed 0 counts as 1 cycle; the reset values 1/1/2.
  rtl_->SetLatency(0, 0, 0);
  for (uint32_t mode : {0u, 1u, 2u}) {
    rtl_->SetMode(mode, false, 0);
    EXPECT_EQ(rtl_->Read(40000).latency, 1);
  }
  rtl_->SetLatency(1, 1, 2);
  rtl_->SetMode(1, false, 0);
  EXPECT_EQ(rtl_->Read(40000).latency, 1);
  rtl_->SetMode(2, false, 0);
  EXPECT_EQ(rtl_->Read(40000).latency, 2);
  EXPECT_EQ(rtl_->Read(1).latency, 1);
}

TEST_F(ReramRtlTest, OutOfRangeReadsAnswerWithAnErrorAndWritesAreIgnored) {
  rtl_->SetLatency(1, 4, 6);
  for (uint32_t mode : {1u, 2u}) {
    for (uint32_t address : {kWords, kWords + 5, (1u << 22) - 1}) {
      rtl_->SetMode(mode, true, 3);
      const ReadResult r = rtl_->Read(address);
      ASSERT_FALSE(r.timed_out) << "address " << address;
      EXPECT_TRUE(r.err);
      EXPECT_EQ(r.data, 0u);
      EXPECT_EQ(r.latency, mode == 1 ? 4 : 6) << "the value-region latency";
    }
  }
  // A write past the end must not alias onto word 5 (the address modulo the array size).
  const uint32_t before = model_->Stored(5);
  rtl_->Write(kWords + 5, ~before, 0xF);
  rtl_->SetMode(1, false, 0);
  const ReadResult r = rtl_->Read(5);
  EXPECT_FALSE(r.err);
  EXPECT_EQ(r.data, before);
  rtl_->SetLatency(1, 1, 2);
}

TEST_F(ReramRtlTest, ContentsSurviveResetWhileReadStateClears) {
  rtl_->SetLatency(40, 40, 40);
  rtl_->SetMode(2, true, 9);
  auto& m = rtl_->rtl();
  m.rd_en_i = 1;
  m.rd_addr_i = 30000;
  m.eval();
  rtl_->Tick();
  m.rd_en_i = 0;
  m.eval();
  for (int i = 0; i < 10; ++i) rtl_->Tick();
  ASSERT_FALSE(m.rd_ready_o) << "a read is in flight";
  rtl_->Reset();
  EXPECT_TRUE(m.rd_ready_o);
  for (int i = 0; i < 100; ++i, rtl_->Tick()) {
    ASSERT_FALSE(m.rd_valid_o) << "the read in flight was dropped by the reset";
    ASSERT_EQ(m.rd_data_o, 0u);
    ASSERT_FALSE(m.rd_err_o);
  }
  rtl_->SetLatency(1, 1, 2);
  // Every word as programmed before the reset.
  EXPECT_EQ(CompareAll(0, kWords, 1, false, 0), 0u);
}

}  // namespace
}  // namespace edgebert
