// The regression runner: list validation, seed and config-matrix expansion, statuses and exit
// codes of passing, failing and hanging runs, the reports (JUnit shape, summary, repro lines, the
// runs' configs) and --resume.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>

#include "results.h"
#include "run_plan.h"
#include "scheduler.h"
#include "scratch_files.h"
#include "test_list.h"
#include "xml_lite.h"

namespace edgebert::regress {
namespace {

namespace fs = std::filesystem;
using testing::XmlElement;
using testing::XmlReader;

fs::path fresh_dir(const std::string& name) { return testing::FreshDir("regress_test", name); }
void write(const fs::path& file, const std::string& text) { testing::WriteFile(file, text); }
std::string read(const fs::path& file) { return testing::ReadFile(file); }

// Runs edgebert_regress with the arguments; its output goes to dir/runner.txt.
int run_regress(const fs::path& dir, const std::string& args) {
  const std::string command = std::string(EDGEBERT_REGRESS_BIN) + " " + args + " >" +
                              (dir / "runner.txt").string() + " 2>&1";
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string list_error(const std::string& yaml) {
  const fs::path dir = fresh_dir("errors");
  const fs::path file = dir / "bad.yaml";
  write(file, yaml);
  try {
    load_test_list(file);
  } catch (const ListError& e) {
    return e.what();
  }
  return "no error";
}

TEST(RegressList, ErrorsNameTheFileTheTestAndTheKey) {
  struct Case {
    std::string yaml;
    std::vector<std::string> expected;
  };
  const std::vector<Case> cases = {
      {"tests:\n  - name: a\n    command: true\n    timeout: 1\n    timout: 3\n",
       {"bad.yaml:5:", "test 'a'", "key 'timout'", "unknown key"}},
      {"tests:\n  - name: a\n    timeout: 1\n",
       {"bad.yaml", "test 'a'", "key 'command'", "missing"}},
      {"tests:\n  - name: a\n    command: true\n    timeout: 0\n",
       {"bad.yaml:4:", "test 'a'", "key 'timeout'", "must be positive"}},
      {"tests:\n  - name: a\n    command: true\n    timeout: -2\n",
       {"test 'a'", "key 'timeout'", "must be positive"}},
      {"tests:\n  - name: a\n    command: true\n    timeout: soon\n",
       {"test 'a'", "key 'timeout'", "number of seconds"}},
      {"tests:\n  - name: a\n    command: true\n    timeout: 1\n"
       "  - name: a\n    command: false\n    timeout: 1\n",
       {"bad.yaml:5:", "test 'a'", "key 'name'", "duplicate test name 'a'"}},
      {"tests:\n  - name: a\n    command: echo {seed}\n    timeout: 1\n",
       {"test 'a'", "key 'command'", "{seed}"}},
      {"tests:\n  - name: a\n    command: true\n    timeout: 1\n    seeds: [1]\n    reseed: 2\n",
       {"test 'a'", "key 'reseed'", "not both"}},
      {"tests:\n  - name: a\n    command: true\n    timeout: 1\n    reseed: 0\n",
       {"test 'a'", "key 'reseed'", "must be positive"}},
      {"tests:\n  - name: a\n    command: true\n    timeout: 1\n    seeds: [1, 1]\n",
       {"test 'a'", "key 'seeds'", "duplicate seed 1"}},
      {"tests:\n  - command: true\n    timeout: 1\n", {"bad.yaml", "test '#1'", "key 'name'"}},
      {"suite: x\ntests: []\n", {"bad.yaml:1:", "key 'suite'", "unknown key"}},
      {"tests: [\n", {"bad.yaml", "YAML syntax error"}},
      // A YAML complex key (found by regress_list_fuzz: it used to escape as a yaml-cpp
      // conversion error and end the runner with std::terminate).
      {"? [a]\n: 1\ntests: []\n", {"bad.yaml:1:", "a key must be a plain name"}},
      {"tests:\n  - name: a\n    ? [b]\n    : 1\n", {"test 'a'", "a key must be a plain name"}},
      // yaml-cpp keeps both entries and a lookup finds the first: refused instead.
      {"tests:\n  - name: a\n    command: true\n    timeout: 1\n    timeout: 9\n",
       {"bad.yaml", "key timeout given twice (lines 4 and 5)"}},
  };
  for (const auto& c : cases) {
    const std::string message = list_error(c.yaml);
    for (const auto& part : c.expected) {
      EXPECT_NE(message.find(part), std::string::npos)
          << "'" << part << "' not in: " << message << "\nfor:\n"
          << c.yaml;
    }
  }
}

TEST(RegressList, TheRunnerReportsAListErrorWithExitCode2) {
  const fs::path dir = fresh_dir("runner_error");
  write(dir / "bad.yaml", "tests:\n  - name: a\n    command: true\n    timeout: 0\n");
  EXPECT_EQ(run_regress(dir, (dir / "bad.yaml").string() + " --out " + (dir / "out").string()), 2);
  const std::string output = read(dir / "runner.txt");
  EXPECT_NE(output.find("bad.yaml:4: test 'a': key 'timeout': must be positive"), std::string::npos)
      << output;
}

TEST(RegressPlan, SeedsExpandIntoRuns) {
  const fs::path dir = fresh_dir("seeds");
  write(dir / "seeds.yaml",
        "name: seeds\n"
        "tests:\n"
        "  - name: listed\n"
        "    command: run --seed {seed} --out {out}/x --build {build} --src {source}\n"
        "    timeout: 1\n"
        "    seeds: [3, 9]\n"
        "    tags: [fast]\n"
        "  - name: counted\n"
        "    command: run {seed}\n"
        "    timeout: 1\n"
        "    reseed: 3\n"
        "  - name: single\n"
        "    command: run\n"
        "    timeout: 1\n");
  const TestList list = load_test_list(dir / "seeds.yaml");
  PlanOptions options{"/b", "/s", "/o", std::nullopt, {}};
  const auto runs = plan_runs(list, options);
  std::vector<std::string> names;
  for (const auto& r : runs) names.push_back(r.name);
  EXPECT_EQ(names, (std::vector<std::string>{"listed[3]", "listed[9]", "counted[1]", "counted[2]",
                                             "counted[3]", "single"}));
  EXPECT_EQ(runs[1].command, "run --seed 9 --out /o/listed-seed9/x --build /b --src /s");
  EXPECT_EQ(runs[1].dir, fs::path("/o/listed-seed9"));
  EXPECT_EQ(runs[1].log, fs::path("/o/listed-seed9/log.txt"));
  EXPECT_EQ(runs[1].repro, "cd /s && run --seed 9 --out /o/listed-seed9/x --build /b --src /s");
  EXPECT_EQ(runs[4].command, "run 3");
  EXPECT_EQ(runs[4].seed, 3u);
  EXPECT_FALSE(runs[5].seed.has_value());
  EXPECT_EQ(runs[5].dir, fs::path("/o/single"));

  options.tags = {"fast"};
  EXPECT_EQ(plan_runs(list, options).size(), 2u);
  options.tags = {};
  options.filter = "counted\\[[12]\\]";
  EXPECT_EQ(plan_runs(list, options).size(), 2u);
}

TEST(RegressResults, JsonLinesRoundTrip) {
  RunResult r;
  r.name = "a[2]";
  r.test = "a";
  r.seed = 2;
  r.status = Status::kTimeout;
  r.exit_code = -1;
  r.wall_s = 1.25;
  r.cycles = 123456789;
  r.energy_uj = 12.5;
  r.log = "/tmp/x \"y\"/log.txt";
  r.repro = "cd /s && echo 'a\\b'\t|| true";
  const RunResult back = from_json_line(to_json_line(r));
  EXPECT_EQ(back.name, r.name);
  EXPECT_EQ(back.seed, r.seed);
  EXPECT_EQ(back.status, r.status);
  EXPECT_EQ(back.exit_code, -1);
  EXPECT_EQ(back.cycles, r.cycles);
  EXPECT_EQ(back.energy_uj, r.energy_uj);
  EXPECT_EQ(back.log, r.log);
  EXPECT_EQ(back.repro, r.repro);
  EXPECT_FALSE(back.waves.has_value());
  // Every prefix of a line (a write cut short) is torn.
  const std::string line = to_json_line(r);
  for (std::size_t n = 0; n < line.size(); ++n) {
    try {
      from_json_line(line.substr(0, n));
      ADD_FAILURE() << "accepted " << line.substr(0, n);
    } catch (const ResultsError& e) {
      EXPECT_TRUE(e.torn()) << line.substr(0, n) << ": " << e.what();
    }
  }
}

// A line written before energy_uj existed (--resume of an old results.jsonl) reads with none.
TEST(RegressResults, LinesWithoutEnergyStillRead) {
  const RunResult r = from_json_line(
      "{\"run\": \"a\", \"status\": \"pass\", \"wall_s\": 0.5, \"cycles\": 7, \"log\": \"/l\"}");
  EXPECT_EQ(r.cycles, 7u);
  EXPECT_FALSE(r.energy_uj.has_value());
  EXPECT_FALSE(from_json_line("{\"run\": \"a\", \"status\": \"pass\", \"energy_uj\": null}")
                   .energy_uj.has_value());
}

// 64-bit seeds and cycle counts come back exactly (through a double they would not above 2^53).
TEST(RegressResults, SixtyFourBitIntegersRoundTrip) {
  RunResult r;
  r.name = "a[18446744073709551615]";
  r.seed = std::numeric_limits<std::uint64_t>::max();
  r.cycles = (std::uint64_t{1} << 53) + 1;
  const RunResult back = from_json_line(to_json_line(r));
  EXPECT_EQ(back.seed, r.seed);
  EXPECT_EQ(back.cycles, r.cycles);
}

// The reason for a refused line, from_json_line's message; `line` is a record with one field
// replaced.
std::string RefusedBecause(const std::string& line) {
  try {
    from_json_line(line);
  } catch (const ResultsError& e) {
    EXPECT_FALSE(e.torn()) << line;
    return e.what();
  }
  ADD_FAILURE() << "accepted " << line;
  return "";
}

TEST(RegressResults, MalformedRecordsAreRefusedWithTheReason) {
  const auto with = [](const std::string& field) {
    return "{\"run\": \"a\", \"status\": \"pass\", " + field + "}";
  };
  EXPECT_EQ(RefusedBecause(with("\"seed\": -1")),
            "\"seed\" is -1, not an integer in [0, 18446744073709551615]");
  EXPECT_EQ(RefusedBecause(with("\"seed\": 18446744073709551616")),
            "\"seed\" is 18446744073709551616, not an integer in [0, 18446744073709551615]");
  EXPECT_EQ(RefusedBecause(with("\"seed\": 1e30")),
            "\"seed\" is 1e30, not an integer in [0, 18446744073709551615]");
  EXPECT_EQ(RefusedBecause(with("\"exit_code\": 4294967296")),
            "\"exit_code\" is 4294967296, not an integer in [-2147483648, 2147483647]");
  EXPECT_EQ(RefusedBecause(with("\"wall_s\": -0.5")), "\"wall_s\" is not a number of seconds >= 0");
  EXPECT_EQ(RefusedBecause(with("\"cycles\": \"12\"")), "\"cycles\" is not a number");
  EXPECT_EQ(RefusedBecause(with("\"energy_uj\": -1.5")),
            "\"energy_uj\" is not a number of microjoules >= 0");
  EXPECT_EQ(RefusedBecause(with("\"wall_s\": null")), "\"wall_s\" is not a number of seconds >= 0");
  EXPECT_EQ(RefusedBecause(with("\"log\": 3")), "\"log\" is not a string");
  EXPECT_EQ(RefusedBecause(with("\"config\": {\"lanes\": 4}")),
            "a config value that is not a string at column 52");
  EXPECT_EQ(RefusedBecause(with("\"run\": \"b\"")), "duplicate key \"run\" at column 39");
  EXPECT_EQ(RefusedBecause("{\"run\": \"a\", \"status\": \"passed\"}"),
            "\"status\" is \"passed\", not pass, fail or timeout");
  EXPECT_EQ(RefusedBecause("{\"status\": \"pass\"}"), "no \"run\" name");
  EXPECT_EQ(RefusedBecause("{\"run\": \"a\"} x"), "text after the record at column 14");
  EXPECT_EQ(RefusedBecause("{\"run\": \"a\\q\", \"status\": \"pass\"}"),
            "an unknown escape \\q at column 11");
  // JSON's escapes mean what JSON says (\r is a carriage return, not an r).
  EXPECT_EQ(from_json_line("{\"run\": \"a\\r\\/\\u0041\", \"status\": \"fail\"}").name, "a\r/A");
}

// A torn line anywhere (--resume appends after one) is skipped with a warning naming it; any
// other bad line fails the whole read, naming the file and the line.
TEST(RegressResults, ParseResultsNamesTheLine) {
  RunResult a;
  a.name = "a";
  a.status = Status::kFail;
  RunResult b = a;
  b.name = "b";
  RunResult a2 = a;
  a2.status = Status::kPass;
  const std::string torn = to_json_line(b).substr(0, 40);
  const ResultsRead read =
      parse_results(to_json_line(a) + "\n" + torn + "\n\n" + to_json_line(a2) + "\n", "r.jsonl");
  ASSERT_EQ(read.runs.size(), 1u);
  EXPECT_EQ(read.runs.at("a").status, Status::kPass);  // the last record of a run wins
  ASSERT_EQ(read.warnings.size(), 1u);
  EXPECT_EQ(read.warnings[0],
            "r.jsonl line 2: the line ends inside its record (a write cut short); skipped (that "
            "run has no result)");
  try {
    parse_results(to_json_line(a) + "\n\n" + "{\"run\": \"c\", \"status\": \"ok\"}\n", "r.jsonl");
    ADD_FAILURE() << "a bad status was accepted";
  } catch (const ResultsError& e) {
    EXPECT_FALSE(e.torn());
    EXPECT_STREQ(e.what(), "r.jsonl line 3: \"status\" is \"ok\", not pass, fail or timeout");
  }
}

TEST(RegressScheduler, ARunIgnoringSigtermIsKilled) {
  const fs::path dir = fresh_dir("sigterm");
  regress::Run run;
  run.name = run.test = "stubborn";
  run.command = "trap '' TERM; echo waiting; sleep 30";
  run.timeout_s = 0.3;
  run.dir = dir / "stubborn";
  run.log = run.dir / "log.txt";
  SchedulerOptions options;
  options.jobs = 1;
  options.cwd = dir;
  options.kill_grace_s = 0.2;
  std::vector<RunResult> finished;
  const auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(execute(
      {run}, options, [&](const regress::Run&, const RunResult& r) { finished.push_back(r); },
      [] { return false; }));
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_EQ(finished.size(), 1u);
  EXPECT_EQ(finished[0].status, Status::kTimeout);
  EXPECT_LT(wall, 5.0);
  EXPECT_EQ(read(run.log), "waiting\n");
}

// Checks the JUnit shape: testsuites > testsuite[name,tests,failures,errors,time] >
// testcase[classname,name,time], failure[message] for the failed ones.
void expect_junit_shape(const XmlElement& root, const std::string& list,
                        const std::map<std::string, std::string>& status_of) {
  ASSERT_EQ(root.name, "testsuites");
  const auto suites = root.all("testsuite");
  ASSERT_EQ(suites.size(), 1u);
  const XmlElement& suite = *suites[0];
  for (const char* key : {"name", "tests", "failures", "errors", "time"}) {
    EXPECT_TRUE(suite.attributes.contains(key)) << "testsuite lacks " << key;
  }
  EXPECT_EQ(suite.attributes.at("name"), list);
  EXPECT_EQ(suite.attributes.at("tests"), std::to_string(status_of.size()));
  std::size_t failed = 0;
  for (const auto& [name, status] : status_of) failed += status == "pass" ? 0u : 1u;
  EXPECT_EQ(suite.attributes.at("failures"), std::to_string(failed));
  EXPECT_EQ(suite.attributes.at("errors"), "0");
  EXPECT_NO_THROW(std::stod(suite.attributes.at("time")));
  const auto cases = suite.all("testcase");
  ASSERT_EQ(cases.size(), status_of.size());
  for (const XmlElement* c : cases) {
    for (const char* key : {"classname", "name", "time"}) {
      ASSERT_TRUE(c->attributes.contains(key)) << "testcase lacks " << key;
    }
    EXPECT_EQ(c->attributes.at("classname"), list);
    EXPECT_NO_THROW(std::stod(c->attributes.at("time")));
    const std::string name = c->attributes.at("name");
    ASSERT_TRUE(status_of.contains(name)) << name;
    const auto failures = c->all("failure");
    for (const auto& child : c->children) {
      EXPECT_TRUE(child->name == "failure" || child->name == "system-out") << child->name;
    }
    if (status_of.at(name) == "pass") {
      EXPECT_TRUE(failures.empty()) << name;
    } else {
      ASSERT_EQ(failures.size(), 1u) << name;
      EXPECT_TRUE(failures[0]->attributes.contains("message"));
      EXPECT_EQ(failures[0]->attributes.at("type"), status_of.at(name));
    }
    ASSERT_EQ(c->all("system-out").size(), 1u);
    EXPECT_NE(c->all("system-out")[0]->text.find("repro: cd "), std::string::npos);
  }
}

class RegressRunner : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fresh_dir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    write(dir_ / "mixed.yaml",
          "name: mixed\n"
          "tests:\n"
          "  - name: passing\n"
          "    command: echo run >> " +
              (dir_ / "count.txt").string() +
              "; echo '1234 cycles simulated in 0.1 s'"
              // \072 is the colon, which YAML would take for a map value here.
              "; printf 'energy (t, n = 16)\\072 2.500 uJ for 1 inputs\\n'"
              "; printf 'energy (t, n = 16)\\072 3.250 uJ for 2 inputs\\n'\n"
              "    timeout: 10\n"
              "    seeds: [4, 5]\n"
              "    tags: [good]\n"
              "  - name: failing\n"
              "    command: echo 'boom <&> \"x\"'; exit 3\n"
              "    timeout: 10\n"
              "    waves_rerun: echo fst > {out}/waves.fst\n"
              "  - name: hanging\n"
              "    command: echo started; sleep 30\n"
              "    timeout: 1\n");
  }
  std::string args(const std::string& extra = "") const {
    return (dir_ / "mixed.yaml").string() + " --out " + out().string() + " --source " +
           dir_.string() + " " + extra;
  }
  fs::path out() const { return dir_ / "out"; }
  std::size_t count_runs() const {
    const std::string text = read(dir_ / "count.txt");
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
  }

