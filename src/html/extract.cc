// Main-content extraction. The approach is the one Readability made
// standard, with trafilatura's lesson that page furniture is best recognised
// by its markup before scoring:
//  1. drop subtrees that are never article text: scripts, navigation,
//     asides, forms, hidden elements, and elements whose class or id names
//     comments, sharing, related links, newsletters, ads, cookie banners;
//  2. score each paragraph-like element by its text (length, commas) and
//     credit its ancestors, so the container holding most of the prose wins,
//     discounted by the share of its text that sits inside links;
//  3. take the best container plus siblings that score nearly as well;
//  4. write it out as paragraphs, skipping link lists and chrome blocks.
#include "precis/html.h"

#include <libxml/HTMLparser.h>
#include <libxml/encoding.h>
#include <libxml/parser.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <limits>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>

#include "clean/dates.h"
#include "clean/text_util.h"
#include "html/prepare.h"

namespace precis {
namespace {

using clean_internal::CollapseSpace;

enum class Tag : unsigned char {
  kOther, kP, kDiv, kSection, kArticle, kMain, kPre, kTd, kTh, kBlockquote, kLi, kUl, kOl, kDl, kDd, kDt,
  kH1, kH2, kH3, kH4, kH5, kH6, kA, kBr, kTable, kTr, kBody, kHtml, kHead, kTitle, kMeta, kLink, kTime,
  kSkip,      // never article text
  kSpan,
  kFigure,
  kForm,
  kAddress,
  kHeader,
};

Tag TagOf(const xmlNode* node) {
  const char* name = reinterpret_cast<const char*>(node->name);
  if (name == nullptr) return Tag::kOther;
  static const std::unordered_map<std::string_view, Tag> kTags = {
      {"p", Tag::kP}, {"div", Tag::kDiv}, {"section", Tag::kSection}, {"article", Tag::kArticle},
      {"main", Tag::kMain}, {"pre", Tag::kPre}, {"td", Tag::kTd}, {"th", Tag::kTh},
      {"blockquote", Tag::kBlockquote}, {"li", Tag::kLi}, {"ul", Tag::kUl}, {"ol", Tag::kOl}, {"dl", Tag::kDl},
      {"dd", Tag::kDd}, {"dt", Tag::kDt}, {"h1", Tag::kH1}, {"h2", Tag::kH2}, {"h3", Tag::kH3}, {"h4", Tag::kH4},
      {"h5", Tag::kH5}, {"h6", Tag::kH6}, {"a", Tag::kA}, {"br", Tag::kBr}, {"table", Tag::kTable},
      {"tr", Tag::kTr}, {"body", Tag::kBody}, {"html", Tag::kHtml}, {"head", Tag::kHead},
      {"title", Tag::kTitle}, {"meta", Tag::kMeta}, {"link", Tag::kLink}, {"time", Tag::kTime},
      {"span", Tag::kSpan}, {"figure", Tag::kFigure}, {"form", Tag::kForm}, {"address", Tag::kAddress},
      {"header", Tag::kHeader},
      {"script", Tag::kSkip}, {"style", Tag::kSkip}, {"noscript", Tag::kSkip}, {"template", Tag::kSkip},
      {"svg", Tag::kSkip}, {"nav", Tag::kSkip}, {"footer", Tag::kSkip}, {"aside", Tag::kSkip},
      {"button", Tag::kSkip}, {"select", Tag::kSkip}, {"textarea", Tag::kSkip}, {"input", Tag::kSkip},
      {"iframe", Tag::kSkip}, {"object", Tag::kSkip}, {"embed", Tag::kSkip}, {"canvas", Tag::kSkip},
      {"label", Tag::kSkip}, {"menu", Tag::kSkip}, {"dialog", Tag::kSkip}, {"figcaption", Tag::kSkip},
      {"video", Tag::kSkip}, {"audio", Tag::kSkip}, {"map", Tag::kSkip}, {"option", Tag::kSkip},
  };
  const auto it = kTags.find(name);
  return it == kTags.end() ? Tag::kOther : it->second;
}

bool IsHeading(Tag t) { return t >= Tag::kH1 && t <= Tag::kH6; }

// Elements that end a paragraph of text.
bool IsBlock(Tag t) {
  switch (t) {
    case Tag::kP: case Tag::kDiv: case Tag::kSection: case Tag::kArticle: case Tag::kMain: case Tag::kPre:
    case Tag::kTd: case Tag::kTh: case Tag::kBlockquote: case Tag::kLi: case Tag::kUl: case Tag::kOl:
    case Tag::kDl: case Tag::kDd: case Tag::kDt: case Tag::kH1: case Tag::kH2: case Tag::kH3: case Tag::kH4:
    case Tag::kH5: case Tag::kH6: case Tag::kTable: case Tag::kTr: case Tag::kBody: case Tag::kFigure:
    case Tag::kForm: case Tag::kAddress: case Tag::kHeader:
      return true;
    default:
      return false;
  }
}

std::string Attr(const xmlNode* node, const char* name) {
  for (const xmlAttr* a = node->properties; a != nullptr; a = a->next) {
    if (a->name != nullptr && xmlStrcasecmp(a->name, reinterpret_cast<const xmlChar*>(name)) == 0) {
      if (a->children != nullptr && a->children->content != nullptr) {
        return reinterpret_cast<const char*>(a->children->content);
      }
      return {};
    }
  }
  return {};
}

bool HasAttr(const xmlNode* node, const char* name) {
  for (const xmlAttr* a = node->properties; a != nullptr; a = a->next) {
    if (a->name != nullptr && xmlStrcasecmp(a->name, reinterpret_cast<const xmlChar*>(name)) == 0) return true;
  }
  return false;
}

std::string LowerAscii(std::string s) {
  for (char& c : s) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return s;
}

bool Contains(std::string_view s, std::string_view part) { return s.find(part) != std::string_view::npos; }

// Words of a class/id attribute: "article__share-bar" -> article, share, bar.
std::vector<std::string_view> NameTokens(std::string_view names) {
  std::vector<std::string_view> tokens;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= names.size(); ++i) {
    const bool word = i < names.size() && std::isalnum(static_cast<unsigned char>(names[i]));
    if (!word) {
      if (i > start) tokens.push_back(names.substr(start, i - start));
      start = i + 1;
    }
  }
  return tokens;
}

// Class/id names of page furniture. Substrings, so "social-links" and
// "shareBar" both match; short words only as whole tokens ("ad", "nav").
constexpr std::array<std::string_view, 34> kChromeNameParts = {
    "comment", "disqus", "share", "sharing", "social", "related", "recommend", "sidebar", "footer",
    "breadcrumb", "newsletter", "subscri", "signup", "promo", "advert", "sponsor", "cookie", "consent",
    "gdpr", "popup", "modal", "outbrain", "taboola", "trending", "popular", "most-read", "mostread",
    "read-more", "readmore", "more-stories", "paywall", "byline", "toolbar", "masthead"};
constexpr std::array<std::string_view, 18> kChromeNameTokens = {
    "ad", "ads", "adv", "nav", "navbar", "navigation", "menu", "tags", "tag", "hidden", "hide",
    "caption", "credit", "credits", "skip", "print", "author", "meta"};
// Names of the article's own containers (Readability's positive list).
constexpr std::array<std::string_view, 12> kContentNameParts = {
    "article", "body", "content", "entry", "main", "post", "story", "text", "blog", "hentry", "page", "column"};

int ClassWeight(std::string_view names) {
  if (names.empty()) return 0;
  int weight = 0;
  for (const auto part : kContentNameParts) {
    if (Contains(names, part)) {
      weight += 25;
      break;
    }
  }
  bool chrome = false;
  for (const auto part : kChromeNameParts) chrome = chrome || Contains(names, part);
  if (!chrome) {
    for (const auto token : NameTokens(names)) {
      for (const auto t : kChromeNameTokens) chrome = chrome || token == t;
    }
  }
  if (chrome) weight -= 25;
  return weight;
}


// The attributes extraction looks at, read in one pass without copies.
struct NodeAttributes {
  const char* class_names = nullptr;
  const char* id = nullptr;
  bool hidden = false;
};

const char* AttrValue(const xmlAttr* a) {
  return a->children != nullptr && a->children->content != nullptr
             ? reinterpret_cast<const char*>(a->children->content) : "";
}

NodeAttributes ReadAttributes(const xmlNode* node) {
  NodeAttributes out;
  for (const xmlAttr* a = node->properties; a != nullptr; a = a->next) {
    const char* name = reinterpret_cast<const char*>(a->name);
    if (name == nullptr) continue;
    if (std::strcmp(name, "class") == 0) {
      out.class_names = AttrValue(a);
    } else if (std::strcmp(name, "id") == 0) {
      out.id = AttrValue(a);
    } else if (std::strcmp(name, "hidden") == 0) {
      out.hidden = true;
    } else if (std::strcmp(name, "aria-hidden") == 0) {
      out.hidden = out.hidden || std::strcmp(AttrValue(a), "true") == 0;
    } else if (std::strcmp(name, "style") == 0) {
      std::string compact;
      for (const char* c = AttrValue(a); *c != 0; ++c) {
        if (*c != ' ') compact.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(*c))));
      }
      out.hidden = out.hidden || Contains(compact, "display:none") || Contains(compact, "visibility:hidden");
    }
  }
  return out;
}

