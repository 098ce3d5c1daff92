#!/usr/bin/env bash
# Regenerates the torchscript backbone's test fixtures with Python torch: makes (or reuses) the
# reference venv from ../shared/tools/reference-python.sh, then runs make-torchscript-fixtures.py.
#
# usage: releng/scripts/make-torchscript-fixtures.sh [OUT_DIR]
#   VENV (default ~/.venv-reference): the venv to use or create
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
venv=${VENV:-$HOME/.venv-reference}
if ! "$venv/bin/python3" -c "import torch, numpy" 2>/dev/null; then
    tool="$root/../shared/tools/reference-python.sh"
    [ -x "$tool" ] || { echo "make-torchscript-fixtures: no venv with torch at $venv and no $tool to make one" >&2; exit 1; }
    "$tool" "$venv"
fi
exec "$venv/bin/python3" "$here/make-torchscript-fixtures.py" "$@"
