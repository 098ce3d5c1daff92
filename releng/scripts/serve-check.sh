#!/usr/bin/env bash
# dhad serve as a service is used, on loopback only: trains a small run (the shared MVTec AD grid sample on the
# frozen ImageNet MobileNet for 3 epochs, or a 1-epoch synthetic run where ../shared is absent), serves it with
# `dhad serve --port 0`, then (serve_check.py, Python 3 stdlib):
#   load    8 clients post real images for 20 s: throughput, latency p50/p95/p99; every answer a 200 or a 503
#   faults  empty, truncated, 100000x100000-pixel and random bodies, a zip, a wrong content type, a declared
#           10 GB Content-Length, a 21 MB chunked body, an unknown model, path tricks, a broken request line,
#           48 requests at once (some get 503 + Retry-After); the service still answers afterwards
#   page    headless Chromium (Debian's chromium) chooses an image on the page at /: verdict and overlay shown
# and that no request left a file in the temporary folder. Skips the page check with a message without chromium.
# In CI after slurm-check; about 70-90 s on 2 cores. LOAD_SECONDS and CLIENTS change the load.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
shared="$(cd "${DHAD_SHARED:-$root/../shared}" 2>/dev/null && pwd)"
seconds="${LOAD_SECONDS:-20}" clients="${CLIENTS:-8}"
began=$(date +%s)
work="$(mktemp -d)" server=""
cleanup() {
  [ -n "$server" ] && kill -TERM "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
passed=0 failed=0
tally() { # the ok/FAIL lines of a check's output
  passed=$((passed + $(grep -c '^ok ' "$1"))) failed=$((failed + $(grep -c '^FAIL ' "$1")))
}
dhad() { DHAD_NO_REBUILD=1 "$root/dhad" "$@"; }

grid="$shared/data/mvtec_ad" model_file="$shared/models/mobilenet_v1_imagenet_features.pt"
if [ -n "$shared" ] && [ -d "$grid/grid" ] && [ -f "$model_file" ]; then
  name=serve-grid
  cat > "$work/$name.xmi" <<XMI
<?xml version="1.0" encoding="UTF-8"?>
<dhad:Experiment xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI" xmlns:dhad="http://dhad.org/experiment/1.0"
    name="$name" description="dhad serve check: grid on frozen ImageNet MobileNetV1 features"
    seed="0" freezePolicy="ALL" score="HYBRID" weights="">
  <backbone id="torchscript"><settings key="file" value="$model_file"/></backbone>
  <dataset id="mvtec"><settings key="root" value="$grid"/></dataset>
  <negatives id="synthetic"/>
  <paste mode="MASK" count="1" probability="1.0" minScale="0.1" maxScale="0.4" rectangleStep="16"/>
  <lossTerms id="inlier-posterior" weight="1.0"/>
  <lossTerms id="outlier-posterior" weight="0.03"/>
  <lossTerms id="outlier-energy" weight="0.03"/>
  <schedule epochs="3" batchSize="4" inputSize="256" learningRate="1.0E-3" backboneLrFactor="0.25"
      minLearningRate="1.0E-7" loaderThreads="2"/>
  <metrics>pixel-auroc</metrics>
</dhad:Experiment>
XMI
  images=$(find "$grid/grid/test" -name '*.png' | sort)
else
  echo "note: ../shared is absent: serving a 1-epoch synthetic grid run instead of the MVTec AD grid sample"
  name=serve-synthetic
  dhad experiments new demo "$work/$name.xmi" --name "$name" --set dataset.categories=grid \
    --set schedule.epochs=1 > "$work/new.log" 2>&1 || { cat "$work/new.log"; exit 1; }
  images=""
fi
start=$(date +%s)
if dhad train "$work/$name.xmi" --evaluate --runs "$work/runs" > "$work/train.log" 2>&1; then
  passed=$((passed + 1)); echo "ok   $name trains and evaluates ($(( $(date +%s) - start )) s)"
else
  echo "FAIL $name trains and evaluates"; tail -20 "$work/train.log" | sed 's/^/     /'
  echo "serve check: $passed passed, 1 failed"; exit 1
fi
run="$(dirname "$(ls "$work"/runs/"$name"/*/thresholds.json | head -n 1)")"
[ -n "$images" ] || images=$(find "$run/inputs" -name '*.png' | sort)
page_image=$(echo "$images" | grep -v '/good/' | head -n 1)

tmp="${TMPDIR:-/tmp}"
temp_before=$(find "$tmp" -maxdepth 1 -name 'imageio*' 2>/dev/null | wc -l)
# The launcher itself in the background (it execs java), not the dhad function: in a function's subshell, $! is
# the subshell, and SIGTERM would end it and leave the server running.
DHAD_NO_REBUILD=1 "$root/dhad" serve "$run" --port 0 > "$work/serve.log" 2>&1 &
server=$!
url=""
for _ in $(seq 1 120); do
  url=$(grep -o 'http://[^ ]*/' "$work/serve.log" | head -n 1)
  [ -n "$url" ] || ! kill -0 "$server" 2>/dev/null && break
  sleep 0.5
done
if [ -z "$url" ]; then
  echo "FAIL dhad serve did not start"; sed 's/^/     /' "$work/serve.log"
  echo "serve check: $passed passed, $((failed + 1)) failed"; exit 1
fi
passed=$((passed + 1)); echo "ok   dhad serve answers at $url ($(grep -m 1 '^Serving' "$work/serve.log"))"

# shellcheck disable=SC2086 # one image per word
python3 "$root/releng/scripts/serve_check.py" load "$url" "$name" "$seconds" "$clients" $images | tee "$work/load.out"
tally "$work/load.out"
python3 "$root/releng/scripts/serve_check.py" faults "$url" "$name" "$page_image" | tee "$work/faults.out"
tally "$work/faults.out"
if command -v chromium > /dev/null; then
  python3 "$root/releng/scripts/serve_check.py" page "$url" "$page_image" "${SCREENSHOT:-$work/page.png}" \
    | tee "$work/page.out"
  tally "$work/page.out"
else
  echo "page check skipped: chromium is not installed (apt-get install chromium)"
fi
temp_after=$(find "$tmp" -maxdepth 1 -name 'imageio*' 2>/dev/null | wc -l)
if [ "$temp_after" -le "$temp_before" ]; then
  passed=$((passed + 1)); echo "ok   no request left a file in $tmp"
else
  failed=$((failed + 1)); echo "FAIL requests left $((temp_after - temp_before)) imageio file(s) in $tmp"
fi
kill -TERM "$server"
wait "$server"; code=$?
# the JVM ends with 128 + 15 after its shutdown hooks (which stop Jetty and the scoring thread) on SIGTERM
if { [ "$code" -eq 0 ] || [ "$code" -eq 143 ]; } && ! grep -q 'Exception' "$work/serve.log"; then
  passed=$((passed + 1)); echo "ok   dhad serve stops on SIGTERM (exit $code, no exception logged)"
else
  failed=$((failed + 1)); echo "FAIL dhad serve exited $code on SIGTERM"; tail -5 "$work/serve.log" | sed 's/^/     /'
fi
server=""
echo "serve check: $passed passed, $failed failed ($(( $(date +%s) - began )) s)"
[ "$failed" -eq 0 ]
