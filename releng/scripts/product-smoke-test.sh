#!/usr/bin/env bash
# Runs the materialized headless product the way a user does (./dhad) and checks what it prints and
# returns. Called by the build after the products are materialized (releng/org.dhad.product).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dhad="$root/dhad"
passed=0
failed=0

check() { # name, expected exit code, command...
  local name="$1" expected="$2"; shift 2
  local out rc
  out="$("$@" 2>&1)"; rc=$?
  if [ "$rc" -eq "$expected" ]; then
    passed=$((passed + 1)); echo "ok   $name"
  else
    failed=$((failed + 1)); echo "FAIL $name: exit $rc, expected $expected"; echo "$out" | sed 's/^/     /' | head -40
  fi
  LAST_OUT="$out"
}

contains() { # name, needle
  if grep -qF -- "$2" <<<"$LAST_OUT"; then
    passed=$((passed + 1)); echo "ok   $1"
  else
    failed=$((failed + 1)); echo "FAIL $1: output lacks '$2'"; echo "$LAST_OUT" | sed 's/^/     /' | head -40
  fi
}

check "dhad --help exits 0" 0 "$dhad" --help
contains "help lists the doctor command" "doctor"
check "unknown command exits 2" 2 "$dhad" nosuchcommand
contains "unknown command prints usage" "Usage: dhad"
check "unknown command with --help exits 2" 2 "$dhad" distill --help
contains "unknown command with --help names it" "Unknown command: 'distill'"
check "unknown subcommand with --help exits 2" 2 "$dhad" plugins nosuch --help
check "a real command's --help exits 0" 0 "$dhad" plugins install --help
check "unknown option exits 2" 2 "$dhad" plugins --no-such-option
check "dhad doctor exits 0" 0 "$dhad" doctor
contains "doctor reports PyTorch 2.7.1" "PyTorch 2.7.1"
contains "doctor lists the devices libtorch sees" "cpu (auto: cpu)"
contains "doctor says the kernels are reproducible by default, oneDNN capped at AVX2" "reproducible (oneDNN ISA capped at AVX2"
DHAD_KERNELS=fast check "DHAD_KERNELS=fast dhad doctor exits 0" 0 "$dhad" doctor
contains "fast kernels leave oneDNN uncapped" "fast (oneDNN ISA not capped"
DHAD_KERNELS=quick check "DHAD_KERNELS=quick is refused with exit 2" 2 "$dhad" doctor
contains "the refusal names the variable, the value and the accepted ones" "DHAD_KERNELS is 'quick'; expected 'reproducible' or 'fast'"
DHAD_HEAP=4gb check "DHAD_HEAP=4gb is refused with exit 2" 2 "$dhad" doctor
contains "the heap refusal names the value and the expected form" "DHAD_HEAP is '4gb'; expected a size such as 4g or 2048m"
DHAD_HEAP=64m check "DHAD_HEAP=64m, below the launcher's starting heap, starts" 0 "$dhad" --version
DHAD_ALLOCATOR=tcmalloc check "DHAD_ALLOCATOR=tcmalloc is refused with exit 2" 2 "$dhad" doctor
contains "the allocator refusal names the value and the accepted ones" "DHAD_ALLOCATOR is 'tcmalloc'; expected 'auto', 'system' or 'jemalloc'"
DHAD_ALLOCATOR=system check "DHAD_ALLOCATOR=system dhad doctor exits 0" 0 "$dhad" doctor
contains "doctor names the system allocator" "allocator     ok      system"
if (. "$(dirname "$0")/native-allocator.sh"; jemalloc_library >/dev/null); then
  check "dhad doctor exits 0 on the default allocator (auto)" 0 env -u DHAD_ALLOCATOR "$dhad" doctor
  contains "auto picks the installed jemalloc, and doctor says so" "jemalloc (/"
  DHAD_ALLOCATOR=jemalloc check "DHAD_ALLOCATOR=jemalloc dhad doctor exits 0" 0 "$dhad" doctor
  contains "doctor's tensor check passes under jemalloc" "matmul and gradient correct"
