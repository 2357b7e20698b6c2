#include "model/safetensors.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>
#include <utility>

namespace edgebert::model {

static_assert(std::endian::native == std::endian::little,
              "the safetensors reader assumes a little-endian host");

namespace {

struct DtypeInfo {
  Dtype dtype;
  std::string_view name;
  uint64_t size;
};

constexpr std::array<DtypeInfo, 15> kDtypes{{
    {Dtype::kBool, "BOOL", 1},
    {Dtype::kU8, "U8", 1},
    {Dtype::kI8, "I8", 1},
    {Dtype::kF8E5M2, "F8_E5M2", 1},
    {Dtype::kF8E4M3, "F8_E4M3", 1},
    {Dtype::kI16, "I16", 2},
    {Dtype::kU16, "U16", 2},
    {Dtype::kF16, "F16", 2},
    {Dtype::kBF16, "BF16", 2},
    {Dtype::kI32, "I32", 4},
    {Dtype::kU32, "U32", 4},
    {Dtype::kF32, "F32", 4},
    {Dtype::kF64, "F64", 8},
    {Dtype::kI64, "I64", 8},
    {Dtype::kU64, "U64", 8},
}};

const DtypeInfo& Info(Dtype dtype) {
  for (const DtypeInfo& info : kDtypes) {
    if (info.dtype == dtype) return info;
  }
  throw std::invalid_argument("unknown Dtype value");
}

// ---- A strict JSON parser for the safetensors header subset -------------------------------
//
// Values: objects, arrays, strings and non-negative integers (no sign, fraction or exponent;
// at most 2^64 - 1). true, false, null and other numbers are rejected: no safetensors header
// field uses them. Object keys must be unique. Nesting deeper than kMaxDepth is rejected.

struct JsonValue {
  enum class Kind { kObject, kArray, kString, kInteger };
  Kind kind = Kind::kInteger;
  uint64_t integer = 0;
  std::string string;
  std::vector<std::string> keys;  // object: keys, in order, parallel to items
  std::vector<JsonValue> items;   // object values or array elements
  size_t position = 0;            // byte offset in the header, for messages
};

std::string_view KindName(JsonValue::Kind kind) {
  switch (kind) {
    case JsonValue::Kind::kObject:
      return "an object";
    case JsonValue::Kind::kArray:
      return "an array";
    case JsonValue::Kind::kString:
      return "a string";
    case JsonValue::Kind::kInteger:
      return "an integer";
  }
  return "?";
}

class JsonParser {
 public:
  static constexpr int kMaxDepth = 3;  // header object -> tensor object -> shape array

  JsonParser(std::string_view text, std::string_view file) : text_(text), file_(file) {}

  JsonValue ParseDocument() {
    SkipWhitespace();
    JsonValue value = ParseValue(1);
    SkipWhitespace();
    if (pos_ != text_.size()) Fail("trailing characters after the JSON value");
    return value;
  }

 private:
  [[noreturn]] void Fail(std::string_view what) const {
    std::ostringstream message;
    message << "safetensors '" << file_ << "': malformed header JSON at byte " << pos_ << ": "
            << what;
    throw FormatError(message.str());
  }

  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek() const { return text_[pos_]; }

  void SkipWhitespace() {
    while (!AtEnd() && (Peek() == ' ' || Peek() == '\t' || Peek() == '\n' || Peek() == '\r')) {
      ++pos_;
    }
  }

  void Expect(char c) {
    if (AtEnd() || Peek() != c) Fail(std::string("expected '") + c + "'");
    ++pos_;
  }

  JsonValue ParseValue(int depth) {
    if (AtEnd()) Fail("unexpected end of the header");
    const char c = Peek();
    if (c == '{' || c == '[') {
      if (depth > kMaxDepth) Fail("nesting deeper than a safetensors header has");
      return c == '{' ? ParseObject(depth) : ParseArray(depth);
    }
    if (c == '"') {
      JsonValue value;
      value.kind = JsonValue::Kind::kString;
      value.position = pos_;
      value.string = ParseString();
      return value;
    }
    if (c >= '0' && c <= '9') return ParseInteger();
    if (c == '-') Fail("negative numbers are not allowed");
    Fail("unsupported value (only objects, arrays, strings and non-negative integers)");
  }