  fs::path dir_;
};

TEST_F(RegressRunner, PassFailAndTimeoutWithTheirReports) {
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(run_regress(dir_, args("-j 4")), 1) << read(dir_ / "runner.txt");
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(wall, 10.0);  // the hanging run is killed at its 1 s timeout

  const auto results = read_results(out() / "results.jsonl").runs;
  ASSERT_EQ(results.size(), 4u);
  EXPECT_EQ(results.at("passing[4]").status, Status::kPass);
  EXPECT_EQ(results.at("passing[4]").exit_code, 0);
  EXPECT_EQ(results.at("passing[4]").cycles, 1234u);
  EXPECT_EQ(results.at("passing[4]").energy_uj, 3.25);  // the last total in the log
  EXPECT_FALSE(results.at("failing").energy_uj.has_value());
  EXPECT_EQ(results.at("passing[5]").seed, 5u);
  EXPECT_EQ(results.at("failing").status, Status::kFail);
  EXPECT_EQ(results.at("failing").exit_code, 3);
  EXPECT_FALSE(results.at("failing").cycles.has_value());
  EXPECT_EQ(results.at("failing").waves, (out() / "failing/waves.fst").string());
  EXPECT_EQ(results.at("hanging").status, Status::kTimeout);
  EXPECT_GE(results.at("hanging").wall_s, 1.0);
  EXPECT_LT(results.at("hanging").wall_s, 5.0);
  EXPECT_EQ(read(out() / "hanging/log.txt"), "started\n");
  EXPECT_EQ(read(out() / "failing/log.txt"), "boom <&> \"x\"\n");
  EXPECT_EQ(count_runs(), 2u);

  // Exact repro lines: cd to the source, then the expanded command.
  const std::string failing_repro = "cd " + dir_.string() + " && echo 'boom <&> \"x\"'; exit 3";
  EXPECT_EQ(results.at("failing").repro, failing_repro);
  EXPECT_EQ(results.at("hanging").repro, "cd " + dir_.string() + " && echo started; sleep 30");

  const std::string summary = read(out() / "summary.md");
  EXPECT_NE(
      summary.find("| run | status | seed | config | wall (s) | cycles | energy (uJ) | repro |"),
      std::string::npos);
  EXPECT_NE(summary.find("| passing[4] | pass | 4 |  | "), std::string::npos) << summary;
  EXPECT_NE(summary.find(" | 1234 | 3.250 | `cd "), std::string::npos) << summary;
  EXPECT_NE(summary.find("| hanging | timeout |  |  | "), std::string::npos) << summary;
  EXPECT_NE(summary.find("\n" + failing_repro + "\n"), std::string::npos) << summary;
  EXPECT_NE(read(dir_ / "runner.txt").find("repro: " + failing_repro + "\n"), std::string::npos);

  const std::string junit = read(out() / "junit.xml");
  std::unique_ptr<XmlElement> root;
  ASSERT_NO_THROW(root = XmlReader(junit).parse()) << junit;
  expect_junit_shape(*root, "mixed",
                     {{"passing[4]", "pass"},
                      {"passing[5]", "pass"},
                      {"failing", "fail"},
                      {"hanging", "timeout"}});
  const auto cases = root->all("testsuite")[0]->all("testcase");
  for (const XmlElement* c : cases) {
    if (c->attributes.at("name") != "failing") continue;
    EXPECT_EQ(c->all("failure")[0]->text, "boom <&> \"x\"");  // the log tail
    EXPECT_NE(c->all("system-out")[0]->text.find("repro: " + failing_repro + "\n"),
              std::string::npos);
  }

  // xmllint (libxml2-utils) is installed by ci/install-deps.sh: its absence is a failure.
  ASSERT_EQ(std::system("command -v xmllint >/dev/null 2>&1"), 0)
      << "xmllint missing: run ci/install-deps.sh (libxml2-utils)";
  const std::string validate =
      "xmllint --noout --schema " EDGEBERT_JUNIT_XSD " " + (out() / "junit.xml").string() + " 2>&1";
  EXPECT_EQ(std::system(validate.c_str()), 0) << "junit.xml fails " EDGEBERT_JUNIT_XSD;

  const std::string html = read(out() / "report.html");
  EXPECT_EQ(html.find("http"), std::string::npos);  // self-contained
  const auto first_fail = html.find("<tr class=\"fail\">");
  const auto first_pass = html.find("<tr class=\"pass\">");
  ASSERT_NE(first_fail, std::string::npos);
  ASSERT_NE(first_pass, std::string::npos);
  EXPECT_LT(first_fail, first_pass);  // failures first
  EXPECT_LT(html.find("<tr class=\"timeout\">"), first_pass);
  EXPECT_NE(html.find("href=\"failing/log.txt\""), std::string::npos);
  EXPECT_NE(html.find("href=\"failing/waves.fst\""), std::string::npos);
}

TEST_F(RegressRunner, OnlyPassingRunsExitZero) {
  EXPECT_EQ(run_regress(dir_, args("--tag good -j 2")), 0) << read(dir_ / "runner.txt");
  EXPECT_EQ(count_runs(), 2u);
  EXPECT_EQ(run_regress(dir_, args("--filter 'passing\\[5\\]'")), 0);
  EXPECT_EQ(count_runs(), 3u);
  EXPECT_EQ(read_results(out() / "results.jsonl").runs.size(), 1u);  // a fresh run starts over
  EXPECT_EQ(run_regress(dir_, args("--filter nothing-matches")), 2);
}

TEST_F(RegressRunner, ResumeSkipsFinishedRuns) {
  EXPECT_EQ(run_regress(dir_, args("--tag good")), 0);
  EXPECT_EQ(count_runs(), 2u);
  // Resumed: the passing runs are read from results.jsonl, only the others run.
  EXPECT_EQ(run_regress(dir_, args("--resume --filter failing")), 1);
  EXPECT_EQ(count_runs(), 2u);
  const auto results = read_results(out() / "results.jsonl").runs;
  EXPECT_EQ(results.size(), 3u);  // the earlier records kept
  // Everything finished: nothing runs, the reports are written from the file.
  EXPECT_EQ(run_regress(dir_, args("--resume --filter 'passing|failing'")), 1);
  EXPECT_EQ(count_runs(), 2u);
  EXPECT_NE(read(dir_ / "runner.txt").find("3 already finished, skipped"), std::string::npos);
  EXPECT_NE(read(out() / "summary.md").find("| failing | fail |"), std::string::npos);
  EXPECT_NE(read(out() / "summary.md").find("| passing[5] | pass |"), std::string::npos);
}

TEST_F(RegressRunner, RerunFailedRunsOnlyTheFailedAndKeepsThePassed) {
  EXPECT_EQ(run_regress(dir_, args("--rerun-failed")), 2);  // nothing recorded yet
  EXPECT_NE(read(dir_ / "runner.txt").find("does not exist"), std::string::npos);
  EXPECT_EQ(run_regress(dir_, args("-j 4")), 1);
  EXPECT_EQ(count_runs(), 2u);
  const auto first = read_results(out() / "results.jsonl").runs;
  EXPECT_EQ(run_regress(dir_, args("-j 4 --rerun-failed")), 1) << read(dir_ / "runner.txt");
  EXPECT_EQ(count_runs(), 2u);  // the passing runs did not run again
  const std::string runner = read(dir_ / "runner.txt");
  EXPECT_NE(runner.find("rerunning the 2 recorded as failed or timed out"), std::string::npos)
      << runner;
  EXPECT_NE(runner.find("fail failing ("), std::string::npos) << runner;
  EXPECT_NE(runner.find("timeout hanging ("), std::string::npos) << runner;
  EXPECT_EQ(runner.find("passing["), std::string::npos) << runner;
  // Appended: the passed records kept as they were, the failed ones recorded again.
  const std::string lines = read(out() / "results.jsonl");
  EXPECT_EQ(std::count(lines.begin(), lines.end(), '\n'), 6);
  const auto again = read_results(out() / "results.jsonl").runs;
  ASSERT_EQ(again.size(), 4u);
  EXPECT_EQ(to_json_line(again.at("passing[4]")), to_json_line(first.at("passing[4]")));
  EXPECT_NE(read(out() / "summary.md").find("| passing[5] | pass |"), std::string::npos);
}

TEST_F(RegressRunner, ReseedRunsNewSeedsAndPrintsThem) {
  EXPECT_EQ(run_regress(dir_, args("--tag good --reseed 3")), 0) << read(dir_ / "runner.txt");
  EXPECT_EQ(count_runs(), 3u);
  const std::string runner = read(dir_ / "runner.txt");
  const std::string prefix = "edgebert_regress: --reseed 3: passing seeds ";
  const auto at = runner.find(prefix);
  ASSERT_NE(at, std::string::npos) << runner;
  const auto end = runner.find('\n', at);
  std::istringstream seeds(runner.substr(at + prefix.size(), end - at - prefix.size()));
  const auto results = read_results(out() / "results.jsonl").runs;
  ASSERT_EQ(results.size(), 3u);
  for (std::string seed; std::getline(seeds >> std::ws, seed, ',');) {
    // Each printed seed ran: the run is named after it, and its repro line passes it on.
    EXPECT_TRUE(results.contains("passing[" + seed + "]")) << seed << "\n" << runner;
    EXPECT_EQ(results.at("passing[" + seed + "]").seed, std::stoull(seed));
  }
  EXPECT_FALSE(results.contains("passing[4]"));
}

TEST_F(RegressRunner, ProgressLinesAndNoProgress) {
  EXPECT_EQ(run_regress(dir_, args("-j 1 --filter 'passing|failing'")), 1);
  // Not a terminal: a plain line per finished run with the failures so far and the ETA.
  std::string runner = read(dir_ / "runner.txt");
  EXPECT_EQ(runner.find('\r'), std::string::npos);
  EXPECT_NE(runner.find("[1/3] pass passing[4] ("), std::string::npos) << runner;
  EXPECT_NE(runner.find(" s); 0 failed, ETA "), std::string::npos) << runner;
  EXPECT_NE(runner.find("[3/3] fail failing ("), std::string::npos) << runner;
  EXPECT_NE(runner.find(" s); 1 failed, done in "), std::string::npos) << runner;
  EXPECT_NE(runner.find("    failure: failed: exit code 3\n"), std::string::npos) << runner;
  // --no-progress: the failure and the summary only.
  EXPECT_EQ(run_regress(dir_, args("-j 1 --filter 'passing|failing' --no-progress")), 1);
  runner = read(dir_ / "runner.txt");
  EXPECT_EQ(runner.find("pass passing[4]"), std::string::npos) << runner;
  EXPECT_EQ(runner.find("ETA"), std::string::npos) << runner;
  EXPECT_NE(runner.find("[3/3] fail failing ("), std::string::npos) << runner;
  EXPECT_NE(runner.find("2 of 3 runs passed"), std::string::npos) << runner;
}

TEST(RegressConfig, ListErrorsNameTheFileTheTestAndTheKey) {
  struct Case {
    std::string yaml;
    std::vector<std::string> expected;
  };
  const std::string head = "tests:\n  - name: a\n    timeout: 1\n";
  const std::vector<Case> cases = {
      {head + "    command: echo {lanes} {task}\n    config:\n      lanes: 4\n",
       {"bad.yaml:4:", "test 'a'", "key 'command'", "unknown placeholder {task}"}},
      {head + "    command: echo {lanes}\n    waves_rerun: echo {lane}\n    config:\n"
              "      lanes: [4, 8]\n",
       {"bad.yaml:5:", "test 'a'", "key 'waves_rerun'", "unknown placeholder {lane}"}},
      {head + "    command: echo {la-nes}\n    config:\n      la-nes: 4\n",
       {"bad.yaml:6:", "test 'a'", "key 'config'", "bad config key 'la-nes'"}},
      {head + "    command: echo {x}\n    config:\n      x: 1\n      \"\": 2\n",
       {"bad.yaml:7:", "test 'a'", "key 'config'", "bad config key ''"}},
      {head + "    command: echo {seed}\n    seeds: [1]\n    config:\n      seed: 4\n",
       {"bad.yaml:7:", "test 'a'", "key 'config.seed'", "shadows the built-in placeholder {seed}"}},
      {head + "    command: echo {out}\n    config:\n      out: /tmp\n",
       {"bad.yaml:6:", "key 'config.out'", "shadows the built-in placeholder {out}"}},
      {head + "    command: echo {lanes}\n    config:\n      lanes: []\n",
       {"bad.yaml:6:", "test 'a'", "key 'config.lanes'", "an empty list"}},
      {head + "    command: echo {lanes}\n    config:\n      lanes: [4, 4]\n",
       {"bad.yaml:6:", "key 'config.lanes'", "duplicate value '4'"}},
      {head + "    command: echo {lanes}\n    config:\n      lanes: [4, [8]]\n",
       {"bad.yaml:6:", "key 'config.lanes'", "a scalar or a list of scalars"}},
      {head + "    command: echo {lanes}\n    config:\n      lanes:\n",
       {"key 'config.lanes'", "a scalar or a list of scalars"}},
      {head + "    command: echo {lanes}\n    config: [lanes]\n",
       {"bad.yaml:5:", "key 'config'", "must be a mapping"}},
      {head + "    command: echo {task}\n    config:\n      task: sst2\n      lanes: [4, 8]\n",
       {"bad.yaml:7:", "key 'config.lanes'", "used in neither command nor waves_rerun"}},
      {head + "    command: echo {task}\n    config:\n      task: [\"a b\", \"a/b\"]\n",
       {"bad.yaml:6:", "key 'config'", "would share the run folder 'a-task-a_b'"}},
      {head + "    command: echo {x}\n    config:\n      x: [\"1\"]\n"
              "  - name: a-x-1\n    command: true\n    timeout: 1\n",
       {"bad.yaml:7:", "test 'a-x-1'", "would share the run folder 'a-x-1' with run 'a[x=1]'"}},
  };
  for (const auto& c : cases) {
    const std::string message = list_error(c.yaml);
    for (const auto& part : c.expected) {
      EXPECT_NE(message.find(part), std::string::npos)
          << "'" << part << "' not in: " << message << "\nfor:\n"
          << c.yaml;
    }
  }
  // ${name} is the shell's: neither a placeholder nor an error.
  EXPECT_EQ(list_error(head + "    command: echo ${HOME} {x}\n    config:\n      x: 1\n"),
            "no error");
}

TEST(RegressConfig, AMatrixExpandsIntoNamedRuns) {
  const fs::path dir = fresh_dir("config_plan");
  write(dir / "config.yaml",
        "tests:\n"
        "  - name: scalar\n"
        "    command: run --task {task} --n {n} --out {out}\n"
        "    timeout: 1\n"
        "    config:\n"
        "      task: sst2\n"
        "      n: 4\n"
        "  - name: run_lanes\n"
        "    command: run {lanes} {task} {seed} {mode}\n"
        "    waves_rerun: run {lanes} --waves {out}/w.fst\n"
        "    timeout: 1\n"
        "    seeds: [1, 3]\n"
        "    config:\n"
        "      lanes: [4, 32]\n"
        "      mode: stuck\n"
        "      task: [sst2, \"mnli m/x\"]\n");
  const TestList list = load_test_list(dir / "config.yaml");
  PlanOptions options{"/b", "/s", "/o", std::nullopt, {}};
  const auto runs = plan_runs(list, options);
  std::vector<std::string> names;
  for (const auto& r : runs) names.push_back(r.name);
  EXPECT_EQ(names, (std::vector<std::string>{
                       "scalar",
                       "run_lanes[lanes=4,task=sst2][1]",
                       "run_lanes[lanes=4,task=sst2][3]",
                       "run_lanes[lanes=4,task=mnli m/x][1]",
                       "run_lanes[lanes=4,task=mnli m/x][3]",
                       "run_lanes[lanes=32,task=sst2][1]",
                       "run_lanes[lanes=32,task=sst2][3]",
                       "run_lanes[lanes=32,task=mnli m/x][1]",
                       "run_lanes[lanes=32,task=mnli m/x][3]",
                   }));
  ASSERT_EQ(runs.size(), 9u);
  // A scalar key keeps today's name and folder.
  EXPECT_EQ(runs[0].dir, fs::path("/o/scalar"));
  EXPECT_EQ(runs[0].command, "run --task sst2 --n 4 --out /o/scalar");
  EXPECT_EQ(runs[0].config, (Config{{"task", "sst2"}, {"n", "4"}}));
  EXPECT_EQ(runs[6].seed, 3u);
  EXPECT_EQ(runs[6].config, (Config{{"lanes", "32"}, {"mode", "stuck"}, {"task", "sst2"}}));
  EXPECT_EQ(runs[6].command, "run 32 sst2 3 stuck");
  EXPECT_EQ(runs[6].dir, fs::path("/o/run_lanes-lanes-32-task-sst2-seed3"));
  EXPECT_EQ(runs[6].waves_command, "run 32 --waves /o/run_lanes-lanes-32-task-sst2-seed3/w.fst");
  EXPECT_EQ(runs[6].waves_file, "/o/run_lanes-lanes-32-task-sst2-seed3/w.fst");
  // A value with a space and a '/' is verbatim in the command, sanitised in the folder.
  EXPECT_EQ(runs[3].command, "run 4 mnli m/x 1 stuck");
  EXPECT_EQ(runs[3].dir, fs::path("/o/run_lanes-lanes-4-task-mnli_m_x-seed1"));
  for (const auto& r : runs) {
    EXPECT_EQ(r.dir.parent_path(), fs::path("/o")) << r.name;
    EXPECT_EQ(r.dir.filename().string().find(' '), std::string::npos) << r.name;
  }

  options.filter = "lanes=32";
  EXPECT_EQ(plan_runs(list, options).size(), 4u);
  options.filter = "task=sst2\\]\\[3\\]";
  EXPECT_EQ(plan_runs(list, options).size(), 2u);
}

TEST(RegressConfig, ExpandIsOnePass) {
  EXPECT_EQ(expand("a {x} {seed} ${x} {y} {", "/b", "/s", "7", "/o", {{"x", "{seed}"}}),
            "a {seed} 7 ${x} {y} {");
}

TEST(RegressResults, OldLinesWithoutConfigLoadAndConfigRoundTrips) {
  const RunResult old = from_json_line(
      "{\"run\": \"a[2]\", \"test\": \"a\", \"seed\": 2, \"status\": \"pass\", \"exit_code\": 0, "
      "\"wall_s\": 0.500, \"cycles\": null, \"log\": \"/l\", \"repro\": \"cd /s && a\", "
      "\"waves\": null}");
  EXPECT_EQ(old.name, "a[2]");
  EXPECT_EQ(old.status, Status::kPass);
  EXPECT_TRUE(old.config.empty());

  RunResult r;
  r.name = "a[lanes=4,task=x \"y\"]";
  r.test = "a";
  r.config = {{"lanes", "4"}, {"task", "x \"y\""}, {"b", ""}};
  const std::string line = to_json_line(r);
  EXPECT_NE(line.find("\"config\": {\"lanes\": \"4\", \"task\": \"x \\\"y\\\"\", \"b\": \"\"}"),
            std::string::npos)
      << line;
  const RunResult back = from_json_line(line);
  EXPECT_EQ(back.config, r.config);
  EXPECT_EQ(back.name, r.name);
}

class RegressConfigRunner : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fresh_dir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    write(dir_ / "cfg.yaml",
          "name: cfg\n"
          "tests:\n"
          "  - name: scalar\n"
          "    command: echo {task} {n}\n"
          "    timeout: 10\n"
          "    config:\n"
          "      task: sst2\n"
          "      n: 4\n"
          "  - name: run_lanes\n"
          "    command: echo lanes={lanes} task={task} seed={seed} mode={mode}\n"
          "    timeout: 10\n"
          "    seeds: [1, 3]\n"
          "    config:\n"
          "      lanes: [4, 32]\n"
          "      task: [sst2, \"mnli m/x\"]\n"
          "      mode: stuck\n");
  }
  std::string args(const std::string& extra = "") const {
    return (dir_ / "cfg.yaml").string() + " --out " + out().string() + " --source " +
           dir_.string() + " " + extra;
  }
  fs::path out() const { return dir_ / "out"; }

  fs::path dir_;
};

