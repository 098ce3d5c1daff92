#!/usr/bin/env bash
# Same seed, same numbers, however the machine is loaded and however the run ends:
#  1. two short demo runs with the same seed train side by side while a CPU hog runs;
#  2. a third is killed with kill -9 in the middle of an epoch, resumed and evaluated.
# All three must write the same loss columns in train-log.csv (timing columns aside), the same final
# checkpoint byte for byte and the same metrics. Threads: the default (all cores) in every run.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
. "$root/releng/scripts/train-log.sh"
work="$(mktemp -d)"
epochs=2 seed=7 # the kill falls in the last epoch, after the first checkpoint: resume must finish it
passed=0; failed=0
ok()   { passed=$((passed + 1)); echo "ok   $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }

( while :; do :; done ) & hog=$!
trap 'kill $hog 2>/dev/null; rm -rf "$work"' EXIT

"$root/dhad" demo --epochs $epochs --seed $seed --runs "$work/a" >"$work/a.log" 2>&1 & a=$!
"$root/dhad" demo --epochs $epochs --seed $seed --runs "$work/b" >"$work/b.log" 2>&1 & b=$!
wait $a; sa=$?; wait $b; sb=$?
[ $sa -eq 0 ] && [ $sb -eq 0 ] && ok "two demo runs side by side beside a CPU hog finished" \
  || { fail "side-by-side runs exited $sa and $sb"; tail -5 "$work/a.log" "$work/b.log"; }

# The run to kill: wait until it has logged step 3 of epoch 2, then kill -9 the JVM.
"$root/dhad" demo --epochs $epochs --seed $seed --runs "$work/c" >"$work/c.log" 2>&1 & c=$!
log=""
for _ in $(seq 1 600); do
  log="$(ls "$work"/c/demo/*/train-log.csv 2>/dev/null | head -n 1)"
  if [ -n "$log" ] && grep -q '^2,3,' "$log"; then break; fi
  sleep 0.2
done
kill -9 $c 2>/dev/null; wait $c 2>/dev/null
run_c="$(dirname "${log:-/nonexistent/x}")"
final="checkpoints/epoch-$(printf %03d $epochs).params"
if [ -n "$log" ] && [ -f "$run_c/checkpoints/epoch-001.params" ] && [ ! -f "$run_c/$final" ]; then
  ok "killed with kill -9 in epoch 2 (last row: $(tail -n 1 "$log" | cut -d, -f1-3))"
else
  fail "the run to kill did not reach epoch 2 or finished before the kill"
fi
"$root/dhad" resume "$run_c" >"$work/c-resume.log" 2>&1 && "$root/dhad" evaluate "$run_c" >>"$work/c-resume.log" 2>&1 \
  && ok "resumed and evaluated" || { fail "resume or evaluate of $run_c"; tail -5 "$work/c-resume.log"; }

metrics() { python3 -c "import json,sys; m=json.load(open(sys.argv[1])); print(json.dumps([m['categories'], m['mean']], sort_keys=True))" "$1"; }
run_a="$(dirname "$(ls "$work"/a/demo/*/train-log.csv | head -n 1)")"
run_b="$(dirname "$(ls "$work"/b/demo/*/train-log.csv | head -n 1)")"
for other in "$run_b" "$run_c"; do
  name="$(basename "$(dirname "$(dirname "$other")")")"
  if diff <(losses "$run_a/train-log.csv") <(losses "$other/train-log.csv") >/dev/null; then
    ok "run $name: train-log.csv loss columns equal run a's ($(($(wc -l <"$other/train-log.csv") - 1)) rows, each step once)"
  else
    fail "run $name: train-log.csv loss columns differ from run a's"
    diff <(losses "$run_a/train-log.csv") <(losses "$other/train-log.csv") | head -6
  fi
  cmp -s "$run_a/$final" "$other/$final" && ok "run $name: $final equals run a's byte for byte" \
    || fail "run $name: $final differs from run a's"
  [ "$(metrics "$run_a/metrics.json")" = "$(metrics "$other/metrics.json")" ] \
    && ok "run $name: metrics.json equals run a's ($(metrics "$other/metrics.json" | python3 -c 'import json,sys; print("mean", json.load(sys.stdin)[1])'))" \
    || fail "run $name: metrics differ from run a's"
done
# The fast kernels run oneDNN's AVX-512 convolutions where the processor has them, whose input gradients are
# garbage for kernels larger than 1x1 with output channels off the multiples of 16 (NarrowConvolutions): such a
# network (the demo at width 0.125: 8-channel convolutions) is refused before its first step, naming them.
"$root/dhad" experiments new demo "$work/narrow.xmi" --set backbone.width=0.125 >/dev/null
DHAD_KERNELS=fast "$root/dhad" train "$work/narrow.xmi" --epochs 1 --runs "$work/narrow" >"$work/narrow.log" 2>&1
narrow_status=$?
if grep -q ' avx512f ' <(grep -m1 '^flags' /proc/cpuinfo | sed 's/$/ /'); then
  [ $narrow_status -eq 1 ] && grep -q 'backbone_layer1_0_conv1_weight (8 output channels, 3x3)' "$work/narrow.log" \
    && grep -q 'DHAD_KERNELS=reproducible' "$work/narrow.log" \
    && ok "fast kernels on AVX-512 refuse 8-channel convolutions, naming them (exit 1)" \
    || { fail "fast kernels trained 8-channel convolutions on AVX-512 (exit $narrow_status)"; tail -3 "$work/narrow.log"; }
else
  [ $narrow_status -eq 0 ] && ok "no AVX-512 here: fast kernels train 8-channel convolutions" \
    || { fail "fast kernels without AVX-512: exit $narrow_status"; tail -3 "$work/narrow.log"; }
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
