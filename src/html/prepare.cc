#include "html/prepare.h"

#include <cstring>

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
    if (!name.empty()) return name;
  }
  return {};
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
      const std::size_t open_end = html.find('>', after);
      if (open_end == std::string_view::npos) break;
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
  return page;
}

}  // namespace precis::html_internal
