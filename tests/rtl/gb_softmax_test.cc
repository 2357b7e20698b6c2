// The Verilated global-buffer softmax and entropy units (rtl/gb/gb_softmax.sv, gb_entropy.sv)
// against golden::RunGb, for n = 4, 16 and 32: random rows at several exponent biases, every row
// length up to 512 columns, KEYS (padded keys excluded; any count up to COLS), extreme and
// degenerate rows, every span shape, in-place and strided layouts, ENTROPY with its threshold,
// and invalid commands. Every UAB vector, every aux byte,
// the error code, the saturation count, H and EARLY_EXIT are compared.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <iostream>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "Vgb_entropy_n16.h"
#include "Vgb_entropy_n32.h"
#include "Vgb_entropy_n4.h"
#include "Vgb_softmax_n16.h"
#include "Vgb_softmax_n32.h"
#include "Vgb_softmax_n4.h"
#include "golden/command_cycles.h"
#include "golden/gb_golden.h"
#include "harness/mismatch_report.h"
#include "harness/unit_harness.h"
#include "numerics/af8.h"
#include "numerics/af8_rowops.h"
#include "numerics/sparse.h"

namespace edgebert {
namespace {

using golden::GbCommand;
using regs::ErrCode;
using regs::Opcode;

// Memory sizes the models are built with (tests/rtl/CMakeLists.txt).
constexpr uint32_t kUabVectors = 16384;
constexpr uint32_t kAuxBytes = 4096;

template <typename SoftmaxT, typename EntropyT, int kLanesT>
struct GbConfig {
  using Softmax = SoftmaxT;
  using Entropy = EntropyT;
  static constexpr int kLanes = kLanesT;
};

const char* OpName(Opcode opcode) {
  switch (opcode) {
    case Opcode::kSoftmax:
      return "SOFTMAX";
    case Opcode::kEntropy:
      return "ENTROPY";
    default:
      return "GB command";
  }
}

// Empty when every vector is equal; else names the op, the element, both values and the cycle.
std::string FirstUabMismatch(const GbCommand& c, const golden::VectorMemory& got,
                             const golden::VectorMemory& want,
                             const std::function<int64_t(uint32_t)>& write_cycle) {
  const sim::ResultRegion region{OpName(c.opcode), c.opcode == Opcode::kSoftmax ? "P" : "DST",
                                 c.dst_addr,       c.dst_stride,
                                 c.rows,           c.cols};
  return sim::FirstMismatch(region, got, want, write_cycle);
}

// Span masks of a SOFTMAX command: none, all zero (skipped head), random bytes (some zero, some
// above 1.0), all 1.0.
enum class Span { kNone, kAllZero, kPartial, kFull };

template <typename Config>
class GbSoftmaxTest : public ::testing::Test {
 protected:
  static constexpr int kLanes = Config::kLanes;
  static constexpr auto kN = static_cast<uint32_t>(Config::kLanes);

  GbSoftmaxTest()
      : limits_{kLanes, kUabVectors, 0, kAuxBytes},
        uab_("uab", kLanes, kUabVectors),
        wsram_("wsram", kLanes, 16),
        aux_(kAuxBytes),
        softmax_(std::make_unique<sim::UnitHarness<typename Config::Softmax>>(kLanes, uab_, wsram_,
                                                                              aux_)),
        entropy_(std::make_unique<sim::UnitHarness<typename Config::Entropy>>(kLanes, uab_, wsram_,
                                                                              aux_)) {}

