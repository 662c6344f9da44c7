#!/usr/bin/env bash
# Builds netcost's front end and analyzer with libFuzzer and AddressSanitizer, and fuzzes it.
#   Tests/Fuzz/run-fuzzer.sh [SECONDS]      (default 600)
# The starting corpus is Specs/, Tests/Fuzz/corpus/ and small versions of the hostile classes
# (Tests/Fuzz/hostile.py); what the fuzzer finds goes to .build/fuzz/corpus and any crashing
# input to .build/fuzz/crash-*. Inputs go up to 1 MiB; one that takes over 120 s or a single
# allocation over 2 GiB is a failure, and the log names the slowest input. (AddressSanitizer and
# the target's several analyses and every renderer make a run some 30 to 150 times slower than
# the release binary, most for inputs of thousands of error lines: 120 s here is 0.8 to 4 s
# there, the bound of 2 s; replay-corpus.sh checks that bound on the binary itself.)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-600}
out=.build/fuzz
mkdir -p "$out/corpus"
# The library's targets, each the module it is, instrumented, then the target linked to them.
flags=(-sanitize=fuzzer,address -O -g)
mapfile -t objects < <(Tests/build-library.sh "$out/library" "${flags[@]}")
swiftc "${flags[@]}" -parse-as-library -I "$out/library/modules" Tests/Fuzz/FuzzTarget.swift \
  "${objects[@]}" -o "$out/netcost-fuzz"
cp Specs/*.netspec Tests/Fuzz/corpus/* Tests/Fixtures/caffe/*.prototxt Tests/Fixtures/keras/*.json \
  Tests/Fixtures/keras/*.keras Tests/Fixtures/onnx/*.onnx "$out/corpus/" 2>/dev/null || true
python3 Tests/Fuzz/hostile.py write "$out/corpus" --small
"$out/netcost-fuzz" "$out/corpus" -dict=Tests/Fuzz/netspec.dict -max_len=1048576 -timeout=120 \
  -rss_limit_mb=4096 -malloc_limit_mb=2048 -report_slow_units=1 -max_total_time="$seconds" \
  -print_final_stats=1 -artifact_prefix="$out/" \
  2>&1 | tee "$out/fuzz.log" | grep -E "^#[0-9]+ +(INITED|DONE|pulse)|ERROR|SUMMARY|stat::|Slowest" || true
grep -q "ERROR: libFuzzer\|ERROR: AddressSanitizer\|SUMMARY: AddressSanitizer" "$out/fuzz.log" \
  && { echo "fuzz: a failure was found; see $out/fuzz.log and $out/crash-*" >&2; exit 1; }
grep -q "^Done [0-9]* runs" "$out/fuzz.log" \
  || { echo "fuzz: the fuzzer did not run to the end; see $out/fuzz.log" >&2; exit 1; }
echo "fuzz: no failure in $seconds s"
