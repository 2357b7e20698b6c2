#include "soc_sim.h"

#include <string>

#include "Vedgebert_soc_small.h"
#include "Vedgebert_soc_small___024root.h"
#include "Vedgebert_soc_small_n8.h"
#include "Vedgebert_soc_small_n8___024root.h"
#include "small_accelerator.h"
#include "soc_harness.h"

namespace edgebert::sim {

golden::AcceleratorConfig SmallSocConfig(int lanes) { return SmallAcceleratorConfig(lanes); }

static_assert(SocHarness<Vedgebert_soc_small>::kBackdoor &&
                  SocHarness<Vedgebert_soc_small_n8>::kBackdoor,
              "the SoC's storage arrays must be public for backdoor loads");
static_assert(!SocHarness<Vedgebert_soc_small>::kTraced,
              "the default SoC model carries no tracing code (edgebert_soc_small_traced does)");

std::unique_ptr<SocTransport> MakeSmallSocSim(const SocOptions& options) {
  switch (options.lanes) {
    case 16:
      return std::make_unique<SocHarness<Vedgebert_soc_small>>(options);
    case 8:
      return std::make_unique<SocHarness<Vedgebert_soc_small_n8>>(options);
    default:
      throw driver::TransportError(
          "no small SoC is built for n = " + std::to_string(options.lanes) + " (8 and 16 are)");
  }
}

// A wave file is refused by the untraced harness (driver::TransportError): see soc_sim_traced.cc.
std::unique_ptr<driver::Transport> MakeSmallSoc(const SocOptions& options) {
  return MakeSmallSocSim(options);
}

}  // namespace edgebert::sim
