#!/usr/bin/env bash
# The bare forward of both sides of bench-vs-pytorch.sh: torchvision's DeepLabV3-ResNet50 traced once, then its
# forward (batch 4, 256x256, 2 threads) timed in Python's PyTorch and in the product's libtorch 2.7.1 through DJL,
# without a oneDNN ISA cap and with the product's AVX2 cap. It tells the libtorch version's share of a gap from
# the cap's. Needs Python torch (as bench-vs-pytorch.sh) and the DJL jars in the local Maven repository (any
# build of this project puts them there) with libtorch in DHAD_NATIVE_CACHE (any ./dhad start extracts it).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
python="${PYTHON:-$HOME/.venv-reference/bin/python3}"
m2="${M2_REPO:-$HOME/.m2/repository}"
cache="${DHAD_NATIVE_CACHE:-$HOME/.dhad/native}"
"$python" -c 'import torch, torchvision' 2>/dev/null \
  || { echo "bare-forward: no Python with torch and torchvision at $python (set PYTHON)" >&2; exit 2; }
jar() { local found; found="$(ls "$m2"/$1 2>/dev/null | sort -V | tail -n 1)"
  [ -n "$found" ] || { echo "bare-forward: $m2/$1 not found; build the project once (./mvnw install)" >&2; exit 2; }
  printf '%s' "$found"; }
cp="$(jar 'ai/djl/api/0.36.0/api-0.36.0.jar'):$(jar 'ai/djl/pytorch/pytorch-engine/0.36.0/pytorch-engine-0.36.0.jar')"
cp="$cp:$(jar 'ai/djl/pytorch/pytorch-jni/2.7.1-0.36.0/pytorch-jni-2.7.1-0.36.0.jar'):$(jar 'net/java/dev/jna/jna/5.*/jna-5.*.jar')"
cp="$cp:$(jar 'ai/djl/pytorch/pytorch-native-cpu/2.7.1/pytorch-native-cpu-2.7.1-linux-x86_64.jar')"
cp="$cp:$(jar 'com/google/code/gson/gson/2.*/gson-2.*.jar'):$(jar 'org/slf4j/slf4j-api/1.7.36/slf4j-api-1.7.36.jar')"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
for isa in ALL AVX2; do
  echo "ONEDNN_MAX_CPU_ISA=$isa"
  export ONEDNN_MAX_CPU_ISA=$isa OMP_NUM_THREADS=2
  "$python" "$here/bare-forward/trace_deeplabv3.py" "$work/deeplabv3.pt" | sed 's/^/  /'
  java -DDJL_CACHE_DIR="$cache" -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=2 -cp "$cp" \
    "$here/bare-forward/BareForward.java" "$work/deeplabv3.pt" 2>&1 | grep -v '^SLF4J' | sed 's/^/  /'
done
