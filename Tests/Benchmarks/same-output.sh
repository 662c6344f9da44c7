#!/usr/bin/env bash
# Whether two netcost binaries print the same: every built-in by its `list` name (table, JSON,
# dot graph, the memory walks with adam, `conventions`, `convert`), `list`, `verify`, a sweep, a
# comparison, every file in Specs/ and Tests/Fixtures/ and the fuzz corpus (analysed and
# converted); stdout, stderr and exit code, byte for byte. For a change meant to be faster and
# nothing else (docs/performance.md).
#   Tests/Benchmarks/same-output.sh OLD NEW
set -uo pipefail
cd "$(dirname "$0")/../.."
old=$1 new=$2 runs=0 differ=0
run() {
  local a b
  a=$(timeout 20 "$old" "$@" 2>&1; echo "exit $?")
  b=$(timeout 20 "$new" "$@" 2>&1; echo "exit $?")
  runs=$((runs + 1))
  if [ "$a" != "$b" ]; then
    echo "differ: $*"
    differ=$((differ + 1))
  fi
}
for name in $("$new" list | awk 'NR > 2 { print $1 }'); do
  run "$name"
  run "$name" --format json
  run graph "$name" --format dot
  run "$name" --memory pytorch --optimizer adam --batch 8
  run conventions "$name"
  run convert "$name"
done
run list
run verify
run sweep mobilenet --alpha 0.25,0.5,0.75,1 --resolution 128,160,192,224
run compare vgg16 mobilenet resnet50
for file in Specs/*.netspec Tests/Fixtures/*/* Tests/Fuzz/corpus/*; do
  [ -f "$file" ] && run "$file" && run convert "$file"
done
echo "$runs runs, $differ differ"
[ "$differ" -eq 0 ]
