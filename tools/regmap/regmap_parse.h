// Reading yaml/regmap.yaml into a validated Regmap.
#pragma once

#include <string>
#include <string_view>

#include "regmap_model.h"

namespace edgebert::regmap {

// Parses YAML text and validates it (see ValidateRegmap). `source_name` starts every error
// message. Throws RegmapError on the first problem.
Regmap ParseRegmap(std::string_view yaml_text, std::string_view source_name = "regmap.yaml");

// Reads and parses a file; errors start with `path`.
Regmap LoadRegmapFile(const std::string& path);

// The consistency rules (overlaps, widths, alignment, references, uniqueness) on an already
// structured model. ParseRegmap calls it; exposed so that a model built in code can be checked.
void ValidateRegmap(const Regmap& map, std::string_view source_name = "regmap.yaml");

}  // namespace edgebert::regmap
