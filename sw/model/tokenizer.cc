#include "model/tokenizer.h"

#include <sentencepiece_processor.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <system_error>

namespace edgebert::model {
namespace {

int32_t RequirePiece(const sentencepiece::SentencePieceProcessor& sp, const std::string& piece,
                     const std::filesystem::path& model) {
  const int id = sp.PieceToId(piece);
  // PieceToId answers unk for a missing piece; only <unk> itself may map there.
  if (id < 0 || (id == sp.unk_id() && piece != sp.IdToPiece(sp.unk_id()))) {
    throw std::runtime_error("tokenizer " + model.string() + ": no piece " + piece);
  }
  return id;
}

}  // namespace

Tokenizer::Tokenizer(const std::filesystem::path& model)
    : processor_(std::make_unique<sentencepiece::SentencePieceProcessor>()) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(model, error)) {
    throw std::runtime_error("tokenizer " + model.string() + ": not a regular file");
  }
  if (const uintmax_t bytes = std::filesystem::file_size(model, error);
      error || bytes > kMaxTokenizerBytes) {
    throw std::runtime_error("tokenizer " + model.string() + ": " +
                             (error ? error.message()
                                    : std::to_string(bytes) + " bytes, more than the " +
                                          std::to_string(kMaxTokenizerBytes) +
                                          " a SentencePiece model may have here"));
  }
  const auto status = processor_->Load(model.string());
  if (!status.ok()) {
    throw std::runtime_error("tokenizer " + model.string() + ": " + status.ToString());
  }
  pad_ = RequirePiece(*processor_, "<pad>", model);
  unk_ = processor_->unk_id();
  cls_ = RequirePiece(*processor_, "[CLS]", model);
  sep_ = RequirePiece(*processor_, "[SEP]", model);
}

Tokenizer::~Tokenizer() = default;
Tokenizer::Tokenizer(Tokenizer&&) noexcept = default;
Tokenizer& Tokenizer::operator=(Tokenizer&&) noexcept = default;

std::string Tokenizer::Normalize(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if ((c == '`' || c == '\'') && i + 1 < text.size() && text[i + 1] == c) {
      if (space) out += ' ';
      out += '"';
      ++i;
      space = false;
      continue;
    }
    if (std::isspace(static_cast<unsigned char>(c)) != 0) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::vector<int32_t> Tokenizer::Ids(std::string_view text) const {
  std::vector<int> ids;
  const auto status = processor_->Encode(Normalize(text), &ids);
  if (!status.ok()) throw std::runtime_error("tokenizer: " + status.ToString());
  return {ids.begin(), ids.end()};
}

std::vector<std::string> Tokenizer::Pieces(std::string_view text) const {
  std::vector<std::string> pieces;
  const auto status = processor_->Encode(Normalize(text), &pieces);
  if (!status.ok()) throw std::runtime_error("tokenizer: " + status.ToString());
  return pieces;
}

std::string Tokenizer::Piece(int32_t id) const { return processor_->IdToPiece(id); }
int Tokenizer::vocab_size() const { return processor_->GetPieceSize(); }

Encoding Tokenizer::Encode(std::string_view text_a, std::string_view text_b, int max_length) const {
  const bool pair = !text_b.empty();
  if (max_length < (pair ? 5 : 3)) {
    throw std::invalid_argument("tokenizer: sequence length " + std::to_string(max_length) +
                                " cannot hold the special tokens");
  }
  for (const std::string_view text : {text_a, text_b}) {
    if (text.size() > kMaxTextBytes) {
      throw std::invalid_argument("tokenizer: a text of " + std::to_string(text.size()) +
                                  " bytes, more than the " + std::to_string(kMaxTextBytes) +
                                  " taken");
    }
  }
  std::vector<int32_t> a = Ids(text_a);
  std::vector<int32_t> b = pair ? Ids(text_b) : std::vector<int32_t>{};
  // Longest first: drop from the end of the longer segment until the pair fits.
  const size_t budget = static_cast<size_t>(max_length) - (pair ? 3 : 2);
  while (a.size() + b.size() > budget) {
    (a.size() >= b.size() ? a : b).pop_back();
  }
  Encoding e;
  e.ids.assign(static_cast<size_t>(max_length), pad_);
  e.token_types.assign(static_cast<size_t>(max_length), 0);
  e.attention.assign(static_cast<size_t>(max_length), 0);
  size_t at = 0;
  auto put = [&](int32_t id, uint8_t type) {
    e.ids[at] = id;
    e.token_types[at] = type;
    e.attention[at] = 1;
    ++at;
  };
  put(cls_, 0);
  for (const int32_t id : a) put(id, 0);
  put(sep_, 0);
  if (pair) {
    for (const int32_t id : b) put(id, 1);
    put(sep_, 1);
  }
  e.length = static_cast<int>(at);
  return e;
}

}  // namespace edgebert::model