void AppendLower(const char* text, std::string* out) {
  if (text == nullptr) return;
  for (; *text != 0; ++text) {
    const char c = *text;
    out->push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
  }
}

struct Stats {
  xmlNode* node = nullptr;
  int parent = -1;
  Tag tag = Tag::kOther;
  bool skip = false;
  bool has_block_child = false;
  int class_weight = 0;
  const std::string* names = nullptr;  // lowercased "class id", interned; null when none
  std::uint32_t chars = 0;       // visible characters (not counting spaces)
  std::uint32_t link_chars = 0;  // of which inside <a>
  std::uint32_t commas = 0;
  std::uint32_t paragraphs = 0;  // <p> descendants
  std::uint32_t list_items = 0;
  std::uint32_t direct_chars = 0;   // in text and inline elements directly inside
  std::uint32_t direct_commas = 0;
  double score = 0;
  bool candidate = false;
  bool chrome_name = false;
  bool comment_name = false;
};

class Extractor {
 public:

  void Collect(xmlNode* body) {
    stats_.reserve(4096);
    Visit(body, -1, false, false);
    JudgeNames();
  }

  std::vector<Stats>& stats() { return stats_; }

  // libxml2 interns element names in the document's dictionary, so a name's
  // pointer identifies it: one hash lookup per distinct name, not per node.
  Tag CachedTagOf(const xmlNode* node) {
    const auto [it, inserted] = tag_cache_.try_emplace(node->name, Tag::kOther);
    if (inserted) it->second = TagOf(node);
    return it->second;
  }

