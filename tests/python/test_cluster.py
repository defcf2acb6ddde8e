"""precis.cluster and precis.Clusterer against precis cluster: the same
stories (byte for byte once dumped as the command dumps JSON), the same
assignments, the same defaults and the same messages."""

import concurrent.futures
import json
import re
import warnings

import pytest

from conftest import SOURCE_DIR, compact, news_stream

NEWS = SOURCE_DIR / "examples" / "news-stream.jsonl"


def example_articles():
    return [json.loads(line) for line in NEWS.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return path


def test_cluster_is_the_commands_output_on_the_example(precis, cli):
    status, out, err = cli("cluster", NEWS)
    assert status == 0, err
    stories = precis.cluster(example_articles())
    assert [compact(s) for s in stories] == out.splitlines()
    # The example's dam story holds a wire copy: the mark comes through.
    assert any("copy_of" in doc for story in stories for doc in story["docs"])
    assert len(stories) == 4


@pytest.mark.parametrize("flags", [{}, {"threshold": 0.3, "min_size": 2}, {"window": 2.0, "reorder": 5}],
                         ids=lambda f: ",".join(f"{k}={v}" for k, v in f.items()) or "default")
def test_cluster_is_the_commands_output_on_a_longer_stream(precis, cli, tmp_path, flags):
    rows = news_stream()
    path = write_jsonl(tmp_path / "stream.jsonl", rows)
    args = [item for key, value in flags.items() for item in (f"--{key.replace('_', '-')}", value)]
    status, out, err = cli("cluster", path, *args)
    assert status == 0, err
    stories = precis.cluster(rows, threads=2, **flags)
    assert [compact(s) for s in stories] == out.splitlines()
    assert len(stories) >= 4, "a stream that does not split would make this test weak"
    status, out, err = cli("cluster", path, "--format", "assignments", *args)
    flags.pop("min_size", None)
    assert [compact(a) for a in precis.cluster(rows, format="assignments", **flags)] == out.splitlines()


def test_strings_are_articles_named_by_their_place(precis, cli, tmp_path):
    texts = [row["text"] for row in news_stream()[:12]]
    path = write_jsonl(tmp_path / "texts.jsonl", [{"text": t} for t in texts])
    status, out, err = cli("cluster", path)
    assert status == 0, err
    stories = precis.cluster(texts)
    assert [compact(s) for s in stories] == out.splitlines()
    assert sorted(doc["id"] for s in stories for doc in s["docs"]) == sorted(str(i) for i in range(1, 13))


def test_defaults_are_the_commands(precis, cli):
    _, out, _ = cli("cluster", "--help")
    for flag, key in (("--threshold", "threshold"), ("--window", "window"), ("--min-size", "min_size"),
                      ("--reorder", "reorder")):
        stated = re.search(re.escape(flag) + r" [^\n]*?\(default ([0-9.]+)", out)
        assert stated, out
        assert float(stated.group(1)) == precis.CLUSTER_DEFAULTS[key]
    assert precis.CLUSTER_OPTIONS["threshold"] == precis.CLUSTER_DEFAULTS["threshold"]
    assert precis.CLUSTER_OPTIONS["window_days"] == precis.CLUSTER_DEFAULTS["window"]


def test_library_options_change_the_clustering(precis):
    rows = news_stream()
    plain = precis.cluster(rows)
    assert precis.cluster(rows, options={"title_weight": precis.CLUSTER_OPTIONS["title_weight"]}) == plain
    apart = precis.cluster(rows, options={"detect_copies": False, "no_shared_name_factor": 0.01, "title_weight": 0})
    assert apart != plain


def test_a_bad_article_raises_the_commands_message(precis, cli, tmp_path):
    rows = news_stream()[:10]
    rows.insert(3, {"id": "empty", "title": "Nothing here", "text": "  "})
    path = write_jsonl(tmp_path / "bad.jsonl", rows)
    status, out, err = cli("cluster", path)
    assert status == 1
    told = [line for line in err.splitlines() if "no article text" in line]
    assert told == [f'precis cluster: {path}:4: article "empty": no article text once cleaned (the article is '
                    'empty, or holds only page junk or markup)']
    with pytest.raises(precis.Error) as caught:
        precis.cluster(rows, name=str(path))
    assert f"precis cluster: {caught.value}" == told[0]
    # on_error="skip": a warning, and the stories of the command's --on-error skip.
    status, out, err = cli("cluster", path, "--on-error", "skip")
    assert status == 1
    with warnings.catch_warnings(record=True) as caught_warnings:
        warnings.simplefilter("always")
        stories = precis.cluster(rows, name=str(path), on_error="skip")
    assert [str(w.message) for w in caught_warnings] == [told[0].removeprefix("precis cluster: ") + " (skipped)"]
    assert [compact(s) for s in stories] == out.splitlines()


def test_bad_arguments_raise_value_error(precis):
    rows = news_stream()[:3]
    with pytest.raises(ValueError, match="the threshold must be between 0 and 1"):
        precis.cluster(rows, threshold=1.5)
    with pytest.raises(ValueError, match="the window must be positive"):
        precis.cluster(rows, window=0)
    with pytest.raises(ValueError, match="min_size must be at least 1"):
        precis.cluster(rows, min_size=0)
    with pytest.raises(ValueError, match='no cluster option "nope"'):
        precis.cluster(rows, options={"nope": 1})
    with pytest.raises(ValueError, match="give window_days as window="):
        precis.cluster(rows, options={"window_days": 3})
    with pytest.raises(ValueError, match="on_error must be stop or skip"):
        precis.cluster(rows, on_error="ignore")
    with pytest.raises(TypeError, match="article 2: give a dict or a string"):
        precis.cluster([rows[0], 42])
    with pytest.raises(TypeError, match="add a story's docs one by one"):
        precis.Clusterer().add({"id": "s", "docs": rows})


def test_clusterer_answers_as_the_command_assigns(precis, cli, tmp_path):
    rows = news_stream()  # in date order: the reorder buffer changes nothing
    path = write_jsonl(tmp_path / "stream.jsonl", rows)
    status, out, err = cli("cluster", path, "--format", "assignments")
    assert status == 0, err
    clusterer = precis.Clusterer()
    answers = [clusterer.add(row) for row in rows]
    assert answers == [json.loads(line)["story"] for line in out.splitlines()]
    stories = precis.cluster(rows)
    assert clusterer.stories() == sorted(stories, key=lambda s: int(s["id"].split("-")[1]))
    assert clusterer.counts["clustered"] == len(rows)
    assert clusterer.take_closed() == []  # the default window is a year: nothing closed yet


def test_clusterer_hands_out_closed_stories(precis):
    rows = news_stream()
    clusterer = precis.Clusterer(window=2)
    for row in rows:
        clusterer.add(row)
    closed = clusterer.take_closed()
    assert closed, "a two-day window closes the stories of the first days"
    assert clusterer.take_closed() == []
    left = clusterer.stories()
    assert not {s["id"] for s in closed} & {s["id"] for s in left}
    seen = [doc["id"] for s in closed + left for doc in s["docs"]]
    assert sorted(seen) == sorted(row["id"] for row in rows)
    with pytest.raises(precis.Error, match=r'articles:61: article "x": no article text once cleaned'):
        clusterer.add({"id": "x", "text": ""})
    assert clusterer.counts["failed"] == 1


def test_cluster_from_many_threads_gives_the_same_stories(precis):
    rows = news_stream()
    expected = precis.cluster(rows, threads=1)
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: precis.cluster(rows, threads=2), range(8)))
    assert all(r == expected for r in results)
