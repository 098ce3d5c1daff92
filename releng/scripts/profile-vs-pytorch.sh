#!/usr/bin/env bash
# Where the inference time goes, operator by operator: `dhad bench --profile` and bench_pytorch.py --profile (the
# PyTorch eager reference of bench-vs-pytorch.sh) score the same batches of the same network once each, and
# operator_table.py prints the milliseconds per operator on both sides and each oneDNN convolution in run order.
# PHASE=step profiles one training step instead (--profile-step on both sides: forward, loss, backward, Adam).
# The same variables as bench-vs-pytorch.sh: THREADS, SIZE, BATCH, FREEZE (default NONE), KERNELS (default fast:
# one DHAD_KERNELS value), ALLOCATOR (default system; a DHAD_ALLOCATOR value, applied to both sides), OUT (a
# folder to keep the traces in; default a temporary one).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
threads="${THREADS:-2}" size="${SIZE:-256}" batch="${BATCH:-4}" freeze="${FREEZE:-NONE}" kernels="${KERNELS:-fast}"
allocator="${ALLOCATOR:-system}" phase="${PHASE:-inference}"
case "$phase" in
  inference) dhad_profile=(--steps 1 --profile) torch_profile=(--steps 1 --profile) ;;
  step) dhad_profile=(--steps 2 --profile-step) torch_profile=(--steps 1 --profile-step) ;;
  *) echo "profile-vs-pytorch: PHASE is '$phase'; expected 'inference' or 'step'" >&2; exit 2 ;;
esac
python="${PYTHON:-$HOME/.venv-reference/bin/python3}"
"$python" -c 'import torch, torchvision' 2>/dev/null || {
  echo "profile-vs-pytorch: no Python with torch and torchvision at $python (see bench-vs-pytorch.sh)" >&2; exit 2; }
out="${OUT:-}"
if [ -z "$out" ]; then out="$(mktemp -d)"; trap 'rm -rf "$out"' EXIT; fi
mkdir -p "$out" || exit 2
# shellcheck source=native-allocator.sh
. "$root/releng/scripts/native-allocator.sh"
(DHAD_ALLOCATOR="$allocator" use_allocator profile-vs-pytorch) || exit 2 # refuses an unknown or missing one
export DHAD_THREADS="$threads" OMP_NUM_THREADS="$threads"
DHAD_KERNELS="$kernels" DHAD_ALLOCATOR="$allocator" "$root/dhad" bench --depth 50 --batch "$batch" --size "$size" \
  --images 8 --freeze "$freeze" "${dhad_profile[@]}" "$out/dhad.json" >"$out/dhad.out" 2>&1 \
  || { cat "$out/dhad.out" >&2; exit 1; }
# Unlike bench-vs-pytorch.sh, PyTorch runs the same oneDNN cap as dhad's kernels setting, so that operators compare.
(DHAD_ALLOCATOR="$allocator" use_allocator profile-vs-pytorch
 [ "$kernels" = fast ] || export ONEDNN_MAX_CPU_ISA=AVX2
 exec "$python" "$root/releng/scripts/bench_pytorch.py" --batch "$batch" --size "$size" --images 8 \
  --freeze "$freeze" --threads "$threads" "${torch_profile[@]}" "$out/torch.json") >"$out/torch.out" 2>&1 \
  || { cat "$out/torch.out" >&2; exit 1; }
echo "freeze $freeze, kernels $kernels, allocator $allocator, $phase profiled; inference:" \
  "dhad $(sed -n 's/^inference *\([0-9.]*\) images.*/\1/p' "$out/dhad.out") images/s," \
  "PyTorch $("$python" -c 'import json,sys; print("%.2f" % json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])["images_per_s"])' "$out/torch.out") images/s"
"$python" "$root/releng/scripts/operator_table.py" "$out/dhad.json" "$out/torch.json"
