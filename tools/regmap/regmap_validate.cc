// Consistency rules of the register map. Each failure names the register or opcode and the
// field, because the person reading it has to find the line to fix in a 300-line YAML file.
#include <algorithm>
#include <bit>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "regmap_model.h"
#include "regmap_parse.h"
#include "regmap_text.h"
#include "regmap_where.h"

namespace edgebert::regmap {
namespace {

constexpr std::uint32_t kWordBits = 32;

// Field names whose generated constants would collide with the per-register ones: C++
// ctrl::kResetValue etc., and SystemVerilog Csr<Reg>WritableMask etc. (field X gets
// Csr<Reg>XMask, so a field called WRITABLE would clash with the register's WritableMask).
constexpr std::string_view kReservedFieldNames[] = {
    "RESET_VALUE", "WRITABLE_MASK", "READ_MASK", "W1C_MASK", "WO_MASK",
    "WRITABLE",    "READ",          "W1C",       "WO",
};

std::string Hex(std::uint64_t value) { return CppHex(value, 3); }

void CheckName(std::string_view name, std::string_view kind, const Where& where) {
  if (!IsUpperSnake(name)) {
    where.Fail("invalid " + std::string(kind) + " name '" + std::string(name) +
               "' (expected UPPER_SNAKE_CASE: A-Z, 0-9, single underscores)");
  }
}

// Rejects a second use of a name. Names are compared in their UpperCamel spelling, the form
// the generated identifiers use, so CMD_DATA_0 and CMD_DATA0 count as the same name.
class NameSet {
 public:
  explicit NameSet(std::string kind) : kind_(std::move(kind)) {}

  void Add(const std::string& name, const Where& where) {
    const auto [it, inserted] = names_.emplace(UpperCamel(name), name);
    if (inserted) return;
    const std::string also =
        it->second == name ? "" : " (generated names clash with " + it->second + ")";
    where.Fail("duplicate " + kind_ + " name " + name + also);
  }

 private:
  std::string kind_;
  std::map<std::string, std::string> names_;  // UpperCamel -> name as written.
};

// A field placed in a word, for the overlap check shared by registers and commands.
struct Placed {
  std::string label;  // "field ACT", "common field IRQ".
  std::uint32_t word;
  BitRange bits;
  bool show_word;  // Command fields say which descriptor word they are in.

  std::string Location() const {
    const std::string bits_text = "bits " + bits.ToString();
    return show_word ? "word " + std::to_string(word) + ", " + bits_text : bits_text;
  }
};

void CheckNoOverlap(const std::vector<Placed>& fields, const Where& where) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      const Placed& a = fields[i];
      const Placed& b = fields[j];
      if (a.word == b.word && a.bits.Overlaps(b.bits)) {
        where.Fail(a.label + " (" + a.Location() + ") overlaps " + b.label + " (" + b.Location() +
                   ")");
      }
    }
  }
}

void CheckBits(const BitRange& bits, const Where& field_where) {
  if (bits.msb >= kWordBits) {
    field_where.Fail("bits " + bits.ToString() + ": MSB " + std::to_string(bits.msb) +
                     " is beyond bit 31 of the 32-bit word");
  }
  if (bits.msb < bits.lsb) {
    field_where.Fail("bits " + bits.ToString() + ": MSB is below LSB (write \"MSB:LSB\")");
  }
}

// The rules common to register and command fields; bits are checked first because the others
// rely on a valid width.
void CheckFieldCommon(const Regmap& map, const BitRange& bits, bool is_signed,
                      const std::string& enum_name, const Where& where) {
  CheckBits(bits, where);
  if (is_signed && bits.width() == 1) {
    where.Fail("a signed field needs at least 2 bits (bits " + bits.ToString() + ")");
  }
  if (enum_name.empty()) return;
  const Enum* e = map.FindEnum(enum_name);
  if (e == nullptr) where.Fail("unknown enum '" + enum_name + "'");
  if (e->width != bits.width()) {
    where.Fail("enum " + enum_name + " is " + std::to_string(e->width) +
               " bits wide but the field (bits " + bits.ToString() + ") is " +
               std::to_string(bits.width()));
  }
}

