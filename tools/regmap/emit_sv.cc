// SystemVerilog package emitter (lowRISC style: UpperCamel localparams, lower_snake_e enums).
#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "regmap_emit.h"
#include "regmap_model.h"
#include "regmap_text.h"

namespace edgebert::regmap {
namespace {

constexpr int kColumns = 100;
constexpr std::string_view kIndent = "  ";

constexpr std::string_view kNamingNotes[] = {
    "Naming (lowRISC style). Masks are in place, i.e. already shifted to the field's LSB.",
    "  Csr<Reg>Offset                    byte offset of register <Reg> in the CSR window",
    "  Csr<Reg>ResetValue                value after reset",
    "  Csr<Reg>WritableMask              bits a write affects (rw, wo and w1c fields)",
    "  Csr<Reg>ReadMask                  bits that read back state (ro, rw and w1c fields)",
    "  Csr<Reg>W1cMask, Csr<Reg>WoMask   write-1-to-clear bits; write-only action bits",
    "  Csr<Reg><Field>Lsb/Width/Mask/Reset",
    "  Register array NAME0..NAME{n-1}: Csr<Name>Offset (element 0), Csr<Name>Count,",
    "  Csr<Name>Stride, and Csr<Name><i>Offset for each element i.",
    "  Mem<Region>Base/Size              SoC memory map",
    "  Cmd<Field>Word/Lsb/Width          command-descriptor fields common to all opcodes",
    "  Cmd<Opcode><Field>Word/Lsb/Width  per-opcode command-descriptor fields",
    "  csr_<reg>_t                       a register's 32 bits as a packed struct, one member per",
    "                                    field (enum-typed where the field has an enum), the bits",
    "                                    between fields as reserved_<msb>_<lsb>: RTL builds and",
    "                                    reads registers through these, never by hand-packing.",
};

std::string LogicType(std::uint32_t width) {
  return width == 1 ? "logic" : "logic [" + std::to_string(width - 1) + ":0]";
}

// Accumulates the package body and refuses to declare one identifier twice, which would
// otherwise only surface as an elaboration error in the RTL build.
class SvPackage {
 public:
  void Blank() { out_ += "\n"; }

  void Comment(std::string_view text) {
    out_ += WrapComment(text, std::string(kIndent) + "// ", kColumns);
  }

  void Section(std::string_view title) {
    Blank();
    const std::string rule = std::string(kIndent) + "// " + std::string(kColumns - 5, '-') + "\n";
    out_ += rule;
    Comment(title);
    out_ += rule;
  }

  void Param(std::string_view type, const std::string& name, const std::string& value) {
    Declare(name);
    out_ += std::string(kIndent) + "localparam " + std::string(type) + " " + name + " = " + value +
            ";\n";
  }

  void Uint(const std::string& name, std::uint64_t value) {
    Param("int unsigned", name, std::to_string(value));
  }

  void TypedefEnum(std::string_view comment, std::uint32_t width, const std::string& type_name,
                   const std::vector<std::pair<std::string, std::uint32_t>>& members) {
    Blank();
    Comment(comment);
    out_ += std::string(kIndent) + "typedef enum " + LogicType(width) + " {\n";
    for (std::size_t i = 0; i < members.size(); ++i) {
      Declare(members[i].first);
      out_ += std::string(kIndent) + std::string(kIndent) + members[i].first + " = " +
              std::to_string(width) + "'d" + std::to_string(members[i].second) +
              (i + 1 < members.size() ? ",\n" : "\n");
    }
    Declare(type_name);
    out_ += std::string(kIndent) + "} " + type_name + ";\n";
  }

  // A packed struct, members given most significant first as (type, name).
  void TypedefStruct(std::string_view comment, const std::string& type_name,
                     const std::vector<std::pair<std::string, std::string>>& members) {
    Blank();
    Comment(comment);
    out_ += std::string(kIndent) + "typedef struct packed {\n";
    for (const auto& [type, name] : members) {
      out_ += std::string(kIndent) + std::string(kIndent) + type + " " + name + ";\n";
    }
    Declare(type_name);
    out_ += std::string(kIndent) + "} " + type_name + ";\n";
  }

  void Raw(std::string_view text) { out_ += text; }

  const std::string& text() const { return out_; }

 private:
  void Declare(const std::string& name) {
    if (!names_.insert(name).second) {
      throw RegmapError("SystemVerilog identifier " + name +
                        " would be declared twice; rename one of the registers, fields, enums or"
                        " opcodes it comes from");
    }
  }

