"""precis summarize and precis cluster on a Dask cluster:

    python3 -m precis.dask STORIES.jsonl -o OUT.jsonl [--workers N | --scheduler ADDRESS] [summarize options]
    python3 -m precis.dask --cluster ARTICLES.jsonl -o STORIES.jsonl [--workers N | --scheduler ADDRESS]
        [--partition-articles N] [--overlap-days D] [--overlap-articles N] [cluster options]

Reads the JSONL stories in blocks of lines, summarizes each block on a
worker of a dask.distributed cluster (a local one of N worker processes by
default, or the one whose scheduler is at ADDRESS, whose workers must have
precis installed), and writes the summaries to OUT in input order: the same
file ``precis summarize STORIES.jsonl -o OUT`` writes. No story is dropped
silently: a bad one is named with its file and line on standard error;
``--on-error stop`` (the default) stops there and leaves OUT unwritten,
``--on-error skip`` goes on. The exit status is the command's: 0, 1 (bad
input), 2 (bad usage), 3 (OUT could not be written), 4 (some brief empty).

With --cluster, a JSONL stream of articles is sorted into stories as
``precis cluster`` sorts it, at scale: the articles are partitioned by time
window, the windows clustered in parallel, and the stories at the windows'
edges merged in a second pass (see cluster_run() and the README's Dask
section for the design, and how its stories may differ from the command's).
"""

from __future__ import annotations

import argparse
import collections
import logging
import math
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
    parser.add_argument("input", metavar="STORIES.jsonl", help="stories; with --cluster, articles")
    parser.add_argument("--cluster", action="store_true",
                        help="cluster a stream of articles into stories (precis cluster) instead of summarizing")
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
    clustering = parser.add_argument_group("clustering (--cluster)")
    from precis import CLUSTER_DEFAULTS  # the library's defaults, which the command states too

    clustering.add_argument("--threshold", type=float, default=None,
                            help=f"as precis cluster --threshold (default {CLUSTER_DEFAULTS['threshold']})")
    clustering.add_argument("--window", type=float, default=None,
                            help=f"as precis cluster --window, in days (default {CLUSTER_DEFAULTS['window']:g})")
    clustering.add_argument("--min-size", type=int, default=None,
                            help=f"as precis cluster --min-size (default {CLUSTER_DEFAULTS['min_size']})")
    clustering.add_argument("--partition-articles", type=int, default=5000,
                            help="articles per time window clustered by one task (default 5000)")
    clustering.add_argument("--overlap-days", type=float, default=None,
                            help="days before a window's start whose articles its task clusters first (warm-up), to "
                                 "carry the stories across the edge (default: --window, as long as the command keeps "
                                 "a story open)")
    clustering.add_argument("--overlap-articles", type=int, default=None,
                            help="at most this many warm-up articles, the latest (default: --partition-articles, so "
                                 "that no article is clustered more than twice)")
    parser.add_argument("--verbose", action="store_true",
                        help="say how long the run took, and each worker's peak memory (RSS) and CPU time")
    return parser.parse_args(argv)


