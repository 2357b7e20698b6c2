#include "model/labelled_text.h"

#include <charconv>
#include <fstream>
#include <stdexcept>

namespace edgebert::model {

std::vector<LabelledText> ReadLabelledTsv(const std::filesystem::path& path, int count, int skip) {
  std::ifstream tsv(path);
  if (!tsv) throw std::runtime_error("cannot read " + path.string());
  return ParseLabelledTsv(tsv, path.string(), count, skip);
}

std::vector<LabelledText> ParseLabelledTsv(std::istream& tsv, const std::string& name, int count,
                                           int skip) {
  std::string line;
  std::getline(tsv, line);  // header
  std::vector<LabelledText> out;
  for (int number = 2; static_cast<int>(out.size()) < count && std::getline(tsv, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    const auto tab = line.find('\t');
    LabelledText entry;
    const char* label_end = line.data() + (tab == std::string::npos ? 0 : tab);
    const auto [end, error] = std::from_chars(line.data(), label_end, entry.label);
    const std::string where = name + ":" + std::to_string(number) + ": ";
    if (tab == std::string::npos || tab == 0 || error != std::errc{} || end != label_end) {
      throw std::runtime_error(where + "expected label<TAB>text");
    }
    if (entry.label < 0) {
      throw std::runtime_error(where + "label " + std::to_string(entry.label) +
                               " is negative (labels are class indices 0, 1, ...)");
    }
    if (line.size() - tab - 1 > kMaxTextBytes) {
      throw std::runtime_error(where + "a text of " + std::to_string(line.size() - tab - 1) +
                               " bytes, more than the " + std::to_string(kMaxTextBytes) + " taken");
    }
    if (skip > 0) {
      --skip;
      continue;
    }
    entry.text = line.substr(tab + 1);
    out.push_back(std::move(entry));
  }
  return out;
}

std::vector<Encoding> EncodeLabelledTsv(const Tokenizer& tokenizer,
                                        const std::filesystem::path& path, int count, int seq_len) {
  std::vector<Encoding> out;
  for (const LabelledText& entry : ReadLabelledTsv(path, count)) {
    out.push_back(tokenizer.Encode(entry.text, {}, seq_len));
  }
  return out;
}

}  // namespace edgebert::model
