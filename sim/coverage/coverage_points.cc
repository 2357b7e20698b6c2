#include "coverage/coverage_points.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <set>
#include <stdexcept>
#include <tuple>

namespace edgebert::sim {

void CoveragePoints::Declare(const std::string& name) { counts_.try_emplace(name, 0); }

void CoveragePoints::Hit(const std::string& name, uint64_t count) { counts_[name] += count; }

uint64_t CoveragePoints::Count(const std::string& name) const {
  const auto it = counts_.find(name);
  return it == counts_.end() ? 0 : it->second;
}

std::vector<std::string> CoveragePoints::Missed() const {
  std::vector<std::string> missed;
  for (const auto& [name, count] : counts_) {
    if (count == 0) missed.push_back(name);
  }
  return missed;
}

void CoveragePoints::Print(std::ostream& out) const {
  out << "| functional point | hits |\n| --- | ---: |\n";
  for (const auto& [name, count] : counts_) out << "| " << name << " | " << count << " |\n";
  const std::vector<std::string> missed = Missed();
  out << "\nfunctional coverage: " << (total() - static_cast<int>(missed.size())) << " of "
      << total() << " points hit";
  if (missed.empty()) {
    out << "\n";
    return;
  }
  out << "; never hit:\n";
  for (const std::string& name : missed) out << "  " << name << "\n";
}

namespace {

// The fields of one coverage.dat key: "\001k\002v\001k\002v...".
std::map<std::string, std::string> ParseKey(const std::string& key) {
  std::map<std::string, std::string> fields;
  size_t pos = 0;
  while (pos < key.size()) {
    if (key[pos] == '\001') ++pos;
    const size_t sep = key.find('\002', pos);
    if (sep == std::string::npos) break;
    const size_t end = std::min(key.find('\001', sep), key.size());
    fields[key.substr(pos, sep - pos)] = key.substr(sep + 1, end - sep - 1);
    pos = end;
  }
  return fields;
}

}  // namespace

CoverageSummary SummarizeCoverageDat(const std::filesystem::path& file,
                                     const std::string& source_prefix) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  // (kind, file, line, column, object) -> hit by some instance.
  using Point = std::tuple<std::string, std::string, std::string, std::string, std::string>;
  std::map<Point, bool> points;
  std::string text;
  bool any = false;
  while (std::getline(in, text)) {
    // C '<key>' <count>
    if (text.size() < 5 || text[0] != 'C' || text[2] != '\'') continue;
    const size_t close = text.rfind('\'');
    if (close <= 2) continue;
    any = true;
    const std::map<std::string, std::string> f = ParseKey(text.substr(3, close - 3));
    const uint64_t count = std::stoull(text.substr(close + 1));
    const auto page = f.find("page");
    const auto name = f.find("f");
    if (page == f.end() || name == f.end()) continue;
    if (name->second.rfind(source_prefix) == std::string::npos) continue;
    std::string kind;
    if (page->second.starts_with("v_line/") || page->second.starts_with("v_branch/")) {
      kind = "line";
    } else if (page->second.starts_with("v_toggle/")) {
      kind = "toggle";
    } else {
      continue;
    }
    auto get = [&](const char* k) {
      const auto it = f.find(k);
      return it == f.end() ? std::string() : it->second;
    };
    const Point p{kind, name->second, get("l"), get("n"), get("o")};
    points[p] = points[p] || count > 0;
  }
  if (!any) throw std::runtime_error(file.string() + " holds no coverage points");
  CoverageSummary summary;
  for (const auto& [p, hit] : points) {
    const std::string& kind = std::get<0>(p);
    std::string source = std::get<1>(p);
    source = source.substr(source.rfind(source_prefix));
    CoverageFigure& figure = summary.files[source][kind];
    CoverageFigure& total = summary.totals[kind];
    ++figure.total;
    ++total.total;
    figure.hit += hit;
    total.hit += hit;
  }
  return summary;
}

void PrintCoverageSummary(std::ostream& out, const CoverageSummary& summary) {
  std::vector<std::pair<std::string, const std::map<std::string, CoverageFigure>*>> rows;
  for (const auto& [file, kinds] : summary.files) rows.emplace_back(file, &kinds);
  auto figure = [](const std::map<std::string, CoverageFigure>& kinds, const char* kind) {
    const auto it = kinds.find(kind);
    return it == kinds.end() ? CoverageFigure{} : it->second;
  };
  std::stable_sort(rows.begin(), rows.end(), [&](const auto& a, const auto& b) {
    return figure(*a.second, "line").percent() < figure(*b.second, "line").percent();
  });
  out << "| RTL file | line | toggle |\n| --- | ---: | ---: |\n";
  char cell[64];
  auto format = [&](const CoverageFigure& f) {
    if (f.total == 0) return std::string("-");
    std::snprintf(cell, sizeof cell, "%.1f %% (%llu/%llu)", f.percent(),
                  static_cast<unsigned long long>(f.hit), static_cast<unsigned long long>(f.total));
    return std::string(cell);
  };
  for (const auto& [file, kinds] : rows) {
    out << "| " << file << " | " << format(figure(*kinds, "line")) << " | "
        << format(figure(*kinds, "toggle")) << " |\n";
  }
  out << "| total | " << format(figure(summary.totals, "line")) << " | "
      << format(figure(summary.totals, "toggle")) << " |\n";
}

}  // namespace edgebert::sim
