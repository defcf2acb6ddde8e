// Before parsing: the page's bytes made safe and small for the parser.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace precis::html_internal {

struct PreparedPage {
  std::string html;                     // without scripts, styles, SVG and comments
  std::vector<std::string> json_ld;     // bodies of <script type="application/ld+json">
  std::string encoding;                 // what to tell the parser ("UTF-8", or the page's charset)
};

// Drops <script>, <style>, <svg>, <template> contents and comments in one
// linear scan (they are half the bytes of a modern page and none of its
// article), keeping JSON-LD blocks aside for metadata. When the page is
// UTF-8 (declared or not declared), invalid sequences become U+FFFD so the
// parser never stops on them. Tags nested more than 200 deep are dropped,
// their text kept (libxml2 would stop reading the page at 256).
// `force_utf8`: ignore a declared charset (used when the parser does not know it).
PreparedPage PreparePage(std::string_view html, bool force_utf8 = false);

}  // namespace precis::html_internal
