// One sentence on the SoC in the reference configuration (Vedgebert_soc_ref: ALBERT-base sized
// buffers, n = 16), as soc_bench and speed_bench run it: weights loaded by backdoor, the run
// itself over AXI with the driver and the firmware, padded rows, golden lockstep per stage.
#pragma once

#include <cstdint>

#include "lockstep/model_device.h"
#include "model/model_image.h"
#include "model/tokenizer.h"

namespace edgebert::bench {

struct ReferenceSocRun {
  lockstep::RunResult result;
  uint64_t cycles = 0;      // simulated by the run (not the load)
  double seconds = 0;       // wall time of the run
  double load_seconds = 0;  // wall time of the backdoor load
};

// `entropy_threshold_q24`: 0xFFFFFFFF exits at layer 0's off-ramp (one layer), 0 never exits.
ReferenceSocRun RunOnReferenceSoc(const model::ModelImage& image, const model::Encoding& sentence,
                                  uint32_t entropy_threshold_q24);

// The same run on the golden SoC with the reference configuration's buffers and AccRows
// (sim/reference_accelerator.h), whose cycles and counters must equal the RTL's: what paper-scale
// sweeps (`edgebert dse --albert-base`) rely on at sizes no small SoC holds.
ReferenceSocRun RunOnReferenceGoldenSoc(const model::ModelImage& image,
                                        const model::Encoding& sentence,
                                        uint32_t entropy_threshold_q24);

}  // namespace edgebert::bench
