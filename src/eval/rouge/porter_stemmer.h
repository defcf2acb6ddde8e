// The Porter stemmer exactly as ROUGE-1.5.5.pl implements it.
//
// Why not Snowball: the script carries its own regex port of Porter's 1980
// algorithm, which differs from the published algorithm and from Snowball in
// places (step 4 strips "ment" and then "ent" in sequence, so "document"
// becomes "docum"; a leading "y" is treated as a consonant; digits are
// consonants). Exact ROUGE figures need those quirks, so this file reproduces
// the script's regular expressions rule by rule. Use it for ROUGE only.
#pragma once

#include <string>
#include <string_view>

namespace precis::rouge::detail {

// Stems one lowercase token. Thread-safe (no state).
std::string ScriptPorterStem(std::string_view word);

}  // namespace precis::rouge::detail
