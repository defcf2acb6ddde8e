"""dask_bench: precis summarize through Dask against the command, on one machine.

    /usr/bin/python3 bench/dask_bench.py [SIZE] [--build DIR] [--workers 1,2] [--threads 1,2] [--keep DIR]

Generates SIZE (default 200M; suffixes K, M, G) of synthetic stories with
build/bench/batch_memory's generator (--generate), then summarizes the same
file with `precis summarize FILE --threads N` for each N of --threads and with
`python3 -m precis.dask FILE --workers N` (a local cluster of N worker
processes of one thread) for each N of --workers, every output to a file in a
temporary directory, and checks that every output is the command's, byte for
byte. Prints, per run: the wall time (for Dask also the time after the
cluster started, which --verbose reports), stories/s, the CPU time and the
peak RSS of the command, or of each Dask worker and of the driver (which
holds the scheduler of the local cluster); then Dask's overhead
against the command at the same parallelism, and the scaling from the first
to the last count. Dask's own logging is kept at error level, and the runs'
standard error is kept out of the report (shown only when a run fails). The
load average before and after each run says how busy the machine was.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time


def parse_size(text):
    match = re.fullmatch(r"(\d+(?:\.\d+)?)([KMG]?)", text.strip().upper())
    if not match:
        raise argparse.ArgumentTypeError(f"not a size: {text} (e.g. 200M)")
    return int(float(match.group(1)) * {"": 1, "K": 1e3, "M": 1e6, "G": 1e9}[match.group(2)])


def counts(text):
    values = [int(v) for v in text.split(",") if v.strip()]
    if not values or min(values) < 1:
        raise argparse.ArgumentTypeError(f"give counts like 1,2: {text}")
    return values


def load_average():
    return "/".join(f"{v:.1f}" for v in os.getloadavg())


def run_child(args, env=None):
    """Runs a program: (status, wall seconds, peak RSS of the process in MB,
    its CPU seconds, standard error)."""
    started = time.monotonic()
    with tempfile.TemporaryFile() as err:
        child = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=err, env=env)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.monotonic() - started
        err.seek(0)
        return (child.returncode, seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime,
                err.read().decode("utf-8", "replace"))


def same_file(a, b):
    with open(a, "rb") as fa, open(b, "rb") as fb:
        while True:
            x, y = fa.read(1 << 20), fb.read(1 << 20)
            if x != y:
                return False
            if not x:
                return True


def main():
    parser = argparse.ArgumentParser(prog="dask_bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("size", nargs="?", type=parse_size, default=parse_size("200M"))
    parser.add_argument("--build", default="build", help="the build tree (default: build)")
    parser.add_argument("--workers", type=counts, default=[1, 2], help="Dask worker counts (default 1,2)")
    parser.add_argument("--threads", type=counts, default=[1, 2], help="the command's thread counts (default 1,2)")
    parser.add_argument("--keep", help="generate into this directory and keep the files")
    args = parser.parse_args()

    build = os.path.abspath(args.build)
    precis = os.path.join(build, "precis")
    generator = os.path.join(build, "bench", "batch_memory")
    for needed in (precis, generator, os.path.join(build, "python", "precis", "dask.py")):
        if not os.path.exists(needed):
            sys.exit(f"dask_bench: {needed} is missing (build with -DPRECIS_PYTHON=ON first)")
    env = dict(os.environ, PYTHONPATH=os.path.join(build, "python"))
    work = args.keep or tempfile.mkdtemp(prefix="precis-dask-bench-")
    os.makedirs(work, exist_ok=True)
    try:
        stories_file = os.path.join(work, "stories.jsonl")
        made = subprocess.run([generator, str(args.size), "--generate", stories_file], capture_output=True,
                              text=True, check=True).stdout
        stories = int(re.search(r": (\d+) stories", made).group(1))
        megabytes = os.path.getsize(stories_file) / 1e6
        print(f"dask_bench: {megabytes:.1f} MB, {stories:,} stories; {os.cpu_count()} cores; "
              f"python3 {sys.version.split()[0]}")
        print(f"{'run':<18} {'wall s':>7} {'run s':>7} {'stories/s':>9} {'(run)':>6} {'CPU s':>15} "
              f"{'peak RSS MB':>30}   load before / after")
        results = {}
        reference = None
        runs = [("cli", n) for n in args.threads] + [("dask", n) for n in args.workers]
        for kind, n in runs:
            out = os.path.join(work, f"{kind}-{n}.jsonl")
            before = load_average()
            if kind == "cli":
                label = f"precis --threads {n}"
                command = [precis, "summarize", stories_file, "--threads", str(n), "--no-progress", "-o", out]
            else:
                label = f"dask --workers {n}"
                command = [sys.executable, "-m", "precis.dask", stories_file, "-o", out, "--workers", str(n),
                           "--verbose"]
            status, seconds, rss, cpu, err = run_child(command, env)
            if status != 0:
                sys.exit(f"dask_bench: {label} exited with status {status}:\n{err}")
            run_seconds = seconds
            memory, cpus, cpu_total = f"{rss:.0f}", f"{cpu:.1f}", cpu
            if kind == "dask":
                run_seconds = float(re.search(r"stories in ([0-9.]+) s", err).group(1))
                workers = [(float(mb), float(s)) for mb, s in
                           re.findall(r"worker \S+: peak RSS ([0-9.]+) MB, CPU ([0-9.]+) s", err)]
                # The driver's own figures: wait4 would count its children, the workers, too.
                driver_mb, driver_cpu = (float(v) for v in
                                         re.search(r"driver: peak RSS ([0-9.]+) MB, CPU ([0-9.]+) s", err).groups())
                memory = "workers " + " ".join(f"{mb:.0f}" for mb, _ in workers) + f", driver {driver_mb:.0f}"
                cpus = "+".join(f"{s:.1f}" for _, s in workers) + f"+{driver_cpu:.1f}"
                cpu_total = sum(s for _, s in workers) + driver_cpu
                noise = [line for line in err.splitlines() if not line.startswith("precis.dask: ")]
                if noise:
                    print(f"dask_bench: {label} logged {len(noise)} other lines, the first: {noise[0]}")
            if reference is None:
                reference = out
            elif not same_file(reference, out):
                sys.exit(f"dask_bench: {label} wrote another file than {runs[0][0]} {runs[0][1]}")
            results[(kind, n)] = (seconds, run_seconds, cpu_total)
            print(f"{label:<18} {seconds:7.1f} {run_seconds:7.1f} {stories / seconds:9.0f} "
                  f"{stories / run_seconds:6.0f} {cpus:>15} {memory:>30}   {before} / {load_average()}")
        print("all outputs identical to the command's")
        for n in sorted(set(args.threads) & set(args.workers)):
            cli, dask = results[("cli", n)], results[("dask", n)]
            print(f"overhead of dask at {n}: wall {100 * (dask[0] / cli[0] - 1):+.0f}%, after start-up "
                  f"{100 * (dask[1] / cli[0] - 1):+.0f}%, CPU {100 * (dask[2] / cli[2] - 1):+.0f}% "
                  f"(against precis --threads {n})")
        for kind, ns in (("cli", args.threads), ("dask", args.workers)):
            if len(ns) > 1:
                first, last = results[(kind, ns[0])], results[(kind, ns[-1])]
                print(f"scaling of {kind} from {ns[0]} to {ns[-1]}: {first[0] / last[0]:.2f}x wall"
                      + (f", {first[1] / last[1]:.2f}x after start-up" if kind == "dask" else ""))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
