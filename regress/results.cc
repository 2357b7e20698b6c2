#include "results.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <variant>

namespace edgebert::regress {
namespace {

std::string json_string(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (u < 0x20) {
          static const char* kHex = "0123456789abcdef";
          out += "\\u00";
          out += kHex[u >> 4];
          out += kHex[u & 15];
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

// A JSON object of strings, numbers, nulls and objects of strings (the config): just what
// to_json_line writes.
using Value = std::variant<std::monostate, std::string, double, Config>;

class FlatParser {
 public:
  explicit FlatParser(const std::string& text) : text_(text) {}

  std::optional<std::map<std::string, Value>> parse() {
    std::map<std::string, Value> object;
    skip();
    const bool ok = members([&](std::string key) {
      auto value = this->value();
      if (value) object[std::move(key)] = std::move(*value);
      return value.has_value();
    });
    if (!ok) return std::nullopt;
    skip();
    if (pos_ != text_.size()) return std::nullopt;
    return object;
  }

 private:
  void skip() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t')) ++pos_;
  }
  bool eat(char c) {
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  std::optional<std::string> string() {
    if (!eat('"')) return std::nullopt;
    std::string out;
    while (pos_ < text_.size()) {
      char c = text_[pos_++];
      if (c == '"') return out;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= text_.size()) return std::nullopt;
      c = text_[pos_++];
      switch (c) {
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          if (pos_ + 4 > text_.size()) return std::nullopt;
          unsigned code = 0;
          const auto [p, ec] =
              std::from_chars(text_.data() + pos_, text_.data() + pos_ + 4, code, 16);
          if (ec != std::errc() || p != text_.data() + pos_ + 4 || code > 0x7f) {
            return std::nullopt;
          }
          out += static_cast<char>(code);
          pos_ += 4;
          break;
        }
        default:
          out += c;
      }
    }
    return std::nullopt;
  }
  // {"key": <value>, ...}: `member(key)` reads each value (false: malformed).
  template <class Member>
  bool members(Member&& member) {
    if (!eat('{')) return false;
    skip();
    if (eat('}')) return true;
    while (true) {
      skip();
      auto key = string();
      if (!key) return false;
      skip();
      if (!eat(':')) return false;
      skip();
      if (!member(std::move(*key))) return false;
      skip();
      if (eat(',')) continue;
      return eat('}');
    }
  }
  // {"key": "value", ...}, the order kept.
  std::optional<Config> strings() {
    Config object;
    const bool ok = members([&](std::string key) {
      auto value = string();
      if (value) object.emplace_back(std::move(key), std::move(*value));
      return value.has_value();
    });
    if (!ok) return std::nullopt;
    return object;
  }
  std::optional<Value> value() {
    if (pos_ < text_.size() && text_[pos_] == '{') {
      auto object = strings();
      if (!object) return std::nullopt;
      return Value(std::move(*object));
    }
    if (pos_ < text_.size() && text_[pos_] == '"') {
      auto s = string();
      if (!s) return std::nullopt;
      return Value(*s);
    }
    if (text_.compare(pos_, 4, "null") == 0) {
      pos_ += 4;
      return Value(std::monostate());
    }
    double number = 0;
    const auto [p, ec] = std::from_chars(text_.data() + pos_, text_.data() + text_.size(), number);
    if (ec != std::errc()) return std::nullopt;
    pos_ = static_cast<std::size_t>(p - text_.data());
    return Value(number);
  }

  const std::string& text_;
  std::size_t pos_ = 0;
};

std::string number_or_null(const std::optional<std::uint64_t>& value) {
  return value ? std::to_string(*value) : "null";
}

}  // namespace

const char* status_name(Status status) {
  switch (status) {
    case Status::kPass:
      return "pass";
    case Status::kFail:
      return "fail";
    case Status::kTimeout:
      return "timeout";
  }
  return "fail";
}

std::string to_json_line(const RunResult& r) {
  char wall[32];
  std::snprintf(wall, sizeof wall, "%.3f", r.wall_s);
  std::string line = "{";
  line += "\"run\": " + json_string(r.name);
  line += ", \"test\": " + json_string(r.test);
  line += ", \"seed\": " + number_or_null(r.seed);
  line += ", \"config\": {";
  for (std::size_t i = 0; i < r.config.size(); ++i) {
    line += (i == 0 ? "" : ", ") + json_string(r.config[i].first) + ": " +
            json_string(r.config[i].second);
  }
  line += "}";
  line += ", \"status\": " + json_string(status_name(r.status));
  line += ", \"exit_code\": " + std::to_string(r.exit_code);
  line += ", \"wall_s\": " + std::string(wall);
  line += ", \"cycles\": " + number_or_null(r.cycles);
  line += ", \"log\": " + json_string(r.log);
  line += ", \"repro\": " + json_string(r.repro);
  line += ", \"waves\": " + (r.waves ? json_string(*r.waves) : std::string("null"));
  return line + "}";
}

std::optional<RunResult> from_json_line(const std::string& line) {
  const auto object = FlatParser(line).parse();
  if (!object) return std::nullopt;
  const auto text = [&](const char* key) -> std::optional<std::string> {
    const auto it = object->find(key);
    if (it == object->end() || !std::holds_alternative<std::string>(it->second)) {
      return std::nullopt;
    }
    return std::get<std::string>(it->second);
  };
  const auto number = [&](const char* key) -> std::optional<double> {
    const auto it = object->find(key);
    if (it == object->end() || !std::holds_alternative<double>(it->second)) return std::nullopt;
    return std::get<double>(it->second);
  };
  const auto name = text("run");
  const auto status = text("status");
  if (!name || !status) return std::nullopt;
  RunResult r;
  r.name = *name;
  r.test = text("test").value_or("");
  if (const auto seed = number("seed")) r.seed = static_cast<std::uint64_t>(*seed);
  if (const auto it = object->find("config");
      it != object->end() && std::holds_alternative<Config>(it->second)) {
    r.config = std::get<Config>(it->second);
  }
  if (*status == "pass") {
    r.status = Status::kPass;
  } else if (*status == "timeout") {
    r.status = Status::kTimeout;
  } else if (*status == "fail") {
    r.status = Status::kFail;
  } else {
    return std::nullopt;
  }
  r.exit_code = static_cast<int>(number("exit_code").value_or(-1));
  r.wall_s = number("wall_s").value_or(0);
  if (const auto cycles = number("cycles")) r.cycles = static_cast<std::uint64_t>(*cycles);
  r.log = text("log").value_or("");
  r.repro = text("repro").value_or("");
  r.waves = text("waves");
  return r;
}

std::map<std::string, RunResult> read_results(const std::filesystem::path& file) {
  std::map<std::string, RunResult> results;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    if (auto r = from_json_line(line)) results[r->name] = std::move(*r);
  }
  return results;
}

