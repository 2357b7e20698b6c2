// The global-buffer top (rtl/gb/gb.sv): buffers loaded and read back through the host port,
// commands dispatched to every row unit and checked against golden::RunGb, the PU's buffer ports,
// host accesses refused while a command runs, and reset (SRAM contents lost, ReRAM kept).
#include <gtest/gtest.h>

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "Vgb_top_n16.h"
#include "Vgb_top_n4.h"
#include "golden/command_cycles.h"
#include "golden/gb_golden.h"
#include "golden/reram.h"
#include "harness/cmd_port.h"
#include "harness/mismatch_report.h"
#include "harness/rtl_assert.h"
#include "harness/unit_ports.h"
#include "harness/wide_port.h"
#include "numerics/af8_activation.h"

namespace edgebert {
namespace {

using golden::GbCommand;
using regs::ErrCode;
using regs::Opcode;

constexpr uint32_t kUabVectors = 2048;
constexpr uint32_t kAuxBytes = 4096;
constexpr uint32_t kReramWords = 4096, kValueBaseWord = 1024;  // as built (CMakeLists.txt)
enum Space : uint8_t { kUabValues = 0, kUabMasks = 1, kAux = 2, kReram = 3 };

template <typename ModelT, int kLanesT>
struct TopConfig {
  using Model = ModelT;
  static constexpr int kLanes = kLanesT;
};

template <typename Model>
class GbDriver {
 public:
  GbDriver() { Reset(); }

  void Reset() {
    m_.rst_ni = 0;
    m_.clk_i = 0;
    m_.eval();
    Tick();
    m_.rst_ni = 1;
    m_.reram_mode_i = 1;
    m_.reram_lat_slc_i = 1;
    m_.reram_lat_mlc2_i = 1;
    m_.reram_lat_mlc3_i = 2;
    m_.eval();
  }

  void Tick() {
    m_.clk_i = 1;
    m_.eval();
    sim::CheckRtlAssertions(cycle_++);
    m_.clk_i = 0;
    m_.eval();
  }

  struct Response {
    uint32_t data = 0;
    bool error = false;
  };

  Response Access(Space space, uint32_t address, bool write, uint32_t data = 0) {
    m_.ext_space_i = space;
    m_.ext_addr_i = address;
    m_.ext_we_i = write;
    m_.ext_wdata_i = data;
    m_.ext_wstrb_i = 0xF;
    m_.ext_en_i = 1;
    m_.eval();
    for (int wait = 0; !m_.ext_ready_o; ++wait) {
      if (wait > 1000) throw std::runtime_error("host port never ready");
      Tick();
    }
    Tick();
    m_.ext_en_i = 0;
    m_.eval();
    for (int wait = 0; !m_.ext_rvalid_o; ++wait) {
      if (wait > 1000) throw std::runtime_error("host port never answered");
      Tick();
    }
    const Response r{m_.ext_rdata_o, m_.ext_err_o != 0};
    Tick();
    return r;
  }

  void LoadUab(const golden::VectorMemory& memory) {
    const uint32_t words_per_vector = static_cast<uint32_t>(memory.lanes()) / 4;
    for (uint32_t v = 0; v < memory.vectors(); ++v) {
      if (memory.mask(v) == 0) continue;  // reset state reads as zero already
      Access(kUabMasks, v, true, memory.mask(v));
      const auto slot = memory.slot(v);
      for (uint32_t w = 0; w < words_per_vector; ++w) {
        uint32_t word = 0;
        for (uint32_t b = 0; b < 4; ++b) word |= uint32_t{slot[4 * w + b]} << (8 * b);
        Access(kUabValues, v * words_per_vector + w, true, word);
      }
    }
  }

  golden::VectorMemory ReadUab(int lanes, uint32_t vectors) {
    golden::VectorMemory out("uab", lanes, vectors);
    const uint32_t words_per_vector = static_cast<uint32_t>(lanes) / 4;
    std::vector<uint8_t> slot(static_cast<size_t>(lanes));
    for (uint32_t v = 0; v < vectors; ++v) {
      const uint32_t mask = Access(kUabMasks, v, false).data;
      for (uint32_t w = 0; w < words_per_vector; ++w) {
        const uint32_t word = Access(kUabValues, v * words_per_vector + w, false).data;
        for (uint32_t b = 0; b < 4; ++b) slot[4 * w + b] = static_cast<uint8_t>(word >> (8 * b));
      }
      out.Write(v, mask, slot);
    }
    return out;
  }

