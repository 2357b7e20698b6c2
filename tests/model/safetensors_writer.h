// Test helper: writes safetensors files in memory (valid ones from tensors, and raw ones from a
// header string and a data buffer for the rejection tests).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace edgebert::model::testing {

struct TestTensor {
  std::string name;
  std::string dtype;  // as spelled in the header: "F32", "BF16", ...
  std::vector<uint64_t> shape;
  std::vector<uint8_t> bytes;  // little-endian element bytes
};

// 8-byte little-endian header length, the header (space-padded to a multiple of 8, as the
// reference writer does), the data.
std::vector<uint8_t> RawSafetensors(const std::string& header, const std::vector<uint8_t>& data);

// A valid file: tensors laid out back to back in the given order, with optional metadata.
std::vector<uint8_t> WriteSafetensors(const std::vector<TestTensor>& tensors,
                                      const std::map<std::string, std::string>& metadata = {});

// Little-endian element bytes.
std::vector<uint8_t> F32Bytes(const std::vector<float>& values);
std::vector<uint8_t> U16Bytes(const std::vector<uint16_t>& values);

}  // namespace edgebert::model::testing