def worker_usage() -> Tuple[float, float]:
    """Runs on a worker: its process's peak resident memory (MB) and CPU
    time (user and system, seconds) so far."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def report_workers(client: Any) -> None:
    """Each worker's peak RSS and CPU time, then the driver's own (with a
    local cluster, the scheduler runs in the driver's process too)."""
    for worker, (mb, cpu) in sorted(client.run(worker_usage).items()):
        print(f"precis.dask: worker {worker}: peak RSS {mb:.1f} MB, CPU {cpu:.1f} s", file=sys.stderr)
    mb, cpu = worker_usage()
    print(f"precis.dask: driver: peak RSS {mb:.1f} MB, CPU {cpu:.1f} s", file=sys.stderr)


def summarize_options(args: argparse.Namespace) -> Dict[str, Any]:
    return dict(words=args.words, bytes=args.bytes, sentences=args.sentences, method=args.method,
                query=args.query, citation_threshold=args.citation_threshold, clean=not args.no_clean,
                params=args.params, max_docs=args.max_docs, max_story_bytes=args.max_story_bytes,
                max_sentence_bytes=args.max_sentence_bytes)


def put_in_place(tmp_name: str, output: str) -> bool:
    """Moves the finished temporary file onto `output`; on failure says why,
    removes the temporary file and returns False (nothing half written)."""
    try:
        os.replace(tmp_name, output)
        return True
    except OSError as error:
        os.unlink(tmp_name)
        print(f"precis.dask: {output}: {error.strerror}", file=sys.stderr)
        return False


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
    if not put_in_place(tmp.name, args.output):
        return EXIT_OUTPUT
    if args.verbose:
        seconds = time.monotonic() - started
        print(f"precis.dask: {written + failed} stories in {seconds:.1f} s "
              f"({(written + failed) / max(seconds, 1e-9):.0f} stories/s)", file=sys.stderr)
        report_workers(client)
    print(closing, file=sys.stderr)
    return EXIT_BAD_INPUT if failed else EXIT_EMPTY_BRIEF if empty_briefs else EXIT_OK


# Clustering ------------------------------------------------------------------
#
# The design (README, "On a cluster: Dask"):
# 1. Dates (parallel). The file is read in blocks of lines; a task reads the
#    dates of a block's articles as the clusterer takes them (an article
#    whose "date" cannot be read is cleaned, which may find one). A bad line
#    is named here with its file and line.
# 2. Windows. The driver orders the articles by date (an undated one dated
#    like the last dated one before it in the input, as the command does;
#    ties in input order) and cuts that order into windows of
#    --partition-articles articles. Each article belongs to one window.
# 3. Clustering (parallel). A task clusters a window's articles with the
#    command's code (precis.ClusterStream, in date order), after the latest
#    --overlap-articles articles of the --overlap-days before the window's
#    start (warm-up articles, owned by earlier windows): a story crossing
#    the edge finds its recent articles there and goes on.
# 4. Edge merge (second pass, in window order). A story of a window that
#    holds warm-up articles continues the story (already final) that holds
#    most of them, ties to the earliest; otherwise it is a new story. Warm-up
#    articles stay where their own window put them.
# Stories are numbered by their first article (as the command numbers them)
# and written in that order. Every article read is in one story or named
# on standard error; the result depends only on the input and the options,
# never on the number of workers or the scheduling.

# (line number, the line's bytes, or None for a line over --max-line-bytes)
LineBlock = List[Tuple[int, Optional[bytes]]]


def line_too_long(name: str, number: int, max_line_bytes: int) -> str:
    return f"{name}:{number}: the line is longer than the limit of {max_line_bytes} bytes (--max-line-bytes)"


def days_block(name: str, clean: bool, max_line_bytes: int,
               block: LineBlock) -> List[Tuple[int, List[Optional[float]], str]]:
    """Runs on a worker: per line (number, [day or None per article], error or "")."""
    from precis import _precis

    readable = [(line, number) for number, line in block if line is not None]
    found = {number: (days, error) for number, days, error in _precis.article_days(readable, name, clean)}
    return [(number, *found[number]) if line is not None else (number, [], line_too_long(name, number, max_line_bytes))
            for number, line in block]


PartitionStory = Tuple[List[Tuple[int, int]], List[str], List[bool]]


def cluster_partition(name: str, fields: Dict[str, Any], clean: bool,
                      entries: List[Tuple[bytes, int, List[int]]]) -> Tuple[List[PartitionStory],
                                                                             List[Tuple[int, int, str]]]:
    """Runs on a worker: clusters the articles (line, number, [indexes]) as
    precis cluster does, all of them in date order. Returns the stories, each
    ([(line number, index)], [doc JSON], [copy?]), and the articles that
    failed, (number, index, message)."""
    from precis import _precis

    articles = sum(len(indexes) for _, _, indexes in entries)
    stream = _precis.ClusterStream(fields, 1, max(1, articles), clean, True, 1)
    added = stream.add_lines(entries, name)
    stream.finish()
    key = {seq: (number, index) for seq, number, index, _ in added}
    failed = [(number, index, error) for _, number, index, error in added if error]
    copies = {seq for seq, _, _, copy_of in stream.take_placed() if copy_of is not None}
    stories = [([key[seq] for seq in seqs], docs, [seq in copies for seq in seqs])
               for _, docs, seqs in stream.take_stories()]
    return stories, failed


def cluster_fields(args: argparse.Namespace) -> Dict[str, Any]:
    import precis

    defaults = precis.CLUSTER_DEFAULTS
    return {"threshold": defaults["threshold"] if args.threshold is None else args.threshold,
            "window_days": defaults["window"] if args.window is None else args.window}


def check_cluster_options(args: argparse.Namespace) -> None:
    """Raises ValueError with the message of a bad option."""
    import precis
    from precis import _precis

    if args.min_size is None:
        args.min_size = precis.CLUSTER_DEFAULTS["min_size"]
    for flag, value in (("--min-size", args.min_size), ("--partition-articles", args.partition_articles)):
        if value < 1:
            raise ValueError(f"{flag} must be at least 1, got {value}")
    if args.overlap_articles is not None and args.overlap_articles < 0:
        raise ValueError(f"--overlap-articles must not be negative, got {args.overlap_articles}")
    if args.overlap_days is not None and not args.overlap_days >= 0:
        raise ValueError(f"--overlap-days must not be negative, got {args.overlap_days}")
    _precis.ClusterStream(cluster_fields(args), 1, 1, True, True, 1)


def read_line_blocks(path: str, lines_per_block: int, max_line_bytes: int,
                     offsets: Dict[int, Tuple[int, int]]) -> Iterator[LineBlock]:
    """The non-blank lines of the file in blocks, as read_blocks; records
    each line's (offset, length) in `offsets`."""
    block: LineBlock = []
    offset = 0
    with open(path, "rb") as f:
        for number, raw in enumerate(f, 1):
            line = raw[:-1] if raw.endswith(b"\n") else raw
            line = line[:-1] if line.endswith(b"\r") else line
            if line.strip(b" \t"):
                offsets[number] = (offset, len(line))
                block.append((number, line if len(line) < max_line_bytes else None))
                if len(block) >= lines_per_block:
                    yield block
                    block = []
            offset += len(raw)
    if block:
        yield block


def in_order(client: Any, tasks: Iterator[Tuple[Any, ...]]) -> Iterator[Any]:
    """Submits the tasks (function, arguments...), two per worker in flight,
    and yields their results in the order of the tasks."""
    in_flight = max(2, 2 * len(client.scheduler_info().get("workers", {})))
    pending: "collections.deque[Any]" = collections.deque()
    try:
        for task in tasks:
            pending.append(client.submit(*task, pure=False))
            if len(pending) >= in_flight:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()


def cluster_run(args: argparse.Namespace, client: Any) -> int:
    name = args.input
    fields = cluster_fields(args)
    clean = not args.no_clean
    started = time.monotonic()
    # 1. Dates, per article: (line number, index in the line), in input order.
    offsets: Dict[int, Tuple[int, int]] = {}
    keys: List[Tuple[int, int]] = []
    days: List[Optional[float]] = []
    problems: List[Tuple[int, int, str]] = []  # (number, index or -1, message)
    bad_lines = 0
    try:
        blocks = read_line_blocks(args.input, max(1, args.block_lines), args.max_line_bytes, offsets)
        for results in in_order(client, ((days_block, name, clean, args.max_line_bytes, block) for block in blocks)):
            for number, line_days, error in results:
                if error:
                    problems.append((number, -1, error))
                    bad_lines += 1
                    continue
                for index, day in enumerate(line_days):
                    keys.append((number, index))
                    days.append(day)
    except OSError as error:
        print(f"precis.dask: {error.filename or args.input}: {error.strerror}", file=sys.stderr)
        return EXIT_BAD_INPUT
    # 2. Windows: the articles in date order, cut every --partition-articles.
    clock = -math.inf
    when: List[float] = []
    for day in days:
        if day is not None:
            clock = day
        when.append(clock if day is None else day)
    order = sorted(range(len(keys)), key=lambda j: (when[j], j))
    size = max(1, args.partition_articles)
    windows = [order[start:start + size] for start in range(0, len(order), size)]
    overlap_articles = size if args.overlap_articles is None else args.overlap_articles
    overlap_days = fields["window_days"] if args.overlap_days is None else args.overlap_days
    warmed = 0

    def window_task(w: int) -> Tuple[Any, ...]:
        nonlocal warmed
        core = windows[w]
        first = windows[w][0]
        warm: List[int] = []
        if w > 0:
            at = w * size - 1
            while at >= 0 and len(warm) < overlap_articles and when[order[at]] >= when[first] - overlap_days:
                warm.append(order[at])
                at -= 1
        warmed += len(warm)
        lines: Dict[int, List[int]] = collections.defaultdict(list)
        for j in sorted(core + warm):
            lines[keys[j][0]].append(keys[j][1])
        entries = []
        with open(args.input, "rb") as f:
            for number in sorted(lines):
                offset, length = offsets[number]
                f.seek(offset)
                entries.append((f.read(length), number, lines[number]))
        return (cluster_partition, name, fields, clean, entries)

    # 3 and 4. Each window clustered; its stories merged, in window order.
    position = {key: j for j, key in enumerate(keys)}
    owner: Dict[int, int] = {}            # article -> its story (index in `stories`)
    stories: List[List[Tuple[int, str, bool]]] = []  # (article, doc JSON, copy?)
    try:
        for w, (found, failed) in enumerate(in_order(client, (window_task(w) for w in range(len(windows))))):
            core = set(windows[w])
            problems.extend(p for p in failed if position[(p[0], p[1])] in core)
            for members, docs, copies in found:
                articles = [position[key] for key in members]
                mine = [(j, doc, copy) for j, doc, copy in zip(articles, docs, copies) if j in core]
                if not mine:
                    continue
                votes = collections.Counter(owner[j] for j in articles if j not in core and j in owner)
                if votes:
                    story = min(votes, key=lambda s: (-votes[s], s))
                else:
                    story = len(stories)
                    stories.append([])
                for j, doc, copy in mine:
                    owner[j] = story
                    stories[story].append((j, doc, copy))
    except OSError as error:
        print(f"precis.dask: {error.filename or args.input}: {error.strerror}", file=sys.stderr)
        return EXIT_BAD_INPUT
    problems.sort(key=lambda p: (p[0], p[1]))
    for _, _, message in problems[:1] if args.on_error == "stop" else problems:
        print(f"precis.dask: {message}" + (" (skipped)" if args.on_error == "skip" else ""), file=sys.stderr)
    for story in stories:
        story.sort(key=lambda member: (when[member[0]], member[0]))
    stories.sort(key=lambda story: (when[story[0][0]], story[0][0]))
    clustered = sum(len(story) for story in stories)
    copies = sum(copy for story in stories for _, _, copy in story)
    written = [story for story in stories if len(story) >= args.min_size]
    small = len(stories) - len(written)
    closing = (f"precis.dask: articles: {len(keys) + bad_lines} read, {clustered} clustered ({copies} "
               f"{'copy' if copies == 1 else 'copies'}), {len(problems)} failed; stories: {len(stories)}, "
               f"{0 if problems and args.on_error == 'stop' else len(written)} written")
    if small:
        small_articles = clustered - sum(len(story) for story in written)
        closing += (f", {small} smaller than --min-size not written ({small_articles} "
                    f"{'article' if small_articles == 1 else 'articles'})")
    if problems and args.on_error == "stop":
        print(f"precis.dask: {args.output} was not written", file=sys.stderr)
        print(closing + " (stopped at the first failure; --on-error skip goes on)", file=sys.stderr)
        return EXIT_BAD_INPUT
    out_dir = os.path.dirname(os.path.abspath(args.output))
    try:
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=out_dir, prefix=".precis-dask-",
                                         delete=False) as tmp:
            try:
                for number, story in enumerate(stories, 1):
                    if len(story) >= args.min_size:
                        tmp.write(f'{{"id":"story-{number}","docs":[{",".join(doc for _, doc, _ in story)}]}}\n')
            except OSError:
                os.unlink(tmp.name)
                raise
    except OSError as error:
        print(f"precis.dask: {args.output}: {error.strerror}", file=sys.stderr)
        return EXIT_OUTPUT
    if not put_in_place(tmp.name, args.output):
        return EXIT_OUTPUT
    if args.verbose:
        seconds = time.monotonic() - started
        print(f"precis.dask: {len(keys)} articles in {len(windows)} windows ({warmed} warm-up articles clustered "
              f"again) in {seconds:.1f} s ({len(keys) / max(seconds, 1e-9):.0f} articles/s)", file=sys.stderr)
        report_workers(client)
    print(closing, file=sys.stderr)
    return EXIT_BAD_INPUT if problems else EXIT_OK


def main(argv: Optional[List[str]] = None) -> int:
    args = parse_args(argv)
    import precis
    from distributed import Client, LocalCluster

    workers = args.workers if args.workers is not None else (os.cpu_count() or 1)
    try:
        # Bad options are bad usage, found before a cluster starts.
        if args.cluster:
            check_cluster_options(args)
        else:
            precis._config(**summarize_options(args))
        if workers < 1:
            raise ValueError(f"--workers must be at least 1, got {workers}")
    except ValueError as error:
        print(f"precis.dask: {error}", file=sys.stderr)
        return EXIT_USAGE
    if not os.path.isfile(args.input):
        print(f"precis.dask: {args.input}: no such file or directory", file=sys.stderr)
        return EXIT_BAD_INPUT
    go = cluster_run if args.cluster else run
    # Dask's own warnings (a slow event loop on a busy machine, workers
    # closing at the end) are not the run's: errors only, here and on the
    # workers of a local cluster.
    logging.getLogger("distributed").setLevel(logging.ERROR)
    if args.scheduler:
        with Client(args.scheduler) as client:
            return go(args, client)
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        return go(args, client)


if __name__ == "__main__":
    sys.exit(main())
