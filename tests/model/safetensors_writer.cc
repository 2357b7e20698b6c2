#include "safetensors_writer.h"

#include <bit>
#include <cstring>

namespace edgebert::model::testing {
namespace {

std::string Quote(const std::string& s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "\"";
}

}  // namespace

std::vector<uint8_t> RawSafetensors(const std::string& header, const std::vector<uint8_t>& data) {
  std::string padded = header;
  while (padded.size() % 8 != 0) padded.push_back(' ');
  std::vector<uint8_t> out;
  out.reserve(8 + padded.size() + data.size());
  const uint64_t n = padded.size();
  for (size_t i = 0; i < 8; ++i) out.push_back(static_cast<uint8_t>(n >> (8 * i)));
  for (const char c : padded) out.push_back(static_cast<uint8_t>(c));
  for (const uint8_t b : data) out.push_back(b);
  return out;
}

std::vector<uint8_t> WriteSafetensors(const std::vector<TestTensor>& tensors,
                                      const std::map<std::string, std::string>& metadata) {
  std::string header = "{";
  bool first = true;
  if (!metadata.empty()) {
    header += "\"__metadata__\":{";
    for (const auto& [key, value] : metadata) {
      if (header.back() != '{') header += ",";
      header += Quote(key) + ":" + Quote(value);
    }
    header += "}";
    first = false;
  }
  std::vector<uint8_t> data;
  for (const TestTensor& t : tensors) {
    if (!first) header += ",";
    first = false;
    header += Quote(t.name) + ":{\"dtype\":" + Quote(t.dtype) + ",\"shape\":[";
    for (size_t i = 0; i < t.shape.size(); ++i) {
      if (i != 0) header += ',';
      header += std::to_string(t.shape[i]);
    }
    header += "],\"data_offsets\":[" + std::to_string(data.size()) + "," +
              std::to_string(data.size() + t.bytes.size()) + "]}";
    data.insert(data.end(), t.bytes.begin(), t.bytes.end());
  }
  header += "}";
  return RawSafetensors(header, data);
}

std::vector<uint8_t> F32Bytes(const std::vector<float>& values) {
  std::vector<uint8_t> out;
  for (const float v : values) {
    const auto bits = std::bit_cast<uint32_t>(v);
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<uint8_t>(bits >> (8 * i)));
  }
  return out;
}

std::vector<uint8_t> U16Bytes(const std::vector<uint16_t>& values) {
  std::vector<uint8_t> out;
  for (const uint16_t v : values) {
    out.push_back(static_cast<uint8_t>(v));
    out.push_back(static_cast<uint8_t>(v >> 8));
  }
  return out;
}

}  // namespace edgebert::model::testing
