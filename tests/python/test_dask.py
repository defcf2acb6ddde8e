"""python3 -m precis.dask on a local cluster: the file precis summarize
writes, in input order, with bad stories named by file and line; and with
--cluster, the stories of precis cluster: the same in one time window, close
to them (pairwise and BCubed F1) when windows are merged at their edges."""

import json
import os
import subprocess
import sys

import pytest

from conftest import articles, news_stream, pairwise_and_bcubed_f1, story_dirs


@pytest.fixture(scope="module")
def stories_file(tmp_path_factory):
    lines = [json.dumps({"id": d.name, "docs": articles(d)}) for d in story_dirs()]
    lines.insert(2, '{"id": "bad", "docs": []}')
    lines.insert(3, "")
    path = tmp_path_factory.mktemp("dask") / "in.jsonl"
    # Twice over, so that blocks of 2 lines spread the stories over both workers.
    path.write_text("\n".join(lines + lines) + "\n", encoding="utf-8")
    return path


def run_dask(*args):
    done = subprocess.run([sys.executable, "-m", "precis.dask", *map(str, args)], capture_output=True, text=True,
                          env=os.environ, timeout=300)
    return done.returncode, done.stderr


def test_dask_writes_what_the_command_writes(precis, cli, stories_file, tmp_path):
    pytest.importorskip("distributed", reason="python3-distributed is not installed")
    status, _, err = cli("summarize", stories_file, "-o", tmp_path / "cli.jsonl", "--on-error", "skip",
                         "--words", 80)
    assert status == 1, err
    status, err = run_dask(stories_file, "-o", tmp_path / "dask.jsonl", "--workers", 2, "--block-lines", 2,
                           "--on-error", "skip", "--words", 80)
    assert status == 1, err
    expected = (tmp_path / "cli.jsonl").read_bytes()
    assert (tmp_path / "dask.jsonl").read_bytes() == expected
    n = len(story_dirs())  # each half: n stories, the bad one and a blank line
    assert len(expected.splitlines()) == 2 * n
    assert f"{stories_file}:3: the story has no documents (skipped)" in err
    assert f"{stories_file}:{3 + n + 2}: the story has no documents (skipped)" in err
    assert f"stories: {2 * n + 2} read, {2 * n} written, 2 failed" in err


def test_dask_stops_at_a_bad_story_and_leaves_the_output_unwritten(precis, stories_file, tmp_path):
    pytest.importorskip("distributed", reason="python3-distributed is not installed")
    out = tmp_path / "out.jsonl"
    out.write_text("as it was\n")
    status, err = run_dask(stories_file, "-o", out, "--workers", 1)
    assert status == 1, err
    assert f"{stories_file}:3: the story has no documents" in err
    assert out.read_text() == "as it was\n"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".precis-dask-")]


def test_dask_output_that_cannot_be_written_is_an_output_error(precis, stories_file, tmp_path):
    pytest.importorskip("distributed", reason="python3-distributed is not installed")
    out = tmp_path / "a-directory"
    out.mkdir()
    status, err = run_dask(stories_file, "-o", out, "--workers", 1, "--on-error", "skip")
    assert status == 3, err
    assert f"precis.dask: {out}:" in err
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".precis-dask-")]


def test_dask_refuses_bad_options_before_starting_a_cluster(precis, stories_file, tmp_path):
    pytest.importorskip("distributed", reason="python3-distributed is not installed")
    status, err = run_dask(stories_file, "-o", tmp_path / "out.jsonl", "--method", "nope")
    assert status == 2
    assert 'precis.dask: unknown method "nope"' in err
    status, err = run_dask(stories_file, "-o", tmp_path / "out.jsonl", "--workers", 0)
    assert (status, err.strip()) == (2, "precis.dask: --workers must be at least 1, got 0")
    assert not (tmp_path / "out.jsonl").exists()


# Clustering: python3 -m precis.dask --cluster ----------------------------------

@pytest.fixture(scope="module")
def stream_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("dask-cluster") / "stream.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in news_stream()), encoding="utf-8")
    return path


def story_labels(path):
    """article id -> story id, of a story JSONL file; every article once."""
    labels = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        story = json.loads(line)
        for doc in story["docs"]:
            assert doc["id"] not in labels, f"{doc['id']} is in two stories"
            labels[doc["id"]] = story["id"]
    return labels


