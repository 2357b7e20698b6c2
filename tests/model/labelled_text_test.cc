#include "model/labelled_text.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace edgebert::model {
namespace {

std::filesystem::path WriteFile(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / name;
  std::ofstream(path) << text;
  return path;
}

TEST(LabelledTsv, ReadsSkipsAndCounts) {
  const auto path = WriteFile("labelled_ok.tsv", "label\tsentence\n0\ta b\n1\tc d\r\n\n1\te\n");
  const auto all = ReadLabelledTsv(path, 10);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].label, 0);
  EXPECT_EQ(all[0].text, "a b");
  EXPECT_EQ(all[1].text, "c d") << "CR stripped";
  EXPECT_EQ(all[2].label, 1);
  const auto some = ReadLabelledTsv(path, 1, 1);
  ASSERT_EQ(some.size(), 1u);
  EXPECT_EQ(some[0].text, "c d");
}

TEST(LabelledTsv, NamesTheBadLine) {
  for (const std::string bad : {"no tab here", "x\tlabel not a number", "\tmissing label"}) {
    const auto path = WriteFile("labelled_bad.tsv", "label\tsentence\n0\tfine\n" + bad + "\n");
    try {
      ReadLabelledTsv(path, 10);
      FAIL() << "accepted: " << bad;
    } catch (const std::runtime_error& e) {
      EXPECT_NE(std::string(e.what()).find("labelled_bad.tsv:3"), std::string::npos) << e.what();
    }
  }
  EXPECT_THROW(ReadLabelledTsv("/nonexistent/file.tsv", 1), std::runtime_error);
}

// A negative label was taken (and then counted as no label); a line longer than a tokenizer
// takes was tokenized whole before the cut (10 MB took 2.3 GB).
TEST(LabelledTsv, RefusesNegativeLabelsAndOverlongTexts) {
  const std::pair<std::string, std::string> cases[] = {
      {"-1\tnegative", "labelled_range.tsv:3: label -1 is negative"},
      {"1\t" + std::string(kMaxTextBytes + 1, 'a'), "labelled_range.tsv:3: a text of 65537 bytes"},
  };
  for (const auto& [bad, fragment] : cases) {
    const auto path = WriteFile("labelled_range.tsv", "label\tsentence\n0\tfine\n" + bad + "\n");
    try {
      ReadLabelledTsv(path, 10);
      ADD_FAILURE() << "accepted: " << fragment;
    } catch (const std::runtime_error& e) {
      EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    }
  }
  const auto fits = WriteFile("labelled_fits.tsv",
                              "label\tsentence\n1\t" + std::string(kMaxTextBytes, 'a') + "\n");
  EXPECT_EQ(ReadLabelledTsv(fits, 10).at(0).text.size(), kMaxTextBytes);
}

TEST(LabelledTsv, EncodesTheFirstTextsForCalibration) {
  const auto path =
      WriteFile("labelled_encode.tsv", "label\tsentence\n0\ta good film\n1\tbad\n1\tx\n");
  const Tokenizer tokenizer(std::filesystem::path(EDGEBERT_SOURCE_DIR) /
                            "tests/model/fixtures/sst2_spm.model");
  const std::vector<Encoding> got = EncodeLabelledTsv(tokenizer, path, 2, 16);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].ids, tokenizer.Encode("a good film", {}, 16).ids);
  EXPECT_EQ(got[1].ids, tokenizer.Encode("bad", {}, 16).ids);
  EXPECT_EQ(got[1].ids.size(), 16u);
}

}  // namespace
}  // namespace edgebert::model
