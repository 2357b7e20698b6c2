// The generated views of the register map. Each emitter returns the whole file as a
// string; output depends only on the model (YAML order, no timestamps), so the committed copies
// can be compared byte for byte with a fresh run.
#pragma once

#include <string>
#include <string_view>

#include "regmap_model.h"

namespace edgebert::regmap {

// First line of every generated file, in the file's comment syntax.
inline constexpr std::string_view kGeneratedNotice =
    "Generated from yaml/regmap.yaml by tools/regmap; do not edit. Run `make regmap`.";

// rtl/pkg/edgebert_csr_pkg.sv. Throws RegmapError if two SystemVerilog identifiers would clash.
std::string EmitSv(const Regmap& map);
// sw/regmap/edgebert_regs.h
std::string EmitCpp(const Regmap& map);
// docs/registers.md
std::string EmitMarkdown(const Regmap& map);
// build/gen/edgebert_regs.h (C99) and edgebert_regs.py: the same constants for drivers in C and
// Python (sw/clients/).
std::string EmitC(const Regmap& map);
std::string EmitPython(const Regmap& map);
// A GTKWave translate filter file ("VALUE NAME" lines, VALUE in hex as GTKWave shows the
// signal) for an enum of the map or for "OPCODE". Throws RegmapError for another name.
std::string EmitGtkwaveFilter(const Regmap& map, std::string_view table);

}  // namespace edgebert::regmap
