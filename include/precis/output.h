// precis::output — a summary as text, Markdown or JSON.
//
// Contract: the formatters only format; they never fail half-way and return
// the whole output for one story, so callers write it at once.
// - With a question (Story::query), text and Markdown start with it:
//   "Question: ..." ("**Question:** ..."), or "Question (not used, generic
//   brief): ..." when Summary::answers_question is false; then a blank line.
// - Text: the summary sentences, each followed by its citation markers
//   ("[1,3]": 1-based article numbers), one paragraph; then "Sources:" and
//   one line per article: "[n] source — title — date — url" with the parts
//   that are known, the outlet first (the article id, e.g. the file name, in
//   the title's place when neither outlet nor title is known).
// - Markdown: the same, as a paragraph and a numbered source list
//   ("n. source — [title](url) (date)").
// - JSON: one object on one line (no newline inside) with the schema given in
//   the README ("precis summarize" > "JSON output").
#pragma once

#include <string>
#include <string_view>

#include "precis/document.h"
#include "precis/summarize.h"

namespace precis::output {

enum class Format { kText, kMarkdown, kJson };

// "text", "markdown", "json"; throws Error for anything else.
Format ParseFormat(std::string_view name);

std::string FormatSummary(const Story& story, const summarize::Summary& summary, Format format);

}  // namespace precis::output
