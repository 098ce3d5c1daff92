#!/usr/bin/env bash
# The bare forward of both sides of bench-vs-pytorch.sh: torchvision's DeepLabV3-ResNet50 traced once, then its
# forward (batch 4, 256x256, 2 threads) timed in Python's PyTorch and in the product's libtorch 2.7.1 through DJL,
# without a oneDNN ISA cap and with the product's AVX2 cap. It tells the libtorch version's share of a gap from
# the cap's. Needs Python torch (as bench-vs-pytorch.sh) and the DJL jars in the local Maven repository (any
# build of this project puts them there) with libtorch in DHAD_NATIVE_CACHE (any ./dhad start extracts it).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
python="${PYTHON:-$HOME/.venv-reference/bin/python3}"
"$python" -c 'import torch, torchvision' 2>/dev/null \
  || { echo "bare-forward: no Python with torch and torchvision at $python (set PYTHON)" >&2; exit 2; }
. "$here/djl-classpath.sh"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
for isa in ALL AVX2; do
  echo "ONEDNN_MAX_CPU_ISA=$isa"
  export ONEDNN_MAX_CPU_ISA=$isa OMP_NUM_THREADS=2
  "$python" "$here/bare-forward/trace_deeplabv3.py" "$work/deeplabv3.pt" | sed 's/^/  /'
  java -DDJL_CACHE_DIR="$cache" -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=2 -cp "$cp" \
    "$here/bare-forward/BareForward.java" "$work/deeplabv3.pt" 2>&1 | grep -v '^SLF4J' | sed 's/^/  /'
done
