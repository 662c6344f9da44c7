import NetCost
import Testing

/// Seeded random valid specs (chains, branches, blocks, loops): each analyses without a
/// diagnostic, its rows sum to its totals, every row reads what earlier rows wrote, and its MACs
/// never fall when α or the resolution grows.
@Suite struct PropertyTests {
  static let seeds: [UInt64] = Array(1...40)

  @Test(arguments: seeds)
  func randomSpecsHoldTheInvariants(_ seed: UInt64) throws {
    var generator = SpecGenerator(seed: seed)
    let text = generator.spec()
    let source = SourceFile(name: "random-\(seed).netspec", text: text)
    let spec = Pipeline.parse(source)
    var previousMACs = 0
    for alpha in [0.25, 0.5, 0.75, 1.0] {
      let outcome = Pipeline.analyze(spec, overrides: ["alpha": alpha])
      let analysis = try #require(
        outcome.value,
        "seed \(seed):\n\(text)\n\(DiagnosticRenderer().render(outcome.diagnostics, in: source))")
      #expect(outcome.diagnostics.isEmpty)
      let t = analysis.totals
      #expect(analysis.rows.reduce(0) { $0 + $1.cost.params } == t.params)
      #expect(analysis.rows.reduce(0) { $0 + $1.cost.macs } == t.macs)
      #expect(analysis.rows.reduce(0) { $0 + $1.activationBytes } == t.activationBytes)
      var written = [analysis.input]
      for row in analysis.rows {
        #expect(row.inputs.allSatisfy(written.contains), "seed \(seed): \(row.name)")
        written.append(row.output)
      }
      #expect(t.macs >= previousMACs, "seed \(seed): alpha \(alpha)")
      previousMACs = t.macs
    }
    previousMACs = 0
    for resolution in [32.0, 48, 64, 96] {
      let macs = try #require(Pipeline.analyze(spec, overrides: ["resolution": resolution]).value)
        .totals.macs
      #expect(macs >= previousMACs, "seed \(seed): resolution \(resolution)")
      previousMACs = macs
    }
  }
}

/// Writes random specs that are valid by construction: spatial sizes kept by `same` padding
/// (strides of 2 only while the map is large), channel counts tracked as expressions so `add`
/// branches agree.
struct SpecGenerator {
  private var state: UInt64
  private var lines: [String] = []
  private var channels = "3"
  private var downsamples = 0
  private var labels = 0

  init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 }

  /// SplitMix64.
  private mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  private mutating func int(_ range: ClosedRange<Int>) -> Int {
    range.lowerBound + Int(next() % UInt64(range.count))
  }

  mutating func spec() -> String {
    lines = [
      "param alpha = 1.0 in (0, 1]", "param resolution = 64 in [16, 512]",
      "input resolution x resolution x 3",
      "block unit(f) {",
      "  conv filters = max(1, int(f * alpha)), kernel = 3, padding = same -> bn -> relu",
      "}",
    ]
    for _ in 0..<int(3...12) { statement(depth: 0) }
    lines.append("globalavgpool")
    lines.append("fc units = 10")
    return lines.joined(separator: "\n") + "\n"
  }

  private mutating func width() -> String { "max(1, int(\(8 * int(1...8)) * alpha))" }

  private mutating func statement(depth: Int) {
    switch int(0...7) {
    case 0, 1:
      let f = width()
      let stride = downsamples < 2 && int(0...2) == 0 ? 2 : 1
      if stride == 2 { downsamples += 1 }
      lines.append(
        "conv filters = \(f), kernel = \(int(0...1) * 2 + 1), stride = \(stride), "
          + "padding = same, bias = \(int(0...1) == 0) -> bn -> relu")
      channels = f
    case 2:
      lines.append("dwconv kernel = 3, padding = same, bias = false -> bn -> relu6")
    case 3:
      let f = width()
      lines.append("pwconv filters = \(f) -> relu")
      channels = f
    case 4:
      let a = width()
      let b = width()
      lines.append("concat {")
      lines.append("  branch { pwconv filters = \(a) -> relu }")
      lines.append(
        "  branch { maxpool kernel = 3, stride = 1, padding = 1 -> pwconv filters = \(b) }")
      lines.append("}")
      channels = "(\(a) + \(b))"
    case 5:
      lines.append(
        "add { branch { } branch { dwconv kernel = 3, padding = same -> pwconv filters = \(channels) } }"
      )
    case 6 where depth < 2:
      lines.append("repeat \(int(1...3)) {")
      statement(depth: depth + 1)
      lines.append("}")
    default:
      labels += 1
      let f = 8 * int(1...6)
      // Inside a loop a fixed label would name two layers: only top-level calls are labelled.
      lines.append(depth == 0 ? "u\(labels): unit(\(f))" : "unit(\(f))")
      channels = "max(1, int(\(f) * alpha))"
    }
  }
}
