// `edgebert export-job`: one input's work for the accelerator as a text file (docs/job_file.md),
// for drivers outside this C++ code base: the memory image the driver loads and the stages the
// firmware runs (aux writes and command descriptors), with what the firmware needs to run them
// (threshold, logits vector, labels) and to decode the logits. The clients in sw/clients/ replay
// it over the co-simulation protocol, doing the firmware's queue and interrupt handling
// themselves; compiling a model and tokenizing stay here.
#pragma once

#include <optional>
#include <string>

namespace edgebert::app {

struct ExportJobOptions {
  std::string data_dir;             // the data folder (embedded model)
  std::string image;                // default: the embedded model
  std::string tokenizer;            // default: the embedded model's
  std::string text;                 // one input: a sentence
  std::string ids;                  // or comma-separated token ids
  std::optional<double> threshold;  // nats; default the image's
  bool padded = false;
  int lanes = 16;  // n of the accelerator the job is placed for
  std::string output;
};

int RunExportJob(const ExportJobOptions& options);

}  // namespace edgebert::app
