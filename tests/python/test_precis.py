"""The Python module against the command line: the same summaries (byte for
byte once dumped as the command dumps JSON), the same ROUGE figures, the same
cleaning and the same messages; and safe from many threads."""

import concurrent.futures
import json
import re
import threading
import time
import warnings

import pytest

from conftest import SOURCE_DIR, articles, same_json, story_dirs

EXAMPLE = SOURCE_DIR / "examples" / "lumen-bay-ferry"
BUDGETS = [
    {},
    {"words": 60, "method": "lead"},
    {"sentences": 3, "method": "centroid"},
    {"bytes": 500, "query": "How do island residents depend on the ferry?"},
]


def cli_flags(options):
    flags = []
    for key, value in options.items():
        flags += [f"--{key}", str(value)]
    return flags


@pytest.mark.parametrize("options", BUDGETS, ids=lambda o: ",".join(f"{k}={v}" for k, v in o.items()) or "default")
def test_summarize_is_the_commands_json_for_a_directory(precis, cli, options):
    status, out, err = cli("summarize", EXAMPLE, "--format", "json", *cli_flags(options))
    assert status == 0, err
    summary = precis.summarize(articles(EXAMPLE), id=EXAMPLE.name, **options)
    assert summary == json.loads(out)
    assert out.endswith("\n") and out.count("\n") == 1
    assert same_json(summary, out[:-1])
    assert summary["sentences"], "an empty brief would make this test weak"


def test_summarize_stories_is_batch_mode_in_input_order(precis, cli, tmp_path):
    stories = [{"id": d.name, "docs": articles(d)} for d in story_dirs()]
    stories += [{"id": f"{d.name}-short", "docs": articles(d)} for d in story_dirs()]
    path = tmp_path / "stories.jsonl"
    path.write_text("".join(json.dumps(s) + "\n" for s in stories), encoding="utf-8")
    status, out, err = cli("summarize", path, "--words", 80, "--threads", 2)
    assert status == 0, err
    lines = out.splitlines()
    assert len(lines) == len(stories)
    got = list(precis.summarize_stories(stories, threads=4, words=80))
    assert all(same_json(s, line) for s, line in zip(got, lines))
    # JSONL lines go in as well as dicts.
    again = list(precis.summarize_stories(path.read_text(encoding="utf-8").splitlines(), threads=3, words=80))
    assert again == got


def test_a_story_dict_keeps_its_question_unless_query_replaces_it(precis):
    question = "How do island residents depend on the ferry?"
    story = {"id": "s", "query": question, "docs": articles(EXAMPLE)}
    assert precis.summarize(story)["query"] == question
    assert "query" not in precis.summarize(story, query="")


def test_errors_carry_the_commands_messages(precis, cli, tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "x", "docs": []}\n{"id": "y", "docs": ["   "]}\n{"docs": 3}\n', encoding="utf-8")
    status, _, err = cli("summarize", path, "--on-error", "skip")
    assert status == 1
    messages = re.findall(r"bad\.jsonl:\d+: (.*) \(skipped\)", err)
    assert len(messages) == 3, err
    got = []
    for story in ({"id": "x", "docs": []}, {"id": "y", "docs": ["   "]}, {"docs": 3}):
        with pytest.raises(precis.Error) as raised:
            precis.summarize(story)
        got.append(str(raised.value))
    assert got == messages
    assert isinstance(raised.value, ValueError)


def test_summarize_stories_stops_or_skips_at_a_bad_story_naming_it(precis):
    good = {"id": "ok", "docs": articles(EXAMPLE)}
    stories = [good, {"id": "x", "docs": []}, good]
    with pytest.raises(precis.Error, match=r"^in\.jsonl:2: the story has no documents$"):
        list(precis.summarize_stories(stories, name="in.jsonl"))
    with pytest.warns(precis.PrecisWarning, match=r"in\.jsonl:2: .*\(skipped\)"):
        kept = list(precis.summarize_stories(stories, name="in.jsonl", on_error="skip"))
    assert [s["id"] for s in kept] == ["ok", "ok"]


def test_bad_arguments_are_value_errors(precis, cli):
    status, _, err = cli("summarize", EXAMPLE, "--method", "nope")
    assert status == 2
    with pytest.raises(ValueError) as raised:
        precis.summarize(["Some text."], method="nope")
    assert str(raised.value) in err
    with pytest.raises(ValueError, match="only one of"):
        precis.summarize(["Some text."], words=10, sentences=2)
    with pytest.raises(ValueError, match="at least 1"):
        precis.summarize(["Some text."], words=0)
    with pytest.raises(ValueError, match="at most"):
        precis.summarize(["Some text."], bytes=10**10)
    with pytest.raises(TypeError):
        precis.summarize("one string is not a list of articles")


