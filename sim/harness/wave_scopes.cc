#include "harness/wave_scopes.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <numeric>
#include <set>
#include <stdexcept>
#include <string_view>
#include <utility>

namespace edgebert::sim {
namespace {

// FST block types (gtkwave's fstapi.h, fstcpp_file.h) and hierarchy record tags.
constexpr uint8_t kBlockHeader = 0;
constexpr uint8_t kBlockHierGzip = 4;
constexpr uint8_t kBlockHierLz4 = 6;
constexpr uint8_t kBlockHierLz4Twice = 7;
constexpr uint8_t kAttrBegin = 252;
// Attribute type "misc", subtype "enum table": Verilator writes each SystemVerilog enum type's
// names and values once, then a reference to it before each variable of that type.
constexpr uint8_t kAttrMisc = 0;
constexpr uint8_t kMiscEnumTable = 7;
constexpr uint8_t kAttrEnd = 253;
constexpr uint8_t kScope = 254;
constexpr uint8_t kUpscope = 255;
// Scope types that are instances or blocks of them: VCD module, begin, generate.
constexpr uint8_t kScopeModule = 0;
constexpr uint8_t kScopeBegin = 3;
constexpr uint8_t kScopeGenerate = 5;

class Bytes {
 public:
  Bytes(std::string_view data, std::string file) : data_(data), file_(std::move(file)) {}
  bool done() const { return pos_ == data_.size(); }
  uint8_t u8() {
    need(1);
    return static_cast<uint8_t>(data_[pos_++]);
  }
  uint64_t u64be() {
    uint64_t value = 0;
    for (int i = 0; i < 8; ++i) value = value << 8 | u8();
    return value;
  }
  uint64_t varint() {  // LEB128
    uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      const uint8_t byte = u8();
      value |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) return value;
    }
    throw Bad("a varint longer than 64 bits");
  }
  std::string_view cstring() {
    const std::size_t end = data_.find('\0', pos_);
    if (end == std::string_view::npos) throw Bad("a name without its NUL");
    const std::string_view s = data_.substr(pos_, end - pos_);
    pos_ = end + 1;
    return s;
  }
  std::string_view take(uint64_t n) {
    need(n);
    const std::string_view s = data_.substr(pos_, static_cast<std::size_t>(n));
    pos_ += static_cast<std::size_t>(n);
    return s;
  }
  std::string_view rest() { return take(data_.size() - pos_); }
  std::runtime_error Bad(const std::string& what) const {
    return std::runtime_error(file_ + ": not an FST file this reads (" + what + ")");
  }

 private:
  void need(uint64_t n) const {
    if (n > data_.size() - pos_) throw Bad("it ends inside a block");
  }
  std::string_view data_;
  std::string file_;
  std::size_t pos_ = 0;
};

// LZ4's block format (no frame): sequences of literals and back references.
std::string Lz4Decompress(std::string_view in, uint64_t size, const Bytes& where) {
  std::string out;
  out.reserve(static_cast<std::size_t>(std::min<uint64_t>(size, uint64_t{1} << 26)));
  std::size_t i = 0;
  const auto byte = [&]() -> uint8_t {
    if (i >= in.size()) throw where.Bad("an LZ4 block cut short");
    return static_cast<uint8_t>(in[i++]);
  };
  const auto length = [&](std::size_t n) {
    if (n != 15) return n;
    uint8_t more = 0;
    do {
      more = byte();
      n += more;
    } while (more == 255);
    return n;
  };
  while (i < in.size()) {
    const uint8_t token = byte();
    const std::size_t literals = length(token >> 4);
    if (literals > in.size() - i || out.size() + literals > size) {
      throw where.Bad("an LZ4 literal run past its block");
    }
    out.append(in.substr(i, literals));
    i += literals;
    if (i == in.size()) break;       // the last sequence is literals only
    const std::size_t low = byte();  // little-endian, read in order
    const std::size_t offset = low | static_cast<std::size_t>(byte()) << 8;
    const std::size_t match = length(token & 15) + 4;
    if (offset == 0 || offset > out.size() || out.size() + match > size) {
      throw where.Bad("an LZ4 match outside its block");
    }
    for (std::size_t k = 0; k < match; ++k) out.push_back(out[out.size() - offset]);
  }
  if (out.size() != size) throw where.Bad("an LZ4 block of the wrong size");
  return out;
}

bool InstanceLike(uint8_t type) {
  return type == kScopeModule || type == kScopeBegin || type == kScopeGenerate;
}

std::size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

std::string Join(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

}  // namespace

