// The golden GATHER command (sw/golden/gb_command.cc, gb_golden.cc): its descriptor round trip,
// Validate's static checks, the data-dependent checks of CheckGatherTables (each one, their
// order, nothing written on an error) and RunGb against a direct composition of
// ReadEmbeddingRow and af8::Add3, with ReRAM faults off and on.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "golden/gb_command.h"
#include "golden/gb_golden.h"
#include "golden/reram.h"
#include "golden/vector_memory.h"
#include "numerics/af8.h"
#include "numerics/af8_rowops.h"

namespace edgebert::golden {
namespace {

using regs::ErrCode;
using regs::Opcode;

constexpr int kLanes = 16;
constexpr uint32_t kN = kLanes;
constexpr uint32_t kUabVectors = 4096;
constexpr uint32_t kAuxBytes = 4096;
constexpr uint32_t kReramWords = 65536;
constexpr uint32_t kValueBase = 16384;

std::vector<uint8_t> RandomCodes(std::mt19937& rng, size_t count, double sparsity) {
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<uint8_t> codes(count);
  for (auto& c : codes) c = u(rng) < sparsity ? 0 : static_cast<uint8_t>(rng());
  return codes;
}

// Three tables, the command that gathers from them, random ids and types.
class GatherGolden : public ::testing::Test {
 protected:
  GatherGolden()
      : limits_{kLanes, kUabVectors, 0, kAuxBytes, kReramWords},
        uab_("uab", kLanes, kUabVectors),
        aux_(kAuxBytes),
        store_(kReramWords, kValueBase) {
    uab_.StoreTensor(0, 1, static_cast<int>(kUabVectors), kLanes,
                     RandomCodes(rng_, size_t{kUabVectors} * kN, 0.3));
  }

  // Writes a rows x dim table with bias `bias` at the next free places; returns its byte address.
  uint32_t AddTable(int rows, uint32_t dim, int bias, double sparsity) {
    const auto codes = RandomCodes(rng_, static_cast<size_t>(rows) * dim, sparsity);
    const PackedEmbeddingTable t =
        PackEmbeddingTable(rows, static_cast<int>(dim), kLanes, codes, bias);
    const uint32_t base = next_slc_;
    WriteEmbeddingTable(store_, base, next_value_, t);
    next_slc_ += t.SlcWords() + 3;
    next_value_ += t.ValueWords() + 1;
    return 4 * base;
  }

  GbCommand Command(uint32_t tokens, uint32_t dim, int word_rows, int type_rows,
                    const int biases[3], double sparsity) {
    GbCommand c;
    c.opcode = Opcode::kGather;
    c.rows = tokens;
    c.cols = dim;
    c.exp_out = std::max({biases[0], biases[1], biases[2]}) + 1;
    c.word_table = AddTable(word_rows, dim, biases[0], sparsity);
    c.pos_table = AddTable(static_cast<int>(tokens) + 3, dim, biases[1], sparsity);
    c.type_table = AddTable(type_rows, dim, biases[2], sparsity);
    c.dst_addr = 100;
    c.dst_stride = dim / kN + 2;
    c.ids_addr = 256;
    c.types_addr = 256 + 4 * ((2 * tokens + 3) / 4) + 8;
    for (uint32_t t = 0; t < tokens; ++t) {
      SetIds(c, t, Rand(static_cast<uint32_t>(word_rows)), Rand(static_cast<uint32_t>(type_rows)));
    }
    return c;
  }

  uint32_t Rand(uint32_t bound) { return static_cast<uint32_t>(rng_() % bound); }

  void SetIds(const GbCommand& c, uint32_t t, uint32_t id, uint32_t type) {
    const uint8_t id_bytes[2] = {static_cast<uint8_t>(id), static_cast<uint8_t>(id >> 8)};
    aux_.WriteBytes(c.ids_addr + 2 * t, id_bytes);
    const uint8_t type_byte[1] = {static_cast<uint8_t>(type)};
    aux_.WriteBytes(c.types_addr + t, type_byte);
  }

