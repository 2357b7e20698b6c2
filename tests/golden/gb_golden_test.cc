// The GB row operations on two threads (large commands) against the same rows run one command
// per row, which stays on one thread and is the row-by-row definition: DST in place, apart
// from the sources, and overlapping a later source row (where the rows must run in order).
#include "golden/gb_golden.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "numerics/af8_activation.h"

namespace edgebert::golden {
namespace {

constexpr int kLanes = 16;
constexpr uint32_t kRows = 64, kCols = 512;  // 32768 elements: two threads
constexpr uint32_t kRowVectors = kCols / kLanes;

struct Buffers {
  PuLimits limits{kLanes, 16384, 16, 4096, 0};
  VectorMemory uab{"uab", kLanes, limits.uab_vectors};
  AuxMemory aux{limits.aux_bytes};
};

Buffers RandomBuffers(uint32_t seed) {
  Buffers b;
  std::mt19937 rng(seed);
  std::vector<uint8_t> codes(size_t{kCols} * 512);
  for (auto& code : codes) code = static_cast<uint8_t>(rng() % 8 == 0 ? 0 : rng());
  b.uab.StoreTensor(0, kRowVectors, 512, static_cast<int>(kCols), codes);
  std::vector<uint8_t> aux(b.limits.aux_bytes);
  for (auto& byte : aux) byte = static_cast<uint8_t>(rng());
  b.aux.WriteBytes(0, aux);
  return b;
}

GbCommand Command(regs::Opcode opcode) {
  GbCommand c;
  c.opcode = opcode;
  c.rows = kRows;
  c.cols = kCols;
  c.exp_in = -3;
  c.exp_b = -1;
  c.exp_out = -2;
  c.exp_gamma = -4;
  c.exp_beta = -6;
  c.src_stride = c.b_stride = c.dst_stride = kRowVectors;
  c.src_addr = 0;
  c.b_addr = 100 * kRowVectors;
  c.aux_addr = 0;  // gamma, span mask or activation table
  c.beta_addr = 1024;
  c.has_span = true;
  c.keys = kCols - 40;
  c.act = static_cast<uint32_t>(regs::Act::kGelu);
  return c;
}

void ExpectSameUab(const VectorMemory& got, const VectorMemory& want, const std::string& what) {
  for (uint32_t v = 0; v < got.vectors(); ++v) {
    ASSERT_EQ(got.mask(v), want.mask(v)) << what << ": vector " << v;
    const auto g = got.slot(v), w = want.slot(v);
    ASSERT_TRUE(std::equal(g.begin(), g.end(), w.begin())) << what << ": vector " << v;
  }
}

TEST(GbGolden, LargeCommandsMatchTheirRowsRunOneByOne) {
  const regs::Opcode opcodes[] = {regs::Opcode::kAdd, regs::Opcode::kLayernorm,
                                  regs::Opcode::kSoftmax, regs::Opcode::kActivate};
  struct Placement {
    const char* name;
    uint32_t dst_addr;
  };
  // In place; apart; two rows below the source, so row r writes what row r + 2 reads.
  const Placement placements[] = {
      {"in place", 0}, {"apart", 200 * kRowVectors}, {"overlapping", 2 * kRowVectors}};
  uint64_t saturations = 0;
  for (const regs::Opcode opcode : opcodes) {
    for (const Placement& p : placements) {
      const std::string what =
          std::to_string(static_cast<int>(opcode)) + std::string(", ") + p.name;
      GbCommand c = Command(opcode);
      c.dst_addr = p.dst_addr;
      Buffers got = RandomBuffers(9), want = RandomBuffers(9);
      const GbResult r = RunGb(c, got.limits, got.uab, got.aux);
      ASSERT_EQ(r.error, regs::ErrCode::kNone) << what;
      uint64_t want_saturations = 0;
      for (uint32_t row = 0; row < kRows; ++row) {
        GbCommand one = c;
        one.rows = 1;
        one.src_addr = c.src_addr + row * c.src_stride;
        one.b_addr = c.b_addr + row * c.b_stride;
        one.dst_addr = c.dst_addr + row * c.dst_stride;
        const GbResult w = RunGb(one, want.limits, want.uab, want.aux);
        ASSERT_EQ(w.error, regs::ErrCode::kNone) << what << ", row " << row;
        want_saturations += w.saturations;
      }
      EXPECT_EQ(r.saturations, want_saturations) << what;
      saturations += r.saturations;
      ExpectSameUab(got.uab, want.uab, what);
    }
  }
  EXPECT_GT(saturations, 0u) << "the data must exercise saturation counts";
}

// A malformed vector in a late row: the same error as row by row, after the same rows.
TEST(GbGolden, LargeCommandsFailAsRowByRow) {
  for (const uint32_t dst_addr : {0u, 200 * kRowVectors}) {
    Buffers got = RandomBuffers(4), want = RandomBuffers(4);
    const std::vector<uint8_t> slot(kLanes, 0x21);
    for (Buffers* b : {&got, &want}) b->uab.Write(50 * kRowVectors + 3, 0x10000, slot);
    GbCommand c = Command(regs::Opcode::kLayernorm);
    c.dst_addr = dst_addr;
    std::string got_error, want_error;
    try {
      RunGb(c, got.limits, got.uab, got.aux);
    } catch (const std::exception& e) {
      got_error = e.what();
    }
    try {
      for (uint32_t row = 0; row < kRows; ++row) {
        GbCommand one = c;
        one.rows = 1;
        one.src_addr = c.src_addr + row * c.src_stride;
        one.dst_addr = c.dst_addr + row * c.dst_stride;
        RunGb(one, want.limits, want.uab, want.aux);
      }
    } catch (const std::exception& e) {
      want_error = e.what();
    }
    EXPECT_FALSE(want_error.empty());
    EXPECT_EQ(got_error, want_error);
    ExpectSameUab(got.uab, want.uab, "after the error, DST " + std::to_string(dst_addr));
  }
}

}  // namespace
}  // namespace edgebert::golden
