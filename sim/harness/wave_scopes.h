// Which scopes a wave file has, for checking --waves-scope (SocOptions::Waves::scopes) against
// the traced model itself: the harness writes the model's hierarchy to a scratch FST and reads it
// back here, so the valid scopes are what this Verilator made of this RTL (generate blocks are
// named differently by 5.006 and 5.4x) and no list can go stale. No Verilator headers.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace edgebert::sim {

// The instance-like scopes (modules, begin and generate blocks; not struct, union or array
// scopes, nor anything below one) of an FST file's hierarchy, as dot-joined paths from the root
// ("TOP", "TOP.edgebert_soc", "TOP.edgebert_soc.u_gb", ...) in file order. Reads the hierarchy
// block as Verilator 5.006 (fstapi: LZ4, or LZ4 twice when large) and 5.4x (fstcpp: LZ4) write
// it. Throws std::runtime_error naming the file when it has no hierarchy block this reads.
std::vector<std::string> FstInstanceScopes(const std::filesystem::path& file);

// Every variable of an FST file's hierarchy: its dot-joined path as GTKWave names it
// ("TOP.edgebert_soc.u_csr.cmd_seq_q[31:0]", struct members included: "...intr_state_q.done")
// its width in bits and whether it has an enum table. Throws as FstInstanceScopes.
struct FstVariable {
  std::string path;
  uint32_t bits = 0;
  bool enum_table = false;  // a SystemVerilog enum: the file names its values (GTKWave shows them)
};
std::vector<FstVariable> FstVariables(const std::filesystem::path& file);

// The first and last time stamps an FST file holds (its header's; Verilator's time is twice
// the cycle, so cycle c is times 2c and 2c + 1).
std::pair<uint64_t, uint64_t> FstTimeRange(const std::filesystem::path& file);

// Empty when `scope` is one of `scopes` (paths below the SoC top, "u_gb.u_softmax"); otherwise
// why not, for an error message: the deepest part of it that exists, the scopes directly below
// that, and the nearest scope when one is a likely typo.
std::string UnknownWaveScope(const std::vector<std::string>& scopes, const std::string& scope);

}  // namespace edgebert::sim
