#include "soc_run_job.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "energy/activity.h"
#include "energy/energy_model.h"
#include "energy/energy_params.h"
#include "golden/gb_golden.h"
#include "golden/reram.h"
#include "id_list.h"
#include "lockstep/model_device.h"
#include "model/albert_config.h"
#include "model/albert_program.h"
#include "model/albert_reference.h"
#include "model/compiler.h"
#include "model/labelled_text.h"
#include "model/model_image.h"
#include "model/safetensors.h"
#include "model/task_config.h"
#include "model/tokenizer.h"
#include "output_path.h"
#include "reram_options.h"
#include "shard.h"
#include "targets/target_factory.h"
#include "threshold_option.h"
#include "util/hex.h"
#include "util/progress.h"

namespace edgebert::app {
namespace {

constexpr const char* kDefaultEnergyParams = "yaml/energy/edgebert_12nm.yaml";
// The embedded default model (tools/train, compiled by `make train`) and its vocabulary.
constexpr const char* kDefaultImage = "sw/app/models/sst2.ebm";
constexpr const char* kDefaultTokenizer = "sw/app/models/sst2-albert/spiece.model";

struct Input {
  std::string text;
  model::Encoding encoding;
  int label = -1;  // -1: unknown
};

lockstep::Lockstep ParseLockstep(const std::string& mode) {
  if (mode == "none") return lockstep::Lockstep::kNone;
  if (mode == "stage") return lockstep::Lockstep::kStage;
  if (mode == "command") return lockstep::Lockstep::kCommand;
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

// --flip ADDRESS:BIT: one stored bit inverted after the load (the golden twin keeps the image's
// value), to see lockstep and the waves catch a fault.
struct Flip {
  uint32_t address = 0;  // 4-aligned
  int bit = 0;           // of the 32-bit word at address
};

// An unsigned number, decimal or 0x-prefixed hex, and nothing else; nullopt otherwise.
std::optional<uint64_t> ParseUnsigned(std::string_view text) {
  int base = 10;
  if (text.starts_with("0x") || text.starts_with("0X")) {
    text.remove_prefix(2);
    base = 16;
  }
  uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, base);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::vector<Flip> ParseFlips(const std::vector<std::string>& specs) {
  std::vector<Flip> flips;
  for (const std::string& spec : specs) {
    const auto colon = spec.rfind(':');
    const auto address =
        colon == std::string::npos ? std::nullopt : ParseUnsigned(spec.substr(0, colon));
    const auto bit =
        colon == std::string::npos ? std::nullopt : ParseUnsigned(spec.substr(colon + 1));
    if (!address || !bit || *address > 0xFFFFFFFFu || *address % 4 != 0 || *bit > 31) {
      throw std::invalid_argument("--flip '" + spec +
                                  "': want ADDRESS:BIT (a 4-aligned bus address, bit 0..31 of "
                                  "its 32-bit word), e.g. 0x14000000:0");
    }
    flips.push_back({static_cast<uint32_t>(*address), static_cast<int>(*bit)});
  }
  return flips;
}

// --waves-ops FIRST:LAST (or FIRST: to the end).
std::optional<std::pair<uint32_t, uint32_t>> ParseOps(const std::string& spec) {
  if (spec.empty()) return std::nullopt;
  const auto colon = spec.find(':');
  std::optional<uint64_t> first, last;
  if (colon != std::string::npos) {
    first = ParseUnsigned(spec.substr(0, colon));
    last = colon + 1 == spec.size() ? 0xFFFFFFFFu : ParseUnsigned(spec.substr(colon + 1));
  }
  if (!first || !last || *last > 0xFFFFFFFFu || *first > *last) {
    throw std::invalid_argument("--waves-ops '" + spec +
                                "': want FIRST:LAST command numbers (FIRST <= LAST) or FIRST:");
  }
  return std::pair<uint32_t, uint32_t>(static_cast<uint32_t>(*first), static_cast<uint32_t>(*last));
}

// A target with a driver on it. The first run and a replay open and load theirs the same way,
// so the replay reaches the same cycles.
struct Session {
  std::unique_ptr<driver::Transport> transport;
  std::unique_ptr<lockstep::ModelDevice> device;
};

Session OpenSession(const std::string& target, const sim::TargetOptions& options) {
  Session s;
  s.transport = sim::OpenTarget(target, options);
  s.device = std::make_unique<lockstep::ModelDevice>(*s.transport);
  return s;
}

driver::LoadReport LoadSession(Session& s, const model::AlbertProgram& program,
                               const golden::ReramReadSettings& reram,
                               const std::vector<Flip>& flips, bool report) {
  const driver::LoadReport load = s.device->Load(program);
  sim::LoadsDone(*s.transport);
  s.device->SetReram(reram);
  for (const Flip& f : flips) {
    uint32_t word = 0;
    if (s.transport->Read(f.address, std::span<uint32_t>(&word, 1)) != driver::BusResponse::kOkay) {
      throw std::invalid_argument("--flip: the word at " + util::Hex(f.address, 8) +
                                  " cannot be read");
    }
    const uint32_t flipped = word ^ (1u << f.bit);
    if (s.transport->Write(f.address, std::span<const uint32_t>(&flipped, 1)) !=
        driver::BusResponse::kOkay) {
      throw std::invalid_argument("--flip: the word at " + util::Hex(f.address, 8) +
                                  " cannot be written");
    }
    if (report) {
      std::printf("injected: bit %d of the word at %s flipped (%s -> %s)\n", f.bit,
                  util::Hex(f.address, 8).c_str(), util::Hex(word, 8).c_str(),
                  util::Hex(flipped, 8).c_str());
    }
  }
  return load;
}

// The GTKWave translate filters: an install's share/edgebert/gtkwave (under the data folder),
// else those this build generated.
std::filesystem::path GtkwaveFilters(const std::string& data_dir) {
  const std::filesystem::path installed = std::filesystem::path(data_dir) / "gtkwave";
  std::error_code error;
  return std::filesystem::is_directory(installed, error)
             ? installed
             : std::filesystem::path(EDGEBERT_GTKWAVE_DIR);
}

// The FST's size and cycles, and the GTKWave save file written next to it.
void ReportWaves(const std::string& file, const std::string& what, const std::string& data_dir) {
  std::error_code error;
  const auto bytes = std::filesystem::file_size(file, error);
  if (error) {
    std::printf("%s: %s was not written\n", what.c_str(), file.c_str());
    return;
  }
  std::printf("%s: %s (%.1f KiB FST)", what.c_str(), file.c_str(),
              static_cast<double>(bytes) / 1024.0);
  try {
    const sim::WavesCompanion c = sim::WriteWavesCompanion(file, GtkwaveFilters(data_dir).string());
    std::printf(" holds cycles %llu..%llu; open it with gtkwave %s (%zu of %zu signals)\n",
                static_cast<unsigned long long>(c.first_cycle),
                static_cast<unsigned long long>(c.last_cycle), c.save_file.c_str(), c.signals,
                c.catalogue);
  } catch (const std::runtime_error& e) {
    std::printf("\n%s: no GTKWave save file: %s\n", what.c_str(), e.what());
  }
}

// "0x3a 0xb2": the logits as the accelerator left them (AF8 codes), for comparing with clients
// outside this code base (sw/clients/).
std::string LogitCodes(const lockstep::RunResult& r) {
  std::string out;
  char buffer[8];
  for (const uint8_t code : r.logit_codes) {
    std::snprintf(buffer, sizeof buffer, "%s0x%02x", out.empty() ? "" : " ", code);
    out += buffer;
  }
  return out;
}

// " (estimated: PU, GB)" for an energy with estimated components, else "".
std::string EstimatedNote(const energy::SentenceEnergy& e) {
  const std::string components = EstimatedComponents(e, ", ");
  return components.empty() ? "" : " (estimated: " + components + ")";
}

}  // namespace

std::string EstimatedComponents(const energy::SentenceEnergy& e, const char* separator) {
  std::string out;
  const std::pair<const char*, const energy::ComponentEnergy*> components[] = {
      {"PU", &e.pu}, {"GB", &e.gb}, {"SRAM", &e.sram}, {"ReRAM", &e.reram}};
  for (const auto& [name, c] : components) {
    if (c->estimated) out += std::string(out.empty() ? "" : separator) + name;
  }
  return out;
}

void CheckClockMhz(double mhz) {
  if (!std::isfinite(mhz) || mhz < kMinClockMhz || mhz > kMaxClockMhz) {
    throw std::invalid_argument("--clock-mhz must be in [" + std::to_string(kMinClockMhz) + ", " +
                                std::to_string(kMaxClockMhz) + "] MHz");
  }
}

std::string EnergyParamsPath(const std::string& data_dir, const std::string& path) {
  return path.empty() ? (std::filesystem::path(data_dir) / kDefaultEnergyParams).string() : path;
}

int RunSocJob(const SocRunOptions& o) {
  const std::filesystem::path data(o.data_dir);
  const std::filesystem::path image_path =
      o.image.empty() ? data / kDefaultImage : std::filesystem::path(o.image);
  if (!o.task.empty() && !o.image.empty()) {
    throw std::invalid_argument("give --image or --task, not both");
  }
  // Checked before anything is loaded or simulated.
  const std::optional<uint32_t> threshold_q24 = ThresholdOption(o.threshold);
  CheckOutputPath("--waves", o.hardware.waves_file);
  CheckOutputPath("--waves-on-failure", o.waves_on_mismatch);
  CheckOutputPath("--results", o.results);
  if ((!o.shard.empty() || !o.results.empty()) && (!o.texts.empty() || !o.ids.empty())) {
    throw std::invalid_argument("--shard and --results take TSV inputs (--tsv), not --text/--ids");
  }
  const std::optional<Shard> shard =
      o.shard.empty() ? std::nullopt : std::optional<Shard>(ParseShard(o.shard));
  const bool any_waves = !o.hardware.waves_file.empty() || !o.waves_on_mismatch.empty();
  if (!any_waves &&
      (!o.waves_ops.empty() || !o.hardware.waves_scopes.empty() || o.hardware.waves_start != 0 ||
       o.hardware.waves_stop != 0 || o.hardware.waves_depth != 0)) {
    throw std::invalid_argument(
        "--waves-ops, --waves-scope, --waves-start, --waves-stop and --waves-depth select what a "
        "waves file holds: give --waves or --waves-on-failure too");
  }
  if (any_waves) sim::CheckWaveScopes(o.hardware.waves_scopes);
  CheckClockMhz(o.clock_mhz);
  const energy::EnergyParams energy_params =
      energy::LoadEnergyParams(EnergyParamsPath(o.data_dir, o.energy_params));
  const double clock_hz = o.clock_mhz * 1e6;
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
    const std::vector<model::Encoding> calibration = model::EncodeLabelledTsv(
        calibration_tokenizer, data / "tests/model/fixtures/sst2_sample.tsv", 16, seq_len);
    image = model::CompileModel(config, weights, model::LoadTaskConfig(o.task), calibration,
                                {o.hardware.lanes, seq_len});
  }
  const lockstep::Lockstep lockstep = ParseLockstep(o.lockstep);
  const std::vector<Flip> flips = ParseFlips(o.flips);