  int IndexOf(const xmlNode* node) const {
    return node->_private == nullptr ? -1 : static_cast<int>(reinterpret_cast<std::intptr_t>(node->_private)) - 1;
  }

  double LinkDensity(const Stats& s) const { return s.chars == 0 ? 0 : static_cast<double>(s.link_chars) / s.chars; }

  // Readability's scoring; returns the chosen containers in page order.
  std::vector<int> ChooseContent() {
    for (std::size_t i = 0; i < stats_.size(); ++i) {
      Stats& s = stats_[i];
      if (s.skip) continue;
      // A <p> (or the like) credits its parent first; text lying loose in a
      // container with block children is a paragraph of that container.
      const bool paragraph_tag = s.tag == Tag::kP || s.tag == Tag::kPre || s.tag == Tag::kTd ||
                                 s.tag == Tag::kBlockquote;
      std::uint32_t chars = 0, commas = 0;
      int first = s.parent;
      if (paragraph_tag) {
        chars = s.chars;
        commas = s.commas;
      } else if (s.tag == Tag::kDiv || s.tag == Tag::kSection || s.tag == Tag::kArticle || s.tag == Tag::kMain ||
                 s.tag == Tag::kLi || s.tag == Tag::kDd || s.tag == Tag::kOther) {
        chars = s.direct_chars - std::min(s.direct_chars, DirectLinkChars(static_cast<int>(i)));
        commas = s.direct_commas;
        if (s.has_block_child) first = static_cast<int>(i);
      } else {
        continue;
      }
      if (chars < 25) continue;
      const double content = 1.0 + commas + std::min(chars / 100.0, 3.0);
      int ancestor = first;
      for (int level = 0; ancestor >= 0 && level < 5; ++level, ancestor = stats_[ancestor].parent) {
        Stats& a = stats_[ancestor];
        if (!a.candidate) Initialise(&a);
        a.score += content / (level == 0 ? 1.0 : level == 1 ? 2.0 : level * 3.0);
      }
    }
    int top = -1;
    std::vector<int> ranked;
    for (std::size_t i = 0; i < stats_.size(); ++i) {
      Stats& s = stats_[i];
      if (!s.candidate) continue;
      s.score *= 1.0 - LinkDensity(s);
      ranked.push_back(static_cast<int>(i));
    }
    std::sort(ranked.begin(), ranked.end(), [&](int a, int b) { return stats_[a].score > stats_[b].score; });
    if (ranked.empty()) return {};
    top = ranked[0];

    // Several near-equal candidates under one ancestor: the article is split
    // in blocks, take their common ancestor.
    std::vector<int> alternatives;
    for (std::size_t k = 1; k < ranked.size() && k < 5; ++k) {
      if (stats_[ranked[k]].score / stats_[top].score >= 0.75) alternatives.push_back(ranked[k]);
    }
    if (alternatives.size() >= 3) {
      for (int parent = stats_[top].parent; parent >= 0 && stats_[parent].tag != Tag::kBody;
           parent = stats_[parent].parent) {
        int containing = 0;
        for (const int alt : alternatives) containing += IsAncestor(parent, alt) ? 1 : 0;
        if (containing >= 3) {
          top = parent;
          break;
        }
      }
    }
    // Climb while the parent scores better (its other children add prose).
    double last = stats_[top].score;
    for (int parent = stats_[top].parent; parent >= 0 && stats_[parent].tag != Tag::kBody;
         parent = stats_[parent].parent) {
      if (!stats_[parent].candidate) continue;
      if (stats_[parent].score < last / 3) break;
      if (stats_[parent].score > last) {
        top = parent;
        break;
      }
      last = stats_[parent].score;
    }
    // An only child says nothing: its parent is the container.
    while (stats_[top].parent >= 0 && stats_[stats_[top].parent].tag != Tag::kBody &&
           CountElementChildren(stats_[top].parent) == 1) {
      top = stats_[top].parent;
    }

    // Siblings that score nearly as well, or that are clean paragraphs.
    std::vector<int> chosen;
    const int parent = stats_[top].parent;
    if (parent < 0) return {top};
    const double threshold = std::max(10.0, stats_[top].score * 0.2);
    for (xmlNode* child = stats_[parent].node->children; child != nullptr; child = child->next) {
      const int c = IndexOf(child);
      if (c < 0 || stats_[c].skip) continue;
      if (c == top) {
        chosen.push_back(c);
        continue;
      }
      const Stats& s = stats_[c];
      double bonus = 0;
      if (stats_[top].names != nullptr && s.names == stats_[top].names) bonus += stats_[top].score * 0.2;
      if (s.candidate && s.score + bonus >= threshold) {
        chosen.push_back(c);
      } else if (s.tag == Tag::kP) {
        const double density = LinkDensity(s);
        if ((s.chars > 80 && density < 0.25) || (s.chars > 0 && s.chars <= 80 && density == 0 && EndsSentence(s.node))) {
          chosen.push_back(c);
        }
      }
    }
    return chosen;
  }

