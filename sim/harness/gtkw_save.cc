#include "harness/gtkw_save.h"

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <initializer_list>
#include <map>
#include <optional>
#include <stdexcept>
#include <string_view>

#include "harness/wave_scopes.h"

namespace edgebert::sim {
namespace {

constexpr std::string_view kTop = "TOP.edgebert_soc.";

// GTKWave trace flags (its analyzer.h): hex or binary, right-justified; a translate filter; the
// blank lines that open and close a group.
// An enum (bit 32) shows the names of the FST's enum table, which GTKWave looks up in binary.
constexpr uint64_t kHex = 0x2, kBinary = 0x8, kRightJustify = 0x20, kBlank = 0x200,
                   kTranslated = 0x2000, kClosed = 0x400000, kGroupBegin = 0x800000,
                   kGroupEnd = 0x1000000, kEnum = uint64_t{1} << 32;

struct Signal {
  const char* group;
  const char* path;  // below the SoC top, without a vector's [msb:lsb]; a trailing '*' is a prefix
  const char* filter;  // a filter file's name, or nullptr
};

// What README.md tells a reader to look at first, in that order. The paths are those of the
// traced model's hierarchy (FstVariables of a full dump; tests/system checks each is there).
constexpr Signal kSignals[] = {
    {nullptr, "clk_i", nullptr},
    {nullptr, "rst_ni", nullptr},
    {nullptr, "irq_o", nullptr},
    {"AXI", "axi_*", nullptr},
    {"CSR and command queue", "u_csr.cmd_seq_q", nullptr},
    {"CSR and command queue", "u_csr.u_seq.state_q", "soc_seq.state_e.txt"},
    {"CSR and command queue", "u_csr.u_seq.opcode", "opcode.txt"},
    {"CSR and command queue", "u_csr.u_seq.cmd_q[0]", nullptr},
    {"CSR and command queue", "u_csr.u_cmdq.level_q", nullptr},
    {"CSR and command queue", "u_csr.u_cmdq.push_i", nullptr},
    {"CSR and command queue", "u_csr.u_cmdq.pop_i", nullptr},
    {"CSR and command queue", "u_csr.u_cmdq.full_o", nullptr},
    {"CSR and command queue", "u_csr.ctrl_enable_q", nullptr},
    {"CSR and command queue", "u_csr.intr_state_q.done", nullptr},
    {"CSR and command queue", "u_csr.intr_state_q.early_exit", nullptr},
    {"CSR and command queue", "u_csr.intr_state_q.error", nullptr},
    {"CSR and command queue", "u_csr.intr_enable_q.done", nullptr},
    {"CSR and command queue", "u_csr.intr_enable_q.early_exit", nullptr},
    {"CSR and command queue", "u_csr.intr_enable_q.error", nullptr},
    {"CSR and command queue", "u_csr.err_cause_q.code", "err_code.txt"},
    {"CSR and command queue", "u_csr.err_cause_q.opcode", "opcode.txt"},
    {"CSR and command queue", "u_csr.err_seq_q", nullptr},
    {"CSR and command queue", "u_csr.entropy_last_q", nullptr},
    {"PU", "u_pu.state_q", "pu.state_e.txt"},
    {"PU", "u_pu.opcode", "opcode.txt"},
    {"PU", "u_pu.cmd_rsp_o.busy", nullptr},
    {"PU", "u_pu.cmd_rsp_o.done", nullptr},
    {"PU", "u_pu.dim_m", nullptr},
    {"PU", "u_pu.dim_n", nullptr},
    {"PU", "u_pu.dim_k", nullptr},
    {"GB units", "u_gb.target", "gb.unit_e.txt"},
    {"GB units", "u_gb.u_eltwise.state_q", "gb_eltwise.state_e.txt"},
    {"GB units", "u_gb.u_softmax.state_q", "gb_softmax.state_e.txt"},
    {"GB units", "u_gb.u_layernorm.m_state_q", "gb_layernorm.math_e.txt"},
    {"GB units", "u_gb.u_entropy.state_q", "gb_entropy.state_e.txt"},
    {"GB units", "u_gb.u_gather.state_q", "gb_gather.state_e.txt"},
};

// "cmd_q[0][31:0]" -> "cmd_q[0]": a vector's bit range, as the catalogue names signals.
std::string WithoutRange(const std::string& path) {
  const auto open = path.rfind('[');
  if (open == std::string::npos || path.find(':', open) == std::string::npos) return path;
  return path.substr(0, open);
}

std::string Flags(uint64_t flags) {
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, "@%llx", static_cast<unsigned long long>(flags));
  return buffer;
}

}  // namespace