  sim::TargetOptions target_options = o.hardware;
  target_options.waves_ops = ParseOps(o.waves_ops);
  Session session = OpenSession(o.target, target_options);
  const model::AlbertProgram program(image, session.device->config());
  const model::CompiledModel& m = program.model();
  // The embedded model reads its own vocabulary; other images the fixtures' unless told.
  const std::filesystem::path default_tokenizer =
      o.image.empty() && o.task.empty() ? data / kDefaultTokenizer
                                        : data / "tests/model/fixtures/sst2_spm.model";
  const model::Tokenizer tokenizer(o.tokenizer.empty() ? default_tokenizer
                                                       : std::filesystem::path(o.tokenizer));

  std::vector<Input> inputs;
  for (const std::string& text : o.texts) {
    inputs.push_back({text, tokenizer.Encode(text, {}, m.seq_len), -1});
  }
  for (const std::string& ids : o.ids)
    inputs.push_back({"ids " + ids, EncodingFromIdList(ids, m.seq_len), -1});
  // positions[i]: input i's place in the TSV selection (a shard keeps every N-th).
  std::vector<std::size_t> positions;
  std::size_t selected = 0;
  const std::filesystem::path tsv =
      o.tsv.empty() ? data / "tests/model/fixtures/sst2_sample.tsv" : std::filesystem::path(o.tsv);
  if (inputs.empty()) {
    const std::vector<model::LabelledText> entries = model::ReadLabelledTsv(tsv, o.count);
    selected = entries.size();
    if (shard) {
      positions = ShardPositions(selected, *shard);
    } else {
      for (std::size_t p = 0; p < selected; ++p) positions.push_back(p);
    }
    for (const std::size_t p : positions) {
      const auto& entry = entries[p];
      inputs.push_back({entry.text, tokenizer.Encode(entry.text, {}, m.seq_len), entry.label});
    }
    if (shard) {
      std::printf("shard %d/%d: %zu of %zu inputs\n", shard->index, shard->count, inputs.size(),
                  selected);
    }
  }
  if (inputs.empty()) throw std::invalid_argument("no input");