  // Runs `words` on the unit and golden::RunGb on copies of the same memories, and compares.
  // A descriptor whose opcode is not the unit's must be rejected with BAD_OPCODE.
  template <typename Harness>
  sim::PuRun Check(Harness& harness, Opcode unit, const golden::Descriptor& words,
                   const std::string& what, uint32_t threshold = 0) {
    SCOPED_TRACE(what);
    golden::VectorMemory golden_uab = uab_;
    golden::AuxMemory golden_aux = aux_;
    const auto opcode = static_cast<Opcode>(golden::Get(words, regs::cmd::kOpcode));
    GbCommand c;
    golden::GbResult want;
    if (opcode == unit) {
      c = golden::GbFromDescriptor(words);
      want = golden::RunGb(c, limits_, golden_uab, golden_aux, threshold);
    } else {
      c.opcode = opcode;
      want.error = ErrCode::kBadOpcode;
    }
    // A command never needs more than this; past it the RTL hung.
    const uint64_t groups = c.cols / kN + 1;
    const uint64_t budget = 256 + uint64_t{c.rows} * (3 * groups + 64) + c.cols;
    if constexpr (requires { harness.model().entropy_threshold_i; }) {
      harness.model().entropy_threshold_i = threshold;
    }
    const sim::PuRun got = harness.Run(words, budget);
    EXPECT_FALSE(got.timed_out) << OpName(unit) << " hung: no done within " << budget << " cycles";
    if (got.timed_out) return got;
    EXPECT_EQ(static_cast<int>(got.error), static_cast<int>(want.error))
        << OpName(unit) << " error code";
    EXPECT_EQ(got.perf.saturations, want.saturations) << OpName(unit) << " saturations";
    // Simulated cycles are deterministic: the documented schedule holds exactly.
    uint64_t cycles = cycles::kRejected;
    if (want.error == ErrCode::kNone) {
      cycles =
          unit == Opcode::kEntropy ? cycles::EntropyCycles(c) : cycles::SoftmaxCycles(c, kN, aux_);
    }
    EXPECT_EQ(got.cycles, cycles) << OpName(unit) << " cycles";
    EXPECT_EQ(got.perf.busy_cycles, cycles) << OpName(unit) << " busy cycles";
    if constexpr (requires { harness.model().entropy_o; }) {
      const auto& model = harness.model();
      EXPECT_EQ(model.entropy_o, want.entropy_q24) << "ENTROPY H (Q8.24)";
      EXPECT_EQ(model.early_exit_o != 0, want.early_exit)
          << "ENTROPY early exit, H " << want.entropy_q24 << " threshold " << threshold;
    }
    EXPECT_EQ(FirstUabMismatch(c, uab_, golden_uab,
                               [&harness](uint32_t v) { return harness.LastWriteCycle(v); }),
              "");
    EXPECT_EQ(sim::FirstAuxMismatch(aux_, golden_aux), "");
    return got;
  }

  sim::PuRun CheckSoftmax(const GbCommand& c, const std::string& what) {
    return Check(*softmax_, Opcode::kSoftmax, golden::ToDescriptor(c), what);
  }
  sim::PuRun CheckEntropy(const GbCommand& c, const std::string& what, uint32_t threshold) {
    return Check(*entropy_, Opcode::kEntropy, golden::ToDescriptor(c), what, threshold);
  }

  // Random codes; `zero_fraction` of them zero (either zero code).
  std::vector<uint8_t> RandomCodes(size_t count, double zero_fraction) {
    std::uniform_real_distribution<double> u(0.0, 1.0);
    std::vector<uint8_t> codes(count);
    for (uint8_t& code : codes) {
      if (u(rng_) < zero_fraction) {
        code = (rng_() & 1) ? 0x00 : 0x80;
      } else {
        code = static_cast<uint8_t>(1 + rng_() % 255);
      }
    }
    return codes;
  }

  // A SOFTMAX command with random scores stored at SRC and, with a span, its bytes in the aux
  // buffer. DST follows SRC (or is SRC when in_place); strides exceed the row by 0..3 vectors.
  GbCommand RandomSoftmax(uint32_t rows, uint32_t cols, int exp_in, int exp_out, Span span,
                          bool in_place, double zero_fraction = 0.1) {
    GbCommand c;
    c.opcode = Opcode::kSoftmax;
    c.rows = rows;
    c.cols = cols;
    c.exp_in = exp_in;
    c.exp_out = exp_out;
    const uint32_t groups = cols / kN;
    c.src_addr = static_cast<uint32_t>(rng_() % 32);
    c.src_stride = groups + static_cast<uint32_t>(rng_() % 4);
    uab_.StoreTensor(c.src_addr, c.src_stride, static_cast<int>(rows), static_cast<int>(cols),
                     RandomCodes(size_t{rows} * cols, zero_fraction));
    if (in_place) {
      c.dst_addr = c.src_addr;
      c.dst_stride = c.src_stride;
    } else {
      c.dst_addr =
          c.src_addr + (rows - 1) * c.src_stride + groups + static_cast<uint32_t>(rng_() % 8);
      c.dst_stride = groups + static_cast<uint32_t>(rng_() % 4);
    }
    EXPECT_LE(c.dst_addr + (rows - 1) * c.dst_stride + groups, kUabVectors) << "test layout";
    if (span != Span::kNone) {
      c.has_span = true;
      c.aux_addr = 4 * static_cast<uint32_t>(rng_() % ((kAuxBytes - cols) / 4 + 1));
      std::vector<uint8_t> bytes(cols, 0);
      for (uint8_t& b : bytes) {
        if (span == Span::kFull) b = af8::kSpanOne;
        if (span == Span::kPartial) b = (rng_() % 3 == 0) ? 0 : static_cast<uint8_t>(rng_());
      }
      if (span == Span::kPartial) bytes[rng_() % cols] = 255;
      aux_.WriteBytes(c.aux_addr, bytes);
    }
    return c;
  }

