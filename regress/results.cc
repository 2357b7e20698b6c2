#include "results.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string_view>
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

// A number's text as written; the field that reads it converts it (seeds and cycles are 64-bit
// integers, which a double would round above 2^53).
struct Number {
  std::string text;
};
// A JSON object of strings, numbers, nulls and objects of strings (the config): just what
// to_json_line writes.
using Value = std::variant<std::monostate, std::string, Number, Config>;

class LineParser {
 public:
  explicit LineParser(std::string_view text) : text_(text) {}

  std::map<std::string, Value> parse() {
    std::map<std::string, Value> object;
    skip();
    members([&](std::string key) {
      const std::size_t at = pos_;
      Value value = this->value();
      if (!object.emplace(key, std::move(value)).second) {
        pos_ = at;
        fail("duplicate key \"" + key + "\"");
      }
    });
    skip();
    if (pos_ != text_.size()) fail("text after the record");
    return object;
  }

 private:
  // Running out of text is a torn line (the writer was killed mid-line); anything else is not.
  [[noreturn]] void fail(const std::string& what) const {
    if (pos_ >= text_.size()) {
      throw ResultsError("the line ends inside its record (a write cut short)", true);
    }
    throw ResultsError(what + " at column " + std::to_string(pos_ + 1), false);
  }
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
  void expect(char c) {
    if (!eat(c)) fail(std::string("expected '") + c + "'");
  }
  std::string string() {
    expect('"');
    std::string out;
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (static_cast<unsigned char>(c) < 0x20) fail("a control character inside a string");
      ++pos_;
      if (c == '"') return out;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= text_.size()) break;
      c = text_[pos_++];
      switch (c) {
        case '"':
        case '\\':
        case '/':
          out += c;
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          if (pos_ + 4 > text_.size()) {
            pos_ = text_.size();
            fail("");
          }
          unsigned code = 0;
          const auto [p, ec] =
              std::from_chars(text_.data() + pos_, text_.data() + pos_ + 4, code, 16);
          if (ec != std::errc() || p != text_.data() + pos_ + 4) fail("a bad \\u escape");
          // to_json_line writes bytes from 0x80 up as they are, never as \u escapes.
          if (code > 0x7f) fail("a \\u escape above 0x7f");
          out += static_cast<char>(code);
          pos_ += 4;
          break;
        }
        default:
          pos_ -= 2;  // at the backslash
          fail(std::string("an unknown escape \\") + c);
      }
    }
    fail("");
  }
  // {"key": <value>, ...}: `member(key)` reads each value.
  template <class Member>
  void members(Member&& member) {
    expect('{');
    skip();
    if (eat('}')) return;
    while (true) {
      skip();
      std::string key = string();
      skip();
      expect(':');
      skip();
      member(std::move(key));
      skip();
      if (eat(',')) continue;
      expect('}');
      return;
    }
  }
  // {"key": "value", ...}, the order kept.
  Config strings() {
    Config object;
    members([&](std::string key) {
      const std::size_t at = pos_;
      for (const auto& [k, v] : object) {
        if (k == key) {
          pos_ = at;
          fail("duplicate config key \"" + key + "\"");
        }
      }
      if (pos_ < text_.size() && text_[pos_] != '"') fail("a config value that is not a string");
      object.emplace_back(std::move(key), string());
    });
    return object;
  }
  Value value() {
    if (pos_ < text_.size() && text_[pos_] == '{') return strings();
    if (pos_ < text_.size() && text_[pos_] == '"') return string();
    if (text_.substr(pos_, 4) == "null") {
      pos_ += 4;
      return std::monostate();
    }
    if (std::string_view("null").starts_with(text_.substr(pos_))) {
      pos_ = text_.size();  // "nu" at the end of the line: torn
      fail("");
    }
    const std::size_t begin = pos_;
    while (pos_ < text_.size() &&
           std::string_view("0123456789+-.eE").find(text_[pos_]) != std::string_view::npos) {
      ++pos_;
    }
    if (pos_ == begin) fail("expected a value");
    return Number{std::string(text_.substr(begin, pos_ - begin))};
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

// JSON's number grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?; integers without the
// fraction and the exponent.
bool json_number(std::string_view s, bool integer) {
  std::size_t i = 0;
  const auto digits = [&] {
    const std::size_t from = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i - from;
  };
  if (i < s.size() && s[i] == '-') ++i;
  const std::size_t first = i;
  const std::size_t whole = digits();
  if (whole == 0 || (whole > 1 && s[first] == '0')) return false;
  if (!integer && i < s.size() && s[i] == '.') {
    ++i;
    if (digits() == 0) return false;
  }
  if (!integer && i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (digits() == 0) return false;
  }
  return i == s.size();
}

std::string number_or_null(const std::optional<std::uint64_t>& value) {
  return value ? std::to_string(*value) : "null";
}

// "%.*f" of a double, sized for any: that of a large one has hundreds of digits.
std::string fixed_point(double value, int digits) {
  std::string text(static_cast<std::size_t>(std::snprintf(nullptr, 0, "%.*f", digits, value)),
                   '\0');
  std::snprintf(text.data(), text.size() + 1, "%.*f", digits, value);
  return text;
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
  line += ", \"wall_s\": " + fixed_point(r.wall_s, 3);
  line += ", \"cycles\": " + number_or_null(r.cycles);
  line += ", \"energy_uj\": " + (r.energy_uj ? fixed_point(*r.energy_uj, 6) : "null");
  line += ", \"log\": " + json_string(r.log);
  line += ", \"repro\": " + json_string(r.repro);
  line += ", \"waves\": " + (r.waves ? json_string(*r.waves) : std::string("null"));
  return line + "}";
}

RunResult from_json_line(std::string_view line) {
  const std::map<std::string, Value> object = LineParser(line).parse();
  const auto bad = [](const char* key, const std::string& what) {
    return ResultsError(std::string("\"") + key + "\" " + what, false);
  };
  const auto find = [&](const char* key) -> const Value* {
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &it->second;
  };
  const auto text = [&](const char* key) -> std::optional<std::string> {
    const Value* v = find(key);
    if (v == nullptr) return std::nullopt;
    if (!std::holds_alternative<std::string>(*v)) throw bad(key, "is not a string");
    return std::get<std::string>(*v);
  };
  const auto text_or_null = [&](const char* key) -> std::optional<std::string> {
    const Value* v = find(key);
    if (v != nullptr && std::holds_alternative<std::monostate>(*v)) return std::nullopt;
    return text(key);
  };
  // An integer in [lo, hi]; nullopt when missing or null.
  const auto integer = [&]<class T>(const char* key, T lo, T hi) -> std::optional<T> {
    const Value* v = find(key);
    if (v == nullptr || std::holds_alternative<std::monostate>(*v)) return std::nullopt;
    if (!std::holds_alternative<Number>(*v)) throw bad(key, "is not a number");
    const std::string& s = std::get<Number>(*v).text;
    T value{};
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (!json_number(s, true) || ec != std::errc() || p != s.data() + s.size() || value < lo ||
        value > hi) {
      throw bad(key, "is " + s + ", not an integer in [" + std::to_string(lo) + ", " +
                         std::to_string(hi) + "]");
    }
    return value;
  };
  constexpr auto kU64 = std::numeric_limits<std::uint64_t>::max();
  // A finite number >= 0; nullopt when the key is absent (or null, when null_ok).
  const auto non_negative = [&](const char* key, const char* what,
                                bool null_ok) -> std::optional<double> {
    const Value* v = find(key);
    if (v == nullptr || (null_ok && std::holds_alternative<std::monostate>(*v))) {
      return std::nullopt;
    }
    const std::string s = std::holds_alternative<Number>(*v) ? std::get<Number>(*v).text : "";
    double value = -1;
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (!json_number(s, false) || ec != std::errc() || p != s.data() + s.size() ||
        !std::isfinite(value) || value < 0) {
      throw bad(key, what);
    }
    return value;
  };

  RunResult r;
  const auto name = text("run");
  if (!name || name->empty()) throw ResultsError("no \"run\" name", false);
  r.name = *name;
  const auto status = text("status");
  if (!status) throw ResultsError("no \"status\"", false);
  if (*status == "pass") {
    r.status = Status::kPass;
  } else if (*status == "timeout") {
    r.status = Status::kTimeout;
  } else if (*status == "fail") {
    r.status = Status::kFail;
  } else {
    throw bad("status", "is \"" + *status + "\", not pass, fail or timeout");
  }
  r.test = text("test").value_or("");
  r.seed = integer("seed", std::uint64_t{0}, kU64);
  if (const Value* config = find("config")) {
    if (!std::holds_alternative<Config>(*config)) throw bad("config", "is not an object");
    r.config = std::get<Config>(*config);
  }
  r.exit_code =
      integer("exit_code", std::numeric_limits<int>::min(), std::numeric_limits<int>::max())
          .value_or(-1);
  r.wall_s = non_negative("wall_s", "is not a number of seconds >= 0", false).value_or(0);
  r.cycles = integer("cycles", std::uint64_t{0}, kU64);
  r.energy_uj = non_negative("energy_uj", "is not a number of microjoules >= 0", true);
  r.log = text("log").value_or("");
  r.repro = text("repro").value_or("");
  r.waves = text_or_null("waves");
  return r;
}

ResultsRead parse_results(std::string_view text, const std::filesystem::path& file) {
  ResultsRead read;
  std::size_t number = 0;
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    const std::string_view line = text.substr(0, end);
    text.remove_prefix(std::min(end + 1, text.size()));
    ++number;
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    try {
      RunResult r = from_json_line(line);
      std::string name = r.name;
      read.runs.insert_or_assign(std::move(name), std::move(r));
    } catch (const ResultsError& e) {
      const std::string where = file.string() + " line " + std::to_string(number) + ": ";
      if (!e.torn()) throw ResultsError(where + e.what(), false);
      read.warnings.push_back(where + e.what() + "; skipped (that run has no result)");
    }
  }
  return read;
}

ResultsRead read_results(const std::filesystem::path& file) {
  std::error_code error;
  if (!std::filesystem::exists(file, error)) return {};
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();  // an empty file sets text's failbit, which is no error
  if (!in || in.bad()) {
    throw ResultsError(file.string() + ": cannot read: " + std::strerror(errno), false);
  }
  return parse_results(text.str(), file);
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