def test_dask_cluster_in_one_window_writes_what_the_command_writes(precis, cli, stream_file, tmp_path):
    pytest.importorskip("distributed", reason="python3-distributed is not installed")
    status, _, err = cli("cluster", stream_file, "-o", tmp_path / "cli.jsonl")
    assert status == 0, err
    status, err = run_dask("--cluster", stream_file, "-o", tmp_path / "dask.jsonl", "--workers", 2,
                           "--block-lines", 7)
    assert status == 0, err
    expected = (tmp_path / "cli.jsonl").read_bytes()
    assert (tmp_path / "dask.jsonl").read_bytes() == expected
    assert len(expected.splitlines()) >= 4
    assert "articles: 60 read, 60 clustered" in err


def test_dask_cluster_merges_the_stories_at_window_edges(precis, cli, stream_file, tmp_path):
    """Windows of 12 articles: without warm-up articles the stories crossing
    an edge are cut; with those of the last three days, the edge merge puts
    most of them back together; with the defaults (the 12 latest articles of
    the last --window days), all of them, as the command on one machine."""
    pytest.importorskip("distributed", reason="python3-distributed is not installed")
    status, _, err = cli("cluster", stream_file, "-o", tmp_path / "cli.jsonl")
    assert status == 0, err
    truth = story_labels(tmp_path / "cli.jsonl")
    scores = {}
    for name, flags in (("none", ["--overlap-articles", 0]), ("3 days", ["--overlap-days", 3]), ("default", [])):
        out = tmp_path / f"dask-{len(scores)}.jsonl"
        status, err = run_dask("--cluster", stream_file, "-o", out, "--workers", 2, "--partition-articles", 12,
                               *flags)
        assert status == 0, err
        found = story_labels(out)
        assert sorted(found) == sorted(truth), "an article was dropped or added"
        scores[name] = pairwise_and_bcubed_f1(found, truth)
    assert max(scores["none"]) < min(scores["3 days"]), scores
    assert min(scores["3 days"]) >= 0.95, scores
    assert scores["default"] == (1.0, 1.0), scores
    # The same input gives the same file, on any number of workers, in any blocks.
    status, err = run_dask("--cluster", stream_file, "-o", tmp_path / "again.jsonl", "--workers", 1,
                           "--partition-articles", 12, "--overlap-days", 3, "--block-lines", 5)
    assert status == 0, err
    assert (tmp_path / "again.jsonl").read_bytes() == (tmp_path / "dask-1.jsonl").read_bytes()


def test_dask_cluster_names_bad_lines_and_drops_no_article(precis, cli, stream_file, tmp_path):
    pytest.importorskip("distributed", reason="python3-distributed is not installed")
    lines = stream_file.read_text(encoding="utf-8").splitlines()
    lines.insert(9, '{"id": "blank", "title": "Nothing", "text": " "}')
    lines.insert(30, "{not json")
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    status, _, cli_err = cli("cluster", path, "-o", tmp_path / "cli.jsonl", "--on-error", "skip")
    assert status == 1
    status, err = run_dask("--cluster", path, "-o", tmp_path / "dask.jsonl", "--workers", 2,
                           "--partition-articles", 20, "--on-error", "skip")
    assert status == 1, err
    told = [line.removeprefix("precis cluster: ") for line in cli_err.splitlines() if "(skipped)" in line]
    assert [line.removeprefix("precis.dask: ") for line in err.splitlines() if "(skipped)" in line] == told
    assert f"{path}:10: " in told[0] and f"{path}:31: " in told[1]
    assert sorted(story_labels(tmp_path / "dask.jsonl")) == sorted(story_labels(tmp_path / "cli.jsonl"))
    assert "articles: 62 read, 60 clustered (6 copies), 2 failed" in err
    out = tmp_path / "stopped.jsonl"
    status, err = run_dask("--cluster", path, "-o", out, "--workers", 1)
    assert status == 1, err
    assert f"{path}:10: " in err and f"{out} was not written" in err
    assert not out.exists()
    status, err = run_dask("--cluster", path, "-o", out, "--threshold", 2)
    assert (status, err.strip()) == (2, "precis.dask: cluster options: the threshold must be between 0 and 1")
