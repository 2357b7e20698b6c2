// util::Progress: the ETA arithmetic, the duration text, and what each form writes (the terminal
// detection and the clock injected, the output captured in a temporary file).
#include "util/progress.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace edgebert::util {
namespace {

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

// A temporary file to write progress into, and what was written.
class Capture {
 public:
  Capture() : file_(std::tmpfile()) {}
  std::FILE* file() const { return file_.get(); }
  std::string text() const {
    std::fflush(file_.get());
    std::rewind(file_.get());
    std::string out;
    char buffer[256];
    for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, file_.get())) > 0;) {
      out.append(buffer, n);
    }
    return out;
  }

 private:
  std::unique_ptr<std::FILE, FileCloser> file_;
};

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  for (size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1) {
    lines.push_back(text.substr(start, nl - start));
  }
  if (start < text.size()) lines.push_back(text.substr(start));
  return lines;
}

Progress::Options Fake(const Capture& capture, bool terminal, const double* now) {
  Progress::Options o;
  o.out = capture.file();
  o.terminal = terminal;
  o.clock = [now] { return *now; };
  return o;
}

TEST(ProgressEta, RateSoFarTimesWhatIsLeft) {
  EXPECT_FALSE(EtaSeconds(0, 10, 5.0).has_value());  // no rate yet
  EXPECT_DOUBLE_EQ(*EtaSeconds(1, 10, 2.0), 18.0);
  EXPECT_DOUBLE_EQ(*EtaSeconds(12, 32, 150.0), 250.0);
  EXPECT_DOUBLE_EQ(*EtaSeconds(10, 10, 7.0), 0.0);
  EXPECT_DOUBLE_EQ(*EtaSeconds(0, 0, 0.0), 0.0);  // nothing to do is done
  EXPECT_EQ(EtaText(0, 4, 1.0), "ETA ?");
  EXPECT_EQ(EtaText(12, 32, 150.0), "ETA 4m10s");
}

TEST(ProgressEta, DurationsRoundUpToWholeSeconds) {
  EXPECT_EQ(FormatDuration(0), "0s");
  EXPECT_EQ(FormatDuration(0.2), "1s");
  EXPECT_EQ(FormatDuration(59), "59s");
  EXPECT_EQ(FormatDuration(60), "1m00s");
  EXPECT_EQ(FormatDuration(250), "4m10s");
  EXPECT_EQ(FormatDuration(3599.5), "1h00m");
  EXPECT_EQ(FormatDuration(7500), "2h05m");
  EXPECT_EQ(FormatDuration(-3), "0s");
}

TEST(Progress, PlainFormWritesLinesWithoutCarriageReturns) {
  Capture capture;
  double now = 100;
  {
    Progress::Options o = Fake(capture, false, &now);
    o.plain_interval_s = 0;
    o.plain_percent = 0;  // a line per item
    Progress p("regress", 4, o);
    EXPECT_FALSE(p.terminal());
    now = 110;
    p.Update(1, "0 failed");
    now = 120;
    p.Line("    log: x/log.txt");
    p.Update(2, "1 failed");
    now = 140;
    p.Advance("1 failed");
    p.Advance("1 failed");
  }
  const std::string text = capture.text();
  EXPECT_EQ(text.find('\r'), std::string::npos);
  EXPECT_EQ(text.find('\033'), std::string::npos);
  EXPECT_EQ(Lines(text), (std::vector<std::string>{
                             "[1/4] regress 0 failed, ETA 30s",
                             "    log: x/log.txt",
                             "[2/4] regress 1 failed, ETA 20s",
                             "[3/4] regress 1 failed, ETA 14s",
                             "[4/4] regress 1 failed, done in 40s",
                         }));
}

TEST(Progress, PlainFormIsThrottledByTimeAndPercent) {
  Capture capture;
  double now = 0;
  {
    Progress p("golden", 1000, Fake(capture, false, &now));  // 1 s and 1 % by default
    for (size_t i = 1; i <= 1000; ++i) {
      now = static_cast<double>(i) * 0.125;  // 1 % (10 items) every 1.25 s
      p.Advance();
    }
  }
  const std::vector<std::string> lines = Lines(capture.text());
  // The first item, then one line per 1 % (10 items, more than a second), the last among them.
  ASSERT_EQ(lines.size(), 101u);
  EXPECT_EQ(lines[0], "[1/1000] golden, ETA 2m05s");
  EXPECT_EQ(lines[1], "[10/1000] golden, ETA 2m04s");
  EXPECT_EQ(lines[100], "[1000/1000] golden, done in 2m05s");
}

TEST(Progress, TerminalFormRedrawsOneLine) {
  Capture capture;
  double now = 0;
  {
    Progress p("", 32, Fake(capture, true, &now));
    EXPECT_TRUE(p.terminal());
    now = 150;
    p.Update(12, "3 failed");
    now = 150.05;
    p.Update(13, "3 failed");  // within the redraw interval: not drawn yet
    now = 151;
    p.Line("FAIL x");
  }
  // Each draw returns to the line's start and clears what is left of the old text; Line clears
  // the status, writes its line, and draws the status again; the end leaves the last state.
  EXPECT_EQ(capture.text(),
            "\r[12/32] 3 failed, ETA 4m10s\033[K"
            "\r\033[KFAIL x\n[13/32] 3 failed, ETA 3m41s"
            "\r[13/32] 3 failed, ETA 3m41s\033[K\n");
}

TEST(Progress, DisabledPrintsOnlyLines) {
  Capture capture;
  double now = 0;
  {
    Progress::Options o = Fake(capture, true, &now);
    o.enabled = false;
    Progress p("dse", 2, o);
    p.Advance();
    p.Line("n = 4 base: 123 cycles");
    p.Advance();
  }
  EXPECT_EQ(capture.text(), "n = 4 base: 123 cycles\n");
}

}  // namespace
}  // namespace edgebert::util
