#!/usr/bin/env bash
# Builds the Debian package from the Release build in build/ (cpack -G DEB),
# installs it into this machine with apt (as root, or a user who may sudo)
# and runs what it installed: `precis --version`, `precis summarize` on the
# bundled example (the same brief as build/precis gives), and a small
# program built against each installed library and its headers (pkg-config).
#   scripts/package_test.sh        (after scripts/setup.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x build/precis ] || [ ! -f build/CPackConfig.cmake ]; then
  echo "package_test: no Release build in build/: run scripts/setup.sh first" >&2
  exit 1
fi
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi

rm -rf build/package
cpack --config build/CPackConfig.cmake -G DEB -B build/package > build/package.log ||
  { cat build/package.log >&2; exit 1; }
deb=$(ls build/package/precis_*.deb)
version=$(dpkg-deb -f "$deb" Version)
echo "package_test: built $deb" >&2
"${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=1800 install -y -qq \
  --reinstall "./$deb" > /dev/null

test "$(/usr/bin/precis --version)" = "precis $version"
/usr/bin/precis summarize examples/lumen-bay-ferry/ > build/package/brief.txt
cmp build/package/brief.txt <(build/precis summarize examples/lumen-bay-ferry/)

# The library: a program that summarizes two articles, linked statically.
cat > build/package/brief.cc <<'PROGRAM'
#include <precis/output.h>
#include <precis/pipeline.h>
#include <precis/summarize.h>

#include <iostream>

int main() {
  precis::Story raw;
  raw.docs.resize(2);
  raw.docs[0].text = "The ferry to Holm Island stopped on Monday after a storm damaged the pier.";
  raw.docs[1].text = "A storm damaged the pier on Holm Island, and the ferry stopped on Monday.";
  const precis::Story story = precis::SummarizerInput(raw, precis::CleanStoryInput(raw, precis::CleanOptions{}));
  precis::summarize::Summarizer summarizer;
  std::cout << precis::output::FormatSummary(story, summarizer.Summarize(story, {}), precis::output::Format::kText);
}
PROGRAM
# shellcheck disable=SC2046  # pkg-config's flags are words
c++ -std=c++20 build/package/brief.cc -o build/package/brief $(pkg-config --static --cflags --libs precis)
build/package/brief | grep -q '^The ferry to Holm Island stopped on Monday after a storm damaged the pier. \[1,2\]$'

# The serve library: a store in memory, two reports of one story.
cat > build/package/store.cc <<'PROGRAM'
#include <precis/serve.h>

#include <iostream>

int main() {
  precis::serve::Store store(":memory:");
  std::vector<precis::Document> articles(2);
  articles[0].text = "The ferry to Holm Island stopped on Monday after a storm damaged the pier at the harbour.";
  articles[1].text = "A storm damaged the pier on Holm Island, and the ferry stopped on Monday at the harbour.";
  const auto added = store.Add(articles);
  std::cout << added.size() << " " << store.article_count() << " " << (added[0].story != 0 && added[0].story == added[1].story) << "\n";
}
PROGRAM
# shellcheck disable=SC2046
c++ -std=c++20 build/package/store.cc -o build/package/store $(pkg-config --static --cflags --libs precis-serve)
test "$(build/package/store)" = "2 2 1"
echo "package_test: $deb installs; precis $version runs; the libraries link" >&2
