// edgebert: the platform's command line.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <system_error>

#include "compile_job.h"
#include "dse_job.h"
#include "edgebert_version.h"
#include "export_job.h"
#include "golden_job.h"
#include "numerics/af8.h"
#include "numerics/af8_mac.h"
#include "reference_job.h"
#include "regmap/edgebert_regs.h"
#include "run_job.h"
#include "serve_job.h"
#include "shard.h"
#include "soc_run_job.h"
#include "targets/target_factory.h"

namespace {

int PrintInfo() {
  namespace regs = edgebert::regs;
  namespace af8 = edgebert::af8;
  std::printf("EdgeBERT accelerator platform, register map version %u\n",
              static_cast<unsigned>(regs::id::kResetValue & 0xFFFF));
  std::printf("AF8: 1 sign, %d exponent, %d mantissa bits; bias in [%d, %d]\n", af8::kExponentBits,
              af8::kMantissaBits, af8::kBiasMin, af8::kBiasMax);
  std::printf("accumulator: %d bits, exact for reductions up to %d\n", af8::kAccumulatorBits,
              af8::kMaxExactReduction);
  std::printf("command descriptor: %u words\n", static_cast<unsigned>(regs::kCommandWords));
  return 0;
}

// The exit codes (README.md, `edgebert --help`).
constexpr int kExitFailure = 1;   // the job failed: a golden mismatch, a device error, bad data
constexpr int kExitUsage = 2;     // the command line was refused
constexpr int kExitInternal = 3;  // a bug: an error that should not happen

constexpr const char* kFooter =
    "Data (models, fixtures, energy parameters): --data, else $EDGEBERT_DATA, else the install's "
    "share/edgebert next to bin/, else the source tree this binary was built from.\n"
    "Exit codes: 0 success; 1 the job failed (golden mismatch, device or I/O error, bad input "
    "data); 2 usage (an unknown option, a bad or missing value, a refused combination); 3 "
    "internal error.";

// Where the data lives when --data is not given: $EDGEBERT_DATA; an install's share/edgebert
// (found from the executable, so that a prefix can move); else the source tree of this build.
std::string DefaultDataDir() {
  if (const char* env = std::getenv("EDGEBERT_DATA"); env != nullptr && *env != 0) return env;
  std::error_code error;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", error);
  if (!error) {
    const std::filesystem::path share = exe.parent_path().parent_path() / "share" / "edgebert";
    if (std::filesystem::exists(share / "sw/app/models/sst2.ebm", error)) return share.string();
  }
  return EDGEBERT_SOURCE_DIR;
}

// Puts the named options of `command` into a help group (Input, Target, Waves, ...).
void Group(CLI::App* command, const char* group, std::initializer_list<const char*> names) {
  for (const char* name : names) command->get_option(name)->group(group);
}

// Help shows the defaults that say something: not a flag's {false}, not an empty list's [].
void TidyDefaults(CLI::App* app) {
  for (CLI::Option* o : app->get_options()) {
    if (o->get_expected_max() == 0 || o->get_default_str() == "[]") o->default_str("");
  }
  for (CLI::App* sub : app->get_subcommands([](CLI::App*) { return true; })) TidyDefaults(sub);
}

// --energy-params and --clock-mhz, as `run` and `dse` take them.
void AddEnergyOptions(CLI::App* command, std::string& params, double& clock_mhz) {
  command
      ->add_option("--energy-params", params,
                   "energy model parameters (default: yaml/energy/edgebert_12nm.yaml under --data)")
      ->check(CLI::ExistingFile);
  command->add_option("--clock-mhz", clock_mhz, "clock for latency, energy and power, MHz")
      ->capture_default_str()
      ->check(CLI::Range(edgebert::app::kMinClockMhz, edgebert::app::kMaxClockMhz));
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"EdgeBERT accelerator platform"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("edgebert ") + EDGEBERT_VERSION + " (git " +
                                        EDGEBERT_GIT_COMMIT + ", " + EDGEBERT_VERILATOR_VERSION +
                                        ")");
  app.footer(kFooter);
  // Every option's help shows its default (subcommands inherit this).
  app.option_defaults()->always_capture_default();
  const std::string data_dir = DefaultDataDir();

