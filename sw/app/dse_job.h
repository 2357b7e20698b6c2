// `edgebert dse`: the design-space sweep of issue 16 item 4 (the paper's Fig. 10). A checkpoint
// is compiled for each vector size n and each optimisation set (base, +AAS, +EE, +sparse, all),
// a few sentences run on a simulated SoC, and the cycles, latency, energy and power per point go
// to a CSV (and, with gnuplot, PNG plots); the ratios between the points are printed next to the
// paper's, with the energy-optimal n.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace edgebert::app {

struct DseOptions {
  std::string data_dir;    // the repository (fixtures, the trained model, the energy parameters)
  std::string checkpoint;  // default: the trained SST-2 model, sw/app/models/sst2-albert
  std::string task;        // the "all" preset; default: CHECKPOINT/task.yaml
  std::optional<uint32_t> random_weights;  // Gaussian weights of the checkpoint's shapes instead
  std::string tokenizer;                   // default: CHECKPOINT/spiece.model
  std::string tsv;    // sentences; default DATA/../shared/data/sst2/dev.tsv when it exists, else
                      // the committed tests/model/fixtures/sst2_calibration.tsv
  int count = 8;      // sentences per point
  int seq_len = 128;  // T compiled for (the UAB must hold a layer's activations at T)
  std::vector<int> lanes = {4, 8, 16, 32};
  std::vector<std::string> optimisations = {"base", "aas", "ee", "sparse", "all"};
  std::string target = "golden";  // golden (the TLM SoC) or inproc (the RTL)
  // With the golden target: the first this many sentences of each point are run again on the RTL
  // (where it is built for that n) and the cycle error of the golden SoC reported.
  int rtl_sample = 1;
  std::string out = "dse";  // folder: dse.csv, dse.md, dse.gp and the PNGs
  std::string energy_params;
  double clock_mhz = 500;
};

// The optimisations a sweep knows, in report order.
const std::vector<std::string>& DseOptimisations();

// Prints the table and the ratios; returns a process exit code.
int RunDseJob(const DseOptions& options);

}  // namespace edgebert::app
