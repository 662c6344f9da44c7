// The libFuzzer entry points: arbitrary bytes through every stage of netcost, lexer to renderers,
// and a mutator that composes repetition. Built only on demand, by Tests/Fuzz/run-fuzzer.sh,
// against the library's modules (Tests/build-library.sh); it is not part of the package, so
// `swift build` and `swift test` never see it.
import NetCost

@testable import NetCostImport  // `Inflate`

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: count))
  // As a `.keras` archive, and as a raw DEFLATE stream.
  if ZipArchive.looksLikeArchive(bytes) {
    _ = try? ZipArchive(bytes: bytes).entry("config.json", limit: 4 << 20)
  }
  _ = try? Inflate.inflate(bytes, limit: 1 << 20)
  // As a file in a format netcost recognises but does not read, under the names whose extension
  // counts, with the files beside it that a `.bin` is known by.
  let entries = try? ZipArchive(bytes: bytes).entryNames()
  let head = Array(bytes.prefix(RecognisedFormat.sampleBytes))
  for name in ["fuzz.dat", "fuzz.pb", "fuzz.mlmodel", "saved_model.pb", "fuzz.bin"] {
    _ = RecognisedFormat.recognise(
      FileSample(path: name, head: head, zipEntries: entries, existing: ["fuzz.param"]))
  }
  // As an ONNX model (protobuf).
  exercise(bytes.withUnsafeBytes { Pipeline.parse(onnx: $0, name: "fuzz.onnx") })
  guard let text = String(validating: bytes, as: UTF8.self) else { return 0 }
  // The same text in each language netcost reads, the extension choosing the front end.
  for name in ["fuzz.netspec", "fuzz.prototxt", "fuzz.json"] {
    exercise(Pipeline.parse(SourceFile(name: name, text: text)))
  }
  return 0
}

/// Every stage on one source: analysis with and without parameters, every renderer, `--explain`,
/// `verify`, and `convert`, whose spec must analyse to the same totals.
func exercise(_ spec: Pipeline.ParsedSpec) {
  let source = spec.source
  let outcome = Pipeline.analyze(spec, overrides: ["alpha": 0.5, "resolution": 64])
  _ = DiagnosticRenderer().render(outcome.diagnostics, in: source)
  let plain = Pipeline.analyze(spec)
  _ = DiagnosticRenderer(colored: true).render(plain.diagnostics, in: source)
  for analysis in [outcome.value, plain.value].compactMap({ $0 }) {
    _ = AnalysisReport.render(analysis)
    _ = AnalysisReport.document(analysis, byKind: true).renderedAsMarkdown()
    _ = AnalysisReport.document(analysis).renderedAsCSV()
    _ = JSONRenderer.render(analysis)
    _ = TerminalRenderer.render(Table(layersOf: analysis), style: TerminalStyle(width: 60))
    for (i, row) in analysis.rows.prefix(200).enumerated() {
      if let explanation = try? Explanation(row, previous: i > 0 ? analysis.rows[i - 1] : nil) {
        _ = ExplanationReport.lines(explanation)
      }
    }
    if analysis.rows.count <= 2_000 { _ = LayerChart.render(analysis) }
  }
  // A spec that does not resolve has nothing more to exercise: the memory walks and `verify`
  // would resolve it again to the same errors (an input of 60,000 error lines then took 37 s
  // under AddressSanitizer here, for 0.17 s in the release binary).
  guard plain.value != nil else { return }
  exerciseMemory(spec)
  let verification = Pipeline.verify(spec) { _ in plain.value }
  if let checks = verification.value {
    _ = VerificationReport.document(checks).renderedForTerminal()
  }
  if let network = Pipeline.resolve(spec).value, let analysis = plain.value,
    network.layers.count <= 20_000
  {
    let written = SourceFile(name: "converted.netspec", text: SpecWriter.write(network))
    let converted = Pipeline.analyze(written).value
    precondition(converted?.totals == analysis.totals, "convert changed the figures")
  }
}

