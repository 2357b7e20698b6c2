// Text helpers shared by the validator and the emitters: identifier spelling and number and
// comment formatting. Kept in one place so that every output spells a name the same way.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace edgebert::regmap {

// YAML names are UPPER_SNAKE: [A-Z][A-Z0-9]* words joined by single underscores. The rule keeps
// the derived identifiers (UpperCamel, lower_snake) valid in SystemVerilog and C++.
bool IsUpperSnake(std::string_view name);

// "INTR_STATE" -> "IntrState", "HWCFG0" -> "Hwcfg0".
std::string UpperCamel(std::string_view name);
// "INTR_STATE" -> "intr_state".
std::string LowerSnake(std::string_view name);
// "INTR_STATE" -> "kIntrState" (Google-style C++ constant).
std::string CppConstant(std::string_view name);

// True when `word` is a C++ keyword or alternative token, i.e. unusable as a namespace name.
bool IsCppKeyword(std::string_view word);

// "0x" + `digits` uppercase hex digits (more when the value needs them).
std::string CppHex(std::uint64_t value, int digits);
// SystemVerilog sized hex literal, e.g. SvHex(0x10, 12) == "12'h010". Values of 32 bits and
// more get a '_' every four digits for readability ("32'hEDBE_0001").
std::string SvHex(std::uint64_t value, std::uint32_t width);

// Greedy word wrap of `text` into lines of at most `columns` characters, each starting with
// `prefix` (e.g. "  // "). Words longer than a line stay whole. Matches clang-format's comment
// reflow so that the generated C++ header is already formatted.
std::vector<std::string> WrapText(std::string_view text, std::string_view prefix, int columns);

// WrapText joined with newlines, each line terminated.
std::string WrapComment(std::string_view text, std::string_view prefix, int columns = 100);

}  // namespace edgebert::regmap