else
  DHAD_ALLOCATOR=jemalloc check "DHAD_ALLOCATOR=jemalloc is refused where libjemalloc2 is missing" 2 "$dhad" doctor
  contains "the refusal says what to install" "apt-get install libjemalloc2"
fi
data_cache="$(mktemp -d)/data-cache"
check "dhad doctor with DHAD_DATA_CACHE_DIR exits 0" 0 env DHAD_DATA_CACHE_DIR="$data_cache" "$dhad" doctor
contains "doctor shows the disk tier's folder and budget" "$data_cache (0 MiB of 4096 MiB, created on first use)"
check "dhad doctor with the disk tier off exits 0" 0 env DHAD_DATA_CACHE_DISK_MB=0 "$dhad" doctor
contains "doctor says the disk tier is off" "disk tier off (DHAD_DATA_CACHE_DISK_MB=0)"
rm -rf "$(dirname "$data_cache")"
check "dhad evaluate-maps --help exits 0" 0 "$dhad" evaluate-maps --help
contains "evaluate-maps help shows --dataset" "LAYOUT:PATH"
check "dhad plugins exits 0" 0 "$dhad" plugins
contains "plugins lists the registry columns" "KIND"
check "dhad experiments fields exits 0" 0 "$dhad" experiments fields
contains "experiments fields lists the flip probability with its range" "schedule.flipProbability"
contains "experiments fields says what paste.count allows" "an integer in [1, 1000]"
check "dhad plugins --json exits 0" 0 "$dhad" plugins --json
for id in deeplabv3 synthetic inlier-posterior outlier-posterior outlier-energy pixel-auroc pixel-fpr95 pixel-ap; do
  contains "plugins --json lists $id" "\"id\": \"$id\""
done

# dhad bench on a tiny network with the operator profile, which operator_table.py reads.
profile_dir="$(mktemp -d)"
mkdir "$profile_dir/tmp"
JAVA_TOOL_OPTIONS="-Djava.io.tmpdir=$profile_dir/tmp" check "dhad bench --profile on a small network exits 0" 0 \
  "$dhad" bench --depth 18 --width 0.25 --batch 2 --size 64 --steps 1 --images 2 --profile "$profile_dir/ops.json"
bench_out="$LAST_OUT"
check "bench removes its temporary run, images and maps" 0 test -z "$(ls -A "$profile_dir/tmp")"
LAST_OUT="$bench_out"
contains "bench names the allocator in effect" "allocator "
contains "bench names the operator trace it wrote" "$profile_dir/ops.json (inference batches"
check "operator_table.py reads the trace dhad bench wrote" 0 python3 "$(dirname "$0")/operator_table.py" \
  "$profile_dir/ops.json" "$profile_dir/ops.json"
contains "the trace holds the network's convolutions" "aten::conv2d"
check "bench --profile into a missing folder is refused with exit 2" 2 "$dhad" bench --profile /nonexistent/ops.json
contains "the refusal names the option and the file" "--profile /nonexistent/ops.json: expected a file in an existing, writable folder"
check "dhad bench --profile-step on a small network exits 0" 0 "$dhad" bench --depth 18 --width 0.25 --batch 2 \
  --size 64 --steps 2 --images 2 --profile-step "$profile_dir/step.json"
contains "bench names the step trace it wrote" "$profile_dir/step.json (the last step, not timed"
contains "the step is left out of the timed ones" "(mean of 1 steps after 2 warm-up steps)"
check "operator_table.py reads the step trace" 0 python3 "$(dirname "$0")/operator_table.py" \
  "$profile_dir/step.json" "$profile_dir/step.json"
contains "the step trace holds the backward pass" "aten::convolution_backward"
check "bench --profile-step with one step is refused with exit 2" 2 "$dhad" bench --steps 1 --profile-step \
  "$profile_dir/step.json"
