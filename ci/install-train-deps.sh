#!/usr/bin/env bash
# What `make train` and `make results` need beyond ci/install-deps.sh: Python's venv module (a
# separate Debian package) and gnuplot for the plots. Does nothing when both are present.
set -euo pipefail
missing=()
python3 -c 'import ensurepip, venv' 2>/dev/null || missing+=(python3-venv)
command -v gnuplot >/dev/null || missing+=(gnuplot-nox)
[[ ${#missing[@]} -eq 0 ]] && exit 0
echo "install-train-deps: installing ${missing[*]}"
SUDO=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "install-train-deps: need root or sudo" >&2; exit 1; }
  SUDO=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