bool FitsWidth(std::uint64_t value, std::uint32_t width) {
  return width >= 64 || value >> width == 0;
}

void CheckRegField(const Regmap& map, const RegField& field, const Where& reg_where) {
  const Where where = reg_where.Child("field " + field.name);
  CheckName(field.name, "field", where);
  if (std::find(std::begin(kReservedFieldNames), std::end(kReservedFieldNames), field.name) !=
      std::end(kReservedFieldNames)) {
    where.Fail("field name " + field.name +
               " is reserved (it clashes with generated register constants)");
  }
  CheckFieldCommon(map, field.bits, field.is_signed, field.enum_name, where);
  if (!FitsWidth(field.reset, field.bits.width())) {
    where.Fail("reset " + CppHex(field.reset, 1) + " does not fit in " +
               std::to_string(field.bits.width()) + " bits (bits " + field.bits.ToString() + ")");
  }
  if (field.access == Access::kWo && field.reset != 0) {
    where.Fail("a wo field reads as 0, so its reset must be 0");
  }
  if (const Enum* e = map.FindEnum(field.enum_name)) {
    const bool known = std::any_of(e->values.begin(), e->values.end(),
                                   [&](const EnumValue& v) { return v.value == field.reset; });
    if (!known) {
      where.Fail("reset " + std::to_string(field.reset) + " is not a value of enum " + e->name);
    }
  }
}

void CheckRegisterShape(const Register& reg, const Where& where) {
  CheckName(reg.name, "register", where);
  const std::string ns = LowerSnake(reg.name);
  if (IsCppKeyword(ns) || ns == "cmd") {
    where.Fail("register name " + reg.name + " is reserved (C++ namespace '" + ns + "' is taken)");
  }
  if (reg.offset % 4 != 0) where.Fail("offset " + Hex(reg.offset) + " is not 4-byte aligned");
  if (reg.is_array && reg.count == 0) where.Fail("count must be at least 1");
  if (reg.is_array && (reg.stride < 4 || reg.stride % 4 != 0)) {
    where.Fail("stride " + std::to_string(reg.stride) + " must be a multiple of 4 (at least 4)");
  }
  if (reg.fields.empty()) where.Fail("a register needs at least one field");
}

void CheckRegisterFields(const Regmap& map, const Register& reg, const Where& where) {
  NameSet names("field");
  std::vector<Placed> placed;
  for (const RegField& field : reg.fields) {
    CheckRegField(map, field, where);
    names.Add(field.name, where);
    placed.push_back(Placed{"field " + field.name, 0, field.bits, false});
  }
  CheckNoOverlap(placed, where);
}

void CheckInsideWindow(const Register& reg, const MemRegion& csr, const Where& where) {
  const std::uint64_t end = std::uint64_t{reg.offset} + reg.Span();
  if (end > csr.size) {
    where.Fail("offsets " + Hex(reg.offset) + ".." + Hex(end - 1) + " lie outside the " + csr.name +
               " window (size " + Hex(csr.size) + ")");
  }
}

// Where each register instance sits; detects two instances at one offset.
class OffsetMap {
 public:
  void Add(const Register& reg, std::uint32_t index, const Where& where) {
    const std::uint32_t offset = reg.InstanceOffset(index);
    const Occupant self{reg.InstanceName(index), reg.is_array};
    const auto [it, inserted] = used_.emplace(offset, self);
    if (inserted) return;
    const Occupant& other = it->second;
    if (!self.in_array && !other.in_array) {
      where.Fail("duplicate offset " + Hex(offset) + " (also register " + other.name + ")");
    }
    const std::string subject = self.in_array
                                    ? "array element " + self.name + " at offset " + Hex(offset)
                                    : "offset " + Hex(offset);
    const std::string object =
        other.in_array ? "array element " + other.name : "register " + other.name;
    where.Fail(subject + " overlaps " + object);
  }

 private:
  struct Occupant {
    std::string name;
    bool in_array;
  };
  std::map<std::uint32_t, Occupant> used_;
};