TEST_F(RegressConfigRunner, RunsRecordTheirConfigInEveryReport) {
  ASSERT_EQ(run_regress(dir_, args("-j 4")), 0) << read(dir_ / "runner.txt");

  // The expanded commands, seen through their logs.
  EXPECT_EQ(read(out() / "scalar/log.txt"), "sst2 4\n");
  EXPECT_EQ(read(out() / "run_lanes-lanes-32-task-sst2-seed3/log.txt"),
            "lanes=32 task=sst2 seed=3 mode=stuck\n");
  EXPECT_EQ(read(out() / "run_lanes-lanes-4-task-mnli_m_x-seed1/log.txt"),
            "lanes=4 task=mnli m/x seed=1 mode=stuck\n");

  const auto results = read_results(out() / "results.jsonl").runs;
  ASSERT_EQ(results.size(), 9u);
  std::map<std::string, std::string> status_of;
  for (const auto& [name, r] : results) status_of[name] = status_name(r.status);
  for (const char* name :
       {"scalar", "run_lanes[lanes=4,task=sst2][1]", "run_lanes[lanes=32,task=mnli m/x][3]"}) {
    EXPECT_TRUE(results.contains(name)) << name;
  }
  EXPECT_EQ(results.at("scalar").config, (Config{{"task", "sst2"}, {"n", "4"}}));
  EXPECT_EQ(results.at("run_lanes[lanes=32,task=mnli m/x][3]").config,
            (Config{{"lanes", "32"}, {"task", "mnli m/x"}, {"mode", "stuck"}}));
  EXPECT_EQ(results.at("run_lanes[lanes=32,task=mnli m/x][3]").seed, 3u);
  EXPECT_NE(read(out() / "results.jsonl")
                .find("\"run\": \"run_lanes[lanes=4,task=sst2][1]\", \"test\": \"run_lanes\", "
                      "\"seed\": 1, \"config\": {\"lanes\": \"4\", \"task\": \"sst2\", \"mode\": "
                      "\"stuck\"}"),
            std::string::npos);

  // JUnit: the configs are testsuite properties "<run>.<key>" (where the schema allows them)
  // and a system-out line of each testcase; the file validates against the schema.
  const std::string junit = read(out() / "junit.xml");
  std::unique_ptr<XmlElement> root;
  ASSERT_NO_THROW(root = XmlReader(junit).parse()) << junit;
  expect_junit_shape(*root, "cfg", status_of);
  const XmlElement& suite = *root->all("testsuite")[0];
  ASSERT_EQ(suite.all("properties").size(), 1u);
  std::map<std::string, std::string> properties;
  for (const XmlElement* p : suite.all("properties")[0]->all("property")) {
    properties[p->attributes.at("name")] = p->attributes.at("value");
  }
  EXPECT_EQ(properties.size(), 2u + 8u * 3u);
  EXPECT_EQ(properties["scalar.task"], "sst2");
  EXPECT_EQ(properties["scalar.n"], "4");
  EXPECT_EQ(properties["run_lanes[lanes=32,task=mnli m/x][3].lanes"], "32");
  EXPECT_EQ(properties["run_lanes[lanes=32,task=mnli m/x][3].task"], "mnli m/x");
  EXPECT_EQ(properties["run_lanes[lanes=4,task=sst2][1].mode"], "stuck");
  for (const XmlElement* c : suite.all("testcase")) {
    if (c->attributes.at("name") != "run_lanes[lanes=4,task=sst2][3]") continue;
    EXPECT_NE(c->all("system-out")[0]->text.find("config: lanes=4, task=sst2, mode=stuck\n"),
              std::string::npos);
  }
  ASSERT_EQ(std::system("command -v xmllint >/dev/null 2>&1"), 0)
      << "xmllint missing: run ci/install-deps.sh (libxml2-utils)";
  const std::string validate =
      "xmllint --noout --schema " EDGEBERT_JUNIT_XSD " " + (out() / "junit.xml").string() + " 2>&1";
  EXPECT_EQ(std::system(validate.c_str()), 0) << "junit.xml fails " EDGEBERT_JUNIT_XSD;

  const std::string summary = read(out() / "summary.md");
  EXPECT_NE(
      summary.find("| run | status | seed | config | wall (s) | cycles | energy (uJ) | repro |"),
      std::string::npos);
  EXPECT_NE(summary.find("| scalar | pass |  | task=sst2, n=4 | "), std::string::npos) << summary;
  EXPECT_NE(summary.find("| run_lanes[lanes=32,task=sst2][3] | pass | 3 | lanes=32, task=sst2, "
                         "mode=stuck | "),
            std::string::npos)
      << summary;
  EXPECT_NE(read(out() / "report.html")
                .find("<td class=\"config\">lanes=4, task=mnli m/x, mode=stuck</td>"),
            std::string::npos);

  // Resumed with everything finished: the configs come back from results.jsonl.
  fs::remove(out() / "summary.md");
  EXPECT_EQ(run_regress(dir_, args("--resume")), 0);
  EXPECT_NE(read(dir_ / "runner.txt").find("9 already finished, skipped"), std::string::npos);
  EXPECT_NE(read(out() / "summary.md").find("| scalar | pass |  | task=sst2, n=4 | "),
            std::string::npos);
}

