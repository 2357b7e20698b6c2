#include "model/model_image.h"

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "util/hex.h"

namespace edgebert::model {
namespace {

constexpr std::array<uint32_t, 256> MakeCrcTable() {
  std::array<uint32_t, 256> table{};
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1u) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    table[i] = c;
  }
  return table;
}
constexpr std::array<uint32_t, 256> kCrcTable = MakeCrcTable();

uint32_t ReadLe32(std::span<const uint8_t> bytes, uint64_t at) {
  uint32_t v = 0;
  for (int i = 3; i >= 0; --i)
    v = (v << 8) | bytes[static_cast<size_t>(at) + static_cast<size_t>(i)];
  return v;
}

uint64_t ReadLe64(std::span<const uint8_t> bytes, uint64_t at) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i)
    v = (v << 8) | bytes[static_cast<size_t>(at) + static_cast<size_t>(i)];
  return v;
}

void WriteLe32(std::vector<uint8_t>& out, uint64_t at, uint32_t v) {
  for (size_t i = 0; i < 4; ++i)
    out[static_cast<size_t>(at) + i] = static_cast<uint8_t>(v >> (8 * i));
}

void WriteLe64(std::vector<uint8_t>& out, uint64_t at, uint64_t v) {
  for (size_t i = 0; i < 8; ++i)
    out[static_cast<size_t>(at) + i] = static_cast<uint8_t>(v >> (8 * i));
}

constexpr uint64_t AlignUp(uint64_t n) {
  return (n + ebm::kAlignment - 1) / ebm::kAlignment * ebm::kAlignment;
}

std::string Range(uint64_t offset, uint64_t size) {
  // The end may exceed 64 bits for a corrupted size; print it as offset + size then.
  std::ostringstream s;
  s << '[' << offset << ", ";
  if (size > UINT64_MAX - offset) {
    s << offset << " + " << size;
  } else {
    s << offset + size;
  }
  s << ')';
  return s.str();
}

// The CRC stored in the header: bytes [0, 24) of the header followed by the section table.
uint32_t TableCrc(std::span<const uint8_t> bytes, uint64_t table_end) {
  const uint32_t crc = Crc32Update(0, bytes.first(24));
  return Crc32Update(crc, bytes.subspan(static_cast<size_t>(ebm::kHeaderBytes),
                                        static_cast<size_t>(table_end - ebm::kHeaderBytes)));
}

std::vector<uint8_t> ReadFile(const std::filesystem::path& path) {
  const std::string file = path.string();
  std::ifstream in(path, std::ios::binary);
  if (!in) throw FormatError("model image '" + file + "': cannot open the file");
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size < 0) throw FormatError("model image '" + file + "': cannot read the file size");
  in.seekg(0, std::ios::beg);
  std::vector<uint8_t> bytes(static_cast<size_t>(size));
  if (!in.read(reinterpret_cast<char*>(bytes.data()), size)) {
    throw FormatError("model image '" + file + "': read error");
  }
  return bytes;
}

}  // namespace

uint32_t Crc32Update(uint32_t crc, std::span<const uint8_t> bytes) {
  crc = ~crc;
  for (const uint8_t b : bytes) crc = kCrcTable[(crc ^ b) & 0xFFu] ^ (crc >> 8);
  return ~crc;
}

std::string SectionTypeName(SectionType type) {
  switch (type) {
    case SectionType::kReram:
      return "RERAM";
    case SectionType::kSram:
      return "SRAM";
    case SectionType::kAux:
      return "AUX";
    case SectionType::kParams:
      return "PARAMS";
    case SectionType::kMetadata:
      return "METADATA";
  }
  return "type " + std::to_string(static_cast<uint32_t>(type));
}

const std::vector<uint8_t>& ModelImage::section(SectionType type) const {
  const auto it = sections.find(type);
  if (it == sections.end()) {
    throw FormatError("model image: no " + SectionTypeName(type) + " section");
  }
  return it->second;
}