  int heads_on = 0;
  for (const int span : m.spans) heads_on += span > 0;
  std::printf(
      "edgebert run: %s (task %s; %d layers, hidden %d, %d of %d heads on, n = %d, T = %d)\n",
      image_path.filename().c_str(), m.task.c_str(), m.shape.num_hidden_layers, m.shape.hidden_size,
      heads_on, m.shape.num_attention_heads, m.lanes, m.seq_len);
  if (o.image.empty() && o.task.empty()) {
    std::printf(
        "(the embedded model: an ALBERT trained on SST-2 by tools/train; docs/results.md)\n");
  }
  const auto wall_start = std::chrono::steady_clock::now();
  const golden::ReramReadSettings reram = ParseReramSettings(o.reram_mode, o.reram_fault_seed);
  const driver::LoadReport load = LoadSession(session, program, reram, flips, /*report=*/true);
  if (!o.reram_mode.empty() || reram.fault_en) {
    std::printf("ReRAM value region: %s\n", DescribeReramSettings(reram).c_str());
  }
  std::printf("target %s: model loaded in %llu cycles (%llu words; embeddings %s)\n",
              o.target.c_str(), static_cast<unsigned long long>(load.cycles),
              static_cast<unsigned long long>(load.words_written),
              load.reram_written ? "written to ReRAM" : "already in ReRAM, not rewritten");