  // Paragraphs of the chosen containers.
  std::vector<Paragraph> Emit(const std::vector<int>& chosen) {
    paragraphs_.clear();
    for (const int c : chosen) EmitNode(stats_[c].node, 0);
    Flush();
    return std::move(paragraphs_);
  }

 private:
  void Initialise(Stats* s) {
    s->candidate = true;
    switch (s->tag) {
      case Tag::kDiv: case Tag::kArticle: case Tag::kMain: case Tag::kSection: s->score = 5; break;
      case Tag::kPre: case Tag::kTd: case Tag::kBlockquote: s->score = 3; break;
      case Tag::kAddress: case Tag::kOl: case Tag::kUl: case Tag::kDl: case Tag::kDd: case Tag::kDt:
      case Tag::kLi: case Tag::kForm: s->score = -3; break;
      case Tag::kH1: case Tag::kH2: case Tag::kH3: case Tag::kH4: case Tag::kH5: case Tag::kH6: case Tag::kTh:
        s->score = -5; break;
      default: s->score = 0;
    }
    s->score += s->class_weight;
  }

  // Characters of links directly inside element `index` (not in blocks).
  std::uint32_t DirectLinkChars(int index) const {
    std::uint32_t chars = 0;
    for (const xmlNode* child = stats_[index].node->children; child != nullptr; child = child->next) {
      if (child->type != XML_ELEMENT_NODE) continue;
      const int c = IndexOf(child);
      if (c >= 0 && !stats_[c].skip && !IsBlock(stats_[c].tag)) chars += stats_[c].link_chars;
    }
    return chars;
  }

  bool IsAncestor(int ancestor, int node) const {
    for (int p = stats_[node].parent; p >= 0; p = stats_[p].parent) {
      if (p == ancestor) return true;
    }
    return false;
  }

  int CountElementChildren(int index) const {
    int count = 0;
    for (const xmlNode* child = stats_[index].node->children; child != nullptr; child = child->next) {
      if (child->type == XML_ELEMENT_NODE) ++count;
    }
    return count;
  }

  static bool EndsSentence(xmlNode* node) {
    xmlChar* content = xmlNodeGetContent(node);
    if (content == nullptr) return false;
    std::string text = CollapseSpace(reinterpret_cast<const char*>(content));
    xmlFree(content);
    return !text.empty() && (text.back() == '.' || text.back() == '!' || text.back() == '?');
  }

