#include "golden/pu_golden.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <iostream>
#include <limits>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <typeinfo>
#include <vector>

#include "golden/matmul_kernel.h"
#include "golden/parallel.h"
#include "numerics/af8.h"
#include "numerics/af8_activation.h"
#include "numerics/af8_mac.h"
#include "numerics/sparse.h"

namespace edgebert::golden {
namespace {

TEST(MatmulDescriptor, RoundTripsEveryField) {
  std::mt19937 rng(3);
  for (int i = 0; i < 200; ++i) {
    MatmulCommand c;
    c.irq = rng() & 1;
    c.act = rng() % 4;
    c.trans_c = rng() & 1;
    c.b_in_uab = rng() & 1;
    c.has_bias = rng() & 1;
    c.m = rng() & 0xFFFF;
    c.n = rng() & 0xFFFF;
    c.k = rng() & 0xFFFF;
    c.exp_a = static_cast<int>(rng() % 64) - 32;
    c.exp_b = static_cast<int>(rng() % 64) - 32;
    c.exp_c = static_cast<int>(rng() % 64) - 32;
    c.exp_pre = static_cast<int>(rng() % 64) - 32;
    c.a_addr = rng() & 0xFFFFFF;
    c.b_addr = rng() & 0xFFFFFF;
    c.c_addr = rng() & 0xFFFFFF;
    c.a_stride = rng() & 0xFFFF;
    c.b_stride = rng() & 0xFFFF;
    c.c_stride = rng() & 0xFFFF;
    c.bias_addr = rng() & 0xFFFF;
    c.act_table_addr = rng() & 0xFFFF;
    const Descriptor words = ToDescriptor(c);
    EXPECT_EQ(regs::Get(regs::cmd::kOpcode, words[0]),
              static_cast<uint32_t>(regs::Opcode::kMatmul));
    const MatmulCommand back = MatmulFromDescriptor(words);
    EXPECT_EQ(ToDescriptor(back), words);
    EXPECT_EQ(back.exp_a, c.exp_a);
    EXPECT_EQ(back.exp_pre, c.exp_pre);
    EXPECT_EQ(back.c_addr, c.c_addr);
  }
}

TEST(VectorMemory, StoresEncodedAndRejectsOutOfRange) {
  VectorMemory memory("uab", 8, 64);
  std::vector<uint8_t> codes(3 * 16);
  for (size_t i = 0; i < codes.size(); ++i) codes[i] = i % 3 ? static_cast<uint8_t>(i) : 0;
  memory.StoreTensor(5, 4, 3, 16, codes);
  EXPECT_EQ(memory.LoadTensor(5, 4, 3, 16), codes);
  EXPECT_EQ(memory.mask(5), 0b10110110u) << "lanes 0, 3, 6 of the first vector are zero";
  EXPECT_EQ(memory.slot(5)[0], 1);
  EXPECT_THROW(memory.mask(64), std::out_of_range);
  EXPECT_THROW(memory.StoreTensor(60, 4, 3, 16, codes), std::out_of_range);
  AuxMemory aux(16);
  aux.WriteInt32s(4, std::vector<int32_t>{-2});
  EXPECT_EQ(aux.ReadWord(4), 0xFFFFFFFEu);
  EXPECT_THROW(aux.ReadWord(13), std::out_of_range);
}

// RunMatmul against an element-by-element evaluation with the numerics library.
TEST(PuGolden, MatmulMatchesElementwiseDefinition) {
  constexpr int kLanes = 8;
  const PuLimits limits{kLanes, 4096, 4096, 2048};
  std::mt19937 rng(8);
  for (int trial = 0; trial < 12; ++trial) {
    VectorMemory uab("uab", kLanes, limits.uab_vectors),
        wsram("wsram", kLanes, limits.wsram_vectors);
    AuxMemory aux(limits.aux_bytes);
    MatmulCommand c;
    c.m = static_cast<uint32_t>(8 * (1 + rng() % 3));
    c.n = static_cast<uint32_t>(8 * (1 + rng() % 3));
    c.k = static_cast<uint32_t>(8 * (1 + rng() % 4));
    c.trans_c = trial % 2;
    c.has_bias = trial % 3 == 0;
    c.act = static_cast<uint32_t>(trial % 3);
    c.exp_a = -6;
    c.exp_b = -7;
    c.exp_c = -3;
    c.exp_pre = -2;
    c.a_stride = c.k / kLanes;
    c.b_stride = c.k / kLanes;
    c.c_addr = 1000;
    c.c_stride = (c.trans_c ? c.m : c.n) / kLanes;
    c.act_table_addr = 1024;
    std::vector<uint8_t> a(size_t{c.m} * c.k), b(size_t{c.n} * c.k);
    for (auto& v : a) v = static_cast<uint8_t>(rng());
    for (auto& v : b) v = static_cast<uint8_t>(rng() % 3 ? rng() : 0);
    uab.StoreTensor(0, c.a_stride, static_cast<int>(c.m), static_cast<int>(c.k), a);
    wsram.StoreTensor(0, c.b_stride, static_cast<int>(c.n), static_cast<int>(c.k), b);
    std::vector<int32_t> bias(c.n);
    for (auto& v : bias) v = static_cast<int32_t>(rng() % 20001) - 10000;
    aux.WriteInt32s(0, bias);
    af8::ActivationTable table{};
    if (c.act != 0) {
      table = af8::MakeActivationTable(static_cast<af8::Activation>(c.act), c.exp_pre, c.exp_c);
      aux.WriteBytes(c.act_table_addr, table);
    }
    ASSERT_EQ(RunMatmul(c, limits, uab, wsram, aux).error, regs::ErrCode::kNone);
    const auto out =
        c.trans_c
            ? uab.LoadTensor(c.c_addr, c.c_stride, static_cast<int>(c.n), static_cast<int>(c.m))
            : uab.LoadTensor(c.c_addr, c.c_stride, static_cast<int>(c.m), static_cast<int>(c.n));
    for (uint32_t i = 0; i < c.m; ++i) {
      for (uint32_t j = 0; j < c.n; ++j) {
        af8::Accumulator acc = af8::Dot(std::span(a).subspan(size_t{i} * c.k, c.k),
                                        std::span(b).subspan(size_t{j} * c.k, c.k));
        if (c.has_bias) acc.Add(bias[j]);
        const int acc_exp = af8::ProductExponent(c.exp_a, c.exp_b);
        const uint8_t want = c.act == 0 ? af8::Requantize(acc.value(), acc_exp, c.exp_c)
                                        : table[af8::Requantize(acc.value(), acc_exp, c.exp_pre)];
        const uint8_t got = c.trans_c ? out[size_t{j} * c.m + i] : out[size_t{i} * c.n + j];
        ASSERT_EQ(got, want) << "trial " << trial << " C[" << i << "][" << j << "]";
      }
    }
  }
}

TEST(PuGolden, ValidationNamesTheFirstFailingCheckAndWritesNothing) {
  const PuLimits limits{16, 1024, 1024, 512};
  MatmulCommand c;
  c.m = 16;
  c.n = 16;
  c.k = 16;
  c.c_addr = 100;
  c.c_stride = 1;
  c.a_stride = 1;
  c.b_stride = 1;
  EXPECT_EQ(Validate(c, limits), regs::ErrCode::kNone);
  MatmulCommand bad = c;
  bad.act = 3;
  EXPECT_EQ(Validate(bad, limits), regs::ErrCode::kBadOpcode);
  bad = c;
  bad.k = 24;
  EXPECT_EQ(Validate(bad, limits), regs::ErrCode::kBadShape);
  bad = c;
  bad.c_addr = 1024 - 15;
  EXPECT_EQ(Validate(bad, limits), regs::ErrCode::kBadAddress);
  bad = c;
  bad.has_bias = true;
  bad.bias_addr = 512 - 32;
  EXPECT_EQ(Validate(bad, limits), regs::ErrCode::kBadAddress) << "16 biases need 64 bytes";
  VectorMemory uab("uab", 16, 1024), wsram("wsram", 16, 1024);
  AuxMemory aux(512);
  const VectorMemory before = uab;
  bad = c;
  bad.m = 0;
  EXPECT_EQ(RunMatmul(bad, limits, uab, wsram, aux).error, regs::ErrCode::kBadShape);
  for (uint32_t v = 0; v < uab.vectors(); ++v) ASSERT_EQ(uab.mask(v), before.mask(v));
}

// ---------------------------------------------------------------------------------------------
// RunMatmul (int16 decode, vectorized kernel, threads) against RunMatmulReference (one product
// table lookup per MAC), on everything a command can vary.

// RunMatmul's exactness rests on this: a product is the product of the two IntegerValues, each
// of which fits int16.
TEST(PuGolden, ProductIsTheProductOfIntegerValuesForEveryPair) {
  for (int a = 0; a < 256; ++a) {
    const int32_t x = af8::IntegerValue(static_cast<uint8_t>(a));
    ASSERT_LE(x, std::numeric_limits<int16_t>::max());
    ASSERT_GE(x, std::numeric_limits<int16_t>::min());
    for (int b = 0; b < 256; ++b) {
      const int32_t y = af8::IntegerValue(static_cast<uint8_t>(b));
      ASSERT_EQ(af8::Product(static_cast<uint8_t>(a), static_cast<uint8_t>(b)), x * y)
          << "codes " << a << ", " << b;
    }
  }
}

// Uniform in [0, bound).
uint32_t Below(std::mt19937& rng, uint32_t bound) { return static_cast<uint32_t>(rng() % bound); }

// A command with its own buffers: A at 0 in the UAB, B after it (UAB or WSRAM), C after that,
// each with a random row padding.
struct Case {
  PuLimits limits;
  MatmulCommand c;
  VectorMemory uab, wsram;
  AuxMemory aux;
};

// Operand codes: whole vectors zero with probability zero_vectors, else elements zero with
// probability zero_elements (either zero code), else uniform over all codes.
std::vector<uint8_t> RandomOperand(std::mt19937& rng, uint32_t rows, uint32_t cols, int lanes,
                                   double zero_vectors, double zero_elements) {
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<uint8_t> codes(size_t{rows} * cols);
  for (size_t v = 0; v < codes.size() / static_cast<size_t>(lanes); ++v) {
    const bool zero_vector = u(rng) < zero_vectors;
    for (size_t l = 0; l < static_cast<size_t>(lanes); ++l) {
      uint8_t& code = codes[v * static_cast<size_t>(lanes) + l];
      if (zero_vector || u(rng) < zero_elements) {
        code = rng() % 2 ? af8::kZeroCode : af8::kNegativeZeroCode;
      } else {
        code = static_cast<uint8_t>(rng());
      }
    }
  }
  return codes;
}

Case MakeCase(std::mt19937& rng, int lanes, uint32_t m, uint32_t n, uint32_t k) {
  const auto n_lanes = static_cast<uint32_t>(lanes);
  MatmulCommand c;
  c.m = m;
  c.n = n;
  c.k = k;
  c.trans_c = m % n_lanes == 0 && rng() % 2 == 0;
  c.b_in_uab = rng() % 4 == 0;
  c.has_bias = rng() % 2 == 0;
  c.act = Below(rng, 3);
  c.exp_a = static_cast<int>(rng() % 64) - 32;
  c.exp_b = static_cast<int>(rng() % 64) - 32;
  // Output biases around the accumulator's scale, some low enough that outputs saturate.
  const int scale = std::clamp(c.exp_a + c.exp_b + 4, af8::kBiasMin, af8::kBiasMax);
  c.exp_c = std::clamp(scale + static_cast<int>(rng() % 24) - 16, af8::kBiasMin, af8::kBiasMax);
  c.exp_pre = std::clamp(scale + static_cast<int>(rng() % 24) - 16, af8::kBiasMin, af8::kBiasMax);
  c.a_stride = k / n_lanes + Below(rng, 3);
  c.b_stride = k / n_lanes + Below(rng, 3);
  const uint32_t c_rows = c.trans_c ? n : m, c_cols = c.trans_c ? m : n;
  c.c_stride = c_cols / n_lanes + Below(rng, 3);
  const uint32_t a_end = m * c.a_stride, b_size = n * c.b_stride;
  c.b_addr = c.b_in_uab ? a_end : 0;
  c.c_addr = a_end + (c.b_in_uab ? b_size : 0) + Below(rng, 5);
  c.bias_addr = 4 * Below(rng, 4);
  c.act_table_addr = 4 * ((c.bias_addr + 4 * n) / 4 + Below(rng, 4));
  const PuLimits limits{lanes, c.c_addr + c_rows * c.c_stride, b_size, c.act_table_addr + 256};
  Case t{limits, c, VectorMemory("uab", lanes, limits.uab_vectors),
         VectorMemory("wsram", lanes, std::max(limits.wsram_vectors, 1u)),
         AuxMemory(limits.aux_bytes)};
  t.uab.Fill(0x3C);  // C's padding and every unwritten vector: nonzero, so a stray write shows

  const double sparsity[] = {0.0, 0.05, 0.5, 1.0};
  const auto a = RandomOperand(rng, m, k, lanes, sparsity[rng() % 4], sparsity[rng() % 3]);
  const auto b = RandomOperand(rng, n, k, lanes, sparsity[rng() % 4], sparsity[rng() % 3]);
  t.uab.StoreTensor(0, c.a_stride, static_cast<int>(m), static_cast<int>(k), a);
  (c.b_in_uab ? t.uab : t.wsram)
      .StoreTensor(c.b_addr, c.b_stride, static_cast<int>(n), static_cast<int>(k), b);
  std::vector<int32_t> bias(n);
  const bool full_range = rng() % 2 == 0;
  for (auto& v : bias) {
    v = full_range ? static_cast<int32_t>(rng()) : static_cast<int32_t>(rng() % 2001) - 1000;
  }
  t.aux.WriteInt32s(c.bias_addr, bias);
  af8::ActivationTable table{};
  for (auto& v : table) v = static_cast<uint8_t>(rng());
  t.aux.WriteBytes(c.act_table_addr, table);
  return t;
}

// The whole UAB (C and everything around it), vector by vector.
void ExpectSameMemory(const VectorMemory& got, const VectorMemory& want, const std::string& what) {
  ASSERT_EQ(got.vectors(), want.vectors());
  for (uint32_t v = 0; v < got.vectors(); ++v) {
    ASSERT_EQ(got.mask(v), want.mask(v)) << what << ": vector " << v;
    const auto got_slot = got.slot(v), want_slot = want.slot(v);
    ASSERT_TRUE(std::equal(got_slot.begin(), got_slot.end(), want_slot.begin()))
        << what << ": vector " << v;
  }
}

std::string Describe(const MatmulCommand& c, int lanes) {
  return "n=" + std::to_string(lanes) + " M=" + std::to_string(c.m) + " N=" + std::to_string(c.n) +
         " K=" + std::to_string(c.k) + " act=" + std::to_string(c.act) +
         " trans_c=" + std::to_string(c.trans_c) + " bias=" + std::to_string(c.has_bias);
}

// Runs both on copies of the case's memory; every output code and statistic must agree.
// RunMatmul also runs with an operand cache, twice: the first run decodes B into it, the second
// reads B from it (when B is in the WSRAM).
void ExpectMatchesReference(Case& t, MatmulResult* result = nullptr) {
  const std::string what = Describe(t.c, t.limits.lanes);
  VectorMemory want_uab = t.uab;
  const VectorMemory before = t.uab;
  const MatmulResult want = RunMatmulReference(t.c, t.limits, want_uab, t.wsram, t.aux);
  ASSERT_EQ(want.error, regs::ErrCode::kNone) << what;
  MatmulOperandCache cache;
  for (const char* run : {"no cache", "cache filled", "cache read"}) {
    VectorMemory uab = before;
    const bool cached = std::string(run) != "no cache";
    const MatmulResult got =
        RunMatmul(t.c, t.limits, uab, t.wsram, t.aux, cached ? &cache : nullptr);
    EXPECT_EQ(got.error, want.error) << what << ", " << run;
    EXPECT_EQ(got.vmacs, want.vmacs) << what << ", " << run;
    EXPECT_EQ(got.vmacs_skipped, want.vmacs_skipped) << what << ", " << run;
    EXPECT_EQ(got.saturations, want.saturations) << what << ", " << run;
    ExpectSameMemory(uab, want_uab, what + ", " + run);
    if (result != nullptr) *result = got;
  }
  t.uab = want_uab;
}

TEST(VectorMemory, StampChangesWithEveryWriteAndOnlyThen) {
  VectorMemory memory("wsram", 8, 16);
  const uint64_t fresh = memory.stamp();
  EXPECT_NE(VectorMemory("wsram", 8, 16).stamp(), fresh) << "two memories never share a stamp";
  (void)memory.mask(3);
  EXPECT_EQ(memory.stamp(), fresh) << "a read";
  const std::vector<uint8_t> slot(8, 0x11);
  memory.Write(3, 0xFF, slot);
  const uint64_t written = memory.stamp();
  EXPECT_NE(written, fresh);
  VectorMemory copy = memory;
  EXPECT_EQ(copy.stamp(), written) << "a copy holds the same vectors";
  copy.Write(4, 0xFF, slot);
  memory.Write(4, 0x0F, slot);
  EXPECT_NE(copy.stamp(), memory.stamp()) << "different contents after different writes";
  EXPECT_NE(copy.stamp(), written);
}

// A cached B is used only while the WSRAM is unchanged: new weights give the new result.
TEST(PuGolden, OperandCacheFollowsWsramWrites) {
  const int lanes = 8;
  const PuLimits limits{lanes, 64, 64, 1024};
  MatmulCommand c;
  c.m = 4;
  c.n = 8;
  c.k = 16;
  c.a_stride = 2;
  c.b_stride = 2;
  c.c_addr = 32;
  c.c_stride = 1;
  VectorMemory uab("uab", lanes, limits.uab_vectors), wsram("wsram", lanes, limits.wsram_vectors);
  AuxMemory aux(limits.aux_bytes);
  std::mt19937 rng(5);
  auto random_codes = [&](size_t count) {
    std::vector<uint8_t> codes(count);
    for (auto& code : codes) code = static_cast<uint8_t>(rng() % 0x60);  // small, positive
    return codes;
  };
  uab.StoreTensor(0, c.a_stride, 4, 16, random_codes(4 * 16));
  MatmulOperandCache cache;
  for (int weights = 0; weights < 3; ++weights) {
    wsram.StoreTensor(0, c.b_stride, 8, 16, random_codes(8 * 16));
    VectorMemory want = uab, got = uab;
    ASSERT_EQ(RunMatmulReference(c, limits, want, wsram, aux).error, regs::ErrCode::kNone);
    ASSERT_EQ(RunMatmul(c, limits, got, wsram, aux, &cache).error, regs::ErrCode::kNone);
    ExpectSameMemory(got, want, "weights " + std::to_string(weights));
  }
}

TEST(PuGolden, MatmulMatchesReferenceOnRandomCommands) {
  std::mt19937 rng(2024);
  uint64_t skipped = 0, saturations = 0;
  for (const int lanes : {4, 8, 16, 32}) {
    const auto n_lanes = static_cast<uint32_t>(lanes);
    for (const uint32_t m : {1u, 3u, 16u, 130u}) {
      for (int trial = 0; trial < 4; ++trial) {
        // K up to 3072 and N up to 256, but at most ~2.5M MACs per command.
        const uint32_t k = n_lanes * (1 + Below(rng, 3072 / n_lanes));
        const uint32_t n_max = std::clamp(2'500'000u / (m * k * n_lanes), 1u, 256u / n_lanes);
        const uint32_t n = n_lanes * (1 + Below(rng, n_max));
        Case t = MakeCase(rng, lanes, m, n, k);
        MatmulResult r;
        ASSERT_NO_FATAL_FAILURE(ExpectMatchesReference(t, &r));
        skipped += r.vmacs_skipped;
        saturations += r.saturations;
      }
    }
  }
  EXPECT_GT(skipped, 0u) << "the cases must exercise skipped VMACs";
  EXPECT_GT(saturations, 0u) << "the cases must exercise saturation";
}

// ---------------------------------------------------------------------------------------------
// Many small random commands: every field a command has, varied independently.

// Every field of a command, so that a failure can be reproduced from its message.
std::string Fields(const MatmulCommand& c, int lanes) {
  std::ostringstream s;
  s << "n=" << lanes << " M=" << c.m << " N=" << c.n << " K=" << c.k << " ACT=" << c.act
    << " TRANS_C=" << c.trans_c << " B_IN_UAB=" << c.b_in_uab << " HAS_BIAS=" << c.has_bias
    << " EXP_A=" << c.exp_a << " EXP_B=" << c.exp_b << " EXP_C=" << c.exp_c
    << " EXP_PRE=" << c.exp_pre << " A=" << c.a_addr << "/" << c.a_stride << " B=" << c.b_addr
    << "/" << c.b_stride << " C=" << c.c_addr << "/" << c.c_stride << " BIAS_ADDR=" << c.bias_addr
    << " ACT_TABLE_ADDR=" << c.act_table_addr;
  return s.str();
}

// A random valid command and its buffers. Unlike MakeCase, every address is random: A, B (when
// in the UAB) and C are laid out in a random order with random gaps, and the bias vector and
// activation table anywhere in the aux buffer; the table is a compiled activation or random
// bytes (zero codes of either sign included).
Case MakeRandomCommand(std::mt19937& rng) {
  const int lanes = sparse::kSupportedLanes[Below(rng, 4)];
  const auto n_lanes = static_cast<uint32_t>(lanes);
  MatmulCommand c;
  c.m = 1 + Below(rng, 40);
  if (rng() % 2 == 0) c.m = n_lanes * (c.m / n_lanes + 1);  // TRANS_C needs M a multiple of n
  c.n = n_lanes * (1 + Below(rng, std::max(1u, 96 / n_lanes)));
  c.k = n_lanes * (1 + Below(rng, std::max(1u, 256 / n_lanes)));
  c.trans_c = c.m % n_lanes == 0 && rng() % 2 == 0;
  c.b_in_uab = rng() % 3 == 0;
  c.has_bias = rng() % 2 == 0;
  c.act = Below(rng, 3);
  c.irq = rng() % 2 == 0;
  // EXP_A + EXP_B in [-32, 8], split at random: sums then lie between about 2^(EXP_A + EXP_B)
  // and 2^(EXP_A + EXP_B + 18), and an output bias drawn from [LSB exponent, +32 above it] ranges
  // from saturating almost every output to rounding most of them to zero (clamped to the format,
  // so its ends occur too).
  const int sum = -32 + static_cast<int>(Below(rng, 41));
  const int a_low = std::max(af8::kBiasMin, sum - af8::kBiasMax);
  const int a_high = std::min(af8::kBiasMax, sum - af8::kBiasMin);
  c.exp_a = a_low + static_cast<int>(Below(rng, static_cast<uint32_t>(a_high - a_low + 1)));
  c.exp_b = sum - c.exp_a;
  const int lsb = sum - 8;
  auto output_bias = [&] {
    return std::clamp(lsb + static_cast<int>(Below(rng, 33)), af8::kBiasMin, af8::kBiasMax);
  };
  c.exp_c = output_bias();
  c.exp_pre = output_bias();
  const uint32_t groups = c.k / n_lanes;
  c.a_stride = groups + Below(rng, 3);
  c.b_stride = groups + Below(rng, 3);
  const uint32_t c_rows = c.trans_c ? c.n : c.m, c_groups = (c.trans_c ? c.m : c.n) / n_lanes;
  c.c_stride = c_groups + Below(rng, 3);
  // The UAB regions in a random order, each after a gap of 0 to 4 vectors.
  struct Region {
    uint32_t* addr;
    uint32_t size;
  };
  std::vector<Region> regions = {{&c.a_addr, (c.m - 1) * c.a_stride + groups},
                                 {&c.c_addr, (c_rows - 1) * c.c_stride + c_groups}};
  if (c.b_in_uab) regions.push_back({&c.b_addr, (c.n - 1) * c.b_stride + groups});
  std::shuffle(regions.begin(), regions.end(), rng);
  uint32_t uab_end = 0;
  for (const Region& r : regions) {
    *r.addr = uab_end + Below(rng, 5);
    uab_end = *r.addr + r.size;
  }
  uint32_t wsram_end = 1;
  if (!c.b_in_uab) {
    c.b_addr = Below(rng, 5);
    wsram_end = c.b_addr + (c.n - 1) * c.b_stride + groups;
  }
  // Aux: the biases and the table in either order, 4-aligned, with gaps.
  const uint32_t bias_bytes = 4 * c.n;
  if (rng() % 2 == 0) {
    c.bias_addr = 4 * Below(rng, 8);
    c.act_table_addr = c.bias_addr + bias_bytes + 4 * Below(rng, 8);
  } else {
    c.act_table_addr = 4 * Below(rng, 8);
    c.bias_addr = c.act_table_addr + 256 + 4 * Below(rng, 8);
  }
  const uint32_t aux_end = std::max(c.bias_addr + bias_bytes, c.act_table_addr + 256);
  const PuLimits limits{lanes, uab_end + Below(rng, 3), wsram_end + Below(rng, 3),
                        aux_end + 4 * Below(rng, 3)};
  Case t{limits, c, VectorMemory("uab", lanes, limits.uab_vectors),
         VectorMemory("wsram", lanes, limits.wsram_vectors), AuxMemory(limits.aux_bytes)};
  t.uab.Fill(0x3C);  // C's padding, the gaps and every unwritten vector: nonzero
  t.wsram.Fill(0x5A);

  // Zero vectors (none in two draws of five) and zero elements, drawn in sequence (the order of
  // evaluation of arguments is unspecified).
  const double zero_vectors[] = {0.0, 0.0, 0.1, 0.5, 1.0}, zero_elements[] = {0.0, 0.1, 0.5, 0.9};
  double sparsity[4];
  for (int operand = 0; operand < 2; ++operand) {
    sparsity[2 * operand] = zero_vectors[Below(rng, 5)];
    sparsity[2 * operand + 1] = zero_elements[Below(rng, 4)];
  }
  const auto a = RandomOperand(rng, c.m, c.k, lanes, sparsity[0], sparsity[1]);
  const auto b = RandomOperand(rng, c.n, c.k, lanes, sparsity[2], sparsity[3]);
  t.uab.StoreTensor(c.a_addr, c.a_stride, static_cast<int>(c.m), static_cast<int>(c.k), a);
  (c.b_in_uab ? t.uab : t.wsram)
      .StoreTensor(c.b_addr, c.b_stride, static_cast<int>(c.n), static_cast<int>(c.k), b);
  std::vector<int32_t> bias(c.n);
  const bool full_range = rng() % 4 == 0;
  for (auto& v : bias) {
    v = full_range ? static_cast<int32_t>(rng()) : static_cast<int32_t>(rng() % 200001) - 100000;
  }
  t.aux.WriteInt32s(c.bias_addr, bias);
  af8::ActivationTable table{};
  if (c.act != 0 && rng() % 2 == 0) {
    table = af8::MakeActivationTable(static_cast<af8::Activation>(c.act), c.exp_pre, c.exp_c);
  } else {
    for (auto& v : table) v = static_cast<uint8_t>(rng());
  }
  t.aux.WriteBytes(c.act_table_addr, table);
  return t;
}

// The first difference between `got` (RunMatmul's UAB) and `want` (the reference's), naming
// the tensor and element: an element of C (C[i][j], decoded, then its vector's stored mask and
// slot), or a vector outside C. Empty when the two agree on every vector.
std::string FirstUabDifference(const MatmulCommand& c, const VectorMemory& got,
                               const VectorMemory& want) {
  const auto lanes = static_cast<uint32_t>(got.lanes());
  const uint32_t rows = c.trans_c ? c.n : c.m, cols = c.trans_c ? c.m : c.n;
  const auto got_c =
      got.LoadTensor(c.c_addr, c.c_stride, static_cast<int>(rows), static_cast<int>(cols));
  const auto want_c =
      want.LoadTensor(c.c_addr, c.c_stride, static_cast<int>(rows), static_cast<int>(cols));
  std::vector<bool> in_c(got.vectors());
  for (uint32_t r = 0; r < rows; ++r) {
    for (uint32_t col = 0; col < cols; ++col) {
      const uint32_t v = c.c_addr + r * c.c_stride + col / lanes;
      in_c[v] = true;
      const size_t e = size_t{r} * cols + col;
      if (got_c[e] != want_c[e]) {
        const uint32_t i = c.trans_c ? col : r, j = c.trans_c ? r : col;
        std::ostringstream s;
        s << "C[" << i << "][" << j << "] (UAB vector " << v << ", lane " << col % lanes
          << "): RunMatmul 0x" << std::hex << int{got_c[e]} << ", reference 0x" << int{want_c[e]};
        return s.str();
      }
    }
  }
  for (uint32_t v = 0; v < got.vectors(); ++v) {
    const auto got_slot = got.slot(v), want_slot = want.slot(v);
    if (got.mask(v) != want.mask(v) ||
        !std::equal(got_slot.begin(), got_slot.end(), want_slot.begin())) {
      std::ostringstream s;
      s << (in_c[v] ? "C's UAB vector " : "UAB vector outside C ") << v << ": mask 0x" << std::hex
        << got.mask(v) << " (RunMatmul), 0x" << want.mask(v) << " (reference), or the slots differ";
      return s.str();
    }
  }
  return "";
}

// RunMatmul (without and with an operand cache kept across commands, under every integer kernel
// the CPU runs) against the reference on 1,200 random commands: every output code, every other
// UAB vector and every statistic.
TEST(PuGolden, MatmulMatchesReferenceOnAThousandRandomCommands) {
  constexpr int kCommands = 1200;
  const auto kernels = SupportedMatmulKernels();
  std::mt19937 rng(1000);
  MatmulOperandCache cache;
  // What the commands covered: each kind must occur, or the comparison proves less than it says.
  int trans_c = 0, b_in_uab = 0, has_bias = 0, saturating = 0, unsaturated = 0, skipping = 0;
  int dense = 0, act[3] = {}, lanes[33] = {};
  int failures = 0;
  for (int index = 0; index < kCommands && failures < 5; ++index) {
    Case t = MakeRandomCommand(rng);
    const MatmulCommand& c = t.c;
    const std::string what =
        "command " + std::to_string(index) + " (" + Fields(c, t.limits.lanes) + ")";
    VectorMemory want_uab = t.uab;
    const MatmulResult want = RunMatmulReference(c, t.limits, want_uab, t.wsram, t.aux);
    ASSERT_EQ(want.error, regs::ErrCode::kNone) << what << ": the generator made a bad command";
    // Every kernel the CPU runs (the fastest one caches B), each from an empty cache and with
    // the cache the earlier commands filled.
    for (const MatmulKernel kernel : SupportedMatmulKernels()) {
      UseMatmulKernel(kernel);
      MatmulOperandCache fresh;
      for (MatmulOperandCache* with : {static_cast<MatmulOperandCache*>(nullptr), &fresh, &cache}) {
        VectorMemory got_uab = t.uab;
        const MatmulResult got = RunMatmul(c, t.limits, got_uab, t.wsram, t.aux, with);
        const std::string run = what + ", " + Name(kernel) + " kernel" +
                                (with == &cache    ? ", cached"
                                 : with != nullptr ? ", fresh cache"
                                                   : "");
        std::string difference = FirstUabDifference(c, got_uab, want_uab);
        if (got.error != want.error) difference = "error codes differ";
        if (got.vmacs != want.vmacs) {
          difference += " VMACs " + std::to_string(got.vmacs) + " vs " + std::to_string(want.vmacs);
        }
        if (got.vmacs_skipped != want.vmacs_skipped) {
          difference += " skipped VMACs " + std::to_string(got.vmacs_skipped) + " vs " +
                        std::to_string(want.vmacs_skipped);
        }
        if (got.saturations != want.saturations) {
          difference += " saturations " + std::to_string(got.saturations) + " vs " +
                        std::to_string(want.saturations);
        }
        if (!difference.empty()) {
          ADD_FAILURE() << run << ": " << difference;
          ++failures;
        }
      }
    }
    UseMatmulKernel(kernels.back());
    trans_c += c.trans_c;
    b_in_uab += c.b_in_uab;
    has_bias += c.has_bias;
    ++act[c.act];
    ++lanes[t.limits.lanes];
    (want.saturations > 0 ? saturating : unsaturated) += 1;
    (want.vmacs_skipped > 0 ? skipping : dense) += 1;
  }
  std::cout << "[ commands ] " << kCommands << ": TRANS_C " << trans_c << ", B_IN_UAB " << b_in_uab
            << ", bias " << has_bias << ", ACT 0/1/2 " << act[0] << "/" << act[1] << "/" << act[2]
            << ", saturating " << saturating << ", skipping VMACs " << skipping << "\n";
  constexpr int kEach = kCommands / 20;  // 5 %
  EXPECT_GE(std::min({trans_c, b_in_uab, has_bias, act[0], act[1], act[2]}), kEach);
  EXPECT_GE(std::min({saturating, unsaturated, skipping, dense}), kEach);
  EXPECT_GE(std::min({lanes[4], lanes[8], lanes[16], lanes[32]}), kEach);
}

// Commands large enough to run on two threads, split over columns (N >= M) and over rows, with
// row and column counts that leave remainders after the kernel's 8-row blocks and 16-column
// panels.
TEST(PuGolden, MatmulMatchesReferenceOnThreadedCommands) {
  std::mt19937 rng(77);
  struct Shape {
    int lanes;
    uint32_t m, n, k;
  };
  for (const Shape& s : {Shape{16, 130, 48, 1024}, Shape{8, 3, 1000, 1536}, Shape{32, 64, 224, 512},
                         Shape{4, 1, 3076, 768}}) {
    Case t = MakeCase(rng, s.lanes, s.m, s.n, s.k);
    ASSERT_NO_FATAL_FAILURE(ExpectMatchesReference(t));
  }
}

// LimitThreads bounds the parts of a large command (speed_bench times the golden model on one
// core this way) and never raises them past kMaxThreads or below one.
TEST(PuGolden, ThreadLimitBoundsTheParts) {
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  LimitThreads(1);
  EXPECT_EQ(PartsFor(true), 1u);
  LimitThreads(0);
  EXPECT_EQ(PartsFor(true), 1u);
  LimitThreads(1000);
  EXPECT_EQ(PartsFor(true), std::min(cores, kMaxThreads));
  EXPECT_EQ(PartsFor(false), 1u);
  LimitThreads(kMaxThreads);
}

// K = 32768 with the largest products: each sum is +-32768 * 961 << 14 ~ 2^38.9, far past int32,
// so a chunk that overflowed int32 or a dropped chunk would change the result.
TEST(PuGolden, MatmulIsExactAtTheLongestReductionWithMaximalProducts) {
  constexpr int kLanes = 32;
  constexpr uint32_t kK = kMaxMatmulK;
  MatmulCommand c;
  c.m = 5;
  c.n = 64;
  c.k = kK;
  c.exp_a = 0;
  c.exp_b = 0;
  c.exp_c = 24;  // +-2^30.9: inside the range, 31 * 2^27 at most
  c.a_stride = kK / kLanes;
  c.b_stride = kK / kLanes;
  c.c_addr = c.m * c.a_stride;
  c.c_stride = c.n / kLanes;
  c.has_bias = true;
  const PuLimits limits{kLanes, c.c_addr + c.m * c.c_stride, c.n * c.b_stride, 4 * c.n};
  VectorMemory uab("uab", kLanes, limits.uab_vectors), wsram("wsram", kLanes, limits.wsram_vectors);
  AuxMemory aux(limits.aux_bytes);
  std::mt19937 rng(5);
  // Rows 0 and 1 all +max and -max; the rest mostly max magnitudes of either sign.
  std::vector<uint8_t> a(size_t{c.m} * kK), b(size_t{c.n} * kK);
  for (size_t i = 0; i < a.size(); ++i) {
    const size_t row = i / kK;
    a[i] = row == 0   ? af8::kMaxPositiveCode
           : row == 1 ? af8::kMaxNegativeCode
                      : (rng() % 8 != 0 ? af8::kMaxPositiveCode : af8::kMaxNegativeCode);
  }
  for (size_t j = 0; j < b.size(); ++j) {
    b[j] = j / kK < 2 ? af8::kMaxPositiveCode
                      : (rng() % 16 != 0 ? af8::kMaxPositiveCode : static_cast<uint8_t>(rng()));
  }
  uab.StoreTensor(0, c.a_stride, static_cast<int>(c.m), static_cast<int>(kK), a);
  wsram.StoreTensor(0, c.b_stride, static_cast<int>(c.n), static_cast<int>(kK), b);
  std::vector<int32_t> bias(c.n);
  for (size_t j = 0; j < bias.size(); ++j) {
    bias[j] = j % 2 ? std::numeric_limits<int32_t>::max() : std::numeric_limits<int32_t>::min();
  }
  aux.WriteInt32s(0, bias);

  VectorMemory want_uab = uab;
  const MatmulResult want = RunMatmulReference(c, limits, want_uab, wsram, aux);
  const MatmulResult got = RunMatmul(c, limits, uab, wsram, aux);
  EXPECT_EQ(got.saturations, want.saturations);
  EXPECT_EQ(got.vmacs, want.vmacs);
  ExpectSameMemory(uab, want_uab, "K = 32768");
  // And against the definition, independently of the reference: C[0][0] is 32768 * 961 << 14
  // plus the bias, re-quantized.
  const int64_t sum = int64_t{kK} * af8::kMaxProductMagnitude + bias[0];
  const auto out = uab.LoadTensor(c.c_addr, c.c_stride, static_cast<int>(c.m), 1 * kLanes);
  EXPECT_EQ(out[0], af8::Requantize(sum, af8::ProductExponent(0, 0), c.exp_c));
  EXPECT_EQ(out[kLanes], af8::Requantize(-sum + 2 * int64_t{bias[0]}, -8, c.exp_c));
  EXPECT_NE(out[0], af8::kMaxPositiveCode) << "the check needs an unsaturated output";
}

// Malformed operands and out-of-range output biases fail as the reference fails, on one thread
// and on two: the first malformed vector in A-then-B row order, and a malformed B ahead of a
// bias error even where RunMatmul meets the bias error first.
TEST(PuGolden, MatmulFailsLikeTheReference) {
  std::mt19937 rng(9);
  for (const uint32_t m : {4u, 128u}) {
    for (int variant = 0; variant < 4; ++variant) {
      Case t = MakeCase(rng, 8, m, 64, 1024);
      VectorMemory& b_memory = t.c.b_in_uab ? t.uab : t.wsram;
      const std::vector<uint8_t> slot(8, 0x21);
      switch (variant) {
        case 0:  // a mask bit above lane 7 in B's first row
          b_memory.Write(t.c.b_addr + 3, 0x107, slot);
          break;
        case 1:  // and another in A's last row, which comes first
          b_memory.Write(t.c.b_addr + 3, 0x170, slot);
          t.uab.Write((m - 1) * t.c.a_stride + 1, 0x300, slot);
          break;
        case 2:  // an output bias outside the format
          t.c.act = 0;
          t.c.exp_c = af8::kBiasMax + 1;
          break;
        default:  // both, the malformed vector in B's last row
          t.c.act = 0;
          t.c.exp_c = af8::kBiasMin - 1;
          b_memory.Write(t.c.b_addr + (t.c.n - 1) * t.c.b_stride + 5, 0x1000, slot);
          break;
      }
      std::string want_error;
      VectorMemory want_uab = t.uab, got_uab = t.uab;
      try {
        RunMatmulReference(t.c, t.limits, want_uab, t.wsram, t.aux);
        FAIL() << "the reference accepted variant " << variant;
      } catch (const std::exception& e) {
        want_error = std::string(typeid(e).name()) + ": " + e.what();
      }
      MatmulOperandCache cache;
      for (MatmulOperandCache* c : {static_cast<MatmulOperandCache*>(nullptr), &cache}) {
        try {
          RunMatmul(t.c, t.limits, got_uab, t.wsram, t.aux, c);
          ADD_FAILURE() << "RunMatmul accepted variant " << variant;
        } catch (const std::exception& e) {
          EXPECT_EQ(std::string(typeid(e).name()) + ": " + e.what(), want_error)
              << "M=" << m << " variant " << variant << (c != nullptr ? ", cached" : "");
        }
        ExpectSameMemory(got_uab, t.uab, "nothing written");
      }
    }
  }
}

}  // namespace
}  // namespace edgebert::golden
