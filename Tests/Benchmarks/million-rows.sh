#!/usr/bin/env bash
# Issue 25's bound on the largest specs the limits allow: a million rows that do not fold
# (`repeat 1000000 { maxpool kernel = 1 }`), a million that do (`{ relu }`), a million
# convolutions of two kinds in turn (a block passed over again and again), and a million 3×3
# convolutions (a receptive field that grows pass by pass: each row's own), through the
# release binary, each command the best of three runs by wall time, with its peak memory
# (`/usr/bin/time -v`'s maximum resident set) and CPU time. Prints a Markdown table for
# docs/performance.md; the bound is 2 s and 512 MB each. Benchmarks, not tests.
#   Tests/Benchmarks/million-rows.sh [runs]
# NETCOST=path measures that binary instead (another commit's, built beside this one).
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-3}
out=.build/bench
mkdir -p "$out"
if [ -z "${NETCOST:-}" ]; then
  swift build -c release --static-swift-stdlib >/dev/null
  netcost=$(swift build -c release --static-swift-stdlib --show-bin-path)/netcost
else
  netcost=$NETCOST
fi
printf 'network "mpool"\ninput 8 x 8 x 3\nrepeat 1000000 { maxpool kernel = 1 }\n' \
  > "$out/mpool.netspec"
printf 'network "relu"\ninput 8 x 8 x 3\nrepeat 1000000 { relu }\n' > "$out/relu.netspec"
printf 'network "pairs"\ninput 8 x 8 x 3\nrepeat 500000 {\n  conv filters = 6, kernel = 1\n  %s\n}\n' \
  'conv filters = 3, kernel = 1' > "$out/pairs.netspec"
printf 'network "field"\ninput 8 x 8 x 3\nrepeat 1000000 { %s }\n' \
  'conv filters = 3, kernel = 3, padding = 1' > "$out/field.netspec"

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| spec | command | seconds | CPU seconds | peak MB | output MB |"
echo "|---|---|---:|---:|---:|---:|"
for spec in mpool relu pairs field; do
  s="$out/$spec.netspec"
  while IFS='|' read -r name args; do
    best=""
    for _ in $(seq "$runs"); do
      # shellcheck disable=SC2086
      /usr/bin/time -f "%e %M %U %S" -o "$out/million-time.txt" \
        "$netcost" ${args//SPEC/$s} > "$out/million-out.txt"
      run=$(tail -n 1 "$out/million-time.txt")
      if [ -z "$best" ] || awk -v a="${run%% *}" -v b="${best%% *}" 'BEGIN { exit !(a < b) }'
      then
        best=$run
      fi
    done
    read -r wall rss user sys <<< "$best"
    bytes=$(stat -c %s "$out/million-out.txt")
    awk -v spec="$spec" -v name="$name" -v w="$wall" -v r="$rss" -v u="$user" -v s="$sys" \
      -v b="$bytes" 'BEGIN { printf "| %s | `%s` | %.2f | %.2f | %.0f | %.1f |\n",
        spec, name, w, u + s, r / 1024, b / 1048576 }'
  done <<'COMMANDS'
netcost SPEC|SPEC
netcost SPEC --format json|SPEC --format json
netcost convert SPEC|convert SPEC
netcost conventions SPEC|conventions SPEC
netcost compare SPEC SPEC SPEC|compare SPEC SPEC SPEC
netcost SPEC --memory pytorch --optimizer adam|SPEC --memory pytorch --optimizer adam
COMMANDS
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
