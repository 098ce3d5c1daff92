#!/usr/bin/env bash
# dhad bench against the PyTorch eager reference of the same work (bench_pytorch.py beside this script):
# DeepLabV3-ResNet50 with the outlier head, the paper's loss and Adam, batch 4, 256x256, 2 threads, for freeze
# NONE and ALL. The two run alternately for ROUNDS rounds (the machine is noisy: judge by ratios of neighbouring
# runs), and the median of each ratio is printed: training step time dhad/PyTorch (<= 1 is as fast or faster),
# the same in CPU seconds of the process per step (steadier than wall time when other work shares the cores),
# inference images/s dhad/PyTorch (>= 1), peak resident memory dhad/PyTorch. dhad runs once per CPU kernels
# setting in KERNELS (DHAD_KERNELS: reproducible, capped at AVX2 for bit-identical repeats, and fast, the
# processor's widest ISA as PyTorch uses it), each against the same PyTorch run.
# ALLOCATOR picks the C allocator of both sides alike (system: the C library's malloc; jemalloc: libjemalloc
# preloaded with the settings DHAD_ALLOCATOR=jemalloc uses): libtorch's speed depends on it as much as on anything
# measured here, so the two sides always share it.
#   ROUNDS (default 3), THREADS (default 2), SIZE (default 256), BATCH (default 4), STEPS (default 5), WARMUP
#   (steps before the timed ones on both sides, default 2: dhad's second step still pays for the JIT compiler),
#   KERNELS (default "fast reproducible"), ALLOCATOR (default system; any DHAD_ALLOCATOR value)
# Needs Python with torch and torchvision: $PYTHON, else ~/.venv-reference (../shared/tools/reference-python.sh).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rounds="${ROUNDS:-3}" threads="${THREADS:-2}" size="${SIZE:-256}" batch="${BATCH:-4}" steps="${STEPS:-5}"
warmup="${WARMUP:-2}"
kernels="${KERNELS:-fast reproducible}" allocator="${ALLOCATOR:-system}"
python="${PYTHON:-$HOME/.venv-reference/bin/python3}"
if ! "$python" -c 'import torch, torchvision' 2>/dev/null; then
  echo "bench-vs-pytorch: no Python with torch and torchvision at $python; make one with" >&2
  echo "  bash ../shared/tools/reference-python.sh ~/.venv-reference   (or set PYTHON)" >&2
  exit 2
fi
# shellcheck source=native-allocator.sh
. "$root/releng/scripts/native-allocator.sh"
(DHAD_ALLOCATOR="$allocator" use_allocator bench-vs-pytorch) || exit 2 # refuses an unknown or missing one
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export DHAD_THREADS="$threads" OMP_NUM_THREADS="$threads" DHAD_ALLOCATOR="$allocator"
"$root/dhad" --version >/dev/null 2>&1 || { echo "bench-vs-pytorch: ./dhad does not start" >&2; exit 1; }

dhad_run() { # freeze kernels -> "step_s images_per_s peak_gib step_cpu_s"
  DHAD_KERNELS="$2" "$root/dhad" bench --depth 50 --batch "$batch" --size "$size" --steps "$steps" \
    --warmup "$warmup" --images 8 --freeze "$1" \
    >"$work/dhad.out" 2>&1 || { cat "$work/dhad.out" >&2; return 1; }
  python3 - "$work/dhad.out" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
step = re.search(r"training step\s+([0-9.]+) s", text).group(1)
images = re.search(r"inference\s+([0-9.]+) images/s", text).group(1)
peak = re.search(r"peak resident memory\s+([0-9.]+) GiB", text).group(1)
cpu = re.search(r"training step CPU\s+([0-9.]+) s", text)
print(step, images, peak, cpu.group(1) if cpu else "nan")
PY
}

pytorch_run() { # freeze -> "step_s images_per_s peak_gib step_cpu_s"
  (DHAD_ALLOCATOR="$allocator" use_allocator bench-vs-pytorch  # the same allocator as dhad's side
   exec "$python" "$root/releng/scripts/bench_pytorch.py" --batch "$batch" --size "$size" --steps "$steps" \
    --warmup "$warmup" --images 8 \
    --freeze "$1" --threads "$threads") >"$work/torch.out" 2>&1 || { cat "$work/torch.out" >&2; return 1; }
  python3 -c 'import json,sys; r=json.loads(open(sys.argv[1]).read().strip().splitlines()[-1]); print(r["step_s"], r["images_per_s"], r["peak_rss_gib"], r["step_cpu_s"])' "$work/torch.out"
}

echo "round freeze kernels       dhad: step s  images/s  peak GiB  CPU s | pytorch: step s  images/s  peak GiB  CPU s"
: >"$work/rows"
for round in $(seq 1 "$rounds"); do
  for freeze in NONE ALL; do
    # Alternate which side goes first, so that drift in the machine's load does not favour one.
    [ $((round % 2)) -eq 0 ] && { p="$(pytorch_run $freeze)" || exit 1; }
    d=()
    for k in $kernels; do r="$(dhad_run $freeze "$k")" || exit 1; d+=("$r"); done
    [ $((round % 2)) -eq 1 ] && { p="$(pytorch_run $freeze)" || exit 1; }
    i=0
    for k in $kernels; do
      echo "$round $freeze $k ${d[$i]} $p" | tee -a "$work/rows" | awk '{printf "%5s %-6s %-12s %12.2f %9.2f %9.2f %6.2f | %15.2f %9.2f %9.2f %6.2f\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11}'
      i=$((i + 1))
    done
  done
done
python3 - "$work/rows" "$("$python" -c 'import torch; print(torch.__version__)')" "$rounds" "$allocator" $kernels <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
print(f"\nmedian ratios over {sys.argv[3]} rounds (dhad / PyTorch {sys.argv[2]} eager), allocator {sys.argv[4]}:")
for kernels in sys.argv[5:]:
    for freeze in ("NONE", "ALL"):
        mine = [r for r in rows if r[1] == freeze and r[2] == kernels]
        step = statistics.median(float(r[3]) / float(r[7]) for r in mine)
        cpu = statistics.median(float(r[6]) / float(r[10]) for r in mine)
        infer = statistics.median(float(r[4]) / float(r[8]) for r in mine)
        peak = statistics.median(float(r[5]) / float(r[9]) for r in mine)
        print(f"  {kernels:<12} freeze {freeze:<4}  training step {step:.2f}x (target <= 1.00; CPU time {cpu:.2f}x)"
              f"   inference {infer:.2f}x (target >= 1.00)   peak memory {peak:.2f}x (target <= 1.20)")
PY
