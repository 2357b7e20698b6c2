#include "export_job.h"

#include <cinttypes>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "firmware/inference.h"
#include "id_list.h"
#include "lockstep/model_device.h"
#include "model/albert_program.h"
#include "model/model_image.h"
#include "model/tokenizer.h"
#include "numerics/af8.h"
#include "output_path.h"
#include "targets/target_factory.h"
#include "threshold_option.h"

namespace edgebert::app {
namespace {

constexpr const char* kDefaultImage = "sw/app/models/sst2.ebm";
constexpr const char* kDefaultTokenizer = "sw/app/models/sst2-albert/spiece.model";

// Words, eight to a line.
void WriteWords(std::ostream& out, std::span<const uint32_t> words) {
  char buffer[16];
  for (size_t i = 0; i < words.size(); ++i) {
    std::snprintf(buffer, sizeof buffer, "%08" PRIx32, words[i]);
    out << buffer << ((i % 8 == 7 || i + 1 == words.size()) ? "\n" : " ");
  }
}

std::vector<uint32_t> Words(std::span<const uint8_t> bytes) {
  std::vector<uint32_t> words((bytes.size() + 3) / 4, 0);
  for (size_t i = 0; i < bytes.size(); ++i) words[i / 4] |= uint32_t{bytes[i]} << (8 * (i % 4));
  return words;
}

void WriteAux(std::ostream& out, const char* record, const model::AuxBlock& block) {
  out << record << ' ' << block.address << ' ' << block.bytes.size() << '\n';
  WriteWords(out, Words(block.bytes));
}

}  // namespace

int RunExportJob(const ExportJobOptions& o) {
  const std::filesystem::path data(o.data_dir);
  if (o.text.empty() == o.ids.empty()) {
    throw std::invalid_argument("export-job: give one input, --text or --ids");
  }
  if (o.output.empty()) throw std::invalid_argument("export-job: give -o FILE");
  CheckOutputPath("-o", o.output);
  const std::optional<uint32_t> threshold_q24 = ThresholdOption(o.threshold);
  const std::filesystem::path image_path =
      o.image.empty() ? data / kDefaultImage : std::filesystem::path(o.image);
  const model::ModelImage image = model::LoadModelImage(image_path);

  // The accelerator's sizes as its HWCFG registers give them: the golden SoC of this n has the
  // RTL SoC's (tests/system/golden_timing_test.cc).
  sim::TargetOptions target;
  target.lanes = o.lanes;
  const std::unique_ptr<driver::Transport> transport = sim::OpenTarget("golden", target);
  lockstep::ModelDevice device(*transport);
  const model::AlbertProgram program(image, device.config());
  const model::CompiledModel& m = program.model();

  model::Encoding input;
  if (!o.text.empty()) {
    const model::Tokenizer tokenizer(o.tokenizer.empty() ? data / kDefaultTokenizer
                                                         : std::filesystem::path(o.tokenizer));
    input = tokenizer.Encode(o.text, {}, m.seq_len);
  } else {
    input = EncodingFromIdList(o.ids, m.seq_len);
  }
  const auto [rows, keys] = program.ShapeOf(input.attention, o.padded);
  // The stages lockstep::ModelDevice::Run gives the firmware.
  std::vector<model::Stage> stages = {program.EmbeddingStage(rows)};
  for (int l = 0; l < m.shape.num_hidden_layers; ++l) {
    stages.push_back(program.LayerStage(l, rows, keys));
  }
  const driver::MemoryImage memory = lockstep::MemoryImageOf(program, device.config());

  std::ofstream out(o.output, std::ios::trunc);
  if (!out) throw std::runtime_error("-o " + o.output + ": cannot write");
  out << "edgebert-job 1\n";
  out << "# " << image_path.filename().string() << ", input of " << keys << " tokens, " << rows
      << " rows" << (o.text.empty() ? "" : ": " + o.text) << "\n";
  out << "lanes " << m.lanes << "\nlabels " << m.shape.num_labels << "\nthreshold_q24 "
      << threshold_q24.value_or(m.entropy_threshold_q24) << "\nlogits_vector "
      << program.uab().logits << "\ntimeout_ms " << lockstep::RunOptions{}.timeout_ms << "\n";
  for (const driver::MemoryWrite& w : memory.reram) {
    out << "reram " << w.address << ' ' << w.words.size() << '\n';
    WriteWords(out, w.words);
  }
  for (const driver::MemoryWrite& w : memory.rest) {
    out << "write " << w.address << ' ' << w.words.size() << '\n';
    WriteWords(out, w.words);
  }
  for (const model::AuxBlock& b : program.InputLoads(input.ids, input.token_types)) {
    WriteAux(out, "input", b);
  }
  for (const model::Stage& s : stages) {
    out << "stage " << s.layer << ' ' << (s.logits ? 1 : 0) << ' ' << s.loads.size() << ' '
        << s.commands.size() << '\n';
    for (const model::AuxBlock& b : s.loads) WriteAux(out, "load", b);
    for (const model::ProgramCommand& c : s.commands) {
      out << "command ";
      WriteWords(out, c.words);
    }
    if (s.logits) {
      // Each AF8 code's value at this off-ramp's bias: clients decode without an AF8 library.
      out << "logit_values";
      char buffer[40];
      for (int code = 0; code < 256; ++code) {
        std::snprintf(buffer, sizeof buffer, " %.17g",
                      af8::Decode(static_cast<uint8_t>(code), s.logits->exp));
        out << buffer;
      }
      out << '\n';
    }
  }
  out << "end\n";
  out.close();
  if (!out) throw std::runtime_error("-o " + o.output + ": cannot write");
  std::printf("export-job: %s: %zu stages, %d tokens, %d rows, n = %d (%s)\n", o.output.c_str(),
              stages.size(), keys, rows, m.lanes, image_path.filename().c_str());
  return 0;
}

}  // namespace edgebert::app
