#!/usr/bin/env bash
# Starts the workbench product (./dhad-workbench) on a private Xvfb display, waits until its window
# shows, photographs the window and stops the product.
#   usage: releng/scripts/screenshot-workbench.sh [output.png]   (default docs/images/workbench-plugins.png)
# Needs the Debian/Ubuntu packages xvfb xauth libgtk-3-0 imagemagick x11-utils; builds the product when missing.
#   DHAD_SCREENSHOT_TIMEOUT  seconds to wait for the window (default 180)
#   DHAD_SCREENSHOT_SETTLE   seconds to wait after it appears, so the Plugins part has polled (default 6)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$(realpath -m "${1:-$root/docs/images/workbench-plugins.png}")"
title="DenseHybridAD Workbench"

for tool in xvfb-run xwininfo import; do
  command -v "$tool" >/dev/null || { echo "screenshot-workbench: '$tool' not found; install xvfb xauth imagemagick x11-utils" >&2; exit 1; }
done

# Run the rest on a fresh virtual screen, whatever display the caller has.
if [ -z "${DHAD_SCREENSHOT_INNER:-}" ]; then
  exec env DHAD_SCREENSHOT_INNER=1 xvfb-run -a -s "-screen 0 1280x800x24" "${BASH_SOURCE[0]}" "$out"
fi

log="$(mktemp -t dhad-workbench.XXXXXX.log)"
"$root/dhad-workbench" >"$log" 2>&1 &
app=$!
trap 'kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true' EXIT

# The workbench window: the viewable top-level window whose name starts with the title.
find_window() {
  xwininfo -root -tree 2>/dev/null | awk -v t="\"$title" 'index($0, t) { print $1 }' | while read -r id; do
    if xwininfo -id "$id" 2>/dev/null | grep -q 'Map State: IsViewable'; then echo "$id"; fi
  done | head -n 1
}

window=""
deadline=$((SECONDS + ${DHAD_SCREENSHOT_TIMEOUT:-180}))
while [ -z "$window" ]; do
  if ! kill -0 "$app" 2>/dev/null; then
    echo "screenshot-workbench: the workbench exited before its window appeared; its log:" >&2
    cat "$log" >&2; exit 1
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "screenshot-workbench: no window titled '$title' after ${DHAD_SCREENSHOT_TIMEOUT:-180} s; log in $log" >&2
    exit 1
  fi
  sleep 1
  window="$(find_window)"
done

sleep "${DHAD_SCREENSHOT_SETTLE:-6}"
mkdir -p "$(dirname "$out")"
import -window "$window" "$out"
echo "screenshot-workbench: window $window saved to $out ($(identify -format '%wx%h' "$out"))"