def test_an_empty_brief_warns_and_says_why(precis):
    with pytest.warns(precis.PrecisWarning, match="no sentence could be selected within the budget of 1 words"):
        summary = precis.summarize(articles(EXAMPLE), words=1)
    assert summary["sentences"] == []
    assert summary["note"] == "no sentence could be selected within the budget of 1 words"


# ROUGE ---------------------------------------------------------------------

ROUGE_DIR = SOURCE_DIR / "examples" / "rouge"


def rouge_case(event, system):
    peer = (ROUGE_DIR / "peers" / f"{event}.{system}.spl").read_text(encoding="utf-8")
    refs = [(ROUGE_DIR / "models" / f"{event}.{m}.spl").read_text(encoding="utf-8") for m in "AB"]
    return peer, refs


def script_averages(text):
    """{"rouge-1": {"r": (avg, low, high), ...}} from the script's report."""
    out = {}
    pattern = r"(\S+) (ROUGE-\S+) Average_([RPF]): ([\d.]+) \(95%-conf\.int\. ([\d.]+) - ([\d.]+)\)"
    for _, metric, which, avg, low, high in re.findall(pattern, text):
        out.setdefault(metric.lower(), {})[which.lower()] = (float(avg), float(low), float(high))
    return out


@pytest.mark.parametrize("flags", ["-n 2 -m -a", "-n 2 -m -s -a", "-n 4 -w 1.2 -2 4 -u -a"])
def test_rouge_is_the_commands_figures(precis, cli, tmp_path, flags):
    cases = []
    for event in ("quake", "ferry"):
        peer, refs = rouge_case(event, "alpha")
        cases.append({"id": event, "peer": peer.splitlines(), "models": [r.splitlines() for r in refs]})
    path = tmp_path / "cases.jsonl"
    path.write_text("".join(json.dumps(c) + "\n" for c in cases), encoding="utf-8")
    status, out, err = cli("rouge", "--jsonl", path, "--format", "json", *flags.split())
    assert status == 0, err
    document = json.loads(out)["peers"][0]["metrics"]
    for index, event in enumerate(("quake", "ferry")):
        peer, refs = rouge_case(event, "alpha")
        got = precis.rouge(peer, refs, flags)
        assert list(got) == [m["metric"].lower() for m in document]
        for metric in document:
            case = metric["cases"][index]
            assert got[metric["metric"].lower()] == {"r": case["R"], "p": case["P"], "f": case["F"]}
    assert got["rouge-1"]["r"] > 0


def test_rouge_corpus_is_the_scripts_report(precis, cli):
    status, out, err = cli("rouge", "-n", 2, "-m", "-a", ROUGE_DIR / "config.xml")
    assert status == 0, err
    alpha = script_averages("\n".join(line for line in out.splitlines() if line.startswith("alpha ")))
    peers, refs = zip(*(rouge_case(event, "alpha") for event in ("quake", "ferry")))
    got = precis.rouge_corpus(list(peers), list(refs), "-n 2 -m -a", ids=["quake", "ferry"])
    assert set(got) == set(alpha) == {"rouge-1", "rouge-2", "rouge-l"}
    for metric, figures in alpha.items():
        for which, (average, low, high) in figures.items():
            assert round(got[metric][which], 5) == average
            assert [round(x, 5) for x in got[metric][which + "_ci"]] == [low, high]
        assert [c["case"] for c in got[metric]["cases"]] == ["quake", "ferry"]


def test_rouge_refuses_flags_that_are_not_about_scoring(precis):
    with pytest.raises(ValueError, match="-n expects an integer"):
        precis.rouge("a b", "a b", "-n x")
    with pytest.raises(ValueError, match="only scoring flags"):
        precis.rouge("a b", "a b", "-n 2 config.xml")


def test_rouge_scorer_gives_the_scripts_figures_in_rouge_scores_shape(precis):
    scorer = precis.RougeScorer(["rouge1", "rouge2", "rougeL", "rougeLsum"], use_stemmer=True)
    scores = scorer.score("the cat sat on the mat", "the cat sat")
    assert scores["rouge1"] == precis.Score(precision=1.0, recall=0.5, fmeasure=0.66667)
    assert scores["rouge2"] == precis.Score(precision=1.0, recall=0.4, fmeasure=0.57143)
    assert scores["rougeL"].recall == 0.5
    assert scores["rougeLsum"].recall == 0.5
    # WordNet's exceptions: "went" counts as "go" with the stemmer only.
    assert scorer.score("they go home", "they went home")["rouge1"].precision == 1.0
    assert precis.RougeScorer(["rouge1"]).score("they go home", "they went home")["rouge1"].precision == 0.66667
    # rougeL: one subsequence over the whole texts; rougeLsum: the union of
    # each reference sentence's with the summary.
    target, prediction = "a b c\nd e f", "a d b e c f"
    assert scorer.score(target, prediction)["rougeL"].recall == 0.66667
    assert scorer.score(target, prediction)["rougeLsum"].recall == 1.0
    with pytest.raises(ValueError, match="Invalid rouge type"):
        precis.RougeScorer(["rouge"])


