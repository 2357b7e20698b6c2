// A GTKWave save file for an FST of the SoC: the signals to look at first (README.md, section
// Regressions), grouped (AXI, CSR and command queue, PU, GB units), opcodes, error codes and
// state machines shown by name through translate filters (generated from yaml/regmap.yaml by
// regmap_gen and from the RTL's enums by tools/waves/sv_enum_filters). Only signals the FST
// holds are named (a --waves-scope dump holds fewer). No Verilator headers.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace edgebert::sim {

struct GtkwSave {
  std::filesystem::path file;        // the FST's path with .gtkw
  size_t signals = 0;                // named in it
  size_t catalogue = 0;              // of the signals a full dump holds
  std::vector<std::string> filters;  // the translate filter files it uses
};

// Writes `fst` with the extension .gtkw. `filters` is the folder of the filter files
// (build/gen/gtkwave, or share/edgebert/gtkwave when installed); a signal whose filter is
// missing there is shown in hex. Throws std::runtime_error when the FST cannot be read or the
// save file cannot be written.
GtkwSave WriteGtkwSave(const std::filesystem::path& fst, const std::filesystem::path& filters);

}  // namespace edgebert::sim