/// The memory walks, a roofline and a budget search, with the invariants that must hold: the
/// rows' saved bytes add up to what autograd saves, a step's terms are not negative, no row holds
/// more than the peak.
func exerciseMemory(_ spec: Pipeline.ParsedSpec) {
  let settings = MemorySettings(batch: 3, dtype: .fp16, policy: .pytorch, optimizer: .adam)
  for memory in [settings, MemorySettings(policy: .ideal)] {
    guard let a = Pipeline.analyze(spec, memory: memory).value, let m = a.memory else { continue }
    if let peak = m.peakBytes {
      precondition(a.rows.allSatisfy { ($0.liveBytes ?? 0) <= peak }, "a row above the peak")
    }
    if let t = m.training {
      precondition(
        a.rows.reduce(0) { $0 + ($1.savedBytes ?? 0) } == t.savedForBackward, "saved rows")
      precondition(t.transient >= 0 && t.gradients <= t.allGradients, "training terms")
    }
    var withDevice = a
    withDevice.roofline = Roofline(a, device: Roofline.Device.named[0])
    _ = AnalysisReport.render(withDevice)
    _ = JSONRenderer.render(withDevice)
  }
  guard let network = Pipeline.resolve(spec).value, network.layers.count <= 2_000,
    let parameter = network.parameters.first(where: { $0.domain != nil }),
    let values = Fit.values(of: parameter, step: nil), values.count <= 200
  else { return }
  let fit = Fit.search(
    network.name, title: network.title, axes: [Fit.Axis(name: parameter.name, values: values)],
    limits: [Fit.Limit(.macs, 1_000_000), Fit.Limit(.peakMemory, 1 << 20)],
    memory: MemorySettings(policy: .ideal)
  ) { point in
    Pipeline.analyze(
      spec, overrides: point, figures: false, rows: false, memory: MemorySettings(policy: .ideal)
    ).value
  }
  _ = FitReport.document(fit).renderedForTerminal()
  _ = JSONRenderer.render(fit: fit)
}

@_silgen_name("LLVMFuzzerMutate")
func libFuzzerMutate(_ data: UnsafeMutablePointer<UInt8>, _ size: Int, _ maxSize: Int) -> Int

/// Three times in four libFuzzer's own mutations; otherwise one that composes repetition, which
/// byte mutations almost never find: a slice of the input repeated up to two thousand times, or
/// wrapped in `repeat 1 { … }` (or parentheses, signs, `else`) as deep.
@_cdecl("LLVMFuzzerCustomMutator")
public func mutate(
  _ data: UnsafeMutablePointer<UInt8>, _ size: Int, _ maxSize: Int, _ seed: CUnsignedInt
) -> Int {
  var random = SplitMix(seed: UInt64(seed))
  guard size > 0, random.next() % 4 == 0 else { return libFuzzerMutate(data, size, maxSize) }
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  let start = Int(random.next() % UInt64(size))
  let length = 1 + Int(random.next() % UInt64(min(size - start, 200)))
  let slice = bytes[start..<(start + length)]
  let times = 1 + Int(random.next() % 2000)
  let wrappers: [(String, String)] = [
    ("", ""), ("", "\n"), ("repeat 1 { ", " }"), ("(", ")"), ("-", ""),
    ("if 1 == 0 { relu } else ", ""), ("b() ", ""),
  ]
  let (open, close) = wrappers[Int(random.next() % UInt64(wrappers.count))]
  var middle: [UInt8] = []
  if open.isEmpty && close.isEmpty || close == "\n" {
    for _ in 0..<times where middle.count < maxSize { middle += slice + Array(close.utf8) }
  } else {
    let depth = min(times, maxSize / max(1, open.utf8.count + close.utf8.count + 1))
    middle =
      Array(repeating: Array(open.utf8), count: depth).flatMap { $0 } + slice
      + Array(repeating: Array(close.utf8), count: depth).flatMap { $0 }
  }
  let result = Array(
    (Array(bytes[..<start]) + middle + Array(bytes[(start + length)...])).prefix(maxSize))
  result.withUnsafeBufferPointer { buffer in
    if let base = buffer.baseAddress { data.update(from: base, count: result.count) }
  }
  return result.count
}

/// A small deterministic generator, so a mutation is reproducible from libFuzzer's seed.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
