// The safetensors reader: round trips, exact float conversions, and every rejection with the
// message fragment that names the file and the tensor.
#include "model/safetensors.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "safetensors_writer.h"

namespace edgebert::model {
namespace {

using testing::F32Bytes;
using testing::RawSafetensors;
using testing::TestTensor;
using testing::U16Bytes;
using testing::WriteSafetensors;

constexpr const char* kName = "test.safetensors";

std::vector<uint8_t> Bytes(size_t n, uint8_t fill = 0) { return std::vector<uint8_t>(n, fill); }

// The message of the FormatError that parsing `bytes` throws ("" when it does not throw).
std::string ParseError(const std::vector<uint8_t>& bytes) {
  try {
    SafetensorsFile::Parse(bytes, kName);
  } catch (const FormatError& e) {
    return e.what();
  }
  return "";
}

std::string HeaderError(const std::string& header, const std::vector<uint8_t>& data = {}) {
  return ParseError(RawSafetensors(header, data));
}

TEST(Safetensors, RoundTripF32F16Bf16AndMetadata) {
  const std::vector<float> weights = {1.0f, -2.5f, 3.25f, 0.0f, -0.0f, 1e-30f};
  const std::vector<uint16_t> half = {0x3C00, 0xC000, 0x0001, 0x7BFF};     // 1, -2, 2^-24, 65504
  const std::vector<uint16_t> bf16 = {0x3F80, 0xBF00, 0x0001, 0x7F7F, 0};  // 1, -0.5, ...
  const auto file = SafetensorsFile::Parse(
      WriteSafetensors({{"encoder.weight", "F32", {2, 3}, F32Bytes(weights)},
                        {"half", "F16", {4}, U16Bytes(half)},
                        {"bf", "BF16", {5, 1}, U16Bytes(bf16)},
                        {"empty", "F32", {0, 7}, {}},
                        {"scalar", "I64", {}, Bytes(8, 0x11)}},
                       {{"format", "pt"}, {"note", "quote\" and \\ backslash"}}),
      kName);
  EXPECT_EQ(file.tensor_count(), 5u);
  EXPECT_EQ(file.name(), kName);
  EXPECT_EQ(file.metadata().at("format"), "pt");
  EXPECT_EQ(file.metadata().at("note"), "quote\" and \\ backslash");
  EXPECT_EQ(file.tensor_names(),
            (std::vector<std::string>{"encoder.weight", "half", "bf", "empty", "scalar"}));

  const Tensor w = file.tensor("encoder.weight");
  EXPECT_EQ(w.dtype, Dtype::kF32);
  EXPECT_EQ(w.shape, (std::vector<uint64_t>{2, 3}));
  EXPECT_EQ(w.element_count(), 6u);
  const std::vector<float> back = ToFloat32(w);
  ASSERT_EQ(back.size(), weights.size());
  for (size_t i = 0; i < weights.size(); ++i) {
    EXPECT_EQ(std::bit_cast<uint32_t>(back[i]), std::bit_cast<uint32_t>(weights[i])) << i;
  }
  EXPECT_EQ(ToFloat32(file.tensor("half")),
            (std::vector<float>{1.0f, -2.0f, std::ldexp(1.0f, -24), 65504.0f}));
  const std::vector<float> b = ToFloat32(file.tensor("bf"));
  EXPECT_EQ(b[0], 1.0f);
  EXPECT_EQ(b[1], -0.5f);
  EXPECT_EQ(b[2], std::bit_cast<float>(0x00010000u));
  EXPECT_EQ(b[3], std::bit_cast<float>(0x7F7F0000u));
  EXPECT_EQ(file.tensor("empty").bytes.size(), 0u);
  EXPECT_TRUE(ToFloat32(file.tensor("empty")).empty());
  EXPECT_EQ(file.tensor("scalar").shape.size(), 0u);
  EXPECT_EQ(file.tensor("scalar").element_count(), 1u);
  EXPECT_TRUE(file.contains("half"));
  EXPECT_FALSE(file.contains("missing"));
}

TEST(Safetensors, EmptyHeaderObjectIsAnEmptyFile) {
  const auto file = SafetensorsFile::Parse(RawSafetensors("{}", {}), kName);
  EXPECT_EQ(file.tensor_count(), 0u);
  EXPECT_TRUE(file.metadata().empty());
}

TEST(Safetensors, TensorsOutOfHeaderOrderAreSortedByOffset) {
  const auto file = SafetensorsFile::Parse(
      RawSafetensors(R"({"b":{"dtype":"U8","shape":[2],"data_offsets":[2,4]},)"
                     R"( "a":{"data_offsets":[0,2],"shape":[2],"dtype":"U8"}})",
                     {1, 2, 3, 4}),
      kName);
  EXPECT_EQ(file.tensor_names(), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(file.tensor("b").bytes[0], 3);
}

TEST(Safetensors, JsonEscapesAndUnicodeNames) {
  const auto file = SafetensorsFile::Parse(
      RawSafetensors("{\"\\u00e9\\ud83d\\ude00\\n\\/x\\t\":{\"dtype\":\"U8\",\"shape\":[1],"
                     "\"data_offsets\":[0,1]},\n \"caf\xc3\xa9\":{\"dtype\":\"BOOL\",\"shape\":[1],"
                     "\"data_offsets\":[1,2]}}",
                     {7, 1}),
      kName);
  EXPECT_TRUE(file.contains("\xc3\xa9\xf0\x9f\x98\x80\n/x\t"));
  EXPECT_TRUE(file.contains("caf\xc3\xa9"));
}

// Every binary16 value against its definition: (-1)^s 2^(e-15) (1 + m/1024), subnormals
// m 2^-24, infinities and NaNs kept.
TEST(Safetensors, HalfToFloatIsExactForAll65536Patterns) {
  for (uint32_t bits = 0; bits < 65536; ++bits) {
    const uint32_t e = (bits >> 10) & 0x1F;
    const uint32_t m = bits & 0x3FF;
    const float sign = (bits & 0x8000) ? -1.0f : 1.0f;
    const float got = HalfToFloat(static_cast<uint16_t>(bits));
    if (e == 0x1F) {
      if (m == 0) {
        EXPECT_EQ(got, sign * INFINITY) << bits;
      } else {
        EXPECT_TRUE(std::isnan(got)) << bits;
      }
      continue;
    }
    const float want =
        e == 0 ? sign * std::ldexp(static_cast<float>(m), -24)
               : sign * std::ldexp(static_cast<float>(1024 + m), static_cast<int>(e) - 25);
    EXPECT_EQ(std::bit_cast<uint32_t>(got), std::bit_cast<uint32_t>(want)) << bits;
  }
}

TEST(Safetensors, ToFloat32RejectsOtherDtypesNamingTheTensor) {
  const auto file =
      SafetensorsFile::Parse(WriteSafetensors({{"ids", "I64", {1}, Bytes(8)}}), kName);
  try {
    ToFloat32(file.tensor("ids"));
    FAIL() << "no throw";
  } catch (const FormatError& e) {
    EXPECT_NE(std::string(e.what()).find("tensor 'ids' has dtype I64"), std::string::npos);
  }
}

TEST(Safetensors, MissingTensorNamesFileAndTensor) {
  const auto file = SafetensorsFile::Parse(RawSafetensors("{}", {}), kName);
  EXPECT_THROW(
      {
        try {
          file.tensor("albert.embeddings");
        } catch (const FormatError& e) {
          EXPECT_STREQ(e.what(), "safetensors 'test.safetensors': no tensor 'albert.embeddings'");
          throw;
        }
      },
      FormatError);
}

TEST(Safetensors, LoadFromDisk) {
  const auto path = std::filesystem::temp_directory_path() / "edgebert_safetensors_test.st";
  const auto bytes = WriteSafetensors({{"w", "F32", {2}, F32Bytes({0.5f, 4.0f})}});
  {
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
  }
  const auto file = SafetensorsFile::Load(path);
  EXPECT_EQ(file.name(), path.string());
  EXPECT_EQ(ToFloat32(file.tensor("w")), (std::vector<float>{0.5f, 4.0f}));
  std::filesystem::remove(path);
  EXPECT_THROW(SafetensorsFile::Load(path), FormatError);
}

TEST(Safetensors, EveryTruncationIsRejected) {
  const auto bytes = WriteSafetensors(
      {{"a", "F32", {3}, F32Bytes({1, 2, 3})}, {"b", "BF16", {2}, U16Bytes({1, 2})}}, {{"k", "v"}});
  for (size_t n = 0; n < bytes.size(); ++n) {
    const std::vector<uint8_t> cut(bytes.begin(), bytes.begin() + static_cast<ptrdiff_t>(n));
    EXPECT_NE(ParseError(cut), "") << n;
  }
  EXPECT_EQ(ParseError(bytes), "");
}

struct Rejection {
  const char* what;
  std::vector<uint8_t> bytes;
  const char* fragment;
};

std::string Tensor8(const std::string& name, const std::string& dtype, const std::string& shape,
                    const std::string& offsets) {
  return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape +
         ",\"data_offsets\":" + offsets + "}";
}

TEST(Safetensors, Rejections) {
  std::vector<uint8_t> huge_length = Bytes(16);
  huge_length[3] = 0x10;  // 2^28 > 100 MiB
  std::vector<uint8_t> past_end = Bytes(16);
  past_end[0] = 9;
  const std::vector<uint8_t> four = Bytes(4);

  const std::vector<Rejection> cases = {
      {"short file", Bytes(5), "file is 5 bytes, shorter than the 8-byte header length"},
      {"zero header length", Bytes(8), "header length is 0"},
      {"header over the limit", huge_length, "header length 268435456 exceeds the limit"},
      {"header past EOF", past_end, "header length 9 runs past the end of the file (16 bytes)"},
      {"not an object", RawSafetensors("[]", {}), "header is not a JSON object"},
      {"unterminated", RawSafetensors("{\"a\":{", {}), "malformed header JSON"},
      {"trailing garbage", RawSafetensors("{} x", {}), "trailing characters after the JSON"},
      {"two documents", RawSafetensors("{}{}", {}), "trailing characters"},
      {"true", RawSafetensors("{\"__metadata__\":{\"a\":true}}", {}), "unsupported value"},
      {"float", RawSafetensors("{" + Tensor8("w", "U8", "[1.0]", "[0,1]") + "}", {1}),
       "only integers are allowed"},
      {"exponent", RawSafetensors("{" + Tensor8("w", "U8", "[1e0]", "[0,1]") + "}", {1}),
       "only integers are allowed"},
      {"negative offset", RawSafetensors("{" + Tensor8("w", "U8", "[1]", "[-1,0]") + "}", {1}),
       "negative numbers are not allowed"},
      {"leading zero", RawSafetensors("{" + Tensor8("w", "U8", "[01]", "[0,1]") + "}", {1}),
       "leading zeros are not allowed"},
      {"integer over 64 bits",
       RawSafetensors("{" + Tensor8("w", "U8", "[18446744073709551616]", "[0,1]") + "}", {1}),
       "integer does not fit 64 bits"},
      {"too deep", RawSafetensors("{" + Tensor8("w", "U8", "[[1]]", "[0,1]") + "}", {1}),
       "nesting deeper"},
      {"bad escape", RawSafetensors("{\"a\\q\":{}}", {}), "unknown escape"},
      {"lone surrogate", RawSafetensors("{\"\\ud800\":{}}", {}), "unpaired high surrogate"},
      {"invalid utf-8", RawSafetensors("{\"\xc0\xaf\":{}}", {}), "invalid UTF-8"},
      {"control char", RawSafetensors("{\"a\nb\":{}}", {}), "control character"},
      {"duplicate tensor",
       RawSafetensors("{" + Tensor8("w", "U8", "[1]", "[0,1]") + "," +
                          Tensor8("w", "U8", "[1]", "[1,2]") + "}",
                      {1, 2}),
       "duplicate key 'w'"},
      {"duplicate field", RawSafetensors("{\"w\":{\"dtype\":\"U8\",\"dtype\":\"U8\"}}", {}),
       "duplicate key 'dtype'"},
      {"unknown dtype", RawSafetensors("{" + Tensor8("w", "Q4", "[1]", "[0,1]") + "}", {1}),
       "tensor 'w': unknown dtype 'Q4'"},
      {"dtype not a string",
       RawSafetensors("{\"w\":{\"dtype\":4,\"shape\":[1],\"data_offsets\":[0,1]}}", {1}),
       "tensor 'w': dtype is not a string"},
      {"missing offsets", RawSafetensors("{\"w\":{\"dtype\":\"U8\",\"shape\":[1]}}", {1}),
       "tensor 'w': missing field 'data_offsets'"},
      {"unknown field",
       RawSafetensors("{\"w\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1],\"x\":1}}",
                      {1}),
       "tensor 'w': unknown field 'x'"},
      {"entry not an object", RawSafetensors("{\"w\":[1]}", {}),
       "tensor 'w': entry is an array, not an object"},
      {"shape not integers",
       RawSafetensors("{" + Tensor8("w", "U8", "[\"1\"]", "[0,1]") + "}", {1}),
       "tensor 'w': shape entry is a string"},
      {"three offsets", RawSafetensors("{" + Tensor8("w", "U8", "[1]", "[0,1,2]") + "}", {1}),
       "tensor 'w': data_offsets is not [begin, end]"},
      {"shape overflow",
       RawSafetensors("{" + Tensor8("big", "F32", "[4294967296,4294967296]", "[0,4]") + "}", four),
       "tensor 'big': shape x element size overflows 64 bits"},
      {"shape/byte mismatch", RawSafetensors("{" + Tensor8("w", "F32", "[2]", "[0,4]") + "}", four),
       "tensor 'w': shape and dtype F32 need 8 bytes but data_offsets span 4"},
      {"begin after end", RawSafetensors("{" + Tensor8("w", "U8", "[0]", "[4,2]") + "}", four),
       "tensor 'w': data_offsets begin 4 is after end 2"},
      {"end past data", RawSafetensors("{" + Tensor8("w", "U8", "[8]", "[0,8]") + "}", four),
       "tensor 'w': data_offsets end 8 is past the end of the data buffer (4 bytes)"},
      {"overlap",
       RawSafetensors("{" + Tensor8("a", "U8", "[3]", "[0,3]") + "," +
                          Tensor8("b", "U8", "[2]", "[2,4]") + "}",
                      four),
       "tensor 'b': data [2, 4) overlaps tensor 'a' [0, 3)"},
      {"same range twice",
       RawSafetensors("{" + Tensor8("a", "U8", "[4]", "[0,4]") + "," +
                          Tensor8("b", "U8", "[4]", "[0,4]") + "}",
                      four),
       "overlaps tensor"},
      {"gap",
       RawSafetensors("{" + Tensor8("a", "U8", "[1]", "[0,1]") + "," +
                          Tensor8("b", "U8", "[2]", "[2,4]") + "}",
                      four),
       "tensor 'b': gap: data bytes [1, 2) before it belong to no tensor"},
      {"trailing data", RawSafetensors("{" + Tensor8("a", "U8", "[2]", "[0,2]") + "}", four),
       "data bytes [2, 4) after the last tensor belong to no tensor"},
      {"data but no tensors", RawSafetensors("{}", four), "data bytes [0, 4) after the last"},
      {"metadata not strings", RawSafetensors("{\"__metadata__\":{\"n\":3}}", {}),
       "__metadata__ entry 'n' is an integer, not a string"},
      {"metadata not an object", RawSafetensors("{\"__metadata__\":\"x\"}", {}),
       "__metadata__ is not an object"},
  };
  for (const Rejection& c : cases) {
    const std::string error = ParseError(c.bytes);
    EXPECT_NE(error.find(c.fragment), std::string::npos)
        << c.what << ": got \"" << error << "\", want \"" << c.fragment << "\"";
    EXPECT_EQ(error.rfind("safetensors 'test.safetensors': ", 0), 0u) << c.what << ": " << error;
  }
}

TEST(Safetensors, HeaderMayEndInSpacesButNotOtherPadding) {
  EXPECT_EQ(HeaderError("{}      "), "");
  EXPECT_NE(HeaderError(std::string("{}\0\0\0\0\0\0", 8)), "");
}

}  // namespace
}  // namespace edgebert::model
