#include "reports.h"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>

#include "log_scan.h"
#include "run_plan.h"

namespace edgebert::regress {
namespace {

// Bytes of a log read for its tail.
constexpr std::size_t kTailBytes = 64 * 1024;
// Bytes of a log searched for its failure line (from the start: the first failure counts).
constexpr std::size_t kFailureScanBytes = 8 << 20;

std::string fixed(double value, int digits) {
  char text[48];
  std::snprintf(text, sizeof text, "%.*f", digits, value);
  return text;
}

std::string seed_text(const RunResult& r) { return r.seed ? std::to_string(*r.seed) : ""; }
std::string cycles_text(const RunResult& r) { return r.cycles ? std::to_string(*r.cycles) : ""; }
std::string energy_text(const RunResult& r) { return r.energy_uj ? fixed(*r.energy_uj, 3) : ""; }

// Length of the valid UTF-8 sequence at text[i], or 0.
std::size_t utf8_length(const std::string& text, std::size_t i) {
  const auto b = static_cast<unsigned char>(text[i]);
  std::size_t n = 0;
  if (b >= 0xc2 && b <= 0xdf) {
    n = 2;
  } else if (b >= 0xe0 && b <= 0xef) {
    n = 3;
  } else if (b >= 0xf0 && b <= 0xf4) {
    n = 4;
  } else {
    return 0;
  }
  if (i + n > text.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((static_cast<unsigned char>(text[i + k]) & 0xc0) != 0x80) return 0;
  }
  return n;
}

// A path as the reports link it: relative to the report folder when it is inside it.
std::string link_to(const std::filesystem::path& out, const std::string& path) {
  const auto rel = std::filesystem::path(path).lexically_relative(out);
  if (!rel.empty() && *rel.begin() != "..") return rel.string();
  return "file://" + path;
}

std::string markdown_cell(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::string code_span(const std::string& text) {
  const std::string fence = text.find('`') == std::string::npos ? "`" : "`` ";
  const std::string close = fence == "`" ? "`" : " ``";
  return fence + markdown_cell(text) + close;
}

void write_atomically(const std::filesystem::path& file, const std::string& text) {
  const auto temp = file.string() + ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) throw std::runtime_error(temp + ": write failed");
  }
  std::filesystem::rename(temp, file);
}

std::size_t count(const Report& report, Status status) {
  return static_cast<std::size_t>(std::count_if(report.results.begin(), report.results.end(),
                                                [&](const auto& r) { return r.status == status; }));
}

// The suite's time: the regression's wall time when known (runs overlap at -j N), else the sum.
double suite_time(const Report& report) {
  if (report.header.wall_s) return *report.header.wall_s;
  double total = 0;
  for (const auto& r : report.results) total += r.wall_s;
  return total;
}

std::string percent(std::size_t part, std::size_t whole) {
  return whole == 0 ? "" : fixed(100.0 * static_cast<double>(part) / static_cast<double>(whole), 1);
}

// The first line of a command's output, or "" when it fails.
std::string command_line(const std::string& command) {
  struct Closer {
    void operator()(std::FILE* f) const { pclose(f); }
  };
  std::unique_ptr<std::FILE, Closer> pipe(popen(command.c_str(), "r"));
  if (!pipe) return "";
  std::array<char, 256> buffer{};
  std::string out;
  if (std::fgets(buffer.data(), buffer.size(), pipe.get()) != nullptr) out = buffer.data();
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

// "date, commit, host, wall time" as the reports' first line; empty fields left out.
std::string header_text(const ReportHeader& h) {
  std::string text;
  const auto add = [&](const std::string& name, const std::string& value) {
    if (value.empty()) return;
    text += (text.empty() ? "" : "; ") + name + value;
  };
  add("", h.date);
  add("commit ", h.commit);
  add("host ", h.host);
  add("wall time ", h.wall_s ? fixed(*h.wall_s, 1) + " s" : "");
  return text;
}

}  // namespace

ReportHeader make_header(const std::filesystem::path& source, double wall_s) {
  ReportHeader h;
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char date[64];
  std::strftime(date, sizeof date, "%Y-%m-%d %H:%M:%S UTC", &utc);
  h.date = date;
  h.commit = command_line("git -C " + shell_quote(source.string()) +
                          " describe --always --dirty --abbrev=12 2>/dev/null");
  if (h.commit.empty()) h.commit = "unknown";
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) == 0) h.host = host;
  h.wall_s = wall_s;
  return h;
}

