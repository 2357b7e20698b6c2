// ALBERT tokenization: a SentencePiece model (ALBERT's spiece.model format) through Debian's
// libsentencepiece, with ALBERT's conventions: lower-casing, whitespace collapsing, `` and ''
// as ", [CLS] A [SEP] (B [SEP]), token types 0 for the first segment and 1 for the second,
// longest-first truncation and [PAD] to the sequence length.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sentencepiece {
class SentencePieceProcessor;
}  // namespace sentencepiece

namespace edgebert::model {

struct Encoding {
  std::vector<int32_t> ids;          // max_length entries, [PAD]-filled
  std::vector<uint8_t> token_types;  // 0 first segment, 1 second
  std::vector<uint8_t> attention;    // 1 for real tokens, 0 for padding
  int length = 0;                    // real tokens, [CLS] and [SEP]s included
};

// The longest text (one segment) and the largest model file taken. Both are refused rather than
// read: SentencePiece's memory grows with its input (issue 15 measured 2.3 GB for a 10 MB line,
// and 3.9 GB for /dev/zero as a model before it failed), and the real inputs are far smaller
// (SST-2's longest line is 270 bytes; this project's SentencePiece models are 272 KB and 311 KB).
inline constexpr size_t kMaxTextBytes = 64 * 1024;
inline constexpr uintmax_t kMaxTokenizerBytes = 64 * 1024 * 1024;

class Tokenizer {
 public:
  // Throws std::runtime_error naming the file when it is not a regular file of at most
  // kMaxTokenizerBytes, cannot be read or lacks a special piece.
  explicit Tokenizer(const std::filesystem::path& model);
  ~Tokenizer();
  Tokenizer(Tokenizer&&) noexcept;
  Tokenizer& operator=(Tokenizer&&) noexcept;

  // text_b empty: a single sentence. max_length >= 3 (a pair needs 5) and each text at most
  // kMaxTextBytes; std::invalid_argument else.
  Encoding Encode(std::string_view text_a, std::string_view text_b = {},
                  int max_length = 128) const;

  // The pieces of a text after ALBERT's normalisation, without special tokens.
  std::vector<std::string> Pieces(std::string_view text) const;
  std::string Piece(int32_t id) const;
  int vocab_size() const;

  int32_t pad_id() const { return pad_; }
  int32_t unk_id() const { return unk_; }
  int32_t cls_id() const { return cls_; }
  int32_t sep_id() const { return sep_; }

  // ALBERT's text preprocessing: lower case, `` and '' to ", runs of whitespace to one space.
  static std::string Normalize(std::string_view text);

 private:
  std::vector<int32_t> Ids(std::string_view text) const;

  std::unique_ptr<sentencepiece::SentencePieceProcessor> processor_;
  int32_t pad_ = 0, unk_ = 0, cls_ = 0, sep_ = 0;
};

}  // namespace edgebert::model