TEST_F(RegressConfigRunner, ListAndFilterSeeTheConfig) {
  ASSERT_EQ(run_regress(dir_, args("--list")), 0);
  const std::string listed = read(dir_ / "runner.txt");
  EXPECT_NE(listed.find("run_lanes[lanes=4,task=sst2][1]: cd " + dir_.string() +
                        " && echo lanes=4 task=sst2 seed=1 mode=stuck\n"
                        "    config: lanes=4, task=sst2, mode=stuck\n"),
            std::string::npos)
      << listed;
  EXPECT_NE(listed.find("scalar: cd " + dir_.string() + " && echo sst2 4\n" +
                        "    config: task=sst2, n=4\n"),
            std::string::npos)
      << listed;
  EXPECT_FALSE(fs::exists(out() / "results.jsonl"));  // --list runs nothing

  EXPECT_EQ(run_regress(dir_, args("--filter 'lanes=32'")), 0) << read(dir_ / "runner.txt");
  const auto results = read_results(out() / "results.jsonl").runs;
  EXPECT_EQ(results.size(), 4u);
  for (const auto& [name, r] : results) {
    EXPECT_NE(name.find("lanes=32"), std::string::npos) << name;
    EXPECT_EQ(r.config[0], (std::pair<std::string, std::string>{"lanes", "32"}));
  }
}

}  // namespace
}  // namespace edgebert::regress
