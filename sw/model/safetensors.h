// A strict reader of the safetensors checkpoint format (Hugging Face model.safetensors).
//
// File layout: an 8-byte little-endian u64 N, then N bytes of UTF-8 JSON (the header), then the
// data buffer. The header is an object mapping each tensor name to
//   {"dtype": "F32", "shape": [d0, d1, ...], "data_offsets": [begin, end]}
// (offsets in bytes, relative to the start of the data buffer) plus an optional "__metadata__"
// object of string -> string. The header may end in spaces (writers pad it to 8 bytes).
//
// Everything is validated before an object is returned: the header length (nonzero, at most
// kMaxHeaderBytes, inside the file), the JSON (a strict parser for exactly this subset: objects,
// arrays, strings, non-negative integers; no duplicate keys, no trailing garbage, nesting at most
// three levels), each tensor's dtype, shape and offsets (overflow-checked shape product x element
// size equal to end - begin, begin <= end <= data size), and that the tensors, sorted by offset,
// cover the data buffer exactly, without gaps or overlaps. Any violation throws FormatError
// naming the file and, where there is one, the tensor; nothing is half-loaded.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace edgebert::model {

// A checkpoint or model-image file that breaks its format. The message names the file and the
// offending part (tensor, section).
class FormatError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The safetensors dtypes this reader knows (the byte-sized and wider ones of the spec).
enum class Dtype : uint8_t {
  kBool,
  kU8,
  kI8,
  kF8E5M2,
  kF8E4M3,
  kI16,
  kU16,
  kF16,
  kBF16,
  kI32,
  kU32,
  kF32,
  kF64,
  kI64,
  kU64,
};

// "F32", "BF16", ...: the spelling in the header.
std::string_view DtypeName(Dtype dtype);
// Bytes per element.
uint64_t DtypeSize(Dtype dtype);
// The dtype spelled `name`, or nullopt when the name is not one of the spec's.
std::optional<Dtype> DtypeFromName(std::string_view name);

// One tensor of a loaded file; `bytes` points into the file's buffer (valid while the
// SafetensorsFile lives).
struct Tensor {
  std::string name;
  Dtype dtype;
  std::vector<uint64_t> shape;
  std::span<const uint8_t> bytes;

  uint64_t element_count() const { return bytes.size() / DtypeSize(dtype); }
};

class SafetensorsFile {
 public:
  // The largest header accepted (the reference implementation's limit).
  static constexpr uint64_t kMaxHeaderBytes = 100ull << 20;

  // Reads and validates a file. Throws FormatError (also for a file that cannot be read).
  static SafetensorsFile Load(const std::filesystem::path& path);
  // Validates `bytes` (copied) as a safetensors file; `name_for_errors` names it in messages.
  static SafetensorsFile Parse(std::span<const uint8_t> bytes, std::string_view name_for_errors);

  const std::string& name() const { return name_; }
  // Tensor names sorted by data offset (the order of the data buffer).
  std::vector<std::string> tensor_names() const;
  size_t tensor_count() const { return tensors_.size(); }
  bool contains(std::string_view tensor_name) const;
  // Throws FormatError naming the file when there is no such tensor.
  Tensor tensor(std::string_view tensor_name) const;
  // The "__metadata__" entries (empty when the header has none).
  const std::map<std::string, std::string, std::less<>>& metadata() const { return metadata_; }

 private:
  struct Entry {
    std::string name;
    Dtype dtype;
    std::vector<uint64_t> shape;
    uint64_t begin;  // absolute offsets into bytes_
    uint64_t end;
  };

  SafetensorsFile() = default;

  std::string name_;
  std::vector<uint8_t> bytes_;
  std::vector<Entry> entries_;                          // sorted by offset
  std::map<std::string, size_t, std::less<>> tensors_;  // name -> index into entries_
  std::map<std::string, std::string, std::less<>> metadata_;
};

// The tensor's values as float, exactly (F32 as is, F16 and BF16 widened; subnormals, infinities
// and NaNs kept). Throws FormatError naming the tensor for any other dtype.
std::vector<float> ToFloat32(const Tensor& tensor);

// IEEE binary16 and bfloat16 bit patterns widened to float, exactly.
float HalfToFloat(uint16_t bits);
float Bfloat16ToFloat(uint16_t bits);

}  // namespace edgebert::model