  JsonValue ParseObject(int depth) {
    JsonValue value;
    value.kind = JsonValue::Kind::kObject;
    value.position = pos_;
    Expect('{');
    SkipWhitespace();
    if (!AtEnd() && Peek() == '}') {
      ++pos_;
      return value;
    }
    std::set<std::string, std::less<>> seen;
    while (true) {
      SkipWhitespace();
      if (AtEnd() || Peek() != '"') Fail("expected a string key");
      const size_t key_position = pos_;
      std::string key = ParseString();
      if (!seen.insert(key).second) {
        pos_ = key_position;
        Fail("duplicate key '" + key + "'");
      }
      SkipWhitespace();
      Expect(':');
      SkipWhitespace();
      value.items.push_back(ParseValue(depth + 1));
      value.keys.push_back(std::move(key));
      SkipWhitespace();
      if (AtEnd()) Fail("unexpected end of the header in an object");
      if (Peek() == ',') {
        ++pos_;
        continue;
      }
      Expect('}');
      return value;
    }
  }

  JsonValue ParseArray(int depth) {
    JsonValue value;
    value.kind = JsonValue::Kind::kArray;
    value.position = pos_;
    Expect('[');
    SkipWhitespace();
    if (!AtEnd() && Peek() == ']') {
      ++pos_;
      return value;
    }
    while (true) {
      SkipWhitespace();
      value.items.push_back(ParseValue(depth + 1));
      SkipWhitespace();
      if (AtEnd()) Fail("unexpected end of the header in an array");
      if (Peek() == ',') {
        ++pos_;
        continue;
      }
      Expect(']');
      return value;
    }
  }

  JsonValue ParseInteger() {
    JsonValue value;
    value.kind = JsonValue::Kind::kInteger;
    value.position = pos_;
    if (Peek() == '0' && pos_ + 1 < text_.size() && text_[pos_ + 1] >= '0' &&
        text_[pos_ + 1] <= '9') {
      Fail("leading zeros are not allowed");
    }
    uint64_t n = 0;
    while (!AtEnd() && Peek() >= '0' && Peek() <= '9') {
      const auto digit = static_cast<uint64_t>(Peek() - '0');
      if (n > (std::numeric_limits<uint64_t>::max() - digit) / 10) {
        Fail("integer does not fit 64 bits");
      }
      n = n * 10 + digit;
      ++pos_;
    }
    if (!AtEnd() && (Peek() == '.' || Peek() == 'e' || Peek() == 'E')) {
      Fail("only integers are allowed (no fraction or exponent)");
    }
    value.integer = n;
    return value;
  }

  uint32_t ParseHex4() {
    if (text_.size() - pos_ < 4) Fail("truncated \\u escape");
    uint32_t code = 0;
    for (int i = 0; i < 4; ++i) {
      const char h = text_[pos_++];
      uint32_t digit;
      if (h >= '0' && h <= '9') {
        digit = static_cast<uint32_t>(h - '0');
      } else if (h >= 'a' && h <= 'f') {
        digit = static_cast<uint32_t>(h - 'a' + 10);
      } else if (h >= 'A' && h <= 'F') {
        digit = static_cast<uint32_t>(h - 'A' + 10);
      } else {
        Fail("bad hex digit in a \\u escape");
      }
      code = code * 16 + digit;
    }
    return code;
  }

  static void AppendUtf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }

