#include "shard.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

namespace edgebert::app {
namespace {

std::string JsonString(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
      out += escaped;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// 17 significant digits: the double back exactly.
std::string Exact(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.17g", value);
  return text;
}

template <typename T>
T Get(const YAML::Node& node, const char* key, const std::string& where) {
  const YAML::Node value = node[key];
  if (!value) throw std::runtime_error(where + ": no \"" + key + "\"");
  try {
    return value.as<T>();
  } catch (const YAML::Exception&) {
    throw std::runtime_error(where + ": \"" + key + "\" is not a " +
                             (std::is_same_v<T, std::string> ? "string" : "number"));
  }
}

}  // namespace

Shard ParseShard(const std::string& text) {
  const auto bad = [&](const std::string& why) {
    return std::invalid_argument("--shard '" + text + "': " + why);
  };
  const std::size_t slash = text.find('/');
  const auto number = [&](const std::string& part) {
    if (part.empty() || part.size() > 6 ||
        part.find_first_not_of("0123456789") != std::string::npos) {
      throw bad("want I/N, two whole numbers (shard I of N, 1 <= I <= N)");
    }
    return std::stoi(part);
  };
  if (slash == std::string::npos) throw bad("want I/N (shard I of N, 1 <= I <= N)");
  const Shard shard{number(text.substr(0, slash)), number(text.substr(slash + 1))};
  if (shard.count < 1) throw bad("N must be at least 1");
  if (shard.index < 1 || shard.index > shard.count) throw bad("I must be in [1, N] (1-based)");
  return shard;
}

std::vector<std::size_t> ShardPositions(std::size_t total, const Shard& shard) {
  std::vector<std::size_t> positions;
  for (std::size_t p = static_cast<std::size_t>(shard.index - 1); p < total;
       p += static_cast<std::size_t>(shard.count)) {
    positions.push_back(p);
  }
  if (positions.empty()) {
    throw std::invalid_argument("--shard " + std::to_string(shard.index) + "/" +
                                std::to_string(shard.count) + ": no sentence in this shard (the " +
                                "selection has " + std::to_string(total) + "; use at most " +
                                std::to_string(std::max<std::size_t>(total, 1)) + " shards)");
  }
  return positions;
}

std::string ImageDigest(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error(file.string() + ": cannot read");
  std::uint64_t hash = 0xcbf29ce484222325ull;
  std::vector<char> buffer(1 << 16);
  while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0) {
    const auto n = static_cast<std::size_t>(in.gcount());
    for (std::size_t i = 0; i < n; ++i) {
      hash = (hash ^ static_cast<unsigned char>(buffer[i])) * 0x100000001b3ull;
    }
  }
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash));
  return text;
}

void WriteShardResults(const std::filesystem::path& file, const ShardResults& r) {
  std::ostringstream s;
  s << "{\"job\": " << JsonString(r.job) << ", \"target\": " << JsonString(r.target)
    << ", \"image\": " << JsonString(r.image)
    << ", \"image_digest\": " << JsonString(r.image_digest) << ", \"task\": " << JsonString(r.task)
    << ", \"layers\": " << r.layers << ", \"lanes\": " << r.lanes
    << ", \"threshold_q24\": " << r.threshold_q24 << ", \"clock_mhz\": " << Exact(r.clock_mhz)
    << ", \"technology\": " << JsonString(r.technology) << ", \"tsv\": " << JsonString(r.tsv)
    << ", \"selected\": " << r.selected << ", \"shard\": [" << r.shard.index << ", "
    << r.shard.count << "],\n \"sentences\": [";
  for (std::size_t i = 0; i < r.sentences.size(); ++i) {
    const SentenceRecord& e = r.sentences[i];
    s << (i ? ",\n  " : "\n  ") << "{\"index\": " << e.index << ", \"label\": " << e.label
      << ", \"predicted\": " << e.predicted << ", \"exit_layer\": " << e.exit_layer
      << ", \"depth\": " << e.depth << ", \"cycles\": " << e.cycles
      << ", \"energy_uj\": " << Exact(e.energy_uj)
      << ", \"energy_seconds\": " << Exact(e.energy_seconds) << "}";
  }
  s << "]}\n";
  std::ofstream out(file, std::ios::trunc);
  out << s.str();
  out.close();
  if (!out) throw std::runtime_error("--results: cannot write " + file.string());
}

