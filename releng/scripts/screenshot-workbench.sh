#!/usr/bin/env bash
# Photographs each view of the workbench product (./dhad-workbench) on a private Xvfb display, starting it once per
# picture with a temporary workspace that the command line (./dhad train) fills with runs, then stopping it:
#   workbench-plugins.png     the Plugins part, as the workbench opens
#   workbench-experiment.png  navigator (experiments; one run evaluated, one the CLI is still training) and the
#                             experiment editor (-experiment FILE)
#   workbench-run.png         a longer copy of it training in the workbench (-experiment FILE -train): live loss,
#                             learning-rate and throughput charts, log, status bar; taken after 300 logged steps
#   workbench-results.png     results of an evaluated run (-results RUN_DIR): metrics table and curves
#   workbench-gallery.png     its scored test images with the threshold slider (-results RUN_DIR -tab Images)
#   workbench-comparison.png  the two CLI runs side by side (-compare RUN_DIR:RUN_DIR): Table I and curves
#   usage: releng/scripts/screenshot-workbench.sh [output-folder]   (default docs/images)
# The workspace (-Ddhad.workspace through JAVA_TOOL_OPTIONS) is a temporary folder, removed afterwards.
# Needs the Debian/Ubuntu packages xvfb xauth libgtk-3-0 imagemagick x11-utils; builds the product when missing.
#   DHAD_SCREENSHOT_TIMEOUT      seconds to wait for the window (default 180)
#   DHAD_SCREENSHOT_RUN_TIMEOUT  seconds to wait for a run or a condition (default 600)
#   DHAD_SCREENSHOT_SETTLE       seconds to wait once ready, so parts have polled and drawn (default 8)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
outdir="$(realpath -m "${1:-$root/docs/images}")"
title="DenseHybridAD Workbench"

for tool in xvfb-run xwininfo import; do
  command -v "$tool" >/dev/null || { echo "screenshot-workbench: '$tool' not found; install xvfb xauth imagemagick x11-utils" >&2; exit 1; }
done

# Run the rest on a fresh virtual screen, whatever display the caller has. Xvfb puts the pointer in the middle of
# the screen: the screen is wide enough that the middle lies right of the window, so no tooltip shows.
if [ -z "${DHAD_SCREENSHOT_INNER:-}" ]; then
  exec env DHAD_SCREENSHOT_INNER=1 xvfb-run -a -s "-screen 0 3000x960x24" "${BASH_SOURCE[0]}" "$outdir"
fi

work="$(mktemp -d -t dhad-screenshot.XXXXXX)"
app=""
stop_app() {
  if [ -n "$app" ]; then kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; app=""; fi
}
cli=""
stop_cli() {
  if [ -n "$cli" ]; then kill "$cli" 2>/dev/null || true; wait "$cli" 2>/dev/null || true; cli=""; fi
}
trap 'stop_app; stop_cli; rm -rf "$work"' EXIT

# A small experiment: the demo preset on three synthetic categories, shrunk so it trains in well under a minute.
experiment="$work/experiments/screenshot-demo.xmi"
mkdir -p "$(dirname "$experiment")"
cat >"$experiment" <<'XMI'
<?xml version="1.0" encoding="UTF-8"?>
<dhad:Experiment xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI" xmlns:dhad="http://dhad.org/experiment/1.0"
    name="screenshot-demo"
    description="The demo preset, shrunk for the screenshots: 64-pixel synthetic images, a narrower network, 40 short epochs."
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
  <paste mode="MASK" count="3" probability="1.0" minScale="0.05" maxScale="0.25" rectangleStep="16"/>
  <lossTerms id="inlier-posterior" weight="1.0"/>
  <lossTerms id="outlier-posterior" weight="0.3"/>
  <lossTerms id="outlier-energy" weight="0.3"/>
  <schedule epochs="40" batchSize="8" inputSize="64" learningRate="0.003" backboneLrFactor="1.0"
      minLearningRate="1.0E-5" loaderThreads="2"/>
  <metrics>pixel-auroc</metrics>
  <metrics>pixel-fpr95</metrics>
  <metrics>pixel-ap</metrics>
</dhad:Experiment>
XMI
# The same with rectangles pasted instead of shapes (the original DenseHybrid), for the comparison.
sed -e 's/name="screenshot-demo"/name="screenshot-rectangles"/' -e 's/paste mode="MASK"/paste mode="RECTANGLE"/' \
  -e 's/description="The demo preset, shrunk/description="Rectangles pasted; the demo preset shrunk/' -e 's/epochs="40"/epochs="80"/' \
  "$experiment" >"$work/experiments/screenshot-rectangles.xmi"
# Long enough (400 epochs) to be photographed while it trains; outside experiments/, so only its run shows.
sed -e 's/epochs="40"/epochs="400"/' "$experiment" >"$work/screenshot-live.xmi"

# ./dhad train in the workspace, as a user would from a terminal; the workbench sees the runs in its navigator.
cli_train() {
  "$root/dhad" train "$1" --runs "$work/runs" --evaluate >"$work/cli-$(basename "$1" .xmi).log" 2>&1
}
run_of() { find "$work/runs/$1" -mindepth 1 -maxdepth 1 -type d 2>/dev/null | sort | tail -n 1; }
log_lines() { local log; log="$(find "$work/runs/$1" -name train-log.csv 2>/dev/null | sort | tail -n 1)"; \
  [ -n "$log" ] && wc -l <"$log" || echo 0; }

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

echo "screenshot-workbench: training screenshot-demo with ./dhad train --evaluate"
cli_train "$experiment" || { echo "screenshot-workbench: ./dhad train failed; its log:" >&2; cat "$work"/cli-*.log >&2; exit 1; }
first="$(run_of screenshot-demo)"
# The second run trains from the command line while the navigator is photographed.
cli_train "$work/experiments/screenshot-rectangles.xmi" &
cli=$!
shoot "$outdir/workbench-experiment.png" '[ "$(log_lines screenshot-rectangles)" -gt 10 ]' -experiment "$experiment"
wait "$cli" || { echo "screenshot-workbench: the second ./dhad train failed; its log:" >&2; cat "$work"/cli-*.log >&2; exit 1; }
cli=""
second="$(run_of screenshot-rectangles)"
before="$(ls "$work/runs/screenshot-demo" | wc -l)"
DHAD_SCREENSHOT_SETTLE=3 shoot "$outdir/workbench-run.png" \
  '[ "$(ls "$work/runs/screenshot-demo" | wc -l)" -gt "$before" ] && [ "$(log_lines screenshot-demo)" -gt 300 ]' \
  -experiment "$work/screenshot-live.xmi" -train
shoot "$outdir/workbench-results.png" true -results "$first"
shoot "$outdir/workbench-gallery.png" true -results "$first" -tab Images
shoot "$outdir/workbench-comparison.png" true -compare "$first:$second"
