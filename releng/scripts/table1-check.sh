#!/usr/bin/env bash
# Each shipped Table I experiment, given the real sample data in ../shared/data (MVTec AD grid, ADE20K
# full-release samples), must start training: one epoch each through ./dhad, as a user would run it.
# Skips with a message where ../shared is absent (a user's clone).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
shared="${DHAD_SHARED:-$root/../shared}"
if [ ! -d "$shared/data/mvtec_ad" ] || [ ! -d "$shared/data/ade20k_samples" ]; then
  echo "table1 check skipped: $shared/data with mvtec_ad and ade20k_samples is absent"
  echo "table1 check: 0 passed, 0 failed, 4 skipped"
  exit 0
fi
work="$(mktemp -d)"
# The rows train on 8 of the sample's 25 training images (two steps at the presets' batch size, 4): every preset
# runs end to end on real files at its real input size and network, in a third of the time. The test images and
# masks are all there for the evaluation below.
mvtec="$work/mvtec_ad"
mkdir -p "$mvtec/grid/train/good"
cp -r "$shared/data/mvtec_ad/grid/test" "$shared/data/mvtec_ad/grid/ground_truth" "$mvtec/grid/"
ls "$shared/data/mvtec_ad/grid/train/good" | sort | head -n 8 \
  | while read -r f; do cp "$shared/data/mvtec_ad/grid/train/good/$f" "$mvtec/grid/train/good/"; done
passed=0; failed=0
for preset in table1-all-mask table1-backbone-mask table1-none-rectangular table1-all-rectangular; do
  start=$(date +%s)
  if "$root/dhad" experiments new "$preset" "$work/$preset.xmi" \
       --dataset-root "$mvtec" --negatives-root "$shared/data/ade20k_samples" >/dev/null \
     && "$root/dhad" train "$work/$preset.xmi" --epochs 1 --runs "$work/runs" > "$work/$preset.log" 2>&1 \
     && [ -n "$(ls "$work"/runs/"$preset"/*/checkpoints/epoch-001.params 2>/dev/null)" ]; then
    passed=$((passed + 1)); echo "ok   $preset trains one epoch on 8 grid images ($(( $(date +%s) - start )) s)"
  else
    failed=$((failed + 1)); echo "FAIL $preset"; tail -20 "$work/$preset.log" 2>/dev/null | sed 's/^/     /'
  fi
done
# The issue's user path on real samples: the all/mask preset pointed at the grid sample with the CamVid
# subset as negatives, trained and evaluated, then compared with the ADE20K run and reported.
camvid="$shared/data/camvid_subset"
if [ -d "$camvid" ]; then
  start=$(date +%s)
  if "$root/dhad" experiments new table1-all-mask "$work/camvid.xmi" --name all-mask-camvid \
       --dataset-root "$mvtec" --negatives-root "$camvid" >/dev/null 2>"$work/camvid.log" \
     && "$root/dhad" train "$work/camvid.xmi" --epochs 1 --evaluate --runs "$work/runs" >> "$work/camvid.log" 2>&1 \
     && "$root/dhad" evaluate "$(ls -d "$work"/runs/table1-all-mask/*/ | head -n 1)" >> "$work/camvid.log" 2>&1 \
     && "$root/dhad" compare --format markdown "$work/runs" > "$work/compare.md" 2>>"$work/camvid.log" \
     && grep -q '| all-mask-camvid/' "$work/compare.md" && grep -q '| table1-all-mask/' "$work/compare.md" \
     && [ "$(grep -c '| n/a |' "$work/compare.md")" -le 3 ] \
     && "$root/dhad" report "$work/runs" -o "$work/report.html" >> "$work/camvid.log" 2>&1 \
     && grep -q 'data:image/png;base64,' "$work/report.html"; then
    passed=$((passed + 1))
    echo "ok   all/mask with CamVid negatives trains, evaluates, compares with the ADE20K run and reports ($(( $(date +%s) - start )) s)"
    sed 's/^/     /' "$work/compare.md"
  else
    failed=$((failed + 1)); echo "FAIL all/mask with CamVid negatives: train, evaluate, compare or report"
    tail -20 "$work/camvid.log" 2>/dev/null | sed 's/^/     /'; cat "$work/compare.md" 2>/dev/null | sed 's/^/     /'
  fi
fi
rm -rf "$work"
echo "table1 check: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