Triage triage(const RunResult& r) {
  if (const auto line = failure_line_in(r.log, kFailureScanBytes)) {
    return {*line, normalize_signature(*line)};
  }
  const std::string message = r.status == Status::kTimeout
                                  ? "timeout: killed after its time limit"
                                  : "failed: exit code " + std::to_string(r.exit_code);
  return {message, message};
}

namespace {

// Each failed run's triage, by run name: read once per report (a log is scanned from its start).
using Triages = std::map<std::string, Triage>;

Triages triage_failures(const Report& report) {
  Triages triages;
  for (const auto& r : report.results) {
    if (r.status != Status::kPass) triages.emplace(r.name, triage(r));
  }
  return triages;
}

std::vector<FailureGroup> groups_of(const Report& report, const Triages& triages) {
  std::vector<FailureGroup> groups;
  std::map<std::string, std::size_t> index;
  for (const auto& r : report.results) {
    if (r.status == Status::kPass) continue;
    const Triage& t = triages.at(r.name);
    const auto [it, added] = index.emplace(t.signature, groups.size());
    if (added) groups.push_back({t.signature, t.message, {}});
    groups[it->second].runs.push_back(&r);
  }
  std::stable_sort(groups.begin(), groups.end(),
                   [](const auto& a, const auto& b) { return a.runs.size() > b.runs.size(); });
  return groups;
}

}  // namespace

std::vector<FailureGroup> group_failures(const Report& report) {
  return groups_of(report, triage_failures(report));
}

std::vector<TestRate> pass_rates(const Report& report) {
  std::vector<TestRate> rates;
  std::map<std::string, std::size_t> index;
  for (const auto& r : report.results) {
    const auto [it, added] = index.emplace(r.test, rates.size());
    if (added) rates.push_back({r.test});
    TestRate& rate = rates[it->second];
    ++rate.runs;
    rate.passed += r.status == Status::kPass ? 1 : 0;
    rate.failed += r.status == Status::kFail ? 1 : 0;
    rate.timed_out += r.status == Status::kTimeout ? 1 : 0;
  }
  return rates;
}

std::string xml_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b >= 0x80) {
      const std::size_t n = utf8_length(text, i);
      if (n == 0) {
        out += '?';
        ++i;
      } else {
        out.append(text, i, n);
        i += n;
      }
      continue;
    }
    switch (text[i]) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      case '\n':
      case '\t':
      case '\r':
        out += text[i];
        break;
      default:
        out += b < 0x20 || b == 0x7f ? '?' : text[i];
    }
    ++i;
  }
  return out;
}

std::string junit_xml(const Report& report) {
  const std::size_t failures = count(report, Status::kFail) + count(report, Status::kTimeout);
  const std::string tests = std::to_string(report.results.size());
  const std::string time = fixed(suite_time(report), 3);
  const std::string name = xml_escape(report.list);
  const Triages triages = triage_failures(report);
  std::ostringstream x;
  x << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  x << "<testsuites name=\"" << name << "\" tests=\"" << tests << "\" failures=\"" << failures
    << "\" errors=\"0\" time=\"" << time << "\">\n";
  x << "  <testsuite name=\"" << name << "\" tests=\"" << tests << "\" failures=\"" << failures
    << "\" errors=\"0\" skipped=\"0\" time=\"" << time << "\"";
  if (!report.header.date.empty()) x << " timestamp=\"" << xml_escape(report.header.date) << "\"";
  if (!report.header.host.empty()) x << " hostname=\"" << xml_escape(report.header.host) << "\"";
  x << ">\n";
  // The schema (tests/regress/junit.xsd, after Jenkins' and Ant's) has properties in testsuite
  // only: each run's config is a property "<run>.<key>" there, and a line of its system-out.
  bool any_config = false;
  for (const auto& r : report.results) any_config = any_config || !r.config.empty();
  if (any_config) {
    x << "    <properties>\n";
    for (const auto& r : report.results) {
      for (const auto& [key, value] : r.config) {
        x << "      <property name=\"" << xml_escape(r.name + "." + key) << "\" value=\""
          << xml_escape(value) << "\"/>\n";
      }
    }
    x << "    </properties>\n";
  }
  for (const auto& r : report.results) {
    x << "    <testcase classname=\"" << name << "\" name=\"" << xml_escape(r.name) << "\" time=\""
      << fixed(r.wall_s, 3) << "\">\n";
    if (r.status != Status::kPass) {
      const std::string& message = triages.at(r.name).message;
      const std::string tail = last_lines(read_tail_bytes(r.log, kTailBytes), kLogTailLines);
      x << "      <failure message=\"" << xml_escape(message) << "\" type=\""
        << status_name(r.status) << "\">" << xml_escape(tail) << "</failure>\n";
    }
    std::string out = "repro: " + r.repro + "\nlog: " + r.log + "\n";
    if (!r.config.empty()) out += "config: " + config_text(r.config) + "\n";
    if (r.waves) out += "waves: " + *r.waves + "\n";
    x << "      <system-out>" << xml_escape(out) << "</system-out>\n";
    x << "    </testcase>\n";
  }
  const std::string about = header_text(report.header);
  if (!about.empty()) x << "    <system-out>" << xml_escape(about + "\n") << "</system-out>\n";
  x << "  </testsuite>\n</testsuites>\n";
  return x.str();
}

