#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ (clang, ASan + UBSan) into build-fuzz/
# and runs them.
#   scripts/fuzz.sh                      every target for a fixed number of runs on
#                                        its seed corpus (CI; about 3 minutes on 2 cores)
#   scripts/fuzz.sh SECONDS [TARGET...]  each target (default: all) for SECONDS,
#                                        keeping what it finds in build-fuzz/corpus/<target>
# Crashes, leaks, hangs and sanitizer reports fail the script; the input that
# caused one is saved in build-fuzz/artifacts/ (replay: build-fuzz/fuzz/<target> FILE).
# PRECIS_FUZZ_JOBS (default 2): targets run at once; CXX_FUZZ: the clang++ to use.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=""
if [ $# -gt 0 ]; then
  seconds=$1
  shift
  case "$seconds" in '' | *[!0-9]*) echo "fuzz: SECONDS must be a number" >&2; exit 2 ;; esac
fi
jobs=${PRECIS_FUZZ_JOBS:-2}
cxx=${CXX_FUZZ:-$(command -v clang++-14 || command -v clang++ || echo clang++)}

compiler=()  # the compiler is chosen once, when build-fuzz/ is first configured
if [ ! -f build-fuzz/CMakeCache.txt ]; then compiler=(-DCMAKE_CXX_COMPILER="$cxx"); fi
cmake -S . -B build-fuzz "${compiler[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DPRECIS_FUZZ=ON -DPRECIS_BUILD_TESTS=OFF -DPRECIS_BUILD_BENCH=OFF >/dev/null
cmake --build build-fuzz -j2 --target fuzzers

# Runs per target in the fixed (CI) mode: about 10-20 s each on a 2-core machine.
declare -A ci_runs=(
  [story_json_fuzzer]=80000
  [split_articles_fuzzer]=500000
  [text_fuzzer]=150000
  [html_fuzzer]=8000
  [clean_fuzzer]=30000
  [rouge_config_fuzzer]=40000
  [rouge_jsonl_fuzzer]=40000
  [rouge_args_fuzzer]=40000
  [page_input_fuzzer]=3000
  [summarize_fuzzer]=15000
)

if [ $# -gt 0 ]; then
  targets=("$@")
else
  targets=()
  for f in fuzz/*_fuzzer.cc; do targets+=("$(basename "$f" .cc)"); done
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p build-fuzz/artifacts

run_one() {
  local t=$1 corpus args
  args=(-max_len=16384 -timeout=20 -rss_limit_mb=2560 -print_final_stats=1
        -artifact_prefix="build-fuzz/artifacts/$t-")
  if [ -n "$seconds" ]; then
    corpus=build-fuzz/corpus/$t
    mkdir -p "$corpus"
    args+=(-max_total_time="$seconds")
  else
    corpus=$work/$t  # new inputs of a CI run are thrown away
    mkdir -p "$corpus"
    args+=(-runs="${ci_runs[$t]:-10000}" -seed=1)
  fi
  local start=$SECONDS
  if "build-fuzz/fuzz/$t" "${args[@]}" "$corpus" "fuzz/corpus/$t" >"$work/$t.log" 2>&1; then
    echo "fuzz: $t ok: $(grep -o 'Done [0-9]* runs' "$work/$t.log" | tail -1) in $((SECONDS - start)) s"
  else
    echo "fuzz: $t FAILED after $((SECONDS - start)) s:" >&2
    grep -E -A40 '^==[0-9]+==|ERROR|runtime error|terminate called|Test unit written' "$work/$t.log" | head -80 >&2
    return 1
  fi
}

status=0
running=0
for t in "${targets[@]}"; do
  if [ ! -x "build-fuzz/fuzz/$t" ]; then echo "fuzz: no target $t" >&2; exit 2; fi
  if [ "$running" -ge "$jobs" ]; then
    wait -n || status=1
    running=$((running - 1))
  fi
  run_one "$t" &
  running=$((running + 1))
done
while [ "$running" -gt 0 ]; do
  wait -n || status=1
  running=$((running - 1))
done
if [ "$status" -ne 0 ]; then echo "fuzz: some targets failed (inputs in build-fuzz/artifacts/)" >&2; fi
exit "$status"
