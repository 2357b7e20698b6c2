// The launchers (regress/launcher.h): local and prefix runs, the Slurm launcher's sbatch line,
// time limit and script, and its whole path through the scheduler against stand-in sbatch,
// scontrol and scancel scripts (the real Slurm: tests/regress/slurm/slurm_launcher_test.sh).
#include "launcher.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "results.h"
#include "run_plan.h"
#include "scheduler.h"
#include "scratch_files.h"

namespace edgebert::regress {
namespace {

namespace fs = std::filesystem;

fs::path fresh_dir(const std::string& name) { return testing::FreshDir("launcher_test", name); }
void write(const fs::path& file, const std::string& text) { testing::WriteFile(file, text); }
std::string read(const fs::path& file) { return testing::ReadFile(file); }

void write_tool(const fs::path& file, const std::string& text) {
  write(file, text);
  fs::permissions(file, fs::perms::owner_all);
}

regress::Run make_run(const fs::path& out, const std::string& name, const std::string& command,
                      double timeout_s) {
  regress::Run run;
  run.name = run.test = name;
  run.command = command;
  run.timeout_s = timeout_s;
  run.dir = out / name;
  run.log = run.dir / "log.txt";
  run.repro = command;
  return run;
}

// The scheduler's results, by run name.
std::map<std::string, RunResult> execute_all(const std::vector<regress::Run>& runs,
                                             const fs::path& cwd, const Launcher* launcher) {
  SchedulerOptions options;
  options.jobs = 4;
  options.cwd = cwd;
  options.kill_grace_s = 0.5;
  options.launcher = launcher;
  std::map<std::string, RunResult> finished;
  EXPECT_TRUE(execute(
      runs, options, [&](const regress::Run& run, const RunResult& r) { finished[run.name] = r; },
      [] { return false; }));
  return finished;
}

TEST(Launcher, LocalRunsInTheFolderWithItsStatus) {
  const fs::path dir = fresh_dir("local");
  const auto launcher = make_local_launcher();
  EXPECT_EQ(launcher->describe(), "local");
  EXPECT_TRUE(launcher->uses_local_cores());
  LaunchSpec spec{"t", "pwd; exit 5", dir, dir, dir / "log.txt", 10};
  const auto job = launcher->start(spec);
  std::optional<int> status;
  while (!(status = job->poll())) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_EQ(*status, 5);
  EXPECT_EQ(read(dir / "log.txt"), dir.string() + "\n");
}

TEST(Launcher, PrefixRunsTheCommandBehindThePrefix) {
  const fs::path dir = fresh_dir("prefix");
  fs::create_directories(dir / "src");
  const auto launcher = make_prefix_launcher("env EB_BEHIND_PREFIX=yes");
  EXPECT_FALSE(launcher->uses_local_cores());
  EXPECT_EQ(launcher->describe(), "prefix 'env EB_BEHIND_PREFIX=yes'");
  const std::vector<regress::Run> runs = {
      make_run(dir / "out", "sees", "echo $EB_BEHIND_PREFIX; pwd; read x || echo no stdin", 10),
      make_run(dir / "out", "fails", "exit 3", 10),
      make_run(dir / "out", "hangs", "sleep 30", 0.3)};
  const auto finished = execute_all(runs, dir / "src", launcher.get());
  ASSERT_EQ(finished.size(), 3u);
  EXPECT_EQ(finished.at("sees").status, Status::kPass);
  EXPECT_EQ(read(runs[0].log), "yes\n" + (dir / "src").string() + "\nno stdin\n");
  EXPECT_EQ(finished.at("fails").exit_code, 3);
  EXPECT_EQ(finished.at("hangs").status, Status::kTimeout);
  // The line: the prefix, then the run's script (one path: ssh and srun pass it alike).
  EXPECT_EQ(prefixed_command("ssh host", {"r", "true", "/s", "/o/r", "/o/r/log.txt", 1}),
            "ssh host /bin/sh /o/r/log.txt.sh");
  EXPECT_THROW(make_prefix_launcher("  "), LaunchError);
}

// ssh joins its arguments into one line for the remote shell; a stand-in that does the same
// (and drops the host) runs a command with quotes and spaces as a local run does.
TEST(Launcher, PrefixSurvivesSshStyleArgumentJoining) {
  const fs::path dir = fresh_dir("ssh");
  write_tool(dir / "fake_ssh", "#!/bin/sh\nshift\nexec /bin/sh -c \"$*\"\n");
  const auto launcher = make_prefix_launcher((dir / "fake_ssh").string() + " node7");
  const std::vector<regress::Run> runs = {
      make_run(dir / "out", "quoted", "printf '%s|%s\\n' 'a b' \"c'd\"; exit 4", 10)};
  const auto finished = execute_all(runs, dir, launcher.get());
  ASSERT_EQ(finished.size(), 1u);
  EXPECT_EQ(finished.at("quoted").exit_code, 4);
  EXPECT_EQ(read(runs[0].log), "a b|c'd\n");
}

TEST(Launcher, SlurmTimeLimitIsWholeMinutesRoundedUp) {
  EXPECT_EQ(slurm_time_limit(0.5), "1");
  EXPECT_EQ(slurm_time_limit(60), "1");
  EXPECT_EQ(slurm_time_limit(61), "2");
  EXPECT_EQ(slurm_time_limit(900), "15");
}

TEST(Launcher, SbatchLineAndScript) {
  SlurmOptions options;
  options.extra_args = "-p fast";
  const LaunchSpec spec{"run[lanes=4][1]", "echo 'hi'", "/src dir", "/o/r", "/o/r/log.txt", 300};
  EXPECT_EQ(sbatch_command(options, spec, "/o/r/log.txt.sbatch"),
            "sbatch --parsable --job-name='run[lanes=4][1]' --output=/o/r/log.txt "
            "--open-mode=truncate --nodes=1 --ntasks=1 --time=5 --chdir='/src dir' -p fast "
            "/o/r/log.txt.sbatch");
  const std::string script = slurm_script(spec, "/o/r/log.txt.start", "/o/r/log.txt.exit");
  EXPECT_EQ(script.find("#!/bin/sh\n: > /o/r/log.txt.start\n"), 0u) << script;
  EXPECT_NE(script.find("cd '/src dir' || exit 127\n"), std::string::npos) << script;
  EXPECT_NE(script.find("/bin/sh -c 'echo '\\''hi'\\''' </dev/null\n"), std::string::npos)
      << script;
  EXPECT_NE(script.find("mv -f /o/r/log.txt.exit.part /o/r/log.txt.exit"), std::string::npos)
      << script;
}

TEST(Launcher, SlurmNeedsSbatch) {
  SlurmOptions options;
  options.sbatch = "/nonexistent/sbatch";
  try {
    make_slurm_launcher(options);
    FAIL() << "no error";
  } catch (const LaunchError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/sbatch not found"), std::string::npos)
        << e.what();
  }
}

// Stand-ins for Slurm's tools: sbatch runs the script in the background in its own session
// (the job id is its pid), scontrol reports RUNNING while it lives, then COMPLETED or, after
// scancel, CANCELLED.
class FakeSlurm : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fresh_dir("fake");
    bin_ = dir_ / "bin";
    fs::create_directories(bin_);
    const std::string state = (dir_ / "state").string();
    fs::create_directories(state);
    write_tool(bin_ / "sbatch", R"(#!/bin/sh
for a; do case "$a" in --output=*) out=${a#--output=} ;; esac; script=$a; done
echo "$@" >> )" + state + R"(/sbatch_args
setsid sh "$script" > "$out" 2>&1 < /dev/null &
echo "$!;fake"
)");
    write_tool(bin_ / "scontrol", R"(#!/bin/sh
for id; do :; done
if kill -0 "$id" 2>/dev/null; then echo "JobId=$id JobState=RUNNING ExitCode=0:0"
elif [ -e )" + state + R"(/cancelled.$id ]; then echo "JobId=$id JobState=CANCELLED ExitCode=0:15"
else echo "JobId=$id JobState=COMPLETED ExitCode=0:0"; fi
)");
    write_tool(bin_ / "scancel", R"(#!/bin/sh
for id; do :; done
touch )" + state + R"(/cancelled.$id
echo "$@" >> )" + state + R"(/scancel_args
kill -TERM -"$id" 2>/dev/null
exit 0
)");
    options_.sbatch = (bin_ / "sbatch").string();
    options_.scontrol = (bin_ / "scontrol").string();
    options_.scancel = (bin_ / "scancel").string();
    options_.state_interval = std::chrono::milliseconds(20);
  }

