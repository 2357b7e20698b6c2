// SoC benchmark: one full ALBERT-base encoder layer at n = 16, T = 128 on the Verilated SoC in
// the reference configuration, driven by the driver and the firmware (random weights: cycles do
// not depend on trained values), for a dense model with every head on and for the SST-2 preset.
// Prints cycles, latency at 500 MHz, utilisation against the ideal MACs / n^2, and simulation
// speed; every stage is checked against the golden model. Figures only.
#include <cstdio>
#include <string>
#include <vector>

#include "lockstep/model_device.h"
#include "model/compiler.h"
#include "model/task_config.h"
#include "reference_soc.h"
#include "workloads/sst2_sample.h"
#include "workloads/synthetic_albert.h"

namespace model = edgebert::model;
namespace lockstep = edgebert::lockstep;

namespace {

constexpr double kClockHz = 500e6;
// One dense ALBERT-base layer at T = 128: 931.1M MACs (EDGEBERT.md), / 16^2.
constexpr double kIdealDenseLayerCycles = 931.1e6 / 256;

}  // namespace

int main() {
  const std::string source = EDGEBERT_SOURCE_DIR;
  const model::TaskConfig sst2 = model::LoadTaskConfig(source + "/yaml/tasks/sst2.yaml");
  const model::TaskConfig dense = edgebert::sim::DenseTask(sst2);
  const auto sentences = edgebert::sim::Sst2Encodings(128, 2);

  std::printf(
      "SoC benchmark: ALBERT-base layer 0 at n = 16, T = 128 (padded), reference configuration, "
      "driver + firmware, golden lockstep per stage\n\n");
  std::printf(
      "| model | heads on | layer cycles | latency @ 500 MHz | ideal dense cycles / layer cycles "
      "| MAC cycles / busy | VMACs skipped | backdoor load (s) | simulated cycles/s | golden "
      "| golden SoC layer cycles |\n");
  std::printf("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |\n");
  bool all_exact = true;  // figures of a run that disagrees with the golden mean nothing
  for (const model::TaskConfig& task : {dense, sst2}) {
    const model::ModelImage image = edgebert::sim::RandomAlbertBaseImage(task, sentences);

    const edgebert::bench::ReferenceSocRun run =
        edgebert::bench::RunOnReferenceSoc(image, sentences[0], 0xFFFFFFFFu);  // one layer
    const lockstep::RunResult& r = run.result;
    all_exact = all_exact && r.mismatch.empty();
    // The golden SoC must time the layer and count its events as the RTL did.
    const lockstep::RunResult g =
        edgebert::bench::RunOnReferenceGoldenSoc(image, sentences[0], 0xFFFFFFFFu).result;
    const bool timed = g.stage_cycles == r.stage_cycles && g.cycles == r.cycles && g.perf == r.perf;
    all_exact = all_exact && timed;
    if (r.stage_cycles.size() < 2) {
      std::printf("| %s | run stopped early |\n", task.task.c_str());
      all_exact = false;
      continue;
    }
    const double layer = static_cast<double>(r.stage_cycles[1]);
    int heads_on = 0;
    for (const int s : task.spans) heads_on += s > 0;
    std::printf(
        "| %s | %d | %.0f | %.2f ms | %.1f %% | %.1f %% | %.1f %% | %.1f | %.0f | %s | %s |\n",
        task.task.c_str(), heads_on, layer, layer / kClockHz * 1e3,
        100 * kIdealDenseLayerCycles / layer,
        r.perf.busy_cycles == 0 ? 0.0
                                : 100.0 * static_cast<double>(r.perf.mac_cycles) /
                                      static_cast<double>(r.perf.busy_cycles),
        r.perf.vmacs == 0
            ? 0.0
            : 100.0 * static_cast<double>(r.perf.vmacs_skipped) / static_cast<double>(r.perf.vmacs),
        run.load_seconds, static_cast<double>(run.cycles) / run.seconds,
        r.mismatch.empty() ? "bit-exact" : r.mismatch.c_str(),
        g.stage_cycles.size() < 2 ? "stopped early"
                                  : (std::to_string(g.stage_cycles[1]) +
                                     (timed ? " (equal, counters too)" : " (DIFFERS from the RTL)"))
                                        .c_str());
    std::fflush(stdout);
  }
  std::printf(
      "\nLayer cycles: the firmware's stage for layer 0 (its aux writes, every command, the "
      "off-ramp), from the transport's cycle count. Ideal: 931.1M MACs / 256 = %.0f (ideal "
      "cycles).\n",
      kIdealDenseLayerCycles);
  if (!all_exact) {
    std::printf(
        "FAILED: a layer disagreed with the golden, or the golden SoC's cycles or counters with "
        "the RTL's (see the table)\n");
  }
  return all_exact ? 0 : 1;
}