  // Fills stats_ for `node` and its subtree; returns its index. Only tags
  // and hidden elements are dropped here; class names are judged afterwards,
  // once we know how much of the page's text each element holds.
  int Visit(xmlNode* node, int parent, bool in_link, bool parent_skipped) {
    const int index = static_cast<int>(stats_.size());
    stats_.emplace_back();
    node->_private = reinterpret_cast<void*>(static_cast<std::intptr_t>(index + 1));
    {
      Stats& s = stats_[index];
      s.node = node;
      s.parent = parent;
      s.tag = CachedTagOf(node);
      const NodeAttributes attributes = ReadAttributes(node);
      if (attributes.class_names != nullptr || attributes.id != nullptr) {
        // Pages repeat the same class names on many elements: judge each once.
        name_buffer_.clear();
        AppendLower(attributes.class_names, &name_buffer_);
        if (attributes.id != nullptr) {
          name_buffer_.push_back(' ');
          AppendLower(attributes.id, &name_buffer_);
        }
        auto [it, inserted] = name_cache_.try_emplace(name_buffer_);
        if (inserted) {
          it->second.class_weight = ClassWeight(it->first);
          it->second.chrome = it->second.class_weight < 0 && !IsContentName(it->first);
          it->second.comment = Contains(it->first, "comment");
        }
        s.names = &it->first;
        s.class_weight = it->second.class_weight;
        const bool structural = s.tag == Tag::kBody || s.tag == Tag::kHtml;
        s.chrome_name = !structural && it->second.chrome;
        s.comment_name = !structural && it->second.comment;
      }
      const bool structural = s.tag == Tag::kBody || s.tag == Tag::kHtml;
      s.skip = parent_skipped || s.tag == Tag::kSkip || (!structural && attributes.hidden);
      if (s.tag == Tag::kHeader) s.chrome_name = true;
    }
    const bool skip = stats_[index].skip;
    const bool link = in_link || stats_[index].tag == Tag::kA;
    for (xmlNode* child = node->children; child != nullptr; child = child->next) {
      if (child->type == XML_ELEMENT_NODE) {
        const int c = Visit(child, index, link, skip);
        Stats& s = stats_[index];
        const Stats& cs = stats_[c];
        if (IsBlock(cs.tag)) s.has_block_child = true;
        if (cs.skip) continue;
        s.chars += cs.chars;
        s.link_chars += cs.link_chars;
        s.commas += cs.commas;
        s.paragraphs += cs.paragraphs + (cs.tag == Tag::kP ? 1 : 0);
        s.list_items += cs.list_items + (cs.tag == Tag::kLi ? 1 : 0);
        if (!IsBlock(cs.tag)) {
          s.direct_chars += cs.chars;
          s.direct_commas += cs.commas;
        }
      } else if (!skip && (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) &&
                 child->content != nullptr) {
        std::uint32_t chars = 0, commas = 0;
        for (const xmlChar* p = child->content; *p != 0; ++p) {
          const unsigned char b = *p;
          if (b == ',') ++commas;
          if ((b & 0xC0) != 0x80 && b != ' ' && b != '\n' && b != '\t' && b != '\r') ++chars;
        }
        Stats& s = stats_[index];
        s.chars += chars;
        s.commas += commas;
        s.direct_chars += chars;
        s.direct_commas += commas;
        if (link) s.link_chars += chars;
      }
    }
    return index;
  }

 public:
  // Drops elements whose class or id names page furniture, unless one holds
  // most of the page's prose: layout wrappers are often named after the
  // sidebar they sit beside ("container penci_sidebar"). Comment sections
  // are dropped whatever their size.
  void JudgeNames() {
    if (stats_.empty()) return;
    const double page_chars = stats_[0].chars;
    for (std::size_t i = 0; i < stats_.size(); ++i) {
      Stats& s = stats_[i];
      if (s.parent >= 0 && stats_[s.parent].skip) s.skip = true;
      if (s.skip || !s.chrome_name) continue;
      const bool holds_article = s.chars >= 0.4 * page_chars && s.paragraphs >= 3 && LinkDensity(s) < 0.3;
      if (holds_article && !s.comment_name) continue;
      s.skip = true;
      for (int a = s.parent; a >= 0; a = stats_[a].parent) {
        Stats& up = stats_[a];
        up.chars -= s.chars;
        up.link_chars -= s.link_chars;
        up.commas -= s.commas;
        up.paragraphs -= s.paragraphs + (s.tag == Tag::kP ? 1 : 0);
        up.list_items -= s.list_items + (s.tag == Tag::kLi ? 1 : 0);
        if (a == s.parent && !IsBlock(s.tag)) {
          up.direct_chars -= s.chars;
          up.direct_commas -= s.commas;
        }
      }
    }
  }

