// The regression runner's triage: the failure line of a log, the signature that groups one bug's
// failures over seeds, and the reports of a list that fails on purpose
// (tests/regress/failing_nightly.yaml: real golden mismatches from `edgebert run --flip`), whose
// JUnit failure messages must be the logs' failure lines and whose report.html and summary.md
// must group them by signature.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>

#include "log_scan.h"
#include "reports.h"
#include "results.h"
#include "run_plan.h"
#include "scratch_files.h"
#include "test_list.h"
#include "xml_lite.h"

namespace edgebert::regress {
namespace {

namespace fs = std::filesystem;
using testing::XmlElement;
using testing::XmlReader;

constexpr auto Read = testing::ReadFile;
fs::path FreshDir(const std::string& name) { return testing::FreshDir("triage_test", name); }

// The first line of `text` holding `word`, trimmed; "" when none does.
std::string LineWith(const std::string& text, const std::string& word) {
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.find(word) == std::string::npos) continue;
    const auto first = line.find_first_not_of(" \t");
    const auto last = line.find_last_not_of(" \t\r");
    return line.substr(first, last - first + 1);
  }
  return "";
}

size_t Count(const std::string& text, const std::string& part) {
  size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

TEST(TriageLog, TheFirstFailureLineCounts) {
  EXPECT_EQ(failure_line("edgebert run: model loaded\n"
                         "  [1/2] GOLDEN MISMATCH 'ffn': 3 words differ  \n"
                         "error: later\n"),
            "[1/2] GOLDEN MISMATCH 'ffn': 3 words differ");
  EXPECT_EQ(failure_line("a\nRTL assertion x failed in soc.u at cycle 9\n"),
            "RTL assertion x failed in soc.u at cycle 9");
  EXPECT_EQ(failure_line("ok\nedgebert: error: --flip 'x': want ADDRESS:BIT\n"),
            "edgebert: error: --flip 'x': want ADDRESS:BIT");
  EXPECT_EQ(failure_line("AXI4_ERRM_WSTRB at cycle 12: WSTRB must be within the beat\n"),
            "AXI4_ERRM_WSTRB at cycle 12: WSTRB must be within the beat");
  EXPECT_EQ(failure_line("[3/4] FAILED at cycle 99: timeout\n"),
            "[3/4] FAILED at cycle 99: timeout");
  EXPECT_EQ(failure_line("prog: a.cc:3: int main(): Assertion `x' failed.\n"),
            "prog: a.cc:3: int main(): Assertion `x' failed.");
  EXPECT_FALSE(failure_line("all good\n0 errors, 12345 cycles simulated\n").has_value());
  // Slurm's lines in a cancelled or failed job's log are the launcher's, not the run's.
  EXPECT_FALSE(
      failure_line("srun: error: localhost: task 0: Exited with exit code 3\n").has_value());
  EXPECT_FALSE(
      failure_line("slurmstepd-localhost: error: *** JOB 4 ON localhost CANCELLED AT 2026 ***\n")
          .has_value());
  EXPECT_FALSE(failure_line("").has_value());
  // A very long line is cut, so that one run cannot flood a report.
  const std::string long_line = "ERROR " + std::string(1000, 'x');
  EXPECT_EQ(failure_line(long_line)->size(), kFailureLineMax);
}

TEST(TriageLog, SignaturesReplaceTheNumbersThatDifferBetweenSeeds) {
  EXPECT_EQ(normalize_signature("[2/8] \"fine film\": 7 tokens, 0.213 nats; GOLDEN MISMATCH "
                                "'layer3.ffn': word 0x1400abc0 is 0x0 not 0x40; detected at "
                                "cycle 123456, commands 17..18"),
            "GOLDEN MISMATCH 'layer<N>.ffn': word 0x<H> is 0x<H> not 0x<H>; detected at cycle "
            "<N>, commands <N>..<N>");
  // Identifiers keep their digits; fractions and exponents are one number; spaces collapse.
  EXPECT_EQ(normalize_signature("AXI4_ERRM_AWLEN_WRAP at cycle 77:   a WRAP write has 2 beats"),
            "AXI4_ERRM_AWLEN_WRAP at cycle <N>: a WRAP write has <N> beats");
  EXPECT_EQ(normalize_signature("error: loss 1.5e-3 at -2.25"), "error: loss <N> at -<N>");
  EXPECT_EQ(normalize_signature("ERROR in out/run-seed17/log.txt"),
            "ERROR in out/run-seed<N>/log.txt");
  // The same bug on two seeds is one signature; another bug is not.
  EXPECT_EQ(normalize_signature("[1/1] GOLDEN MISMATCH 'x': detected at cycle 100"),
            normalize_signature("[1/1] GOLDEN MISMATCH 'x': detected at cycle 2345"));
  EXPECT_NE(normalize_signature("[1/1] GOLDEN MISMATCH 'x': detected at cycle 100"),
            normalize_signature("[1/1] GOLDEN MISMATCH 'y': detected at cycle 100"));
}

TEST(TriagePlan, ReseedGivesEachSeededTestNewDistinctSeeds) {
  TestList list = parse_test_list(
      "tests:\n"
      "  - {name: a, command: 'echo {seed}', timeout: 1, seeds: [1, 2]}\n"
      "  - {name: b, command: 'echo {seed}', timeout: 1, reseed: 8}\n"
      "  - {name: c, command: 'echo', timeout: 1}\n",
      "l.yaml");
  // A source that repeats and gives 0 and values above 2^31: the seeds stay distinct, nonzero
  // and below 2^31.
  const std::vector<std::uint32_t> values = {0, 5, 5, 0x80000007u, 9, 11, 5, 13, 0, 21, 33};
  size_t next = 0;
  const auto used = reseed_tests(list, 3, [&] { return values[next++ % values.size()]; });
  ASSERT_EQ(used.size(), 2u);
  EXPECT_EQ(used[0].first, "a");
  EXPECT_EQ(used[0].second, (std::vector<std::uint64_t>{5, 7, 9}));
  EXPECT_EQ(list.tests[0].seeds, used[0].second);
  EXPECT_EQ(used[1].first, "b");
  EXPECT_EQ(used[1].second.size(), 3u);
  EXPECT_TRUE(list.tests[2].seeds.empty());
  PlanOptions options;
  options.build = options.source = options.out = "/tmp";
  const std::vector<regress::Run> runs = plan_runs(list, options);
  ASSERT_EQ(runs.size(), 7u);
  EXPECT_EQ(runs[0].name, "a[5]");
  EXPECT_EQ(runs[0].command, "echo 5");
}

// Runs the deliberately failing list; its output goes to dir/runner.txt.
int RunFailingList(const fs::path& dir, const fs::path& out) {
  const std::string command = std::string(EDGEBERT_REGRESS_BIN) +
                              " " EDGEBERT_FAILING_LIST " -j 2 --build " EDGEBERT_BUILD_DIR
                              " --source " EDGEBERT_SOURCE_DIR " --out " +
                              out.string() + " >" + (dir / "runner.txt").string() + " 2>&1";
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void ExpectFailureMessagesAreTheLogsLines(const fs::path& out) {
  const std::string junit = Read(out / "junit.xml");
  std::unique_ptr<XmlElement> root;
  ASSERT_NO_THROW(root = XmlReader(junit).parse()) << junit;
  const XmlElement& suite = *root->all("testsuite")[0];
  EXPECT_EQ(suite.attributes.at("failures"), "6");
  EXPECT_TRUE(suite.attributes.contains("timestamp"));
  EXPECT_TRUE(suite.attributes.contains("hostname"));
  std::map<std::string, std::string> message;
  for (const XmlElement* c : suite.all("testcase")) {
    const auto failures = c->all("failure");
    if (!failures.empty())
      message[c->attributes.at("name")] = failures[0]->attributes.at("message");
  }
  ASSERT_EQ(message.size(), 6u) << junit;
  // The real mismatches: the message is the log's GOLDEN MISMATCH line, word for word.
  const std::map<std::string, std::string> folders = {
      {"flipped_mask[1]", "flipped_mask-seed1"},
      {"flipped_mask[2]", "flipped_mask-seed2"},
      {"flipped_mask_golden", "flipped_mask_golden"}};
  for (const auto& [run, folder] : folders) {
    const std::string line = LineWith(Read(out / folder / "log.txt"), "GOLDEN MISMATCH");
    ASSERT_FALSE(line.empty()) << run << ": no mismatch in its log";
    EXPECT_EQ(message.at(run), line) << run;
  }
  EXPECT_EQ(message.at("echoed_assertion[3]"),
            "RTL assertion acc_overflow failed in edgebert_soc.u_pu at cycle 3017");
  EXPECT_EQ(message.at("echoed_assertion[4]"),
            "RTL assertion acc_overflow failed in edgebert_soc.u_pu at cycle 4017");
  EXPECT_EQ(message.at("silent_crash"), "failed: exit code 4");  // no failure line in its log
  // The two AXI seeds time the RTL differently, so the same bug is seen at different cycles.
  EXPECT_NE(message.at("flipped_mask[1]"), message.at("flipped_mask[2]"));
  // The suite's time is the regression's wall time, less than the sum of its runs at -j 2.
  double sum = 0;
  for (const XmlElement* c : suite.all("testcase")) sum += std::stod(c->attributes.at("time"));
  EXPECT_LT(std::stod(suite.attributes.at("time")), sum + 5);
  EXPECT_NE(junit.find("commit "), std::string::npos);
}

void ExpectGroupsBySignature(const fs::path& out) {
  Report report{"failing_nightly", out, {}, {}};
  const auto records = read_results(out / "results.jsonl").runs;
  for (const auto& [name, r] : records) report.results.push_back(r);
  const std::vector<FailureGroup> groups = group_failures(report);
  std::map<std::string, std::vector<std::string>> runs_of;  // signature -> runs
  for (const FailureGroup& g : groups) {
    for (const RunResult* r : g.runs) runs_of[g.signature].push_back(r->name);
  }
  // One bug, three runs (two seeds of the RTL SoC and the golden SoC): one group of 3; the echoed
  // assertion on two seeds: one group of 2; the silent crash alone.
  ASSERT_EQ(groups.size(), 3u) << Read(out / "summary.md");
  EXPECT_EQ(groups[0].runs.size(), 3u);
  EXPECT_EQ(groups[0].signature.rfind("GOLDEN MISMATCH 'embedding map'", 0), 0u)
      << groups[0].signature;
  EXPECT_EQ(groups[1].signature,
            "RTL assertion acc_overflow failed in edgebert_soc.u_pu at cycle <N>");
  EXPECT_EQ(groups[1].runs.size(), 2u);
  EXPECT_EQ(groups[2].signature, "failed: exit code 4");

  const std::string html = Read(out / "report.html");
  EXPECT_NE(html.find("<h2>Failures by signature</h2>"), std::string::npos);
  EXPECT_EQ(Count(html, "<tr class=\"group\">"), 3u);
  // Each group's row: its count, its signature, then its runs' links, in that order.
  const auto group = html.find("<tr class=\"group\"><td class=\"num\">3</td>");
  ASSERT_NE(group, std::string::npos) << html;
  const auto row_end = html.find("</tr>", group);
  const std::string row = html.substr(group, row_end - group);
  EXPECT_NE(row.find(xml_escape(groups[0].signature)), std::string::npos) << row;
  for (const char* link : {"flipped_mask-seed1/log.txt", "flipped_mask-seed2/log.txt",
                           "flipped_mask_golden/log.txt"}) {
    EXPECT_NE(row.find(link), std::string::npos) << link << " not in " << row;
  }
  EXPECT_NE(html.find("<tr class=\"group\"><td class=\"num\">2</td><td class=\"signature\">RTL "
                      "assertion acc_overflow failed in edgebert_soc.u_pu at cycle &lt;N&gt;"),
            std::string::npos);
  // The failure message inline in the runs' table, and the pass rates.
  EXPECT_NE(html.find("<td class=\"message\">RTL assertion acc_overflow failed in "
                      "edgebert_soc.u_pu at cycle 3017</td>"),
            std::string::npos);
  EXPECT_NE(html.find("<tr><td>passing</td><td class=\"num\">2</td><td class=\"num\">2</td><td "
                      "class=\"num\">0</td><td class=\"num\">0</td><td class=\"num rate-good\">"
                      "100.0</td></tr>"),
            std::string::npos);
  EXPECT_NE(html.find("<tr><td>flipped_mask</td><td class=\"num\">2</td><td class=\"num\">0</td>"),
            std::string::npos);

  const std::string md = Read(out / "summary.md");
  EXPECT_NE(md.find("## Failures by signature"), std::string::npos);
  EXPECT_NE(md.find("| 2 | `RTL assertion acc_overflow failed in edgebert_soc.u_pu at cycle <N>` "
                    "| `RTL assertion acc_overflow failed in edgebert_soc.u_pu at cycle 3017` | "
                    "echoed_assertion[3], echoed_assertion[4] |"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("| passing | 2 | 2 | 0 | 0 | 100.0 |"), std::string::npos) << md;
  EXPECT_NE(md.find("| echoed_assertion | 2 | 0 | 2 | 0 | 0.0 |"), std::string::npos) << md;
}

TEST(FailingNightly, JUnitMessagesAreTheFailureLinesAndTheReportsGroupThem) {
  const fs::path dir = FreshDir("nightly");
  const fs::path out = dir / "out";
  ASSERT_EQ(RunFailingList(dir, out), 1) << Read(dir / "runner.txt");
  ExpectFailureMessagesAreTheLogsLines(out);
  ExpectGroupsBySignature(out);
  // Not a terminal: a plain progress line per finished run, each failure's line under it.
  const std::string runner = Read(dir / "runner.txt");
  EXPECT_EQ(runner.find('\r'), std::string::npos);
  EXPECT_NE(runner.find("/8] fail silent_crash ("), std::string::npos) << runner;
  EXPECT_NE(runner.find("    failure: failed: exit code 4\n"), std::string::npos) << runner;
  EXPECT_NE(runner.find("[8/8] "), std::string::npos) << runner;
  EXPECT_NE(runner.find(" 6 failed, done in "), std::string::npos) << runner;
}

}  // namespace
}  // namespace edgebert::regress
