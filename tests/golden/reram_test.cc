// The ReRAM embedding store model (sw/golden/reram.h): thresholds against the erfc formula, fault
// rates against the model, reproducibility, the Gray level code, the exact hash windows, and the
// embedding-table image (round trip, corrupted masks and offsets).
#include "golden/reram.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdio>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "numerics/af8.h"

namespace edgebert::golden {
namespace {

constexpr double kTwo32 = 4294967296.0;

uint32_t Rand32(std::mt19937& rng) { return static_cast<uint32_t>(rng()); }

// ---- Thresholds ------------------------------------------------------------------------------

TEST(ReramThresholds, MatchTheErfcFormulaWithinOneLsb) {
  struct Case {
    double margin;
    uint32_t threshold;
    double p_low, p_high;  // the decade the design asks for
  };
  const Case cases[] = {{kSlcMargin, kSlcThreshold, 5e-10, 2e-9},
                        {kMlc2Margin, kMlc2Threshold, 5e-6, 2e-5},
                        {kMlc3Margin, kMlc3Threshold, 5e-3, 2e-2}};
  for (const Case& c : cases) {
    // Q(x) written out here, independently of the library's helper.
    const double p = 0.5 * std::erfc(c.margin / std::sqrt(2.0));
    EXPECT_LE(std::abs(static_cast<double>(c.threshold) - p * kTwo32), 1.0)
        << "margin " << c.margin << " p " << p;
    EXPECT_EQ(ThresholdFromProbability(NeighbourMoveProbability(c.margin)), c.threshold);
    EXPECT_GE(p, c.p_low);
    EXPECT_LE(p, c.p_high);
  }
  EXPECT_EQ(CellThreshold(1), kSlcThreshold);
  EXPECT_EQ(CellThreshold(2), kMlc2Threshold);
  EXPECT_EQ(CellThreshold(3), kMlc3Threshold);
  EXPECT_THROW(CellThreshold(4), std::invalid_argument);
  // Two windows of width T must fit in the 32-bit hash range.
  EXPECT_LT(uint64_t{2} * kMlc3Threshold, uint64_t{1} << 32);
}

// ---- Levels and windows ----------------------------------------------------------------------

TEST(ReramCells, OneLevelMoveFlipsExactlyOneBit) {
  for (int bits = 1; bits <= 3; ++bits) {
    const uint32_t top = (1u << bits) - 1;
    for (uint32_t level = 0; level <= top; ++level) {
      EXPECT_EQ(GrayToBinary(BinaryToGray(level)), level);
      EXPECT_LE(BinaryToGray(level), top);
      if (level < top) {
        EXPECT_EQ(std::popcount(BinaryToGray(level) ^ BinaryToGray(level + 1)), 1)
            << bits << "-bit level " << level;
      }
    }
  }
}

TEST(ReramCells, MoveLevelWindows) {
  const uint32_t t = 1000;
  // Interior level: [0, T) down, [T, 2T) up, else stay.
  EXPECT_EQ(MoveLevel(3, 3, 0, t), 2u);
  EXPECT_EQ(MoveLevel(3, 3, t - 1, t), 2u);
  EXPECT_EQ(MoveLevel(3, 3, t, t), 4u);
  EXPECT_EQ(MoveLevel(3, 3, 2 * t - 1, t), 4u);
  EXPECT_EQ(MoveLevel(3, 3, 2 * t, t), 3u);
  EXPECT_EQ(MoveLevel(3, 3, 0xFFFFFFFFu, t), 3u);
  // Edge levels: one window [0, T).
  EXPECT_EQ(MoveLevel(0, 2, t - 1, t), 1u);
  EXPECT_EQ(MoveLevel(0, 2, t, t), 0u);
  EXPECT_EQ(MoveLevel(3, 2, t - 1, t), 2u);
  EXPECT_EQ(MoveLevel(3, 2, t, t), 3u);
  EXPECT_EQ(MoveLevel(0, 1, 0, t), 1u);
  EXPECT_EQ(MoveLevel(1, 1, 0, t), 0u);
  EXPECT_EQ(MoveLevel(1, 1, t, t), 1u);
}

TEST(ReramCells, HashMatchesTheSpecAndSeedForHashInvertsIt) {
  // The spec written out step by step.
  auto spec = [](uint32_t seed, uint32_t id) {
    uint32_t h = seed ^ static_cast<uint32_t>(uint64_t{id} * 0x9E3779B9u);
    h ^= h >> 16;
    h = static_cast<uint32_t>(uint64_t{h} * 0x85EBCA6Bu);
    h ^= h >> 13;
    h = static_cast<uint32_t>(uint64_t{h} * 0xC2B2AE35u);
    h ^= h >> 16;
    return h;
  };
  std::mt19937 rng(11);
  for (int i = 0; i < 10000; ++i) {
    const uint32_t seed = Rand32(rng), id = Rand32(rng), want = Rand32(rng);
    ASSERT_EQ(FaultHash(seed, id), spec(seed, id));
    ASSERT_EQ(FaultHash(SeedForHash(id, want), id), want);
  }
}

// Forces one cell's hash through SeedForHash and checks the exact window edges in a whole word.
TEST(ReramCells, ForcedHashesMoveTheChosenCell) {
  const uint32_t address = 1234;
  // SLC cell at bit 7: level 0 may only go up, level 1 only down; one window [0, T_slc).
  const uint32_t slc_id = address * 32 + 7;
  for (uint32_t bit : {0u, 1u}) {
    const uint32_t data = bit << 7;
    for (uint32_t h : {0u, kSlcThreshold - 1, kSlcThreshold, 2 * kSlcThreshold}) {
      const uint32_t got = ApplyFaults(address, data, CellMode::kSlc, SeedForHash(slc_id, h));
      const bool moved = h < kSlcThreshold;
      EXPECT_EQ((got >> 7) & 1, moved ? bit ^ 1 : bit) << "level " << bit << " h " << h;
    }
  }
  // MLC3 cell 4 (bits 14:12) at interior level 3 (Gray 0b010) and top level 7 (Gray 0b100).
  const uint32_t mlc3_id = address * 32 + 12;
  const uint32_t t = kMlc3Threshold;
  struct Case {
    uint32_t level, h, want;
  };
  const Case cases[] = {{3, 0, 2},         {3, t - 1, 2}, {3, t, 4},
                        {3, 2 * t - 1, 4}, {3, 2 * t, 3}, {7, t - 1, 6},
                        {7, t, 7},         {0, t - 1, 1}, {0, t, 0}};
  for (const Case& c : cases) {
    const uint32_t data = BinaryToGray(c.level) << 12;
    const uint32_t got = ApplyFaults(address, data, CellMode::kMlc3, SeedForHash(mlc3_id, c.h));
    EXPECT_EQ(GrayToBinary((got >> 12) & 7), c.want) << "level " << c.level << " h " << c.h;
  }
  // The 2-bit cell at the top of an MLC3 word uses the MLC2 threshold: a hash inside the MLC3
  // window but outside the MLC2 one leaves it alone.
  const uint32_t top_id = address * 32 + 30;
  EXPECT_EQ(ApplyFaults(address, 0, CellMode::kMlc3, SeedForHash(top_id, kMlc2Threshold - 1)) >> 30,
            1u);
  EXPECT_EQ(ApplyFaults(address, 0, CellMode::kMlc3, SeedForHash(top_id, kMlc2Threshold)) >> 30,
            0u);
}

// ---- Fault rates -----------------------------------------------------------------------------

struct LevelCount {
  uint64_t cells = 0, down = 0, up = 0;
};

class ReramFaultRates : public ::testing::TestWithParam<CellMode> {};

TEST_P(ReramFaultRates, MatchTheModelWithinFiveSigma) {
  const CellMode mode = GetParam();
  constexpr uint32_t kWords = 1u << 20;  // >= 1.1e7 cells in every mode
  constexpr uint32_t kSeed = 0x5EED0001;
  std::mt19937 rng(42);
  // counts[bits][level]
  LevelCount counts[4][8] = {};
  uint64_t total_cells = 0, total_moves = 0;
  const std::vector<CellField> layout = CellLayout(mode);
  for (uint32_t w = 0; w < kWords; ++w) {
    const uint32_t data = Rand32(rng);
    const uint32_t got = ApplyFaults(w, data, mode, kSeed);
    for (const CellField& cell : layout) {
      const uint32_t field = (1u << cell.bits) - 1;
      const uint32_t before_bits = (data >> cell.lsb) & field;
      const uint32_t after_bits = (got >> cell.lsb) & field;
      const uint32_t before = GrayToBinary(before_bits);
      const uint32_t after = GrayToBinary(after_bits);
      LevelCount& c = counts[cell.bits][before];
      ++c.cells;
      ++total_cells;
      if (after == before) continue;
      ++total_moves;
      ASSERT_EQ(std::popcount(before_bits ^ after_bits), 1) << "word " << w << " lsb " << cell.lsb;
      if (after + 1 == before) {
        ++c.down;
      } else if (after == before + 1) {
        ++c.up;
      } else {
        FAIL() << "word " << w << " lsb " << cell.lsb << " moved " << before << " -> " << after;
      }
    }
  }
  EXPECT_GE(total_cells, 1000000u);
  for (int bits = 1; bits <= 3; ++bits) {
    const uint32_t top = (1u << bits) - 1;
    const double p = CellThreshold(bits) / kTwo32;
    for (uint32_t level = 0; level <= top; ++level) {
      const LevelCount& c = counts[bits][level];
      if (c.cells == 0) continue;
      const double n = static_cast<double>(c.cells);
      const double expected = n * p;
      const double sigma = std::sqrt(n * p * (1 - p));
      const double p_down = level > 0 ? p : 0.0;
      const double p_up = level < top ? p : 0.0;
      EXPECT_LE(std::abs(static_cast<double>(c.down) - n * p_down), 5 * sigma + 1e-9)
          << bits << "-bit level " << level << " down " << c.down << " of " << c.cells;
      EXPECT_LE(std::abs(static_cast<double>(c.up) - n * p_up), 5 * sigma + 1e-9)
          << bits << "-bit level " << level << " up " << c.up << " of " << c.cells;
      if (level == 0) {
        EXPECT_EQ(c.down, 0u);
      }
      if (level == top) {
        EXPECT_EQ(c.up, 0u);
      }
      std::printf("  %d-bit level %u: %llu cells, down %.3g, up %.3g (model %.3g, expected %.1f)\n",
                  bits, level, static_cast<unsigned long long>(c.cells),
                  static_cast<double>(c.down) / n, static_cast<double>(c.up) / n, p, expected);
    }
  }
  if (mode == CellMode::kSlc) {
    // 3.4e7 cells at p = 9.3e-10 per cell: 0.03 moves expected.
    EXPECT_EQ(total_moves, 0u);
  }
  std::printf("  mode %d: %llu cells, %llu moves\n", static_cast<int>(mode),
              static_cast<unsigned long long>(total_cells),
              static_cast<unsigned long long>(total_moves));
}

std::string ModeName(const ::testing::TestParamInfo<CellMode>& param_info) {
  static const char* const kNames[] = {"Slc", "Mlc2", "Mlc3"};
  return kNames[static_cast<int>(param_info.param)];
}

INSTANTIATE_TEST_SUITE_P(Modes, ReramFaultRates,
                         ::testing::Values(CellMode::kSlc, CellMode::kMlc2, CellMode::kMlc3),
                         ModeName);

// ---- Store -----------------------------------------------------------------------------------

ReramStore RandomStore(uint32_t words, uint32_t value_base, uint32_t seed) {
  ReramStore store(words, value_base);
  std::mt19937 rng(seed);
  for (uint32_t w = 0; w < words; ++w) store.Write(w, Rand32(rng));
  return store;
}

TEST(ReramStore, InjectionOffIsExactAndReadsNeverChangeTheContents) {
  const ReramStore store = RandomStore(8192, 2048, 5);
  std::vector<uint32_t> before(store.words());
  for (uint32_t w = 0; w < store.words(); ++w) before[w] = store.Stored(w);
  for (CellMode mode : {CellMode::kSlc, CellMode::kMlc2, CellMode::kMlc3}) {
    for (uint32_t seed : {1u, 99u}) {
      uint64_t faulty_value_words = 0;
      for (uint32_t w = 0; w < store.words(); ++w) {
        ASSERT_EQ(store.Read(w, mode, false, seed), before[w]) << "word " << w;
        if (store.Read(w, mode, true, seed) != before[w]) ++faulty_value_words;
      }
      // MLC3: ~2 % of ~11 cells of 6144 words; SLC and MLC2: essentially none.
      if (mode == CellMode::kMlc3) {
        EXPECT_GT(faulty_value_words, 100u);
      }
    }
  }
  for (uint32_t w = 0; w < store.words(); ++w) ASSERT_EQ(store.Stored(w), before[w]);
}

TEST(ReramStore, SlcRegionUsesSlcCellsWhateverTheValueMode) {
  ReramStore store(4096, 1024);
  const uint32_t data = BinaryToGray(3) << 12;  // an interior MLC3 level in cell 4
  store.Write(100, data);
  store.Write(2000, data);
  // A hash inside the MLC3 window but far outside the SLC one.
  const uint32_t h = kMlc3Threshold / 2;
  EXPECT_EQ(store.Read(100, CellMode::kMlc3, true, SeedForHash(100 * 32 + 12, h)) & (7u << 12),
            data);
  EXPECT_NE(store.Read(2000, CellMode::kMlc3, true, SeedForHash(2000 * 32 + 12, h)) & (7u << 12),
            data);
  EXPECT_EQ(store.WordMode(1023, CellMode::kMlc2), CellMode::kSlc);
  EXPECT_EQ(store.WordMode(1024, CellMode::kMlc2), CellMode::kMlc2);
}

TEST(ReramStore, SameSeedReproducesDifferentSeedsDiffer) {
  const ReramStore store = RandomStore(8192, 0, 6);
  auto fault_set = [&](uint32_t seed) {
    std::set<std::pair<uint32_t, int>> faults;  // (word, bit)
    for (uint32_t w = 0; w < store.words(); ++w) {
      const uint32_t diff = store.Read(w, CellMode::kMlc3, true, seed) ^ store.Stored(w);
      for (int b = 0; b < 32; ++b) {
        if ((diff >> b) & 1) faults.insert({w, b});
      }
    }
    return faults;
  };
  const auto a = fault_set(7);
  const auto again = fault_set(7);
  const auto b = fault_set(8);
  EXPECT_EQ(a, again);
  ASSERT_GT(a.size(), 500u);
  ASSERT_GT(b.size(), 500u);
  size_t common = 0;
  for (const auto& f : a) common += b.count(f);
  // Independent fault sets overlap in about p (~2 %) of their cells.
  EXPECT_LT(common, a.size() / 10) << a.size() << " and " << b.size() << " faults";
}

TEST(ReramStore, StrobesAddressesAndModeField) {
  ReramStore store(16, 8);
  store.Write(3, 0x11223344);
  store.Write(3, 0xAABBCCDD, 0b0101);
  EXPECT_EQ(store.Stored(3), 0x11BB33DDu);
  store.Write(3, 0xFFFFFFFF, 0);
  EXPECT_EQ(store.Stored(3), 0x11BB33DDu);
  EXPECT_THROW(store.Write(16, 0), std::out_of_range);
  EXPECT_THROW(store.Read(16, CellMode::kSlc, false, 0), std::out_of_range);
  EXPECT_THROW(ReramStore(16, 17), std::invalid_argument);
  EXPECT_THROW(ReramStore(0, 0), std::invalid_argument);
  EXPECT_EQ(CellModeFromField(0), CellMode::kSlc);
  EXPECT_EQ(CellModeFromField(1), CellMode::kMlc2);
  EXPECT_EQ(CellModeFromField(2), CellMode::kMlc3);
  EXPECT_EQ(CellModeFromField(3), CellMode::kMlc3);
}

// ---- Embedding tables ------------------------------------------------------------------------

std::vector<uint8_t> RandomCodes(int rows, int dim, double zero_fraction, std::mt19937& rng) {
  std::vector<uint8_t> codes(static_cast<size_t>(rows) * static_cast<size_t>(dim));
  std::uniform_real_distribution<double> u(0, 1);
  for (uint8_t& c : codes) {
    c = u(rng) < zero_fraction ? (rng() & 1 ? af8::kZeroCode : af8::kNegativeZeroCode)
                               : static_cast<uint8_t>(1 + rng() % 255);
    if (c == af8::kNegativeZeroCode && u(rng) < 0.5) c = 0x81;
  }
  return codes;
}

std::vector<uint8_t> Canonical(std::vector<uint8_t> codes) {
  for (uint8_t& c : codes) c = af8::Canonical(c);
  return codes;
}

class ReramEmbeddingTableLanes : public ::testing::TestWithParam<int> {};

TEST_P(ReramEmbeddingTableLanes, RoundTripWithFaultsOff) {
  const int lanes = GetParam();
  std::mt19937 rng(static_cast<uint32_t>(lanes));
  for (int dim : {lanes, 3 * lanes, 96}) {
    const int rows = 13;
    std::vector<uint8_t> codes = RandomCodes(rows, dim, 0.5, rng);
    // One all-zero row and one dense row.
    for (int j = 0; j < dim; ++j) {
      codes[static_cast<size_t>(2 * dim + j)] = af8::kZeroCode;
      codes[static_cast<size_t>(5 * dim + j)] = static_cast<uint8_t>(1 + j % 100);
    }
    const PackedEmbeddingTable t = PackEmbeddingTable(rows, dim, lanes, codes, -5);
    namespace hdr = embedding_header;
    EXPECT_EQ(t.header[hdr::kMagic], kEmbeddingMagic);
    EXPECT_EQ(t.header[hdr::kRows], 13u);
    EXPECT_EQ(t.header[hdr::kDim], static_cast<uint32_t>(dim));
    EXPECT_EQ(t.header[hdr::kLanes], static_cast<uint32_t>(lanes));
    EXPECT_EQ(static_cast<int32_t>(t.header[hdr::kExpBias]), -5);
    EXPECT_EQ(t.masks.size(),
              static_cast<size_t>(rows) * MaskWordsPerRow(static_cast<uint32_t>(dim)));
    ASSERT_EQ(t.row_offsets.size(), static_cast<size_t>(rows + 1));
    EXPECT_EQ(t.row_offsets[3] - t.row_offsets[2], 0u);
    EXPECT_EQ(t.row_offsets[6] - t.row_offsets[5], static_cast<uint32_t>(dim));
    size_t nonzeros = 0;
    for (uint8_t c : codes) nonzeros += af8::IsZero(c) ? 0u : 1u;
    EXPECT_EQ(t.values.size(), nonzeros);
    EXPECT_EQ(t.row_offsets.back(), nonzeros);
    // Row 0's mask is its column bitmap.
    for (int j = 0; j < dim; ++j) {
      const bool bit = (t.masks[static_cast<size_t>(j / 32)] >> (j % 32)) & 1;
      EXPECT_EQ(bit, !af8::IsZero(codes[static_cast<size_t>(j)])) << "column " << j;
    }

    ReramStore store(4096, 1024);
    const uint32_t base = 100, value_word = 2000;
    WriteEmbeddingTable(store, base, value_word, t);
    EXPECT_EQ(store.Stored(base + hdr::kValuesOffset), value_word - base);
    EXPECT_EQ(store.Stored(value_word) & 0xFF, t.values[0]) << "values are little-endian";
    const std::vector<uint8_t> want = Canonical(codes);
    for (CellMode mode : {CellMode::kSlc, CellMode::kMlc2, CellMode::kMlc3}) {
      for (int r = 0; r < rows; ++r) {
        const std::vector<uint8_t> row =
            ReadEmbeddingRow(store, base, static_cast<uint32_t>(r), mode, false, 1);
        const std::vector<uint8_t> want_row(want.begin() + r * dim, want.begin() + (r + 1) * dim);
        ASSERT_EQ(row, want_row) << "n " << lanes << " dim " << dim << " row " << r;
      }
    }
    EXPECT_THROW(
        ReadEmbeddingRow(store, base, static_cast<uint32_t>(rows), CellMode::kMlc2, false, 1),
        std::runtime_error);
  }
}

INSTANTIATE_TEST_SUITE_P(Lanes, ReramEmbeddingTableLanes, ::testing::Values(4, 8, 16, 32));

// Decodes a row the way the format says, from the row's own bytes only.
std::vector<uint8_t> ExpectedRow(const std::vector<uint32_t>& mask_words, int dim,
                                 const std::vector<uint8_t>& own_bytes) {
  std::vector<uint8_t> dense(static_cast<size_t>(dim), 0);
  size_t next = 0;
  for (int j = 0; j < dim; ++j) {
    if (((mask_words[static_cast<size_t>(j / 32)] >> (j % 32)) & 1) == 0) continue;
    dense[static_cast<size_t>(j)] = next < own_bytes.size() ? own_bytes[next] : 0;
    ++next;
  }
  return dense;
}

TEST(ReramEmbeddingTable, CorruptedMaskNeverReadsOutsideTheRowRange) {
  const int rows = 4, dim = 40, lanes = 8;  // 2 mask words per row, the second half used
  std::vector<uint8_t> codes(static_cast<size_t>(rows * dim), af8::kZeroCode);
  // Rows 1 and 3 (the last) are the targets: 5 nonzeros each (codes 0x11..0x15). Rows 0 and 2,
  // and the words after the table's values, hold a poison code 0x7F everywhere.
  for (int j = 0; j < dim; ++j) {
    codes[static_cast<size_t>(j)] = 0x7F;
    codes[static_cast<size_t>(2 * dim + j)] = 0x7F;
  }
  const int target_cols[] = {1, 9, 17, 30, 35};
  for (int i = 0; i < 5; ++i) {
    codes[static_cast<size_t>(dim + target_cols[i])] = static_cast<uint8_t>(0x11 + i);
    codes[static_cast<size_t>(3 * dim + target_cols[i])] = static_cast<uint8_t>(0x11 + i);
  }
  const PackedEmbeddingTable t = PackEmbeddingTable(rows, dim, lanes, codes, 0);
  ReramStore store(1024, 256);
  const uint32_t base = 10, value_word = 300;
  WriteEmbeddingTable(store, base, value_word, t);
  // Poison beyond the table's values as well.
  for (uint32_t w = value_word + t.ValueWords(); w < store.words(); ++w) {
    store.Write(w, 0x7F7F7F7F);
  }
  const uint32_t mask_base = base + kEmbeddingHeaderWords;
  const uint32_t words_per_row = MaskWordsPerRow(dim);

  for (uint32_t target_row : {1u, 3u}) {
    const uint32_t m0 = mask_base + target_row * words_per_row;
    const std::vector<uint32_t> good = {store.Stored(m0), store.Stored(m0 + 1)};
    // Extra bits in both mask words, including bits at or above dim in the second word.
    const std::vector<uint32_t> bad = {good[0] | 0x00F0000Cu, good[1] | 0xFFFF00C0u};
    store.Write(m0, bad[0]);
    store.Write(m0 + 1, bad[1]);
    std::vector<uint8_t> own(t.values.begin() + t.row_offsets[target_row],
                             t.values.begin() + t.row_offsets[target_row + 1]);
    const std::vector<uint8_t> want =
        ExpectedRow({bad[0], bad[1] & 0xFFu}, dim, own);  // columns 32..39 only
    for (CellMode mode : {CellMode::kMlc2, CellMode::kMlc3}) {
      const std::vector<uint8_t> row = ReadEmbeddingRow(store, base, target_row, mode, false, 1);
      EXPECT_EQ(row, want) << "row " << target_row;
      for (uint8_t c : row) EXPECT_NE(c, 0x7F) << "read a byte outside the row";
    }
    // More mask bits than values: the missing ones read as zero codes.
    int set_bits = 0, nonzero = 0;
    for (int j = 0; j < dim; ++j) {
      set_bits += static_cast<int>((j < 32 ? bad[0] >> j : bad[1] >> (j - 32)) & 1);
    }
    for (uint8_t c : want) nonzero += c != 0;
    EXPECT_GT(set_bits, nonzero);
    EXPECT_EQ(nonzero, static_cast<int>(own.size()));
    store.Write(m0, good[0]);
    store.Write(m0 + 1, good[1]);
  }

  // A corrupted row-offset pair (end before begin) gives an empty range: all zeros.
  const uint32_t offsets = base + t.header[embedding_header::kRowOffsetOffset];
  const uint32_t saved = store.Stored(offsets + 2);
  store.Write(offsets + 2, 0);  // row 1 ends at 0 < its begin
  const std::vector<uint8_t> empty = ReadEmbeddingRow(store, base, 1, CellMode::kMlc2, false, 1);
  EXPECT_EQ(empty, std::vector<uint8_t>(dim, 0));
  store.Write(offsets + 2, saved);
  // A range past the end of the store is clipped to it, never read out of range.
  store.Write(offsets + 4, 0xFFFFFFF0u);
  EXPECT_NO_THROW(ReadEmbeddingRow(store, base, 3, CellMode::kMlc2, false, 1));
}

TEST(ReramEmbeddingTable, FaultyValueReadsKeepZeroLanesAndMatchWordReads) {
  std::mt19937 rng(77);
  const int rows = 64, dim = 64, lanes = 16;
  const std::vector<uint8_t> codes = RandomCodes(rows, dim, 0.6, rng);
  const PackedEmbeddingTable t = PackEmbeddingTable(rows, dim, lanes, codes, 2);
  ReramStore store(8192, 2048);
  WriteEmbeddingTable(store, 0, 4096, t);
  const std::vector<uint8_t> want = Canonical(codes);
  int changed = 0;
  for (int r = 0; r < rows; ++r) {
    const std::vector<uint8_t> row =
        ReadEmbeddingRow(store, 0, static_cast<uint32_t>(r), CellMode::kMlc3, true, 1234);
    size_t k = t.row_offsets[static_cast<size_t>(r)];
    for (int j = 0; j < dim; ++j) {
      const uint8_t w = want[static_cast<size_t>(r * dim + j)];
      if (w == 0) {
        ASSERT_EQ(row[static_cast<size_t>(j)], 0) << "masks are SLC: zero lanes stay zero";
        continue;
      }
      const uint32_t word =
          store.Read(4096 + static_cast<uint32_t>(k / 4), CellMode::kMlc3, true, 1234);
      ASSERT_EQ(row[static_cast<size_t>(j)], static_cast<uint8_t>(word >> (8 * (k % 4))));
      changed += row[static_cast<size_t>(j)] != w;
      ++k;
    }
  }
  EXPECT_GT(changed, 0) << "MLC3 faults should corrupt some values";
}

TEST(ReramEmbeddingTable, RejectsBadTablesAndPlacements) {
  const std::vector<uint8_t> codes(64, 1);
  EXPECT_THROW(PackEmbeddingTable(4, 16, 5, codes, 0), std::invalid_argument);
  EXPECT_THROW(PackEmbeddingTable(4, 12, 8, std::vector<uint8_t>(48, 1), 0), std::invalid_argument);
  EXPECT_THROW(PackEmbeddingTable(4, 16, 8, std::vector<uint8_t>(63, 1), 0), std::invalid_argument);
  EXPECT_THROW(PackEmbeddingTable(4, 16, 8, codes, 32), std::out_of_range);
  const PackedEmbeddingTable t = PackEmbeddingTable(4, 16, 8, codes, 0);
  ReramStore store(256, 64);
  EXPECT_THROW(WriteEmbeddingTable(store, 60, 100, t), std::invalid_argument);  // SLC overflow
  EXPECT_THROW(WriteEmbeddingTable(store, 0, 32, t), std::invalid_argument);    // values in SLC
  EXPECT_THROW(WriteEmbeddingTable(store, 0, 250, t), std::invalid_argument);   // past the end
  WriteEmbeddingTable(store, 0, 64, t);
  EXPECT_EQ(ReadEmbeddingRow(store, 0, 2, CellMode::kMlc2, false, 1), std::vector<uint8_t>(16, 1));
  store.Write(0, 0);  // magic
  EXPECT_THROW(ReadEmbeddingRow(store, 0, 0, CellMode::kMlc2, false, 1), std::runtime_error);
}

}  // namespace
}  // namespace edgebert::golden
