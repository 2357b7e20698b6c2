// sv_enum_filters: GTKWave translate filters for the RTL's state machines, generated from the
// SystemVerilog itself (the one definition of each state): every `typedef enum ... { ... } name;`
// of the given files becomes OUT_DIR/<file stem>.<name>.txt with one "VALUE NAME" line per
// literal, VALUE in hex with one digit per 4 bits of the enum, as GTKWave shows the signal.
// Literals take the SystemVerilog rule: an explicit value (decimal or N'b/N'd/N'h), else the
// previous one plus 1. Exit status 0, or 2 with a message for an enum this cannot read.
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

std::string WithoutComments(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 2, "//") == 0) {
      i = text.find('\n', i);
      if (i == std::string::npos) break;
    } else if (text.compare(i, 2, "/*") == 0) {
      i = text.find("*/", i);
      if (i == std::string::npos) break;
      i += 1;
      continue;
    }
    out += text[i];
  }
  return out;
}

std::string Trim(const std::string& s) {
  const size_t first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

uint64_t Literal(std::string text, const std::string& where) {
  text.erase(std::remove(text.begin(), text.end(), '_'), text.end());
  const size_t tick = text.find('\'');
  int base = 10;
  if (tick != std::string::npos) {
    const char radix = static_cast<char>(std::tolower(text.at(tick + 1)));
    base = radix == 'b' ? 2 : radix == 'h' ? 16 : radix == 'o' ? 8 : 10;
    text = text.substr(tick + 2);
  }
  size_t used = 0;
  const uint64_t value = std::stoull(text, &used, base);
  if (used != text.size()) throw std::runtime_error(where + ": cannot read the value " + text);
  return value;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: sv_enum_filters OUT_DIR FILE.sv...\n";
    return 2;
  }
  const std::filesystem::path out_dir = argv[1];
  try {
    std::filesystem::create_directories(out_dir);
    // typedef enum logic [MSB:0] { literals } name;
    const std::regex typedef_enum(
        R"(typedef\s+enum\s+(?:logic|bit)\s*\[\s*(\d+)\s*:\s*0\s*\]\s*\{([^}]*)\}\s*(\w+)\s*;)");
    for (int a = 2; a < argc; ++a) {
      const std::filesystem::path file = argv[a];
      std::ifstream in(file);
      if (!in) throw std::runtime_error(file.string() + ": cannot open");
      std::stringstream text;
      text << in.rdbuf();
      const std::string source = WithoutComments(text.str());
      for (std::sregex_iterator m(source.begin(), source.end(), typedef_enum), end; m != end; ++m) {
        const int bits = std::stoi((*m)[1]) + 1;
        const std::string name = (*m)[3];
        const std::string where = file.filename().string() + " " + name;
        std::string lines;
        uint64_t next = 0;
        std::stringstream items((*m)[2].str());
        for (std::string item; std::getline(items, item, ',');) {
          item = Trim(item);
          if (item.empty()) continue;
          std::string literal = item;
          if (const size_t eq = item.find('='); eq != std::string::npos) {
            literal = Trim(item.substr(0, eq));
            next = Literal(Trim(item.substr(eq + 1)), where);
          }
          char value[24];
          std::snprintf(value, sizeof value, "%0*llX", (bits + 3) / 4,
                        static_cast<unsigned long long>(next));
          lines += std::string(value) + " " + literal + "\n";
          ++next;
        }
        const std::filesystem::path out = out_dir / (file.stem().string() + "." + name + ".txt");
        std::ifstream old(out);
        std::stringstream previous;
        previous << old.rdbuf();
        if (previous.str() == lines) continue;  // unchanged: keep its timestamp
        std::ofstream(out, std::ios::trunc) << lines;
      }
    }
  } catch (const std::exception& e) {
    std::cerr << "sv_enum_filters: " << e.what() << "\n";
    return 2;
  }
  return 0;
}
