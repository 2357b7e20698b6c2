#include "run_plan.h"

#include <algorithm>
#include <regex>

namespace edgebert::regress {
namespace {

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

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
                   const std::filesystem::path& out) {
  std::string text = templ;
  replace_all(text, "{build}", build.string());
  replace_all(text, "{source}", source.string());
  replace_all(text, "{seed}", seed);
  replace_all(text, "{out}", out.string());
  return text;
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
    for (const auto& seed : seeds) {
      Run run;
      run.test = test.name;
      run.seed = seed;
      const std::string seed_text = seed ? std::to_string(*seed) : "";
      run.name = seed ? test.name + "[" + seed_text + "]" : test.name;
      if (filter && !std::regex_search(run.name, *filter)) continue;
      run.dir = options.out / (seed ? test.name + "-seed" + seed_text : test.name);
      run.log = run.dir / "log.txt";
      run.timeout_s = test.timeout_s;
      run.command = expand(test.command, options.build, options.source, seed_text, run.dir);
      if (test.waves_rerun) {
        run.waves_command =
            expand(*test.waves_rerun, options.build, options.source, seed_text, run.dir);
        run.waves_file = fst_in(*run.waves_command);
      }
      run.repro = "cd " + shell_quote(options.source.string()) + " && " + run.command;
      runs.push_back(std::move(run));
    }
  }
  return runs;
}

}  // namespace edgebert::regress
