// The reports of a regression: JUnit XML, a Markdown summary and a self-contained HTML page.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "results.h"

namespace edgebert::regress {

// When, what and where: the reports' header.
struct ReportHeader {
  std::string date;              // UTC, "2026-12-05 00:12:03 UTC"
  std::string commit;            // `git describe --always --dirty` of {source}, or "unknown"
  std::string host;              // this machine's name
  std::optional<double> wall_s;  // the regression's wall time (this invocation), not a sum
};

// The header now, for a regression of {source} that took wall_s.
ReportHeader make_header(const std::filesystem::path& source, double wall_s);

struct Report {
  std::string list;  // the list's name: the JUnit classname and suite name
  std::filesystem::path out;
  std::vector<RunResult> results;  // in plan order
  ReportHeader header;             // empty fields are left out of the reports
};

// A failed or timed-out run's triage. message: its log's failure line (log_scan.h's
// failure_line), else "failed: exit code N" or "timeout: killed after its time limit" (the JUnit
// failure message); signature: what it is grouped by (normalize_signature of the line, else the
// message).
struct Triage {
  std::string message;
  std::string signature;
};
Triage triage(const RunResult& result);

// Failures with one signature: their runs in plan order; groups by count, then first seen.
struct FailureGroup {
  std::string signature;
  std::string example;  // the first run's message
  std::vector<const RunResult*> runs;
};
std::vector<FailureGroup> group_failures(const Report& report);

// One test's runs over its seeds and configs.
struct TestRate {
  std::string test;
  std::size_t runs = 0, passed = 0, failed = 0, timed_out = 0;
};
std::vector<TestRate> pass_rates(const Report& report);  // tests in plan order

// Lines of a failed run's log put in its JUnit failure element.
inline constexpr std::size_t kLogTailLines = 40;

std::string junit_xml(const Report& report);
std::string summary_markdown(const Report& report);
std::string report_html(const Report& report);

// Writes junit.xml, summary.md and report.html into report.out (each to a temporary file, then
// renamed). Throws std::runtime_error.
void write_reports(const Report& report);

// XML 1.0 text: markup escaped, control characters and invalid UTF-8 replaced.
std::string xml_escape(const std::string& text);

}  // namespace edgebert::regress
