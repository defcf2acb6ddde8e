#!/usr/bin/python3
"""Checks the hand-made fact inventories of the invented test stories.

Usage: check_inventory.py [STORY_DIR ...]   (default: every story beside this script)

For each story directory it reads citations.json and labels.json, splits every
article body into sentences and verifies that the inventory quotes the articles
verbatim, labels every sentence, and that its extra keys (copies, disagreements,
timeline, dates, outlets) are consistent. Exit status 1 when anything is wrong.
Standard library only.
"""

import datetime
import html.parser
import json
import os
import re
import sys

REQUIRED_KEYS = ("story", "docs", "facts", "unlabelled", "copies", "disagreements",
                 "not_disagreements", "timeline", "event_dates", "dates", "outlets_expected")
SKIPPED = ("citations.json", "labels.json", "README.md")

# A break needs terminal punctuation, optional closing quotes or brackets, space,
# then something that can open a sentence: an upper-case letter, a digit or an
# opening quote. A lower-case continuation ("?" she asked) is never a break.
BREAK = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]*[A-Z0-9])")
# Words whose final dot is not a sentence end (titles, single initials).
NO_END = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Sen|Rep|Gov|No)|\b[A-Z])\.$")


def split_sentences(paragraph):
    sentences, start = [], 0
    for m in BREAK.finditer(paragraph):
        if NO_END.search(paragraph[start:m.start() + 1]) and paragraph[m.start()] == ".":
            continue
        sentences.append(paragraph[start:m.end()].strip())
        start = m.end()
    rest = paragraph[start:].strip()
    if rest:
        sentences.append(rest)
    return sentences


class _ArticleText(html.parser.HTMLParser):
    """The text of each <h1>, <h2> and <p> inside <article>, one line each."""

    BLOCKS = ("h1", "h2", "h3", "p")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_article = 0
        self.block = None
        self.lines = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.in_article += 1
        elif self.in_article and tag in self.BLOCKS:
            self.block = []

    def handle_endtag(self, tag):
        if tag == "article":
            self.in_article -= 1
        elif self.block is not None and tag in self.BLOCKS:
            self.lines.append(" ".join("".join(self.block).split()))
            self.block = None

    def handle_data(self, data):
        if self.block is not None:
            self.block.append(data)


