// A small XML reader for the report tests: elements, attributes and text, checked well formed
// (one root, matched tags, unique attributes, known entities). No DTDs, comments or CDATA.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace edgebert::regress::testing {

struct XmlElement {
  std::string name;
  std::map<std::string, std::string> attributes;
  std::vector<std::unique_ptr<XmlElement>> children;
  std::string text;  // the concatenated character data directly inside

  std::vector<const XmlElement*> all(const std::string& child) const {
    std::vector<const XmlElement*> found;
    for (const auto& c : children) {
      if (c->name == child) found.push_back(c.get());
    }
    return found;
  }
};

class XmlError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class XmlReader {
 public:
  explicit XmlReader(const std::string& text) : s_(text) {}

  // Throws XmlError at the first problem.
  std::unique_ptr<XmlElement> parse() {
    skip_space();
    if (s_.compare(p_, 5, "<?xml") == 0) {
      const auto end = s_.find("?>", p_);
      if (end == std::string::npos) fail("unterminated XML declaration");
      p_ = end + 2;
    }
    skip_space();
    auto root = element();
    skip_space();
    if (p_ != s_.size()) fail("content after the root element");
    return root;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw XmlError(what + " at offset " + std::to_string(p_));
  }
  void skip_space() {
    while (p_ < s_.size() && std::string_view(" \t\r\n").find(s_[p_]) != std::string::npos) ++p_;
  }
  static bool name_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' ||
           c == ':';
  }
  std::string name() {
    const std::size_t start = p_;
    while (p_ < s_.size() && name_char(s_[p_])) ++p_;
    if (start == p_) fail("expected a name");
    return s_.substr(start, p_ - start);
  }
  std::string decode(const std::string& raw) const {
    std::string out;
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '<') fail("'<' in character data");
      if (raw[i] != '&') {
        out += raw[i];
        continue;
      }
      const auto end = raw.find(';', i);
      if (end == std::string::npos) fail("unterminated entity");
      const std::string entity = raw.substr(i + 1, end - i - 1);
      static const std::map<std::string, char> kEntities = {
          {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}};
      if (const auto it = kEntities.find(entity); it != kEntities.end()) {
        out += it->second;
      } else if (entity.size() > 1 && entity[0] == '#') {
        out += '?';  // character references: only checked for shape
      } else {
        fail("unknown entity &" + entity + ";");
      }
      i = end;
    }
    return out;
  }
  std::unique_ptr<XmlElement> element() {
    if (p_ >= s_.size() || s_[p_] != '<') fail("expected '<'");
    ++p_;
    auto e = std::make_unique<XmlElement>();
    e->name = name();
    while (true) {
      skip_space();
      if (p_ >= s_.size()) fail("unterminated start tag");
      if (s_.compare(p_, 2, "/>") == 0) {
        p_ += 2;
        return e;
      }
      if (s_[p_] == '>') {
        ++p_;
        break;
      }
      const std::string key = name();
      skip_space();
      if (p_ >= s_.size() || s_[p_] != '=') fail("expected '=' after " + key);
      ++p_;
      skip_space();
      if (p_ >= s_.size() || (s_[p_] != '"' && s_[p_] != '\'')) fail("unquoted attribute");
      const char quote = s_[p_++];
      const auto end = s_.find(quote, p_);
      if (end == std::string::npos) fail("unterminated attribute");
      const std::string value = decode(s_.substr(p_, end - p_));
      p_ = end + 1;
      if (!e->attributes.emplace(key, value).second) fail("duplicate attribute " + key);
    }
    while (true) {
      const auto lt = s_.find('<', p_);
      if (lt == std::string::npos) fail("unterminated element " + e->name);
      e->text += decode(s_.substr(p_, lt - p_));
      p_ = lt;
      if (s_.compare(p_, 2, "</") == 0) {
        p_ += 2;
        if (name() != e->name) fail("mismatched end tag for " + e->name);
        skip_space();
        if (p_ >= s_.size() || s_[p_] != '>') fail("expected '>'");
        ++p_;
        return e;
      }
      e->children.push_back(element());
    }
  }

  const std::string& s_;
  std::size_t p_ = 0;
};

}  // namespace edgebert::regress::testing