 private:
  // A name that is chrome-like but also names the article's own body
  // ("article-body", "story-content") is kept, except for the unambiguous
  // chrome words (comments, sharing, related, ...).
  static bool IsContentName(std::string_view names) {
    for (const auto part : {"comment", "share", "sharing", "social", "related", "recommend", "newsletter",
                            "cookie", "consent", "promo", "advert", "outbrain", "taboola", "sidebar", "footer",
                            "popup", "modal", "byline", "caption", "breadcrumb", "trending", "popular"}) {
      if (Contains(names, part)) return false;
    }
    for (const auto token : NameTokens(names)) {
      for (const auto t : {"ad", "ads", "nav", "menu", "tags", "tag", "hidden", "meta", "author", "credit"}) {
        if (token == t) return false;
      }
    }
    for (const auto part : kContentNameParts) {
      if (Contains(names, part)) return true;
    }
    return false;
  }

  // Whether a block inside the content is furniture after all: link lists,
  // blocks of mostly links, chrome-named boxes with little prose.
  bool Furniture(const Stats& s) const {
    if (s.chars == 0) return true;
    const double density = LinkDensity(s);
    if (IsHeading(s.tag)) return density > 0.5;
    if (density > 0.5) return true;
    // Link lists (menus, related stories) have short items; a list of facts
    // that each open with a link has long ones.
    if ((s.tag == Tag::kUl || s.tag == Tag::kOl) && density > 0.35 && s.chars < 60 * std::max(1u, s.list_items)) {
      return true;
    }
    if (s.class_weight < 0 && density > 0.2) return true;
    if ((s.tag == Tag::kDiv || s.tag == Tag::kSection || s.tag == Tag::kTable) && s.paragraphs == 0 &&
        s.list_items > 0 && density > 0.25) {
      return true;
    }
    return false;
  }

  void EmitNode(xmlNode* node, int depth) {
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
      if (node->content != nullptr) current_.append(reinterpret_cast<const char*>(node->content));
      return;
    }
    if (node->type != XML_ELEMENT_NODE) return;
    const int index = IndexOf(node);
    if (index < 0) return;
    const Stats& s = stats_[index];
    if (s.skip || (depth > 0 && IsBlock(s.tag) && Furniture(s))) return;
    if (s.tag == Tag::kBr) {
      Flush();
      return;
    }
    const bool block = IsBlock(s.tag);
    if (block) Flush();
    const bool heading = IsHeading(s.tag);
    if (heading) in_heading_ = true;
    for (xmlNode* child = node->children; child != nullptr; child = child->next) EmitNode(child, depth + 1);
    if (block) Flush();
    if (heading) in_heading_ = false;
  }

  void Flush() {
    std::string text = CollapseSpace(current_);
    current_.clear();
    if (text.empty()) return;
    paragraphs_.push_back({std::move(text), in_heading_ ? ParagraphKind::kHeading : ParagraphKind::kBody,
                           paragraphs_.size() + 1});
  }

  std::vector<Stats> stats_;
  std::unordered_map<const xmlChar*, Tag> tag_cache_;
  struct NameVerdict {
    int class_weight = 0;
    bool chrome = false;
    bool comment = false;
  };
  std::unordered_map<std::string, NameVerdict> name_cache_;
  std::string name_buffer_;
  std::vector<Paragraph> paragraphs_;
  std::string current_;
  bool in_heading_ = false;
};

// ---- metadata ----------------------------------------------------------

struct Metadata {
  std::string title, og_title, html_title, h1, date, author, canonical, og_url, language;
  // Names of the publisher, by how surely they name the outlet: og:site_name
  // is the site's name for itself; JSON-LD publisher names the article's
  // publisher; a publisher meta tag is often a URL or a company; an
  // application-name is the site's, but sometimes its software's.
  std::string site_name, publisher_ld, publisher_meta, application_name;
  std::string time_element;
};

std::string NodeText(const xmlNode* node) {
  xmlChar* content = xmlNodeGetContent(node);
  if (content == nullptr) return {};
  std::string text = CollapseSpace(reinterpret_cast<const char*>(content));
  xmlFree(content);
  return text;
}

void SetOnce(std::string* field, const std::string& value) {
  if (field->empty() && !value.empty()) *field = CollapseSpace(value);
}