ShardResults ReadShardResults(const std::filesystem::path& file) {
  const std::string name = file.string();
  YAML::Node root;
  try {
    root = YAML::LoadFile(name);
  } catch (const YAML::Exception& e) {
    throw std::runtime_error(name + ": not a results file (" + e.what() + ")");
  }
  if (!root.IsMap()) throw std::runtime_error(name + ": not a results file (want a JSON object)");
  ShardResults r;
  r.job = Get<std::string>(root, "job", name);
  r.target = Get<std::string>(root, "target", name);
  r.image = Get<std::string>(root, "image", name);
  r.image_digest = Get<std::string>(root, "image_digest", name);
  r.task = Get<std::string>(root, "task", name);
  r.layers = Get<int>(root, "layers", name);
  r.lanes = Get<int>(root, "lanes", name);
  r.threshold_q24 = Get<std::uint32_t>(root, "threshold_q24", name);
  r.clock_mhz = Get<double>(root, "clock_mhz", name);
  r.technology = Get<std::string>(root, "technology", name);
  r.tsv = Get<std::string>(root, "tsv", name);
  r.selected = Get<std::size_t>(root, "selected", name);
  const YAML::Node shard = root["shard"];
  if (!shard || !shard.IsSequence() || shard.size() != 2) {
    throw std::runtime_error(name + ": \"shard\" is not [I, N]");
  }
  r.shard = {shard[0].as<int>(), shard[1].as<int>()};
  const YAML::Node sentences = root["sentences"];
  if (!sentences || !sentences.IsSequence()) {
    throw std::runtime_error(name + ": \"sentences\" is not a list");
  }
  for (std::size_t i = 0; i < sentences.size(); ++i) {
    const std::string where = name + ": sentence " + std::to_string(i + 1);
    const YAML::Node n = sentences[i];
    r.sentences.push_back({Get<std::size_t>(n, "index", where), Get<int>(n, "label", where),
                           Get<int>(n, "predicted", where), Get<int>(n, "exit_layer", where),
                           Get<int>(n, "depth", where), Get<std::uint64_t>(n, "cycles", where),
                           Get<double>(n, "energy_uj", where),
                           Get<double>(n, "energy_seconds", where)});
  }
  return r;
}

ShardResults MergeShards(const std::vector<ShardResults>& shards,
                         const std::vector<std::string>& names) {
  if (shards.empty()) throw std::invalid_argument("merge: no results file");
  const ShardResults& first = shards.front();
  const auto differs = [&](std::size_t i, const std::string& what) {
    return std::invalid_argument("merge: " + names[i] + " and " + names[0] + " are not shards of " +
                                 "one job: their " + what + " differ");
  };
  std::map<int, std::size_t> seen;  // shard index -> file
  for (std::size_t i = 0; i < shards.size(); ++i) {
    const ShardResults& s = shards[i];
    if (s.job != first.job || s.target != first.target)
      throw differs(i, "jobs (golden/run --target)");
    const bool same_image = !s.image_digest.empty() && !first.image_digest.empty()
                                ? s.image_digest == first.image_digest
                                : s.image == first.image;
    if (!same_image || s.task != first.task || s.layers != first.layers || s.lanes != first.lanes) {
      throw differs(i, "model images");
    }
    if (s.threshold_q24 != first.threshold_q24) throw differs(i, "thresholds");
    if (s.clock_mhz != first.clock_mhz || s.technology != first.technology) {
      throw differs(i, "clocks or energy parameters");
    }
    if (s.tsv != first.tsv || s.selected != first.selected) throw differs(i, "TSV selections");
    if (s.shard.count != first.shard.count) throw differs(i, "shard counts (N)");
    if (const auto [it, fresh] = seen.emplace(s.shard.index, i); !fresh) {
      throw std::invalid_argument("merge: " + names[it->second] + " and " + names[i] +
                                  " are both shard " + std::to_string(s.shard.index) + "/" +
                                  std::to_string(s.shard.count));
    }
    std::vector<std::size_t> expected;
    for (std::size_t p = static_cast<std::size_t>(s.shard.index - 1); p < s.selected;
         p += static_cast<std::size_t>(s.shard.count)) {
      expected.push_back(p);
    }
    bool same = expected.size() == s.sentences.size();
    for (std::size_t k = 0; same && k < expected.size(); ++k) {
      same = s.sentences[k].index == expected[k];
    }
    if (!same) {
      throw std::invalid_argument("merge: " + names[i] + ": its sentences are not those of shard " +
                                  std::to_string(s.shard.index) + "/" +
                                  std::to_string(s.shard.count) + " of " +
                                  std::to_string(s.selected) + " (an interrupted job?)");
    }
  }
  if (static_cast<int>(seen.size()) != first.shard.count) {
    std::string missing;
    for (int k = 1; k <= first.shard.count; ++k) {
      if (!seen.contains(k)) missing += (missing.empty() ? "" : ", ") + std::to_string(k);
    }
    throw std::invalid_argument("merge: shard(s) " + missing + " of " +
                                std::to_string(first.shard.count) + " missing");
  }
  ShardResults merged = first;
  merged.shard = {1, 1};
  merged.sentences.clear();
  for (const ShardResults& s : shards) {
    merged.sentences.insert(merged.sentences.end(), s.sentences.begin(), s.sentences.end());
  }
  std::sort(merged.sentences.begin(), merged.sentences.end(),
            [](const SentenceRecord& a, const SentenceRecord& b) { return a.index < b.index; });
  return merged;
}

