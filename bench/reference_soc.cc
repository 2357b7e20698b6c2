#include "reference_soc.h"

#include <chrono>

#include "Vedgebert_soc_ref.h"
#include "Vedgebert_soc_ref___024root.h"
#include "harness/soc_harness.h"
#include "model/albert_program.h"

namespace edgebert::bench {
namespace {

double Seconds(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

ReferenceSocRun RunOnReferenceSoc(const model::ModelImage& image, const model::Encoding& sentence,
                                  uint32_t entropy_threshold_q24) {
  sim::SocOptions soc_options;
  soc_options.backdoor = true;  // the 7.8 MB of weights straight into the arrays
  sim::SocHarness<Vedgebert_soc_ref> soc(soc_options);
  lockstep::ModelDevice device(soc);
  const model::AlbertProgram program(image, device.config());
  ReferenceSocRun run;
  const auto load_start = std::chrono::steady_clock::now();
  device.Load(program);
  run.load_seconds = Seconds(load_start);
  soc.SetBackdoor(false);  // the run's own aux writes go over AXI, as on the chip

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

}  // namespace edgebert::bench
