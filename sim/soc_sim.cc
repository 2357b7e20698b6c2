#include "soc_sim.h"

#include "Vedgebert_soc_small.h"
#include "small_accelerator.h"
#include "soc_harness.h"

namespace edgebert::sim {

golden::AcceleratorConfig SmallSocConfig() { return SmallAcceleratorConfig(16); }

std::unique_ptr<SocTransport> MakeSmallSocSim(const SocOptions& options) {
  return std::make_unique<SocHarness<Vedgebert_soc_small>>(options);
}

std::unique_ptr<driver::Transport> MakeSmallSoc(const SocOptions& options) {
  return MakeSmallSocSim(options);
}

}  // namespace edgebert::sim