std::vector<uint8_t> WriteModelImage(const ModelImage& image) {
  const uint64_t count = image.sections.size();
  if (count > ebm::kMaxSections) throw std::invalid_argument("model image: too many sections");
  const uint64_t table_end = ebm::kHeaderBytes + count * ebm::kEntryBytes;
  uint64_t total = table_end;
  for (const auto& [type, payload] : image.sections) {
    if (static_cast<uint32_t>(type) < 1 || static_cast<uint32_t>(type) > ebm::kMaxSections) {
      throw std::invalid_argument("model image: unknown section type");
    }
    total = AlignUp(total) + payload.size();
  }
  std::vector<uint8_t> out(static_cast<size_t>(total), 0);
  std::memcpy(out.data(), ebm::kMagic, 4);
  WriteLe32(out, 4, ebm::kFormatVersion);
  WriteLe32(out, 8, static_cast<uint32_t>(count));
  WriteLe64(out, 16, total);
  uint64_t offset = table_end;
  uint64_t entry = ebm::kHeaderBytes;
  for (const auto& [type, payload] : image.sections) {
    offset = AlignUp(offset);
    WriteLe32(out, entry, static_cast<uint32_t>(type));
    WriteLe32(out, entry + 4, static_cast<uint32_t>(ebm::kAlignment));
    WriteLe64(out, entry + 8, offset);
    WriteLe64(out, entry + 16, payload.size());
    WriteLe32(out, entry + 24, Crc32(payload));
    if (!payload.empty()) std::memcpy(out.data() + offset, payload.data(), payload.size());
    offset += payload.size();
    entry += ebm::kEntryBytes;
  }
  WriteLe32(out, 24, TableCrc(out, table_end));
  return out;
}

