#include "golden/pu_golden.h"

#include <gtest/gtest.h>

#include <random>
#include <stdexcept>
#include <vector>

#include "numerics/af8.h"
#include "numerics/af8_activation.h"
#include "numerics/af8_mac.h"

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

}  // namespace
}  // namespace edgebert::golden
