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
check "unknown option exits 2" 2 "$dhad" plugins --no-such-option
check "dhad doctor exits 0" 0 "$dhad" doctor
contains "doctor reports PyTorch 2.7.1" "PyTorch 2.7.1"
check "dhad evaluate-maps --help exits 0" 0 "$dhad" evaluate-maps --help
contains "evaluate-maps help shows --dataset" "LAYOUT:PATH"
check "dhad plugins exits 0" 0 "$dhad" plugins
contains "plugins lists the registry columns" "KIND"
check "dhad plugins --json exits 0" 0 "$dhad" plugins --json
for id in deeplabv3 synthetic inlier-posterior outlier-posterior outlier-energy pixel-auroc pixel-fpr95 pixel-ap; do
  contains "plugins --json lists $id" "\"id\": \"$id\""
done

echo "product smoke test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