void ReadMeta(const xmlNode* node, Metadata* meta) {
  for (; node != nullptr; node = node->next) {
    if (node->type != XML_ELEMENT_NODE) continue;
    const Tag tag = TagOf(node);
    if (tag == Tag::kMeta) {
      const std::string key = LowerAscii(Attr(node, "property") + Attr(node, "name") + Attr(node, "itemprop"));
      const std::string content = Attr(node, "content");
      if (key == "og:title" || key == "twitter:title") SetOnce(&meta->og_title, content);
      else if (key == "article:published_time" || key == "og:published_time" || key == "datepublished" ||
               key == "pubdate" || key == "publishdate" || key == "date" || key == "dc.date" ||
               key == "dc.date.issued" || key == "dcterms.date" || key == "sailthru.date" ||
               key == "parsely-pub-date" || key == "article.published" || key == "publish-date")
        SetOnce(&meta->date, content);
      else if (key == "author" || key == "article:author" || key == "dc.creator" || key == "parsely-author" ||
               key == "sailthru.author")
        if (content.find("://") == std::string::npos) SetOnce(&meta->author, content);
      if (key == "og:url") SetOnce(&meta->og_url, content);
      if (key == "og:site_name") SetOnce(&meta->site_name, content);
      // article:publisher and publisher are often a Facebook page's URL.
      if ((key == "publisher" || key == "dc.publisher" || key == "dcterms.publisher" ||
           key == "article:publisher" || key == "citation_publisher") &&
          content.find("://") == std::string::npos) {
        SetOnce(&meta->publisher_meta, content);
      }
      if (key == "application-name") SetOnce(&meta->application_name, content);
      if (key == "og:locale" && meta->language.empty()) {
        std::string locale = content;
        std::replace(locale.begin(), locale.end(), '_', '-');
        meta->language = locale;
      }
      if (LowerAscii(Attr(node, "http-equiv")) == "content-language") SetOnce(&meta->language, content);
    } else if (tag == Tag::kLink) {
      if (LowerAscii(Attr(node, "rel")) == "canonical") SetOnce(&meta->canonical, Attr(node, "href"));
    } else if (tag == Tag::kTitle) {
      SetOnce(&meta->html_title, NodeText(node));
    } else if (tag == Tag::kTime) {
      std::string datetime = Attr(node, "datetime");
      if (datetime.empty()) datetime = NodeText(node);
      SetOnce(&meta->time_element, datetime);
    } else if (tag == Tag::kH1) {
      SetOnce(&meta->h1, NodeText(node));
    } else if (!HasAttr(node, "content") && LowerAscii(Attr(node, "itemprop")) == "datepublished") {
      SetOnce(&meta->date, Attr(node, "datetime"));
    }
    if (tag != Tag::kMeta && LowerAscii(Attr(node, "itemprop")) == "datepublished" && HasAttr(node, "content")) {
      SetOnce(&meta->date, Attr(node, "content"));
    }
    if (tag != Tag::kSkip) ReadMeta(node->children, meta);
  }
}

std::string AuthorName(const nlohmann::json& author) {
  if (author.is_string()) return author.get<std::string>();
  if (author.is_object() && author.contains("name") && author["name"].is_string()) return author["name"].get<std::string>();
  if (author.is_array()) {
    std::string names;
    for (const auto& a : author) {
      const std::string name = AuthorName(a);
      if (name.empty()) continue;
      if (!names.empty()) names += ", ";
      names += name;
    }
    return names;
  }
  return {};
}

void ReadJsonLd(const nlohmann::json& j, Metadata* meta, int depth = 0) {
  if (depth > 6) return;
  if (j.is_array()) {
    for (const auto& item : j) ReadJsonLd(item, meta, depth + 1);
    return;
  }
  if (!j.is_object()) return;
  if (j.contains("@graph")) ReadJsonLd(j["@graph"], meta, depth + 1);
  std::string type;
  if (j.contains("@type") && j["@type"].is_string()) type = j["@type"].get<std::string>();
  if (j.contains("@type") && j["@type"].is_array() && !j["@type"].empty() && j["@type"][0].is_string()) {
    type = j["@type"][0].get<std::string>();
  }
  const bool article = Contains(type, "Article") || type == "BlogPosting" || type == "Report" || type == "WebPage";
  if (!article) return;
  if (j.contains("headline") && j["headline"].is_string()) SetOnce(&meta->title, j["headline"].get<std::string>());
  if (j.contains("datePublished") && j["datePublished"].is_string()) {
    SetOnce(&meta->date, j["datePublished"].get<std::string>());
  }
  if (j.contains("author")) SetOnce(&meta->author, AuthorName(j["author"]));
  // A publisher is an Organization with a name, or (rarely) a bare name.
  if (j.contains("publisher")) SetOnce(&meta->publisher_ld, AuthorName(j["publisher"]));
}

