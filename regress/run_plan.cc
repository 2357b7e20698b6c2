#include "run_plan.h"

#include <algorithm>
#include <map>
#include <regex>

namespace edgebert::regress {
namespace {

// The first whitespace-separated word ending in ".fst" (quotes stripped).
std::optional<std::string> fst_in(const std::string& command) {
  std::string word;
  std::optional<std::string> found;
  const auto flush = [&] {
    if (!found && word.size() > 4 && word.ends_with(".fst")) found = word;
    word.clear();
  };
  for (char c : command) {
    if (c == ' ' || c == '\t' || c == '=' || c == '\n') {
      flush();
    } else if (c != '\'' && c != '"') {
      word += c;
    }
  }
  flush();
  return found;
}

}  // namespace

std::string expand(const std::string& templ, const std::filesystem::path& build,
                   const std::filesystem::path& source, const std::string& seed,
                   const std::filesystem::path& out, const Config& config) {
  std::map<std::string, std::string> values(config.begin(), config.end());
  values["build"] = build.string();
  values["source"] = source.string();
  values["seed"] = seed;
  values["out"] = out.string();
  std::string text;
  std::size_t done = 0;
  for (std::size_t at = templ.find('{'); at != std::string::npos; at = templ.find('{', at + 1)) {
    if (at > 0 && templ[at - 1] == '$') continue;  // ${name}: the shell's
    const std::size_t end = templ.find('}', at);
    if (end == std::string::npos) break;
    const auto it = values.find(templ.substr(at + 1, end - at - 1));
    if (it == values.end()) continue;
    text.append(templ, done, at - done);
    text += it->second;
    done = end + 1;
    at = end;
  }
  return text.append(templ, done, std::string::npos);
}

std::string shell_quote(const std::string& word) {
  const bool plain = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) ||
           std::string_view("/._-+:@%,=").find(c) != std::string_view::npos;
  });
  if (plain) return word;
  std::string quoted = "'";
  for (char c : word) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

std::vector<std::pair<std::string, std::vector<std::uint64_t>>> reseed_tests(
    TestList& list, std::size_t count, const std::function<std::uint32_t()>& draw) {
  std::vector<std::pair<std::string, std::vector<std::uint64_t>>> used;
  for (TestSpec& test : list.tests) {
    if (test.seeds.empty()) continue;  // its command has no {seed}
    std::vector<std::uint64_t> seeds;
    while (seeds.size() < count) {
      // 31 bits: every tool's seed option takes it (some parse an int), and 0 is left out
      // because a few read it as "no seed".
      const std::uint64_t seed = draw() & 0x7fffffffu;
      if (seed != 0 && std::find(seeds.begin(), seeds.end(), seed) == seeds.end()) {
        seeds.push_back(seed);
      }
    }
    test.seeds = seeds;
    used.emplace_back(test.name, std::move(seeds));
  }
  return used;
}

std::vector<Run> plan_runs(const TestList& list, const PlanOptions& options) {
  std::optional<std::regex> filter;
  if (options.filter) filter.emplace(*options.filter, std::regex::ECMAScript);
  std::vector<Run> runs;
  for (const TestSpec& test : list.tests) {
    if (!options.tags.empty()) {
      const bool tagged = std::any_of(options.tags.begin(), options.tags.end(), [&](auto& t) {
        return std::find(test.tags.begin(), test.tags.end(), t) != test.tags.end();
      });
      if (!tagged) continue;
    }
    std::vector<std::optional<std::uint64_t>> seeds(test.seeds.begin(), test.seeds.end());
    if (seeds.empty()) seeds.emplace_back(std::nullopt);
    // A test built by hand (not load_test_list) may lack variants: one without config.
    const std::vector<Variant> variants =
        test.variants.empty() ? std::vector<Variant>(1) : test.variants;
    for (const Variant& variant : variants) {
      for (const auto& seed : seeds) {
        Run run;
        run.test = test.name;
        run.seed = seed;
        run.config = variant.config;
        const std::string seed_text = seed ? std::to_string(*seed) : "";
        run.name = run_name(test, variant, seed);
        if (filter && !std::regex_search(run.name, *filter)) continue;
        run.dir = options.out / run_folder(test, variant, seed);
        run.log = run.dir / "log.txt";
        run.timeout_s = test.timeout_s;
        run.command =
            expand(test.command, options.build, options.source, seed_text, run.dir, variant.config);
        if (test.waves_rerun) {
          run.waves_command = expand(*test.waves_rerun, options.build, options.source, seed_text,
                                     run.dir, variant.config);
          run.waves_file = fst_in(*run.waves_command);
        }
        run.repro = "cd " + shell_quote(options.source.string()) + " && " + run.command;
        runs.push_back(std::move(run));
      }
    }
  }
  return runs;
}

}  // namespace edgebert::regress
