#include "golden/reram.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <stdexcept>
#include <string>

#include "numerics/af8.h"
#include "numerics/sparse.h"
#include "util/hex.h"

namespace edgebert::golden {
namespace {

// Multiplicative inverse modulo 2^32 of an odd number (Newton: each step doubles the bits).
constexpr uint32_t InverseOdd(uint32_t a) {
  uint32_t x = a;  // correct to 3 bits for odd a
  for (int i = 0; i < 5; ++i) x *= 2u - a * x;
  return x;
}
static_assert(0x85EBCA6Bu * InverseOdd(0x85EBCA6Bu) == 1u);
static_assert(0xC2B2AE35u * InverseOdd(0xC2B2AE35u) == 1u);
static_assert(0x9E3779B9u * InverseOdd(0x9E3779B9u) == 1u);

// Inverse of h ^= h >> shift.
constexpr uint32_t UnXorShift(uint32_t h, int shift) {
  uint32_t x = h;
  for (int s = shift; s < 32; s += shift) x = h ^ (x >> shift);
  return x;
}

}  // namespace

CellMode CellModeFromField(uint32_t value_mode) {
  switch (value_mode & 3) {
    case 0:
      return CellMode::kSlc;
    case 1:
      return CellMode::kMlc2;
    default:
      return CellMode::kMlc3;
  }
}

double NeighbourMoveProbability(double margin) { return 0.5 * std::erfc(margin / std::sqrt(2.0)); }

uint32_t ThresholdFromProbability(double p) {
  if (!(p >= 0.0 && p < 0.5)) {
    throw std::invalid_argument("fault probability " + std::to_string(p) +
                                " outside [0, 0.5): two windows of width T must fit in 2^32");
  }
  return static_cast<uint32_t>(std::llround(p * 4294967296.0));
}

uint32_t CellThreshold(int bits) {
  switch (bits) {
    case 1:
      return kSlcThreshold;
    case 2:
      return kMlc2Threshold;
    case 3:
      return kMlc3Threshold;
    default:
      throw std::invalid_argument("ReRAM cell of " + std::to_string(bits) + " bits");
  }
}

uint32_t SeedForHash(uint32_t cell_id, uint32_t hash) {
  uint32_t h = UnXorShift(hash, 16);
  h *= InverseOdd(0xC2B2AE35u);
  h = UnXorShift(h, 13);
  h *= InverseOdd(0x85EBCA6Bu);
  h = UnXorShift(h, 16);
  return h ^ (cell_id * 0x9E3779B9u);
}

uint32_t MoveLevel(uint32_t level, int bits, uint32_t h, uint32_t t) {
  const uint32_t top = (uint32_t{1} << bits) - 1;
  const bool can_down = level > 0;
  const bool can_up = level < top;
  if (can_down && h < t) return level - 1;
  if (can_up && h - (can_down ? t : 0u) < t) return level + 1;
  return level;
}

std::vector<CellField> CellLayout(CellMode mode) {
  std::vector<CellField> cells;
  switch (mode) {
    case CellMode::kSlc:
      for (int c = 0; c < 32; ++c) cells.push_back({c, 1});
      break;
    case CellMode::kMlc2:
      for (int c = 0; c < 16; ++c) cells.push_back({2 * c, 2});
      break;
    case CellMode::kMlc3:
      for (int c = 0; c < 10; ++c) cells.push_back({3 * c, 3});
      cells.push_back({30, 2});
      break;
  }
  return cells;
}

uint32_t ApplyFaults(uint32_t word_address, uint32_t data, CellMode mode, uint32_t seed) {
  static const std::vector<CellField> kLayouts[3] = {
      CellLayout(CellMode::kSlc), CellLayout(CellMode::kMlc2), CellLayout(CellMode::kMlc3)};
  const uint32_t cell_base = word_address * 32u;
  uint32_t out = 0;
  for (const CellField& cell : kLayouts[static_cast<int>(mode)]) {
    const uint32_t field_mask = (uint32_t{1} << cell.bits) - 1;
    const auto lsb = static_cast<uint32_t>(cell.lsb);
    const uint32_t level = GrayToBinary((data >> lsb) & field_mask);
    const uint32_t h = FaultHash(seed, cell_base + lsb);
    const uint32_t moved = MoveLevel(level, cell.bits, h, CellThreshold(cell.bits));
    out |= BinaryToGray(moved) << lsb;
  }
  return out;
}

ReramStore::ReramStore(uint32_t words, uint32_t value_base_word)
    : value_base_word_(value_base_word) {
  if (words == 0 || value_base_word > words) {
    throw std::invalid_argument("ReRAM store of " + std::to_string(words) +
                                " words with value region at word " +
                                std::to_string(value_base_word));
  }
  cells_.assign(words, 0);
}

void ReramStore::CheckAddress(uint32_t word) const {
  if (word >= cells_.size()) {
    throw std::out_of_range("ReRAM word " + std::to_string(word) + " outside " +
                            std::to_string(cells_.size()) + " words");
  }
}

void ReramStore::Write(uint32_t word, uint32_t data, uint32_t strb) {
  CheckAddress(word);
  uint32_t byte_mask = 0;
  for (uint32_t b = 0; b < 4; ++b) {
    if ((strb >> b) & 1) byte_mask |= 0xFFu << (8 * b);
  }
  cells_[word] = (cells_[word] & ~byte_mask) | (data & byte_mask);
}

uint32_t ReramStore::Stored(uint32_t word) const {
  CheckAddress(word);
  return cells_[word];
}

uint32_t ReramStore::Read(uint32_t word, CellMode value_mode, bool fault_en, uint32_t seed) const {
  const uint32_t data = Stored(word);
  return fault_en ? ApplyFaults(word, data, WordMode(word, value_mode), seed) : data;
}

// ---- Embedding tables ------------------------------------------------------------------------

uint32_t PackedEmbeddingTable::SlcWords() const {
  return static_cast<uint32_t>(header.size() + masks.size() + row_offsets.size());
}

PackedEmbeddingTable PackEmbeddingTable(int rows, int dim, int lanes,
                                        std::span<const uint8_t> codes, int exp_bias) {
  sparse::CheckLanes(lanes);
  af8::CheckBias(exp_bias);
  if (rows <= 0 || dim <= 0 || dim % lanes != 0) {
    throw std::invalid_argument("embedding table " + std::to_string(rows) + " x " +
                                std::to_string(dim) +
                                ": dimensions must be positive and dim a "
                                "multiple of n = " +
                                std::to_string(lanes));
  }
  const auto r_count = static_cast<size_t>(rows);
  const auto d = static_cast<size_t>(dim);
  const auto n = static_cast<size_t>(lanes);
  if (codes.size() != r_count * d) {
    throw std::invalid_argument("embedding table: " + std::to_string(codes.size()) +
                                " codes given for " + std::to_string(r_count * d));
  }
  PackedEmbeddingTable t;
  const uint32_t mask_words = MaskWordsPerRow(static_cast<uint32_t>(dim));
  t.masks.assign(r_count * mask_words, 0);
  t.row_offsets.reserve(r_count + 1);
  std::vector<uint8_t> slot(n);
  for (size_t r = 0; r < r_count; ++r) {
    t.row_offsets.push_back(static_cast<uint32_t>(t.values.size()));
    for (size_t g = 0; g < d / n; ++g) {
      const uint32_t mask = sparse::EncodeVector(codes.subspan(r * d + g * n, n), slot);
      const size_t bit = g * n;  // the column of lane 0; n divides 32, so no word straddles
      if (mask != 0) t.masks[r * mask_words + bit / 32] |= mask << (bit % 32);
      const auto count = static_cast<size_t>(std::popcount(mask));
      t.values.insert(t.values.end(), slot.begin(),
                      slot.begin() + static_cast<std::ptrdiff_t>(count));
    }
  }
  t.row_offsets.push_back(static_cast<uint32_t>(t.values.size()));

  namespace hdr = embedding_header;
  t.header[hdr::kMagic] = kEmbeddingMagic;
  t.header[hdr::kRows] = static_cast<uint32_t>(rows);
  t.header[hdr::kDim] = static_cast<uint32_t>(dim);
  t.header[hdr::kLanes] = static_cast<uint32_t>(lanes);
  t.header[hdr::kExpBias] = static_cast<uint32_t>(exp_bias);
  t.header[hdr::kMaskOffset] = kEmbeddingHeaderWords;
  t.header[hdr::kRowOffsetOffset] = kEmbeddingHeaderWords + static_cast<uint32_t>(t.masks.size());
  t.header[hdr::kValuesOffset] = t.SlcWords();
  return t;
}

void WriteEmbeddingTable(ReramStore& store, uint32_t table_base_word, uint32_t value_word,
                         const PackedEmbeddingTable& table) {
  const uint64_t slc_end = uint64_t{table_base_word} + table.SlcWords();
  const uint64_t value_end = uint64_t{value_word} + table.ValueWords();
  if (slc_end > store.value_base_word()) {
    throw std::invalid_argument("embedding table words [" + std::to_string(table_base_word) + ", " +
                                std::to_string(slc_end) + ") leave the SLC region");
  }
  if (value_word < store.value_base_word() || value_end > store.words()) {
    throw std::invalid_argument("embedding values [" + std::to_string(value_word) + ", " +
                                std::to_string(value_end) + ") leave the value region");
  }
  std::array<uint32_t, kEmbeddingHeaderWords> header = table.header;
  header[embedding_header::kValuesOffset] = value_word - table_base_word;
  uint32_t w = table_base_word;
  for (uint32_t word : header) store.Write(w++, word);
  for (uint32_t word : table.masks) store.Write(w++, word);
  for (uint32_t word : table.row_offsets) store.Write(w++, word);
  for (size_t b = 0; b < table.values.size(); b += 4) {
    uint32_t word = 0;
    for (size_t i = 0; i < 4 && b + i < table.values.size(); ++i) {
      word |= uint32_t{table.values[b + i]} << (8 * i);
    }
    store.Write(value_word + static_cast<uint32_t>(b / 4), word);
  }
}

std::vector<uint8_t> ReadEmbeddingRow(const ReramStore& store, uint32_t table_base_word,
                                      uint32_t row, CellMode mode, bool fault_en, uint32_t seed) {
  const uint64_t words = store.words();
  auto read = [&](uint64_t word) {
    return store.Read(static_cast<uint32_t>(word), mode, fault_en, seed);
  };
  auto fail = [&](const std::string& why) {
    throw std::runtime_error("embedding table at word " + std::to_string(table_base_word) + ": " +
                             why);
  };
  if (uint64_t{table_base_word} + kEmbeddingHeaderWords > words) fail("header outside the store");
  std::array<uint32_t, kEmbeddingHeaderWords> h{};
  for (uint32_t i = 0; i < kEmbeddingHeaderWords; ++i) h[i] = read(uint64_t{table_base_word} + i);

  namespace hdr = embedding_header;
  if (h[hdr::kMagic] != kEmbeddingMagic) fail("bad magic " + util::Hex(h[hdr::kMagic], 8));
  const uint32_t rows = h[hdr::kRows];
  const uint32_t dim = h[hdr::kDim];
  const uint32_t lanes = h[hdr::kLanes];
  if (lanes > 32 || !sparse::IsSupportedLanes(static_cast<int>(lanes))) {
    fail("bad lane count " + std::to_string(lanes));
  }
  if (dim == 0 || dim % lanes != 0 || dim > (uint32_t{1} << 20)) {
    fail("bad dim " + std::to_string(dim));
  }
  if (row >= rows) fail("row " + std::to_string(row) + " of " + std::to_string(rows));
  const uint32_t mask_words = MaskWordsPerRow(dim);
  const uint64_t mask_base =
      uint64_t{table_base_word} + h[hdr::kMaskOffset] + uint64_t{row} * mask_words;
  const uint64_t offset_base = uint64_t{table_base_word} + h[hdr::kRowOffsetOffset] + row;
  const uint64_t value_base = uint64_t{table_base_word} + h[hdr::kValuesOffset];
  if (mask_base + mask_words > words) fail("mask array outside the store");
  if (offset_base + 2 > words) fail("row-offset array outside the store");

  // The row's value range, as read, clipped to the store.
  const uint64_t begin = read(offset_base);
  uint64_t end = std::max<uint64_t>(begin, read(offset_base + 1));
  end = std::min(end, value_base < words ? (words - value_base) * 4 : 0);

  std::vector<uint8_t> dense(dim);
  std::vector<uint8_t> packed(lanes);
  uint64_t next = begin;    // next value byte of the row
  uint64_t cached = ~0ull;  // word address of `cached_word`
  uint32_t cached_word = 0;
  const uint32_t n = lanes;
  for (uint32_t g = 0; g < dim / n; ++g) {
    const uint32_t bit = g * n;
    const uint32_t word = read(mask_base + bit / 32);
    const uint32_t mask = n == 32 ? word : (word >> (bit % 32)) & ((uint32_t{1} << n) - 1);
    const auto count = static_cast<uint32_t>(std::popcount(mask));
    for (uint32_t i = 0; i < count; ++i, ++next) {
      if (next >= end) {
        packed[i] = af8::kZeroCode;  // the mask claims more than the row holds
        continue;
      }
      const uint64_t address = value_base + next / 4;
      if (address != cached) {
        cached = address;
        cached_word = read(address);
      }
      packed[i] = static_cast<uint8_t>(cached_word >> (8 * (next % 4)));
    }
    sparse::DecodeVector(mask, std::span(packed).first(count), std::span(dense).subspan(bit, n));
  }
  return dense;
}

}  // namespace edgebert::golden
