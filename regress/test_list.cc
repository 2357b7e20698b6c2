#include "test_list.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>

#include "util/yaml_keys.h"

namespace edgebert::regress {
namespace {

const std::set<std::string> kListKeys = {"name", "tests"};
const std::set<std::string> kTestKeys = {"name",   "command",     "tags",        "timeout", "seeds",
                                         "reseed", "waves_rerun", "description", "config"};
// The placeholders every run has; a config key may not shadow them.
const std::set<std::string> kBuiltins = {"build", "source", "seed", "out"};
// Runs of one test's config matrix, at most.
constexpr std::size_t kMaxVariants = 10000;

bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// A value as it goes into a folder name: letters, digits, '.', '_' and '-' kept, others '_'.
std::string folder_safe(const std::string& value) {
  std::string out = value;
  for (char& c : out) {
    if (!is_name_char(c) && c != '.' && c != '-') c = '_';
  }
  return out;
}

class Context {
 public:
  explicit Context(std::string file) : file_(std::move(file)) {}
  void set_test(std::string test) { test_ = std::move(test); }

  [[noreturn]] void fail(const YAML::Node& at, const std::string& key,
                         const std::string& what) const {
    std::ostringstream os;
    os << file_;
    if (at.IsDefined() && at.Mark().line >= 0) os << ':' << at.Mark().line + 1;
    os << ": ";
    if (!test_.empty()) os << "test '" << test_ << "': ";
    if (!key.empty()) os << "key '" << key << "': ";
    os << what;
    throw ListError(os.str());
  }

  std::string string_at(const YAML::Node& node, const std::string& key) const {
    if (!node.IsScalar()) fail(node, key, "must be a string");
    return node.as<std::string>();
  }

  template <typename T>
  T number_at(const YAML::Node& node, const std::string& key, const std::string& kind) const {
    if (!node.IsScalar()) fail(node, key, "must be " + kind);
    try {
      return node.as<T>();
    } catch (const YAML::Exception&) {
      fail(node, key, "must be " + kind + " (got '" + node.Scalar() + "')");
    }
  }