  lockstep::RunOptions run;
  run.entropy_threshold_q24 = threshold_q24;
  run.lockstep = lockstep;
  run.padded_rows = o.padded;
  if (o.timeout_ms) run.timeout_ms = *o.timeout_ms;
  const double threshold = run.entropy_threshold_q24.value_or(m.entropy_threshold_q24) / 16777216.0;

  std::vector<lockstep::RunResult> results;
  std::vector<energy::SentenceEnergy> energies;
  uint64_t total_cycles = load.cycles;
  bool all_match = true;
  // A firmware or transport failure stops the job: what it said and the cycle it was seen at.
  std::string failure;
  uint64_t failure_cycle = 0;
  const auto inputs_start = std::chrono::steady_clock::now();
  for (size_t i = 0; i < inputs.size(); ++i) {
    try {
      results.push_back(session.device->Run(program, inputs[i].encoding, run));
    } catch (const std::runtime_error& e) {  // driver::DeviceError, driver::TransportError
      failure = "input " + std::to_string(i + 1) + ": " + e.what();
      failure_cycle = session.transport->Cycles();
      std::printf("[%zu/%zu] FAILED at cycle %llu: %s\n", i + 1, inputs.size(),
                  static_cast<unsigned long long>(failure_cycle), e.what());
      break;
    }
    const lockstep::RunResult& r = results.back();
    energies.push_back(energy::SentenceEnergyOf(
        energy_params, energy::FromPerfCounters(r.perf, r.cycles), m.lanes, o.clock_mhz));
    const energy::SentenceEnergy& e = energies.back();
    total_cycles += r.cycles;
    all_match = all_match && r.mismatch.empty();
    if (!o.progress && !r.mismatch.empty()) {
      std::printf("[%zu/%zu] GOLDEN MISMATCH %s\n", i + 1, inputs.size(), r.mismatch.c_str());
    }
    if (o.progress) {
      // The ETA at the mean time per input so far (util/progress.h); none after the last.
      const double elapsed =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - inputs_start).count();
      const std::string eta =
          i + 1 < inputs.size() ? ", " + util::EtaText(i + 1, inputs.size(), elapsed) : "";
      std::printf(
          "[%zu/%zu] \"%s\": %d tokens -> label %d, %s, entropies %s, %llu cycles, %.3f uJ, "
          "%.2f mW%s, %u interrupts, logit codes %s%s%s\n",
          i + 1, inputs.size(), inputs[i].text.c_str(), r.keys, r.label,
          r.exit_layer >= 0 ? ("exit after layer " + std::to_string(r.exit_layer + 1)).c_str()
                            : "no exit",
          Entropies(r.entropies_q24).c_str(), static_cast<unsigned long long>(r.cycles), e.total_uj,
          e.average_power_mw, EstimatedNote(e).c_str(), r.interrupts, LogitCodes(r).c_str(),
          eta.c_str(), r.mismatch.empty() ? "" : ("; GOLDEN MISMATCH " + r.mismatch).c_str());
      std::fflush(stdout);
    }
  }
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  session = {};  // closes a --waves file
  if (!o.hardware.waves_file.empty()) ReportWaves(o.hardware.waves_file, "waves", o.data_dir);

