"""python3 -m precis.dask on a local cluster: the file precis summarize
writes, in input order, with bad stories named by file and line."""

import json
import os
import subprocess
import sys

import pytest

from conftest import articles, story_dirs


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


def test_dask_refuses_bad_options_before_starting_a_cluster(precis, stories_file, tmp_path):
    pytest.importorskip("distributed", reason="python3-distributed is not installed")
    status, err = run_dask(stories_file, "-o", tmp_path / "out.jsonl", "--method", "nope")
    assert status == 2
    assert 'precis.dask: unknown method "nope"' in err
    status, err = run_dask(stories_file, "-o", tmp_path / "out.jsonl", "--workers", 0)
    assert (status, err.strip()) == (2, "precis.dask: --workers must be at least 1, got 0")
    assert not (tmp_path / "out.jsonl").exists()
