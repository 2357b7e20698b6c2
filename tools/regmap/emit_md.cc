// Markdown reference emitter (GitHub-flavoured tables).
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "regmap_emit.h"
#include "regmap_model.h"
#include "regmap_text.h"

namespace edgebert::regmap {
namespace {

constexpr std::string_view kAbout =
    "This file, `rtl/pkg/edgebert_csr_pkg.sv` (RTL) and `sw/regmap/edgebert_regs.h` (driver and "
    "firmware) are generated from `yaml/regmap.yaml`, the single source of the register map, by "
    "`tools/regmap` (`regmap_gen --yaml FILE --sv OUT.sv --cpp OUT.h --md OUT.md`). To change "
    "the map, edit the YAML and run `make regmap`. Every build validates the YAML (overlapping "
    "fields or registers, widths, alignment, enum references, the command layout) and a test "
    "fails while a committed copy is stale; `regmap_gen --check` lists stale files.";

constexpr std::string_view kAccessLegend =
    "Access: **ro** read-only, driven by hardware (writes answer SLVERR); **rw** read/write; "
    "**wo** write-only, reads as 0, writing 1 triggers a self-clearing action; **w1c** readable, "
    "writing 1 clears the bit, writing 0 has no effect. Reset values are those after `rst_ni` "
    "(for ro fields: in the reference configuration).";

// YAML prose as Markdown text: '|' would end a table cell, and '*' pairs such as "v*n, v*n+n"
// would render as emphasis.
std::string Text(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|' || c == '*' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::string Row(const std::vector<std::string>& cells) {
  std::string out = "|";
  for (const std::string& cell : cells) out += " " + cell + " |";
  return out + "\n";
}

std::string TableHead(const std::vector<std::string>& titles) {
  std::string rule = "|";
  for (std::size_t i = 0; i < titles.size(); ++i) rule += "---|";
  return Row(titles) + rule + "\n";
}

std::string Code(std::string_view text) { return "`" + std::string(text) + "`"; }

// "64 MiB" for sizes that are whole KiB/MiB/GiB, else bytes.
std::string HumanSize(std::uint64_t size) {
  constexpr std::pair<std::uint64_t, std::string_view> kUnits[] = {{std::uint64_t{1} << 30, "GiB"},
                                                                   {std::uint64_t{1} << 20, "MiB"},
                                                                   {std::uint64_t{1} << 10, "KiB"}};
  for (const auto& [unit, name] : kUnits) {
    if (size >= unit && size % unit == 0) {
      return std::to_string(size / unit) + " " + std::string(name);
    }
  }
  return std::to_string(size) + " B";
}

// "0" for one bit, "15:0" otherwise, as in the YAML.
std::string BitsText(const BitRange& bits) {
  return bits.width() == 1 ? std::to_string(bits.lsb) : bits.ToString();
}

std::string Anchor(std::string_view name) { return LowerSnake(name); }

std::string EnumNote(const Regmap& map, const std::string& enum_name) {
  const Enum* e = map.FindEnum(enum_name);
  if (e == nullptr) return "";
  std::string out = " Enum [" + e->name + "](#" + Anchor(e->name) + "):";
  for (std::size_t i = 0; i < e->values.size(); ++i) {
    out +=
        (i == 0 ? " " : ", ") + std::to_string(e->values[i].value) + " " + Code(e->values[i].name);
  }
  return out + ".";
}

std::string FieldNotes(const Regmap& map, const std::string& description, bool is_signed,
                       const std::string& enum_name) {
  return Text(description) + (is_signed ? " Signed (two's complement)." : "") +
         EnumNote(map, enum_name);
}

std::string EmitMemoryMap(const Regmap& map) {
  std::string out = "## Memory map\n\n";
  out += TableHead({"Region", "Base", "Last byte", "Size", "Description"});
  for (const MemRegion& region : map.memory_map) {
    out += Row({Code(region.name), Code(CppHex(region.base, 8)),
                Code(CppHex(region.base + region.size - 1, 8)), HumanSize(region.size),
                Text(region.description)});
  }
  return out;
}

std::string RegisterTitle(const Register& reg) {
  return reg.is_array ? reg.InstanceName(0) + ".." + reg.InstanceName(reg.count - 1) : reg.name;
}

std::string OffsetText(const Register& reg) {
  if (!reg.is_array) return Code(CppHex(reg.offset, 3));
  return Code(CppHex(reg.offset, 3) + " + " + std::to_string(reg.stride) + "*i") + ", i = 0.." +
         std::to_string(reg.count - 1);
}

std::string ResetText(const RegField& field) {
  const std::uint32_t width = field.bits.width();
  return width == 1 ? std::to_string(field.reset)
                    : CppHex(field.reset, static_cast<int>((width + 3) / 4));
}

std::string EmitRegisterSummary(const Regmap& map) {
  std::string out = TableHead({"Offset", "Register", "Description"});
  for (const Register& reg : map.registers) {
    out += Row({OffsetText(reg), "[" + RegisterTitle(reg) + "](#" + Anchor(reg.name) + ")",
                Text(reg.description)});
  }
  return out;
}

std::string EmitRegister(const Regmap& map, const Register& reg) {
  std::string out = "\n### " + reg.name + "\n\n";
  if (reg.is_array) out += "Array " + Code(RegisterTitle(reg)) + ". ";
  out += "Offset " + OffsetText(reg) + ", reset value " + Code(CppHex(reg.ResetValue(), 8)) + ". " +
         Text(reg.description) + "\n\n";
  out += TableHead({"Bits", "Field", "Access", "Reset", "Description"});
  for (const RegField& field : reg.fields) {
    out += Row({BitsText(field.bits), Code(field.name), std::string(AccessName(field.access)),
                ResetText(field),
                FieldNotes(map, field.description, field.is_signed, field.enum_name)});
  }
  return out;
}

std::string EmitRegisters(const Regmap& map) {
  std::string out = "\n## Registers\n\n";
  out += "Offsets are bytes within the `CSR` region; all registers are 32 bits wide. " +
         std::string(kAccessLegend) + "\n\n";
  out += EmitRegisterSummary(map);
  for (const Register& reg : map.registers) out += EmitRegister(map, reg);
  return out;
}

std::string EmitEnums(const Regmap& map) {
  if (map.enums.empty()) return "";
  std::string out = "\n## Enums\n";
  for (const Enum& e : map.enums) {
    out += "\n### " + e.name + "\n\n" + std::to_string(e.width) + " bits. " + Text(e.description) +
           "\n\n";
    out += TableHead({"Value", "Name", "Description"});
    for (const EnumValue& v : e.values) {
      out += Row({std::to_string(v.value), Code(v.name), Text(v.description)});
    }
  }
  return out;
}

// One opcode's full layout: the common fields and its own, ordered by position.
std::string EmitOpcode(const Regmap& map, const Opcode& op) {
  struct Line {
    const CmdField* field;
    bool common;
  };
  std::vector<Line> lines;
  for (const CmdField& field : map.commands.common) lines.push_back({&field, true});
  for (const CmdField& field : op.fields) lines.push_back({&field, false});
  std::stable_sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) {
    return a.field->word != b.field->word ? a.field->word < b.field->word
                                          : a.field->bits.lsb < b.field->bits.lsb;
  });
  std::string out = "\n### " + op.name + " (opcode " + std::to_string(op.value) + ")\n\n" +
                    Text(op.description) + "\n\n";
  out += TableHead({"Word", "Bits", "Field", "Description"});
  for (const Line& line : lines) {
    const CmdField& f = *line.field;
    const std::string note = FieldNotes(map, f.description, f.is_signed, f.enum_name);
    out += Row({std::to_string(f.word), BitsText(f.bits), Code(f.name),
                line.common ? "Common: " + note : note});
  }
  return out;
}