  void LoadAux(const golden::AuxMemory& aux) {
    for (uint32_t w = 0; w < aux.size() / 4; ++w) {
      const uint32_t word = aux.ReadWord(4 * w);
      if (word != 0) Access(kAux, w, true, word);
    }
  }

  struct Outcome {
    bool timed_out = true;
    ErrCode error = ErrCode::kNone;
    uint32_t entropy = 0;
    bool early_exit = false;
    uint64_t cycles = 0;  // as sim::PuRun::cycles: from the accepting edge to done
  };

  Outcome Run(const golden::Descriptor& words, uint32_t threshold, uint64_t max_cycles) {
    sim::PutCommand(m_, words);
    m_.entropy_threshold_i = threshold;
    sim::SetCommandValid(m_, true);
    m_.eval();
    if (!sim::GetResponse(m_).ready) throw std::logic_error("GB not ready");
    Tick();
    sim::SetCommandValid(m_, false);
    m_.eval();
    Outcome o;
    for (uint64_t cycle = 0; cycle < max_cycles; ++cycle) {
      if (const sim::CommandResponse response = sim::GetResponse(m_); response.done) {
        o.timed_out = false;
        o.cycles = cycle + 1;
        o.error = static_cast<ErrCode>(response.err ? response.err_code : 0);
        o.entropy = m_.entropy_o;
        o.early_exit = m_.early_exit_o != 0;
        Tick();
        return o;
      }
      Tick();
    }
    return o;
  }

  Model& model() { return m_; }

 private:
  Model m_;
  uint64_t cycle_ = 0;
};

template <typename Config>
class GbTopTest : public ::testing::Test {
 protected:
  static constexpr int kLanes = Config::kLanes;
  static constexpr auto kN = static_cast<uint32_t>(kLanes);

  GbTopTest()
      : limits_{kLanes, kUabVectors, 0, kAuxBytes},
        uab_("uab", kLanes, kUabVectors),
        aux_(kAuxBytes) {
    std::vector<uint8_t> codes(size_t{512} * kN);
    for (auto& c : codes) c = static_cast<uint8_t>(rng_() % 5 == 0 ? 0 : rng_());
    uab_.StoreTensor(0, 1, 512, static_cast<int>(kN), codes);
  }

  // Loads the buffers, runs the command on the RTL and the golden model, compares everything.
  void Check(const GbCommand& c, const std::string& what, uint32_t threshold = 0) {
    SCOPED_TRACE(what);
    driver_.Reset();
    driver_.LoadUab(uab_);
    driver_.LoadAux(aux_);
    golden::VectorMemory want = uab_;
    golden::AuxMemory want_aux = aux_;
    const auto expected = golden::RunGb(c, limits_, want, want_aux, threshold);
    const auto got = driver_.Run(golden::ToDescriptor(c), threshold, 200000);
    ASSERT_FALSE(got.timed_out) << what << " hung";
    ASSERT_EQ(got.error, expected.error);
    // The dispatch adds no cycle: each unit's documented count holds through the top.
    EXPECT_EQ(got.cycles, expected.error != ErrCode::kNone
                              ? cycles::kRejected
                              : cycles::GbCycles(c, kN, limits_, uab_, aux_))
        << what << " cycles";
    if (c.opcode == Opcode::kEntropy && expected.error == ErrCode::kNone) {
      EXPECT_EQ(got.entropy, expected.entropy_q24);
      EXPECT_EQ(got.early_exit, expected.early_exit);
      EXPECT_EQ(driver_.Access(kAux, c.aux_addr / 4, false).data, expected.entropy_q24);
    }
    const golden::VectorMemory rtl = driver_.ReadUab(kLanes, kUabVectors);
    const sim::ResultRegion region{what, "DST", c.dst_addr, c.dst_stride, c.rows, c.cols};
    EXPECT_EQ(sim::FirstMismatch(region, rtl, want, [](uint32_t) { return -1; }), "");
  }

