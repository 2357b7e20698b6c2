#include "harness/soc_sim.h"

#include <string>

#include "Vedgebert_soc_small.h"
#include "Vedgebert_soc_small___024root.h"
#include "Vedgebert_soc_small_n8.h"
#include "Vedgebert_soc_small_n8___024root.h"
#if EDGEBERT_SOC_ALL_LANES
#include "Vedgebert_soc_small_n32.h"
#include "Vedgebert_soc_small_n32___024root.h"
#include "Vedgebert_soc_small_n4.h"
#include "Vedgebert_soc_small_n4___024root.h"
#endif
#include "harness/soc_harness.h"
#include "small_accelerator.h"

namespace edgebert::sim {

golden::AcceleratorConfig SmallSocConfig(int lanes) { return SmallAcceleratorConfig(lanes); }

static_assert(SocHarness<Vedgebert_soc_small>::kBackdoor &&
                  SocHarness<Vedgebert_soc_small_n8>::kBackdoor,
              "the SoC's storage arrays must be public for backdoor loads");
static_assert(!SocHarness<Vedgebert_soc_small>::kTraced,
              "the default SoC model carries no tracing code (edgebert_soc_small_traced does)");

std::vector<int> SmallSocLanesBuilt() {
#if EDGEBERT_SOC_ALL_LANES
  return {4, 8, 16, 32};
#else
  return {8, 16};
#endif
}

std::unique_ptr<SocTransport> MakeSmallSocSim(const SocOptions& options) {
  switch (options.lanes) {
    case 16:
      return std::make_unique<SocHarness<Vedgebert_soc_small>>(options);
    case 8:
      return std::make_unique<SocHarness<Vedgebert_soc_small_n8>>(options);
#if EDGEBERT_SOC_ALL_LANES
    case 4:
      return std::make_unique<SocHarness<Vedgebert_soc_small_n4>>(options);
    case 32:
      return std::make_unique<SocHarness<Vedgebert_soc_small_n32>>(options);
#endif
    default: {
      std::string built;
      for (int n : SmallSocLanesBuilt()) built += (built.empty() ? "" : ", ") + std::to_string(n);
      throw driver::TransportError(
          "no small SoC is built for n = " + std::to_string(options.lanes) + " (built: " + built +
          "; n = 4 and 32 need cmake -DEDGEBERT_SOC_ALL_LANES=ON, as "
          "make regress-nightly configures)");
    }
  }
}

// A wave file is refused by the untraced harness (driver::TransportError): see soc_sim_traced.cc.
std::unique_ptr<driver::Transport> MakeSmallSoc(const SocOptions& options) {
  return MakeSmallSocSim(options);
}

}  // namespace edgebert::sim
