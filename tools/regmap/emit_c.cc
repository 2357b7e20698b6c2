// C99 header and Python module emitters: the same constants as the C++ header for drivers not
// written in C++ (sw/clients/). Names are UPPER_SNAKE with a kind prefix (MEM_, REG_, CMD_, the
// enum's name), `EB_` in front in C where the global namespace needs one; Python needs none (the
// module is the namespace). Masks are in place, as in the C++ header.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "regmap_emit.h"
#include "regmap_model.h"
#include "regmap_text.h"

namespace edgebert::regmap {
namespace {

// One named constant of the map, spelled once for both languages.
struct Constant {
  std::string name;  // without the C prefix
  std::string value;
  std::string comment;  // empty: none
};

std::string Hex(std::uint64_t value) { return CppHex(value, 8); }

void AddField(std::vector<Constant>& out, const std::string& prefix, std::uint32_t word,
              const BitRange& bits, const std::string& comment) {
  out.push_back({prefix + "_WORD", std::to_string(word), comment});
  out.push_back({prefix + "_SHIFT", std::to_string(bits.lsb), ""});
  out.push_back({prefix + "_WIDTH", std::to_string(bits.width()), ""});
  out.push_back({prefix + "_MASK", Hex(bits.mask()), ""});
}

struct Views {
  std::vector<Constant> constants;
  // Arrays of registers: NAME, first offset, stride, count (an offset function in both outputs).
  struct Array {
    std::string name;
    std::uint32_t offset, stride, count;
  };
  std::vector<Array> arrays;
  // Value -> name tables: the enums and the opcodes.
  struct Table {
    std::string name;
    std::vector<EnumValue> values;
  };
  std::vector<Table> tables;
};

Views Collect(const Regmap& map) {
  Views v;
  auto& c = v.constants;
  c.push_back({"REGMAP_VERSION", std::to_string(map.version), "register map version"});
  c.push_back({"DATA_WIDTH", std::to_string(map.data_width), ""});
  for (const MemRegion& r : map.memory_map) {
    c.push_back({"MEM_" + r.name + "_BASE", Hex(r.base), r.name + ": " + r.description});
    c.push_back({"MEM_" + r.name + "_SIZE", Hex(r.size), ""});
  }
  for (const Enum& e : map.enums) {
    for (const EnumValue& value : e.values) {
      c.push_back({e.name + "_" + value.name, std::to_string(value.value), value.description});
    }
    v.tables.push_back({e.name, e.values});
  }
  for (const Register& reg : map.registers) {
    const std::string p = "REG_" + reg.name;
    if (reg.is_array) {
      v.arrays.push_back({p, reg.offset, reg.stride, reg.count});
      c.push_back({p + "_COUNT", std::to_string(reg.count), reg.name + ": " + reg.description});
      c.push_back({p + "_STRIDE", std::to_string(reg.stride), ""});
    } else {
      c.push_back({p + "_OFFSET", CppHex(reg.offset, 3), reg.name + ": " + reg.description});
    }
    c.push_back({p + "_RESET", Hex(reg.ResetValue()), ""});
    c.push_back({p + "_WRITABLE_MASK", Hex(reg.WritableMask()), ""});
    c.push_back({p + "_W1C_MASK", Hex(reg.W1cMask()), ""});
    for (const RegField& f : reg.fields) {
      const std::string fp = reg.name + "_" + f.name;
      c.push_back({fp + "_SHIFT", std::to_string(f.bits.lsb),
                   f.name + " (" + std::string(AccessName(f.access)) + "): " + f.description});
      c.push_back({fp + "_WIDTH", std::to_string(f.bits.width()), ""});
      c.push_back({fp + "_MASK", Hex(f.bits.mask()), ""});
    }
  }
  c.push_back({"CMD_WORDS", std::to_string(map.commands.words), "command descriptor words"});
  std::vector<EnumValue> opcodes;
  for (const Opcode& op : map.commands.opcodes) {
    c.push_back({"OPCODE_" + op.name, std::to_string(op.value), op.description});
    opcodes.push_back({op.name, op.value, op.description});
  }
  v.tables.push_back({"OPCODE", opcodes});
  for (const CmdField& f : map.commands.common) {
    AddField(c, "CMD_" + f.name, f.word, f.bits, f.description);
  }
  for (const Opcode& op : map.commands.opcodes) {
    for (const CmdField& f : op.fields) {
      AddField(c, "CMD_" + op.name + "_" + f.name, f.word, f.bits, f.description);
    }
  }
  return v;
}

}  // namespace

std::string EmitC(const Regmap& map) {
  const Views v = Collect(map);
  std::string out = "/* " + std::string(kGeneratedNotice) + " */\n";
  out += "/* Register map " + map.block + " version " + std::to_string(map.version) +
         " for C99 drivers: byte addresses, CSR offsets, field shifts and in-place masks, "
         "enums, command-descriptor fields. */\n";
  out += "#ifndef EDGEBERT_REGS_H_\n#define EDGEBERT_REGS_H_\n\n#include <stdint.h>\n\n";
  for (const Constant& c : v.constants) {
    // C99 has line comments; they cannot be ended early by the text.
    if (!c.comment.empty()) out += WrapComment(c.comment, "// ", 100);
    out += "#define EB_" + c.name + " " + c.value + "u\n";
  }
  out += "\n";
  for (const Views::Array& a : v.arrays) {
    out += "#define EB_" + a.name + "_OFFSET(i) (" + CppHex(a.offset, 3) + "u + (uint32_t)(i) * " +
           std::to_string(a.stride) + "u)\n";
  }
  for (const Views::Table& t : v.tables) {
    std::string fn = "eb_" + LowerSnake(t.name) + "_name";
    out += "\n/* " + t.name + "'s name in the register map; NULL for an undefined value. */\n";
    out += "static inline const char* " + fn + "(uint32_t value) {\n  switch (value) {\n";
    for (const EnumValue& e : t.values) {
      out += "    case " + std::to_string(e.value) + "u:\n      return \"" + e.name + "\";\n";
    }
    out += "    default:\n      return (const char*)0;\n  }\n}\n";
  }
  return out + "\n#endif /* EDGEBERT_REGS_H_ */\n";
}

std::string EmitPython(const Regmap& map) {
  const Views v = Collect(map);
  std::string out = "# " + std::string(kGeneratedNotice) + "\n";
  out += "\"\"\"Register map " + map.block + " version " + std::to_string(map.version) +
         ": the C header's constants (edgebert_regs.h) without its EB_ prefix.\"\"\"\n\n";
  for (const Constant& c : v.constants) {
    if (!c.comment.empty()) out += WrapComment(c.comment, "# ", 100);
    out += c.name + " = " + c.value + "\n";
  }
  for (const Views::Array& a : v.arrays) {
    out += "\n\ndef " + a.name + "_OFFSET(i):\n    return " + CppHex(a.offset, 3) + " + i * " +
           std::to_string(a.stride) + "\n";
  }
  out += "\n";
  for (const Views::Table& t : v.tables) {
    out += "\n" + t.name + "_NAMES = {\n";
    for (const EnumValue& e : t.values) {
      out += "    " + std::to_string(e.value) + ": \"" + e.name + "\",\n";
    }
    out += "}\n";
  }
  return out;
}

std::string EmitGtkwaveFilter(const Regmap& map, std::string_view table) {
  const Views v = Collect(map);
  for (const Views::Table& t : v.tables) {
    if (t.name != table) continue;
    std::uint32_t width = table == "OPCODE" ? map.OpcodeWidth() : 0;
    for (const Enum& e : map.enums) {
      if (e.name == table) width = e.width;
    }
    // GTKWave matches the value as it shows it: hex, one digit per 4 bits of the signal.
    const int digits = static_cast<int>((width + 3) / 4);
    std::string out;
    for (const EnumValue& e : t.values) {
      out += CppHex(e.value, digits).substr(2) + " " + e.name + "\n";
    }
    return out;
  }
  throw RegmapError("no enum " + std::string(table) + " for a GTKWave filter");
}

}  // namespace edgebert::regmap