  GbCommand Rows(Opcode op, uint32_t rows, uint32_t cols) {
    GbCommand c;
    c.opcode = op;
    c.rows = rows;
    c.cols = cols;
    c.src_stride = cols / kN;
    c.b_addr = 128;
    c.b_stride = cols / kN;
    c.dst_addr = 1024;
    c.dst_stride = cols / kN;
    c.exp_in = -4;
    c.exp_b = -5;
    c.exp_out = -4;
    return c;
  }

  golden::PuLimits limits_;
  golden::VectorMemory uab_;
  golden::AuxMemory aux_;
  std::mt19937 rng_{5};
  GbDriver<typename Config::Model> driver_;
};

using Configs = ::testing::Types<TopConfig<Vgb_top_n4, 4>, TopConfig<Vgb_top_n16, 16>>;
TYPED_TEST_SUITE(GbTopTest, Configs);

TYPED_TEST(GbTopTest, EveryUnitThroughTheTop) {
  const uint32_t n = this->kN;
  this->Check(this->Rows(Opcode::kAdd, 4, 4 * n), "ADD");
  GbCommand act = this->Rows(Opcode::kActivate, 3, 2 * n);
  act.act = 1;
  act.aux_addr = 1024;
  this->aux_.WriteBytes(1024, af8::MakeActivationTable(af8::Activation::kGelu, -4, -4));
  this->Check(act, "ACTIVATE");
  GbCommand fill = this->Rows(Opcode::kFill, 2, 3 * n);
  fill.value = 0x35;
  this->Check(fill, "FILL");
  GbCommand softmax = this->Rows(Opcode::kSoftmax, 4, 8 * n);
  softmax.has_span = true;
  softmax.aux_addr = 0;
  std::vector<uint8_t> span(8 * n);
  for (size_t i = 0; i < span.size(); ++i) span[i] = i < 3 * n ? 128 : (i < 5 * n ? 40 : 0);
  this->aux_.WriteBytes(0, span);
  this->Check(softmax, "SOFTMAX");
  softmax.keys = 5 * n - 3;  // padded keys excluded (KEYS through the dispatch)
  this->Check(softmax, "SOFTMAX, KEYS");
  GbCommand layernorm = this->Rows(Opcode::kLayernorm, 3, 8 * n);
  layernorm.exp_gamma = -7;
  layernorm.exp_beta = -8;
  layernorm.aux_addr = 2048;
  layernorm.beta_addr = 3072;
  std::vector<uint8_t> gamma(8 * n), beta(8 * n);
  for (auto& g : gamma) g = static_cast<uint8_t>(this->rng_());
  for (auto& b : beta) b = static_cast<uint8_t>(this->rng_());
  this->aux_.WriteBytes(2048, gamma);
  this->aux_.WriteBytes(3072, beta);
  this->Check(layernorm, "LAYERNORM");
  GbCommand entropy = this->Rows(Opcode::kEntropy, 1, 3);
  entropy.src_addr = 7;
  entropy.aux_addr = 4000;
  this->Check(entropy, "ENTROPY", 1u << 24);
}

// GATHER reads tables programmed through the host port, with MLC3 faults on, and writes what the
// golden model computes from the same store and settings.
TYPED_TEST(GbTopTest, GatherFromTheReramStore) {
  const uint32_t n = this->kN, tokens = 6, dim = 4 * n;
  golden::ReramStore store(kReramWords, kValueBaseWord);
  GbCommand c;
  c.opcode = Opcode::kGather;
  c.rows = tokens;
  c.cols = dim;
  c.exp_out = -3;
  c.dst_addr = 600;
  c.dst_stride = dim / n;
  c.ids_addr = 64;
  c.types_addr = 128;
  const int rows[3] = {40, 8, 2}, biases[3] = {-6, -7, -9};
  uint32_t* tables[3] = {&c.word_table, &c.pos_table, &c.type_table};
  uint32_t slc = 16, value = kValueBaseWord + 8;
  for (int t = 0; t < 3; ++t) {
    std::vector<uint8_t> codes(static_cast<size_t>(rows[t]) * dim);
    for (auto& code : codes) code = static_cast<uint8_t>(this->rng_() % 3 == 0 ? 0 : this->rng_());
    const auto packed =
        golden::PackEmbeddingTable(rows[t], static_cast<int>(dim), this->kLanes, codes, biases[t]);
    golden::WriteEmbeddingTable(store, slc, value, packed);
    *tables[t] = 4 * slc;
    slc += packed.SlcWords() + 3;
    value += packed.ValueWords() + 5;
  }
  for (uint32_t t = 0; t < tokens; ++t) {
    const uint8_t id[2] = {static_cast<uint8_t>(this->rng_() % 40), 0};
    const uint8_t type[1] = {static_cast<uint8_t>(t % 2)};
    this->aux_.WriteBytes(c.ids_addr + 2 * t, id);
    this->aux_.WriteBytes(c.types_addr + t, type);
  }
  golden::PuLimits limits = this->limits_;
  limits.reram_words = kReramWords;
  golden::VectorMemory want = this->uab_;
  golden::AuxMemory want_aux = this->aux_;
  const golden::ReramReadSettings settings{golden::CellMode::kMlc3, true, 77};
  const auto expected = golden::RunGb(c, limits, want, want_aux, 0, &store, settings);
  ASSERT_EQ(expected.error, ErrCode::kNone);

  auto& m = this->driver_.model();
  this->driver_.Reset();
  for (uint32_t w = 0; w < kReramWords; ++w) {
    if (store.Stored(w) != 0) this->driver_.Access(kReram, w, true, store.Stored(w));
  }
  this->driver_.LoadUab(this->uab_);
  this->driver_.LoadAux(this->aux_);
  m.reram_mode_i = 2;
  m.reram_fault_en_i = 1;
  m.reram_seed_i = 77;
  const auto got = this->driver_.Run(golden::ToDescriptor(c), 0, 200000);
  ASSERT_FALSE(got.timed_out) << "GATHER hung";
  ASSERT_EQ(got.error, ErrCode::kNone);
  const golden::VectorMemory rtl = this->driver_.ReadUab(this->kLanes, kUabVectors);
  const sim::ResultRegion region{"GATHER", "DST", c.dst_addr, c.dst_stride, c.rows, c.cols};
  EXPECT_EQ(sim::FirstMismatch(region, rtl, want, [](uint32_t) { return -1; }), "");
}

TYPED_TEST(GbTopTest, UnknownOpcodeIsRejected) {
  golden::Descriptor words{};
  words[0] = static_cast<uint32_t>(Opcode::kMatmul);
  this->driver_.Reset();
  const auto got = this->driver_.Run(words, 0, 100);
  ASSERT_FALSE(got.timed_out);
  EXPECT_EQ(got.error, ErrCode::kBadOpcode);
  // No unit checks it: the dispatch ends it at once, a cycle before a unit's check could.
  EXPECT_EQ(got.cycles, cycles::kRejected - 1) << "ended at once";
}

// The sequencer's request is broadcast to the PU and the GB: a valid request selected for the
// PU (cmd_sel_i low) must leave the GB idle, and the same request selected runs.
TYPED_TEST(GbTopTest, RequestWithoutSelectIsIgnored) {
  auto& m = this->driver_.model();
  this->driver_.Reset();
  GbCommand fill = this->Rows(Opcode::kFill, 64, 8 * this->kN);
  sim::PutCommand(m, golden::ToDescriptor(fill));
  m.cmd_sel_i = 0;
  sim::SetCommandValid(m, true);
  for (int i = 0; i < 20; ++i) {
    m.eval();
    const sim::CommandResponse r = sim::GetResponse(m);
    ASSERT_TRUE(r.ready) << "cycle " << i;
    ASSERT_FALSE(r.busy) << "cycle " << i;
    ASSERT_FALSE(r.done) << "cycle " << i;
    this->driver_.Tick();
  }
  m.cmd_sel_i = 1;
  m.eval();
  this->driver_.Tick();
  sim::SetCommandValid(m, false);
  m.eval();
  EXPECT_TRUE(sim::GetResponse(m).busy) << "selected, the same request is accepted";
  for (int i = 0; i < 100000 && sim::GetResponse(m).busy; ++i) this->driver_.Tick();
  EXPECT_FALSE(sim::GetResponse(m).busy);
}

TYPED_TEST(GbTopTest, HostAccessDuringACommandIsRefused) {
  auto& m = this->driver_.model();
  this->driver_.Reset();
  this->driver_.Access(kUabMasks, 3, true, 0x5);
  GbCommand fill = this->Rows(Opcode::kFill, 64, 8 * this->kN);
  sim::PutCommand(m, golden::ToDescriptor(fill));
  sim::SetCommandValid(m, true);
  m.eval();
  this->driver_.Tick();
  sim::SetCommandValid(m, false);
  m.eval();
  ASSERT_TRUE(sim::GetResponse(m).busy);
  const auto refused = this->driver_.Access(kUabMasks, 3, true, 0xA);
  EXPECT_TRUE(refused.error);
  for (int i = 0; i < 100000 && sim::GetResponse(m).busy; ++i) this->driver_.Tick();
  ASSERT_FALSE(sim::GetResponse(m).busy);
  EXPECT_EQ(this->driver_.Access(kUabMasks, 3, false).data, 0x5u)
      << "the refused write changed nothing";
}

TYPED_TEST(GbTopTest, ResetClearsSramAndKeepsReram) {
  this->driver_.Reset();
  this->driver_.Access(kUabMasks, 9, true, 0x3);
  this->driver_.Access(kUabValues, 9 * this->kN / 4, true, 0x1234);
  this->driver_.Access(kAux, 17, true, 0xCAFEF00D);
  this->driver_.Access(kReram, 100, true, 0xDEADBEEF);
  this->driver_.Access(kReram, 2000, true, 0x01020304);
  EXPECT_EQ(this->driver_.Access(kUabMasks, 9, false).data, 0x3u);
  EXPECT_EQ(this->driver_.Access(kAux, 17, false).data, 0xCAFEF00Du);
  this->driver_.Reset();
  EXPECT_EQ(this->driver_.Access(kUabMasks, 9, false).data, 0u);
  EXPECT_EQ(this->driver_.Access(kUabValues, 9 * this->kN / 4, false).data, 0u);
  EXPECT_EQ(this->driver_.Access(kAux, 17, false).data, 0u);
  EXPECT_EQ(this->driver_.Access(kReram, 100, false).data, 0xDEADBEEFu);
  EXPECT_EQ(this->driver_.Access(kReram, 2000, false).data, 0x01020304u);
  EXPECT_TRUE(this->driver_.Access(kAux, kAuxBytes / 4, false).error) << "out of range";
}

TYPED_TEST(GbTopTest, PuPortsReachTheBuffers) {
  auto& m = this->driver_.model();
  this->driver_.Reset();
  this->driver_.Access(kAux, 5, true, 0x11223344);
  std::vector<uint8_t> slot(this->kN);
  for (size_t i = 0; i < slot.size(); ++i) slot[i] = static_cast<uint8_t>(i + 1);
  const uint32_t full_mask = (1u << this->kN) - 1;
  m.pu_busy_i = 1;
  sim::PutVectorWrite(m.pu_c_wr_req_i, static_cast<int>(this->kN), {true, 42, full_mask, slot});
  this->driver_.Tick();
  sim::PutVectorWrite(m.pu_c_wr_req_i, static_cast<int>(this->kN), {});
  sim::PutReadRequest(m.pu_a_rd_req_i, true, 42);
  sim::PutReadRequest(m.pu_aux_rd_req_i, true, 5);
  this->driver_.Tick();
  sim::PutReadRequest(m.pu_a_rd_req_i, false, 0);
  sim::PutReadRequest(m.pu_aux_rd_req_i, false, 0);
  m.eval();
  for (size_t i = 0; i < slot.size(); ++i) EXPECT_EQ(sim::GetByte(m.uab_a_rsp_o, i), slot[i]);
  EXPECT_EQ(sim::GetVectorMask(m.uab_a_rsp_o, static_cast<int>(this->kN)), full_mask);
  EXPECT_EQ(m.aux_rd_data_o, 0x11223344u);
  m.pu_busy_i = 0;
  m.eval();
  EXPECT_EQ(this->driver_.Access(kUabMasks, 42, false).data, (1u << this->kN) - 1);
}

}  // namespace
}  // namespace edgebert
