#include "reference_soc.h"

#include <chrono>

#include "Vedgebert_soc_ref.h"
#include "Vedgebert_soc_ref___024root.h"
#include "harness/soc_harness.h"
#include "model/albert_program.h"
#include "reference_accelerator.h"
#include "tlm/golden_soc.h"

namespace edgebert::bench {
namespace {

double Seconds(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Loads `image` on `soc` and runs `sentence` as the benchmarks do: padded rows, stage lockstep.
// `loaded` is called once the model is in (the RTL's backdoor goes off there).
template <typename Soc, typename Loaded>
ReferenceSocRun RunOn(Soc& soc, const model::ModelImage& image, const model::Encoding& sentence,
                      uint32_t entropy_threshold_q24, Loaded loaded) {
  lockstep::ModelDevice device(soc);
  const model::AlbertProgram program(image, device.config());
  ReferenceSocRun run;
  const auto load_start = std::chrono::steady_clock::now();
  device.Load(program);
  run.load_seconds = Seconds(load_start);
  loaded();

  lockstep::RunOptions options;
  options.padded_rows = true;
  options.entropy_threshold_q24 = entropy_threshold_q24;
  options.lockstep = lockstep::Lockstep::kStage;
  options.timeout_ms = 3600000;
  const uint64_t cycles_before = soc.Cycles();
  const auto start = std::chrono::steady_clock::now();
  run.result = device.Run(program, sentence, options);
  run.seconds = Seconds(start);
  run.cycles = soc.Cycles() - cycles_before;
  return run;
}

}  // namespace

ReferenceSocRun RunOnReferenceSoc(const model::ModelImage& image, const model::Encoding& sentence,
                                  uint32_t entropy_threshold_q24) {
  sim::SocOptions soc_options;
  soc_options.backdoor = true;  // the 7.8 MB of weights straight into the arrays
  sim::SocHarness<Vedgebert_soc_ref> soc(soc_options);
  // The run's own aux writes go over AXI, as on the chip.
  return RunOn(soc, image, sentence, entropy_threshold_q24, [&] { soc.SetBackdoor(false); });
}

ReferenceSocRun RunOnReferenceGoldenSoc(const model::ModelImage& image,
                                        const model::Encoding& sentence,
                                        uint32_t entropy_threshold_q24) {
  sim::GoldenSoc soc(sim::ReferenceAcceleratorConfig(16), 16, 128, sim::kReferenceAccRows);
  return RunOn(soc, image, sentence, entropy_threshold_q24, [] {});
}

}  // namespace edgebert::bench
