#include "log_scan.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <regex>
#include <string_view>

namespace edgebert::regress {
namespace {

std::optional<std::uint64_t> last_match(const std::string& text, const std::regex& pattern) {
  std::optional<std::uint64_t> found;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), pattern);
       it != std::sregex_iterator(); ++it) {
    try {
      found = std::stoull((*it)[1].str());
    } catch (const std::out_of_range&) {
      // not a count
    }
  }
  return found;
}

// What the tools print on a failure (edgebert run's "GOLDEN MISMATCH" and "FAILED", lockstep's
// mismatch, sim/harness's "RTL assertion" and AXI4_ERR* rule names, CLI errors, C and C++ aborts).
// Plain substrings: a regex per line would make a long log's scan slow.
constexpr std::array<std::string_view, 14> kFailureWords = {
    "GOLDEN MISMATCH", "MISMATCH",      "Mismatch",         "mismatch",      "ERROR",
    "error:",          "Error:",        "FAILED",           "RTL assertion", "AXI4_ERRM_",
    "AXI4_ERRS_",      "AXI violation", "terminate called", "Assertion `"};

// Lines the Slurm tools write into a run's log (see failure_line).
constexpr std::array<std::string_view, 4> kLauncherLinePrefixes = {"slurmstepd",
                                                                   "srun:", "sbatch:", "salloc:"};

// Where the line's first failure word starts, or npos.
std::size_t failure_word_at(std::string_view line) {
  std::size_t first = std::string_view::npos;
  for (const std::string_view word : kFailureWords) first = std::min(first, line.find(word));
  return first;
}

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }
bool is_alpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool is_xdigit(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

}  // namespace

std::optional<std::string> failure_line(const std::string& log_text) {
  const std::string_view text(log_text);
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    // The launchers' own lines are not the run's: Slurm's step daemon writes "slurmstepd: error:
    // *** JOB n CANCELLED ***" into the log of a job the runner cancelled at its timeout, and
    // srun (as a --launcher-prefix) "srun: error: ... Exited with exit code 3"; a local run has
    // neither, and the reports must not depend on the launcher.
    if (std::any_of(kLauncherLinePrefixes.begin(), kLauncherLinePrefixes.end(),
                    [&](std::string_view prefix) { return line.starts_with(prefix); })) {
      start = end + 1;
      continue;
    }
    if (failure_word_at(line) != std::string_view::npos) {
      std::string found(trim(line));
      if (found.size() > kFailureLineMax) found = found.substr(0, kFailureLineMax - 3) + "...";
      return found;
    }
    start = end + 1;
  }
  return std::nullopt;
}

std::optional<std::string> failure_line_in(const std::filesystem::path& log,
                                           std::size_t max_bytes) {
  std::ifstream in(log, std::ios::binary);
  if (!in) return std::nullopt;
  std::string text(max_bytes, '\0');
  in.read(text.data(), static_cast<std::streamsize>(max_bytes));
  text.resize(static_cast<std::size_t>(in.gcount()));
  return failure_line(text);
}

std::string normalize_signature(const std::string& line) {
  std::string_view text(line);
  const std::size_t word = failure_word_at(text);
  if (word != std::string_view::npos) text.remove_prefix(word);
  text = trim(text);
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    const char before = i > 0 ? text[i - 1] : ' ';
    const bool word_start = !is_alpha(before) && !is_digit(before) && before != '_';
    if (is_space(c)) {
      while (i < text.size() && is_space(text[i])) ++i;
      out += ' ';
    } else if (c == '0' && i + 2 < text.size() && (text[i + 1] == 'x' || text[i + 1] == 'X') &&
               is_xdigit(text[i + 2]) && word_start) {
      i += 2;
      while (i < text.size() && is_xdigit(text[i])) ++i;
      out += "0x<H>";
    } else if (is_digit(c)) {
      std::size_t end = i;
      while (end < text.size() && is_digit(text[end])) ++end;
      const char after = end < text.size() ? text[end] : ' ';
      if (is_alpha(before) && (is_alpha(after) || after == '_')) {  // AXI4_ERRM: a name
        out.append(text.substr(i, end - i));
        i = end;
        continue;
      }
      if (end + 1 < text.size() && text[end] == '.' && is_digit(text[end + 1])) {
        for (++end; end < text.size() && is_digit(text[end]);) ++end;
      }
      if (end + 1 < text.size() && (text[end] == 'e' || text[end] == 'E')) {
        std::size_t exp = end + 1;
        if (exp < text.size() && (text[exp] == '+' || text[exp] == '-')) ++exp;
        if (exp < text.size() && is_digit(text[exp])) {
          while (exp < text.size() && is_digit(text[exp])) ++exp;
          end = exp;
        }
      }
      out += "<N>";
      i = end;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

std::optional<std::uint64_t> parse_cycles(const std::string& log_text) {
  static const std::regex kSimulated(R"((\d+) cycles simulated)");
  static const std::regex kCycles(R"((?:^|[^\w.])(\d+) cycles\b)");
  if (auto n = last_match(log_text, kSimulated)) return n;
  return last_match(log_text, kCycles);
}

std::optional<double> parse_energy_uj(const std::string& log_text) {
  static const std::regex kEnergy(R"(energy \([^\n]*\): ([0-9]+(?:\.[0-9]+)?) uJ for )");
  std::optional<double> found;
  for (auto it = std::sregex_iterator(log_text.begin(), log_text.end(), kEnergy);
       it != std::sregex_iterator(); ++it) {
    found = std::stod((*it)[1].str());
  }
  return found;
}

std::string read_tail_bytes(const std::filesystem::path& file, std::size_t max_bytes) {
  std::ifstream in(file, std::ios::binary | std::ios::ate);
  if (!in) return {};
  const auto size = static_cast<std::size_t>(in.tellg());
  const std::size_t take = std::min(size, max_bytes);
  in.seekg(static_cast<std::streamoff>(size - take));
  std::string text(take, '\0');
  in.read(text.data(), static_cast<std::streamsize>(take));
  text.resize(static_cast<std::size_t>(in.gcount()));
  return text;
}

std::string last_lines(const std::string& text, std::size_t lines) {
  std::size_t end = text.size();
  if (end > 0 && text[end - 1] == '\n') --end;
  std::size_t start = end;
  std::size_t seen = 0;
  while (start > 0) {
    if (text[start - 1] == '\n' && ++seen == lines) break;
    --start;
  }
  return text.substr(start, end - start);
}

}  // namespace edgebert::regress