  edgebert::app::RunOptions job;
  job.data_dir = data_dir;
  edgebert::app::SocRunOptions soc;
  soc.data_dir = data_dir;
  double soc_threshold = 0;
  auto* soc_cmd = app.add_subcommand(
      "run", "ALBERT on the simulated SoC (driver + firmware), checked against the golden model");
  soc_cmd->add_option("--data", soc.data_dir, "repository holding the fixtures");
  soc_cmd
      ->add_option("--image", soc.image,
                   "compiled model (default: the embedded SST-2 model, sw/app/models/sst2.ebm)")
      ->check(CLI::ExistingFile);
  soc_cmd->add_option("--task", soc.task, "compile the checkpoint for this task preset instead")
      ->check(CLI::ExistingFile);
  soc_cmd->add_option("--checkpoint", soc.checkpoint, "with --task: the checkpoint directory")
      ->check(CLI::ExistingDirectory);
  soc_cmd->add_option("--tokenizer", soc.tokenizer, "SentencePiece model")
      ->check(CLI::ExistingFile);
  soc_cmd->add_option("--text", soc.texts, "sentence(s)");
  soc_cmd->add_option("--ids", soc.ids, "input(s) as comma-separated token ids");
  soc_cmd->add_option("--tsv", soc.tsv, "label<TAB>sentence inputs")->check(CLI::ExistingFile);
  soc_cmd->add_option("--count", soc.count, "inputs taken from the TSV")
      ->check(CLI::Range(1, 1000000));
  auto* soc_threshold_opt =
      soc_cmd->add_option("--threshold", soc_threshold, "early-exit entropy threshold, nats");
  soc_cmd->add_option("--target", soc.target, "inproc, golden or tcp://HOST:PORT");
  soc_cmd
      ->add_option("--lanes", soc.hardware.lanes,
                   "n of the simulated SoC (with --task: compiled for it)")
      ->check(CLI::IsMember(std::vector<int>(edgebert::sim::TargetLanes().begin(),
                                             edgebert::sim::TargetLanes().end())));
  soc_cmd->add_option("--lockstep", soc.lockstep, "golden check: none, stage or command")
      ->check(CLI::IsMember({"none", "stage", "command"}));
  soc_cmd->add_flag("--padded", soc.padded, "run the full sequence length");
  soc_cmd->add_option("--axi-seed", soc.hardware.axi_seed,
                      "randomise AXI valid/ready timing (inproc)");
  soc_cmd->add_flag("--backdoor", soc.hardware.backdoor,
                    "load the model straight into the RTL's arrays (inproc; the run is real AXI)");
  soc_cmd->add_flag("!--no-axi-check", soc.hardware.axi_check,
                    "inproc: no AXI4 protocol checker on the SoC's port (docs/verification.md)");
  soc_cmd->add_flag("!--no-progress", soc.progress, "no line per input (with its ETA)");
  soc_cmd->add_option("--waves", soc.hardware.waves_file,
                      "FST waves of the in-process SoC (traced model)");
  soc_cmd->add_option("--waves-start", soc.hardware.waves_start, "first cycle dumped");
  soc_cmd->add_option("--waves-stop", soc.hardware.waves_stop,
                      "first cycle not dumped (0: to the end)");
  soc_cmd->add_option("--waves-depth", soc.hardware.waves_depth,
                      "hierarchy levels dumped, below each scope (0: all)");
  soc_cmd->add_option("--waves-scope", soc.hardware.waves_scopes,
                      "dump only this instance below the SoC top (and the ports), e.g. "
                      "u_gb.u_softmax; repeatable");
  soc_cmd->add_option("--waves-ops", soc.waves_ops,
                      "dump (--waves, --waves-on-failure) only while commands FIRST..LAST run, "
                      "FIRST:LAST (CMD_SEQ numbers)");
  soc_cmd->add_option("--waves-on-mismatch,--waves-on-failure", soc.waves_on_mismatch,
                      "on a golden mismatch or a failure, replay and dump the cycles before it "
                      "to this FST");
  soc_cmd->add_option("--flip", soc.flips,
                      "invert bit BIT of the stored word at ADDRESS after the load "
                      "(ADDRESS:BIT, repeatable; the golden keeps the image's value)");
  soc_cmd->add_option("--reram-mode", soc.reram_mode, "ReRAM value cells: slc, mlc2 or mlc3")
      ->check(CLI::IsMember({"slc", "mlc2", "mlc3"}));
  soc_cmd->add_option("--reram-faults", soc.reram_fault_seed,
                      "seeded ReRAM level faults on (the golden reads the same faults)");
  soc_cmd->add_option("--timeout-ms", soc.timeout_ms, "firmware wait timeout (wall clock)")
      ->check(CLI::Range(1u, 3600000u));
  soc_cmd->add_option("--watchdog-cycles", soc.hardware.watchdog_cycles,
                      "inproc: fail a wait for the interrupt after this many cycles");
  soc_cmd->add_option("--mismatch-window", soc.mismatch_window, "cycles before a mismatch to dump");
  AddEnergyOptions(soc_cmd, soc.energy_params, soc.clock_mhz);
  soc_cmd->add_option("--shard", soc.shard,
                      "with TSV inputs: run shard I/N only, every N-th input (I 1-based)");
  soc_cmd->add_option("--results", soc.results,
                      "with TSV inputs: per-input results for `edgebert merge` (JSON)");
  Group(soc_cmd, "Input",
        {"--data", "--image", "--task", "--checkpoint", "--tokenizer", "--text", "--ids", "--tsv",
         "--count", "--threshold", "--padded"});
  Group(soc_cmd, "Target",
        {"--target", "--lanes", "--lockstep", "--axi-seed", "--backdoor", "--no-axi-check",
         "--flip", "--reram-mode", "--reram-faults", "--timeout-ms", "--watchdog-cycles"});
  Group(soc_cmd, "Waves",
        {"--waves", "--waves-start", "--waves-stop", "--waves-depth", "--waves-scope",
         "--waves-ops", "--waves-on-failure", "--mismatch-window"});
  Group(soc_cmd, "Energy", {"--energy-params", "--clock-mhz"});
  Group(soc_cmd, "Output", {"--no-progress", "--shard", "--results"});

