#!/usr/bin/env bash
# Installs what precis needs from Debian 12's packages, builds it into
# build/, and summarizes the bundled example story. (clang-14 and
# libclang-rt-14-dev, which holds libFuzzer, are for scripts/fuzz.sh; the
# python3 packages are for the Python module and python3 -m precis.dask;
# libsqlite3-dev and libcpp-httplib-dev for precis serve.)
#   scripts/setup.sh            (as root, or a user who may sudo)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake pkg-config
  libicu-dev libstemmer-dev libsimdjson-dev nlohmann-json3-dev libcli11-dev libfmt-dev
  libxml2-dev libgumbo-dev zlib1g-dev coinor-libcbc-dev libglpk-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libsqlite3-dev libcpp-httplib-dev
  python3-dev pybind11-dev python3-pytest python3-dask python3-distributed
  clang-14 libclang-rt-14-dev
)

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  # Another process may hold the package lock for a while: wait for it.
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=1800 update -qq ||
    echo "setup: apt-get update failed; trying with the current package lists" >&2
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=1800 install -y -qq "${missing[@]}"
fi

cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DPRECIS_PYTHON=ON
cmake --build build -j"$(nproc)"

echo "setup: built build/precis; summarizing the bundled example story:" >&2
./build/precis summarize examples/lumen-bay-ferry/