void CheckRegisters(const Regmap& map, const Where& file) {
  const MemRegion* csr = map.FindRegion(kCsrRegionName);
  NameSet names("register");
  OffsetMap offsets;
  for (const Register& reg : map.registers) {
    const Where where = file.Child("register " + reg.name);
    CheckRegisterShape(reg, where);
    names.Add(reg.name, file);
    CheckRegisterFields(map, reg, where);
    CheckInsideWindow(reg, *csr, where);
    for (std::uint32_t i = 0; i < reg.count; ++i) {
      // Element names (CMD_DATA3) share the register namespace: a plain register CMD_DATA3
      // would generate the same identifiers.
      if (reg.is_array) names.Add(reg.InstanceName(i), file);
      offsets.Add(reg, i, where);
    }
  }
}

void CheckRegion(const MemRegion& region, const Where& where) {
  CheckName(region.name, "memory_map region", where);
  if (region.size == 0 || !std::has_single_bit(region.size)) {
    where.Fail("size " + Hex(region.size) + " is not a power of two");
  }
  // Sizes are emitted as 32-bit constants.
  if (region.size > (std::uint64_t{1} << 31)) {
    where.Fail("size " + Hex(region.size) + " is above 2 GiB");
  }
  if (region.base % region.size != 0) {
    where.Fail("base " + Hex(region.base) + " is not aligned to the size " + Hex(region.size));
  }
  if (std::uint64_t{region.base} + region.size > (std::uint64_t{1} << 32)) {
    where.Fail("region ends beyond the 32-bit address space");
  }
}

void CheckMemoryMap(const Regmap& map, const Where& file) {
  NameSet names("memory_map region");
  for (const MemRegion& region : map.memory_map) {
    CheckRegion(region, file.Child("region " + region.name));
    names.Add(region.name, file);
  }
  std::vector<const MemRegion*> sorted;
  for (const MemRegion& region : map.memory_map) sorted.push_back(&region);
  std::sort(sorted.begin(), sorted.end(),
            [](const MemRegion* a, const MemRegion* b) { return a->base < b->base; });
  for (std::size_t i = 1; i < sorted.size(); ++i) {
    const MemRegion& prev = *sorted[i - 1];
    const MemRegion& cur = *sorted[i];
    if (std::uint64_t{prev.base} + prev.size > cur.base) {
      file.Child("region " + cur.name)
          .Fail("base " + Hex(cur.base) + " overlaps region " + prev.name + " (" + Hex(prev.base) +
                ".." + Hex(prev.base + prev.size - 1) + ")");
    }
  }
  if (map.FindRegion(kCsrRegionName) == nullptr) {
    file.Fail("memory_map has no region " + std::string(kCsrRegionName) + " (the register window)");
  }
}

void CheckEnum(const Enum& e, const Where& where) {
  CheckName(e.name, "enum", where);
  // The emitters define an opcode enum and C++ types Field and RegisterInfo next to the enums.
  if (e.name == kOpcodeFieldName || e.name == "FIELD" || e.name == "REGISTER_INFO") {
    where.Fail("enum name " + e.name + " is reserved (the generated code defines it)");
  }
  if (e.width == 0 || e.width > kWordBits) where.Fail("width must be 1..32");
  if (e.values.empty()) where.Fail("an enum needs at least one value");
  NameSet names("value");
  std::map<std::uint32_t, std::string> values;
  for (const EnumValue& v : e.values) {
    const Where value_where = where.Child("value " + v.name);
    CheckName(v.name, "enum value", value_where);
    names.Add(v.name, where);
    if (!FitsWidth(v.value, e.width)) {
      value_where.Fail(std::to_string(v.value) + " does not fit in " + std::to_string(e.width) +
                       " bits");
    }
    const auto [it, inserted] = values.emplace(v.value, v.name);
    if (!inserted) {
      value_where.Fail("value " + std::to_string(v.value) + " duplicates " + it->second);
    }
  }
}

void CheckEnums(const Regmap& map, const Where& file) {
  NameSet names("enum");
  for (const Enum& e : map.enums) {
    CheckEnum(e, file.Child("enum " + e.name));
    names.Add(e.name, file);
  }
}

