#include "targets.h"

#include <stdexcept>

#include "golden_soc.h"
#include "small_accelerator.h"

namespace edgebert::app {

std::unique_ptr<driver::Transport> OpenTarget(const std::string& spec,
                                              const TargetOptions& /*options*/) {
  if (spec == "golden") return std::make_unique<sim::GoldenSoc>(sim::SmallAcceleratorConfig());
  throw std::invalid_argument("unknown target '" + spec + "' (inproc, golden or tcp://HOST:PORT)");
}

}  // namespace edgebert::app