std::vector<SectionEntry> ReadSectionTable(std::span<const uint8_t> bytes,
                                           std::string_view name_for_errors) {
  const std::string prefix = "model image '" + std::string(name_for_errors) + "': ";
  auto fail = [&](const std::string& what) { throw FormatError(prefix + what); };
  const uint64_t file_size = bytes.size();

  if (file_size < ebm::kHeaderBytes) {
    fail("truncated: " + std::to_string(file_size) + " bytes, shorter than the " +
         std::to_string(ebm::kHeaderBytes) + "-byte header");
  }
  if (std::memcmp(bytes.data(), ebm::kMagic, 4) != 0) {
    fail("bad magic " + util::Hex(ReadLe32(bytes, 0), 8) + ", not an EBM1 model image");
  }
  const uint32_t version = ReadLe32(bytes, 4);
  if (version != ebm::kFormatVersion) {
    fail("unsupported format version " + std::to_string(version) + " (this reader reads " +
         std::to_string(ebm::kFormatVersion) + ")");
  }
  if (ReadLe32(bytes, 12) != 0 || ReadLe32(bytes, 28) != 0) {
    fail("header reserved fields (bytes 12 and 28) are not zero");
  }
  const uint32_t count = ReadLe32(bytes, 8);
  if (count > ebm::kMaxSections) {
    fail("section count " + std::to_string(count) + " exceeds the " +
         std::to_string(ebm::kMaxSections) + " section types");
  }
  const uint64_t table_end = ebm::kHeaderBytes + count * ebm::kEntryBytes;
  if (table_end > file_size) {
    fail("truncated: the section table ends at byte " + std::to_string(table_end) +
         " but the file is " + std::to_string(file_size) + " bytes");
  }
  const uint64_t total = ReadLe64(bytes, 16);
  if (total > file_size) {
    fail("truncated: the file is " + std::to_string(file_size) + " bytes, the header says " +
         std::to_string(total));
  }
  if (total < file_size) {
    fail("oversized: the file is " + std::to_string(file_size) + " bytes, the header says " +
         std::to_string(total));
  }

  std::vector<SectionEntry> entries;
  uint32_t seen = 0;  // bit t: a section of type t was seen
  for (uint32_t i = 0; i < count; ++i) {
    const uint64_t at = ebm::kHeaderBytes + i * ebm::kEntryBytes;
    const uint32_t raw_type = ReadLe32(bytes, at);
    if (raw_type < 1 || raw_type > ebm::kMaxSections) {
      fail("section table entry " + std::to_string(i) + ": unknown section type " +
           std::to_string(raw_type));
    }
    const auto type = static_cast<SectionType>(raw_type);
    const std::string section = "section " + SectionTypeName(type) + ": ";
    if (seen & (1u << raw_type)) fail(section + "appears twice in the section table");
    seen |= 1u << raw_type;
    const uint32_t alignment = ReadLe32(bytes, at + 4);
    if (alignment != ebm::kAlignment) {
      fail(section + "alignment " + std::to_string(alignment) + ", expected " +
           std::to_string(ebm::kAlignment));
    }
    if (ReadLe32(bytes, at + 28) != 0) fail(section + "reserved field is not zero");
    const SectionEntry entry{type, ReadLe64(bytes, at + 8), ReadLe64(bytes, at + 16),
                             ReadLe32(bytes, at + 24)};
    if (entry.offset % ebm::kAlignment != 0) {
      fail(section + "offset " + std::to_string(entry.offset) + " is not " +
           std::to_string(ebm::kAlignment) + "-byte aligned");
    }
    if (entry.offset < table_end) {
      fail(section + "offset " + std::to_string(entry.offset) +
           " lies inside the header and section table (which end at " + std::to_string(table_end) +
           ")");
    }
    if (entry.offset > total || entry.size > total - entry.offset) {
      fail(section + "bytes " + Range(entry.offset, entry.size) + " (size " +
           std::to_string(entry.size) + ") run past the end of the file (" + std::to_string(total) +
           " bytes)");
    }
    if (!entries.empty()) {
      const SectionEntry& previous = entries.back();
      const std::string previous_name = SectionTypeName(previous.type);
      if (entry.offset < previous.offset) {
        fail(section + "offset " + std::to_string(entry.offset) + " is before section " +
             previous_name + "'s " + std::to_string(previous.offset) +
             ": the table must be sorted by offset");
      }
      if (entry.offset < previous.offset + previous.size) {
        fail(section + "bytes " + Range(entry.offset, entry.size) + " overlap section " +
             previous_name + " " + Range(previous.offset, previous.size));
      }
    }
    entries.push_back(entry);
  }

  const uint64_t data_end =
      entries.empty() ? table_end : entries.back().offset + entries.back().size;
  if (data_end != total) {
    fail("total size " + std::to_string(total) + " but the sections end at byte " +
         std::to_string(data_end));
  }
  // Everything between the table and the sections, and between sections, is zero padding.
  uint64_t cursor = table_end;
  for (const SectionEntry& entry : entries) {
    for (uint64_t p = cursor; p < entry.offset; ++p) {
      if (bytes[static_cast<size_t>(p)] != 0) {
        fail("non-zero padding byte at offset " + std::to_string(p) + " before section " +
             SectionTypeName(entry.type));
      }
    }
    cursor = entry.offset + entry.size;
  }

  const uint32_t table_crc = TableCrc(bytes, table_end);
  const uint32_t stored_table_crc = ReadLe32(bytes, 24);
  if (table_crc != stored_table_crc) {
    fail("header and section table CRC-32 " + util::Hex(table_crc, 8) +
         " does not match the stored " + util::Hex(stored_table_crc, 8));
  }
  for (const SectionEntry& entry : entries) {
    const uint32_t crc =
        Crc32(bytes.subspan(static_cast<size_t>(entry.offset), static_cast<size_t>(entry.size)));
    if (crc != entry.crc32) {
      fail("section " + SectionTypeName(entry.type) + ": CRC-32 " + util::Hex(crc, 8) + " of its " +
           std::to_string(entry.size) + " bytes does not match the table's " +
           util::Hex(entry.crc32, 8));
    }
  }
  return entries;
}

ModelImage ParseModelImage(std::span<const uint8_t> bytes, std::string_view name_for_errors) {
  const std::vector<SectionEntry> entries = ReadSectionTable(bytes, name_for_errors);
  ModelImage image;
  for (const SectionEntry& entry : entries) {
    const auto payload =
        bytes.subspan(static_cast<size_t>(entry.offset), static_cast<size_t>(entry.size));
    image.sections.emplace(entry.type, std::vector<uint8_t>(payload.begin(), payload.end()));
  }
  return image;
}

void SaveModelImage(const std::filesystem::path& path, const ModelImage& image) {
  const std::vector<uint8_t> bytes = WriteModelImage(image);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) {
    throw std::runtime_error("model image '" + path.string() +
                             "': cannot create: " + std::strerror(errno));
  }
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) {
    throw std::runtime_error("model image '" + path.string() +
                             "': write error: " + std::strerror(errno));
  }
}

ModelImage LoadModelImage(const std::filesystem::path& path) {
  return ParseModelImage(ReadFile(path), path.string());
}

}  // namespace edgebert::model
