#!/usr/bin/env bash
# Builds the library's targets outside SwiftPM, each as the module it is, for the programs built
# on demand against them (Tests/Fuzz/run-fuzzer.sh, Tests/Benchmarks/run.sh):
#   Tests/build-library.sh OUT [SWIFTC FLAGS...]
# compiles Sources/<target> of every library target, in the order of their dependencies
# (docs/architecture.md), to OUT/<target>.o and OUT/modules/<target>.swiftmodule, with testing
# enabled so a program may `@testable import` them, and prints the objects to link, one a line.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$1
shift
mkdir -p "$out/modules"
for module in NetCostCore NetCostSpec NetCostImport NetCostAnalysis NetCostRender NetCost; do
  # shellcheck disable=SC2046 # one argument per file; the paths have no spaces
  swiftc "$@" -parse-as-library -enable-testing -wmo -package-name netcost -module-name "$module" \
    -I "$out/modules" -emit-module -emit-module-path "$out/modules/$module.swiftmodule" \
    -c $(find "Sources/$module" -name '*.swift' | sort) -o "$out/$module.o" >&2
  echo "$out/$module.o"
done
