// `make coverage` support (docs/coverage.md) without Verilator headers: the functional coverage
// points the coverage program keeps in C++ (named counters, declared up front so that the ones
// never hit can be listed), and the line and toggle figures of a Verilator coverage.dat.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace edgebert::sim {

// Named counters grouped by the text before the first ':' ("opcode: MATMUL" is in "opcode").
class CoveragePoints {
 public:
  // A point that must be hit; counts start at 0. Declaring twice is harmless.
  void Declare(const std::string& name);
  // Counts a hit (declaring the point if it was not: such points are listed too).
  void Hit(const std::string& name, uint64_t count = 1);
  uint64_t Count(const std::string& name) const;

  int total() const { return static_cast<int>(counts_.size()); }
  std::vector<std::string> Missed() const;

  // A Markdown table of every point and its count, then the points never hit.
  void Print(std::ostream& out) const;

 private:
  std::map<std::string, uint64_t> counts_;
};

// Hit and total points of one kind of coverage.
struct CoverageFigure {
  uint64_t hit = 0, total = 0;
  double percent() const {
    return total == 0 ? 0.0 : 100.0 * static_cast<double>(hit) / static_cast<double>(total);
  }
};

// Per source file and kind ("line", "toggle") in a coverage.dat. A point is a (kind, file, line,
// column, signal or branch) of the RTL source: instances of one module count once, hit when any
// instance hit it. "line" is Verilator's v_line and v_branch points (--coverage-line), "toggle"
// its v_toggle points. Only files whose path contains `source_prefix` ("rtl/") are counted.
struct CoverageSummary {
  std::map<std::string, std::map<std::string, CoverageFigure>> files;  // file -> kind -> figure
  std::map<std::string, CoverageFigure> totals;                        // kind -> figure
};

// Throws std::runtime_error when the file cannot be read or is not a coverage.dat.
CoverageSummary SummarizeCoverageDat(const std::filesystem::path& file,
                                     const std::string& source_prefix = "rtl/");

// Per file: line and toggle figures, weakest line coverage first, then the totals.
void PrintCoverageSummary(std::ostream& out, const CoverageSummary& summary);

}  // namespace edgebert::sim
