"""precis summarize on a Dask cluster:

    python3 -m precis.dask STORIES.jsonl -o OUT.jsonl [--workers N | --scheduler ADDRESS] [summarize options]

Reads the JSONL stories in blocks of lines, summarizes each block on a
worker of a dask.distributed cluster (a local one of N worker processes by
default, or the one whose scheduler is at ADDRESS, whose workers must have
precis installed), and writes the summaries to OUT in input order: the same
file ``precis summarize STORIES.jsonl -o OUT`` writes. No story is dropped
silently: a bad one is named with its file and line on standard error;
``--on-error stop`` (the default) stops there and leaves OUT unwritten,
``--on-error skip`` goes on. The exit status is the command's: 0, 1 (bad
input), 2 (bad usage), 3 (OUT could not be written), 4 (some brief empty).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from typing import Any, Dict, Iterator, List, Optional, Tuple

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE, EXIT_OUTPUT, EXIT_EMPTY_BRIEF = 0, 1, 2, 3, 4

# (line number, the line's bytes, or None for a line over --max-line-bytes)
Block = List[Tuple[int, Optional[bytes]]]
# (line number, the JSON summary or "", notes or the error, ok, empty brief)
Result = Tuple[int, str, str, bool, bool]

_configs: Dict[Tuple[Any, ...], Any] = {}


def summarize_block(name: str, options: Dict[str, Any], max_line_bytes: int, block: Block) -> List[Result]:
    """Runs on a worker: the stories of one block, in order."""
    import precis

    key = tuple(sorted(options.items()))
    config = _configs.get(key)
    if config is None:
        config = _configs[key] = precis._config(**options)
    results: List[Result] = []
    for number, line in block:
        if line is None:
            reason = f"the line is longer than the limit of {max_line_bytes} bytes (--max-line-bytes)"
            results.append((number, "", f"{name}:{number}: {reason}", False, False))
            continue
        try:
            summary, notes, empty = config.summarize(line, name, number)
            results.append((number, summary, notes, True, empty))
        except precis.Error as error:
            results.append((number, "", str(error), False, False))
    return results


def read_blocks(path: str, lines_per_block: int, max_line_bytes: int) -> Iterator[Block]:
    """The non-blank lines of the file, numbered from 1, in blocks."""
    block: Block = []
    with open(path, "rb") as f:
        for number, raw in enumerate(f, 1):
            line = raw[:-1] if raw.endswith(b"\n") else raw
            line = line[:-1] if line.endswith(b"\r") else line
            if not line.strip(b" \t"):
                continue
            block.append((number, line if len(line) < max_line_bytes else None))
            if len(block) >= lines_per_block:
                yield block
                block = []
    if block:
        yield block


def parse_args(argv: Optional[List[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python3 -m precis.dask",
        description="precis summarize over a JSONL file of stories on a Dask cluster; the output is "
                    "precis summarize's, in input order.")
    parser.add_argument("input", metavar="STORIES.jsonl")
    parser.add_argument("-o", "--output", required=True, metavar="OUT.jsonl",
                        help="written whole when the run completes, never half")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--workers", type=int, default=None,
                       help="worker processes of the local cluster (default: all cores)")
    where.add_argument("--scheduler", metavar="ADDRESS", help="the scheduler of a running cluster (tcp://host:8786)")
    parser.add_argument("--block-lines", type=int, default=64, help="stories per task (default 64)")
    parser.add_argument("--on-error", choices=("stop", "skip"), default="stop")
    budget = parser.add_mutually_exclusive_group()
    budget.add_argument("--words", type=int)
    budget.add_argument("--bytes", type=int)
    budget.add_argument("--sentences", type=int)
    parser.add_argument("--method")
    parser.add_argument("--query")
    parser.add_argument("--citation-threshold", type=float, default=0.5)
    parser.add_argument("--params", default="")
    parser.add_argument("--no-clean", action="store_true")
    parser.add_argument("--max-docs", type=int, default=10000)
    parser.add_argument("--max-story-bytes", type=int, default=64 << 20)
    parser.add_argument("--max-sentence-bytes", type=int, default=8192)
    parser.add_argument("--max-line-bytes", type=int, default=256 << 20)
    parser.add_argument("--verbose", action="store_true",
                        help="say how long the run took and each worker's peak memory (RSS)")
    return parser.parse_args(argv)


def peak_rss_mb() -> float:
    """Runs on a worker: its process's peak resident memory, in MB."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def summarize_options(args: argparse.Namespace) -> Dict[str, Any]:
    return dict(words=args.words, bytes=args.bytes, sentences=args.sentences, method=args.method,
                query=args.query, citation_threshold=args.citation_threshold, clean=not args.no_clean,
                params=args.params, max_docs=args.max_docs, max_story_bytes=args.max_story_bytes,
                max_sentence_bytes=args.max_sentence_bytes)