GtkwSave WriteGtkwSave(const std::filesystem::path& fst, const std::filesystem::path& filters) {
  const std::vector<FstVariable> variables = FstVariables(fst);
  GtkwSave save;
  save.file = std::filesystem::path(fst).replace_extension(".gtkw");
  save.catalogue = std::size(kSignals);
  const std::filesystem::path fst_abs = std::filesystem::absolute(fst);

  std::string body;
  std::map<std::string, size_t> filter_index;  // file -> ^N
  const char* open_group = nullptr;
  // Appended piece by piece: GCC 12 reports a bogus -Wrestrict for chains of std::string +
  // (https://gcc.gnu.org/bugzilla/show_bug.cgi?id=105329).
  auto line = [&body](std::initializer_list<std::string_view> parts) {
    for (const std::string_view part : parts) body.append(part);
    body.push_back('\n');
  };
  auto close_group = [&] {
    if (open_group != nullptr) {
      line({Flags(kGroupEnd | kBlank)});
      line({"-", open_group});
    }
    open_group = nullptr;
  };
  for (const Signal& s : kSignals) {
    const std::string_view pattern(s.path);
    const bool prefix = pattern.ends_with('*');
    const std::string_view stem = prefix ? pattern.substr(0, pattern.size() - 1) : pattern;
    std::vector<const FstVariable*> found;
    for (const FstVariable& v : variables) {
      if (!v.path.starts_with(kTop)) continue;
      const std::string below = WithoutRange(v.path.substr(kTop.size()));
      const bool match =
          prefix ? below.starts_with(stem) && below.find('.') == std::string::npos : below == stem;
      if (match) found.push_back(&v);
      if (match && !prefix) break;  // a port appears again in the instance it feeds
    }
    if (found.empty()) continue;
    ++save.signals;
    if (s.group == nullptr || open_group == nullptr || std::string_view(s.group) != open_group) {
      close_group();
      if (s.group != nullptr) {
        // The AXI group (about 30 port signals) starts closed, so the rest fits on a screen.
        line({Flags(kGroupBegin | kBlank | (std::string_view(s.group) == "AXI" ? kClosed : 0))});
        line({"-", s.group});
        open_group = s.group;
      }
    }
    // The FST's own enum table when Verilator wrote one (a typed enum in the RTL: states, error
    // codes), else the filter file (opcodes are plain logic in the RTL).
    const bool enum_table = found.front()->enum_table;
    std::optional<size_t> filter;
    if (!enum_table && s.filter != nullptr && std::filesystem::exists(filters / s.filter)) {
      const std::string path = std::filesystem::absolute(filters / s.filter).string();
      auto [it, added] = filter_index.emplace(path, filter_index.size() + 1);
      if (added) save.filters.push_back(path);
      filter = it->second;
    }
    for (const FstVariable* v : found) {
      if (filter) line({"^", std::to_string(*filter), " ", save.filters[*filter - 1]});
      const uint64_t radix = v->bits == 1 || v->enum_table ? kBinary : kHex;
      line({Flags(radix | kRightJustify | (filter ? kTranslated : 0) |
                  (v->enum_table ? kEnum : 0))});
      line({v->path});
    }
  }
  close_group();

  std::ofstream out(save.file, std::ios::trunc);
  out << "[*] GTKWave save file written by edgebert (sim/harness/gtkw_save.cc)\n"
      << "[dumpfile] \"" << fst_abs.string() << "\"\n"
      << "[savefile] \"" << std::filesystem::absolute(save.file).string() << "\"\n"
      << "[timestart] 0\n[size] 1600 1000\n[pos] -1 -1\n[sst_width] 260\n[signals_width] 320\n"
      << "[sst_expanded] 1\n[sst_vpaned_height] 300\n"
      << body;
  out.close();
  if (!out) throw std::runtime_error(save.file.string() + ": cannot write");
  return save;
}

}  // namespace edgebert::sim
