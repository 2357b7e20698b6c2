// The compiled model image ("EBM", docs/model_image.md): one versioned binary file holding what
// the host loads into each memory of the accelerator, one section per destination:
//   RERAM    the shared embedding tables (identical for every task built on the same embeddings)
//   SRAM     the task's encoder weights (WSRAM)
//   AUX      the aux buffer image (LayerNorm parameters, biases, attention spans)
//   PARAMS   exponent biases, early-exit thresholds and other per-task scalars
//   METADATA free-form description (model name, task, compiler version)
// Payloads are opaque bytes here; the compiler and the driver give them meaning.
//
// Layout: a 32-byte header (magic "EBM1", format version, section count, total size, CRC-32 of
// header and table), a table of 32-byte section entries (type, alignment, offset, size, CRC-32),
// then the sections at 64-byte-aligned offsets in table order, zero-padded, the file ending
// with the last section. The reader checks all of it and throws FormatError naming the file
// and the section.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/safetensors.h"  // FormatError

namespace edgebert::model {

// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320, initial value and final xor 0xFFFFFFFF):
// Crc32("123456789") == 0xCBF43926. `Crc32Update` continues a running CRC (start from 0).
uint32_t Crc32Update(uint32_t crc, std::span<const uint8_t> bytes);
inline uint32_t Crc32(std::span<const uint8_t> bytes) { return Crc32Update(0, bytes); }

enum class SectionType : uint32_t {
  kReram = 1,
  kSram = 2,
  kAux = 3,
  kParams = 4,
  kMetadata = 5,
};

// "RERAM", "SRAM", "AUX", "PARAMS", "METADATA"; "type N" for a value outside the enum.
std::string SectionTypeName(SectionType type);

namespace ebm {
inline constexpr uint8_t kMagic[4] = {'E', 'B', 'M', '1'};
inline constexpr uint32_t kFormatVersion = 1;
inline constexpr uint64_t kHeaderBytes = 32;
inline constexpr uint64_t kEntryBytes = 32;
inline constexpr uint64_t kAlignment = 64;
inline constexpr uint32_t kMaxSections = 5;  // one per SectionType
}  // namespace ebm

// One section table entry as stored.
struct SectionEntry {
  SectionType type;
  uint64_t offset;  // from the start of the file
  uint64_t size;
  uint32_t crc32;
};

// A model image in memory: at most one payload per section type.
struct ModelImage {
  std::map<SectionType, std::vector<uint8_t>> sections;

  bool has(SectionType type) const { return sections.count(type) != 0; }
  // Throws FormatError when the image has no such section.
  const std::vector<uint8_t>& section(SectionType type) const;
};

// The file bytes: sections in type order (RERAM first), each at the next 64-byte boundary.
// Deterministic: equal images give equal bytes, and a section's bytes depend on its payload only.
std::vector<uint8_t> WriteModelImage(const ModelImage& image);

// Validates `bytes` completely (structure, then the header/table CRC, then every section's CRC)
// and returns the section table in file order. `name_for_errors` names the file in messages.
std::vector<SectionEntry> ReadSectionTable(std::span<const uint8_t> bytes,
                                           std::string_view name_for_errors);

// ReadSectionTable, then the payloads.
ModelImage ParseModelImage(std::span<const uint8_t> bytes, std::string_view name_for_errors);

void SaveModelImage(const std::filesystem::path& path, const ModelImage& image);
// Throws FormatError (also when the file cannot be read).
ModelImage LoadModelImage(const std::filesystem::path& path);

}  // namespace edgebert::model
