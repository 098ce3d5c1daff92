#!/usr/bin/env bash
# ./dhad rebuilds a product older than the sources, says so in one line, and then starts without rebuilding.
# The rebuild replaces the product: CI runs this while no other check uses it.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
passed=0; failed=0
touch "$root/bundles/org.dhad.cli/src/main/java/org/dhad/cli/internal/RunOverrides.java"
first="$("$root/dhad" --version 2>&1)"; second="$("$root/dhad" --version 2>&1)"
if grep -q 'sources changed since the product was built (bundles/org.dhad.cli/.*RunOverrides.java); rebuilding' <<<"$first" \
   && grep -q '^dhad ' <<<"$first" && ! grep -q 'rebuilding' <<<"$second"; then
  passed=$((passed + 1)); echo "ok   a touched source makes ./dhad rebuild once, saying so"
else
  failed=$((failed + 1)); echo "FAIL stale-product check"; printf '%s\n---\n%s\n' "$first" "$second" | sed 's/^/     /'
fi
echo "stale-product check: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
