// C++ header emitter. The output needs only <cstdint> (firmware builds have no standard library
// beyond it) and is already clang-format clean (Google style, 100 columns), so formatting the
// tree never makes the committed copy stale.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "regmap_emit.h"
#include "regmap_model.h"
#include "regmap_text.h"

namespace edgebert::regmap {
namespace {

constexpr int kColumns = 100;

// Field, its accessors and the register table type: fixed text, independent of the YAML.
constexpr std::string_view kPrelude =
    R"(// A bit field of a CSR (word is 0) or of a command-descriptor word.
struct Field {
  std::uint32_t word;
  std::uint32_t lsb;
  std::uint32_t width;
  bool is_signed;

  // The field's bits in place (already shifted to lsb).
  constexpr std::uint32_t mask() const {
    return (width >= 32 ? ~std::uint32_t{0} : (std::uint32_t{1} << width) - 1) << lsb;
  }
};

// The field's value, right-aligned.
constexpr std::uint32_t Get(Field field, std::uint32_t reg) {
  return (reg & field.mask()) >> field.lsb;
}

// `reg` with the field replaced by `value`; bits of `value` beyond the field are dropped.
constexpr std::uint32_t Set(Field field, std::uint32_t reg, std::uint32_t value) {
  return (reg & ~field.mask()) | ((value << field.lsb) & field.mask());
}

// The field's value sign-extended from its top bit (two's-complement fields).
constexpr std::int32_t GetSigned(Field field, std::uint32_t reg) {
  const std::uint32_t sign = std::uint32_t{1} << (field.width - 1);
  // (raw ^ sign) - sign sign-extends in unsigned arithmetic, which cannot overflow.
  return static_cast<std::int32_t>((Get(field, reg) ^ sign) - sign);
}

// Set() for a signed value: stores its low `width` bits (two's complement).
constexpr std::uint32_t SetSigned(Field field, std::uint32_t reg, std::int32_t value) {
  return Set(field, reg, static_cast<std::uint32_t>(value));
}

// One register instance (array elements are listed one by one), for tests and drivers to iterate.
struct RegisterInfo {
  const char* name;
  std::uint32_t offset;
  std::uint32_t reset;
  // Bits a write affects: rw, wo and w1c fields.
  std::uint32_t writable_mask;
  // Bits that read back state: ro, rw and w1c fields (wo fields read as 0).
  std::uint32_t read_mask;
  std::uint32_t w1c_mask;
};
)";

std::string U32(std::uint64_t value) { return CppHex(value, 8); }

std::string Constant(std::string_view name, const std::string& value) {
  return "inline constexpr std::uint32_t " + std::string(name) + " = " + value + ";\n";
}

std::string Comment(std::string_view text) { return WrapComment(text, "// ", kColumns); }

std::string UnderlyingType(std::uint32_t width) {
  if (width <= 8) return "std::uint8_t";
  if (width <= 16) return "std::uint16_t";
  return "std::uint32_t";
}

std::string Section(std::string_view title) {
  const std::string rule = "// " + std::string(kColumns - 3, '-') + "\n";
  return "\n" + rule + Comment(title) + rule;
}

std::string FieldInit(std::uint32_t word, const BitRange& bits, bool is_signed) {
  return "{" + std::to_string(word) + ", " + std::to_string(bits.lsb) + ", " +
         std::to_string(bits.width()) + ", " + (is_signed ? "true" : "false") + "}";
}

std::string EnumSuffix(const std::string& enum_name) {
  return enum_name.empty() ? "" : ", enum " + UpperCamel(enum_name);
}

std::string EmitMemoryMap(const Regmap& map) {
  std::string out = Section("SoC memory map: byte base addresses and sizes.");
  for (const MemRegion& region : map.memory_map) {
    const std::string prefix = "kMem" + UpperCamel(region.name);
    out += Comment(region.name + ": " + region.description);
    out += Constant(prefix + "Base", U32(region.base));
    out += Constant(prefix + "Size", U32(region.size));
  }
  return out;
}

std::string EmitEnum(std::string_view comment, std::string_view type, std::uint32_t width,
                     const std::vector<EnumValue>& values) {
  std::string out = "\n" + Comment(comment);
  out += "enum class " + std::string(type) + " : " + UnderlyingType(width) + " {\n";
  for (const EnumValue& v : values) {
    out += WrapComment(v.description, "  // ", kColumns);
    out += "  " + CppConstant(v.name) + " = " + std::to_string(v.value) + ",\n";
  }
  out += "};\n";
  // Its names, for messages: a value read from the hardware prints as what the map calls it.
  const std::string t(type);
  out +=
      "\n// " + t + "'s name in the register map; nullptr for a value the map does not define.\n";
  out += "constexpr const char* " + t + "Name(" + t + " value) {\n  switch (value) {\n";
  for (const EnumValue& v : values) {
    out += "    case " + t + "::" + CppConstant(v.name) + ":\n      return \"" + v.name + "\";\n";
  }
  return out + "  }\n  return nullptr;\n}\n";
}

std::string EmitEnums(const Regmap& map) {
  if (map.enums.empty()) return "";
  std::string out = Section("Enums.");
  for (const Enum& e : map.enums) {
    out += EmitEnum(e.name + ": " + e.description, UpperCamel(e.name), e.width, e.values);
  }
  return out;
}

std::string EmitRegOffset(const Register& reg) {
  const std::string prefix = CppConstant(reg.name);
  if (!reg.is_array) return Constant(prefix + "Offset", CppHex(reg.offset, 3));
  std::string out = Constant(prefix + "Count", std::to_string(reg.count));
  out += Constant(prefix + "Stride", std::to_string(reg.stride));
  out += "// Offset of " + reg.name + "<i>, i < " + prefix + "Count.\n";
  const std::string signature = "constexpr std::uint32_t " + prefix + "Offset(std::uint32_t i) {";
  const std::string body = "return " + CppHex(reg.offset, 3) + " + i * " + prefix + "Stride;";
  // The layout clang-format picks: one line when it fits, else the body on its own line.
  const std::string one_line = signature + " " + body + " }";
  if (static_cast<int>(one_line.size()) <= kColumns) return out + one_line + "\n";
  return out + signature + "\n  " + body + "\n}\n";
}

std::string EmitRegister(const Register& reg) {
  const std::string title =
      reg.is_array ? reg.InstanceName(0) + ".." + reg.InstanceName(reg.count - 1) : reg.name;
  const std::string ns = LowerSnake(reg.name);
  std::string out = "\n" + Comment(title + ": " + reg.description);
  out += EmitRegOffset(reg);
  out += "namespace " + ns + " {\n";
  out += Constant("kResetValue", U32(reg.ResetValue()));
  out += Constant("kWritableMask", U32(reg.WritableMask()));
  out += Constant("kReadMask", U32(reg.ReadMask()));
  out += Constant("kW1cMask", U32(reg.W1cMask()));
  for (const RegField& field : reg.fields) {
    out += Comment(field.name + " (bits " + field.bits.ToString() + ", " +
                   std::string(AccessName(field.access)) + EnumSuffix(field.enum_name) +
                   "): " + field.description);
    out += "inline constexpr Field " + CppConstant(field.name) +
           FieldInit(0, field.bits, field.is_signed) + ";\n";
    out += Constant(CppConstant(field.name) + "Reset", U32(field.reset));
  }
  return out + "}  // namespace " + ns + "\n";
}

std::string TableRow(const Register& reg, std::uint32_t index) {
  return "    {\"" + reg.InstanceName(index) + "\", " + CppHex(reg.InstanceOffset(index), 3) +
         ", " + U32(reg.ResetValue()) + ", " + U32(reg.WritableMask()) + ", " +
         U32(reg.ReadMask()) + ", " + U32(reg.W1cMask()) + "},\n";
}

std::string EmitRegisterTable(const Regmap& map) {
  std::uint32_t total = 0;
  std::string rows;
  for (const Register& reg : map.registers) {
    for (std::uint32_t i = 0; i < reg.count; ++i, ++total) rows += TableRow(reg, i);
  }
  std::string out =
      "\n// Every register instance in YAML order: name, offset, reset, writable mask, "
      "read mask, w1c mask.\n";
  out += Constant("kNumRegisters", std::to_string(total));
  // The table is kept one row per register; clang-format would otherwise re-pack it.
  out += "// clang-format off\n";
  out += "inline constexpr RegisterInfo kRegisters[kNumRegisters] = {\n" + rows + "};\n";
  return out + "// clang-format on\n";
}

std::string EmitRegisters(const Regmap& map) {
  std::string out = Section(
      "Registers: byte offsets within the CSR window; per register, its reset value, masks (in "
      "place) and fields.");
  for (const Register& reg : map.registers) out += EmitRegister(reg);
  return out + EmitRegisterTable(map);
}

std::string EmitCmdFields(const std::vector<CmdField>& fields) {
  std::string out;
  for (const CmdField& field : fields) {
    out += Comment(field.name + " (word " + std::to_string(field.word) + ", bits " +
                   field.bits.ToString() + (field.is_signed ? ", signed" : "") +
                   EnumSuffix(field.enum_name) + "): " + field.description);
    out += "inline constexpr Field " + CppConstant(field.name) +
           FieldInit(field.word, field.bits, field.is_signed) + ";\n";
  }
  return out;
}

std::string EmitOpcode(const Opcode& op) {
  const std::string heading =
      op.name + " (opcode " + std::to_string(op.value) + "): " + op.description;
  if (op.fields.empty()) return "\n" + Comment(heading + " No fields besides the common ones.");
  const std::string ns = "cmd::" + LowerSnake(op.name);
  return "\n" + Comment(heading) + "namespace " + ns + " {\n" + EmitCmdFields(op.fields) +
         "}  // namespace " + ns + "\n";
}

std::string EmitCommands(const Regmap& map) {
  const Commands& commands = map.commands;
  std::string out = Section(
      "Command descriptors: kCommandWords words written to CMD_DATA, then CMD_PUSH. Fields give "
      "their descriptor word.");
  out += Constant("kCommandWords", std::to_string(commands.words));
  std::vector<EnumValue> values;
  for (const Opcode& op : commands.opcodes) {
    values.push_back(EnumValue{op.name, op.value, op.description});
  }
  out += EmitEnum("Command opcodes (the OPCODE field).", "Opcode", map.OpcodeWidth(), values);
  out += "\n// Fields common to all opcodes.\nnamespace cmd {\n" + EmitCmdFields(commands.common) +
         "}  // namespace cmd\n";
  for (const Opcode& op : commands.opcodes) out += EmitOpcode(op);
  return out;
}

std::string FileHeader(const Regmap& map) {
  std::string out = "// " + std::string(kGeneratedNotice) + "\n//\n";
  out += Comment(map.description);
  out += "//\n";
  out += Comment("Register map " + map.block + " version " + std::to_string(map.version) +
                 ". Field masks are in place (shifted to the field's LSB). Needs only <cstdint>, "
                 "so firmware can include it.");
  return out;
}

}  // namespace

std::string EmitCpp(const Regmap& map) {
  std::string out = FileHeader(map);
  out += "#pragma once\n\n#include <cstdint>\n\nnamespace edgebert::regs {\n\n";
  out += Constant("kVersion", std::to_string(map.version));
  out += Constant("kDataWidth", std::to_string(map.data_width));
  out += "\n" + std::string(kPrelude);
  out += EmitMemoryMap(map);
  out += EmitEnums(map);
  out += EmitRegisters(map);
  out += EmitCommands(map);
  return out + "\n}  // namespace edgebert::regs\n";
}

}  // namespace edgebert::regmap
