#include "soc_sim.h"

#include "Vedgebert_soc_small.h"
#include "small_accelerator.h"
#include "soc_harness.h"

namespace edgebert::sim {

golden::AcceleratorConfig SmallSocConfig() { return SmallAcceleratorConfig(16); }

static_assert(!SocHarness<Vedgebert_soc_small>::kTraced,
              "the default SoC model carries no tracing code (edgebert_soc_small_traced does)");

std::unique_ptr<SocTransport> MakeSmallSocSim(const SocOptions& options) {
  return std::make_unique<SocHarness<Vedgebert_soc_small>>(options);
}

// A wave file is refused by the untraced harness (driver::TransportError): see soc_sim_traced.cc.
std::unique_ptr<driver::Transport> MakeSmallSoc(const SocOptions& options) {
  return MakeSmallSocSim(options);
}

}  // namespace edgebert::sim
