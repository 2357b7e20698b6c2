// In-memory form of yaml/regmap.yaml: the CSR register map, the SoC memory map, the enums and
// the command-descriptor layout. The parser fills it and validates it; the emitters only read it.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace edgebert::regmap {

// Every problem found in the YAML (syntax, schema or consistency) is reported as one of these,
// with a one-line message that names the file and the offending register/opcode and field.
class RegmapError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class Access { kRo, kRw, kWo, kW1c };

std::string_view AccessName(Access access);

// Bits msb..lsb of a 32-bit word. The parser accepts any numbers; validation enforces
// lsb <= msb <= 31, so width() and mask() are only meaningful on a validated model.
struct BitRange {
  std::uint32_t msb = 0;
  std::uint32_t lsb = 0;

  std::uint32_t width() const { return msb - lsb + 1; }
  // The field's bits in place (shifted to lsb).
  std::uint32_t mask() const;
  bool Overlaps(const BitRange& other) const { return lsb <= other.msb && other.lsb <= msb; }
  std::string ToString() const;  // "MSB:LSB", always both numbers.
};

struct RegField {
  std::string name;
  BitRange bits;
  Access access = Access::kRo;
  std::uint32_t reset = 0;
  bool is_signed = false;
  std::string enum_name;  // Empty when the field has no enum.
  std::string description;
};

struct Register {
  std::string name;
  std::uint32_t offset = 0;
  bool is_array = false;    // True when the YAML gave `count` (even a count of 1).
  std::uint32_t count = 1;  // Number of instances NAME0..NAME{count-1}; 1 for a plain register.
  std::uint32_t stride = 4;
  std::string description;
  std::vector<RegField> fields;

  std::uint32_t InstanceOffset(std::uint32_t index) const { return offset + index * stride; }
  // NAME for a plain register, NAME<index> for an array element.
  std::string InstanceName(std::uint32_t index) const;
  // Bytes from the first instance's offset to the end of the last one.
  std::uint64_t Span() const;

  std::uint32_t ResetValue() const;
  std::uint32_t WritableMask() const;  // rw, wo and w1c bits.
  std::uint32_t ReadMask() const;      // Bits that read back state: ro, rw and w1c.
  std::uint32_t W1cMask() const;
  std::uint32_t WoMask() const;  // Write-only action bits; they read as 0.
};

struct EnumValue {
  std::string name;
  std::uint32_t value = 0;
  std::string description;
};

struct Enum {
  std::string name;
  std::uint32_t width = 0;
  std::string description;
  std::vector<EnumValue> values;
};

struct MemRegion {
  std::string name;
  std::uint32_t base = 0;
  std::uint64_t size = 0;  // 64-bit so that a region reaching 2^32 can be represented.
  std::string description;
};

struct CmdField {
  std::string name;
  std::uint32_t word = 0;
  BitRange bits;
  bool is_signed = false;
  std::string enum_name;
  std::string description;
};

struct Opcode {
  std::string name;
  std::uint32_t value = 0;
  std::string description;
  std::vector<CmdField> fields;
};

struct Commands {
  std::uint32_t words = 0;
  std::vector<CmdField> common;  // Fields shared by every opcode (OPCODE among them).
  std::vector<Opcode> opcodes;

  const CmdField* FindCommon(std::string_view name) const;
};

// The name of the memory-map region that holds the registers and of the common command field
// that selects the opcode; the YAML must define both.
inline constexpr std::string_view kCsrRegionName = "CSR";
inline constexpr std::string_view kOpcodeFieldName = "OPCODE";

struct Regmap {
  std::string block;
  std::uint32_t version = 0;
  std::uint32_t data_width = 0;
  std::string description;
  std::vector<MemRegion> memory_map;
  std::vector<Enum> enums;
  std::vector<Register> registers;
  Commands commands;

  const Enum* FindEnum(std::string_view name) const;
  const MemRegion* FindRegion(std::string_view name) const;
  // Byte-address bits needed to decode the CSR window (log2 of its size).
  std::uint32_t CsrAddrWidth() const;
  // Width of the OPCODE common field, i.e. of the opcode enum.
  std::uint32_t OpcodeWidth() const;
};

}  // namespace edgebert::regmap
