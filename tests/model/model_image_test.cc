// The EBM model image: CRC-32, round trip, every truncation, each corruption with its named
// error, and the shared RERAM section of two tasks.
#include "model/model_image.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

namespace edgebert::model {
namespace {

constexpr const char* kName = "task.ebm";

std::vector<uint8_t> Pattern(size_t n, uint8_t seed) {
  std::vector<uint8_t> out(n);
  for (size_t i = 0; i < n; ++i) out[i] = static_cast<uint8_t>(seed + 31 * i + (i >> 3));
  return out;
}

ModelImage SmallImage() {
  ModelImage image;
  image.sections[SectionType::kReram] = Pattern(100, 1);
  image.sections[SectionType::kSram] = Pattern(130, 2);
  image.sections[SectionType::kAux] = Pattern(7, 3);
  image.sections[SectionType::kParams] = Pattern(64, 4);
  image.sections[SectionType::kMetadata] = {'s', 's', 't', '2'};
  return image;
}

std::string ParseError(const std::vector<uint8_t>& bytes) {
  try {
    ParseModelImage(bytes, kName);
  } catch (const FormatError& e) {
    return e.what();
  }
  return "";
}

void Put32(std::vector<uint8_t>& b, size_t at, uint32_t v) {
  for (size_t i = 0; i < 4; ++i) b[at + i] = static_cast<uint8_t>(v >> (8 * i));
}
void Put64(std::vector<uint8_t>& b, size_t at, uint64_t v) {
  for (size_t i = 0; i < 8; ++i) b[at + i] = static_cast<uint8_t>(v >> (8 * i));
}
uint64_t Get64(const std::vector<uint8_t>& b, size_t at) {
  uint64_t v = 0;
  for (size_t i = 8; i-- > 0;) v = (v << 8) | b[at + i];
  return v;
}
// Byte offset of table entry i's field.
size_t Entry(size_t i, size_t field) { return 32 + 32 * i + field; }

TEST(Crc32, KnownValues) {
  const std::string check = "123456789";
  EXPECT_EQ(Crc32({reinterpret_cast<const uint8_t*>(check.data()), check.size()}), 0xCBF43926u);
  EXPECT_EQ(Crc32({}), 0u);
  const std::vector<uint8_t> a = Pattern(1000, 9);
  EXPECT_EQ(Crc32Update(Crc32(std::span(a).first(300)), std::span(a).subspan(300)), Crc32(a));
}

TEST(ModelImage, RoundTripAndLayout) {
  const ModelImage image = SmallImage();
  const std::vector<uint8_t> bytes = WriteModelImage(image);
  const std::vector<SectionEntry> table = ReadSectionTable(bytes, kName);
  ASSERT_EQ(table.size(), 5u);
  uint64_t previous_end = 32 + 5 * 32;
  for (const SectionEntry& e : table) {
    EXPECT_EQ(e.offset % 64, 0u);
    EXPECT_GE(e.offset, previous_end);
    EXPECT_LT(e.offset - previous_end, 64u);
    EXPECT_EQ(e.size, image.section(e.type).size());
    previous_end = e.offset + e.size;
  }
  EXPECT_EQ(previous_end, bytes.size());
  EXPECT_EQ(table[0].type, SectionType::kReram);
  EXPECT_EQ(table[0].offset, 192u);
  const ModelImage back = ParseModelImage(bytes, kName);
  EXPECT_EQ(back.sections, image.sections);
  EXPECT_EQ(WriteModelImage(back), bytes);
}

TEST(ModelImage, SubsetsAndEmptySections) {
  ModelImage none;
  EXPECT_EQ(WriteModelImage(none).size(), 32u);
  EXPECT_TRUE(ParseModelImage(WriteModelImage(none), kName).sections.empty());
  ModelImage some;
  some.sections[SectionType::kSram] = {};
  some.sections[SectionType::kMetadata] = {1};
  const ModelImage back = ParseModelImage(WriteModelImage(some), kName);
  EXPECT_EQ(back.sections, some.sections);
  EXPECT_FALSE(back.has(SectionType::kReram));
  EXPECT_THROW(back.section(SectionType::kReram), FormatError);
}

TEST(ModelImage, SaveAndLoad) {
  const auto path = std::filesystem::temp_directory_path() / "edgebert_model_image_test.ebm";
  SaveModelImage(path, SmallImage());
  EXPECT_EQ(LoadModelImage(path).sections, SmallImage().sections);
  std::filesystem::remove(path);
  EXPECT_THROW(LoadModelImage(path), FormatError);
  // A file that cannot be created says why ("write error" alone, once).
  try {
    SaveModelImage("/nonexistent-folder/x.ebm", SmallImage());
    ADD_FAILURE() << "saved into a missing folder";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("cannot create: No such file or directory"),
              std::string::npos)
        << e.what();
  }
}

TEST(ModelImage, EveryTruncationIsRejected) {
  const std::vector<uint8_t> bytes = WriteModelImage(SmallImage());
  for (size_t n = 0; n < bytes.size(); ++n) {
    const std::vector<uint8_t> cut(bytes.begin(), bytes.begin() + static_cast<ptrdiff_t>(n));
    const std::string error = ParseError(cut);
    EXPECT_NE(error.find("truncated"), std::string::npos) << n << ": " << error;
  }
}

TEST(ModelImage, TwoTasksShareAByteIdenticalReramSection) {
  ModelImage mrpc = SmallImage();
  ModelImage sst2 = SmallImage();
  sst2.sections[SectionType::kSram] = Pattern(1000, 77);  // different encoder weights
  sst2.sections[SectionType::kParams] = Pattern(3, 5);
  sst2.sections[SectionType::kMetadata] = {'m', 'r', 'p', 'c', '!'};
  const std::vector<uint8_t> a = WriteModelImage(mrpc);
  const std::vector<uint8_t> b = WriteModelImage(sst2);
  ASSERT_NE(a, b);
  const SectionEntry ra = ReadSectionTable(a, "mrpc.ebm").front();
  const SectionEntry rb = ReadSectionTable(b, "sst2.ebm").front();
  ASSERT_EQ(ra.type, SectionType::kReram);
  ASSERT_EQ(rb.type, SectionType::kReram);
  EXPECT_EQ(ra.size, rb.size);
  EXPECT_EQ(ra.crc32, rb.crc32);
  EXPECT_TRUE(std::equal(a.begin() + static_cast<ptrdiff_t>(ra.offset),
                         a.begin() + static_cast<ptrdiff_t>(ra.offset + ra.size),
                         b.begin() + static_cast<ptrdiff_t>(rb.offset)));
}

struct Corruption {
  const char* what;
  void (*apply)(std::vector<uint8_t>&);
  const char* fragment;
};

TEST(ModelImage, Corruptions) {
  const std::vector<Corruption> cases = {
      {"bad magic", [](std::vector<uint8_t>& b) { b[3] = '2'; }, "bad magic"},
      {"version", [](std::vector<uint8_t>& b) { Put32(b, 4, 2); },
       "unsupported format version 2 (this reader reads 1)"},
      {"reserved", [](std::vector<uint8_t>& b) { b[12] = 1; }, "reserved fields"},
      {"count", [](std::vector<uint8_t>& b) { Put32(b, 8, 6); }, "section count 6 exceeds"},
      {"oversized file", [](std::vector<uint8_t>& b) { b.push_back(0); }, "oversized"},
      {"total size smaller", [](std::vector<uint8_t>& b) { Put64(b, 16, Get64(b, 16) - 1); },
       "oversized"},
      {"unknown type", [](std::vector<uint8_t>& b) { Put32(b, Entry(2, 0), 9); },
       "section table entry 2: unknown section type 9"},
      {"duplicate type", [](std::vector<uint8_t>& b) { Put32(b, Entry(1, 0), 1); },
       "section RERAM: appears twice"},
      {"alignment field", [](std::vector<uint8_t>& b) { Put32(b, Entry(3, 4), 32); },
       "section PARAMS: alignment 32, expected 64"},
      {"misaligned offset",
       [](std::vector<uint8_t>& b) { Put64(b, Entry(1, 8), Get64(b, Entry(1, 8)) + 4); },
       "section SRAM: offset 324 is not 64-byte aligned"},
      {"offset inside the table", [](std::vector<uint8_t>& b) { Put64(b, Entry(0, 8), 128); },
       "section RERAM: offset 128 lies inside the header and section table"},
      {"overlapping sections", [](std::vector<uint8_t>& b) { Put64(b, Entry(0, 16), 200); },
       "section SRAM: bytes [320, 450) overlap section RERAM [192, 392)"},
      {"unsorted", [](std::vector<uint8_t>& b) { Put64(b, Entry(2, 8), 192); },
       "section AUX: offset 192 is before section SRAM's 320"},
      {"oversized section size",
       [](std::vector<uint8_t>& b) { Put64(b, Entry(4, 16), 0xFFFFFFFFFFFFFFF0ull); },
       "section METADATA: bytes [640, 640 + 18446744073709551600) (size 18446744073709551600) "
       "run past the end of the file (644 bytes)"},
      {"section past EOF", [](std::vector<uint8_t>& b) { Put64(b, Entry(4, 8), 704); },
       "section METADATA: bytes [704, 708) (size 4) run past the end of the file (644 bytes)"},
      {"non-zero padding", [](std::vector<uint8_t>& b) { b[300] = 1; },
       "non-zero padding byte at offset 300 before section SRAM"},
      {"table CRC", [](std::vector<uint8_t>& b) { b[24] ^= 1; }, "header and section table CRC-32"},
      {"table entry CRC field", [](std::vector<uint8_t>& b) { b[Entry(2, 24)] ^= 0x80; },
       "header and section table CRC-32"},
      {"RERAM payload", [](std::vector<uint8_t>& b) { b[192 + 99] ^= 1; }, "section RERAM: CRC-32"},
      {"SRAM payload", [](std::vector<uint8_t>& b) { b[320] ^= 0x40; }, "section SRAM: CRC-32"},
      {"AUX payload", [](std::vector<uint8_t>& b) { b[512 + 6] ^= 2; }, "section AUX: CRC-32"},
      {"PARAMS payload", [](std::vector<uint8_t>& b) { b[576 + 10] ^= 4; },
       "section PARAMS: CRC-32"},
      {"METADATA payload", [](std::vector<uint8_t>& b) { b[640] ^= 8; },
       "section METADATA: CRC-32"},
  };
  const std::vector<uint8_t> good = WriteModelImage(SmallImage());
  // The layout the offsets above assume: table end 192; RERAM 192+100, SRAM 320+130,
  // AUX 512+7, PARAMS 576+64, METADATA 640+4 = 644.
  ASSERT_EQ(good.size(), 644u);
  ASSERT_EQ(ParseError(good), "");
  for (const Corruption& c : cases) {
    std::vector<uint8_t> bytes = good;
    c.apply(bytes);
    const std::string error = ParseError(bytes);
    EXPECT_NE(error.find(c.fragment), std::string::npos)
        << c.what << ": got \"" << error << "\", want \"" << c.fragment << "\"";
    EXPECT_EQ(error.rfind("model image 'task.ebm': ", 0), 0u) << c.what << ": " << error;
  }
}

// A single flipped bit anywhere is caught (by a structural check or a CRC).
TEST(ModelImage, EveryBitFlipIsRejected) {
  const std::vector<uint8_t> good = WriteModelImage(SmallImage());
  for (size_t i = 0; i < good.size(); ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      std::vector<uint8_t> bytes = good;
      bytes[i] ^= static_cast<uint8_t>(1u << bit);
      EXPECT_NE(ParseError(bytes), "") << "byte " << i << " bit " << bit;
    }
  }
}

}  // namespace
}  // namespace edgebert::model