std::string EmitCommands(const Regmap& map) {
  const Commands& commands = map.commands;
  std::string out = "\n## Command descriptors\n\n";
  out += "A descriptor is " + std::to_string(commands.words) +
         " 32-bit words, written to the `CMD_DATA` registers and queued by `CMD_PUSH`. Fields "
         "common to every opcode:\n\n";
  out += TableHead({"Word", "Bits", "Field", "Description"});
  for (const CmdField& f : commands.common) {
    out += Row({std::to_string(f.word), BitsText(f.bits), Code(f.name),
                FieldNotes(map, f.description, f.is_signed, f.enum_name)});
  }
  out += "\nOpcodes:\n\n" + TableHead({"Value", "Opcode", "Description"});
  for (const Opcode& op : commands.opcodes) {
    out +=
        Row({std::to_string(op.value),
             "[" + op.name + "](#" + Anchor(op.name) + "-opcode-" + std::to_string(op.value) + ")",
             Text(op.description)});
  }
  for (const Opcode& op : commands.opcodes) out += EmitOpcode(map, op);
  return out;
}

}  // namespace

std::string EmitMarkdown(const Regmap& map) {
  std::string out = "<!-- " + std::string(kGeneratedNotice) + " -->\n\n";
  out += "# EdgeBERT register map\n\n";
  out += "Block `" + map.block + "`, register map version " + std::to_string(map.version) + ", " +
         std::to_string(map.data_width) + "-bit registers. " + Text(map.description) + "\n\n";
  out += std::string(kAbout) + "\n\n";
  out += EmitMemoryMap(map);
  out += EmitRegisters(map);
  out += EmitEnums(map);
  out += EmitCommands(map);
  return out;
}

}  // namespace edgebert::regmap
