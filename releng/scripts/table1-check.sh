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
passed=0; failed=0
for preset in table1-all-mask table1-backbone-mask table1-none-rectangular table1-all-rectangular; do
  start=$(date +%s)
  if "$root/dhad" experiments new "$preset" "$work/$preset.xmi" \
       --dataset-root "$shared/data/mvtec_ad" --negatives-root "$shared/data/ade20k_samples" >/dev/null \
     && "$root/dhad" train "$work/$preset.xmi" --epochs 1 --runs "$work/runs" > "$work/$preset.log" 2>&1 \
     && [ -n "$(ls "$work"/runs/"$preset"/*/checkpoints/epoch-001.params 2>/dev/null)" ]; then
    passed=$((passed + 1)); echo "ok   $preset trains one epoch on the grid sample ($(( $(date +%s) - start )) s)"
  else
    failed=$((failed + 1)); echo "FAIL $preset"; tail -20 "$work/$preset.log" 2>/dev/null | sed 's/^/     /'
  fi
done
rm -rf "$work"
echo "table1 check: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
