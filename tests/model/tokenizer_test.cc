#include "model/tokenizer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

namespace edgebert::model {
namespace {

const std::filesystem::path kModel =
    std::filesystem::path(EDGEBERT_SOURCE_DIR) / "tests/model/fixtures/sst2_spm.model";

TEST(Tokenizer, AlbertSpecialIds) {
  const Tokenizer t(kModel);
  EXPECT_EQ(t.pad_id(), 0);
  EXPECT_EQ(t.unk_id(), 1);
  EXPECT_EQ(t.cls_id(), 2);
  EXPECT_EQ(t.sep_id(), 3);
  EXPECT_EQ(t.vocab_size(), 2000);
}

TEST(Tokenizer, SingleSentenceLayout) {
  const Tokenizer t(kModel);
  const Encoding e = t.Encode("a gorgeous , witty , seductive movie .", {}, 128);
  ASSERT_EQ(e.ids.size(), 128u);
  const auto pieces = t.Pieces("a gorgeous , witty , seductive movie .");
  ASSERT_EQ(e.length, static_cast<int>(pieces.size()) + 2);
  EXPECT_EQ(e.ids[0], t.cls_id());
  EXPECT_EQ(e.ids[static_cast<size_t>(e.length - 1)], t.sep_id());
  for (size_t i = 0; i < pieces.size(); ++i) EXPECT_EQ(t.Piece(e.ids[i + 1]), pieces[i]);
  for (size_t i = static_cast<size_t>(e.length); i < 128; ++i) {
    EXPECT_EQ(e.ids[i], t.pad_id());
    EXPECT_EQ(e.attention[i], 0);
  }
  EXPECT_TRUE(
      std::all_of(e.token_types.begin(), e.token_types.end(), [](uint8_t v) { return v == 0; }));
  // The pieces spell the normalised text back (U+2581 marks a word start).
  std::string text;
  for (const auto& p : pieces) text += p;
  std::string spaced;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 3, "\xe2\x96\x81") == 0) {
      if (!spaced.empty()) spaced += ' ';
      i += 2;
    } else {
      spaced += text[i];
    }
  }
  EXPECT_EQ(spaced, Tokenizer::Normalize("a gorgeous , witty , seductive movie ."));
}

TEST(Tokenizer, PairsGetSegmentTypesAndTruncateLongestFirst) {
  const Tokenizer t(kModel);
  const Encoding e = t.Encode("the movie is good", "it is not", 128);
  const auto a = t.Pieces("the movie is good");
  const auto b = t.Pieces("it is not");
  ASSERT_EQ(e.length, static_cast<int>(a.size() + b.size()) + 3);
  const size_t first_sep = a.size() + 1;
  EXPECT_EQ(e.ids[first_sep], t.sep_id());
  EXPECT_EQ(e.token_types[first_sep], 0);
  EXPECT_EQ(e.token_types[first_sep + 1], 1);
  EXPECT_EQ(e.ids[static_cast<size_t>(e.length - 1)], t.sep_id());
  EXPECT_EQ(e.token_types[static_cast<size_t>(e.length - 1)], 1);

  std::string long_text;
  for (int i = 0; i < 100; ++i) long_text += "wonderful ";
  const Encoding cut = t.Encode(long_text, "bad", 16);
  EXPECT_EQ(cut.length, 16);
  EXPECT_EQ(cut.ids[15], t.sep_id());
  EXPECT_EQ(cut.token_types[15], 1);
  EXPECT_EQ(cut.ids[13], t.sep_id());
  EXPECT_EQ(cut.ids[14], t.Encode("bad", {}, 8).ids[1]) << "the short segment is kept whole";
}

TEST(Tokenizer, NormalisesLikeAlbert) {
  EXPECT_EQ(Tokenizer::Normalize("  The  ``Best''\tFilm  "), "the \"best\" film");
  const Tokenizer t(kModel);
  EXPECT_EQ(t.Encode("GREAT Movie").ids, t.Encode("great movie").ids);
}

TEST(Tokenizer, UnknownCharactersMapToUnk) {
  const Tokenizer t(kModel);
  const Encoding e = t.Encode("\xe6\xbc\xa2", {}, 8);  // a CJK character absent from SST-2
  EXPECT_NE(std::find(e.ids.begin(), e.ids.begin() + e.length, t.unk_id()),
            e.ids.begin() + e.length);
}

TEST(Tokenizer, BadInputIsRejected) {
  EXPECT_THROW(Tokenizer("/nonexistent/spiece.model"), std::runtime_error);
  const auto bogus = std::filesystem::temp_directory_path() / "edgebert_bogus.model";
  std::ofstream(bogus) << "not a sentencepiece model";
  EXPECT_THROW(Tokenizer{bogus}, std::runtime_error);
  std::filesystem::remove(bogus);
  const Tokenizer t(kModel);
  EXPECT_THROW(t.Encode("x", {}, 2), std::invalid_argument);
  EXPECT_THROW(t.Encode("x", "y", 4), std::invalid_argument);
}

// Inputs SentencePiece would read whole are refused first: a device (/dev/zero grew to 3.9 GB),
// a model file over kMaxTokenizerBytes (a sparse file: nothing is written), a text over
// kMaxTextBytes.
TEST(Tokenizer, RefusesWhatItWouldReadWhole) {
  const auto expect_refusal = [](const std::filesystem::path& model, const std::string& fragment) {
    try {
      Tokenizer{model};
      ADD_FAILURE() << model << " was taken";
    } catch (const std::runtime_error& e) {
      EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    }
  };
  expect_refusal("/dev/zero", "/dev/zero: not a regular file");
  const auto huge = std::filesystem::temp_directory_path() / "edgebert_huge.model";
  std::ofstream{huge}.close();
  std::filesystem::resize_file(huge, kMaxTokenizerBytes + 1);
  expect_refusal(huge, "67108865 bytes");
  std::filesystem::remove(huge);

  const Tokenizer t(kModel);
  EXPECT_EQ(t.Encode(std::string(kMaxTextBytes, 'a'), {}, 8).length, 8) << "the longest text";
  try {
    t.Encode(std::string(kMaxTextBytes + 1, 'a'), {}, 8);
    ADD_FAILURE() << "an overlong text was tokenized";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("65537 bytes"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace edgebert::model
