#!/usr/bin/env bash
# Starts the workbench product (./dhad-workbench) on a private Xvfb display three times and photographs its
# window each time, then stops it:
#   workbench-plugins.png     the Plugins part, as the workbench opens
#   workbench-experiment.png  a small experiment opened in the editor (-experiment FILE)
#   workbench-run.png         the same experiment trained and evaluated (-experiment FILE -train): loss chart,
#                             messages, metrics table and heat maps, photographed once metrics.json is written
#   usage: releng/scripts/screenshot-workbench.sh [output-folder]   (default docs/images)
# Runs go to a temporary workspace (-Ddhad.workspace through JAVA_TOOL_OPTIONS), removed afterwards.
# Needs the Debian/Ubuntu packages xvfb xauth libgtk-3-0 imagemagick x11-utils; builds the product when missing.
#   DHAD_SCREENSHOT_TIMEOUT  seconds to wait for the window, and for the run to finish (default 180, 600)
#   DHAD_SCREENSHOT_SETTLE   seconds to wait after it appears, so parts have polled and validated (default 8)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
outdir="$(realpath -m "${1:-$root/docs/images}")"
title="DenseHybridAD Workbench"

for tool in xvfb-run xwininfo import; do
  command -v "$tool" >/dev/null || { echo "screenshot-workbench: '$tool' not found; install xvfb xauth imagemagick x11-utils" >&2; exit 1; }
done

# Run the rest on a fresh virtual screen, whatever display the caller has.
if [ -z "${DHAD_SCREENSHOT_INNER:-}" ]; then
  exec env DHAD_SCREENSHOT_INNER=1 xvfb-run -a -s "-screen 0 1320x840x24" "${BASH_SOURCE[0]}" "$outdir"
fi

work="$(mktemp -d -t dhad-screenshot.XXXXXX)"
app=""
stop_app() {
  if [ -n "$app" ]; then kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; app=""; fi
}
trap 'stop_app; rm -rf "$work"' EXIT

# A small experiment: the demo preset on three synthetic categories, shrunk so it trains in well under a minute.
experiment="$work/experiments/screenshot-demo.xmi"
mkdir -p "$(dirname "$experiment")"
cat >"$experiment" <<'XMI'
<?xml version="1.0" encoding="UTF-8"?>
<dhad:Experiment xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI" xmlns:dhad="http://dhad.org/experiment/1.0"
    name="screenshot-demo"
    description="The demo preset, shrunk for the screenshots: 64-pixel synthetic images, ten short epochs."
    seed="0" freezePolicy="NONE" score="HYBRID" weights="">
  <backbone id="deeplabv3">
    <settings key="depth" value="18"/>
    <settings key="width" value="0.25"/>
  </backbone>
  <dataset id="synthetic">
    <settings key="categories" value="fabric,grid,pill"/>
    <settings key="image-size" value="64"/>
    <settings key="train-count" value="32"/>
    <settings key="test-good-count" value="4"/>
    <settings key="test-defect-count" value="6"/>
  </dataset>
  <negatives id="synthetic"/>
  <paste mode="MASK" count="1" probability="1.0" minScale="0.1" maxScale="0.4" rectangleStep="16"/>
  <lossTerms id="inlier-posterior" weight="1.0"/>
  <lossTerms id="outlier-posterior" weight="0.03"/>
  <lossTerms id="outlier-energy" weight="0.03"/>
  <schedule epochs="10" batchSize="4" inputSize="64" learningRate="0.001" backboneLrFactor="1.0"
      minLearningRate="1.0E-5" loaderThreads="2"/>
  <metrics>pixel-auroc</metrics>
  <metrics>pixel-fpr95</metrics>
  <metrics>pixel-ap</metrics>
</dhad:Experiment>
XMI

# The workbench window: the viewable top-level window whose name starts with the title.
find_window() {
  xwininfo -root -tree 2>/dev/null | awk -v t="\"$title" 'index($0, t) { print $1 }' | while read -r id; do
    if xwininfo -id "$id" 2>/dev/null | grep -q 'Map State: IsViewable'; then echo "$id"; fi
  done | head -n 1
}

# shoot OUTPUT.png READY-COMMAND [workbench arguments...]: starts the workbench, waits for its window and
# then for READY-COMMAND to succeed, photographs the window and stops the workbench.
shoot() {
  local out="$1" ready="$2"; shift 2
  local log="$work/workbench-$(basename "$out" .png).log"
  JAVA_TOOL_OPTIONS="-Ddhad.workspace=$work" "$root/dhad-workbench" "$@" >"$log" 2>&1 &
  app=$!
  local window="" deadline=$((SECONDS + ${DHAD_SCREENSHOT_TIMEOUT:-180}))
  while [ -z "$window" ]; do
    if ! kill -0 "$app" 2>/dev/null; then
      echo "screenshot-workbench: the workbench exited before its window appeared; its log:" >&2
      cat "$log" >&2; exit 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "screenshot-workbench: no window titled '$title' after ${DHAD_SCREENSHOT_TIMEOUT:-180} s; log:" >&2
      cat "$log" >&2; exit 1
    fi
    sleep 1
    window="$(find_window)"
  done
  deadline=$((SECONDS + ${DHAD_SCREENSHOT_RUN_TIMEOUT:-600}))
  until eval "$ready"; do
    if [ "$SECONDS" -ge "$deadline" ] || ! kill -0 "$app" 2>/dev/null; then
      echo "screenshot-workbench: gave up waiting for: $ready; log:" >&2
      cat "$log" >&2; exit 1
    fi
    sleep 1
  done
  sleep "${DHAD_SCREENSHOT_SETTLE:-8}"
  mkdir -p "$(dirname "$out")"
  import -window "$window" "$out"
  echo "screenshot-workbench: window $window saved to $out ($(identify -format '%wx%h' "$out"))"
  stop_app
}

shoot "$outdir/workbench-plugins.png" true
shoot "$outdir/workbench-experiment.png" true -experiment "$experiment"
shoot "$outdir/workbench-run.png" '[ -n "$(find "$work/runs" -name metrics.json 2>/dev/null)" ]' \
  -experiment "$experiment" -train