void CheckCmdField(const Regmap& map, const CmdField& field, const Where& parent,
                   std::string_view kind) {
  const Where where = parent.Child(std::string(kind) + " " + field.name);
  CheckName(field.name, "field", where);
  if (field.word >= map.commands.words) {
    where.Fail("word " + std::to_string(field.word) + " is out of range (commands have " +
               std::to_string(map.commands.words) + " words, 0.." +
               std::to_string(map.commands.words - 1) + ")");
  }
  CheckFieldCommon(map, field.bits, field.is_signed, field.enum_name, where);
}

// Checks `fields` and returns them as Placed for the overlap check.
std::vector<Placed> CheckCmdFields(const Regmap& map, const std::vector<CmdField>& fields,
                                   std::string_view kind, NameSet& names, const Where& where) {
  std::vector<Placed> placed;
  for (const CmdField& field : fields) {
    CheckCmdField(map, field, where, kind);
    names.Add(field.name, where);
    placed.push_back(Placed{std::string(kind) + " " + field.name, field.word, field.bits, true});
  }
  return placed;
}

void CheckOpcode(const Regmap& map, const Opcode& opcode, const std::vector<Placed>& common,
                 const Where& where) {
  CheckName(opcode.name, "opcode", where);
  if (IsCppKeyword(LowerSnake(opcode.name))) {
    where.Fail("opcode name " + opcode.name + " is reserved (C++ keyword)");
  }
  const std::uint32_t width = map.OpcodeWidth();
  if (!FitsWidth(opcode.value, width)) {
    where.Fail("value " + std::to_string(opcode.value) + " does not fit the " +
               std::to_string(width) + "-bit OPCODE field");
  }
  // Common names come first so that a clash is reported on the opcode's own field.
  NameSet names("field");
  for (const CmdField& field : map.commands.common) names.Add(field.name, where);
  std::vector<Placed> placed = common;
  for (const Placed& p : CheckCmdFields(map, opcode.fields, "field", names, where)) {
    placed.push_back(p);
  }
  CheckNoOverlap(placed, where);
}

void CheckCommands(const Regmap& map, const Where& file) {
  const Commands& commands = map.commands;
  const Where section = file.Child("commands");
  if (commands.words == 0) section.Fail("words must be at least 1");
  NameSet common_names("common field");
  const std::vector<Placed> common =
      CheckCmdFields(map, commands.common, "common field", common_names, file);
  CheckNoOverlap(common, file);
  if (commands.FindCommon(kOpcodeFieldName) == nullptr) {
    section.Fail("common fields must include OPCODE");
  }
  NameSet names("opcode");
  std::map<std::uint32_t, std::string> values;
  for (const Opcode& opcode : commands.opcodes) {
    const Where where = file.Child("opcode " + opcode.name);
    CheckOpcode(map, opcode, common, where);
    names.Add(opcode.name, file);
    const auto [it, inserted] = values.emplace(opcode.value, opcode.name);
    if (!inserted) {
      where.Fail("value " + std::to_string(opcode.value) + " duplicates opcode " + it->second);
    }
  }
}

void CheckTop(const Regmap& map, const Where& file) {
  const bool block_ok = !map.block.empty() && map.block.front() >= 'a' &&
                        map.block.front() <= 'z' &&
                        std::all_of(map.block.begin(), map.block.end(), [](char c) {
                          return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
                        });
  if (!block_ok) {
    file.Fail("block '" + map.block + "' must be lower_snake_case (it names the SV package)");
  }
  if (map.data_width != kWordBits) {
    file.Fail("data_width must be 32 (the only width the generator supports)");
  }
}

}  // namespace

void ValidateRegmap(const Regmap& map, std::string_view source_name) {
  const Where file{std::string(source_name)};
  CheckTop(map, file);
  // Order matters: registers need the CSR window and the enums; commands need the enums.
  CheckMemoryMap(map, file);
  CheckEnums(map, file);
  CheckRegisters(map, file);
  CheckCommands(map, file);
}

}  // namespace edgebert::regmap