# Cleaning and extraction ---------------------------------------------------


PAGE = """<!doctype html><html><head><title>Ferry crews vote to strike - The Bay Ledger</title>
<meta property="og:site_name" content="The Bay Ledger"></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>Ferry crews vote to strike</h1>
<p>Crews on the Lumen Bay ferry voted on Monday to strike for two days next week, the union said.</p>
<p>The operator said it would run a reduced timetable and urged islanders to plan their trips ahead.</p>
<h2>What happens next</h2>
<p>Talks between the union and the operator are due to resume on Thursday at the harbour office.</p>
</article><footer>Copyright 2025 The Bay Ledger. All rights reserved.</footer></body></html>
"""


def test_clean_is_the_commands_json(precis, cli, tmp_path):
    for path in (EXAMPLE / "01-coastal-herald.txt", tmp_path / "page.html"):
        if path.suffix == ".html":
            path.write_text(PAGE, encoding="utf-8")
        status, out, err = cli("clean", path, "--format", "json")
        assert status == 0, err
        expected = json.loads(out)["docs"][0]
        assert precis.clean(path.read_text(encoding="utf-8"), id=path.name) == expected
        assert expected["paragraphs"]


def test_extract_gives_the_article_of_a_page(precis):
    article = precis.extract(PAGE)
    assert article["title"].startswith("Ferry crews vote to strike")
    assert article["source"] == "The Bay Ledger"
    kinds = [(p["kind"], p["text"][:20]) for p in article["paragraphs"]]
    assert ("heading", "What happens next") in kinds
    assert not any("Copyright" in p["text"] or "Sport" in p["text"] for p in article["paragraphs"])


# Threads -------------------------------------------------------------------


def test_many_threads_get_what_one_thread_gets(precis):
    stories = [articles(d) for d in story_dirs()]
    budgets = [{"words": 50}, {"words": 120}, {"sentences": 2}]
    jobs = [(i, b) for i in range(len(stories)) for b in budgets] * 3
    expected = {(i, str(b)): precis.summarize(stories[i], **b) for i in range(len(stories)) for b in budgets}
    peer, refs = rouge_case("quake", "beta")
    rouge_expected = precis.rouge(peer, refs)

    def work(job):
        index, budget = job
        return (precis.summarize(stories[index], **budget), precis.rouge(peer, refs),
                precis.clean(PAGE)["paragraphs"])

    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(work, jobs))
    page = precis.clean(PAGE)["paragraphs"]
    for (index, budget), (summary, scores, paragraphs) in zip(jobs, results):
        assert summary == expected[(index, str(budget))]
        assert scores == rouge_expected
        assert paragraphs == page


def test_warnings_are_plain_python_warnings(precis):
    with warnings.catch_warnings():
        warnings.simplefilter("error", precis.PrecisWarning)
        with pytest.raises(precis.PrecisWarning):
            precis.summarize(["Tiny."], sentences=1, words=None, bytes=None, method="lead", query="ferry?")


def test_the_readmes_examples_run_as_written(precis, monkeypatch, capsys):
    readme = (SOURCE_DIR / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Python\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    assert len(blocks) >= 4
    monkeypatch.chdir(SOURCE_DIR)
    namespace = {}
    for block in blocks:
        exec(compile(block, "README.md", "exec"), namespace)
    printed = capsys.readouterr().out
    # What the README shows is what is printed.
    for shown in ("{'rouge-1': {'r': 0.58824, 'p': 0.45455, 'f': 0.51283}",
                  "Score(precision=0.71429, recall=0.71429, fmeasure=0.71429)",
                  "'page chrome: a short line opening with \"share\"'"):
        assert shown in section
        assert shown in printed
    assert re.search(r"^The passenger ferry Marisol ran aground .* \[1, 4\]$", printed, re.M)


def test_long_calls_let_other_threads_run(precis):
    # A call that held the GIL would stop this thread for its whole length.
    peer, refs = rouge_case("quake", "alpha")

    def watch(cases):
        span = {}

        def score():
            span["start"] = time.perf_counter()
            precis.rouge_corpus([peer * 20] * cases, [[r * 20 for r in refs]] * cases, threads=1)
            span["end"] = time.perf_counter()

        worker = threading.Thread(target=score)
        longest_gap, last = 0.0, time.perf_counter()
        worker.start()
        while worker.is_alive():
            now = time.perf_counter()
            if "start" in span:
                longest_gap = max(longest_gap, now - last)
            last = now
        worker.join()
        return span["end"] - span["start"], longest_gap

    # Long enough to tell, however fast the machine: more cases until it is.
    cases = 150
    length, longest_gap = watch(cases)
    while length < 0.2 and cases < 150 * 64:
        cases *= 2
        length, longest_gap = watch(cases)
    assert length >= 0.2, "the call is too short to tell"
    assert longest_gap < length / 2