  // The simulation is deterministic: replaying the same loads, faults and inputs on a fresh
  // traced SoC reaches the mismatch (or the failure) at the same cycle, with the window before
  // it dumped.
  if (!o.waves_on_mismatch.empty()) {
    size_t failed = results.size();  // the input that failed, if one did
    uint64_t at = failure_cycle;
    for (size_t i = 0; i < results.size(); ++i) {
      if (results[i].mismatch.empty()) continue;
      failed = i;
      at = results[i].mismatch_cycle;
      break;
    }
    if (failed < results.size() || !failure.empty()) {
      sim::TargetOptions replay = target_options;
      replay.waves_file = o.waves_on_mismatch;
      // Transport cycles count those run: the detection came after cycle at - 1.
      replay.waves_start = at > o.mismatch_window ? at - o.mismatch_window : 0;
      replay.waves_stop = at;
      Session again = OpenSession(o.target, replay);
      LoadSession(again, program, reram, flips, /*report=*/false);
      try {
        for (size_t j = 0; j <= failed && j < inputs.size(); ++j) {
          again.device->Run(program, inputs[j].encoding, run);
        }
      } catch (const std::runtime_error&) {
        // The failure again, as expected: the waves up to it are written.
      }
      again = {};
      ReportWaves(o.waves_on_mismatch,
                  "waves of cycles " + std::to_string(replay.waves_start) + ".." +
                      std::to_string(at - 1) + " before the " +
                      (failed < results.size() ? "mismatch" : "failure") + " of input " +
                      std::to_string(failed + 1),
                  o.data_dir);
    }
  }

