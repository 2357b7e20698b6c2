// The FST-traced small SoC: compiled into `edgebert_soc_small_traced` only, so that
// `edgebert_soc_small` (and everyone who never traces) does not build the traced model.
#include "Vedgebert_soc_small_traced.h"
#include "Vedgebert_soc_small_traced___024root.h"
#include "harness/soc_harness.h"
#include "harness/soc_sim.h"

namespace edgebert::sim {

static_assert(SocHarness<Vedgebert_soc_small_traced>::kTraced,
              "Vedgebert_soc_small_traced must be Verilated with TRACE (FST)");

std::unique_ptr<SocTransport> MakeSmallSocTracedSim(const SocOptions& options) {
  if (options.waves.file.empty()) return MakeSmallSocSim(options);
  if (options.lanes != 16) throw driver::TransportError("waves: the traced SoC has n = 16");
  return std::make_unique<SocHarness<Vedgebert_soc_small_traced>>(options);
}

std::unique_ptr<driver::Transport> MakeSmallSocTraced(const SocOptions& options) {
  return MakeSmallSocTracedSim(options);
}

const std::vector<std::string>& SmallSocWaveScopes() {
  return SocHarness<Vedgebert_soc_small_traced>::WaveScopes();
}

}  // namespace edgebert::sim
