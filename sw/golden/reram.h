// The ReRAM embedding store (docs/reram.md): word-addressed 32-bit storage split into an SLC
// region (masks, table headers, row offsets) and a value region whose cell mode is SLC, MLC2 or
// MLC3, with seeded, reproducible level faults applied at read time. rtl/gb/reram_store.sv is
// the same machine; tests/rtl/reram_rtl_test.cc holds the two to each other word for word.
//
// Also the embedding-table image the gather unit reads: a header, per-row column bitmaps and
// row offsets in the SLC region, the rows' nonzero AF8 codes packed back to back in the value
// region.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

namespace edgebert::golden {

// Cell mode of a word. The register field RERAM_CTRL.VALUE_MODE uses the same numbers; its
// reserved value 3 is treated as MLC3 (CellModeFromField).
enum class CellMode : uint8_t { kSlc = 0, kMlc2 = 1, kMlc3 = 2 };

CellMode CellModeFromField(uint32_t value_mode);

// ---- Fault model -------------------------------------------------------------------------
//
// Levels equally spaced by Delta in the read signal, each read Gaussian with sigma, decision
// thresholds halfway between neighbours: a cell reads as a given neighbour with probability
// p = Q(Delta / (2 sigma)) = erfc(margin / sqrt(2)) / 2, margin = Delta / (2 sigma). The
// margins are chosen to reproduce the paper's qualitative result (SLC and MLC2 harmless, MLC3
// harmful), NVMExplorer/Ares style; they are not measured silicon.
inline constexpr double kSlcMargin = 6.0;     // p = 9.87e-10
inline constexpr double kMlc2Margin = 4.265;  // p = 9.995e-6
inline constexpr double kMlc3Margin = 2.326;  // p = 1.0009e-2

// Q(margin): the probability of moving to one given neighbour level.
double NeighbourMoveProbability(double margin);
// round(p * 2^32), the integer the hash is compared with.
uint32_t ThresholdFromProbability(double p);

// ThresholdFromProbability(NeighbourMoveProbability(k*Margin)), computed once (the test checks
// them against std::erfc); rtl/pkg/reram_pkg.sv holds the same integers.
inline constexpr uint32_t kSlcThreshold = 4;
inline constexpr uint32_t kMlc2Threshold = 42929;
inline constexpr uint32_t kMlc3Threshold = 42989510;

// Threshold of one cell of `bits` bits: SLC cells (1 bit) kSlcThreshold, 2-bit cells
// kMlc2Threshold (also the 2-bit cell at the top of an MLC3 word), 3-bit cells kMlc3Threshold.
uint32_t CellThreshold(int bits);

// A cell's bits are a Gray code of its level.
constexpr uint32_t GrayToBinary(uint32_t gray) {
  for (uint32_t shift = 1; shift < 32; shift <<= 1) gray ^= gray >> shift;
  return gray;
}
constexpr uint32_t BinaryToGray(uint32_t level) { return level ^ (level >> 1); }

// The per-cell hash (32-bit arithmetic, a murmur3-style finalizer).
constexpr uint32_t FaultHash(uint32_t seed, uint32_t cell_id) {
  uint32_t h = seed ^ (cell_id * 0x9E3779B9u);
  h ^= h >> 16;
  h *= 0x85EBCA6Bu;
  h ^= h >> 13;
  h *= 0xC2B2AE35u;
  h ^= h >> 16;
  return h;
}

// The seed for which FaultHash(seed, cell_id) == hash (the finalizer is a bijection). Tests use
// it to force a chosen cell into a chosen window, e.g. to see an SLC fault at all.
uint32_t SeedForHash(uint32_t cell_id, uint32_t hash);

// One cell: level in [0, 2^bits - 1], h its hash, t its threshold. Down when it can and
// h < t; else up when it can and h falls in the next window of width t; else unchanged.
uint32_t MoveLevel(uint32_t level, int bits, uint32_t h, uint32_t t);

// Cell layout of a word in a mode: {LSB bit index, bits} for each cell.
struct CellField {
  int lsb;
  int bits;
};
std::vector<CellField> CellLayout(CellMode mode);

// The word as read with faults on: every cell of `mode` (cell id = word_address * 32 + lsb)
// moved by MoveLevel. Pure; the stored word is never changed.
uint32_t ApplyFaults(uint32_t word_address, uint32_t data, CellMode mode, uint32_t seed);

// ---- Store -----------------------------------------------------------------------------------

class ReramStore {
 public:
  // Throws std::invalid_argument when words is 0 or value_base_word > words.
  ReramStore(uint32_t words, uint32_t value_base_word);

