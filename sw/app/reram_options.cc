#include "reram_options.h"

#include <stdexcept>

namespace edgebert::app {

golden::ReramReadSettings ParseReramSettings(const std::string& mode,
                                             std::optional<uint32_t> fault_seed) {
  golden::ReramReadSettings settings;
  if (mode == "slc") {
    settings.mode = golden::CellMode::kSlc;
  } else if (mode == "mlc3") {
    settings.mode = golden::CellMode::kMlc3;
  } else if (!mode.empty() && mode != "mlc2") {
    throw std::invalid_argument("--reram-mode must be slc, mlc2 or mlc3");
  }
  settings.fault_en = fault_seed.has_value();
  if (fault_seed) settings.seed = *fault_seed;
  return settings;
}

std::string DescribeReramSettings(const golden::ReramReadSettings& settings) {
  const char* cells = settings.mode == golden::CellMode::kSlc    ? "slc"
                      : settings.mode == golden::CellMode::kMlc3 ? "mlc3"
                                                                 : "mlc2";
  return std::string(cells) + " cells, level faults " +
         (settings.fault_en ? "on (seed " + std::to_string(settings.seed) + ")" : "off");
}

}  // namespace edgebert::app
