// Waves from real failures, opened with GTKWave's fst2vcd: a regression list whose test fails
// golden lockstep (a weight-mask bit flipped after the load) is rerun by edgebert_regress with
// the traced SoC; the FST it links ends at the mismatch cycle and holds the signals the README
// tells users to look at first. Also: the window by command number (--waves-ops) and the window
// before a hang (--watchdog-cycles with --waves-on-failure), and scopes (--waves-scope).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "results.h"

namespace edgebert::regress {
namespace {

namespace fs = std::filesystem;

fs::path FreshDir(const std::string& name) {
  const fs::path dir = fs::path(::testing::TempDir()) / ("waves_rerun_test_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string Read(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Runs a shell command with its output in `log`; the exit status.
int Shell(const std::string& command, const fs::path& log) {
  const int status = std::system((command + " >" + log.string() + " 2>&1").c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// What a test needs of a VCD: the signals declared (by name) and, for chosen ones, every value
// with its time, plus the first and last time stamps.
struct Vcd {
  std::set<std::string> names;
  std::map<std::string, std::vector<std::pair<uint64_t, uint64_t>>> values;  // name -> (t, v)
  std::optional<uint64_t> first_time, last_time;
};

// fst2vcd (GTKWave, installed by ci/install-deps.sh) over `fst`; `traced` names whose values to
// keep (the first declaration of each name).
Vcd OpenFst(const fs::path& fst, const std::set<std::string>& traced) {
  const fs::path vcd_file = fst.string() + ".vcd";
  EXPECT_EQ(std::system("command -v fst2vcd >/dev/null 2>&1"), 0)
      << "fst2vcd missing: run ci/install-deps.sh (gtkwave)";
  EXPECT_EQ(Shell("fst2vcd -f " + fst.string(), vcd_file), 0) << Read(vcd_file);
  Vcd vcd;
  std::map<std::string, std::string> code_to_name;
  std::ifstream in(vcd_file);
  std::string line;
  uint64_t now = 0;
  while (std::getline(in, line)) {
    if (line.starts_with("$var")) {
      std::istringstream words(line);
      std::string var, kind, width, code, name;
      words >> var >> kind >> width >> code >> name;
      vcd.names.insert(name);
      if (traced.count(name) != 0 && vcd.values.count(name) == 0) {
        code_to_name.emplace(code, name);
        vcd.values[name];
      }
    } else if (line.starts_with("#")) {
      now = std::stoull(line.substr(1));
      if (!vcd.first_time) vcd.first_time = now;
      vcd.last_time = now;
    } else if (!line.empty() && (line[0] == 'b' || line[0] == '0' || line[0] == '1')) {
      std::string bits, code;
      if (line[0] == 'b') {
        const auto space = line.find(' ');
        bits = line.substr(1, space - 1);
        code = line.substr(space + 1);
      } else {
        bits = line.substr(0, 1);
        code = line.substr(1);
      }
      const auto named = code_to_name.find(code);
      if (named == code_to_name.end() || bits.find_first_not_of("01") != std::string::npos) {
        continue;
      }
      vcd.values[named->second].emplace_back(now, std::stoull(bits, nullptr, 2));
    }
  }
  return vcd;
}

// The integer after `prefix` in `text` (the first occurrence), or nullopt.
std::optional<uint64_t> NumberAfter(const std::string& text, const std::string& prefix) {
  const auto at = text.find(prefix);
  if (at == std::string::npos) return std::nullopt;
  return std::stoull(text.substr(at + prefix.size()));
}

const std::string kApp = EDGEBERT_APP_BIN;
const std::string kFlip = " --count 1 --lockstep command --flip 0x14000000:0 --no-progress";

TEST(WavesRerun, FailingLockstepTestGetsAnFstEndingAtTheMismatch) {
  const fs::path dir = FreshDir("lockstep");
  const fs::path list = dir / "list.yaml";
  std::ofstream(list) << "name: waves\ntests:\n"
                      << "  - name: flipped_mask\n"
                      << "    command: \"{build}/sw/app/edgebert run" << kFlip << "\"\n"
                      << "    waves_rerun: \"{build}/sw/app/edgebert run" << kFlip
                      << " --mismatch-window 1500 --waves-on-mismatch {out}/waves.fst\"\n"
                      << "    timeout: 300\n";
  const fs::path out = dir / "out";
  const int rc =
      Shell(std::string(EDGEBERT_REGRESS_BIN) + " " + list.string() +
                " -j 1 --build " EDGEBERT_BUILD_DIR " --source " EDGEBERT_SOURCE_DIR " --out " +
                out.string(),
            dir / "runner.txt");
  EXPECT_EQ(rc, 1) << Read(dir / "runner.txt");

  // The runner's record of the run links the FST it rerun.
  const auto results = read_results(out / "results.jsonl").runs;
  ASSERT_EQ(results.size(), 1u) << Read(dir / "runner.txt");
  const RunResult& r = results.begin()->second;
  EXPECT_EQ(r.status, Status::kFail);
  ASSERT_TRUE(r.waves.has_value()) << Read(dir / "runner.txt");
  const fs::path fst = *r.waves;
  EXPECT_EQ(fst, out / "flipped_mask/waves.fst");
  ASSERT_TRUE(fs::exists(fst));
  EXPECT_NE(Read(out / "report.html").find("flipped_mask/waves.fst\">fst</a>"), std::string::npos);
  EXPECT_NE(Read(out / "junit.xml").find("waves: " + fst.string()), std::string::npos);

  // The failing run says where: the cycle and the command number of the mismatch.
  const std::string log = Read(out / "flipped_mask/log.txt");
  EXPECT_NE(log.find("GOLDEN MISMATCH 'embedding map'"), std::string::npos) << log;
  const auto cycle = NumberAfter(log, "detected at cycle ");
  const auto command = NumberAfter(log, ", commands ");
  ASSERT_TRUE(cycle && command) << log;
  const std::string rerun_log = Read(out / "flipped_mask/waves_log.txt");
  EXPECT_NE(rerun_log.find("waves of cycles " + std::to_string(*cycle - 1500) + ".." +
                           std::to_string(*cycle - 1) +
                           " before the mismatch of input 1: " + fst.string() + " ("),
            std::string::npos)
      << rerun_log;

  // The FST: the window's cycles (cycle c at times 2c and 2c + 1; the mismatch was detected after
  // cycle `cycle` - 1), the signals to look at first,
  // and the command counter ending one past the mismatching command.
  const Vcd vcd = OpenFst(fst, {"cmd_seq_q", "irq_o", "busy_o"});
  for (const char* name : {"clk_i", "rst_ni", "irq_o", "busy_o", "cmd_seq_q", "axi_awaddr_i"}) {
    EXPECT_EQ(vcd.names.count(name), 1u) << name;
  }
  ASSERT_TRUE(vcd.first_time && vcd.last_time);
  EXPECT_EQ(*vcd.first_time, 2 * (*cycle - 1500));
  EXPECT_EQ(*vcd.last_time, 2 * *cycle - 1);
  const auto& seq = vcd.values.at("cmd_seq_q");
  ASSERT_FALSE(seq.empty());
  EXPECT_EQ(seq.back().second, *command + 1);
}

TEST(WavesRerun, CommandWindowDumpsOnlyWhileThoseCommandsRun) {
  const fs::path dir = FreshDir("ops");
  const fs::path fst = dir / "ops.fst";
  const int rc = Shell("cd " EDGEBERT_SOURCE_DIR " && " + kApp + " run --count 1 --waves " +
                           fst.string() + " --waves-ops 4:6",
                       dir / "run.txt");
  const std::string log = Read(dir / "run.txt");
  ASSERT_EQ(rc, 0) << log;
  EXPECT_NE(log.find("waves: " + fst.string() + " ("), std::string::npos) << log;
  EXPECT_NE(log.find(" KiB FST)"), std::string::npos) << log;
  const Vcd vcd = OpenFst(fst, {"cmd_seq_q"});
  const auto& seq = vcd.values.at("cmd_seq_q");
  ASSERT_FALSE(seq.empty());
  for (const auto& [time, value] : seq) {
    // A cycle starts inside the window; its rising edge may complete command 6.
    EXPECT_GE(value, 4u) << "at time " << time;
    EXPECT_LE(value, 7u) << "at time " << time;
  }
  EXPECT_EQ(seq.front().second, 4u);
  EXPECT_EQ(seq.back().second, 7u);
}

TEST(WavesRerun, ScopesLimitTheSignalsToTheirInstancesAndThePorts) {
  const fs::path dir = FreshDir("scope");
  const fs::path whole = dir / "whole.fst", scoped = dir / "scoped.fst";
  for (const auto& [fst, scope] :
       {std::pair{whole, std::string()}, std::pair{scoped, std::string(" --waves-scope u_csr")}}) {
    const int rc = Shell("cd " EDGEBERT_SOURCE_DIR " && " + kApp + " run --count 1 --waves " +
                             fst.string() + " --waves-ops 2:3" + scope,
                         dir / "run.txt");
    ASSERT_EQ(rc, 0) << Read(dir / "run.txt");
  }
  const Vcd all = OpenFst(whole, {}), csr = OpenFst(scoped, {});
  for (const char* name : {"cmd_seq_q", "irq_o", "clk_i", "axi_awaddr_i"}) {
    EXPECT_EQ(csr.names.count(name), 1u) << name;
  }
  // The PU's streaming row counter is in the whole SoC's dump, not in u_csr's.
  EXPECT_EQ(all.names.count("st_m0_q"), 1u);
  EXPECT_EQ(csr.names.count("st_m0_q"), 0u);
  EXPECT_LT(fs::file_size(scoped), fs::file_size(whole));

  const int rc = Shell("cd " EDGEBERT_SOURCE_DIR " && " + kApp + " run --count 1 --waves " +
                           (dir / "bad.fst").string() + " --waves-scope 'u_gb u_pu'",
                       dir / "bad.txt");
  EXPECT_NE(rc, 0);
  EXPECT_NE(Read(dir / "bad.txt").find("--waves-scope: no scope 'u_gb u_pu' in the traced SoC"),
            std::string::npos)
      << Read(dir / "bad.txt");
}

TEST(WavesRerun, HungRunGetsTheCyclesBeforeTheWatchdog) {
  const fs::path dir = FreshDir("watchdog");
  const fs::path fst = dir / "hang.fst";
  // No wait for the interrupt may last 300 cycles: the first one fails, deterministically.
  const int rc = Shell("cd " EDGEBERT_SOURCE_DIR " && " + kApp +
                           " run --count 1 --watchdog-cycles 300 --mismatch-window 400 "
                           "--waves-on-failure " +
                           fst.string(),
                       dir / "run.txt");
  const std::string log = Read(dir / "run.txt");
  EXPECT_EQ(rc, 1) << log;
  EXPECT_NE(log.find("no interrupt within"), std::string::npos) << log;
  const auto cycle = NumberAfter(log, "FAILED at cycle ");
  ASSERT_TRUE(cycle) << log;
  EXPECT_NE(log.find("before the failure of input 1: " + fst.string()), std::string::npos) << log;
  const Vcd vcd = OpenFst(fst, {"irq_o"});
  ASSERT_TRUE(vcd.first_time && vcd.last_time);
  EXPECT_EQ(*vcd.first_time, 2 * (*cycle - 400));
  EXPECT_EQ(*vcd.last_time, 2 * *cycle - 1);
  for (const auto& [time, value] : vcd.values.at("irq_o")) {
    EXPECT_EQ(value, 0u) << "the interrupt rose at time " << time << " of a hung run";
  }
}

}  // namespace
}  // namespace edgebert::regress
