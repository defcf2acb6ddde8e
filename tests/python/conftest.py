"""Shared set-up of the Python module's tests: the module (skipped with a
message when it was not built), the command line to compare with, the
repository's example data."""

import json
import os
import pathlib
import subprocess

import pytest

SOURCE_DIR = pathlib.Path(os.environ.get("PRECIS_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))


@pytest.fixture(scope="session")
def precis():
    return pytest.importorskip(
        "precis", reason="the Python module was not built (configure with -DPRECIS_PYTHON=ON, as scripts/setup.sh "
                         "does, and put build/python on PYTHONPATH)")


@pytest.fixture(scope="session")
def cli():
    """Runs the precis command: (status, standard output, standard error)."""
    binary = os.environ.get("PRECIS_BINARY")
    if not binary or not os.access(binary, os.X_OK):
        pytest.skip("the precis binary is not known (PRECIS_BINARY); run the tests through ctest")

    def run(*args, stdin=None):
        done = subprocess.run([binary, *map(str, args)], input=stdin, capture_output=True, text=True,
                              cwd=SOURCE_DIR)
        return done.returncode, done.stdout, done.stderr
    return run


def story_dirs():
    return [SOURCE_DIR / "examples" / "lumen-bay-ferry",
            *sorted(p for p in (SOURCE_DIR / "tests" / "data" / "stories").iterdir() if p.is_dir())]


def articles(directory):
    """The articles of a story directory as the command reads them: its files
    by name, less README and .json files; pages as html."""
    docs = []
    for path in sorted(directory.iterdir()):
        if path.name.startswith((".", "README")) or path.suffix == ".json" or not path.is_file():
            continue
        field = "html" if path.suffix == ".html" else "text"
        docs.append({"id": path.name, field: path.read_text(encoding="utf-8")})
    return docs


def compact(value):
    """JSON as the command writes it: one line, UTF-8, no spaces."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