contains "the refusal names the option and the steps" "--profile-step needs --steps 2 or more"
check "bench --warmup 0 is refused with exit 2" 2 "$dhad" bench --warmup 0
contains "the refusal names the options and what is expected" "--warmup 0: expected whole numbers of at least 1"
rm -rf "$profile_dir"
# dhad bench --data on the embedded data, once: the table with the cold and warm figures.
check "dhad bench --data exits 0" 0 "$dhad" bench --data --repeats 1 --draws 50
contains "bench --data reports the cold first epoch" "synthetic training images (decode, resize, paste synthetic), cold (epoch 1)"
contains "bench --data reports the negatives per source" "synthetic patches"
contains "bench --data reports a new process's first epoch on the disk tier" "disk-warm (a new process's epoch 1)"

# dhad report / compare on a run folder written here in the engine's formats (training takes minutes; the
# report only reads files): experiment, a three-step log, metrics with a ROC curve, a gallery of one overlay.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# A GPU that is not there: one line naming the devices that are, before any run folder is written.
check "dhad demo --device cuda:0 on a machine without a GPU exits 1" 1 "$dhad" demo --device cuda:0 --runs "$work/runs"
contains "the refusal names the device and the devices there are" "device cuda:0 is not available; libtorch 2.7.1 here sees cpu"
if grep -q "at org.dhad" <<<"$LAST_OUT"; then failed=$((failed + 1)); echo "FAIL the refusal printed a stack trace"; else passed=$((passed + 1)); echo "ok   the refusal is no stack trace"; fi
if [ ! -e "$work/runs" ]; then passed=$((passed + 1)); echo "ok   the refused run wrote nothing"; else failed=$((failed + 1)); echo "FAIL the refused run wrote $work/runs"; fi
check "dhad demo --device tpu is refused naming the value" 1 "$dhad" demo --device tpu --runs "$work/runs"
contains "the refusal says what a device may be" "schedule.device: 'tpu' is not allowed; expected auto, cpu or cuda:N"

# dhad experiments new with other providers and --set: refused at once, naming what the provider takes; nothing written.
check "experiments new refuses a root for a dataset that takes none" 1 "$dhad" experiments new demo "$work/bad.xmi" --dataset-root "$work"
contains "the refusal names the dataset and what it takes" "dataset 'synthetic' takes no setting 'root'; it takes categories"
check "experiments new refuses epochs 0" 1 "$dhad" experiments new demo "$work/bad.xmi" --set schedule.epochs=0
contains "the refusal names the field and its range" "--set schedule.epochs: 0 is not allowed; expected an integer in [1, 100000]"
check "experiments new refuses a dataset nothing installed provides" 1 "$dhad" experiments new demo "$work/bad.xmi" --dataset ksdd2
contains "the refusal lists the installed datasets" "installed: folder, mvtec, synthetic, visa"
if [ ! -e "$work/bad.xmi" ]; then passed=$((passed + 1)); echo "ok   refused experiments leave no file"; else failed=$((failed + 1)); echo "FAIL a refused experiment was written"; fi
check "experiments new with --dataset and --set" 0 "$dhad" experiments new demo "$work/mvtec.xmi" --dataset mvtec \
  --set dataset.root="$work" --set schedule.flipProbability=0.5 --set backbone.depth=50
if grep -q '<dataset id="mvtec">' "$work/mvtec.xmi" && grep -q "key=\"root\" value=\"$work\"" "$work/mvtec.xmi" \
   && grep -q 'flipProbability="0.5"' "$work/mvtec.xmi" && grep -q 'key="depth" value="50"' "$work/mvtec.xmi"; then
  passed=$((passed + 1)); echo "ok   the file holds the chosen dataset, its root, the flip probability and the depth"
else
  failed=$((failed + 1)); echo "FAIL experiments new --dataset/--set wrote:"; sed 's/^/     /' "$work/mvtec.xmi"
