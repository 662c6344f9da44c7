#!/usr/bin/env bash
# Runs the real netcost binary on every input of the fuzz corpus (.build/fuzz/corpus, or the
# directory given) and fails if any run ends by a signal (exit status above 128) or takes more
# than 5 s. Exit statuses 0, 1, 64 and 66 are all fine: a bad spec is an error, not a crash.
set -uo pipefail
cd "$(dirname "$0")/../.."
corpus=${1:-.build/fuzz/corpus}
swift build -c release >/dev/null || exit 1
netcost=$(swift build -c release --show-bin-path)/netcost
total=0
declare -A statuses=()
failed=0
for input in "$corpus"/*; do
  total=$((total + 1))
  timeout 5 "$netcost" "$input" >/dev/null 2>&1
  status=$?
  statuses[$status]=$(( ${statuses[$status]:-0} + 1 ))
  if [ "$status" -gt 128 ] || [ "$status" -eq 124 ]; then
    echo "replay: $input ended with status $status" >&2
    failed=$((failed + 1))
  fi
done
summary=""
for status in $(printf '%s\n' "${!statuses[@]}" | sort -n); do
  summary+="exit $status: ${statuses[$status]}; "
done
echo "replay: $total inputs; ${summary%; }"
[ "$failed" -eq 0 ] || { echo "replay: $failed inputs ended by a signal or timed out" >&2; exit 1; }
