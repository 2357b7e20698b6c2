#include "energy/energy_params.h"

#include <yaml-cpp/yaml.h>

#include <cmath>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "util/yaml_document.h"

namespace edgebert::energy {
namespace {

[[noreturn]] void Fail(const std::filesystem::path& file, const std::string& what) {
  throw ParamsError(file.string() + ": " + what);
}

// A mapping's keys: every one must be known, every wanted one present.
void CheckKeys(const YAML::Node& map, const std::string& where, const std::set<std::string>& known,
               const std::filesystem::path& file) {
  if (!map.IsMap()) Fail(file, where + " is not a mapping");
  for (const auto& entry : map) {
    const std::string key = entry.first.Scalar();
    if (!known.contains(key)) Fail(file, "unknown key " + where + "." + key);
  }
  for (const auto& key : known) {
    if (!map[key]) Fail(file, "missing key " + where + "." + key);
  }
}

double Number(const YAML::Node& map, const std::string& where, const std::string& key,
              const std::filesystem::path& file) {
  const std::string name = where + "." + key;
  double value = 0;
  try {
    value = map[key].as<double>();
  } catch (const YAML::Exception&) {
    Fail(file, name + " is not a number");
  }
  // yaml-cpp reads .nan and .inf as numbers: an energy must be a finite one.
  if (!std::isfinite(value)) Fail(file, name + " is not finite");
  if (value < 0) Fail(file, name + " is negative");
  return value;
}

double Positive(const YAML::Node& map, const std::string& where, const std::string& key,
                const std::filesystem::path& file) {
  const double value = Number(map, where, key, file);
  if (value <= 0) Fail(file, where + "." + key + " must be positive");
  return value;
}

// Reads a section whose every key is a non-negative number into the given fields.
void Section(const YAML::Node& root, const std::string& section,
             const std::vector<std::pair<std::string, double*>>& fields,
             const std::filesystem::path& file) {
  std::set<std::string> known;
  for (const auto& [key, field] : fields) known.insert(key);
  CheckKeys(root[section], section, known, file);
  for (const auto& [key, field] : fields) *field = Number(root[section], section, key, file);
}

}  // namespace

EnergyParams LoadEnergyParams(const std::filesystem::path& yaml) {
  return ParseEnergyParams(util::ReadConfigText<ParamsError>(yaml), yaml);
}

EnergyParams ParseEnergyParams(std::string_view text, const std::filesystem::path& yaml) {
  const YAML::Node root = util::LoadMapping<ParamsError>(text, yaml.string());
  const std::set<std::string> top = {"technology", "reference", "pu",  "gb",
                                     "sram",       "reram",     "dram"};
  for (const auto& entry : root) {
    const std::string key = entry.first.Scalar();
    if (!top.contains(key) && key != "calibration") Fail(yaml, "unknown key " + key);
  }
  for (const auto& key : top) {
    if (!root[key]) Fail(yaml, "missing key " + key);
  }

  EnergyParams p;
  CheckKeys(root["reference"], "reference", {"lanes", "clock_mhz"}, yaml);
  const double lanes = Number(root["reference"], "reference", "lanes", yaml);
  if (lanes != 4 && lanes != 8 && lanes != 16 && lanes != 32) {
    Fail(yaml, "reference.lanes must be 4, 8, 16 or 32");
  }
  p.reference_lanes = static_cast<int>(lanes);
  p.reference_clock_mhz = Positive(root["reference"], "reference", "clock_mhz", yaml);

  Section(root, "pu",
          {{"mac_nonzero_pj", &p.pu.mac_nonzero_pj},
           {"vmac_pj", &p.pu.vmac_pj},
           {"vmac_skipped_pj", &p.pu.vmac_skipped_pj},
           {"leakage_mw", &p.pu.leakage_mw}},
          yaml);
  Section(root, "gb",
          {{"unit_busy_cycle_pj", &p.gb.unit_busy_cycle_pj}, {"leakage_mw", &p.gb.leakage_mw}},
          yaml);
  Section(root, "sram",
          {{"wsram_read_pj_per_bit", &p.sram.wsram_read_pj_per_bit},
           {"wsram_write_pj_per_bit", &p.sram.wsram_write_pj_per_bit},
           {"uab_read_pj_per_bit", &p.sram.uab_read_pj_per_bit},
           {"uab_write_pj_per_bit", &p.sram.uab_write_pj_per_bit},
           {"aux_read_pj_per_bit", &p.sram.aux_read_pj_per_bit},
           {"aux_write_pj_per_bit", &p.sram.aux_write_pj_per_bit},
           {"leakage_mw", &p.sram.leakage_mw}},
          yaml);
  auto& r = p.reram;
  Section(root, "reram",
          {{"slc_read_pj_per_word", &r.read_pj_per_word[0]},
           {"mlc2_read_pj_per_word", &r.read_pj_per_word[1]},
           {"mlc3_read_pj_per_word", &r.read_pj_per_word[2]},
           {"slc_read_ns", &r.read_ns[0]},
           {"mlc2_read_ns", &r.read_ns[1]},
           {"mlc3_read_ns", &r.read_ns[2]},
           {"slc_mm2_per_mib", &r.mm2_per_mib[0]},
           {"mlc2_mm2_per_mib", &r.mm2_per_mib[1]},
           {"mlc3_mm2_per_mib", &r.mm2_per_mib[2]},
           {"leakage_mw", &r.leakage_mw}},
          yaml);
  for (const char* key : {"slc_read_ns", "mlc2_read_ns", "mlc3_read_ns"}) {
    Positive(root["reram"], "reram", key, yaml);
  }
  Section(root, "dram",
          {{"read_pj_per_bit", &p.dram.read_pj_per_bit},
           {"bandwidth_gbyte_per_s", &p.dram.bandwidth_gbyte_per_s},
           {"first_access_ns", &p.dram.first_access_ns}},
          yaml);
  Positive(root["dram"], "dram", "bandwidth_gbyte_per_s", yaml);
  if (root["calibration"]) {
    Calibration c;
    Section(root, "calibration",
            {{"pu_mw", &c.pu_mw},
             {"gb_mw", &c.gb_mw},
             {"sram_mw", &c.sram_mw},
             {"reram_mw", &c.reram_mw}},
            yaml);
    p.calibration = c;
  }
  if (!root["technology"].IsScalar()) Fail(yaml, "technology must be a name");
  p.technology = root["technology"].Scalar();
  return p;
}

}  // namespace edgebert::energy