  // A random KEYS for a row of `cols`: 0 (all), COLS, a few short of COLS (a sentence padded to
  // a multiple of n), or anything in 1..COLS; most are not multiples of n.
  uint32_t RandomKeys(uint32_t cols) {
    switch (rng_() % 8) {
      case 0:
      case 1:
        return 0;
      case 2:
        return cols;
      case 3:
      case 4:
        return cols - static_cast<uint32_t>(rng_() % kN);
      default:
        return 1 + static_cast<uint32_t>(rng_() % cols);
    }
  }

  std::string Describe(const GbCommand& c) {
    std::ostringstream s;
    s << "n=" << kN << " rows=" << c.rows << " cols=" << c.cols << " keys=" << c.keys
      << " exp_in=" << c.exp_in << " exp_out=" << c.exp_out << " src=" << c.src_addr << "/"
      << c.src_stride << " dst=" << c.dst_addr << "/" << c.dst_stride;
    if (c.has_span) s << " span@" << c.aux_addr;
    return s.str();
  }

  // ENTROPY over `labels` logits stored in one vector (the other lanes are random padding).
  GbCommand Entropy(uint32_t labels, int exp_in, const std::vector<uint8_t>& logits) {
    GbCommand c;
    c.opcode = Opcode::kEntropy;
    c.rows = 1;
    c.cols = labels;
    c.exp_in = exp_in;
    c.src_addr = static_cast<uint32_t>(rng_() % kUabVectors);
    c.aux_addr = 4 * static_cast<uint32_t>(rng_() % (kAuxBytes / 4));
    std::vector<uint8_t> vector = RandomCodes(kN, 0.2);
    std::copy(logits.begin(), logits.end(), vector.begin());
    uab_.StoreTensor(c.src_addr, 1, 1, static_cast<int>(kN), vector);
    return c;
  }

