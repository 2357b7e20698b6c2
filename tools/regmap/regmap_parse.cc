// YAML -> Regmap. This file checks structure only (keys, types, number syntax); the consistency
// rules live in regmap_validate.cc and run on the finished model.
#include "regmap_parse.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <functional>
#include <initializer_list>
#include <limits>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "regmap_model.h"
#include "regmap_where.h"
#include "util/yaml_keys.h"

namespace edgebert::regmap {
namespace {

using Keys = std::initializer_list<std::string_view>;

constexpr std::uint64_t kMaxU32 = std::numeric_limits<std::uint32_t>::max();

std::string Quoted(std::string_view text) { return "'" + std::string(text) + "'"; }

bool Contains(Keys keys, std::string_view key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

std::string AllowedKeys(Keys required, Keys optional) {
  std::string list;
  for (Keys keys : {required, optional}) {
    for (std::string_view key : keys) list += (list.empty() ? "" : ", ") + std::string(key);
  }
  return list;
}

// Rejects a non-mapping, duplicate keys and keys outside required+optional (typo protection),
// then missing required keys. Unknown keys are reported first because a misspelt key also
// makes the correct one "missing", and the misspelling is the more useful message.
void CheckKeys(const YAML::Node& node, const Where& where, Keys required, Keys optional) {
  if (!node.IsMap()) where.Fail("expected a mapping with keys " + AllowedKeys(required, optional));
  std::set<std::string, std::less<>> seen;
  for (const auto& entry : node) {
    if (!entry.first.IsScalar()) where.Fail("a key is not a plain string");
    const std::string& key = entry.first.Scalar();
    if (!seen.insert(key).second) where.Fail("duplicate key " + Quoted(key));
    if (!Contains(required, key) && !Contains(optional, key)) {
      where.Fail("unknown key " + Quoted(key) + " (allowed: " + AllowedKeys(required, optional) +
                 ")");
    }
  }
  for (std::string_view key : required) {
    if (!seen.contains(key)) where.Fail("missing required key " + Quoted(key));
  }
}

YAML::Node Get(const YAML::Node& map, std::string_view key) { return map[std::string(key)]; }

bool Has(const YAML::Node& map, std::string_view key) { return static_cast<bool>(Get(map, key)); }

std::string GetText(const YAML::Node& map, std::string_view key, const Where& where) {
  const YAML::Node node = Get(map, key);
  if (node.IsNull() || (node.IsScalar() && node.Scalar().empty())) {
    where.Fail(Quoted(key) + " must not be empty");
  }
  if (!node.IsScalar()) where.Fail(Quoted(key) + " must be a single value, not a list or mapping");
  return node.Scalar();
}

// Value of one digit in `base` (10 or 16), or nullopt.
std::optional<std::uint64_t> DigitValue(char c, std::uint64_t base) {
  if (c >= '0' && c <= '9') return static_cast<std::uint64_t>(c - '0');
  if (base == 16 && c >= 'a' && c <= 'f') return static_cast<std::uint64_t>(c - 'a' + 10);
  if (base == 16 && c >= 'A' && c <= 'F') return static_cast<std::uint64_t>(c - 'A' + 10);
  return std::nullopt;
}

// Decimal or 0x-prefixed hex. yaml-cpp's own conversion is not used because it reads a
// leading 0 as octal ("010" == 8), a silent trap in a register map.
std::optional<std::uint64_t> ParseUnsigned(std::string_view text) {
  std::uint64_t base = 10;
  if (text.starts_with("0x") || text.starts_with("0X")) {
    base = 16;
    text.remove_prefix(2);
  }
  // At most 16 digits: enough for any 32-bit value, and never overflows 64 bits.
  if (text.empty() || text.size() > 16) return std::nullopt;
  std::uint64_t value = 0;
  for (char c : text) {
    const std::optional<std::uint64_t> digit = DigitValue(c, base);
    if (!digit) return std::nullopt;
    value = value * base + *digit;
  }
  return value;
}

std::uint64_t GetUnsigned(const YAML::Node& map, std::string_view key, const Where& where,
                          std::uint64_t max) {
  const std::string text = GetText(map, key, where);
  const std::optional<std::uint64_t> value = ParseUnsigned(text);
  if (!value) {
    where.Fail(Quoted(key) + " must be an unsigned number (decimal or 0x hex), got " +
               Quoted(text));
  }
  if (*value > max) where.Fail(Quoted(key) + " value " + text + " is too large");
  return *value;
}

std::uint32_t GetU32(const YAML::Node& map, std::string_view key, const Where& where) {
  return static_cast<std::uint32_t>(GetUnsigned(map, key, where, kMaxU32));
}

bool GetBool(const YAML::Node& map, std::string_view key, const Where& where) {
  const std::string text = GetText(map, key, where);
  if (text == "true") return true;
  if (text == "false") return false;
  where.Fail(Quoted(key) + " must be true or false, got " + Quoted(text));
}

std::optional<std::uint32_t> ParseBitNumber(std::string_view text) {
  // Decimal only (bit indices are never written in hex); validation checks the range.
  if (text.empty() || text.size() > 3) return std::nullopt;
  if (!std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  return static_cast<std::uint32_t>(*ParseUnsigned(text));
}

// "MSB:LSB" or "BIT".
BitRange GetBits(const YAML::Node& map, const Where& where) {
  const std::string text = GetText(map, "bits", where);
  const std::size_t colon = text.find(':');
  const std::string_view msb_text = std::string_view(text).substr(0, colon);
  const std::string_view lsb_text =
      colon == std::string::npos ? msb_text : std::string_view(text).substr(colon + 1);
  const std::optional<std::uint32_t> msb = ParseBitNumber(msb_text);
  const std::optional<std::uint32_t> lsb = ParseBitNumber(lsb_text);
  if (!msb || !lsb) {
    where.Fail("malformed bits " + Quoted(text) + " (expected \"MSB:LSB\" or \"BIT\")");
  }
  return BitRange{*msb, *lsb};
}

Access GetAccess(const YAML::Node& map, const Where& where) {
  const std::string text = GetText(map, "access", where);
  if (text == "ro") return Access::kRo;
  if (text == "rw") return Access::kRw;
  if (text == "wo") return Access::kWo;
  if (text == "w1c") return Access::kW1c;
  where.Fail("unknown access " + Quoted(text) + " (expected ro, rw, wo or w1c)");
}

std::string GetOptionalText(const YAML::Node& map, std::string_view key, const Where& where) {
  return Has(map, key) ? GetText(map, key, where) : std::string();
}

bool GetOptionalBool(const YAML::Node& map, std::string_view key, const Where& where) {
  return Has(map, key) && GetBool(map, key, where);
}

YAML::Node GetList(const YAML::Node& map, std::string_view key, const Where& where) {
  const YAML::Node node = Get(map, key);
  if (!node.IsSequence()) where.Fail(Quoted(key) + " must be a list");
  return node;
}

// "register CTRL" once the entry has a usable name, else "registers[4]", so that even a
// nameless entry gets a findable error.
Where EntryWhere(const YAML::Node& entry, const Where& parent, std::string_view kind,
                 std::string_view list_key, std::size_t index) {
  if (entry.IsMap()) {
    const YAML::Node name = entry["name"];
    if (name.IsScalar() && !name.Scalar().empty()) {
      return parent.Child(std::string(kind) + " " + name.Scalar());
    }
  }
  return parent.Child(std::string(list_key) + "[" + std::to_string(index) + "]");
}

// Calls parse(entry, where) for each element of map[key] and collects the results.
template <typename T, typename ParseFn>
std::vector<T> ParseList(const YAML::Node& map, std::string_view key, const Where& where,
                         std::string_view kind, ParseFn parse) {
  std::vector<T> items;
  const YAML::Node list = GetList(map, key, where);
  for (std::size_t i = 0; i < list.size(); ++i) {
    const YAML::Node entry = list[i];
    items.push_back(parse(entry, EntryWhere(entry, where, kind, key, i)));
  }
  return items;
}

MemRegion ParseRegion(const YAML::Node& node, const Where& where) {
  CheckKeys(node, where, {"name", "base", "size", "description"}, {});
  MemRegion region;
  region.name = GetText(node, "name", where);
  region.base = GetU32(node, "base", where);
  region.size = GetUnsigned(node, "size", where, kMaxU32 + 1);
  region.description = GetText(node, "description", where);
  return region;
}

EnumValue ParseEnumValue(const YAML::Node& node, const Where& where) {
  CheckKeys(node, where, {"name", "value", "description"}, {});
  return EnumValue{GetText(node, "name", where), GetU32(node, "value", where),
                   GetText(node, "description", where)};
}

Enum ParseEnum(const YAML::Node& node, const Where& where) {
  CheckKeys(node, where, {"name", "width", "description", "values"}, {});
  Enum e;
  e.name = GetText(node, "name", where);
  e.width = GetU32(node, "width", where);
  e.description = GetText(node, "description", where);
  e.values = ParseList<EnumValue>(node, "values", where, "value", ParseEnumValue);
  return e;
}

RegField ParseRegField(const YAML::Node& node, const Where& where) {
  CheckKeys(node, where, {"name", "bits", "access", "reset", "description"}, {"enum", "signed"});
  RegField field;
  field.name = GetText(node, "name", where);
  field.bits = GetBits(node, where);
  field.access = GetAccess(node, where);
  field.reset = GetU32(node, "reset", where);
  field.is_signed = GetOptionalBool(node, "signed", where);
  field.enum_name = GetOptionalText(node, "enum", where);
  field.description = GetText(node, "description", where);
  return field;
}

Register ParseRegister(const YAML::Node& node, const Where& where) {
  CheckKeys(node, where, {"name", "offset", "description", "fields"}, {"count", "stride"});
  Register reg;
  reg.name = GetText(node, "name", where);
  reg.offset = GetU32(node, "offset", where);
  reg.is_array = Has(node, "count");
  if (reg.is_array != Has(node, "stride")) {
    where.Fail("'count' and 'stride' must be given together");
  }
  if (reg.is_array) {
    reg.count = GetU32(node, "count", where);
    reg.stride = GetU32(node, "stride", where);
  }
  reg.description = GetText(node, "description", where);
  reg.fields = ParseList<RegField>(node, "fields", where, "field", ParseRegField);
  return reg;
}

CmdField ParseCmdField(const YAML::Node& node, const Where& where) {
  CheckKeys(node, where, {"name", "word", "bits", "description"}, {"enum", "signed"});
  CmdField field;
  field.name = GetText(node, "name", where);
  field.word = GetU32(node, "word", where);
  field.bits = GetBits(node, where);
  field.is_signed = GetOptionalBool(node, "signed", where);
  field.enum_name = GetOptionalText(node, "enum", where);
  field.description = GetText(node, "description", where);
  return field;
}

Opcode ParseOpcode(const YAML::Node& node, const Where& where) {
  CheckKeys(node, where, {"name", "value", "description", "fields"}, {});
  Opcode opcode;
  opcode.name = GetText(node, "name", where);
  opcode.value = GetU32(node, "value", where);
  opcode.description = GetText(node, "description", where);
  opcode.fields = ParseList<CmdField>(node, "fields", where, "field", ParseCmdField);
  return opcode;
}

// Entries report directly below the file ("regmap.yaml: opcode MATMUL: ...") because opcode
// names are unique; only the section's own keys report under "commands".
Commands ParseCommands(const YAML::Node& node, const Where& file) {
  const Where where = file.Child("commands");
  CheckKeys(node, where, {"words", "common", "opcodes"}, {});
  Commands commands;
  commands.words = GetU32(node, "words", where);
  commands.common = ParseList<CmdField>(node, "common", file, "common field", ParseCmdField);
  commands.opcodes = ParseList<Opcode>(node, "opcodes", file, "opcode", ParseOpcode);
  return commands;
}

Regmap ParseRoot(const YAML::Node& root, const Where& where) {
  CheckKeys(
      root, where,
      {"block", "version", "data_width", "description", "memory_map", "registers", "commands"},
      {"enums"});
  Regmap map;
  map.block = GetText(root, "block", where);
  map.version = GetU32(root, "version", where);
  map.data_width = GetU32(root, "data_width", where);
  map.description = GetText(root, "description", where);
  map.memory_map = ParseList<MemRegion>(root, "memory_map", where, "region", ParseRegion);
  if (Has(root, "enums")) map.enums = ParseList<Enum>(root, "enums", where, "enum", ParseEnum);
  map.registers = ParseList<Register>(root, "registers", where, "register", ParseRegister);
  map.commands = ParseCommands(Get(root, "commands"), where);
  return map;
}

}  // namespace

Regmap ParseRegmap(std::string_view yaml_text, std::string_view source_name) {
  const Where where{std::string(source_name)};
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml_text));
  } catch (const YAML::Exception& e) {
    // Mark lines are 0-based; editors count from 1.
    const std::string line =
        e.mark.is_null() ? "" : "line " + std::to_string(e.mark.line + 1) + ": ";
    where.Fail(line + "YAML syntax error: " + e.msg);
  }
  util::RejectDuplicateKeys<RegmapError>(root, std::string(source_name));
  Regmap map = ParseRoot(root, where);
  ValidateRegmap(map, source_name);
  return map;
}

Regmap LoadRegmapFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw RegmapError(path + ": cannot open file");
  std::ostringstream text;
  text << in.rdbuf();
  return ParseRegmap(text.str(), path);
}

}  // namespace edgebert::regmap