std::string summary_markdown(const Report& report) {
  std::ostringstream md;
  md << "# Regression " << report.list << "\n\n";
  const std::string about = header_text(report.header);
  if (!about.empty()) md << about << "\n\n";
  md << count(report, Status::kPass) << " passed, " << count(report, Status::kFail) << " failed, "
     << count(report, Status::kTimeout) << " timed out, of " << report.results.size()
     << " runs\n\n";
  const Triages triages = triage_failures(report);
  const std::vector<FailureGroup> groups = groups_of(report, triages);
  if (!groups.empty()) {
    md << "## Failures by signature\n\n| runs | signature | first message | which |\n"
       << "| ---: | --- | --- | --- |\n";
    for (const FailureGroup& g : groups) {
      std::string which;
      for (const RunResult* r : g.runs) which += (which.empty() ? "" : ", ") + r->name;
      md << "| " << g.runs.size() << " | " << code_span(g.signature) << " | "
         << code_span(g.example) << " | " << markdown_cell(which) << " |\n";
    }
    md << "\n";
  }
  md << "## Pass rate per test\n\n| test | runs | passed | failed | timed out | pass rate (%) |\n"
     << "| --- | ---: | ---: | ---: | ---: | ---: |\n";
  for (const TestRate& t : pass_rates(report)) {
    md << "| " << markdown_cell(t.test) << " | " << t.runs << " | " << t.passed << " | " << t.failed
       << " | " << t.timed_out << " | " << percent(t.passed, t.runs) << " |\n";
  }
  md << "\n## Runs\n\n";
  md << "| run | status | seed | config | wall (s) | cycles | energy (uJ) | repro |\n";
  md << "| --- | --- | ---: | --- | ---: | ---: | ---: | --- |\n";
  for (const auto& r : report.results) {
    md << "| " << markdown_cell(r.name) << " | " << status_name(r.status) << " | " << seed_text(r)
       << " | " << markdown_cell(config_text(r.config)) << " | " << fixed(r.wall_s, 2) << " | "
       << cycles_text(r) << " | " << energy_text(r) << " | " << code_span(r.repro) << " |\n";
  }
  bool first = true;
  for (const auto& r : report.results) {
    if (r.status == Status::kPass) continue;
    if (first) md << "\n## Reproduce the failures\n\n```sh\n";
    first = false;
    md << "# " << r.name << ": " << status_name(r.status) << ", log " << r.log << "\n"
       << r.repro << "\n";
  }
  if (!first) md << "```\n";
  return md.str();
}

