#!/usr/bin/env bash
# Runs the release netcost binary on every input of the fuzz corpus (.build/fuzz/corpus, or the
# directory given) under /usr/bin/time, and fails if any run ends by a signal (exit status above
# 128), takes more than 2 s, or peaks above 512 MB. Exit statuses 0, 1, 64 and 66 are all fine: a
# bad spec is an error, not a crash. Prints the counts of each exit status and the slowest and
# largest runs.
set -uo pipefail
cd "$(dirname "$0")/../.."
corpus=${1:-.build/fuzz/corpus}
swift build -c release >/dev/null || exit 1
netcost=$(swift build -c release --show-bin-path)/netcost
log=$(mktemp)
trap 'rm -f "$log"' EXIT
total=0
failed=0
declare -A statuses=()
slowest=0 slowest_input="" largest=0 largest_input=""
for input in "$corpus"/*; do
  total=$((total + 1))
  /usr/bin/time -f "%e %M" -o "$log" timeout 10 "$netcost" "$input" >/dev/null 2>&1
  status=$?
  read -r seconds kilobytes < <(tail -n 1 "$log")
  statuses[$status]=$(( ${statuses[$status]:-0} + 1 ))
  if awk -v s="$seconds" -v m="$slowest" 'BEGIN { exit !(s > m) }'; then
    slowest=$seconds slowest_input=$input
  fi
  if [ "${kilobytes:-0}" -gt "$largest" ]; then largest=$kilobytes largest_input=$input; fi
  if [ "$status" -gt 128 ] || [ "$status" -eq 124 ] \
    || awk -v s="$seconds" 'BEGIN { exit !(s > 2) }' || [ "${kilobytes:-0}" -gt 524288 ]; then
    echo "replay: $input: status $status, $seconds s, $((kilobytes / 1024)) MB" >&2
    failed=$((failed + 1))
  fi
done
summary=""
for status in $(printf '%s\n' "${!statuses[@]}" | sort -n); do
  summary+="exit $status: ${statuses[$status]}; "
done
echo "replay: $total inputs; ${summary%; }"
echo "replay: slowest $slowest s ($slowest_input); largest $((largest / 1024)) MB ($largest_input)"
[ "$failed" -eq 0 ] || { echo "replay: $failed inputs ended by a signal, ran over 2 s or over 512 MB" >&2; exit 1; }