  // RunGb on a copy of the UAB; expects `error` and, for an error, an untouched UAB.
  GbResult Run(const GbCommand& c, ErrCode error, const ReramReadSettings& s = {}) {
    VectorMemory uab = uab_;
    const GbResult r = RunGb(c, limits_, uab, aux_, 0, &store_, s);
    EXPECT_EQ(r.error, error);
    if (Validate(c, limits_) == ErrCode::kNone) {
      EXPECT_EQ(CheckGatherTables(c, limits_, aux_, store_, s), error);
    }
    if (error != ErrCode::kNone) {
      uint32_t written = 0;
      for (uint32_t v = 0; v < kUabVectors; ++v) {
        if (uab.mask(v) != uab_.mask(v) ||
            !std::equal(uab.slot(v).begin(), uab.slot(v).end(), uab_.slot(v).begin())) {
          ++written;
        }
      }
      EXPECT_EQ(written, 0u) << "vectors written by a failing GATHER";
    } else {
      last_uab_ = std::move(uab);
    }
    return r;
  }

  PuLimits limits_;
  VectorMemory uab_;
  AuxMemory aux_;
  ReramStore store_;
  std::mt19937 rng_{2024};
  uint32_t next_slc_ = 40;
  uint32_t next_value_ = kValueBase + 5;
  VectorMemory last_uab_{"result", kLanes, 1};
};

TEST_F(GatherGolden, DescriptorRoundTrip) {
  GbCommand c;
  c.opcode = Opcode::kGather;
  c.irq = true;
  c.rows = 128;
  c.cols = 768;
  c.exp_out = -7;
  c.word_table = 0xABCDE4;
  c.pos_table = 0x000100;
  c.type_table = 0xFFFFFC;
  c.dst_addr = 0x123456;
  c.dst_stride = 48;
  c.ids_addr = 0x1234;
  c.types_addr = 0xFFF0;
  const Descriptor w = ToDescriptor(c);
  EXPECT_EQ(Get(w, regs::cmd::kOpcode), 7u);
  EXPECT_EQ(w[1], (768u << 16) | 128u);
  EXPECT_EQ(w[3], 0x39u);  // -7 in 6 bits
  EXPECT_EQ(w[4], 0xABCDE4u);
  EXPECT_EQ(w[5], 0x100u);
  EXPECT_EQ(w[6], 0xFFFFFCu);
  EXPECT_EQ(w[8], 0x123456u);
  EXPECT_EQ(w[9], 48u);
  EXPECT_EQ(w[10], 0xFFF01234u);
  EXPECT_EQ(w[11], 0u);  // GAMMA/BETA are gone: LayerNorm is its own command
  const GbCommand back = GbFromDescriptor(w);
  EXPECT_EQ(back.opcode, Opcode::kGather);
  EXPECT_TRUE(back.irq);
  EXPECT_EQ(back.rows, c.rows);
  EXPECT_EQ(back.cols, c.cols);
  EXPECT_EQ(back.exp_out, c.exp_out);
  EXPECT_EQ(back.word_table, c.word_table);
  EXPECT_EQ(back.pos_table, c.pos_table);
  EXPECT_EQ(back.type_table, c.type_table);
  EXPECT_EQ(back.dst_addr, c.dst_addr);
  EXPECT_EQ(back.dst_stride, c.dst_stride);
  EXPECT_EQ(back.ids_addr, c.ids_addr);
  EXPECT_EQ(back.types_addr, c.types_addr);
  EXPECT_EQ(ToDescriptor(back), w);
}

TEST_F(GatherGolden, ValidateShapesAndAddresses) {
  GbCommand ok;
  ok.opcode = Opcode::kGather;
  ok.rows = 4;
  ok.cols = 64;
  ok.word_table = 4 * (kReramWords - kEmbeddingHeaderWords);  // the last header that fits
  ok.dst_addr = kUabVectors - 4 * 4;
  ok.dst_stride = 4;
  ok.ids_addr = kAuxBytes - 8;
  ok.types_addr = kAuxBytes - 4;
  ASSERT_EQ(Validate(ok, limits_), ErrCode::kNone);
  struct Case {
    const char* name;
    std::function<void(GbCommand&)> mutate;
    ErrCode error;
  };
  const Case cases[] = {
      {"tokens 0", [](GbCommand& c) { c.rows = 0; }, ErrCode::kBadShape},
      {"tokens 513", [](GbCommand& c) { c.rows = 513; }, ErrCode::kBadShape},
      {"dim 0", [](GbCommand& c) { c.cols = 0; }, ErrCode::kBadShape},
      {"dim not a multiple of n", [](GbCommand& c) { c.cols = 72; }, ErrCode::kBadShape},
      {"unaligned word table", [](GbCommand& c) { c.word_table = 6; }, ErrCode::kBadAddress},
      {"unaligned position table", [](GbCommand& c) { c.pos_table = 1; }, ErrCode::kBadAddress},
      {"unaligned type table", [](GbCommand& c) { c.type_table = 0x102; }, ErrCode::kBadAddress},
      {"word header past the store", [](GbCommand& c) { c.word_table += 4; }, ErrCode::kBadAddress},
      {"type table past the store", [](GbCommand& c) { c.type_table = 4 * kReramWords; },
       ErrCode::kBadAddress},
      {"position table in the unbacked window", [](GbCommand& c) { c.pos_table = 0xFFFFFC; },
       ErrCode::kBadAddress},
      {"unaligned ids", [](GbCommand& c) { c.ids_addr = 2; }, ErrCode::kBadAddress},
      {"ids past the aux buffer", [](GbCommand& c) { c.ids_addr = kAuxBytes - 4; },
       ErrCode::kBadAddress},
      {"unaligned types", [](GbCommand& c) { c.types_addr = 1; }, ErrCode::kBadAddress},
      {"types past the aux buffer", [](GbCommand& c) { c.rows = 5; }, ErrCode::kBadAddress},
      {"DST past the UAB", [](GbCommand& c) { c.dst_addr += 1; }, ErrCode::kBadAddress},
      {"bad shape before bad address",
       [](GbCommand& c) {
         c.cols = 0;
         c.ids_addr = 1;
       },
       ErrCode::kBadShape},
  };
  for (const Case& test_case : cases) {
    GbCommand c = ok;
    test_case.mutate(c);
    EXPECT_EQ(Validate(c, limits_), test_case.error) << test_case.name;
  }
  GbCommand longest = ok;
  longest.rows = 512;
  longest.dst_addr = 0;
  longest.ids_addr = 0;
  longest.types_addr = 1024;
  EXPECT_EQ(Validate(longest, limits_), ErrCode::kNone);
  // Without the ReRAM size in the limits nothing can be gathered.
  PuLimits no_reram = limits_;
  no_reram.reram_words = 0;
  EXPECT_EQ(Validate(ok, no_reram), ErrCode::kBadAddress);
}

TEST_F(GatherGolden, RunGbIsReadEmbeddingRowPlusAdd3) {
  struct Case {
    uint32_t tokens, dim;
    int word_rows, type_rows;
    int biases[3];
    double sparsity;
  };
  const Case cases[] = {{7, 128, 50, 2, {-6, -8, -10}, 0.0},
                        {16, 48, 300, 3, {-3, -3, -3}, 0.5},
                        {5, 16, 1, 1, {0, -24, -12}, 0.9},
                        {9, 96, 70, 2, {-9, 15, -5}, 0.3}};
  for (const Case& tc : cases) {
    const GbCommand c =
        Command(tc.tokens, tc.dim, tc.word_rows, tc.type_rows, tc.biases, tc.sparsity);
    for (const ReramReadSettings s :
         {ReramReadSettings{}, ReramReadSettings{CellMode::kMlc2, true, 7},
          ReramReadSettings{CellMode::kMlc3, true, 7}, ReramReadSettings{CellMode::kMlc3, true, 8},
          ReramReadSettings{CellMode::kSlc, true, 1}}) {
      SCOPED_TRACE("tokens " + std::to_string(tc.tokens) + " dim " + std::to_string(tc.dim) +
                   " mode " + std::to_string(static_cast<int>(s.mode)) + " faults " +
                   std::to_string(s.fault_en) + " seed " + std::to_string(s.seed));
      const GbResult r = Run(c, ErrCode::kNone, s);
      uint64_t saturations = 0;
      for (uint32_t t = 0; t < tc.tokens; ++t) {
        const uint32_t id = (aux_.ReadWord(c.ids_addr + 4 * (t / 2)) >> (16 * (t % 2))) & 0xFFFF;
        const uint32_t type = (aux_.ReadWord(c.types_addr + 4 * (t / 4)) >> (8 * (t % 4))) & 0xFF;
        const auto w = ReadEmbeddingRow(store_, c.word_table / 4, id, s.mode, s.fault_en, s.seed);
        const auto p = ReadEmbeddingRow(store_, c.pos_table / 4, t, s.mode, s.fault_en, s.seed);
        const auto y = ReadEmbeddingRow(store_, c.type_table / 4, type, s.mode, s.fault_en, s.seed);
        std::vector<uint8_t> want(tc.dim);
        for (uint32_t i = 0; i < tc.dim; ++i) {
          bool saturated = false;
          want[i] = af8::Add3(w[i], tc.biases[0], p[i], tc.biases[1], y[i], tc.biases[2], c.exp_out,
                              &saturated);
          if (saturated) ++saturations;
        }
        ASSERT_EQ(
            last_uab_.LoadTensor(c.dst_addr + t * c.dst_stride, 1, 1, static_cast<int>(tc.dim)),
            want)
            << "row " << t;
      }
      EXPECT_EQ(r.saturations, saturations);
      // Only DST rows were written.
      for (uint32_t v = 0; v < kUabVectors; ++v) {
        const uint32_t offset = v - c.dst_addr;
        if (v >= c.dst_addr && offset / c.dst_stride < tc.tokens &&
            offset % c.dst_stride < tc.dim / kN) {
          continue;
        }
        ASSERT_EQ(last_uab_.mask(v), uab_.mask(v)) << "vector " << v << " outside DST";
      }
    }
  }
}

TEST_F(GatherGolden, FaultsChangeMlc3Results) {
  const int biases[3] = {-5, -5, -5};
  const GbCommand c = Command(32, 128, 40, 2, biases, 0.0);
  Run(c, ErrCode::kNone, {CellMode::kMlc3, false, 3});
  const VectorMemory clean = last_uab_;
  Run(c, ErrCode::kNone, {CellMode::kMlc3, true, 3});
  const auto a = clean.LoadTensor(c.dst_addr, c.dst_stride, 32, 128);
  const auto b = last_uab_.LoadTensor(c.dst_addr, c.dst_stride, 32, 128);
  EXPECT_NE(a, b) << "MLC3 faults must show in 4096 dense sums";
}

// Each data-dependent check, the code it gives, that nothing is written, and their order.
TEST_F(GatherGolden, DataDependentErrorsWriteNothing) {
  const int biases[3] = {-6, -7, -8};
  const GbCommand base = Command(6, 32, 10, 2, biases, 0.4);
  Run(base, ErrCode::kNone);
  namespace hdr = embedding_header;
  auto poke = [&](uint32_t table_byte, uint32_t field, uint32_t value) {
    const uint32_t word = table_byte / 4 + field;
    const uint32_t old = store_.Stored(word);
    store_.Write(word, value);
    return [this, word, old] { store_.Write(word, old); };
  };
  struct Case {
    const char* name;
    uint32_t GbCommand::*table;
    uint32_t field;
    uint32_t value;
    ErrCode error;
  };
  const Case cases[] = {
      {"word magic", &GbCommand::word_table, hdr::kMagic, 0x31424D46, ErrCode::kBadAddress},
      {"position magic", &GbCommand::pos_table, hdr::kMagic, 0, ErrCode::kBadAddress},
      {"type lanes", &GbCommand::type_table, hdr::kLanes, 8, ErrCode::kBadShape},
      {"word dim", &GbCommand::word_table, hdr::kDim, 48, ErrCode::kBadShape},
      {"type bias 32", &GbCommand::type_table, hdr::kExpBias, 32, ErrCode::kBadExponent},
      {"position bias -33", &GbCommand::pos_table, hdr::kExpBias, static_cast<uint32_t>(-33),
       ErrCode::kBadExponent},
      {"position bias gap 25", &GbCommand::pos_table, hdr::kExpBias, static_cast<uint32_t>(17),
       ErrCode::kBadExponent},
      {"word bias gap 24", &GbCommand::word_table, hdr::kExpBias, static_cast<uint32_t>(16),
       ErrCode::kNone},
      {"word mask array past the store", &GbCommand::word_table, hdr::kMaskOffset, kReramWords,
       ErrCode::kBadAddress},
      {"type rows past the store", &GbCommand::type_table, hdr::kRows, 0xFFFFFFFF,
       ErrCode::kBadAddress},
      {"type row offsets past the store", &GbCommand::type_table, hdr::kRowOffsetOffset,
       kReramWords - 2, ErrCode::kBadAddress},
      {"position table too short", &GbCommand::pos_table, hdr::kRows, 5, ErrCode::kBadAddress},
      {"position table just long enough", &GbCommand::pos_table, hdr::kRows, 6, ErrCode::kNone},
      {"values past the store read as zeros", &GbCommand::word_table, hdr::kValuesOffset,
       kReramWords, ErrCode::kNone},
  };
  for (const Case& tc : cases) {
    SCOPED_TRACE(tc.name);
    const auto undo = poke(base.*tc.table, tc.field, tc.value);
    Run(base, tc.error);
    undo();
  }
  // Ids: a token id or a type id one past its table (10 words, 2 types).
  for (const uint32_t t : {0u, 5u}) {
    GbCommand c = base;
    SetIds(c, t, 10, 0);
    Run(c, ErrCode::kBadAddress);
    SetIds(c, t, 9, 1);
    Run(c, ErrCode::kNone);
    SetIds(c, t, 0, 2);
    Run(c, ErrCode::kBadAddress);
    SetIds(c, t, 0, 0);
  }
  // Ids beyond TOKENS are not looked at.
  GbCommand shorter = base;
  shorter.rows = 5;
  SetIds(base, 5, 0xFFFF, 0xFF);
  Run(shorter, ErrCode::kNone);
  Run(base, ErrCode::kBadAddress);
  SetIds(base, 5, 0, 0);
  // Order: the word table's shape before the position table's magic; a header error before a
  // bad id; the bias gap before the ids.
  {
    const auto undo_dim = poke(base.word_table, hdr::kDim, 16);
    const auto undo_magic = poke(base.pos_table, hdr::kMagic, 0);
    Run(base, ErrCode::kBadShape);
    undo_magic();
    undo_dim();
  }
  {
    const auto undo = poke(base.type_table, hdr::kLanes, 4);
    SetIds(base, 2, 10, 0);
    Run(base, ErrCode::kBadShape);
    undo();
    const auto undo_gap = poke(base.type_table, hdr::kExpBias, static_cast<uint32_t>(-32));
    Run(base, ErrCode::kBadExponent);
    undo_gap();
    Run(base, ErrCode::kBadAddress);
    SetIds(base, 2, 0, 0);
  }
  Run(base, ErrCode::kNone);
}

TEST_F(GatherGolden, NeedsAStoreOfTheLimitsSize) {
  const int biases[3] = {0, 0, 0};
  const GbCommand c = Command(2, 16, 3, 1, biases, 0.5);
  VectorMemory uab = uab_;
  EXPECT_THROW(RunGb(c, limits_, uab, aux_), std::invalid_argument);
  ReramStore small(kReramWords / 2, kValueBase);
  EXPECT_THROW(RunGb(c, limits_, uab, aux_, 0, &small), std::invalid_argument);
  // An invalid command is rejected before the store is needed.
  GbCommand bad = c;
  bad.rows = 0;
  EXPECT_EQ(RunGb(bad, limits_, uab, aux_).error, ErrCode::kBadShape);
}

}  // namespace
}  // namespace edgebert::golden