namespace {

// The hierarchy block of an FST file, decompressed.
std::string HierarchyBlock(const std::string& data, const std::filesystem::path& file) {
  Bytes blocks(data, file.string());
  while (!blocks.done()) {
    const uint8_t type = blocks.u8();
    const uint64_t length = blocks.u64be();  // counts its own 8 bytes
    if (length < 8) throw blocks.Bad("a block shorter than its length field");
    Bytes block(blocks.take(length - 8), file.string());
    if (type == kBlockHierLz4 || type == kBlockHierLz4Twice) {
      const uint64_t size = block.u64be();
      if (type == kBlockHierLz4) return Lz4Decompress(block.rest(), size, block);
      // LZ4 of LZ4, the first pass's size first.
      const uint64_t once = block.varint();
      return Lz4Decompress(Lz4Decompress(block.rest(), once, block), size, block);
    }
    if (type == kBlockHierGzip) {
      throw blocks.Bad("a gzip hierarchy block, which Verilator does not write");
    }
  }
  throw blocks.Bad("no hierarchy block");
}

std::string ReadWhole(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error(file.string() + ": cannot open");
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Walks the hierarchy: scopes (instance-like ones, as FstInstanceScopes lists them) and
// variables (every one, with the path of the scope it is in).
void WalkHierarchy(const std::filesystem::path& file, std::vector<std::string>* scopes,
                   std::vector<FstVariable>* variables) {
  const std::string hierarchy = HierarchyBlock(ReadWhole(file), file);
  std::vector<std::pair<std::string, bool>> stack;  // path, instance-like all the way up
  bool enum_next = false;
  Bytes records(hierarchy, file.string());
  while (!records.done()) {
    const uint8_t tag = records.u8();
    if (tag == kScope) {
      const uint8_t type = records.u8();
      const std::string_view name = records.cstring();
      records.cstring();  // the component (module) name, unused
      const bool parent_ok = stack.empty() || stack.back().second;
      std::string path =
          stack.empty() ? std::string(name) : stack.back().first + "." + std::string(name);
      const bool ok = parent_ok && InstanceLike(type);
      if (ok && scopes != nullptr) scopes->push_back(path);
      stack.emplace_back(std::move(path), ok);
    } else if (tag == kUpscope) {
      if (stack.empty()) throw records.Bad("an upscope at the root");
      stack.pop_back();
    } else if (tag == kAttrBegin) {
      const uint8_t type = records.u8();
      const uint8_t subtype = records.u8();
      const std::string_view text = records.cstring();
      records.varint();
      // A reference to an enum table (one with no text) names the next variable's values.
      enum_next = type == kAttrMisc && subtype == kMiscEnumTable && text.empty();
    } else if (tag == kAttrEnd) {
    } else {         // a variable: its type is the tag
      records.u8();  // direction
      const std::string_view name = records.cstring();
      const uint64_t bits = records.varint();
      records.varint();  // alias
      if (variables != nullptr) {
        // Verilator names a vector "name [msb:lsb]"; GTKWave shows it without the space.
        std::string shown(name);
        if (const auto space = shown.find(' '); space != std::string::npos) shown.erase(space, 1);
        variables->push_back({stack.empty() ? shown : stack.back().first + "." + shown,
                              static_cast<uint32_t>(bits), enum_next});
      }
      enum_next = false;
    }
  }
}

}  // namespace

std::vector<std::string> FstInstanceScopes(const std::filesystem::path& file) {
  std::vector<std::string> scopes;
  WalkHierarchy(file, &scopes, nullptr);
  return scopes;
}

std::vector<FstVariable> FstVariables(const std::filesystem::path& file) {
  std::vector<FstVariable> variables;
  WalkHierarchy(file, nullptr, &variables);
  return variables;
}

std::pair<uint64_t, uint64_t> FstTimeRange(const std::filesystem::path& file) {
  const std::string data = ReadWhole(file);
  Bytes blocks(data, file.string());
  if (blocks.u8() != kBlockHeader) throw blocks.Bad("no header block first");
  blocks.u64be();  // the header's length
  const uint64_t start = blocks.u64be();
  return {start, blocks.u64be()};
}

std::string UnknownWaveScope(const std::vector<std::string>& scopes, const std::string& scope) {
  const std::set<std::string> known(scopes.begin(), scopes.end());
  if (known.contains(scope)) return "";
  // The deepest existing scope that `scope` starts with ("" for the top).
  std::string parent;
  for (std::size_t dot = scope.find('.'); dot != std::string::npos;
       dot = scope.find('.', dot + 1)) {
    if (!known.contains(scope.substr(0, dot))) break;
    parent = scope.substr(0, dot);
  }
  std::vector<std::string> below;
  const std::string prefix = parent.empty() ? "" : parent + ".";
  for (const std::string& s : scopes) {
    if (!s.starts_with(prefix) || s.size() == prefix.size()) continue;
    const std::string child = s.substr(prefix.size());
    if (child.find('.') == std::string::npos &&
        std::find(below.begin(), below.end(), child) == below.end()) {
      below.push_back(child);
    }
  }
  std::string message = "no scope '" + scope + "' in the traced SoC; below " +
                        (parent.empty() ? std::string("its top (edgebert_soc)") : parent) + ": " +
                        (below.empty() ? std::string("none") : Join(below));
  // An instance named without the path to it, else a typo (a few edits away).
  std::vector<std::string> nearest;
  for (const std::string& s : scopes) {
    if (s.ends_with("." + scope)) nearest.push_back(s);
  }
  if (nearest.empty()) {
    std::size_t best = std::max<std::size_t>(2, scope.size() / 4) + 1;
    for (const std::string& s : scopes) {
      const std::size_t d = EditDistance(scope, s);
      if (d < best) {
        best = d;
        nearest = {s};
      } else if (d == best && !nearest.empty()) {
        nearest.push_back(s);
      }
    }
  }
  if (!nearest.empty()) {
    if (nearest.size() > 4) nearest.resize(4);
    message += "; did you mean " + Join(nearest) + "?";
  }
  return message;
}

}  // namespace edgebert::sim
