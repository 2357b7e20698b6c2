#include "log_scan.h"

#include <fstream>
#include <regex>

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

}  // namespace

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