// "Headline | Site" -> "Headline": the longest part of a <title>.
std::string TitleFromHtmlTitle(const std::string& title) {
  std::string best;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= title.size(); ++i) {
    const bool separator = i == title.size() || title.compare(i, 3, " | ") == 0 ||
                           title.compare(i, 3, " - ") == 0 || title.compare(i, 5, " \xE2\x80\x93 ") == 0 ||
                           title.compare(i, 5, " \xE2\x80\x94 ") == 0;
    if (!separator) continue;
    const std::string part = CollapseSpace(std::string_view(title).substr(start, i - start));
    if (part.size() > best.size()) best = part;
    if (i == title.size()) break;
    start = i + (title[i + 1] == '|' || title[i + 1] == '-' ? 3 : 5);
    i = start - 1;
  }
  return best;
}

void InitLibxml() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

}  // namespace

ExtractedArticle ExtractArticleWithStructure(std::string_view html, const ExtractOptions& options) {
  InitLibxml();
  ExtractedArticle result;
  result.doc = options.known;
  html_internal::PreparedPage page = html_internal::PreparePage(html);
  if (page.encoding != "UTF-8") {
    // A charset libxml2 cannot decode: read the bytes as UTF-8 instead.
    xmlCharEncodingHandlerPtr handler = xmlFindCharEncodingHandler(page.encoding.c_str());
    if (handler == nullptr) {
      page = html_internal::PreparePage(html, /*force_utf8=*/true);
    } else {
      xmlCharEncCloseFunc(handler);
    }
  }
  if (page.html.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) return result;
  xmlDoc* doc = htmlReadMemory(page.html.data(), static_cast<int>(page.html.size()), nullptr, page.encoding.c_str(),
                               HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                                   HTML_PARSE_COMPACT);
  if (doc == nullptr) return result;
  struct Free {
    xmlDoc* doc;
    ~Free() { xmlFreeDoc(doc); }
  } free_doc{doc};
  xmlNode* root = xmlDocGetRootElement(doc);
  if (root == nullptr) return result;

  Metadata meta;
  for (const std::string& block : page.json_ld) {
    const nlohmann::json j = nlohmann::json::parse(block, nullptr, /*allow_exceptions=*/false);
    if (!j.is_discarded()) ReadJsonLd(j, &meta);
  }
  ReadMeta(root, &meta);
  SetOnce(&meta.language, Attr(root, "lang"));

  Document& d = result.doc;
  if (d.title.empty()) {
    d.title = !meta.title.empty() ? meta.title : !meta.og_title.empty() ? meta.og_title
              : !meta.h1.empty()  ? meta.h1 : TitleFromHtmlTitle(meta.html_title);
  }
  if (d.date.empty()) {
    std::string date = clean_internal::NormalizeDate(meta.date);
    if (date.empty()) date = clean_internal::NormalizeDate(meta.time_element);
    d.date = date;
  }
  if (d.author.empty()) d.author = meta.author;
  if (d.url.empty()) d.url = !meta.canonical.empty() ? meta.canonical : meta.og_url;
  if (d.language.empty()) d.language = meta.language;
  for (const std::string* name : {&meta.site_name, &meta.publisher_ld, &meta.publisher_meta, &meta.application_name}) {
    if (d.source.empty()) d.source = *name;
  }

  xmlNode* body = root;
  for (xmlNode* child = root->children; child != nullptr; child = child->next) {
    if (child->type == XML_ELEMENT_NODE && TagOf(child) == Tag::kBody) body = child;
  }
  Extractor extractor;
  extractor.Collect(body);
  const std::vector<int> chosen = extractor.ChooseContent();
  std::vector<Paragraph> paragraphs = extractor.Emit(chosen);
  // The headline is metadata, not body: drop it where the content repeats it.
  const std::string title_key = clean_internal::Key(d.title);
  for (const Paragraph& p : paragraphs) {
    if (p.kind == ParagraphKind::kHeading && clean_internal::Key(p.text) == title_key) continue;
    result.paragraphs.push_back(p);
    result.paragraphs.back().line = result.paragraphs.size();
  }
  for (const Paragraph& p : result.paragraphs) {
    if (!d.text.empty()) d.text.push_back('\n');
    d.text += p.text;
  }
  // Clear the back-pointers before libxml2 frees the tree.
  for (Stats& s : extractor.stats()) s.node->_private = nullptr;
  return result;
}

Document ExtractArticle(std::string_view html, const ExtractOptions& options) {
  return ExtractArticleWithStructure(html, options).doc;
}

CleanedDocument ExtractAndClean(std::string_view html, const ExtractOptions& options,
                                const CleanOptions& clean_options) {
  const ExtractedArticle article = ExtractArticleWithStructure(html, options);
  return CleanParagraphs(article.doc, article.paragraphs, clean_options);
}

}  // namespace precis