  fs::path dir_, bin_;
  SlurmOptions options_;
};

TEST_F(FakeSlurm, PassFailAndTimeoutAsLocally) {
  const auto slurm = make_slurm_launcher(options_);
  EXPECT_EQ(slurm->describe(), "slurm");
  const auto local = make_local_launcher();
  std::map<std::string, RunResult> results[2];
  for (int i = 0; i < 2; ++i) {
    const fs::path out = dir_ / (i == 0 ? "slurm" : "local");
    const std::vector<regress::Run> runs = {
        make_run(out, "passes", "echo '42 cycles simulated'", 60),
        make_run(out, "fails", "exit 3", 60), make_run(out, "killed", "kill -9 $$", 60),
        make_run(out, "hangs", "sleep 30", 0.5)};
    results[i] = execute_all(runs, dir_, i == 0 ? slurm.get() : local.get());
  }
  ASSERT_EQ(results[0].size(), 4u);
  for (const auto& [name, r] : results[1]) {
    const RunResult& s = results[0].at(name);
    EXPECT_EQ(s.status, r.status) << name;
    EXPECT_EQ(s.exit_code, r.exit_code) << name;
    EXPECT_EQ(s.cycles, r.cycles) << name;
  }
  EXPECT_EQ(results[0].at("passes").cycles, 42u);
  EXPECT_EQ(results[0].at("killed").exit_code, 137);
  EXPECT_EQ(results[0].at("hangs").status, Status::kTimeout);
  // The timeout became --time (1 minute) and the runner cancelled the hanging job itself.
  EXPECT_NE(read(dir_ / "state" / "sbatch_args").find("--time=1 "), std::string::npos);
  EXPECT_FALSE(read(dir_ / "state" / "scancel_args").empty());
}

