// What the reports read from a run's log: the cycle count, the energy, the failure line that
// triages a failed run, and the last lines.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace edgebert::regress {

// The simulated cycles of a run: the number N of the last "N cycles simulated" in the log (what
// `edgebert run` prints); without one, the number of the last "N cycles" (a whole word); else
// nullopt.
std::optional<std::uint64_t> parse_cycles(const std::string& log_text);

// The energy of a run in microjoules: the number X of the last "energy (...): X uJ for" line
// in the log (the total `edgebert run` prints); else nullopt.
std::optional<double> parse_energy_uj(const std::string& log_text);

// A failed run's signature line: the first line of the log (whitespace trimmed, cut to
// kFailureLineMax bytes) that holds one of what the tools print on a failure: "GOLDEN MISMATCH" or
// any "mismatch" (any case), "ERROR", "error:" / "Error:", "FAILED", "RTL assertion", an AXI
// protocol violation ("AXI4_ERRM_", "AXI4_ERRS_", "AXI violation"), a C++ "terminate called" or a
// C "Assertion ... failed"; nullopt when none does.
inline constexpr std::size_t kFailureLineMax = 400;
std::optional<std::string> failure_line(const std::string& log_text);
// The same from the first max_bytes of a log file (nullopt when it cannot be read).
std::optional<std::string> failure_line_in(const std::filesystem::path& log, std::size_t max_bytes);

// What failures are grouped by: the line from its first failure keyword on (what comes before,
// such as `edgebert run`'s "[3/8] sentence: label, entropies" prefix, differs between runs of one
// bug), with the numbers that differ between seeds replaced: hex literals by 0x<H>, decimal
// numbers (fractions and exponents too) by <N>, except the digits inside an identifier (a letter
// before and a letter or '_' after, as in AXI4_ERRM), and whitespace runs by one space.
std::string normalize_signature(const std::string& line);

// The file's text, at most max_bytes from its end (empty when unreadable).
std::string read_tail_bytes(const std::filesystem::path& file, std::size_t max_bytes);

// The last `lines` lines of text.
std::string last_lines(const std::string& text, std::size_t lines);

}  // namespace edgebert::regress
