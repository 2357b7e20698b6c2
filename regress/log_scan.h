// What the reports read from a run's log: the cycle count and the last lines.
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

// The file's text, at most max_bytes from its end (empty when unreadable).
std::string read_tail_bytes(const std::filesystem::path& file, std::size_t max_bytes);

// The last `lines` lines of text.
std::string last_lines(const std::string& text, std::size_t lines);

}  // namespace edgebert::regress
