#include "test_list.h"

#include <yaml-cpp/yaml.h>

#include <cctype>
#include <set>
#include <sstream>

namespace edgebert::regress {
namespace {

const std::set<std::string> kListKeys = {"name", "tests"};
const std::set<std::string> kTestKeys = {"name",  "command", "tags",        "timeout",
                                         "seeds", "reseed",  "waves_rerun", "description"};

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
    const std::string key = kv.first.as<std::string>();
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
  const auto uses_seed = [](const std::string& t) { return t.find("{seed}") != std::string::npos; };
  if (spec.seeds.empty() && uses_seed(spec.command)) {
    ctx.fail(command, "command", "uses {seed} but the test has no seeds or reseed");
  }
  if (const YAML::Node waves = node["waves_rerun"]) {
    spec.waves_rerun = one_line(ctx, waves, "waves_rerun");
    if (spec.seeds.empty() && uses_seed(*spec.waves_rerun)) {
      ctx.fail(waves, "waves_rerun", "uses {seed} but the test has no seeds or reseed");
    }
  }
  return spec;
}

}  // namespace

TestList load_test_list(const std::filesystem::path& file) {
  Context ctx(file.string());
  YAML::Node root;
  try {
    root = YAML::LoadFile(file.string());
  } catch (const YAML::BadFile&) {
    throw ListError(file.string() + ": cannot read the file");
  } catch (const YAML::Exception& e) {
    throw ListError(file.string() + ":" + std::to_string(e.mark.line + 1) +
                    ": YAML syntax error: " + e.msg);
  }
  if (!root.IsMap()) ctx.fail(root, "", "the list must be a mapping with a 'tests' key");
  for (const auto& kv : root) {
    const std::string key = kv.first.as<std::string>();
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
  for (std::size_t i = 0; i < tests.size(); ++i) {
    TestSpec spec = parse_test(tests[i], i, ctx);
    if (!names.insert(spec.name).second) {
      ctx.fail(tests[i]["name"], "name", "duplicate test name '" + spec.name + "'");
    }
    list.tests.push_back(std::move(spec));
  }
  return list;
}

}  // namespace edgebert::regress