def run(args: argparse.Namespace, client: Any) -> int:
    options = summarize_options(args)
    name = args.input
    out_dir = os.path.dirname(os.path.abspath(args.output))
    try:
        tmp = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=out_dir, prefix=".precis-dask-",
                                          delete=False)
    except OSError as error:
        print(f"precis.dask: {args.output}: {error.strerror}", file=sys.stderr)
        return EXIT_OUTPUT
    started = time.monotonic()
    written = failed = empty_briefs = 0
    stopped = False
    in_flight = max(2, 2 * len(client.scheduler_info().get("workers", {})))
    try:
        with tmp:
            pending: List[Any] = []
            blocks = read_blocks(args.input, max(1, args.block_lines), args.max_line_bytes)
            while True:
                while len(pending) < in_flight:
                    block = next(blocks, None)
                    if block is None:
                        break
                    pending.append(client.submit(summarize_block, name, options, args.max_line_bytes, block,
                                                 pure=False))
                if not pending:
                    break
                for number, summary, note, ok, empty in pending.pop(0).result():
                    if not ok:
                        failed += 1
                        print(f"precis.dask: {note}" + (" (skipped)" if args.on_error == "skip" else ""),
                              file=sys.stderr)
                        if args.on_error == "stop":
                            stopped = True
                            break
                        continue
                    for line in filter(None, note.split("\n")):
                        print(f"precis.dask: {line.removeprefix('precis summarize: ')}", file=sys.stderr)
                    tmp.write(summary + "\n")
                    written += 1
                    empty_briefs += empty
                if stopped:
                    for future in pending:
                        future.cancel()
                    break
    except OSError as error:
        os.unlink(tmp.name)
        print(f"precis.dask: {error.filename or args.input}: {error.strerror}", file=sys.stderr)
        return EXIT_OUTPUT if error.filename == tmp.name else EXIT_BAD_INPUT
    closing = f"precis.dask: stories: {written + failed} read, {0 if stopped else written} written, {failed} failed"
    if empty_briefs:
        closing += f", {empty_briefs} brief{'s' if empty_briefs > 1 else ''} empty (no sentence within the budget)"
    if stopped:
        os.unlink(tmp.name)
        print(f"precis.dask: {args.output} was not written", file=sys.stderr)
        print(closing + " (stopped at the first failure; --on-error skip goes on)", file=sys.stderr)
        return EXIT_BAD_INPUT
    os.replace(tmp.name, args.output)
    if args.verbose:
        seconds = time.monotonic() - started
        print(f"precis.dask: {written + failed} stories in {seconds:.1f} s "
              f"({(written + failed) / max(seconds, 1e-9):.0f} stories/s)", file=sys.stderr)
        for worker, mb in sorted(client.run(peak_rss_mb).items()):
            print(f"precis.dask: worker {worker}: peak RSS {mb:.1f} MB", file=sys.stderr)
    print(closing, file=sys.stderr)
    return EXIT_BAD_INPUT if failed else EXIT_EMPTY_BRIEF if empty_briefs else EXIT_OK


def main(argv: Optional[List[str]] = None) -> int:
    args = parse_args(argv)
    import precis
    from distributed import Client, LocalCluster

    workers = args.workers if args.workers is not None else (os.cpu_count() or 1)
    try:
        # Bad options are bad usage, found before a cluster starts.
        precis._config(**summarize_options(args))
        if workers < 1:
            raise ValueError(f"--workers must be at least 1, got {workers}")
    except ValueError as error:
        print(f"precis.dask: {error}", file=sys.stderr)
        return EXIT_USAGE
    if not os.path.isfile(args.input):
        print(f"precis.dask: {args.input}: no such file or directory", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.scheduler:
        with Client(args.scheduler) as client:
            return run(args, client)
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        return run(args, client)


if __name__ == "__main__":
    sys.exit(main())