TEST_F(FakeSlurm, AJobCancelledOutsideEndsWithSlurmsStatusInItsLog) {
  const auto slurm = make_slurm_launcher(options_);
  const fs::path run_dir = dir_ / "run";
  fs::create_directories(run_dir);
  const auto job = slurm->start({"r", "sleep 30", dir_, run_dir, run_dir / "log.txt", 60});
  ASSERT_FALSE(read(dir_ / "state" / "sbatch_args").empty());
  job->terminate();  // as `scancel` from a shell would
  std::optional<int> status;
  for (int i = 0; i < 500 && !(status = job->poll()); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_TRUE(status);
  EXPECT_EQ(*status, 128 + 15);
  EXPECT_NE(read(run_dir / "log.txt").find("ended CANCELLED without the command's exit status"),
            std::string::npos)
      << read(run_dir / "log.txt");
}

TEST_F(FakeSlurm, ASubmissionErrorStopsTheRegressionWithSbatchsMessage) {
  write_tool(bin_ / "sbatch",
             "#!/bin/sh\necho 'sbatch: error: invalid partition specified: x'\n"
             "exit 1\n");
  const auto slurm = make_slurm_launcher(options_);
  const std::vector<regress::Run> runs = {make_run(dir_ / "out", "r", "true", 60)};
  for (const auto& run : runs) fs::create_directories(run.dir);
  SchedulerOptions options;
  options.cwd = dir_;
  options.launcher = slurm.get();
  try {
    execute(
        runs, options, [](const regress::Run&, const RunResult&) {}, [] { return false; });
    FAIL() << "no error";
  } catch (const LaunchError& e) {
    EXPECT_NE(std::string(e.what()).find("sbatch could not submit r (exit 1): sbatch: error: "
                                         "invalid partition specified: x"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace edgebert::regress