  // One UTF-8 sequence starting at pos_ (validated: shortest form, no surrogates, <= U+10FFFF),
  // appended to out.
  void CopyUtf8Sequence(std::string& out) {
    const auto lead = static_cast<uint8_t>(Peek());
    int length;
    uint32_t cp;
    if (lead < 0x80) {
      length = 1;
      cp = lead;
    } else if ((lead & 0xE0) == 0xC0) {
      length = 2;
      cp = lead & 0x1Fu;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3;
      cp = lead & 0x0Fu;
    } else if ((lead & 0xF8) == 0xF0) {
      length = 4;
      cp = lead & 0x07u;
    } else {
      Fail("invalid UTF-8");
    }
    if (text_.size() - pos_ < static_cast<size_t>(length)) Fail("truncated UTF-8 sequence");
    for (int i = 1; i < length; ++i) {
      const auto next = static_cast<uint8_t>(text_[pos_ + static_cast<size_t>(i)]);
      if ((next & 0xC0) != 0x80) Fail("invalid UTF-8");
      cp = (cp << 6) | (next & 0x3Fu);
    }
    static constexpr uint32_t kMinForLength[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMinForLength[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      Fail("invalid UTF-8");
    }
    out.append(text_.substr(pos_, static_cast<size_t>(length)));
    pos_ += static_cast<size_t>(length);
  }

  std::string ParseString() {
    Expect('"');
    std::string out;
    while (true) {
      if (AtEnd()) Fail("unterminated string");
      const char c = Peek();
      if (c == '"') {
        ++pos_;
        return out;
      }
      if (static_cast<uint8_t>(c) < 0x20) Fail("control character in a string");
      if (c != '\\') {
        CopyUtf8Sequence(out);
        continue;
      }
      ++pos_;
      if (AtEnd()) Fail("unterminated escape");
      const char e = text_[pos_++];
      switch (e) {
        case '"':
        case '\\':
        case '/':
          out.push_back(e);
          break;
        case 'b':
          out.push_back('\b');
          break;
        case 'f':
          out.push_back('\f');
          break;
        case 'n':
          out.push_back('\n');
          break;
        case 'r':
          out.push_back('\r');
          break;
        case 't':
          out.push_back('\t');
          break;
        case 'u': {
          uint32_t cp = ParseHex4();
          if (cp >= 0xDC00 && cp <= 0xDFFF) Fail("unpaired low surrogate in a \\u escape");
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (text_.size() - pos_ < 2 || text_[pos_] != '\\' || text_[pos_ + 1] != 'u') {
              Fail("unpaired high surrogate in a \\u escape");
            }
            pos_ += 2;
            const uint32_t low = ParseHex4();
            if (low < 0xDC00 || low > 0xDFFF) Fail("unpaired high surrogate in a \\u escape");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          AppendUtf8(out, cp);
          break;
        }
        default:
          --pos_;
          Fail("unknown escape");
      }
    }
  }

  std::string_view text_;
  std::string_view file_;
  size_t pos_ = 0;
};

[[noreturn]] void Throw(const std::string& message) { throw FormatError(message); }

uint64_t ReadLe64(const uint8_t* p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

}  // namespace

std::string_view DtypeName(Dtype dtype) { return Info(dtype).name; }
uint64_t DtypeSize(Dtype dtype) { return Info(dtype).size; }

std::optional<Dtype> DtypeFromName(std::string_view name) {
  for (const DtypeInfo& info : kDtypes) {
    if (info.name == name) return info.dtype;
  }
  return std::nullopt;
}

SafetensorsFile SafetensorsFile::Load(const std::filesystem::path& path) {
  const std::string file = path.string();
  std::ifstream in(path, std::ios::binary);
  if (!in) throw FormatError("safetensors '" + file + "': cannot open the file");
  std::vector<uint8_t> bytes;
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size < 0) throw FormatError("safetensors '" + file + "': cannot read the file size");
  in.seekg(0, std::ios::beg);
  bytes.resize(static_cast<size_t>(size));
  if (!in.read(reinterpret_cast<char*>(bytes.data()), size)) {
    throw FormatError("safetensors '" + file + "': read error");
  }
  return Parse(bytes, file);
}

SafetensorsFile SafetensorsFile::Parse(std::span<const uint8_t> bytes,
                                       std::string_view name_for_errors) {
  const std::string prefix = "safetensors '" + std::string(name_for_errors) + "': ";
  auto fail = [&](const std::string& what) { Throw(prefix + what); };
  auto tensor_fail = [&](std::string_view tensor, const std::string& what) {
    Throw(prefix + "tensor '" + std::string(tensor) + "': " + what);
  };

  if (bytes.size() < 8) {
    fail("file is " + std::to_string(bytes.size()) +
         " bytes, shorter than the 8-byte header length");
  }
  const uint64_t header_bytes = ReadLe64(bytes.data());
  if (header_bytes == 0) fail("header length is 0");
  if (header_bytes > kMaxHeaderBytes) {
    fail("header length " + std::to_string(header_bytes) + " exceeds the limit of " +
         std::to_string(kMaxHeaderBytes) + " bytes");
  }
  if (header_bytes > bytes.size() - 8) {
    fail("header length " + std::to_string(header_bytes) + " runs past the end of the file (" +
         std::to_string(bytes.size()) + " bytes)");
  }
  const uint64_t data_begin = 8 + header_bytes;
  const uint64_t data_size = bytes.size() - data_begin;

  const std::string_view text(reinterpret_cast<const char*>(bytes.data() + 8),
                              static_cast<size_t>(header_bytes));
  const JsonValue root = JsonParser(text, name_for_errors).ParseDocument();
  if (root.kind != JsonValue::Kind::kObject) fail("header is not a JSON object");

  SafetensorsFile file;
  file.name_ = std::string(name_for_errors);

  for (size_t i = 0; i < root.keys.size(); ++i) {
    const std::string& key = root.keys[i];
    const JsonValue& value = root.items[i];
    if (key == "__metadata__") {
      if (value.kind != JsonValue::Kind::kObject) fail("__metadata__ is not an object");
      for (size_t j = 0; j < value.keys.size(); ++j) {
        if (value.items[j].kind != JsonValue::Kind::kString) {
          fail("__metadata__ entry '" + value.keys[j] + "' is " +
               std::string(KindName(value.items[j].kind)) + ", not a string");
        }
        file.metadata_.emplace(value.keys[j], value.items[j].string);
      }
      continue;
    }
    if (value.kind != JsonValue::Kind::kObject) {
      tensor_fail(key, "entry is " + std::string(KindName(value.kind)) + ", not an object");
    }
    const JsonValue* dtype_value = nullptr;
    const JsonValue* shape_value = nullptr;
    const JsonValue* offsets_value = nullptr;
    for (size_t j = 0; j < value.keys.size(); ++j) {
      const std::string& field = value.keys[j];
      if (field == "dtype") {
        dtype_value = &value.items[j];
      } else if (field == "shape") {
        shape_value = &value.items[j];
      } else if (field == "data_offsets") {
        offsets_value = &value.items[j];
      } else {
        tensor_fail(key, "unknown field '" + field + "'");
      }
    }
    if (dtype_value == nullptr) tensor_fail(key, "missing field 'dtype'");
    if (shape_value == nullptr) tensor_fail(key, "missing field 'shape'");
    if (offsets_value == nullptr) tensor_fail(key, "missing field 'data_offsets'");
    if (dtype_value->kind != JsonValue::Kind::kString) tensor_fail(key, "dtype is not a string");
    const std::optional<Dtype> dtype = DtypeFromName(dtype_value->string);
    if (!dtype) tensor_fail(key, "unknown dtype '" + dtype_value->string + "'");

    if (shape_value->kind != JsonValue::Kind::kArray) tensor_fail(key, "shape is not an array");
    std::vector<uint64_t> shape;
    uint64_t byte_count = DtypeSize(*dtype);
    bool overflow = false;
    for (const JsonValue& dim : shape_value->items) {
      if (dim.kind != JsonValue::Kind::kInteger) {
        tensor_fail(key, "shape entry is " + std::string(KindName(dim.kind)) +
                             ", not a non-negative integer");
      }
      shape.push_back(dim.integer);
      // Checked: byte_count * dim. A zero anywhere makes the product 0 whatever comes after,
      // but an overflowing prefix is reported even then (no real tensor has such a shape).
      if (dim.integer != 0 && byte_count > std::numeric_limits<uint64_t>::max() / dim.integer) {
        overflow = true;
      }
      byte_count *= dim.integer;
      if (overflow) break;
    }
    if (overflow) tensor_fail(key, "shape x element size overflows 64 bits");

    if (offsets_value->kind != JsonValue::Kind::kArray || offsets_value->items.size() != 2 ||
        offsets_value->items[0].kind != JsonValue::Kind::kInteger ||
        offsets_value->items[1].kind != JsonValue::Kind::kInteger) {
      tensor_fail(key, "data_offsets is not [begin, end] of two non-negative integers");
    }
    const uint64_t begin = offsets_value->items[0].integer;
    const uint64_t end = offsets_value->items[1].integer;
    if (begin > end) {
      tensor_fail(key, "data_offsets begin " + std::to_string(begin) + " is after end " +
                           std::to_string(end));
    }
    if (end > data_size) {
      tensor_fail(key, "data_offsets end " + std::to_string(end) +
                           " is past the end of the data buffer (" + std::to_string(data_size) +
                           " bytes)");
    }
    if (end - begin != byte_count) {
      tensor_fail(key, "shape and dtype " + std::string(DtypeName(*dtype)) + " need " +
                           std::to_string(byte_count) + " bytes but data_offsets span " +
                           std::to_string(end - begin));
    }
    file.entries_.push_back(Entry{key, *dtype, std::move(shape), begin, end});
  }

  // Sorted by offset the tensors must tile [0, data_size) exactly.
  std::stable_sort(file.entries_.begin(), file.entries_.end(), [](const Entry& a, const Entry& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
  });
  uint64_t expected = 0;
  const Entry* previous = nullptr;
  for (const Entry& entry : file.entries_) {
    if (entry.begin < expected) {
      tensor_fail(entry.name, "data [" + std::to_string(entry.begin) + ", " +
                                  std::to_string(entry.end) + ") overlaps tensor '" +
                                  previous->name + "' [" + std::to_string(previous->begin) + ", " +
                                  std::to_string(previous->end) + ")");
    }
    if (entry.begin > expected) {
      tensor_fail(entry.name, "gap: data bytes [" + std::to_string(expected) + ", " +
                                  std::to_string(entry.begin) + ") before it belong to no tensor");
    }
    expected = entry.end;
    previous = &entry;
  }
  if (expected != data_size) {
    fail("data bytes [" + std::to_string(expected) + ", " + std::to_string(data_size) +
         ") after the last tensor belong to no tensor");
  }

  for (Entry& entry : file.entries_) {
    entry.begin += data_begin;
    entry.end += data_begin;
  }
  for (size_t i = 0; i < file.entries_.size(); ++i) file.tensors_.emplace(file.entries_[i].name, i);
  file.bytes_.assign(bytes.begin(), bytes.end());
  return file;
}

std::vector<std::string> SafetensorsFile::tensor_names() const {
  std::vector<std::string> names;
  names.reserve(entries_.size());
  for (const Entry& entry : entries_) names.push_back(entry.name);
  return names;
}

bool SafetensorsFile::contains(std::string_view tensor_name) const {
  return tensors_.find(tensor_name) != tensors_.end();
}

Tensor SafetensorsFile::tensor(std::string_view tensor_name) const {
  const auto it = tensors_.find(tensor_name);
  if (it == tensors_.end()) {
    throw FormatError("safetensors '" + name_ + "': no tensor '" + std::string(tensor_name) + "'");
  }
  const Entry& entry = entries_[it->second];
  return Tensor{
      entry.name, entry.dtype, entry.shape,
      std::span<const uint8_t>(bytes_).subspan(static_cast<size_t>(entry.begin),
                                               static_cast<size_t>(entry.end - entry.begin))};
}

float HalfToFloat(uint16_t bits) {
  const uint32_t sign = static_cast<uint32_t>(bits & 0x8000u) << 16;
  const uint32_t exponent = (bits >> 10) & 0x1Fu;
  uint32_t mantissa = bits & 0x3FFu;
  uint32_t out;
  if (exponent == 0x1F) {
    out = sign | 0x7F800000u | (mantissa << 13);  // infinity or NaN (payload kept)
  } else if (exponent != 0) {
    out = sign | ((exponent + 112) << 23) | (mantissa << 13);  // rebias 15 -> 127
  } else if (mantissa == 0) {
    out = sign;  // +-0
  } else {
    // Subnormal: mantissa x 2^-24; normalise into a float's implicit one.
    int e = -1;
    do {
      mantissa <<= 1;
      ++e;
    } while ((mantissa & 0x400u) == 0);
    out = sign | (static_cast<uint32_t>(112 - e) << 23) | ((mantissa & 0x3FFu) << 13);
  }
  return std::bit_cast<float>(out);
}

float Bfloat16ToFloat(uint16_t bits) {
  return std::bit_cast<float>(static_cast<uint32_t>(bits) << 16);
}

std::vector<float> ToFloat32(const Tensor& tensor) {
  const size_t count = tensor.bytes.size() / static_cast<size_t>(DtypeSize(tensor.dtype));
  std::vector<float> out(count);
  switch (tensor.dtype) {
    case Dtype::kF32:
      if (count != 0) std::memcpy(out.data(), tensor.bytes.data(), count * sizeof(float));
      return out;
    case Dtype::kF16:
    case Dtype::kBF16:
      for (size_t i = 0; i < count; ++i) {
        const auto bits =
            static_cast<uint16_t>(tensor.bytes[2 * i] | (tensor.bytes[2 * i + 1] << 8));
        out[i] = tensor.dtype == Dtype::kF16 ? HalfToFloat(bits) : Bfloat16ToFloat(bits);
      }
      return out;
    default:
      throw FormatError("tensor '" + tensor.name + "' has dtype " +
                        std::string(DtypeName(tensor.dtype)) +
                        "; ToFloat32 reads F32, F16 or BF16");
  }
}

}  // namespace edgebert::model