  uint32_t words() const { return static_cast<uint32_t>(cells_.size()); }
  uint32_t value_base_word() const { return value_base_word_; }
  // The cells a word uses when the value region is in `value_mode`.
  CellMode WordMode(uint32_t word, CellMode value_mode) const {
    return word < value_base_word_ ? CellMode::kSlc : value_mode;
  }

  // Programs the bytes selected by strb (bit b: byte b, little-endian). Out-of-range words
  // throw std::out_of_range (the RTL ignores them).
  void Write(uint32_t word, uint32_t data, uint32_t strb = 0xF);
  // The word as stored, no faults.
  uint32_t Stored(uint32_t word) const;
  // A read: with fault_en, ApplyFaults with the word's mode (SLC below value_base_word).
  // Out-of-range words throw std::out_of_range (the RTL answers 0 with rd_err_o).
  uint32_t Read(uint32_t word, CellMode value_mode, bool fault_en, uint32_t seed) const;

 private:
  void CheckAddress(uint32_t word) const;

  uint32_t value_base_word_;
  std::vector<uint32_t> cells_;
};

// ---- Embedding tables ------------------------------------------------------------------------
//
// Header (kEmbeddingHeaderWords words at the table base, SLC region), offsets in words from the
// table base:
//   0 magic kEmbeddingMagic   1 rows   2 dim   3 lanes   4 exp bias (int32)
//   5 mask array offset       6 row-offset array offset  7 values offset
// Mask array: row r's dim-bit column bitmap (bit j set when column j is nonzero; this is the
// row's dim/n lane masks of n bits back to back) in MaskWordsPerRow(dim) = ceil(dim/32) words
// at mask offset + r * MaskWordsPerRow(dim). Row-offset array: rows + 1 words, entry r the byte
// offset of row r's first nonzero code in the value bytes, entry rows the total. Values: the
// nonzero codes of all rows in row-major order, byte b in word values offset + b/4 at bits
// [8(b%4)+7 : 8(b%4)], zero-padded to a whole word.
inline constexpr uint32_t kEmbeddingMagic = 0x31424D45;  // "EMB1", little-endian bytes
inline constexpr uint32_t kEmbeddingHeaderWords = 8;
namespace embedding_header {
inline constexpr uint32_t kMagic = 0, kRows = 1, kDim = 2, kLanes = 3, kExpBias = 4,
                          kMaskOffset = 5, kRowOffsetOffset = 6, kValuesOffset = 7;
}

constexpr uint32_t MaskWordsPerRow(uint32_t dim) { return (dim + 31) / 32; }

struct PackedEmbeddingTable {
  // The header's mask and row-offset offsets assume header, masks and row offsets back to back;
  // its values offset assumes the values follow them (WriteEmbeddingTable sets the real one).
  std::array<uint32_t, kEmbeddingHeaderWords> header{};
  std::vector<uint32_t> masks;        // rows * MaskWordsPerRow(dim) words
  std::vector<uint32_t> row_offsets;  // rows + 1 byte offsets
  std::vector<uint8_t> values;        // the nonzero codes

  // Words of the SLC part (header, masks, row offsets) and of the value part.
  uint32_t SlcWords() const;
  uint32_t ValueWords() const { return static_cast<uint32_t>((values.size() + 3) / 4); }
};

// Packs a rows x dim table of AF8 codes (row-major; dim a multiple of lanes, lanes in
// {4, 8, 16, 32}; both zero codes count as zero). Throws std::invalid_argument for a bad shape,
// lanes or code count and std::out_of_range for a bias outside [-32, 31].
PackedEmbeddingTable PackEmbeddingTable(int rows, int dim, int lanes,
                                        std::span<const uint8_t> codes, int exp_bias);

// Programs the table: header, masks and row offsets at table_base_word (all inside the SLC
// region), values at value_word (inside the value region). Throws std::invalid_argument when a
// part does not fit its region.
void WriteEmbeddingTable(ReramStore& store, uint32_t table_base_word, uint32_t value_word,
                         const PackedEmbeddingTable& table);

// One row's dim dense codes, decoded through (possibly faulty) reads. Value bytes are read only
// inside the row's own range [offset[row], offset[row+1]) as read; mask bits beyond what that
// range holds decode as zero codes, and mask bits at or above dim are ignored. A header that
// fails its checks (magic, lanes, shape, row, arrays inside the store) throws
// std::runtime_error; a row range that leaves the store is clipped to it.
std::vector<uint8_t> ReadEmbeddingRow(const ReramStore& store, uint32_t table_base_word,
                                      uint32_t row, CellMode mode, bool fault_en, uint32_t seed);

}  // namespace edgebert::golden