 private:
  std::string file_;
  std::string test_;
};

// A command template: one line (a folded scalar '>-' wraps long ones), trailing space trimmed.
std::string one_line(const Context& ctx, const YAML::Node& node, const std::string& key) {
  std::string text = ctx.string_at(node, key);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  if (text.empty()) ctx.fail(node, key, "must not be empty");
  if (text.find('\n') != std::string::npos) {
    ctx.fail(node, key, "must be one line (use a folded scalar '>-' for long commands)");
  }
  return text;
}

struct ConfigKey {
  std::string key;
  std::vector<std::string> values;
  bool list = false;  // written as a list: a dimension of the matrix
  YAML::Node node;    // the key, for errors
};

std::vector<ConfigKey> parse_config(const YAML::Node& config, const Context& ctx) {
  if (!config.IsMap()) {
    ctx.fail(config, "config", "must be a mapping of keys to a value or a list of values");
  }
  std::vector<ConfigKey> keys;
  std::set<std::string> seen;
  for (const auto& kv : config) {
    if (!kv.first.IsScalar()) ctx.fail(kv.first, "config", "a config key must be a name");
    ConfigKey k;
    k.key = kv.first.Scalar();
    k.node = kv.first;
    if (k.key.empty() || !std::all_of(k.key.begin(), k.key.end(), is_name_char)) {
      ctx.fail(
          kv.first, "config",
          "bad config key '" + k.key + "': only letters, digits and '_' (it is a {placeholder})");
    }
    const std::string where = "config." + k.key;
    if (kBuiltins.contains(k.key)) {
      ctx.fail(kv.first, where, "shadows the built-in placeholder {" + k.key + "}");
    }
    if (!seen.insert(k.key).second) ctx.fail(kv.first, where, "duplicate config key");
    const auto scalar = [&](const YAML::Node& value) {
      if (!value.IsScalar()) ctx.fail(value, where, "must be a scalar or a list of scalars");
      const std::string text = value.Scalar();
      if (text.find_first_of("\n\r") != std::string::npos) {
        ctx.fail(value, where, "a value must be one line");
      }
      return text;
    };
    const YAML::Node& value = kv.second;
    if (value.IsSequence()) {
      k.list = true;
      if (value.size() == 0) ctx.fail(value, where, "an empty list (give at least one value)");
      for (const auto& item : value) {
        const std::string text = scalar(item);
        if (std::find(k.values.begin(), k.values.end(), text) != k.values.end()) {
          ctx.fail(item, where, "duplicate value '" + text + "'");
        }
        k.values.push_back(text);
      }
    } else {
      k.values.push_back(scalar(value));
    }
    keys.push_back(std::move(k));
  }
  return keys;
}

// The cartesian product of the keys' values, the first key varying slowest.
std::vector<Variant> expand_matrix(const std::string& test, const std::vector<ConfigKey>& keys,
                                   const YAML::Node& config, const Context& ctx) {
  std::vector<Variant> variants(1);
  for (const ConfigKey& k : keys) {
    if (variants.size() * k.values.size() > kMaxVariants) {
      ctx.fail(config, "config", "more than " + std::to_string(kMaxVariants) + " combinations");
    }
    std::vector<Variant> next;
    for (const Variant& v : variants) {
      for (const std::string& value : k.values) {
        Variant w = v;
        w.config.emplace_back(k.key, value);
        if (k.list) {
          w.label += (w.label.empty() ? "" : ",") + k.key + "=" + value;
          w.folder += "-" + k.key + "-" + folder_safe(value);
        }
        next.push_back(std::move(w));
      }
    }
    variants = std::move(next);
  }
  std::map<std::string, std::string> folders;  // folder -> label
  for (const Variant& v : variants) {
    const auto [it, fresh] = folders.emplace(v.folder, v.label);
    if (!fresh) {
      ctx.fail(config, "config",
               "runs [" + it->second + "] and [" + v.label + "] would share the run folder '" +
                   test + v.folder +
                   "' (values differ only in characters other than letters, digits, "
                   "'.', '_' and '-')");
    }
  }
  return variants;
}

// Every placeholder of a template is a built-in or a config key.
void check_placeholders(const Context& ctx, const YAML::Node& node, const std::string& key,
                        const std::string& templ, const std::vector<ConfigKey>& config) {
  for (const std::string& name : placeholders(templ)) {
    if (kBuiltins.contains(name)) continue;
    const bool known = std::any_of(config.begin(), config.end(),
                                   [&](const ConfigKey& k) { return k.key == name; });
    if (!known) {
      ctx.fail(node, key,
               "unknown placeholder {" + name +
                   "}: not a config key, nor {build}, {source}, {seed} or {out}");
    }
  }
}

TestSpec parse_test(const YAML::Node& node, std::size_t index, Context& ctx) {
  ctx.set_test(std::string("#").append(std::to_string(index + 1)));
  if (!node.IsMap()) ctx.fail(node, "", "a test must be a mapping");
  TestSpec spec;
  const YAML::Node name = node["name"];
  if (!name) ctx.fail(node, "name", "missing");
  spec.name = ctx.string_at(name, "name");
  if (spec.name.empty()) ctx.fail(name, "name", "must not be empty");
  for (char c : spec.name) {
    const bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
    if (!ok)
      ctx.fail(name, "name", "only letters, digits, '_', '-' and '.' (got '" + spec.name + "')");
  }
  ctx.set_test(spec.name);
  for (const auto& kv : node) {
    if (!kv.first.IsScalar()) ctx.fail(kv.first, "", "a key must be a plain name");
    const std::string key = kv.first.Scalar();
    if (!kTestKeys.contains(key)) ctx.fail(kv.first, key, "unknown key");
  }
  const YAML::Node command = node["command"];
  if (!command) ctx.fail(node, "command", "missing");
  spec.command = one_line(ctx, command, "command");

  const YAML::Node timeout = node["timeout"];
  if (!timeout) ctx.fail(node, "timeout", "missing (seconds)");
  spec.timeout_s = ctx.number_at<double>(timeout, "timeout", "a number of seconds");
  if (!(spec.timeout_s > 0)) {
    ctx.fail(timeout, "timeout", "must be positive (got " + timeout.Scalar() + ")");
  }

  if (const YAML::Node tags = node["tags"]) {
    if (!tags.IsSequence()) ctx.fail(tags, "tags", "must be a list of strings");
    for (const auto& tag : tags) spec.tags.push_back(ctx.string_at(tag, "tags"));
  }

  const YAML::Node seeds = node["seeds"];
  const YAML::Node reseed = node["reseed"];
  if (seeds && reseed) ctx.fail(reseed, "reseed", "give either seeds or reseed, not both");
  if (seeds) {
    if (!seeds.IsSequence() || seeds.size() == 0) {
      ctx.fail(seeds, "seeds", "must be a non-empty list of seeds");
    }
    std::set<std::uint64_t> seen;
    for (const auto& seed : seeds) {
      const auto value = ctx.number_at<std::uint64_t>(seed, "seeds", "a non-negative integer");
      if (!seen.insert(value).second) {
        ctx.fail(seed, "seeds", "duplicate seed " + std::to_string(value));
      }
      spec.seeds.push_back(value);
    }
  }
  if (reseed) {
    const auto count = ctx.number_at<std::int64_t>(reseed, "reseed", "a positive count");
    if (count <= 0) ctx.fail(reseed, "reseed", "must be positive (got " + reseed.Scalar() + ")");
    if (count > 100000) ctx.fail(reseed, "reseed", "at most 100000");
    for (std::int64_t s = 1; s <= count; ++s) spec.seeds.push_back(static_cast<std::uint64_t>(s));
  }
  const auto uses = [](const std::string& t, const std::string& placeholder) {
    const auto names = placeholders(t);
    return std::find(names.begin(), names.end(), placeholder) != names.end();
  };
  std::vector<ConfigKey> config;
  const YAML::Node config_node = node["config"];
  if (config_node) config = parse_config(config_node, ctx);
  check_placeholders(ctx, command, "command", spec.command, config);
  if (spec.seeds.empty() && uses(spec.command, "seed")) {
    ctx.fail(command, "command", "uses {seed} but the test has no seeds or reseed");
  }
  if (const YAML::Node waves = node["waves_rerun"]) {
    spec.waves_rerun = one_line(ctx, waves, "waves_rerun");
    check_placeholders(ctx, waves, "waves_rerun", *spec.waves_rerun, config);
    if (spec.seeds.empty() && uses(*spec.waves_rerun, "seed")) {
      ctx.fail(waves, "waves_rerun", "uses {seed} but the test has no seeds or reseed");
    }
  }
  for (const ConfigKey& k : config) {
    const bool used =
        uses(spec.command, k.key) || (spec.waves_rerun && uses(*spec.waves_rerun, k.key));
    if (k.list && !used) {
      ctx.fail(k.node, "config." + k.key,
               "a list of values used in neither command nor waves_rerun: its runs would be the "
               "same");
    }
  }
  spec.variants = expand_matrix(spec.name, config, config_node, ctx);
  return spec;
}

}  // namespace

TestList load_test_list(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ListError(file.string() + ": cannot read the file");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return parse_test_list(text, file);
}

TestList parse_test_list(std::string_view text, const std::filesystem::path& file) {
  Context ctx(file.string());
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    throw ListError(file.string() + ":" + std::to_string(e.mark.line + 1) +
                    ": YAML syntax error: " + e.msg);
  }
  if (!root.IsMap()) ctx.fail(root, "", "the list must be a mapping with a 'tests' key");
  util::RejectDuplicateKeys<ListError>(root, file.string());
  for (const auto& kv : root) {
    if (!kv.first.IsScalar()) ctx.fail(kv.first, "", "a key must be a plain name");
    const std::string key = kv.first.Scalar();
    if (!kListKeys.contains(key)) ctx.fail(kv.first, key, "unknown key");
  }
  TestList list;
  list.file = file;
  list.name = file.stem().string();
  if (const YAML::Node name = root["name"]) list.name = ctx.string_at(name, "name");
  const YAML::Node tests = root["tests"];
  if (!tests) ctx.fail(root, "tests", "missing");
  if (!tests.IsSequence() || tests.size() == 0) {
    ctx.fail(tests, "tests", "must be a non-empty list of tests");
  }
  std::set<std::string> names;
  std::map<std::string, std::string> folders;  // run folder -> run name
  for (std::size_t i = 0; i < tests.size(); ++i) {
    TestSpec spec = parse_test(tests[i], i, ctx);
    if (!names.insert(spec.name).second) {
      ctx.fail(tests[i]["name"], "name", "duplicate test name '" + spec.name + "'");
    }
    // A test named like another's run folder ("a-seed1", "a-lanes-4") would share it.
    std::vector<std::optional<std::uint64_t>> seeds(spec.seeds.begin(), spec.seeds.end());
    if (seeds.empty()) seeds.emplace_back(std::nullopt);
    for (const Variant& v : spec.variants) {
      for (const auto& seed : seeds) {
        const auto [it, fresh] =
            folders.emplace(run_folder(spec, v, seed), run_name(spec, v, seed));
        if (!fresh) {
          ctx.fail(tests[i]["name"], "name",
                   "run '" + run_name(spec, v, seed) + "' would share the run folder '" +
                       it->first + "' with run '" + it->second + "'");
        }
      }
    }
    list.tests.push_back(std::move(spec));
  }
  return list;
}

std::vector<std::string> placeholders(const std::string& templ) {
  std::vector<std::string> names;
  for (std::size_t at = templ.find('{'); at != std::string::npos; at = templ.find('{', at + 1)) {
    if (at > 0 && templ[at - 1] == '$') continue;  // ${name}: the shell's
    std::size_t end = at + 1;
    while (end < templ.size() && is_name_char(templ[end])) ++end;
    if (end > at + 1 && end < templ.size() && templ[end] == '}') {
      names.push_back(templ.substr(at + 1, end - at - 1));
    }
  }
  return names;
}

std::string run_name(const TestSpec& test, const Variant& variant,
                     const std::optional<std::uint64_t>& seed) {
  std::string name = test.name;
  if (!variant.label.empty()) name.append("[").append(variant.label).append("]");
  if (seed) name.append("[").append(std::to_string(*seed)).append("]");
  return name;
}

std::string run_folder(const TestSpec& test, const Variant& variant,
                       const std::optional<std::uint64_t>& seed) {
  std::string folder = test.name + variant.folder;
  if (seed) folder.append("-seed").append(std::to_string(*seed));
  return folder;
}

}  // namespace edgebert::regress