  edgebert::app::ServeOptions serve;
  auto* sim_cmd = app.add_subcommand(
      "sim", "Serve a simulated accelerator over TCP co-simulation (docs/cosim_protocol.md)");
  sim_cmd->add_option("--serve", serve.endpoint, "[HOST:]PORT to listen on (HOST: 127.0.0.1)")
      ->required();
  sim_cmd->add_option("--target", serve.target, "inproc (the RTL SoC) or golden")
      ->check(CLI::IsMember({"inproc", "golden"}));
  sim_cmd->add_option("--axi-seed", serve.hardware.axi_seed, "randomise AXI valid/ready timing");
  sim_cmd
      ->add_option("--idle-timeout", serve.idle_timeout_s,
                   "seconds a client may stay silent before it is dropped (0: never)")
      ->check(CLI::Range(0u, 604800u));
  sim_cmd->add_flag("!--keep-device-state", serve.reset_on_connect,
                    "do not power-cycle the device for each new client (ReRAM is always kept)");
  sim_cmd->add_option("--lanes", serve.hardware.lanes, "n of the simulated SoC")
      ->check(CLI::IsMember(std::vector<int>(edgebert::sim::TargetLanes().begin(),
                                             edgebert::sim::TargetLanes().end())));
  Group(sim_cmd, "Server", {"--serve", "--idle-timeout", "--keep-device-state"});
  Group(sim_cmd, "Target", {"--target", "--axi-seed", "--lanes"});