std::string report_html(const Report& report) {
  std::vector<const RunResult*> rows;
  for (const auto& r : report.results) rows.push_back(&r);
  std::stable_partition(rows.begin(), rows.end(),
                        [](const RunResult* r) { return r->status != Status::kPass; });
  std::ostringstream h;
  const std::string title = "Regression " + xml_escape(report.list);
  h << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" << title
    << "</title>\n<style>\n"
    << "body { font-family: sans-serif; margin: 1.5em; }\n"
    << "h2 { margin-top: 1.2em; }\n"
    << "p.meta { color: #444; }\n"
    << "table { border-collapse: collapse; }\n"
    << "th, td { border: 1px solid #999; padding: 0.25em 0.5em; text-align: left; "
    << "vertical-align: top; }\n"
    << "th { background: #eee; }\n"
    << "td.num { text-align: right; }\n"
    << "tr.pass td.status { background: #cfc; }\n"
    << "tr.fail td.status, tr.timeout td.status { background: #fcc; }\n"
    << "td.rate-bad { background: #fcc; } td.rate-good { background: #cfc; }\n"
    // Long lines wrap at spaces, and inside a word only when one is wider than its cell.
    << "td.message, td.signature { font-family: monospace; font-size: 0.85em; "
    << "max-width: 60em; overflow-wrap: anywhere; }\n"
    << "table.runs td.message { min-width: 28em; }\n"
    << "tr.fail td.message, tr.timeout td.message { color: #900; }\n"
    << "ul.runs { margin: 0; padding-left: 1.2em; }\n"
    << "code { font-size: 0.85em; }\n"
    << "</style>\n</head>\n<body>\n<h1>" << title << "</h1>\n";
  const std::string about = header_text(report.header);
  if (!about.empty()) h << "<p class=\"meta\">" << xml_escape(about) << "</p>\n";
  h << "<p>" << count(report, Status::kPass) << " passed, " << count(report, Status::kFail)
    << " failed, " << count(report, Status::kTimeout) << " timed out, of " << report.results.size()
    << " runs</p>\n";

  const Triages triages = triage_failures(report);
  const std::vector<FailureGroup> groups = groups_of(report, triages);
  if (!groups.empty()) {
    h << "<h2>Failures by signature</h2>\n<table class=\"groups\">\n"
      << "<tr><th>runs</th><th>signature (numbers as &lt;N&gt;)</th><th>first message</th>"
      << "<th>which</th></tr>\n";
    for (const FailureGroup& g : groups) {
      h << "<tr class=\"group\"><td class=\"num\">" << g.runs.size()
        << "</td><td class=\"signature\">" << xml_escape(g.signature)
        << "</td><td class=\"message\">" << xml_escape(g.example) << "</td><td><ul class=\"runs\">";
      for (const RunResult* r : g.runs) {
        h << "<li><a href=\"" << xml_escape(link_to(report.out, r->log)) << "\">"
          << xml_escape(r->name) << "</a></li>";
      }
      h << "</ul></td></tr>\n";
    }
    h << "</table>\n";
  }

  h << "<h2>Pass rate per test</h2>\n<table class=\"rates\">\n"
    << "<tr><th>test</th><th>runs</th><th>passed</th><th>failed</th><th>timed out</th>"
    << "<th>pass rate (%)</th></tr>\n";
  for (const TestRate& t : pass_rates(report)) {
    h << "<tr><td>" << xml_escape(t.test) << "</td><td class=\"num\">" << t.runs
      << "</td><td class=\"num\">" << t.passed << "</td><td class=\"num\">" << t.failed
      << "</td><td class=\"num\">" << t.timed_out << "</td><td class=\"num "
      << (t.passed == t.runs ? "rate-good" : "rate-bad") << "\">" << percent(t.passed, t.runs)
      << "</td></tr>\n";
  }
  h << "</table>\n";

  h << "<h2>Runs (failures first)</h2>\n<table class=\"runs\">\n"
    << "<tr><th>run</th><th>status</th><th>failure</th><th>seed</th><th>config</th>"
    << "<th>wall (s)</th><th>cycles</th><th>energy (uJ)</th>"
    << "<th>log</th><th>waves</th><th>repro</th></tr>\n";
  for (const RunResult* r : rows) {
    const std::string status = status_name(r->status);
    const std::string message = r->status == Status::kPass ? "" : triages.at(r->name).message;
    h << "<tr class=\"" << status << "\"><td>" << xml_escape(r->name)
      << "</td><td class=\"status\">" << status << "</td><td class=\"message\">"
      << xml_escape(message) << "</td><td class=\"num\">" << seed_text(*r)
      << "</td><td class=\"config\">" << xml_escape(config_text(r->config))
      << "</td><td class=\"num\">" << fixed(r->wall_s, 2) << "</td><td class=\"num\">"
      << cycles_text(*r) << "</td><td class=\"num\">" << energy_text(*r) << "</td><td><a href=\""
      << xml_escape(link_to(report.out, r->log)) << "\">log</a></td><td>";
    if (r->waves) h << "<a href=\"" << xml_escape(link_to(report.out, *r->waves)) << "\">fst</a>";
    h << "</td><td><code>" << xml_escape(r->repro) << "</code></td></tr>\n";
  }
  h << "</table>\n</body>\n</html>\n";
  return h.str();
}

void write_reports(const Report& report) {
  write_atomically(report.out / "junit.xml", junit_xml(report));
  write_atomically(report.out / "summary.md", summary_markdown(report));
  write_atomically(report.out / "report.html", report_html(report));
}

}  // namespace edgebert::regress