  std::printf(
      "\n| # | tokens | rows | label | expected | exit layer | cycles | us @ %g MHz | uJ | mW | "
      "MAC util | VMACs skipped | golden |\n",
      o.clock_mhz);
  std::printf(
      "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- "
      "|\n");
  int correct = 0, labelled = 0;
  double exit_sum = 0;
  for (size_t i = 0; i < results.size(); ++i) {
    const lockstep::RunResult& r = results[i];
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
    std::printf(
        "| %zu | %d | %d | %d | %s | %d%s | %llu | %.1f | %.3f | %.2f | %.1f %% | %.1f %% | %s |\n",
        i + 1, r.keys, r.rows, r.label,
        inputs[i].label >= 0 ? std::to_string(inputs[i].label).c_str() : "-", depth,
        r.exit_layer >= 0 && depth < m.shape.num_hidden_layers ? " (early)" : "",
        static_cast<unsigned long long>(r.cycles), static_cast<double>(r.cycles) / clock_hz * 1e6,
        energies[i].total_uj, energies[i].average_power_mw, util, skipped,
        lockstep == lockstep::Lockstep::kNone ? "not checked"
        : r.mismatch.empty()                  ? "match"
                                              : "MISMATCH");
  }
  std::printf("\nthreshold %.3f nats; average exit layer %.2f of %d", threshold,
              exit_sum / std::max<double>(1.0, static_cast<double>(results.size())),
              m.shape.num_hidden_layers);
  if (labelled > 0) std::printf("; %d of %d labels as in the data", correct, labelled);
  std::printf(
      "\n%d of %d heads skipped by their spans; %llu cycles simulated in %.2f s (%.0f "
      "cycles/s)\n",
      m.shape.num_attention_heads - heads_on, m.shape.num_attention_heads,
      static_cast<unsigned long long>(total_cycles), wall,
      static_cast<double>(total_cycles) / wall);
  if (!energies.empty()) {
    double total_uj = 0, seconds = 0, sentence_cycles = 0;
    for (size_t i = 0; i < energies.size(); ++i) {
      total_uj += energies[i].total_uj;
      seconds += energies[i].seconds;
      sentence_cycles += static_cast<double>(results[i].cycles);
    }
    const auto count = static_cast<double>(energies.size());
    // Mean power: the mean energy over the mean time (total energy / total time).
    std::printf(
        "energy (%s, n = %d, %g MHz): %.3f uJ for %zu inputs, mean %.3f uJ per input, mean "
        "power %.2f mW, mean latency %.1f us%s\n",
        energy_params.technology.c_str(), m.lanes, o.clock_mhz, total_uj, energies.size(),
        total_uj / count, total_uj / seconds * 1e-3, sentence_cycles / count / clock_hz * 1e6,
        EstimatedNote(energies.front()).c_str());
  }
  if (!o.results.empty()) {
    // What finished: a failed job's file lacks the rest, which `edgebert merge` refuses.
    ShardResults out;
    out.job = "run";
    out.target = o.target;
    if (o.task.empty()) {
      out.image = image_path.string();
      out.image_digest = ImageDigest(image_path);
    } else {
      out.image = (o.checkpoint.empty() ? std::string("the tiny fixture") : o.checkpoint) +
                  " compiled for " + o.task + " (n = " + std::to_string(o.hardware.lanes) + ")";
    }
    out.task = m.task;
    out.layers = m.shape.num_hidden_layers;
    out.lanes = m.lanes;
    out.threshold_q24 = run.entropy_threshold_q24.value_or(m.entropy_threshold_q24);
    out.clock_mhz = o.clock_mhz;
    out.technology = energy_params.technology;
    out.tsv = tsv.string();
    out.selected = selected;
    out.shard = shard.value_or(Shard{});
    for (size_t i = 0; i < results.size(); ++i) {
      const lockstep::RunResult& r = results[i];
      out.sentences.push_back({positions[i], inputs[i].label, r.label, r.exit_layer + 1,
                               r.exit_layer >= 0 ? r.exit_layer + 1 : r.layers_run, r.cycles,
                               energies[i].total_uj, energies[i].seconds});
    }
    WriteShardResults(o.results, out);
    std::printf("shard results: %s (edgebert merge)\n", o.results.c_str());
  }
  if (lockstep != lockstep::Lockstep::kNone) {
    // A job that failed has no verdict on the inputs it did not finish.
    const std::string verdict = !all_match ? "MISMATCH (see above)"
                                : failure.empty()
                                    ? "every result bit-exact"
                                    : "FAILED after " + std::to_string(results.size()) + " of " +
                                          std::to_string(inputs.size()) +
                                          " inputs (see above); the results before it bit-exact";
    std::printf("golden lockstep (%s): %s\n", o.lockstep.c_str(), verdict.c_str());
  }
  if (!failure.empty()) {
    std::fprintf(stderr, "edgebert run: FAILED %s\n", failure.c_str());
    return 1;
  }
  return all_match ? 0 : 1;
}

}  // namespace edgebert::app
