#!/usr/bin/python3
"""Load benchmark of precis serve (issue 19): clients on loopback post a
generated stream of articles (bench/serve_stream.py) in JSONL batches while
other clients read stories (GET /api/stories/{id}); then, with the whole
stream stored, story reads with the brief computed and with it cached.

  bench/serve_load.py                                   # 100,000 articles, 3,000 topics
  bench/serve_load.py --articles 10000 --topics 300 --binary build/precis

It starts the binary itself (on a free loopback port, with a store in a
temporary directory unless --db is given) and prints: articles/s ingested
(wall clock, and per CPU-second of the server: the rate on one core), the
latency of story reads during the ingest and after it (p50/p99, brief computed
and cached), of the story list and of a search, and the server's RSS as the
store grows. Standard library only. Exit status 0, or 1 when a request failed.
"""
import argparse
import http.client
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def percentile(values, p):
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, int(p / 100.0 * len(s)))]


def summary(values):
    return (f"n={len(values)} p50 {percentile(values, 50):.1f} ms, p90 {percentile(values, 90):.1f} ms, "
            f"p99 {percentile(values, 99):.1f} ms, max {max(values) if values else float('nan'):.1f} ms")


class Server:
    """precis serve as a child process; its port read from what it prints."""

    def __init__(self, binary, db, threads):
        self.proc = subprocess.Popen([binary, "serve", "--db", db, "--port", "0", "--threads", str(threads)],
                                     stdout=subprocess.PIPE, stderr=sys.stderr, text=True)
        line = self.proc.stdout.readline()
        m = re.search(r"listening on http://127\.0\.0\.1:(\d+)/", line)
        if not m:
            self.proc.kill()
            sys.exit(f"serve_load: the server did not start: {line!r}")
        self.port = int(m.group(1))
        self.clock_ticks = os.sysconf("SC_CLK_TCK")

    def rss_mb(self):
        """Current and peak resident size, MB."""
        rss = hwm = 0
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    rss = int(line.split()[1]) / 1024
                elif line.startswith("VmHWM:"):
                    hwm = int(line.split()[1]) / 1024
        return rss, hwm

    def cpu_seconds(self):
        with open(f"/proc/{self.proc.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / self.clock_ticks

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


class Client:
    """One keep-alive connection."""

    def __init__(self, port):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)

    def request(self, method, path, body=None):
        """(status, body bytes, milliseconds)."""
        headers = {"Content-Type": "application/json"} if body is not None else {}
        start = time.perf_counter()
        try:
            self.conn.request(method, path, body=body, headers=headers)
            res = self.conn.getresponse()
            data = res.read()
        except (http.client.HTTPException, OSError):
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=300)
            raise
        return res.status, data, (time.perf_counter() - start) * 1000


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=100000)
    ap.add_argument("--topics", type=int, default=3000)
    ap.add_argument("--days", type=int, default=28, help="days the stream's dates span (serve_stream.py)")
    ap.add_argument("--batch", type=int, default=1000, help="articles per POST (JSONL lines)")
    ap.add_argument("--posters", type=int, default=2, help="clients posting the stream")
    ap.add_argument("--readers", type=int, default=2, help="clients reading stories during the ingest")
    ap.add_argument("--read-rate", type=float, default=100,
                    help="story reads per second during the ingest, all readers together (0: as fast as they can)")
    ap.add_argument("--after", type=int, default=500, help="stories read after the ingest")
    ap.add_argument("--threads", type=int, default=8, help="the server's --threads")
    ap.add_argument("--binary", default=os.path.join(HERE, "..", "build", "precis"))
    ap.add_argument("--db", help="the store (default: a new one in a temporary directory)")
    args = ap.parse_args()

    print(f"serve_load: generating {args.articles} articles on {args.topics} topics over {args.days} days",
          flush=True)
    lines = subprocess.run([sys.executable, os.path.join(HERE, "serve_stream.py"), str(args.articles),
                            str(args.topics), str(args.days)], check=True, capture_output=True, text=True).stdout.splitlines()
    batches = [("\n".join(lines[i:i + args.batch]) + "\n").encode() for i in range(0, len(lines), args.batch)]
    del lines

    tmp = None
    db = args.db
    if db is None:
        tmp = tempfile.mkdtemp(prefix="precis-serve-load-")
        db = os.path.join(tmp, "news.db")
    server = Server(args.binary, db, args.threads)
    failures = []
    lock = threading.Lock()
    next_batch = [0]
    stories = []          # story ids seen, in order of first sight
    story_set = set()
    stored = [0]          # articles acknowledged (new or duplicate)
    reads_during = []
    ingest_done = threading.Event()

    def poster():
        client = Client(server.port)
        while True:
            with lock:
                i = next_batch[0]
                next_batch[0] += 1
            if i >= len(batches):
                return
            try:
                status, data, _ = client.request("POST", "/api/articles", batches[i])
            except Exception as e:  # noqa: BLE001 (any failure is reported)
                failures.append(f"POST batch {i}: {e}")
                return
            if status != 200:
                failures.append(f"POST batch {i}: {status} {data[:200]!r}")
                continue
            answer = json.loads(data)
            with lock:
                stored[0] += len(answer["articles"])
                for a in answer["articles"]:
                    if a["story"] not in story_set:
                        story_set.add(a["story"])
                        stories.append(a["story"])
                if answer["failed"]:
                    failures.append(f"POST batch {i}: {answer['failed'][:2]}")

    def reader(seed):
        client = Client(server.port)
        rng = random.Random(seed)
        interval = args.readers / args.read_rate if args.read_rate > 0 else 0
        due = time.perf_counter()
        while not ingest_done.is_set():
            if interval:
                due += interval
                wait = due - time.perf_counter()
                if wait > 0:
                    time.sleep(wait)
            with lock:
                known = len(stories)
                story = stories[rng.randrange(known)] if known else None
            if story is None:
                time.sleep(0.01)
                continue
            try:
                status, data, ms = client.request("GET", f"/api/stories/{story}")
            except Exception as e:  # noqa: BLE001
                failures.append(f"GET story {story}: {e}")
                return
            if status != 200:
                failures.append(f"GET story {story}: {status} {data[:200]!r}")
                continue
            reads_during.append(ms)

    rss_log = []  # (seconds, articles stored, rss MB, peak MB)
    start = time.perf_counter()

    def sampler():
        while not ingest_done.is_set():
            rss, hwm = server.rss_mb()
            rss_log.append((time.perf_counter() - start, stored[0], rss, hwm))
            time.sleep(0.5)

    cpu_before = server.cpu_seconds()
    threads = [threading.Thread(target=poster) for _ in range(args.posters)]
    threads += [threading.Thread(target=reader, args=(r,)) for r in range(args.readers)]
    sample_thread = threading.Thread(target=sampler)
    for t in threads + [sample_thread]:
        t.start()
    for t in threads[:args.posters]:
        t.join()
    ingest_seconds = time.perf_counter() - start
    cpu_ingest = server.cpu_seconds() - cpu_before
    ingest_done.set()
    for t in threads[args.posters:] + [sample_thread]:
        t.join()
    rss, hwm = server.rss_mb()
    rss_log.append((time.perf_counter() - start, stored[0], rss, hwm))

    print(f"ingest: {stored[0]} articles in {ingest_seconds:.1f} s: {stored[0] / ingest_seconds:,.0f} articles/s "
          f"({args.posters} posters, batches of {args.batch}; {args.readers} readers at the same time, "
          f"{len(reads_during) / ingest_seconds:.0f} reads/s); "
          f"server CPU {cpu_ingest:.1f} s: {stored[0] / max(cpu_ingest, 1e-9):,.0f} articles per CPU-second; "
          f"{len(stories)} stories")
    print(f"story reads during the ingest: {summary(reads_during)}")

    # With everything stored: each story read twice at a budget no read used
    # before (the first computes the brief, the second reads it from the
    # store), on one connection.
    client = Client(server.port)
    rng = random.Random(1)
    chosen = rng.sample(stories, min(args.after, len(stories)))
    computed, cached, sizes = [], [], []
    for story in chosen:
        for kind in (computed, cached):
            status, data, ms = client.request("GET", f"/api/stories/{story}?words=80")
            if status != 200:
                failures.append(f"GET story {story}: {status}")
                break
            kind.append(ms)
        sizes.append(len(json.loads(data)["articles"]))
    print(f"story reads after the ingest ({len(chosen)} stories of {percentile(sizes, 50)} articles at the median, "
          f"{max(sizes) if sizes else 0} at most):")
    print(f"  brief computed: {summary(computed)}")
    print(f"  brief cached:   {summary(cached)}")
    lists = [client.request("GET", "/api/stories?limit=50")[2] for _ in range(20)]
    print(f"story list (GET /api/stories?limit=50): {summary(lists)}")
    words = [f"s{rng.randrange(args.topics)}t{rng.randrange(12)}" for _ in range(10)]
    searches = [client.request("GET", f"/api/stories?q={w}")[2] for w in words]
    print(f"search (GET /api/stories?q=WORD): {summary(searches)}")

    print("server RSS as the store grew (seconds, articles stored, RSS MB, peak MB):")
    step = max(1, len(rss_log) // 12)
    for i, (s, n, r, h) in enumerate(rss_log):
        if i % step == 0 or i == len(rss_log) - 1:
            print(f"  {s:7.1f} s {n:8d} {r:8.1f} {h:8.1f}")
    rss, hwm = server.rss_mb()
    print(f"server RSS at the end: {rss:.1f} MB, peak {hwm:.1f} MB")
    server.stop()
    if tmp:
        shutil.rmtree(tmp, ignore_errors=True)
    for f in failures[:10]:
        print(f"failed: {f}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