fi
run="$work/runs/smoke/20250101-000000"
mkdir -p "$run/heatmaps/grid/crack" "$run/scores/grid/crack" "$work/empty"
cat >"$run/experiment.json" <<'JSON'
{"name": "smoke", "backbone": {"id": "deeplabv3", "settings": {}}, "dataset": {"id": "synthetic", "settings": {}},
 "categories": ["grid"], "negatives": {"id": "synthetic", "settings": {}}, "paste": {"mode": "MASK", "count": 1},
 "lossWeights": {"inlier-posterior": 1.0, "outlier-energy": 0.03}, "freeze": "NONE",
 "schedule": {"epochs": 1, "batchSize": 4}, "seed": 7, "metrics": ["pixel-auroc"]}
JSON
printf '%s\n' "epoch,step,global_step,inlier-posterior,outlier-energy,total,lr,images_per_s,data_wait_ms" \
  "1,1,1,0.9,-1.0,0.87,0.00100000,12.50,0.5" "1,2,2,0.7,-2.0,0.64,0.000900000,12.60,0.4" \
  "1,3,3,0.5,-3.0,0.41,0.000800000,12.40,0.6" >"$run/train-log.csv"
cat >"$run/metrics.json" <<'JSON'
{"run": "smoke", "checkpoint": "epoch-0001", "score": "HYBRID",
 "metrics": [{"id": "pixel-auroc", "displayName": "Pixel AUROC", "higherIsBetter": true}],
 "categories": {"grid": {"pixel-auroc": {"value": 0.93, "note": "",
   "curve": {"xLabel": "FPR", "yLabel": "TPR", "x": [0.0, 0.1, 1.0], "y": [0.0, 0.8, 1.0]}}}},
 "mean": {"pixel-auroc": 0.93}, "images": 1}
JSON
cat >"$run/gallery.json" <<'JSON'
{"images": [{"id": "grid/crack/000", "category": "grid", "defect": "crack", "overlay": "heatmaps/grid/crack/000.png",
  "scores": "scores/grid/crack/000.png", "low": 0.0, "high": 1.0, "maxScore": 0.75}]}
JSON
# an 8x8 RGB overlay and an 8x8 16-bit score map
base64 -d >"$run/heatmaps/grid/crack/000.png" <<<"iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAGElEQVR4nGOIwgEYCEj8Z2CAI1pJkOAqABJ+QpHpxrBDAAAAAElFTkSuQmCC"
base64 -d >"$run/scores/grid/crack/000.png" <<<"iVBORw0KGgoAAAANSUhEUgAAAAgAAAAIEAAAAACx9D0UAAAAEElEQVR4nGNoYECFDAMjAACRACABwr+RRAAAAABJRU5ErkJggg=="

# evaluate, predict and resume with a GPU that is not there: refused in one line naming the devices, before the
# run folder is read (this one has no checkpoint) and without writing anything.
before="$(cd "$run" && find . -type f -exec md5sum {} + | sort)"
for command in evaluate resume predict; do
  args=("$run")
  [ "$command" = predict ] && args+=("$run/heatmaps" --out "$work/predicted")
  check "dhad $command --device cuda:0 on a machine without a GPU exits 1" 1 "$dhad" "$command" "${args[@]}" --device cuda:0
  contains "dhad $command's refusal names the devices there are" "dhad $command: device cuda:0 is not available; libtorch 2.7.1 here sees cpu"
done
if [ ! -e "$work/predicted" ] && [ "$before" = "$(cd "$run" && find . -type f -exec md5sum {} + | sort)" ]; then
  passed=$((passed + 1)); echo "ok   the refused commands wrote nothing"
else
  failed=$((failed + 1)); echo "FAIL a refused command wrote into $work"
fi
check "dhad evaluate --device tpu is a usage error" 2 "$dhad" evaluate "$run" --device tpu
contains "the usage error says what a device may be" "--device: 'tpu' is not a device; expected auto, cpu or cuda:N"

file_contains() { # name, file, needle
  if [ -f "$2" ] && grep -qF -- "$3" "$2"; then
    passed=$((passed + 1)); echo "ok   $1"
  else
    failed=$((failed + 1)); echo "FAIL $1: $2 is missing or lacks '$3'"
  fi
}