def article_lines(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if path.endswith((".html", ".htm")):
        parser = _ArticleText()
        parser.feed(text)
        return [line for line in parser.lines if line]
    return [line.strip() for line in text.splitlines() if line.strip()]


def body_sentences(path, label):
    """Sentences of the article body: every line but the headline, junk and headings."""
    skip = set(label.get("junk", [])) | set(label.get("headings", []))
    if label.get("title"):
        skip.add(label["title"])
    sentences = []
    for line in article_lines(path):
        if line not in skip:
            sentences.extend(split_sentences(line))
    return sentences


def valid_date(value):
    try:
        datetime.date.fromisoformat(value)
        return True
    except (TypeError, ValueError):
        return False


class Checker:
    def __init__(self, story_dir):
        self.dir = story_dir
        self.errors = []

    def error(self, message):
        self.errors.append(f"{os.path.basename(self.dir)}: {message}")

    def run(self):
        with open(os.path.join(self.dir, "citations.json"), encoding="utf-8") as f:
            inv = json.load(f)
        with open(os.path.join(self.dir, "labels.json"), encoding="utf-8") as f:
            labels = json.load(f)
        missing = [k for k in REQUIRED_KEYS if k not in inv]
        if missing:
            self.error(f"missing keys {missing}")
            return
        files = sorted(n for n in os.listdir(self.dir)
                       if not n.startswith(".") and n not in SKIPPED and not n.endswith(".json"))
        if sorted(inv["docs"]) != files:
            self.error(f"docs {sorted(inv['docs'])} != files {files}")
        for key in ("unlabelled", "dates", "outlets_expected"):
            if sorted(inv[key]) != files:
                self.error(f"{key} does not cover exactly the files")
        if sorted(labels) != files:
            self.error("labels.json does not cover exactly the files")
        sentences = {n: body_sentences(os.path.join(self.dir, n), labels.get(n, {})) for n in files}
        self.check_sentence_counts(sentences)
        self.check_quotes_style(sentences)
        self.check_labels(inv, sentences)
        self.check_dates(inv, labels)
        self.check_copies(inv, sentences)
        self.check_disagreements(inv)
        self.check_timeline(inv)

    def check_sentence_counts(self, sentences):
        for name, sents in sentences.items():
            if not 8 <= len(sents) <= 20:
                self.error(f"{name} has {len(sents)} sentences (want 8-20)")
            for s in sents:
                if len(s) > 400:
                    self.error(f"{name}: a 'sentence' of {len(s)} characters, split missed? {s[:60]!r}")

    def check_quotes_style(self, sentences):
        text = " ".join(s for sents in sentences.values() for s in sents)
        if '"' in text and ("\u201c" in text or "\u201d" in text):
            self.error("straight and curly double quotes mixed in one story")

    def check_labels(self, inv, sentences):
        ids = [fact.get("id") for fact in inv["facts"]]
        if len(set(ids)) != len(ids):
            self.error("duplicate fact ids")
        labelled = {name: set() for name in sentences}

        def quoted(where, name, quotes):
            if name not in sentences:
                self.error(f"{where}: unknown file {name}")
                return []
            if len(set(quotes)) != len(quotes):
                self.error(f"{where}: {name} lists a sentence twice")
            for q in quotes:
                if q not in sentences[name]:
                    self.error(f"{where}: not a sentence of {name}: {q!r}")
            return quotes

        for fact in inv["facts"]:
            fid = fact.get("id")
            if not fact.get("fact") or not isinstance(fact.get("support"), dict) or "partial" not in fact:
                self.error(f"{fid}: needs fact, support and partial")
                continue
            if not fact["support"]:
                self.error(f"{fid}: no support")
            for name in set(fact["support"]) & set(fact["partial"]):
                both = set(fact["support"][name]) & set(fact["partial"][name])
                if both:
                    self.error(f"{fid}: {name} has a sentence both in support and partial")
            for kind in ("support", "partial"):
                for name, quotes in fact[kind].items():
                    if not quotes:
                        self.error(f"{fid}: empty {kind} list for {name}")
                    labelled.setdefault(name, set()).update(quoted(f"{fid} {kind}", name, quotes))
        for name, quotes in inv["unlabelled"].items():
            for q in quoted("unlabelled", name, quotes):
                if q in labelled.get(name, set()):
                    self.error(f"unlabelled sentence of {name} is also under a fact: {q!r}")
            labelled.setdefault(name, set()).update(quotes)
        for name, sents in sentences.items():
            for s in sents:
                if s not in labelled[name]:
                    self.error(f"sentence of {name} is nowhere in the inventory: {s!r}")

    def check_dates(self, inv, labels):
        for name, date in inv["dates"].items():
            if date is not None and not valid_date(date):
                self.error(f"dates: {name} has {date!r}")
            if labels.get(name, {}).get("date") != date:
                self.error(f"dates: {name} differs from labels.json")
        for fid, when in inv["event_dates"].items():
            if not valid_date(when):
                self.error(f"event_dates: {fid} has {when!r}")
        # An article published before an event never supports it.
        for fact in inv["facts"]:
            when = inv["event_dates"].get(fact["id"])
            if not when:
                continue
            for kind in ("support", "partial"):
                for name in fact[kind]:
                    published = inv["dates"].get(name)
                    if published and published < when:
                        self.error(f"{fact['id']}: {name} ({published}) predates the event ({when})")

    def check_copies(self, inv, sentences):
        for copy, original in inv["copies"].items():
            if copy not in inv["docs"] or original not in inv["docs"] or copy == original:
                self.error(f"copies: bad pair {copy} -> {original}")
                continue
            shared = set(sentences[copy]) & set(sentences[original])
            if len(shared) < len(sentences[original]) // 2:
                self.error(f"copies: {copy} shares only {len(shared)} sentences with {original}")
            # A copy supports what its original supports.
            for fact in inv["facts"]:
                orig = set(fact["support"].get(original, []))
                if orig and copy not in fact["support"]:
                    self.error(f"{fact['id']}: supported by {original} but not by its copy {copy}")
                for s in orig & shared:
                    if s not in fact["support"].get(copy, []):
                        self.error(f"{fact['id']}: the copy {copy} does not label a shared sentence: {s!r}")

    def check_disagreements(self, inv):
        facts = {fact["id"]: fact for fact in inv["facts"]}
        for d in inv["disagreements"]:
            did = d.get("id")
            versions = d.get("versions", [])
            if not d.get("about") or len(versions) < 2:
                self.error(f"{did}: needs about and two versions or more")
            values = [v.get("value") for v in versions]
            if len(set(values)) != len(values):
                self.error(f"{did}: repeated value")
            seen = set()
            for v in versions:
                if not v.get("docs"):
                    self.error(f"{did}: version {v.get('value')!r} has no docs")
                for name in v.get("docs", []):
                    if name not in inv["docs"]:
                        self.error(f"{did}: unknown doc {name}")
                    if name in seen:
                        self.error(f"{did}: {name} gives two versions")
                    seen.add(name)
                    fids = v.get("facts", [])
                    for fid in fids:
                        if fid not in facts:
                            self.error(f"{did}: unknown fact {fid}")
                    if fids and not any(name in facts[f]["support"] or name in facts[f]["partial"]
                                        for f in fids if f in facts):
                        self.error(f"{did}: {name} reports none of the facts {fids}")
        for n in inv["not_disagreements"]:
            if not n.get("about") or not n.get("reason"):
                self.error(f"not_disagreements: needs about and reason: {n}")

    def check_timeline(self, inv):
        ids = {fact["id"] for fact in inv["facts"]}
        timeline = inv["timeline"]
        if len(set(timeline)) != len(timeline):
            self.error("timeline repeats a fact")
        for fid in timeline:
            if fid not in ids:
                self.error(f"timeline: unknown fact {fid}")
            if fid not in inv["event_dates"]:
                self.error(f"timeline: {fid} has no event date")
        if set(inv["event_dates"]) - set(timeline):
            self.error("event_dates has facts that are not on the timeline")
        dates = [inv["event_dates"].get(fid, "") for fid in timeline]
        if dates != sorted(dates):
            self.error("timeline is not in the order of event_dates")


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    dirs = argv[1:] or sorted(os.path.join(here, d) for d in os.listdir(here)
                              if os.path.isfile(os.path.join(here, d, "citations.json")))
    errors = []
    for d in dirs:
        checker = Checker(d)
        checker.run()
        errors.extend(checker.errors)
        with open(os.path.join(d, "citations.json"), encoding="utf-8") as f:
            inv = json.load(f)
        multi = sum(1 for fact in inv["facts"] if len(fact["support"]) > 1)
        print(f"{os.path.basename(d)}: {len(inv['docs'])} articles, {len(inv['facts'])} facts "
              f"({multi} supported by more than one article), {len(inv['disagreements'])} disagreements, "
              f"{len(inv['copies'])} copies, {len(checker.errors)} errors")
    for e in errors:
        print(e, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