  auto* run = app.add_subcommand(
      "demo", "The pipeline piece by piece: float reference, golden, one layer on the PU RTL");
  run->add_option("--data", job.data_dir, "repository holding the fixtures");
  run->add_option("--sentence", job.sentence, "sentence to tokenize and classify");
  run->add_option("--tokens", job.tokens, "PU layer rows (multiple of 16)")
      ->check(CLI::Range(16, 512));
  run->add_option("--in", job.in_features, "PU layer inputs (multiple of 16)")
      ->check(CLI::Range(16, 4096));
  run->add_option("--out", job.out_features, "PU layer outputs (multiple of 16)")
      ->check(CLI::Range(16, 4096));
  run->add_option("--sparsity", job.weight_sparsity, "PU layer weight sparsity")
      ->check(CLI::Range(0.0, 0.99));
  run->add_option("--seed", job.seed, "random seed");
  edgebert::app::CompileJobOptions compile;
  compile.calibration = data_dir + "/tests/model/fixtures/sst2_sample.tsv";
  auto* compile_cmd =
      app.add_subcommand("compile", "Compile a checkpoint and a task preset into a model image");
  compile_cmd
      ->add_option("checkpoint", compile.checkpoint, "directory: config.json, model.safetensors")
      ->check(CLI::ExistingDirectory);
  compile_cmd->add_option("--random-weights", compile.random_weights,
                          "Gaussian weights from this seed (no checkpoint needed)");
  compile_cmd
      ->add_option("--config", compile.config,
                   "config.json of the shapes (default: the checkpoint's, else ALBERT-base)")
      ->check(CLI::ExistingFile);
  compile_cmd->add_option("--task", compile.task, "task preset (yaml/tasks/*.yaml)")
      ->required()
      ->check(CLI::ExistingFile);
  compile_cmd->add_option("-o,--output", compile.output, "model image to write")->required();
  compile_cmd->add_option("--tokenizer", compile.tokenizer,
                          "SentencePiece model (default: CHECKPOINT/spiece.model)");
  compile_cmd->add_option("--calibration", compile.calibration,
                          "label<TAB>sentence TSV for calibration");
  compile_cmd->add_option("--count", compile.count, "calibration sentences")
      ->check(CLI::Range(1, 100000));
  compile_cmd->add_option("--lanes", compile.lanes, "n of the target chip")
      ->check(CLI::IsMember({4, 8, 16, 32}));
  compile_cmd->add_option("--seq-len", compile.seq_len, "sequence length")
      ->check(CLI::Range(1, 512));
  compile_cmd->add_flag("!--no-progress", compile.progress,
                        "no progress line (calibration sentences done, ETA)");
  Group(compile_cmd, "Input",
        {"checkpoint", "--random-weights", "--config", "--task", "--tokenizer", "--calibration",
         "--count"});
  Group(compile_cmd, "Target", {"--lanes", "--seq-len"});
  Group(compile_cmd, "Output", {"--output", "--no-progress"});
  edgebert::app::GoldenJobOptions golden;
  double threshold = 0;
  auto* golden_cmd = app.add_subcommand(
      "golden", "Run a model image on the bit-exact golden accelerator (logits, exits, accuracy)");
  golden_cmd->add_option("image", golden.image, "compiled model (edgebert compile)")
      ->required()
      ->check(CLI::ExistingFile);
  golden_cmd->add_option("--tokenizer", golden.tokenizer, "SentencePiece model")
      ->required()
      ->check(CLI::ExistingFile);
  golden_cmd->add_option("--text", golden.texts, "sentence(s) to classify");
  golden_cmd->add_option("--tsv", golden.tsv, "label<TAB>sentence file: accuracy and exits")
      ->check(CLI::ExistingFile);
  golden_cmd->add_option("--count", golden.count, "TSV sentences")->check(CLI::Range(1, 10000000));
  golden_cmd->add_option("--skip", golden.skip, "TSV sentences to skip first")
      ->check(CLI::NonNegativeNumber);
  auto* threshold_opt = golden_cmd->add_option("--threshold", threshold,
                                               "early-exit entropy threshold, nats (default: "
                                               "the image's)");
  golden_cmd->add_flag("--all-layers", golden.all_layers,
                       "run every layer (the first exit is still reported)");
  golden_cmd->add_flag("--padded", golden.padded,
                       "run the full sequence length instead of the sentence's");
  golden_cmd
      ->add_option("--reram-mode", golden.reram_mode,
                   "ReRAM value cells: slc, mlc2 or mlc3 (as `run`)")
      ->check(CLI::IsMember({"slc", "mlc2", "mlc3"}));
  golden_cmd->add_option("--reram-faults", golden.reram_fault_seed,
                         "seeded ReRAM level faults on (as `run`)");
  golden_cmd->add_option("--json", golden.json,
                         "with --tsv: write the summary (and each sentence's result) as JSON");
  golden_cmd
      ->add_option("-j,--jobs", golden.jobs,
                   "with --tsv: sentences on this many threads (results identical to -j 1)")
      ->check(CLI::Range(1, 256));
  golden_cmd->add_flag("!--no-progress", golden.progress,
                       "with --tsv: no progress line (sentences done, ETA)");
  golden.data_dir = data_dir;
  golden_cmd->add_option("--data", golden.data_dir, "repository holding the energy parameters")
      ->capture_default_str();
  AddEnergyOptions(golden_cmd, golden.energy_params, golden.clock_mhz);
  golden_cmd->add_option("--shard", golden.shard,
                         "with --tsv: run shard I/N only, every N-th sentence (I 1-based)");
  golden_cmd->add_option("--results", golden.results,
                         "with --tsv: per-sentence results for `edgebert merge` (JSON)");
  Group(golden_cmd, "Input",
        {"image", "--tokenizer", "--text", "--tsv", "--count", "--skip", "--threshold",
         "--all-layers", "--padded", "--data"});
  Group(golden_cmd, "Target", {"--reram-mode", "--reram-faults", "--jobs"});
  Group(golden_cmd, "Energy", {"--energy-params", "--clock-mhz"});
  Group(golden_cmd, "Output", {"--json", "--shard", "--results", "--no-progress"});
  edgebert::app::MergeOptions merge;
  auto* merge_cmd = app.add_subcommand(
      "merge", "Merge the --results files of sharded golden/run jobs into one report");
  merge_cmd->add_option("files", merge.files, "the N shards' --results files")
      ->required()
      ->check(CLI::ExistingFile);
  merge_cmd->add_option("--results", merge.results, "write the merged results (as unsharded)");
  edgebert::app::ReferenceJobOptions reference;
  auto* reference_cmd = app.add_subcommand(
      "reference",
      "The float32 reference on a checkpoint: logits, per-layer off-ramp logits and entropies");
  reference_cmd
      ->add_option("checkpoint", reference.checkpoint, "directory: config.json, model.safetensors")
      ->required()
      ->check(CLI::ExistingDirectory);
  reference_cmd->add_option("--text", reference.texts, "sentence(s)");
  reference_cmd->add_option("--ids", reference.ids, "input(s) as comma-separated token ids");
  reference_cmd->add_option("--tsv", reference.tsv, "label<TAB>sentence file: accuracy")
      ->check(CLI::ExistingFile);
  reference_cmd->add_option("--count", reference.count, "TSV sentences")
      ->check(CLI::Range(1, 10000000));
  reference_cmd
      ->add_option("--tokenizer", reference.tokenizer,
                   "SentencePiece model (default: CHECKPOINT/spiece.model)")
      ->check(CLI::ExistingFile);
  reference_cmd->add_option("--task", reference.task, "apply this task's span masks")
      ->check(CLI::ExistingFile);
  edgebert::app::DseOptions dse;
  dse.data_dir = data_dir;
  auto* dse_cmd = app.add_subcommand(
      "dse",
      "Design-space sweep: n x {base, aas, ee, sparse, all} on a few sentences: cycles, latency, "
      "energy, power (CSV, plots)");
  dse_cmd->add_option("--data", dse.data_dir, "repository holding the fixtures and the model")
      ->capture_default_str();
  dse_cmd
      ->add_option("--checkpoint", dse.checkpoint,
                   "checkpoint directory (default: the trained SST-2 model)")
      ->check(CLI::ExistingDirectory);
  dse_cmd->add_option("--task", dse.task, "the preset of 'all' (default: CHECKPOINT/task.yaml)")
      ->check(CLI::ExistingFile);
  dse_cmd->add_option("--random-weights", dse.random_weights,
                      "Gaussian weights of the checkpoint's shapes from this seed");
  dse_cmd->add_option("--tokenizer", dse.tokenizer, "SentencePiece model")
      ->check(CLI::ExistingFile);
  dse_cmd
      ->add_option("--tsv", dse.tsv,
                   "label<TAB>sentence inputs (default: ../shared/data/sst2/dev.tsv when it "
                   "exists, else tests/model/fixtures/sst2_calibration.tsv)")
      ->check(CLI::ExistingFile);
  dse_cmd->add_option("--count", dse.count, "sentences per point")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  dse_cmd->add_option("--seq-len", dse.seq_len, "sequence length T compiled for")
      ->capture_default_str()
      ->check(CLI::Range(1, 512));
  dse_cmd->add_option("--lanes", dse.lanes, "vector sizes n")
      ->capture_default_str()
      ->check(CLI::IsMember({4, 8, 16, 32}));
  dse_cmd->add_option("--optimisations", dse.optimisations, "optimisation sets, in report order")
      ->capture_default_str()
      ->check(CLI::IsMember(edgebert::app::DseOptimisations()));
  dse_cmd->add_option("--target", dse.target, "golden (TLM SoC, fast) or inproc (RTL)")
      ->capture_default_str()
      ->check(CLI::IsMember({"golden", "inproc"}));
  dse_cmd
      ->add_option("--rtl-sample", dse.rtl_sample,
                   "with --target golden: sentences per point rerun on the RTL where it is "
                   "built for n (0: none)")
      ->capture_default_str()
      ->check(CLI::Range(0, 100000));
  dse_cmd->add_option("-o,--out", dse.out, "output folder (dse.csv, dse.md, dse.gp, PNGs)")
      ->capture_default_str();
  dse_cmd->add_flag("--albert-base", dse.albert_base,
                    "paper scale: random ALBERT-base weights (--random-weights, default seed 1), "
                    "preset yaml/tasks/sst2.yaml, reference buffers");
  dse_cmd
      ->add_option("--buffers", dse.buffers,
                   "golden SoC buffers: small (the RTL's) or reference (ALBERT-base sized); "
                   "default: reference with --albert-base, else small")
      ->check(CLI::IsMember({"small", "reference"}));
  dse_cmd
      ->add_option("--exit-depth", dse.exit_depth,
                   "ee and all: each sentence runs floor or ceil of this many layers, their mean "
                   "this (Table IV's mean exit layer), instead of its own exit")
      ->check(CLI::Range(1.0, 48.0));
  dse_cmd->add_option("--calibration", dse.calibration_count, "calibration sentences per compile")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));
  dse_cmd->add_flag("!--no-progress", dse.progress, "no progress line (points done, ETA)");
  AddEnergyOptions(dse_cmd, dse.energy_params, dse.clock_mhz);
  Group(dse_cmd, "Input",
        {"--data", "--checkpoint", "--task", "--random-weights", "--tokenizer", "--tsv", "--count",
         "--seq-len", "--calibration"});
  Group(dse_cmd, "Sweep",
        {"--lanes", "--optimisations", "--target", "--rtl-sample", "--albert-base", "--buffers",
         "--exit-depth"});
  Group(dse_cmd, "Energy", {"--energy-params", "--clock-mhz"});
  Group(dse_cmd, "Output", {"--out", "--no-progress"});
  edgebert::app::ExportJobOptions export_job;
  export_job.data_dir = data_dir;
  double export_threshold = 0;
  auto* export_cmd = app.add_subcommand(
      "export-job",
      "Write one input's job (memory image, stages, commands) as text for the C and Python "
      "clients (sw/clients/)");
  export_cmd->add_option("--data", export_job.data_dir, "folder holding the embedded model");
  export_cmd->add_option("--image", export_job.image, "compiled model (default: the embedded one)")
      ->check(CLI::ExistingFile);
  export_cmd->add_option("--tokenizer", export_job.tokenizer, "SentencePiece model")
      ->check(CLI::ExistingFile);
  export_cmd->add_option("--text", export_job.text, "the sentence");
  export_cmd->add_option("--ids", export_job.ids, "or the input as comma-separated token ids");
  auto* export_threshold_opt = export_cmd->add_option(
      "--threshold", export_threshold, "early-exit entropy threshold, nats (default: the image's)");
  export_cmd->add_flag("--padded", export_job.padded, "run the full sequence length");
  export_cmd->add_option("--lanes", export_job.lanes, "n of the accelerator the job is placed for")
      ->check(CLI::IsMember(std::vector<int>(edgebert::sim::TargetLanes().begin(),
                                             edgebert::sim::TargetLanes().end())));
  export_cmd->add_option("-o,--output", export_job.output, "job file to write")->required();
  Group(export_cmd, "Input",
        {"--data", "--image", "--tokenizer", "--text", "--ids", "--threshold", "--padded"});
  Group(export_cmd, "Target", {"--lanes"});
  Group(export_cmd, "Output", {"--output"});
  auto* info = app.add_subcommand("info", "Print the format and interface constants");

  // --threshold's 0 is a placeholder: unset means the image's threshold.
  for (CLI::Option* o : {soc_threshold_opt, threshold_opt, export_threshold_opt})
    o->default_str("");
  TidyDefaults(&app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // CLI11's own codes vary by error (105, 106, 109, ...): every refusal is a usage error.
    return app.exit(e) == 0 ? 0 : kExitUsage;
  }
  try {
    if (run->parsed()) {
      if (job.tokens % 16 != 0 || job.in_features % 16 != 0 || job.out_features % 16 != 0) {
        std::fprintf(stderr, "edgebert: error: --tokens, --in and --out must be multiples of 16\n");
        return kExitUsage;
      }
      return edgebert::app::RunJob(job);
    }
    if (soc_cmd->parsed()) {
      if (soc_threshold_opt->count() > 0) soc.threshold = soc_threshold;
      return edgebert::app::RunSocJob(soc);
    }
    if (sim_cmd->parsed()) return edgebert::app::RunServeJob(serve);
    if (compile_cmd->parsed()) return edgebert::app::RunCompileJob(compile);
    if (golden_cmd->parsed()) {
      if (threshold_opt->count() > 0) golden.threshold = threshold;
      return edgebert::app::RunGoldenJob(golden);
    }
    if (dse_cmd->parsed()) return edgebert::app::RunDseJob(dse);
    if (merge_cmd->parsed()) return edgebert::app::RunMergeJob(merge);
    if (reference_cmd->parsed()) return edgebert::app::RunReferenceJob(reference);
    if (export_cmd->parsed()) {
      if (export_threshold_opt->count() > 0) export_job.threshold = export_threshold;
      return edgebert::app::RunExportJob(export_job);
    }
    if (info->parsed()) return PrintInfo();
  } catch (const std::invalid_argument& e) {
    // The jobs check their options before they run and throw this (the message names it).
    std::fprintf(stderr, "edgebert: error: %s\n", e.what());
    return kExitUsage;
  } catch (const std::logic_error& e) {
    std::fprintf(stderr, "edgebert: internal error: %s\n", e.what());
    return kExitInternal;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "edgebert: error: %s\n", e.what());
    return kExitFailure;
  } catch (...) {
    std::fprintf(stderr, "edgebert: internal error: an unknown exception\n");
    return kExitInternal;
  }
  return 0;
}
