#include "regmap_text.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace edgebert::regmap {
namespace {

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
char ToLower(char c) { return IsUpper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

// C++ keywords, alternative tokens and "std": unusable or confusing as namespace names. A space
// at both ends of every word lets a search for " word " match whole words only.
constexpr std::string_view kCppKeywords =
    " alignas alignof and and_eq asm auto bitand bitor bool break case catch char char16_t"
    " char32_t char8_t class co_await co_return co_yield compl concept const const_cast"
    " consteval constexpr constinit continue decltype default delete do double dynamic_cast"
    " else enum explicit export extern false final float for friend goto if import inline int"
    " long module mutable namespace new noexcept not not_eq nullptr operator or or_eq override"
    " private protected public register reinterpret_cast requires return short signed sizeof"
    " static static_assert static_cast std struct switch template this thread_local throw true"
    " try typedef typeid typename union unsigned using virtual void volatile wchar_t while xor"
    " xor_eq ";

}  // namespace

bool IsUpperSnake(std::string_view name) {
  if (name.empty() || !IsUpper(name.front()) || name.back() == '_') return false;
  char prev = '\0';
  for (char c : name) {
    const bool ok = IsUpper(c) || IsDigit(c) || (c == '_' && prev != '_');
    if (!ok) return false;
    prev = c;
  }
  return true;
}

std::string UpperCamel(std::string_view name) {
  std::string out;
  bool word_start = true;
  for (char c : name) {
    if (c == '_') {
      word_start = true;
      continue;
    }
    out += word_start ? c : ToLower(c);
    word_start = false;
  }
  return out;
}

std::string LowerSnake(std::string_view name) {
  std::string out(name);
  std::transform(out.begin(), out.end(), out.begin(), ToLower);
  return out;
}

std::string CppConstant(std::string_view name) { return "k" + UpperCamel(name); }

bool IsCppKeyword(std::string_view word) {
  return kCppKeywords.find(" " + std::string(word) + " ") != std::string_view::npos;
}

std::string CppHex(std::uint64_t value, int digits) {
  constexpr std::string_view kHexDigits = "0123456789ABCDEF";
  std::string hex;
  do {
    hex.insert(hex.begin(), kHexDigits[value & 0xF]);
    value >>= 4;
  } while (value != 0);
  if (static_cast<int>(hex.size()) < digits) {
    hex.insert(0, static_cast<std::size_t>(digits) - hex.size(), '0');
  }
  return "0x" + hex;
}

std::string SvHex(std::uint64_t value, std::uint32_t width) {
  const int digits = static_cast<int>((width + 3) / 4);
  std::string hex = CppHex(value, digits).substr(2);
  if (width >= 32) {
    // Insert '_' every four digits counted from the right.
    for (std::size_t pos = hex.size(); pos > 4; pos -= 4) hex.insert(pos - 4, "_");
  }
  return std::to_string(width) + "'h" + hex;
}

std::vector<std::string> WrapText(std::string_view text, std::string_view prefix, int columns) {
  std::vector<std::string> lines;
  std::string line(prefix);
  bool line_has_word = false;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = text.find_first_not_of(" \t\n", pos);
    if (start == std::string_view::npos) break;
    std::size_t end = text.find_first_of(" \t\n", start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(start, end - start);
    pos = end;
    if (line_has_word && static_cast<int>(line.size() + 1 + word.size()) > columns) {
      lines.push_back(line);
      line = std::string(prefix);
      line_has_word = false;
    }
    if (line_has_word) line += ' ';
    line += word;
    line_has_word = true;
  }
  if (line_has_word) lines.push_back(line);
  return lines;
}

std::string WrapComment(std::string_view text, std::string_view prefix, int columns) {
  std::string out;
  for (const std::string& line : WrapText(text, prefix, columns)) out += line + "\n";
  return out;
}

}  // namespace edgebert::regmap