std::string ShardReport(const ShardResults& r) {
  // Sums in position order, as the unsharded job adds them up.
  int total = 0, correct = 0, labelled = 0;
  double depth = 0, energy_uj = 0, energy_seconds = 0, cycles = 0;
  std::uint64_t cycles_total = 0;
  std::map<int, int> exits;
  for (const SentenceRecord& e : r.sentences) {
    ++total;
    if (e.label >= 0) {
      ++labelled;
      correct += e.predicted == e.label;
    }
    depth += e.depth;
    ++exits[e.exit_layer];
    energy_uj += e.energy_uj;
    energy_seconds += e.energy_seconds;
    cycles += static_cast<double>(e.cycles);
    cycles_total += e.cycles;
  }
  if (total == 0) throw std::invalid_argument("merge: no sentence");
  char line[512];
  std::string out;
  std::snprintf(line, sizeof line,
                "%s --target %s: %s (task %s, %d layers, n = %d), threshold %.4f nats, %s\n",
                r.job.c_str(), r.target.c_str(), r.image.c_str(), r.task.c_str(), r.layers, r.lanes,
                r.threshold_q24 / 16777216.0, r.tsv.c_str());
  out += line;
  std::snprintf(line, sizeof line,
                "  %d sentences: accuracy %.2f %% (%d correct of %d labelled), average exit "
                "layer %.2f of %d\n",
                total, labelled ? 100.0 * correct / labelled : 0.0, correct, labelled,
                depth / total, r.layers);
  out += line;
  out += "  exits per layer:";
  for (const auto& [layer, sentences] : exits) {
    // snprintf: GCC 12 at -O3 warns (-Wrestrict, falsely) about " " + std::to_string(...).
    if (layer == 0) continue;
    std::snprintf(line, sizeof line, " %d:%d", layer, sentences);
    out += line;
  }
  if (exits.contains(0)) {
    std::snprintf(line, sizeof line, " none:%d", exits[0]);
    out += line;
  }
  out += "\n";
  const double clock_hz = r.clock_mhz * 1e6;
  std::snprintf(line, sizeof line, "  %llu cycles over %d sentences, mean %.1f per sentence\n",
                static_cast<unsigned long long>(cycles_total), total, cycles / total);
  out += line;
  std::snprintf(line, sizeof line,
                "energy (%s, n = %d, %g MHz): %.3f uJ for %d inputs, mean %.3f uJ per input, mean "
                "power %.2f mW, mean latency %.1f us\n",
                r.technology.c_str(), r.lanes, r.clock_mhz, energy_uj, total, energy_uj / total,
                energy_uj / energy_seconds * 1e-3, cycles / total / clock_hz * 1e6);
  out += line;
  return out;
}

int RunMergeJob(const MergeOptions& o) {
  std::vector<ShardResults> shards;
  for (const std::string& file : o.files) shards.push_back(ReadShardResults(file));
  const ShardResults merged = MergeShards(shards, o.files);
  std::printf("edgebert merge: %zu shard%s of %zu sentences\n", shards.size(),
              shards.size() == 1 ? "" : "s", merged.selected);
  std::fputs(ShardReport(merged).c_str(), stdout);
  if (!o.results.empty()) {
    WriteShardResults(o.results, merged);
    std::printf("  results: %s\n", o.results.c_str());
  }
  return 0;
}

}  // namespace edgebert::app
