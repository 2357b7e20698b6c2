// The reports of a regression: JUnit XML, a Markdown summary and a self-contained HTML page.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "results.h"

namespace edgebert::regress {

struct Report {
  std::string list;  // the list's name: the JUnit classname and suite name
  std::filesystem::path out;
  std::vector<RunResult> results;  // in plan order
};

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
