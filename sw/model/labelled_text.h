// Labelled sentences in the GLUE TSV layout SST-2 uses: a header line, then `label<TAB>text`
// per line (label an integer).
#pragma once

#include <filesystem>
#include <istream>
#include <string>
#include <vector>

#include "model/tokenizer.h"

namespace edgebert::model {

struct LabelledText {
  int label = 0;
  std::string text;
};

// Up to `count` entries after skipping `skip` (header excluded). Throws std::runtime_error
// naming the file and line for an unreadable file, a line without a tab or integer label, a
// negative label or a text longer than kMaxTextBytes.
std::vector<LabelledText> ReadLabelledTsv(const std::filesystem::path& path, int count,
                                          int skip = 0);
// The same from a stream; `name` stands for the file in messages (the fuzz target's entry).
std::vector<LabelledText> ParseLabelledTsv(std::istream& tsv, const std::string& name, int count,
                                           int skip = 0);

// The first `count` texts of the file encoded to `seq_len` tokens (single segment), labels
// dropped: the calibration sentences of a compile.
std::vector<Encoding> EncodeLabelledTsv(const Tokenizer& tokenizer,
                                        const std::filesystem::path& path, int count, int seq_len);

}  // namespace edgebert::model
