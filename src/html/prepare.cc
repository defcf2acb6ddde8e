#include "html/prepare.h"

#include <algorithm>
#include <cstring>
#include <unordered_map>
#include <vector>

#include "clean/text_util.h"

namespace precis::html_internal {
namespace {

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool StartsWithNoCase(std::string_view s, std::size_t at, std::string_view prefix) {
  if (at + prefix.size() > s.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (Lower(s[at + i]) != prefix[i]) return false;
  }
  return true;
}

// Position of "</name" (case-insensitive) at or after `from`, or npos.
std::size_t FindClose(std::string_view s, std::size_t from, std::string_view name) {
  while (from < s.size()) {
    const void* hit = std::memchr(s.data() + from, '<', s.size() - from);
    if (hit == nullptr) return std::string_view::npos;
    const std::size_t at = static_cast<std::size_t>(static_cast<const char*>(hit) - s.data());
    if (at + 1 < s.size() && s[at + 1] == '/' && StartsWithNoCase(s, at + 2, name)) return at;
    from = at + 1;
  }
  return std::string_view::npos;
}

std::string SniffCharset(std::string_view html) {
  const std::string_view head = html.substr(0, 4096);
  for (std::size_t at = 0; at < head.size(); ++at) {
    if (!StartsWithNoCase(head, at, "charset")) continue;
    std::size_t i = at + 7;
    while (i < head.size() && (head[i] == ' ' || head[i] == '=' || head[i] == '"' || head[i] == '\'')) ++i;
    std::string name;
    while (i < head.size() && (std::isalnum(static_cast<unsigned char>(head[i])) || head[i] == '-' || head[i] == '_')) {
      name.push_back(Lower(head[i++]));
    }
    // A declaration readable as ASCII cannot be UTF-16 (or UTF-32): the page
    // was converted, or mislabelled. Browsers read such pages as UTF-8 too.
    if (name.starts_with("utf-16") || name.starts_with("utf16") || name.starts_with("utf-32") ||
        name.starts_with("utf32")) {
      return "utf-8";
    }
    if (!name.empty()) return name;
  }
  return {};
}

// libxml2's HTML parser gives up at 256 open elements ("excessive depth"),
// dropping the rest of the page, and the extractor walks the tree
// recursively: tags nested deeper than this are dropped instead (their text
// stays), well below the parser's limit since it counts the elements it
// implies too.
constexpr std::size_t kMaxNesting = 200;
// Inline elements (spans, <b><i> left open) give up their tags earlier, so
// that the blocks inside them, which the extractor reads, keep theirs.
constexpr std::size_t kMaxInlineNesting = 100;

bool IsOneOf(std::string_view name, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

bool IsVoidElement(std::string_view name) {
  return IsOneOf(name, {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                        "source", "track", "wbr"});
}

// A dropped block tag still separates paragraphs: it becomes <br>.
bool IsBlockElement(std::string_view name) {
  return IsOneOf(name, {"p", "div", "section", "article", "main", "pre", "td", "th", "blockquote", "li", "ul", "ol",
                        "dl", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "figure", "form",
                        "address", "header", "footer", "nav", "aside"});
}

// Elements that an opening tag of the same name closes (<p>one<p>two).
bool ClosedBySibling(std::string_view name) { return IsOneOf(name, {"p", "li", "dt", "dd", "tr", "td", "th", "option"}); }

// One markup tag found at a '<'.
struct TagToken {
  std::string name;  // lower case; empty when the '<' starts no tag
  bool closing = false;
  bool self_closing = false;
  std::size_t end = 0;  // one past its '>'; 0 when the page ends inside it
};

TagToken ReadTag(std::string_view html, std::size_t at) {
  TagToken tag;
  std::size_t i = at + 1;
  if (i < html.size() && html[i] == '/') {
    tag.closing = true;
    ++i;
  }
  while (i < html.size() && (std::isalnum(static_cast<unsigned char>(html[i])) || html[i] == '-' || html[i] == ':')) {
    tag.name.push_back(Lower(html[i++]));
  }
  if (tag.name.empty() || !std::isalpha(static_cast<unsigned char>(tag.name[0]))) {
    tag.name.clear();
    return tag;
  }
  // As in the HTML tokenizer, a quote opens a value only right after '='
  // (spaces allowed); elsewhere (don't, foo"bar) it is an ordinary
  // character, else one stray quote would hide the tags up to the next one.
  char quote = 0;
  bool value_next = false;
  for (; i < html.size(); ++i) {
    const char c = html[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (value_next && (c == '"' || c == '\'')) {
      quote = c;
      value_next = false;
    } else if (c == '>') {
      tag.self_closing = html[i - 1] == '/';
      tag.end = i + 1;
      return tag;
    } else if (c == '=') {
      value_next = true;
    } else if (!std::isspace(static_cast<unsigned char>(c))) {
      value_next = false;
    }
  }
  return tag;
}

// The open elements, as far as tags tell, each kept or dropped; only the
// kept ones count towards the limits (they are what the parser sees).
class NestingCap {
 public:
  // Whether the tag stays; false: it is dropped.
  bool Keep(const TagToken& tag) {
    if (IsVoidElement(tag.name) || tag.self_closing) return true;
    if (tag.closing) return Close(tag.name);
    if (!open_.empty() && ClosedBySibling(tag.name) && open_.back().name == tag.name) Pop();
    const std::size_t limit = IsBlockElement(tag.name) ? kMaxNesting : kMaxInlineNesting;
    const bool keep = kept_ < limit;
    open_.push_back({tag.name, keep});
    ++count_[tag.name];
    kept_ += keep ? 1 : 0;
    return keep;
  }

 private:
  struct Open {
    std::string name;
    bool kept;
  };

  // A closing tag closes the innermost open element of its name and those
  // inside it, and is dropped with it; a stray one is kept for the parser
  // to ignore. Each element is popped once: linear overall.
  bool Close(const std::string& name) {
    if (count_[name] == 0) return true;
    for (;;) {
      const Open closed = Pop();
      if (closed.name == name) return closed.kept;
    }
  }

  Open Pop() {
    Open top = std::move(open_.back());
    open_.pop_back();
    --count_[top.name];
    kept_ -= top.kept ? 1 : 0;
    return top;
  }

  std::vector<Open> open_;
  std::unordered_map<std::string, std::size_t> count_;  // open elements by name
  std::size_t kept_ = 0;
};

// `html` with the tags nested deeper than kMaxNesting dropped.
std::string CapNesting(std::string html) {
  // Fewer tags than the limit cannot nest deeper than it.
  if (static_cast<std::size_t>(std::count(html.begin(), html.end(), '<')) <= kMaxNesting) return html;
  NestingCap cap;
  std::string out;
  std::size_t copied = 0, at = 0;
  bool changed = false;
  while ((at = html.find('<', at)) != std::string::npos) {
    const TagToken tag = ReadTag(html, at);
    if (tag.name.empty()) {
      ++at;
      continue;
    }
    if (tag.end == 0) break;
    if (!cap.Keep(tag)) {
      out.append(html, copied, at - copied);
      if (IsBlockElement(tag.name)) out += "<br>";
      copied = tag.end;
      changed = true;
    }
    at = tag.end;
  }
  if (!changed) return html;
  out.append(html, copied, std::string::npos);
  return out;
}

}  // namespace

PreparedPage PreparePage(std::string_view html, bool force_utf8) {
  PreparedPage page;
  const std::string charset = force_utf8 ? std::string() : SniffCharset(html);
  std::string sanitized;
  if (charset.empty() || charset == "utf-8" || charset == "utf8" || charset == "us-ascii" || charset == "ascii") {
    if (!clean_internal::IsValidUtf8(html)) {
      sanitized = clean_internal::ValidUtf8(html);
      html = sanitized;
    }
    page.encoding = "UTF-8";
  } else {
    page.encoding = charset;
  }
  page.html.reserve(html.size() / 2);
  static constexpr std::string_view kDropped[] = {"script", "style", "svg", "template", "noscript"};
  std::size_t copied = 0, at = 0;
  // Once no '>' follows one opening tag, none follows a later one: looking
  // again for each (<script<script...) would take quadratic time.
  bool no_more_gt = false;
  while (at < html.size()) {
    const void* hit = std::memchr(html.data() + at, '<', html.size() - at);
    if (hit == nullptr) break;
    at = static_cast<std::size_t>(static_cast<const char*>(hit) - html.data());
    if (html.compare(at, 4, "<!--") == 0) {
      const std::size_t end = html.find("-->", at + 4);
      page.html.append(html.substr(copied, at - copied));
      at = copied = end == std::string_view::npos ? html.size() : end + 3;
      continue;
    }
    bool dropped = false;
    for (const std::string_view name : kDropped) {
      if (!StartsWithNoCase(html, at + 1, name)) continue;
      const std::size_t after = at + 1 + name.size();
      if (after < html.size() && std::isalnum(static_cast<unsigned char>(html[after]))) continue;
      const std::size_t open_end = no_more_gt ? std::string_view::npos : html.find('>', after);
      if (open_end == std::string_view::npos) {
        no_more_gt = true;
        break;
      }
      const std::size_t close = FindClose(html, open_end + 1, name);
      const std::size_t body_end = close == std::string_view::npos ? html.size() : close;
      if (name == "script") {
        const std::string_view open_tag = html.substr(at, open_end - at);
        bool json_ld = false;
        for (std::size_t k = 0; k + 8 <= open_tag.size() && !json_ld; ++k) json_ld = StartsWithNoCase(open_tag, k, "ld+json");
        if (json_ld) page.json_ld.emplace_back(html.substr(open_end + 1, body_end - open_end - 1));
      }
      page.html.append(html.substr(copied, at - copied));
      std::size_t resume = html.size();
      if (close != std::string_view::npos) {
        const std::size_t gt = html.find('>', close);
        resume = gt == std::string_view::npos ? html.size() : gt + 1;
      }
      at = copied = resume;
      dropped = true;
      break;
    }
    if (!dropped) ++at;
  }
  if (copied < html.size()) page.html.append(html.substr(copied));
  page.html = CapNesting(std::move(page.html));
  return page;
}

}  // namespace precis::html_internal
