#!/usr/bin/env bash
# netcost's benchmarks: the release binary end to end against a hello-world Swift binary built the
# same way (the floor), and in process an α×ρ sweep and generated specs of 1,000 to 100,000
# layers. Prints a table and writes docs/performance.md. Needs hyperfine (Debian's package).
#   Tests/Benchmarks/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
out=.build/bench
mkdir -p "$out"
command -v hyperfine >/dev/null || { apt-get update -qq >/dev/null; apt-get install -y -qq hyperfine >/dev/null; }

swift build -c release --static-swift-stdlib >/dev/null
netcost=$(swift build -c release --static-swift-stdlib --show-bin-path)/netcost
echo 'print("hello")' > "$out/hello.swift"
swiftc -O -static-stdlib "$out/hello.swift" -o "$out/hello"
# The second floor: hello linked as netcost's release build links on Linux (Package.swift).
swiftc -O -static-executable -use-ld=lld "$out/hello.swift" -o "$out/hello-static"
mapfile -t objects < <(Tests/build-library.sh "$out/library" -O)
swiftc -O -parse-as-library -I "$out/library/modules" Tests/Benchmarks/Benchmark.swift \
  "${objects[@]}" -o "$out/netcost-bench"

# A .keras archive of VGG16 as model.save() writes it, about 550 MB: Keras's config.json (from the
# fixture) and 138,357,544 fp32 weights' worth of model.weights.h5 (zeros; never read).
python3 - "$out/vgg16-550MB.keras" <<'PY'
import sys, zipfile
with zipfile.ZipFile("Tests/Fixtures/keras/vgg16.keras") as fixture, \
        zipfile.ZipFile(sys.argv[1], "w") as archive:
    for name in ("metadata.json", "config.json"):
        archive.writestr(name, fixture.read(name))
    with archive.open("model.weights.h5", "w", force_zip64=True) as weights:
        chunk = bytes(1 << 20)
        for _ in range(138_357_544 * 4 // len(chunk)):
            weights.write(chunk)
PY

# VGG16 as ONNX with its weights embedded (553 MB), written by hand: the graph is read, the
# weights skipped.
python3 Tests/Benchmarks/make_vgg16_onnx.py "$out/vgg16-553MB.onnx"

hyperfine --warmup 20 --runs 300 -N --export-json "$out/process.json" \
  "$out/hello" "$out/hello-static" "$netcost vgg16" "$netcost vgg" "$netcost mobilenet --format json" "$netcost list" \
  "$netcost conventions resnet50" "$netcost efficientnet_b7 --convention ptflops" \
  "$netcost resnet50 --memory pytorch --optimizer adam --batch 32" \
  "$netcost fit mobilenet --macs 300M --vary alpha" \
  "$netcost Tests/Fixtures/caffe/googlenet.prototxt" "$netcost Tests/Fixtures/keras/resnet50.json" \
  "$netcost $out/vgg16-550MB.keras" "$netcost $out/vgg16-553MB.onnx" \
  "$netcost Tests/Fixtures/onnx/convnext_tiny.dynamo.onnx" >/dev/null
/usr/bin/time -f "%e %M" -o "$out/keras-time.txt" "$netcost" "$out/vgg16-550MB.keras" > /dev/null
/usr/bin/time -f "%e %M" -o "$out/onnx-time.txt" "$netcost" "$out/vgg16-553MB.onnx" > /dev/null
"$out/netcost-bench" sweep Specs > "$out/inprocess.tsv"
for n in 1000 10000 100000; do "$out/netcost-bench" layers "$n" >> "$out/inprocess.tsv"; done
printf 'input 8 x 8 x 3\nrepeat 1000000 { relu }\n' > "$out/million.netspec"
/usr/bin/time -f "%e %M" -o "$out/frontier-time.txt" "$netcost" fit mobilenet --macs 300M \
  --peak-memory 2MB --vary alpha,resolution > "$out/frontier.txt"
/usr/bin/time -f "%e %M" -o "$out/million-memory-time.txt" "$netcost" "$out/million.netspec" \
  --memory pytorch --optimizer adam > /dev/null
/usr/bin/time -f "%e %M" "$netcost" sweep mobilenet \
  --alpha "$(seq -s, 0.10 0.01 1.00)" --resolution "$(seq -s, 32 4 512)" --format csv \
  > "$out/sweep.csv" 2> "$out/sweep-time.txt"

# The largest spec within the limits, 1,000,000 layers, end to end in each format: the best of
# three runs, seconds and peak memory.
: > "$out/million.tsv"
for format in table json csv markdown; do
  best=""
  for _ in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$out/million-time.txt" \
      "$netcost" "$out/million.netspec" --format "$format" > /dev/null
    run=$(tail -n 1 "$out/million-time.txt")
    if [ -z "$best" ] || awk -v a="${run%% *}" -v b="${best%% *}" 'BEGIN { exit !(a < b) }'; then
      best=$run
    fi
  done
  printf '%s\t%s\n' "$format" "$best" >> "$out/million.tsv"
done

python3 - "$out" "$(uname -m)" "$(nproc)" "$(date -u +%Y-%m-%d)" <<'PY'
import json, sys
out, arch, cores, day = sys.argv[1:]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "unknown")
runs = json.load(open(f"{out}/process.json"))["results"]
floor, static_floor = runs[0]["mean"], runs[1]["mean"]
def mean_ms(needle):
    return next(r["mean"] for r in runs if needle in r["command"]) * 1000
