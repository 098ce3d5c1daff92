#!/usr/bin/env bash
# Why DHAD_KERNELS=reproducible caps oneDNN at AVX2 and the fast kernels refuse narrow convolutions
# (NarrowConvolutions): the input gradient of convolutions with output channels off the multiples of 16, each
# computed 9 times from the same inputs, in Python's PyTorch and in the product's libtorch 2.7.1 through DJL,
# uncapped and capped at AVX2. A line of zeros repeats exactly; other digits number different results. Needs
# Python torch (as bench-vs-pytorch.sh) and the DJL jars of a build (see djl-classpath.sh).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
python="${PYTHON:-$HOME/.venv-reference/bin/python3}"
"$python" -c 'import torch' 2>/dev/null \
  || { echo "narrow-convolutions: no Python with torch at $python (set PYTHON)" >&2; exit 2; }
. "$here/djl-classpath.sh"
grep -qw avx512f /proc/cpuinfo 2>/dev/null || echo "note: this processor has no AVX-512; both caps run the same kernels"
export OMP_NUM_THREADS=2
echo "PyTorch $("$python" -c 'import torch; print(torch.__version__)'), uncapped:"
"$python" "$here/narrow-convolutions/narrow_convolutions.py" | sed 's/^/  /'
for isa in ALL AVX2; do
  echo "libtorch 2.7.1 through DJL, ONEDNN_MAX_CPU_ISA=$isa:"
  ONEDNN_MAX_CPU_ISA=$isa java -DDJL_CACHE_DIR="$cache" -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=2 \
    -cp "$cp" "$here/narrow-convolutions/NarrowConvolutionRepeats.java" 2>&1 | grep -v '^SLF4J' | sed 's/^/  /'
done
