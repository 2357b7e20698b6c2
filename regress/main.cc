// edgebert_regress: runs a regression test list (yaml/regress/*.yaml) on a pool of processes and
// writes results.jsonl, junit.xml, summary.md and report.html. Exit code 0 only when every
// selected run passed; 1 when one did not; 2 on a usage or list error; 130 when interrupted.
#include <CLI/CLI.hpp>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <map>
#include <random>
#include <regex>
#include <set>
#include <thread>
#include <utility>

#include "launcher.h"
#include "reports.h"
#include "results.h"
#include "run_plan.h"
#include "scheduler.h"
#include "test_list.h"
#include "util/progress.h"

namespace {

volatile std::sig_atomic_t g_interrupted = 0;

extern "C" void on_signal(int) { g_interrupted = 1; }

int cores() { return static_cast<int>(std::max(1u, std::thread::hardware_concurrency())); }

}  // namespace

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  using namespace edgebert::regress;
  const auto wall_start = std::chrono::steady_clock::now();

  CLI::App app{"Run a regression test list: parallel runs, timeouts, JUnit/Markdown/HTML reports"};
  std::string list_file;
  int jobs = cores();
  std::string out_dir;
  std::string filter;
  std::vector<std::string> tags;
  bool resume = false;
  bool rerun_failed = false;
  std::size_t reseed = 0;
  bool progress_on = true;
  bool list_only = false;
  std::string build_dir = EDGEBERT_BINARY_DIR;
  std::string source_dir = EDGEBERT_SOURCE_DIR;
  app.add_option("list", list_file, "test list (yaml/regress/*.yaml)")->required();
  app.add_option("-j,--jobs", jobs,
                 "runs at once (default: the number of cores; the most with --launcher local)")
      ->check(CLI::PositiveNumber);
  app.add_option("--out", out_dir, "report folder (default: BUILD/regress/<list>)");
  app.add_option("--filter", filter,
                 "only runs whose name matches this regex (e.g. 'inproc', 'lanes=32')");
  app.add_option("--tag", tags, "only tests with this tag (repeatable: any of them)");
  auto* resume_opt =
      app.add_flag("--resume", resume, "skip the runs already finished in OUT/results.jsonl");
  auto* rerun_opt = app.add_flag("--rerun-failed", rerun_failed,
                                 "run again only the runs OUT/results.jsonl records as failed or "
                                 "timed out, keeping the passed ones' records")
                        ->excludes(resume_opt);
  app.add_option("--reseed", reseed,
                 "run each seeded test with N new random seeds instead of its list's (printed)")
      ->check(CLI::PositiveNumber)
      ->excludes(rerun_opt);
  app.add_flag("!--no-progress", progress_on,
               "no progress line or per-run lines (failures and the summary still print)");
  app.add_option("--build", build_dir, "build folder: {build}");
  app.add_option("--source", source_dir, "source folder: {source}, where the runs start");
  app.add_flag("--list", list_only,
               "print the selected runs, their commands and configs, run nothing");
  std::string launcher_name = "local";
  std::string launcher_prefix;
  SlurmOptions slurm;
  app.add_option("--launcher", launcher_name,
                 "where runs run: local, slurm (one sbatch job each) or prefix")
      ->check(CLI::IsMember({"local", "slurm", "prefix"}))
      ->capture_default_str();
  app.add_option(
      "--launcher-prefix", launcher_prefix,
      "with --launcher prefix: the command each run goes behind ('ssh host', 'srun -N1')");
  app.add_option("--slurm-args", slurm.extra_args,
                 "with --launcher slurm: more sbatch options ('-p PARTITION -A ACCOUNT')");
  // A usage error exits 2, as README.md documents (CLI11's own codes are 100 and up); --help 0.
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }

  try {
    TestList list = load_test_list(list_file);
    if (reseed > 0) {
      std::random_device device;
      for (const auto& [test, seeds] : reseed_tests(list, reseed, [&] { return device(); })) {
        std::cout << "edgebert_regress: --reseed " << reseed << ": " << test << " seeds";
        for (std::size_t i = 0; i < seeds.size(); ++i) std::cout << (i ? ", " : " ") << seeds[i];
        std::cout << "\n";
      }
      std::cout << std::flush;
    }
    PlanOptions plan;
    plan.build = fs::absolute(build_dir).lexically_normal();
    plan.source = fs::absolute(source_dir).lexically_normal();
    plan.out =
        fs::absolute(out_dir.empty() ? plan.build / "regress" / list.name : fs::path(out_dir))
            .lexically_normal();
    if (!filter.empty()) plan.filter = filter;
    plan.tags = tags;
    const std::vector<Run> runs = plan_runs(list, plan);
    if (runs.empty()) {
      std::cerr << "edgebert_regress: " << list_file << ": no run selected\n";
      return 2;
    }
    if (list_only) {
      for (const auto& run : runs) {
        std::cout << run.name << ": " << run.repro << "\n";
        if (!run.config.empty()) std::cout << "    config: " << config_text(run.config) << "\n";
      }
      return 0;
    }
    if (!launcher_prefix.empty() && launcher_name != "prefix") {
      std::cerr << "edgebert_regress: --launcher-prefix needs --launcher prefix\n";
      return 2;
    }
    if (!slurm.extra_args.empty() && launcher_name != "slurm") {
      std::cerr << "edgebert_regress: --slurm-args needs --launcher slurm\n";
      return 2;
    }
    const std::unique_ptr<Launcher> launcher = launcher_name == "slurm" ? make_slurm_launcher(slurm)
                                               : launcher_name == "prefix"
                                                   ? make_prefix_launcher(launcher_prefix)
                                                   : make_local_launcher();
    // Local runs share this machine's cores; remote ones (Slurm, ssh) do not.
    if (launcher->uses_local_cores()) jobs = std::min(jobs, cores());

    fs::create_directories(plan.out);
    const fs::path results_path = plan.out / "results.jsonl";
    std::map<std::string, RunResult> finished;
    if (rerun_failed && !fs::exists(results_path)) {
      std::cerr << "edgebert_regress: --rerun-failed: " << results_path.string()
                << " does not exist (no earlier regression to rerun)\n";
      return 2;
    }
    if (resume || rerun_failed) {
      ResultsRead read = read_results(results_path);
      for (const std::string& warning : read.warnings) {
        std::cerr << "edgebert_regress: warning: " << warning << "\n";
      }
      finished = std::move(read.runs);
    }
    ResultsFile results(results_path, !resume && !rerun_failed);

    std::vector<Run> todo;
    std::size_t unrecorded = 0;  // --rerun-failed: runs without a record, not run
    for (const auto& run : runs) {
      const auto it = finished.find(run.name);
      if (rerun_failed) {
        unrecorded += it == finished.end() ? 1u : 0u;
        if (it != finished.end() && it->second.status != Status::kPass) todo.push_back(run);
      } else if (it == finished.end()) {
        todo.push_back(run);
      }
    }
    std::cout << "edgebert_regress: " << list.name << ": " << runs.size() << " runs";
    if (rerun_failed) {
      std::cout << " (rerunning the " << todo.size() << " recorded as failed or timed out";
      if (unrecorded > 0) std::cout << "; " << unrecorded << " without a record, not run";
      std::cout << ")";
    } else if (todo.size() != runs.size()) {
      std::cout << " (" << runs.size() - todo.size() << " already finished, skipped)";
    }
    std::cout << ", -j " << jobs;
    if (launcher_name != "local") std::cout << " (" << launcher->describe() << ")";
    std::cout << ", reports in " << plan.out.string() << std::endl;

    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    std::size_t done = 0;
    std::size_t failed = 0;
    // A terminal gets one line redrawn ("[12/32] 3 failed, ETA 4m10s") with each failure printed
    // above it; anything else a plain line per finished run.
    edgebert::util::Progress::Options progress_options;
    progress_options.enabled = progress_on;
    progress_options.plain_interval_s = 0;
    progress_options.plain_percent = 0;
    edgebert::util::Progress progress("", todo.size(), progress_options);
    if (progress.terminal() && !todo.empty()) progress.Update(0, "0 failed");
    SchedulerOptions options;
    options.jobs = jobs;
    options.cwd = plan.source;
    options.launcher = launcher.get();
    const bool complete = execute(
        todo, options,
        [&](const Run& run, const RunResult& r) {
          results.append(r);
          finished[run.name] = r;
          ++done;
          char wall[32];
          std::snprintf(wall, sizeof wall, "%.1f", r.wall_s);
          const std::string what =
              std::string(status_name(r.status)) + " " + run.name + " (" + wall + " s)";
          std::string details;
          if (r.status != Status::kPass) {
            ++failed;
            details = "    failure: " + triage(r).message + "\n    log: " + r.log +
                      "\n    repro: " + r.repro;
            if (r.waves) details += "\n    waves: " + *r.waves;
          }
          const std::string failures = std::to_string(failed) + " failed";
          if (progress.enabled() && !progress.terminal()) {
            progress.Update(done, what + "; " + failures);
            if (!details.empty()) progress.Line(details);
          } else {
            // The count first: Line draws the status again below the failure, as it is now.
            progress.Update(done, failures);
            if (!details.empty()) {
              std::string text = "[";
              text.append(std::to_string(done)).append("/").append(std::to_string(todo.size()));
              progress.Line(text.append("] ").append(what).append("\n").append(details));
            }
          }
        },
        [] { return g_interrupted != 0; });
    progress.Finish();

    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
    Report report{list.name, plan.out, {}, make_header(plan.source, wall)};
    bool all_passed = complete;
    for (const auto& run : runs) {
      const auto it = finished.find(run.name);
      if (it == finished.end()) continue;
      report.results.push_back(it->second);
      all_passed = all_passed && it->second.status == Status::kPass;
    }
    write_reports(report);
    std::size_t passed = 0;
    for (const auto& r : report.results) passed += r.status == Status::kPass ? 1 : 0;
    std::cout << "edgebert_regress: " << passed << " of " << runs.size() << " runs passed"
              << (complete ? "" : " (interrupted)") << "; " << (plan.out / "summary.md").string()
              << ", junit.xml, report.html" << std::endl;
    if (!complete) return 130;
    return all_passed ? 0 : 1;
  } catch (const ListError& e) {
    std::cerr << "edgebert_regress: " << e.what() << "\n";
    return 2;
  } catch (const std::regex_error& e) {
    std::cerr << "edgebert_regress: bad --filter '" << filter << "': " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "edgebert_regress: " << e.what() << "\n";
    return 2;
  }
}