  std::string out_;
  std::set<std::string> names_;
};

void EmitMemoryMap(const Regmap& map, SvPackage& pkg) {
  pkg.Section("SoC memory map: byte base addresses and sizes.");
  for (const MemRegion& region : map.memory_map) {
    const std::string prefix = "Mem" + UpperCamel(region.name);
    pkg.Comment(region.name + ": " + region.description);
    pkg.Param("logic [31:0]", prefix + "Base", SvHex(region.base, 32));
    pkg.Param("logic [31:0]", prefix + "Size", SvHex(region.size, 32));
  }
}

void EmitEnums(const Regmap& map, SvPackage& pkg) {
  if (map.enums.empty()) return;
  pkg.Section("Enums.");
  for (const Enum& e : map.enums) {
    std::vector<std::pair<std::string, std::uint32_t>> members;
    for (const EnumValue& v : e.values) {
      members.emplace_back(UpperCamel(e.name) + UpperCamel(v.name), v.value);
    }
    pkg.TypedefEnum(e.name + ": " + e.description, e.width, LowerSnake(e.name) + "_e", members);
  }
}

void EmitRegField(const std::string& reg_prefix, const RegField& field, SvPackage& pkg) {
  const std::string prefix = reg_prefix + UpperCamel(field.name);
  const std::uint32_t width = field.bits.width();
  std::string comment =
      field.name + " (bits " + field.bits.ToString() + ", " + std::string(AccessName(field.access));
  if (field.is_signed) comment += ", signed";
  if (!field.enum_name.empty()) comment += ", enum " + LowerSnake(field.enum_name) + "_e";
  pkg.Comment(comment + ")");
  pkg.Uint(prefix + "Lsb", field.bits.lsb);
  pkg.Uint(prefix + "Width", width);
  pkg.Param("logic [31:0]", prefix + "Mask", SvHex(field.bits.mask(), 32));
  pkg.Param(LogicType(width), prefix + "Reset", SvHex(field.reset, width));
}

void EmitRegisterOffsets(const Register& reg, const std::string& prefix, std::uint32_t addr_width,
                         SvPackage& pkg) {
  const std::string offset_type = LogicType(addr_width);
  pkg.Param(offset_type, prefix + "Offset", SvHex(reg.offset, addr_width));
  if (!reg.is_array) return;
  pkg.Uint(prefix + "Count", reg.count);
  pkg.Uint(prefix + "Stride", reg.stride);
  for (std::uint32_t i = 0; i < reg.count; ++i) {
    pkg.Param(offset_type, prefix + std::to_string(i) + "Offset",
              SvHex(reg.InstanceOffset(i), addr_width));
  }
}

void EmitRegister(const Register& reg, std::uint32_t addr_width, SvPackage& pkg) {
  const std::string prefix = "Csr" + UpperCamel(reg.name);
  const std::string title =
      reg.is_array ? reg.InstanceName(0) + ".." + reg.InstanceName(reg.count - 1) : reg.name;
  pkg.Blank();
  pkg.Comment(title + ": " + reg.description);
  EmitRegisterOffsets(reg, prefix, addr_width, pkg);
  pkg.Param("logic [31:0]", prefix + "ResetValue", SvHex(reg.ResetValue(), 32));
  pkg.Param("logic [31:0]", prefix + "WritableMask", SvHex(reg.WritableMask(), 32));
  pkg.Param("logic [31:0]", prefix + "ReadMask", SvHex(reg.ReadMask(), 32));
  pkg.Param("logic [31:0]", prefix + "W1cMask", SvHex(reg.W1cMask(), 32));
  pkg.Param("logic [31:0]", prefix + "WoMask", SvHex(reg.WoMask(), 32));
  for (const RegField& field : reg.fields) EmitRegField(prefix, field, pkg);
}

void EmitRegisters(const Regmap& map, SvPackage& pkg) {
  pkg.Section("Registers.");
  for (const Register& reg : map.registers) EmitRegister(reg, map.CsrAddrWidth(), pkg);
}

// A register's 32 bits as a packed struct: fields from the most significant down, the gaps as
// reserved members, so that `$bits` of every type is the data width.
void EmitRegisterStruct(const Register& reg, std::uint32_t data_width, SvPackage& pkg) {
  std::vector<const RegField*> fields;
  for (const RegField& field : reg.fields) fields.push_back(&field);
  std::sort(fields.begin(), fields.end(),
            [](const RegField* a, const RegField* b) { return a->bits.lsb > b->bits.lsb; });
  std::vector<std::pair<std::string, std::string>> members;
  auto reserve = [&members](std::uint32_t msb, std::uint32_t lsb) {
    members.emplace_back(LogicType(msb - lsb + 1),
                         "reserved_" + std::to_string(msb) + "_" + std::to_string(lsb));
  };
  // The bits not yet placed are [0, unplaced); fields do not overlap (validated).
  std::uint32_t unplaced = data_width;
  for (const RegField* field : fields) {
    if (field->bits.msb + 1 < unplaced) reserve(unplaced - 1, field->bits.msb + 1);
    const std::string type = field->enum_name.empty() ? LogicType(field->bits.width())
                                                      : LowerSnake(field->enum_name) + "_e";
    members.emplace_back(type, LowerSnake(field->name));
    unplaced = field->bits.lsb;
  }
  if (unplaced > 0) reserve(unplaced - 1, 0);
  pkg.TypedefStruct(reg.name + " as a packed struct.", "csr_" + LowerSnake(reg.name) + "_t",
                    members);
}

void EmitRegisterStructs(const Regmap& map, SvPackage& pkg) {
  pkg.Section("Register layouts: one packed struct per register (every element of an array).");
  // Members are the YAML's field names; one that is also a C++ word (CTRL.ABORT) is renamed by
  // Verilator in the generated model, which is all SYMRSVDWORD warns about.
  pkg.Raw("  // verilator lint_off SYMRSVDWORD\n");
  for (const Register& reg : map.registers) EmitRegisterStruct(reg, map.data_width, pkg);
  pkg.Raw("  // verilator lint_on SYMRSVDWORD\n");
}

void EmitCmdField(const std::string& prefix, const CmdField& field, SvPackage& pkg) {
  std::string comment =
      field.name + " (word " + std::to_string(field.word) + ", bits " + field.bits.ToString();
  if (field.is_signed) comment += ", signed";
  if (!field.enum_name.empty()) comment += ", enum " + LowerSnake(field.enum_name) + "_e";
  pkg.Comment(comment + ")");
  const std::string name = prefix + UpperCamel(field.name);
  pkg.Uint(name + "Word", field.word);
  pkg.Uint(name + "Lsb", field.bits.lsb);
  pkg.Uint(name + "Width", field.bits.width());
}

void EmitCommands(const Regmap& map, SvPackage& pkg) {
  const Commands& commands = map.commands;
  pkg.Section("Command descriptors: CmdWords 32-bit words staged in CMD_DATA, then pushed.");
  pkg.Uint("CmdWords", commands.words);
  std::vector<std::pair<std::string, std::uint32_t>> members;
  for (const Opcode& op : commands.opcodes) {
    members.emplace_back("Opcode" + UpperCamel(op.name), op.value);
  }
  pkg.TypedefEnum("Command opcodes (the OPCODE field).", map.OpcodeWidth(), "opcode_e", members);
  pkg.Blank();
  pkg.Comment("Fields common to all opcodes.");
  for (const CmdField& field : commands.common) EmitCmdField("Cmd", field, pkg);
  for (const Opcode& op : commands.opcodes) {
    pkg.Blank();
    pkg.Comment(op.name + " (opcode " + std::to_string(op.value) + "): " + op.description);
    for (const CmdField& field : op.fields) EmitCmdField("Cmd" + UpperCamel(op.name), field, pkg);
  }
}

std::string FileHeader(const Regmap& map) {
  std::string out = "// " + std::string(kGeneratedNotice) + "\n//\n";
  out += WrapComment(map.description, "// ", kColumns);
  out += "//\n";
  for (std::string_view line : kNamingNotes) out += "// " + std::string(line) + "\n";
  return out;
}

}  // namespace

std::string EmitSv(const Regmap& map) {
  SvPackage pkg;
  pkg.Comment("Register map version (yaml/regmap.yaml `version`) and bus geometry.");
  pkg.Uint("CsrVersion", map.version);
  pkg.Uint("CsrDataWidth", map.data_width);
  pkg.Uint("CsrAddrWidth", map.CsrAddrWidth());
  EmitMemoryMap(map, pkg);
  EmitEnums(map, pkg);
  EmitRegisters(map, pkg);
  EmitRegisterStructs(map, pkg);
  EmitCommands(map, pkg);
  const std::string package = map.block + "_pkg";
  // Verilator -Wall reports every package constant a design does not reference (UNUSEDPARAM)
  // once any module uses the package; a constants package is expected to have unused ones.
  return FileHeader(map) + "\npackage " + package + ";\n\n" +
         "  // verilator lint_off UNUSEDPARAM\n\n" + pkg.text() +
         "\n  // verilator lint_on UNUSEDPARAM\n" + "\nendpackage : " + package + "\n";
}

}  // namespace edgebert::regmap