check "dhad --help exits 0" 0 "$dhad" --help
contains "help lists the report command" "Write one self-contained HTML report"
contains "help lists the compare command" "Compare runs as the paper's Table I"
check "dhad report RUN_DIR exits 0" 0 "$dhad" report "$run"
contains "report prints the file it wrote" "$run/report.html"
file_contains "report.html is HTML" "$run/report.html" "<!DOCTYPE html>"
file_contains "report.html has an inline SVG chart" "$run/report.html" "<svg"
file_contains "report.html embeds the heat map as PNG" "$run/report.html" "data:image/png;base64,"
file_contains "report.html has the metric in percent" "$run/report.html" "93.00"
check "dhad report -o FILE on a folder of runs exits 0" 0 "$dhad" report "$work/runs" -o "$work/all.html"
file_contains "report -o writes FILE" "$work/all.html" "smoke/20250101-000000"
check "dhad compare --format markdown exits 0" 0 "$dhad" compare --format markdown "$work/runs"
contains "compare prints the Table I header" "| run | freeze | patches | negatives | backbone | loss | epochs | Pixel AUROC % |"
contains "compare prints the run with its value, best in bold" "| smoke/20250101-000000 | None | Mask |"
contains "compare marks the best value bold" "**93.00**"
check "dhad compare (text) exits 0" 0 "$dhad" compare "$run"
contains "compare text marks the best value" "93.00 *"
check "dhad report on a folder without runs exits 1" 1 "$dhad" report "$work/empty"
contains "report names the folder and what was expected" "$work/empty: not a run folder and holds none; expected experiment.json"
check "dhad report on a missing folder exits 1" 1 "$dhad" report "$work/missing"
contains "report names the missing folder" "$work/missing: no such folder"
check "dhad report to an unwritable place exits 1" 1 "$dhad" report "$run" -o "$work/missing/report.html"
contains "report names the output folder" "$work/missing: no such folder; expected an existing folder"
if [ "$(wc -l <<<"$LAST_OUT")" -eq 1 ]; then
  passed=$((passed + 1)); echo "ok   report errors print one line"
else
  failed=$((failed + 1)); echo "FAIL report errors print more than one line (a stack trace?)"
fi
check "dhad compare --category nosuch exits 1" 1 "$dhad" compare --category nosuch "$run"
contains "compare lists the categories" "expected one of grid"
check "dhad runs DIR exits 0" 0 "$dhad" runs "$work/runs"
contains "runs lists the run with its state and mean AUROC" "smoke/20250101-000000"
contains "runs shows the run evaluated" "evaluated"
check "dhad runs with DHAD_WORKSPACE's default exits 0" 0 env DHAD_WORKSPACE="$work" "$dhad" runs
contains "runs defaults to the workspace's runs folder" "93.00"

# Two runs of one experiment that differ only in the torchscript backbone's file: compare and runs name the file.
for pair in 20250101-000000:imagenet 20250102-000000:random; do
  variant="${pair#*:}" other="$work/backbones/smoke/${pair%%:*}"
  mkdir -p "$other"
  sed "s|\"id\": \"deeplabv3\", \"settings\": {}|\"id\": \"torchscript\", \"settings\": {\"file\": \"/models/mobilenet_v1_${variant}_features.pt\"}|" \
    "$run/experiment.json" >"$other/experiment.json"
  cp "$run/metrics.json" "$other/"
done
check "dhad compare on runs differing in the backbone's file exits 0" 0 "$dhad" compare --format markdown "$work/backbones"
contains "compare shows the differing setting after the backbone" "| backbone | backbone file | loss |"
contains "compare shows the file by its name" "| torchscript | mobilenet_v1_imagenet_features.pt |"
check "dhad runs on runs differing in the backbone's file exits 0" 0 "$dhad" runs "$work/backbones"
contains "runs shows what sets the run apart in its configuration column" "torchscript mobilenet_v1_random_features.pt, freeze "

echo "product smoke test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