ResultsFile::ResultsFile(const std::filesystem::path& file, bool truncate) : file_(file) {
  const int flags = O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | (truncate ? O_TRUNC : 0);
  fd_ = ::open(file.c_str(), flags, 0644);
  if (fd_ < 0) {
    throw std::runtime_error(file.string() + ": cannot open: " + std::strerror(errno));
  }
  if (!truncate) {
    // A torn last line (killed mid-write) would swallow the next record: end it first.
    std::ifstream in(file, std::ios::binary | std::ios::ate);
    if (in && in.tellg() > 0) {
      in.seekg(-1, std::ios::end);
      char last = '\n';
      in.get(last);
      if (last != '\n' && ::write(fd_, "\n", 1) != 1) {
        throw std::runtime_error(file.string() + ": write failed: " + std::strerror(errno));
      }
    }
  }
}

ResultsFile::~ResultsFile() {
  if (fd_ >= 0) ::close(fd_);
}

void ResultsFile::append(const RunResult& result) {
  const std::string line = to_json_line(result) + "\n";
  std::size_t done = 0;
  while (done < line.size()) {
    const ssize_t n = ::write(fd_, line.data() + done, line.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      throw std::runtime_error(file_.string() + ": write failed: " + std::strerror(errno));
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd_) != 0) {
    throw std::runtime_error(file_.string() + ": fsync failed: " + std::strerror(errno));
  }
}

}  // namespace edgebert::regress