  golden::PuLimits limits_;
  golden::VectorMemory uab_;
  golden::VectorMemory wsram_;
  golden::AuxMemory aux_;
  std::unique_ptr<sim::UnitHarness<typename Config::Softmax>> softmax_;
  std::unique_ptr<sim::UnitHarness<typename Config::Entropy>> entropy_;
  std::mt19937 rng_{20261130};
};

using Configs = ::testing::Types<GbConfig<Vgb_softmax_n4, Vgb_entropy_n4, 4>,
                                 GbConfig<Vgb_softmax_n16, Vgb_entropy_n16, 16>,
                                 GbConfig<Vgb_softmax_n32, Vgb_entropy_n32, 32>>;
TYPED_TEST_SUITE(GbSoftmaxTest, Configs);

TYPED_TEST(GbSoftmaxTest, RandomRowsAtSeveralExponents) {
  const uint32_t n = this->kN;
  // -3 is the folded 1/sqrt(64); -32 and 31 are the shift extremes (-36 and +27).
  const int exp_ins[] = {-3, -3, -8, -6, 0, 2, 4, -12, -32, 31};
  int trial = 0;
  for (const int exp_in : exp_ins) {
    for (int k = 0; k < 2; ++k, ++trial) {
      const auto rows = static_cast<uint32_t>(1 + this->rng_() % 5);
      const auto cols = n * static_cast<uint32_t>(1 + this->rng_() % (512 / n));
      const int exp_out = -14 + static_cast<int>(this->rng_() % 9);
      const auto span = static_cast<Span>(trial % 4 == 1 ? 2 : (trial % 4 == 3 ? 3 : 0));
      GbCommand c =
          this->RandomSoftmax(rows, cols, exp_in, exp_out, span, false, 0.05 * (trial % 8));
      c.keys = this->RandomKeys(cols);
      this->CheckSoftmax(c, this->Describe(c));
      if (this->HasFailure()) return;
    }
  }
}

TYPED_TEST(GbSoftmaxTest, EveryRowLengthUpTo512Columns) {
  const uint32_t n = this->kN;
  std::vector<uint32_t> lengths = {n, 2 * n, 3 * n, 128, 512 - n, 512};
  for (uint32_t cols = 4 * n; cols < 512; cols += 5 * n) lengths.push_back(cols);
  for (const uint32_t cols : lengths) {
    const auto rows = static_cast<uint32_t>(1 + this->rng_() % 3);
    const GbCommand c = this->RandomSoftmax(rows, cols, -3, -9, Span::kNone, false);
    this->CheckSoftmax(c, this->Describe(c));
    if (this->HasFailure()) return;
  }
}

TYPED_TEST(GbSoftmaxTest, EqualLargeNegativeAndZeroRows) {
  const uint32_t n = this->kN;
  struct Row {
    const char* name;
    std::vector<uint8_t> (*make)(uint32_t cols, std::mt19937& rng);
  };
  const Row rows[] = {
      {"all equal", [](uint32_t cols, std::mt19937&) { return std::vector<uint8_t>(cols, 0x35); }},
      {"all +max", [](uint32_t cols, std::mt19937&) { return std::vector<uint8_t>(cols, 0x7F); }},
      {"all -max", [](uint32_t cols, std::mt19937&) { return std::vector<uint8_t>(cols, 0xFF); }},
      {"all zero codes",
       [](uint32_t cols, std::mt19937&) {
         std::vector<uint8_t> r(cols, 0x00);
         for (size_t i = 0; i < r.size(); i += 2) r[i] = 0x80;
         return r;
       }},
      {"+max and -max mixed",
       [](uint32_t cols, std::mt19937& rng) {
         std::vector<uint8_t> r(cols);
         for (uint8_t& b : r) b = (rng() & 1) ? af8::kMaxPositiveCode : af8::kMaxNegativeCode;
         return r;
       }},
      {"one +max among -max",
       [](uint32_t cols, std::mt19937& rng) {
         std::vector<uint8_t> r(cols, 0xFF);
         r[rng() % cols] = 0x7F;
         return r;
       }},
      {"one -max among zeros",
       [](uint32_t cols, std::mt19937& rng) {
         std::vector<uint8_t> r(cols, 0x00);
         r[rng() % cols] = 0xFF;
         return r;
       }},
  };
  for (const Row& row : rows) {
    for (const uint32_t cols : {n, 128u, 512u}) {
      for (const int exp_in : {-3, 4, -20, 31}) {
        // exp_out -8 makes a probability of 1.0 saturate (max 31 * 2^-5).
        for (const int exp_out : {-8, -12}) {
          GbCommand c = this->RandomSoftmax(2, cols, exp_in, exp_out, Span::kNone, false);
          std::vector<uint8_t> codes = row.make(cols, this->rng_);
          const std::vector<uint8_t> second = row.make(cols, this->rng_);
          codes.insert(codes.end(), second.begin(), second.end());
          this->uab_.StoreTensor(c.src_addr, c.src_stride, 2, static_cast<int>(cols), codes);
          this->CheckSoftmax(c, std::string(row.name) + " " + this->Describe(c));
          if (this->HasFailure()) return;
        }
      }
    }
  }
}

TYPED_TEST(GbSoftmaxTest, EverySpanShape) {
  const uint32_t n = this->kN;
  for (const uint32_t cols : {n, 128u, 512u}) {
    for (const Span span : {Span::kAllZero, Span::kPartial, Span::kFull}) {
      for (const int exp_out : {-8, -11}) {
        const GbCommand c = this->RandomSoftmax(3, cols, -3, exp_out, span, false);
        const std::string what =
            this->Describe(c) + " span kind " + std::to_string(static_cast<int>(span));
        const sim::PuRun run = this->CheckSoftmax(c, what);
        if (span == Span::kAllZero) {
          // Only the span load and the writes: no softmax cycle.
          const uint64_t writes = uint64_t{c.rows} * (cols / n);
          EXPECT_LE(run.cycles, 4 + cols / 4 + writes + 6) << what;
        }
        if (this->HasFailure()) return;
      }
    }
  }
  // Unaligned span address without HAS_SPAN is ignored.
  GbCommand c = this->RandomSoftmax(2, 2 * n, -3, -9, Span::kNone, false);
  c.aux_addr = 3;
  this->CheckSoftmax(c, "span address ignored without HAS_SPAN");
}

TYPED_TEST(GbSoftmaxTest, InPlaceStridedAndOverlappingLayouts) {
  const uint32_t n = this->kN;
  for (const uint32_t cols : {n, 3 * n, 128u, 512u}) {
    for (const Span span : {Span::kNone, Span::kPartial}) {
      const GbCommand c = this->RandomSoftmax(4, cols, -3, -9, span, true);
      this->CheckSoftmax(c, "in place " + this->Describe(c));
      if (this->HasFailure()) return;
    }
  }
  // Strides far beyond the row length.
  for (const uint32_t cols : {n, 2 * n}) {
    GbCommand c = this->RandomSoftmax(1, cols, -3, -9, Span::kNone, false);
    c.rows = 5;
    c.src_stride = 37;
    c.dst_addr = 4000;
    c.dst_stride = 101;
    this->uab_.StoreTensor(c.src_addr, c.src_stride, 5, static_cast<int>(cols),
                           this->RandomCodes(5 * cols, 0.1));
    this->CheckSoftmax(c, "long strides " + this->Describe(c));
    if (this->HasFailure()) return;
  }
  // Each row's destination is the next row's source: the golden order (row r written before row
  // r + 1 is read) must hold. Also the same source row for every row (stride 0).
  for (const uint32_t cols : {n, 2 * n, 128u}) {
    GbCommand c = this->RandomSoftmax(4, cols, -3, -9, Span::kNone, false);
    c.dst_addr = c.src_addr + c.src_stride;
    c.dst_stride = c.src_stride;
    this->CheckSoftmax(c, "destination = next source " + this->Describe(c));
    c.src_stride = 0;
    c.dst_addr = c.src_addr;
    c.dst_stride = 0;
    this->CheckSoftmax(c, "stride 0 in place " + this->Describe(c));
    if (this->HasFailure()) return;
  }
}

// KEYS: the padded keys (columns KEYS..COLS-1) take no part; their outputs are zero (mask bits
// clear). They hold +max scores (a max that included them would change every key's probability)
// or copies of the row's largest key (t = 0: a sum that included them would). Every KEYS class:
// 1, below, at and above a vector boundary, COLS - 1, COLS, 0 (all); no span, a partial span,
// and an all-zero span; in place and disjoint.
TYPED_TEST(GbSoftmaxTest, KeysExcludePaddedColumns) {
  const uint32_t n = this->kN;
  for (const uint32_t cols : {n, 3 * n, 128u, 512u}) {
    std::vector<uint32_t> key_counts = {1, cols - 1, cols, 0, cols / 2 + 1};
    if (n + 1 <= cols) key_counts.push_back(n + 1);
    if (cols >= 2 * n) key_counts.push_back(2 * n);
    for (const uint32_t keys : key_counts) {
      for (const Span span : {Span::kNone, Span::kPartial, Span::kAllZero}) {
        for (const bool in_place : {false, true}) {
          for (const bool max_padding : {true, false}) {
            GbCommand c = this->RandomSoftmax(3, cols, -3, -9, span, in_place);
            c.keys = keys;
            const uint32_t effective = keys == 0 ? cols : keys;
            std::vector<uint8_t> codes =
                this->uab_.LoadTensor(c.src_addr, c.src_stride, 3, static_cast<int>(cols));
            for (uint32_t r = 0; r < 3; ++r) {
              const auto row = codes.begin() + r * cols;
              if (max_padding) {
                std::replace(row, row + effective, af8::kMaxPositiveCode, uint8_t{0x3F});
              }
              const uint8_t largest = *std::max_element(
                  row, row + effective,
                  [](uint8_t a, uint8_t b) { return af8::Decode(a, 0) < af8::Decode(b, 0); });
              std::fill(row + effective, row + cols, max_padding ? af8::kMaxPositiveCode : largest);
            }
            this->uab_.StoreTensor(c.src_addr, c.src_stride, 3, static_cast<int>(cols), codes);
            const std::string what = std::string(max_padding ? "+max" : "largest-key") +
                                     " padding, " + this->Describe(c) + " span kind " +
                                     std::to_string(static_cast<int>(span));
            this->CheckSoftmax(c, what);
            const std::vector<uint8_t> out =
                this->uab_.LoadTensor(c.dst_addr, c.dst_stride, 3, static_cast<int>(cols));
            for (uint32_t r = 0; r < 3; ++r) {
              for (uint32_t i = effective; i < cols; ++i) {
                ASSERT_EQ(out[r * cols + i], af8::kZeroCode)
                    << what << " row " << r << " col " << i;
              }
            }
            if (this->HasFailure()) return;
          }
        }
      }
    }
  }
}

// Many random commands back to back, in every layout class: DST disjoint from SRC and in place
// with a stride of at least a row (the unit overlaps rows), and layouts where a row's writes reach
// a later row's source (rows run strictly in order): in place with rows overlapping each other,
// DST shifted by whole rows ahead of or behind SRC, DST shifted by a few vectors (a row's writes
// land inside its own source), and random strides in a small window. The golden model reads each
// row completely, writes it, then goes to the next row; the unit must give the same result.
TYPED_TEST(GbSoftmaxTest, RandomCommandsInEveryLayout) {
  const uint32_t n = this->kN;
  const char* const kinds[] = {"disjoint",
                               "in place",
                               "in place, rows overlapping",
                               "DST = SRC + k rows",
                               "DST = SRC - k rows",
                               "DST = SRC + k vectors",
                               "DST = SRC - k vectors",
                               "random window"};
  for (int trial = 0; trial < 200; ++trial) {
    const auto rows = static_cast<uint32_t>(1 + this->rng_() % 9);
    const uint32_t max_groups = (trial % 3 == 0) ? 512 / n : std::min(512 / n, 6u);
    const auto groups = static_cast<uint32_t>(1 + this->rng_() % max_groups);
    const uint32_t cols = groups * n;
    const int exp_in = static_cast<int>(this->rng_() % 24) - 16;
    const int exp_out = -13 + static_cast<int>(this->rng_() % 7);
    const auto span = static_cast<Span>(this->rng_() % 4);
    GbCommand c = this->RandomSoftmax(rows, cols, exp_in, exp_out, span, false,
                                      0.1 * static_cast<double>(this->rng_() % 10));
    c.keys = this->RandomKeys(cols);
    const auto layout = static_cast<uint32_t>(trial % 8);
    const uint32_t base = 2 * (groups + 8) * 10;  // room below SRC for DST to trail it
    const auto k = static_cast<uint32_t>(1 + this->rng_() % (groups + 2));
    switch (layout) {
      case 1:
        c.dst_addr = c.src_addr;
        c.dst_stride = c.src_stride;
        break;
      case 2:
        c.src_stride = static_cast<uint32_t>(this->rng_() % groups);
        c.dst_addr = c.src_addr;
        c.dst_stride = c.src_stride;
        break;
      case 3:
        c.dst_stride = c.src_stride;
        c.dst_addr = c.src_addr + c.src_stride * static_cast<uint32_t>(1 + this->rng_() % 2);
        break;
      case 4:
        c.src_addr += base;
        c.dst_stride = c.src_stride;
        c.dst_addr = c.src_addr - c.src_stride * static_cast<uint32_t>(1 + this->rng_() % 2);
        break;
      case 5:
        c.dst_stride = c.src_stride + static_cast<uint32_t>(this->rng_() % 3);
        c.dst_addr = c.src_addr + k;
        break;
      case 6:
        c.src_addr += base;
        c.dst_stride = c.src_stride + static_cast<uint32_t>(this->rng_() % 3);
        c.dst_addr = c.src_addr - k;
        break;
      case 7:
        c.src_addr += base;
        c.src_stride = static_cast<uint32_t>(this->rng_() % (2 * groups + 1));
        c.dst_stride = static_cast<uint32_t>(this->rng_() % (2 * groups + 1));
        c.dst_addr =
            c.src_addr + static_cast<uint32_t>(this->rng_() % (4 * groups + 1)) - 2 * groups;
        break;
      default:
        break;
    }
    if (layout >= 2) {
      for (uint32_t r = 0; r < rows; ++r) {
        this->uab_.StoreTensor(c.src_addr + r * c.src_stride, 1, 1, static_cast<int>(cols),
                               this->RandomCodes(cols, 0.1));
      }
    }
    this->CheckSoftmax(c, std::string(kinds[layout]) + " " + this->Describe(c));
    if (this->HasFailure()) return;
  }
}

// One +max score among -max ones: p = 1.0 exactly, which saturates at EXP_OUT -8 (largest
// magnitude 31 x 2^-5), once per row; with a span byte of 64 it is 0.5 and does not.
TYPED_TEST(GbSoftmaxTest, OneHotRowsSaturate) {
  const uint32_t n = this->kN;
  for (const uint32_t cols : {n, 128u}) {
    GbCommand c = this->RandomSoftmax(4, cols, 4, -8, Span::kNone, false);
    std::vector<uint8_t> codes(4 * cols, af8::kMaxNegativeCode);
    for (uint32_t r = 0; r < 4; ++r) codes[r * cols + (r * 7) % cols] = af8::kMaxPositiveCode;
    this->uab_.StoreTensor(c.src_addr, c.src_stride, 4, static_cast<int>(cols), codes);
    sim::PuRun run = this->CheckSoftmax(c, "one-hot " + this->Describe(c));
    EXPECT_EQ(run.perf.saturations, 4u);
    c.has_span = true;
    c.aux_addr = 0;
    this->aux_.WriteBytes(0, std::vector<uint8_t>(cols, 64));
    run = this->CheckSoftmax(c, "one-hot, span 0.5 " + this->Describe(c));
    EXPECT_EQ(run.perf.saturations, 0u);
  }
}

TYPED_TEST(GbSoftmaxTest, EntropyWithThresholds) {
  const uint32_t n = this->kN;
  std::vector<uint32_t> label_counts = {2, 3, n};
  for (const uint32_t labels : label_counts) {
    for (const int exp_in : {-3, -8, 0, 4, -32, 31}) {
      for (int trial = 0; trial < 3; ++trial) {
        const GbCommand c = this->Entropy(labels, exp_in, this->RandomCodes(labels, 0.1));
        std::vector<uint8_t> logits = this->uab_.LoadTensor(c.src_addr, 1, 1, this->kLanes);
        logits.resize(labels);
        const uint32_t h = af8::EntropyQ24(logits, exp_in);
        const std::string what = "ENTROPY labels " + std::to_string(labels) + " exp_in " +
                                 std::to_string(exp_in) + " H " + std::to_string(h);
        // H < T is strict: T = H does not exit, T = H + 1 does.
        this->CheckEntropy(c, what + " T=H", h);
        this->CheckEntropy(c, what + " T=H+1", h + 1);
        if (h > 0) this->CheckEntropy(c, what + " T=H-1", h - 1);
        this->CheckEntropy(c, what + " T=max", UINT32_MAX);
        if (this->HasFailure()) return;
      }
    }
  }
  // Equal logits (H = ln 3), one dominant logit (H = 0), zeros and +-max.
  const std::vector<std::vector<uint8_t>> fixed = {
      {0x35, 0x35, 0x35}, {0x7F, 0xFF, 0xFF}, {0x00, 0x80, 0x00}, {0x7F, 0x7F}, {0xFF, 0x7F}};
  for (const auto& logits : fixed) {
    for (const int exp_in : {-3, 4}) {
      const GbCommand c = this->Entropy(static_cast<uint32_t>(logits.size()), exp_in, logits);
      this->CheckEntropy(c, "fixed logits", 1u << 24);
      if (this->HasFailure()) return;
    }
  }
}

TYPED_TEST(GbSoftmaxTest, InvalidCommandsRaiseErrorsWithoutWritingOrHanging) {
  const uint32_t n = this->kN;
  const GbCommand good = this->RandomSoftmax(2, 2 * n, -3, -9, Span::kPartial, false);
  struct Case {
    const char* name;
    void (*mutate)(GbCommand&, uint32_t n);
  };
  const Case cases[] = {
      {"rows = 0", [](GbCommand& c, uint32_t) { c.rows = 0; }},
      {"cols = 0", [](GbCommand& c, uint32_t) { c.cols = 0; }},
      {"cols not a multiple of n", [](GbCommand& c, uint32_t lanes) { c.cols = lanes + 1; }},
      {"odd cols", [](GbCommand& c, uint32_t lanes) { c.cols = 3 * lanes - 1; }},
      {"cols > 512", [](GbCommand& c, uint32_t lanes) { c.cols = 512 + lanes; }},
      {"cols = 0xFFFF", [](GbCommand& c, uint32_t) { c.cols = 0xFFFF; }},
      {"keys = cols + 1", [](GbCommand& c, uint32_t) { c.keys = c.cols + 1; }},
      {"keys = 0xFFFF", [](GbCommand& c, uint32_t) { c.keys = 0xFFFF; }},
      {"keys > cols, bad address too",
       [](GbCommand& c, uint32_t) {
         c.keys = c.cols + 7;
         c.src_addr = kUabVectors;
       }},
      {"src past the UAB", [](GbCommand& c, uint32_t) { c.src_addr = kUabVectors - 1; }},
      {"src stride past the UAB", [](GbCommand& c, uint32_t) { c.src_stride = 0xFFFF; }},
      {"src at 2^24 - 1", [](GbCommand& c, uint32_t) { c.src_addr = 0xFFFFFF; }},
      {"dst past the UAB", [](GbCommand& c, uint32_t) { c.dst_addr = kUabVectors; }},
      {"dst stride past the UAB",
       [](GbCommand& c, uint32_t) {
         c.dst_stride = 0x8000;
         c.rows = 0xFFFF;
       }},
      {"span past the aux buffer",
       [](GbCommand& c, uint32_t) { c.aux_addr = kAuxBytes - c.cols + 4; }},
      {"span at 0xFFFC", [](GbCommand& c, uint32_t) { c.aux_addr = 0xFFFC; }},
      {"unaligned span", [](GbCommand& c, uint32_t) { c.aux_addr = 2; }},
      {"span 1 byte off", [](GbCommand& c, uint32_t) { c.aux_addr = 1; }},
  };
  for (const auto& test_case : cases) {
    GbCommand c = good;
    test_case.mutate(c, n);
    ASSERT_NE(golden::Validate(c, this->limits_), ErrCode::kNone) << test_case.name;
    const sim::PuRun run = this->CheckSoftmax(c, test_case.name);
    EXPECT_LE(run.cycles, 4u) << test_case.name << ": validation takes no memory cycles";
    if (this->HasFailure()) return;
  }
  // KEYS > COLS is a shape error (checked before the addresses).
  for (const uint32_t keys : {good.cols + 1, 2 * good.cols, 0xFFFFu}) {
    GbCommand c = good;
    c.keys = keys;
    c.src_addr = kUabVectors;
    EXPECT_EQ(golden::Validate(c, this->limits_), ErrCode::kBadShape) << keys;
  }
  // The largest exact fits still run.
  GbCommand edge = good;
  edge.aux_addr = kAuxBytes - edge.cols;
  this->CheckSoftmax(edge, "span ends at the aux buffer's end");

  // Opcodes that are not the unit's.
  for (const uint32_t opcode : {0u, 1u, 3u, 6u, 8u, 9u, 255u}) {
    golden::Descriptor words = golden::ToDescriptor(good);
    golden::Put(words, regs::cmd::kOpcode, opcode);
    this->Check(*this->softmax_, Opcode::kSoftmax, words,
                "SOFTMAX unit, opcode " + std::to_string(opcode));
  }
  const GbCommand entropy = this->Entropy(2, -3, {0x30, 0x40});
  for (const uint32_t opcode : {0u, 2u, 7u, 255u}) {
    golden::Descriptor words = golden::ToDescriptor(entropy);
    golden::Put(words, regs::cmd::kOpcode, opcode);
    this->Check(*this->entropy_, Opcode::kEntropy, words,
                "ENTROPY unit, opcode " + std::to_string(opcode));
  }

  const Case entropy_cases[] = {
      {"0 labels", [](GbCommand& c, uint32_t) { c.cols = 0; }},
      {"1 label", [](GbCommand& c, uint32_t) { c.cols = 1; }},
      {"n + 1 labels", [](GbCommand& c, uint32_t lanes) { c.cols = lanes + 1; }},
      {"src past the UAB", [](GbCommand& c, uint32_t) { c.src_addr = kUabVectors; }},
      {"src at 2^24 - 1", [](GbCommand& c, uint32_t) { c.src_addr = 0xFFFFFF; }},
      {"unaligned H", [](GbCommand& c, uint32_t) { c.aux_addr = 6; }},
      {"H past the aux buffer", [](GbCommand& c, uint32_t) { c.aux_addr = kAuxBytes; }},
      {"H at 0xFFFC", [](GbCommand& c, uint32_t) { c.aux_addr = 0xFFFC; }},
  };
  for (const auto& test_case : entropy_cases) {
    GbCommand c = entropy;
    test_case.mutate(c, n);
    ASSERT_NE(golden::Validate(c, this->limits_), ErrCode::kNone) << test_case.name;
    this->CheckEntropy(c, std::string("ENTROPY ") + test_case.name, 1u << 24);
    if (this->HasFailure()) return;
  }
  GbCommand last_word = entropy;
  last_word.src_addr = kUabVectors - 1;
  last_word.aux_addr = kAuxBytes - 4;
  this->uab_.StoreTensor(last_word.src_addr, 1, 1, this->kLanes, this->RandomCodes(n, 0.0));
  this->CheckEntropy(last_word, "ENTROPY at the last vector and word", 1u << 24);
}

// Cycle counts (printed; the figures in the report come from here).
TYPED_TEST(GbSoftmaxTest, CycleCounts) {
  const uint32_t n = this->kN;
  for (const Span span : {Span::kNone, Span::kPartial, Span::kAllZero}) {
    GbCommand c = this->RandomSoftmax(128, 128, -3, -9, span, false);
    const sim::PuRun run = this->CheckSoftmax(c, "128 x 128 " + this->Describe(c));
    const char* kind = span == Span::kNone      ? "no span"
                       : span == Span::kPartial ? "partial span"
                                                : "all-zero span";
    std::cout << "[ cycles   ] n=" << n << " SOFTMAX 128 x 128, " << kind << ": " << run.cycles
              << " cycles (" << run.perf.busy_cycles << " busy), "
              << static_cast<double>(run.cycles) / 128.0 << " per row\n";
  }
  for (const uint32_t labels : {2u, 3u}) {
    const GbCommand c = this->Entropy(labels, -3, this->RandomCodes(labels, 0.0));
    const sim::PuRun run = this->CheckEntropy(c, "ENTROPY cycles", 1u << 24);
    std::cout << "[ cycles   ] n=" << n << " ENTROPY, " << labels << " labels: " << run.cycles
              << " cycles\n";
  }
}

}  // namespace
}  // namespace edgebert
