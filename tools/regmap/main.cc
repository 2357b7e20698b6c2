// regmap_gen: validates yaml/regmap.yaml and writes (or, with --check, verifies) the generated
// SystemVerilog package, C++ header and Markdown reference.
//
// Exit status: 0 success; 1 --check found stale files; 2 invalid YAML, I/O or usage error.
#include <CLI/CLI.hpp>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "regmap_emit.h"
#include "regmap_model.h"
#include "regmap_parse.h"
#include "regmap_text.h"

namespace {

using edgebert::regmap::Regmap;

constexpr int kExitStale = 1;
constexpr int kExitError = 2;

struct Output {
  std::string path;
  std::string content;
};

std::optional<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Leaves an up-to-date file untouched so that its timestamp does not trigger rebuilds of
// everything that includes it.
void WriteIfChanged(const Output& output) {
  if (ReadFile(output.path) == output.content) return;
  const std::filesystem::path path(output.path);
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << output.content;
  out.close();
  if (!out) throw std::runtime_error(output.path + ": cannot write file");
}

// Returns the number of stale files, naming each on stderr.
int CountStale(const std::vector<Output>& outputs) {
  int stale = 0;
  for (const Output& output : outputs) {
    if (ReadFile(output.path) == output.content) continue;
    std::cerr << "regmap_gen: " << output.path << " is stale: run `make regmap`\n";
    ++stale;
  }
  return stale;
}

// All contents are generated before anything is written, so an emitter error leaves no
// half-updated set of files behind.
std::vector<Output> Generate(const Regmap& map, const std::string& sv, const std::string& cpp,
                             const std::string& md, const std::string& c, const std::string& py,
                             const std::string& filters) {
  using Emitter = std::function<std::string(const Regmap&)>;
  const std::pair<const std::string*, Emitter> requested[] = {
      {&sv, edgebert::regmap::EmitSv},       {&cpp, edgebert::regmap::EmitCpp},
      {&md, edgebert::regmap::EmitMarkdown}, {&c, edgebert::regmap::EmitC},
      {&py, edgebert::regmap::EmitPython},
  };
  std::vector<Output> outputs;
  for (const auto& [path, emit] : requested) {
    if (!path->empty()) outputs.push_back(Output{*path, emit(map)});
  }
  // The GTKWave translate filters of the waves' save files (sim/harness/gtkw_save.h): opcodes
  // and every enum, as <dir>/<enum in lower_snake>.txt.
  if (!filters.empty()) {
    std::vector<std::string> tables = {"OPCODE"};
    for (const auto& e : map.enums) tables.push_back(e.name);
    for (const std::string& t : tables) {
      outputs.push_back(Output{filters + "/" + edgebert::regmap::LowerSnake(t) + ".txt",
                               edgebert::regmap::EmitGtkwaveFilter(map, t)});
    }
  }
  return outputs;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "Validates the EdgeBERT register map YAML and generates the SystemVerilog package, the C++ "
      "header and the Markdown reference from it. With no output given it only validates."};
  std::string yaml_path;
  std::string sv_path;
  std::string cpp_path;
  std::string md_path;
  std::string c_path;
  std::string py_path;
  std::string filters_dir;
  bool check = false;
  app.add_option("--yaml", yaml_path, "Register map source (yaml/regmap.yaml)")->required();
  app.add_option("--sv", sv_path, "SystemVerilog package to write");
  app.add_option("--cpp", cpp_path, "C++ header to write");
  app.add_option("--md", md_path, "Markdown reference to write");
  app.add_option("--c", c_path, "C99 header to write");
  app.add_option("--py", py_path, "Python module to write");
  app.add_option("--gtkwave-filters", filters_dir,
                 "folder for the GTKWave translate filters (opcode.txt, err_code.txt, ...)");
  app.add_flag("--check", check,
               "Write nothing; exit 1 listing each given output that differs from a fresh run");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : kExitError;
  }

  try {
    const Regmap map = edgebert::regmap::LoadRegmapFile(yaml_path);
    const std::vector<Output> outputs =
        Generate(map, sv_path, cpp_path, md_path, c_path, py_path, filters_dir);
    if (check) return CountStale(outputs) == 0 ? 0 : kExitStale;
    for (const Output& output : outputs) WriteIfChanged(output);
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    return kExitError;
  }
  return 0;
}
