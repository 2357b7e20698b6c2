#include "soc_run_job.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <sstream>
#include <stdexcept>

#include "driver/device.h"
#include "model/albert_config.h"
#include "model/albert_program.h"
#include "model/albert_reference.h"
#include "model/compiler.h"
#include "model/labelled_text.h"
#include "model/model_image.h"
#include "model/safetensors.h"
#include "model/task_config.h"
#include "model/tokenizer.h"
#include "targets.h"

namespace edgebert::app {
namespace {

constexpr double kClockHz = 500e6;  // the paper's 12 nm implementation

struct Input {
  std::string text;
  model::Encoding encoding;
  int label = -1;  // -1: unknown
};

model::Encoding FromIds(const std::string& list, int seq_len) {
  model::Encoding e;
  std::stringstream s(list);
  std::string item;
  while (std::getline(s, item, ',')) {
    size_t used = 0;
    const int id = std::stoi(item, &used);
    if (used != item.size() && item.find_first_not_of(' ', used) != std::string::npos) {
      throw std::invalid_argument("--ids: '" + item + "' is not a token id");
    }
    e.ids.push_back(id);
  }
  if (e.ids.empty() || static_cast<int>(e.ids.size()) > seq_len) {
    throw std::invalid_argument("--ids: 1 to " + std::to_string(seq_len) + " token ids");
  }
  e.length = static_cast<int>(e.ids.size());
  e.attention.assign(e.ids.size(), 1);
  e.ids.resize(static_cast<size_t>(seq_len), 0);
  e.attention.resize(static_cast<size_t>(seq_len), 0);
  e.token_types.assign(static_cast<size_t>(seq_len), 0);
  return e;
}

driver::Lockstep ParseLockstep(const std::string& mode) {
  if (mode == "none") return driver::Lockstep::kNone;
  if (mode == "stage") return driver::Lockstep::kStage;
  if (mode == "command") return driver::Lockstep::kCommand;
  throw std::invalid_argument("--lockstep must be none, stage or command");
}

std::string Entropies(const std::vector<uint32_t>& q24) {
  std::string out;
  char buffer[32];
  for (const uint32_t h : q24) {
    std::snprintf(buffer, sizeof buffer, "%s%.3f", out.empty() ? "" : " ", h / 16777216.0);
    out += buffer;
  }
  return out;
}

}  // namespace

int RunSocJob(const SocRunOptions& o) {
  const std::filesystem::path data(o.data_dir);
  const std::filesystem::path image_path =
      o.image.empty() ? data / "sw/app/models/sst2-tiny.ebm" : std::filesystem::path(o.image);
  if (!o.task.empty() && !o.image.empty()) {
    throw std::invalid_argument("give --image or --task, not both");
  }
  model::ModelImage image;
  if (o.task.empty()) {
    image = model::LoadModelImage(image_path);
  } else {
    // The checkpoint compiled for the task here, calibrated on the SST-2 sample.
    const std::filesystem::path checkpoint = o.checkpoint.empty()
                                                 ? data / "tests/model/fixtures/albert_tiny"
                                                 : std::filesystem::path(o.checkpoint);
    const model::AlbertConfig config = model::LoadAlbertConfig(checkpoint / "config.json");
    const auto file = model::SafetensorsFile::Load(checkpoint / "model.safetensors");
    model::AlbertWeights weights = model::LoadAlbertWeights(file, config);
    const model::Tokenizer calibration_tokenizer(o.tokenizer.empty()
                                                     ? data / "tests/model/fixtures/sst2_spm.model"
                                                     : std::filesystem::path(o.tokenizer));
    const int seq_len = std::min(128, config.max_position_embeddings);
    std::vector<model::Encoding> calibration;
    for (const auto& entry :
         model::ReadLabelledTsv(data / "tests/model/fixtures/sst2_sample.tsv", 16)) {
      calibration.push_back(calibration_tokenizer.Encode(entry.text, {}, seq_len));
    }
    image = model::CompileModel(config, weights, model::LoadTaskConfig(o.task), calibration,
                                {o.lanes, seq_len});
  }
  const driver::Lockstep lockstep = ParseLockstep(o.lockstep);

  TargetOptions target_options;
  target_options.lanes = o.lanes;
  target_options.axi_seed = o.seed;
  target_options.backdoor = o.backdoor;
  target_options.waves_file = o.waves;
  target_options.waves_start = o.waves_start;
  target_options.waves_stop = o.waves_stop;
  target_options.waves_depth = o.waves_depth;
  std::unique_ptr<driver::Transport> transport = OpenTarget(o.target, target_options);
  driver::Device device(*transport);
  const model::AlbertProgram program(image, device.config());
  const model::CompiledModel& m = program.model();
  const model::Tokenizer tokenizer(o.tokenizer.empty()
                                       ? data / "tests/model/fixtures/sst2_spm.model"
                                       : std::filesystem::path(o.tokenizer));

  std::vector<Input> inputs;
  for (const std::string& text : o.texts) {
    inputs.push_back({text, tokenizer.Encode(text, {}, m.seq_len), -1});
  }
  for (const std::string& ids : o.ids)
    inputs.push_back({"ids " + ids, FromIds(ids, m.seq_len), -1});
  if (inputs.empty()) {
    const std::filesystem::path tsv = o.tsv.empty() ? data / "tests/model/fixtures/sst2_sample.tsv"
                                                    : std::filesystem::path(o.tsv);
    for (const auto& entry : model::ReadLabelledTsv(tsv, o.count)) {
      inputs.push_back({entry.text, tokenizer.Encode(entry.text, {}, m.seq_len), entry.label});
    }
  }
  if (inputs.empty()) throw std::invalid_argument("no input");

  int heads_on = 0;
  for (const int span : m.spans) heads_on += span > 0;
  std::printf(
      "edgebert run: %s (task %s; %d layers, hidden %d, %d of %d heads on, n = %d, T = %d)\n",
      image_path.filename().c_str(), m.task.c_str(), m.shape.num_hidden_layers, m.shape.hidden_size,
      heads_on, m.shape.num_attention_heads, m.lanes, m.seq_len);
  if (o.image.empty() && o.checkpoint.empty()) {
    std::printf("(the embedded model is the tiny random-weight fixture: labels mean nothing)\n");
  }
  const auto wall_start = std::chrono::steady_clock::now();
  const driver::LoadReport load = device.Load(program);
  LoadsDone(*transport);
  std::printf("target %s: model loaded in %llu cycles (%llu words; embeddings %s)\n",
              o.target.c_str(), static_cast<unsigned long long>(load.cycles),
              static_cast<unsigned long long>(load.words_written),
              load.reram_written ? "written to ReRAM" : "already in ReRAM, not rewritten");

  driver::RunOptions run;
  if (o.threshold)
    run.entropy_threshold_q24 = static_cast<uint32_t>(*o.threshold * (1 << 24) + 0.5);
  run.lockstep = lockstep;
  run.padded_rows = o.padded;
  const double threshold = run.entropy_threshold_q24.value_or(m.entropy_threshold_q24) / 16777216.0;

  std::vector<driver::RunResult> results;
  uint64_t total_cycles = load.cycles;
  bool all_match = true;
  for (size_t i = 0; i < inputs.size(); ++i) {
    results.push_back(device.Run(program, inputs[i].encoding, run));
    const driver::RunResult& r = results.back();
    total_cycles += r.cycles;
    all_match = all_match && r.mismatch.empty();
    if (o.progress) {
      std::printf(
          "[%zu/%zu] \"%s\": %d tokens -> label %d, %s, entropies %s, %llu cycles, %u "
          "interrupts%s\n",
          i + 1, inputs.size(), inputs[i].text.c_str(), r.keys, r.label,
          r.exit_layer >= 0 ? ("exit after layer " + std::to_string(r.exit_layer + 1)).c_str()
                            : "no exit",
          Entropies(r.entropies_q24).c_str(), static_cast<unsigned long long>(r.cycles),
          r.interrupts, r.mismatch.empty() ? "" : ("; GOLDEN MISMATCH " + r.mismatch).c_str());
      std::fflush(stdout);
    }
  }
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();

  // The simulation is deterministic: replaying the same loads and inputs on a fresh traced SoC
  // reaches the mismatch at the same cycle, with the window before it dumped.
  for (size_t i = 0; i < results.size() && !o.waves_on_mismatch.empty(); ++i) {
    if (results[i].mismatch.empty()) continue;
    TargetOptions replay = target_options;
    replay.waves_file = o.waves_on_mismatch;
    const uint64_t at = results[i].mismatch_cycle;
    replay.waves_start = at > o.mismatch_window ? at - o.mismatch_window : 0;
    replay.waves_stop = at + 1;
    std::unique_ptr<driver::Transport> traced = OpenTarget(o.target, replay);
    driver::Device again(*traced);
    again.Load(program);
    LoadsDone(*traced);
    for (size_t j = 0; j <= i; ++j) again.Run(program, inputs[j].encoding, run);
    std::printf("waves of cycles %llu..%llu before the mismatch of input %zu: %s\n",
                static_cast<unsigned long long>(replay.waves_start),
                static_cast<unsigned long long>(at), i + 1, o.waves_on_mismatch.c_str());
    break;
  }

  std::printf(
      "\n| # | tokens | rows | label | expected | exit layer | cycles | us @ 500 MHz | "
      "MAC util | VMACs skipped | golden |\n");
  std::printf("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
  int correct = 0, labelled = 0;
  double exit_sum = 0;
  for (size_t i = 0; i < results.size(); ++i) {
    const driver::RunResult& r = results[i];
    const double util = r.perf.busy_cycles == 0
                            ? 0
                            : 100.0 * static_cast<double>(r.perf.vmacs) / m.lanes /
                                  static_cast<double>(r.perf.busy_cycles);
    const double skipped = r.perf.vmacs == 0 ? 0
                                             : 100.0 * static_cast<double>(r.perf.vmacs_skipped) /
                                                   static_cast<double>(r.perf.vmacs);
    const int depth = r.exit_layer >= 0 ? r.exit_layer + 1 : r.layers_run;
    exit_sum += depth;
    if (inputs[i].label >= 0) {
      ++labelled;
      correct += r.label == inputs[i].label;
    }
    std::printf("| %zu | %d | %d | %d | %s | %d%s | %llu | %.1f | %.1f %% | %.1f %% | %s |\n",
                i + 1, r.keys, r.rows, r.label,
                inputs[i].label >= 0 ? std::to_string(inputs[i].label).c_str() : "-", depth,
                r.exit_layer >= 0 && depth < m.shape.num_hidden_layers ? " (early)" : "",
                static_cast<unsigned long long>(r.cycles),
                static_cast<double>(r.cycles) / kClockHz * 1e6, util, skipped,
                lockstep == driver::Lockstep::kNone ? "not checked"
                : r.mismatch.empty()                ? "match"
                                                    : "MISMATCH");
  }
  std::printf("\nthreshold %.3f nats; average exit layer %.2f of %d", threshold,
              exit_sum / static_cast<double>(results.size()), m.shape.num_hidden_layers);
  if (labelled > 0) std::printf("; %d of %d labels as in the data", correct, labelled);
  std::printf(
      "\n%d of %d heads skipped by their spans; %llu cycles simulated in %.2f s (%.0f "
      "cycles/s)\n",
      m.shape.num_attention_heads - heads_on, m.shape.num_attention_heads,
      static_cast<unsigned long long>(total_cycles), wall,
      static_cast<double>(total_cycles) / wall);
  if (lockstep != driver::Lockstep::kNone) {
    std::printf("golden lockstep (%s): %s\n", o.lockstep.c_str(),
                all_match ? "every result bit-exact" : "MISMATCH (see above)");
  }
  return all_match ? 0 : 1;
}

}  // namespace edgebert::app