rows = []
for r in runs:
    name = " ".join(w.split("/")[-1] for w in r["command"].replace(out + "/", "").split())
    rows.append(f"| `{name}` | {r['mean']*1000:.2f} ms | ± {r['stddev']*1000:.2f} | {r['mean']/floor:.2f}× | {r['mean']/static_floor:.2f}× |")
inproc = [l.split("\t") for l in open(f"{out}/inprocess.tsv").read().split("\n") if l]
sweep = next(l for l in inproc if l[0] == "sweep")
layer_rows = [l for l in inproc if l[0] == "layers"]
wall, rss = open(f"{out}/sweep-time.txt").read().split()[-2:]
csv_rows = sum(1 for _ in open(f"{out}/sweep.csv")) - 1
text = f"""# Performance

Measured by `Tests/Benchmarks/run.sh` on {day}: {cpu}, {cores} cores ({arch}), Swift's release
build as the README installs it (`swift build -c release --static-swift-stdlib`; on Linux,
Package.swift links the release binary fully static, with LLVM's linker). Benchmarks, not tests:
CI never fails on timing.

## Process: the binary end to end

hyperfine, 300 runs after 20 warm-up runs, no shell, all in one run. Two floors, both a
hello-world Swift binary: `hello`, built with `swiftc -O -static-stdlib` (the standard library
static, the C library dynamic: the floor issue 26's targets are stated against, `list` ≤ 3×,
`vgg16` ≤ 2×, a Keras JSON import ≤ 3×), and `hello-static`, linked fully static as netcost is
(`-static-executable -use-ld=lld`), which skips the dynamic loader's work and starts in about
half the time. netcost links fully static because a dynamically linked binary of its size spends
most of a built-in analysis's start in the loader (relocations and symbol binding); against the
fully static floor its ratios are the higher ones in the last column.

| command | mean | σ | × floor (`hello`) | × `hello-static` |
|---|---:|---:|---:|---:|
""" + "\n".join(rows) + f"""

## In process

| what | size | seconds | rate | peak memory |
|---|---:|---:|---:|---:|
| α×ρ sweep of `mobilenet` (α 0.10…1.00 by 0.01, ρ 32…512 by 4), parsed once | {int(sweep[1]):,} configurations | {float(sweep[2]):.3f} | {float(sweep[3]):,.0f} configurations/s | {int(sweep[5])/1024:.0f} MB |
""" + "\n".join(f"| generated chain (conv + bn + relu), parse + resolve + analyze | {int(l[1]):,} layers | {float(l[2]):.3f} | {float(l[3]):,.0f} layers/s | {int(l[5])/1024:.0f} MB |" for l in layer_rows) + f"""

## The largest spec within the limits

`repeat 1000000 {{ relu }}`, 1,000,000 layers, through the binary (best of three runs):

| format | seconds | peak memory |
|---|---:|---:|
""" + "\n".join(f"| {f} | {float(t.split()[0]):.2f} | {int(t.split()[1])/1024:.0f} MB |" for f, t in (l.split("\t") for l in open(f"{out}/million.tsv").read().split("\n") if l)) + f"""

## A 550 MB `.keras` archive

`netcost vgg16-550MB.keras`: Keras's VGG16 `config.json` beside 553 MB of `model.weights.h5`, as
`model.save()` writes it. Only the archive's end record, its central directory and `config.json`
are read: {mean_ms("vgg16-550MB.keras"):.2f} ms end to end (hyperfine's mean, above), peak memory
{int(open(f"{out}/keras-time.txt").read().split()[-1])/1024:.0f} MB.

## A 553 MB ONNX model with its weights

`netcost vgg16-553MB.onnx`: VGG16 as ONNX with all 138,357,544 weights embedded as `raw_data`
(written by `Tests/Benchmarks/make_vgg16_onnx.py`). The file is mapped and each initializer's
weights are skipped by their length, never read: {mean_ms("vgg16-553MB.onnx"):.2f} ms end to end
(hyperfine's mean, above), peak memory {int(open(f"{out}/onnx-time.txt").read().split()[-1])/1024:.0f} MB.

## Memory walks and budget searches

`netcost fit mobilenet --macs 300M --peak-memory 2MB --vary alpha,resolution` (the frontier: a
bisection over 4,065 resolutions for each of 400 widths, each point an analysis with the ideal
policy's walk): {open(f"{out}/frontier-time.txt").read().split()[-2]} s, peak memory {int(open(f"{out}/frontier-time.txt").read().split()[-1])/1024:.0f} MB.

The million-layer spec with `--memory pytorch --optimizer adam` (the inference walk, and the
training walk forward and backward): {open(f"{out}/million-memory-time.txt").read().split()[-2]} s, peak memory {int(open(f"{out}/million-memory-time.txt").read().split()[-1])/1024:.0f} MB.

## The same sweep from the command line

`netcost sweep mobilenet --alpha 0.10,…,1.00 --resolution 32,…,512 --format csv` writes
{csv_rows:,} rows in {wall} s, peak memory {int(rss)/1024:.0f} MB.
"""
# The notes after the marker are written by hand (what changed, and why, for each issue's
# targets): kept as they are.
marker = "<!-- Notes below are written by hand; Tests/Benchmarks/run.sh keeps them. -->"
try:
    previous = open("docs/performance.md").read()
except FileNotFoundError:
    previous = ""
if marker in previous:
    text = text.rstrip("\n") + "\n\n" + previous[previous.index(marker):]
open("docs/performance.md", "w").write(text)
print(text)
PY
