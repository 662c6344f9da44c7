import Testing

@testable import NetCost
@testable import NetCostCore

/// Hand-made ONNX files (Tests/Fixtures/onnx/malformed, written byte by byte by
/// make_malformed.py), one for each way a model is refused: each gives exactly one error, which
/// names what is wrong and where (the byte, or the node by index, name and type, with its
/// inputs' shapes), and nothing crashes.
@Suite struct OnnxDiagnosticsTests {
  static let cases: [(String, String)] = [
    (
      "truncated",
      "cannot read the ONNX model: a field of 52 bytes runs past the end of the file (at byte 9)"
    ),
    ("bad-varint", "cannot read the ONNX model: a number runs past 64 bits (at byte 1)"),
    (
      "wrong-wire-type",
      "cannot read the ONNX model: 'graph' has wire type 0 where ONNX's schema has 2 (at byte 3)"
    ),
    (
      "group-wire-type",
      "cannot read the ONNX model: 'graph' has wire type 3 where ONNX's schema has 2 (at byte 3)"
    ),
    (
      "huge-length",
      "cannot read the ONNX model: a field of 1099511627776 bytes runs past the end of the file (at byte 3)"
    ),
    ("missing-graph", "cannot read the ONNX model: it has no graph"),
    (
      "unknown-op",
      "node 0 'nms' (NonMaxSuppression) on [1, 3, 8, 8]: is an operator netcost does not model"
    ),
    ("cyclic-graph", "node 0 'first' (Relu): reads 'b', which nothing before it makes"),
    (
      "duplicate-outputs",
      "node 1 'sigmoid' (Sigmoid) on [1, 3, 8, 8]: makes 'y', which the graph already has"
    ),
    ("duplicate-names", "node 1 'relu' (Relu) on [1, 3, 8, 8]: two layers are named 'relu'"),
    (
      "computed-reshape",
      "node 1 'reshape' (Reshape) on [1, 3, 8, 8], [1, 3, 8, 8]: input 2 ('y') must be a constant netcost can read (a shape or axes), but its values are computed or in external data"
    ),
    (
      "nested-graph",
      "node 0 'if' (If) on [1, 3, 8, 8]: holds a graph of its own (If, Loop, Scan), which netcost does not analyse"
    ),
    ("old-opset", "the model declares opset 7; netcost reads opset 11 and later"),
    ("no-input", "the graph has no input"),
    ("two-inputs", "the graph has 2 inputs (x, w)"),
    // Strides and dilations near 2⁶³ trapped in the window arithmetic (⌈n / s⌉ as n + s − 1);
    // a window value is now 1 to 2³¹ − 1, which a spec can write back exactly.
    (
      "same-huge-stride",
      "node 0 'conv' (Conv) on [1, 3, 8, 8], [4, 3, 3, 3]: has strides [4611686018427387904, 4611686018427387904], dilations [1, 1] and kernel 3×3; netcost reads two of each, 1 to 2³¹ − 1"
    ),
    (
      "ceil-huge-stride",
      "node 0 'pool' (MaxPool) on [1, 3, 8, 8]: has strides [4611686018427387904, 1], dilations [1, 1] and kernel [2, 2]; netcost reads dilation 1 and two strides and sides, 1 to 2³¹ − 1"
    ),
    (
      "huge-dilation",
      "node 0 'conv' (Conv) on [1, 3, 8, 8], [4, 3, 3, 3]: has strides [1, 1], dilations [4611686018427387904, 4611686018427387904] and kernel 3×3; netcost reads two of each, 1 to 2³¹ − 1"
    ),
    (
      "resize-repeated",
      "node 2 'up1' (Resize) on [1, 3, 524280, 524280]: resizes to 34358689800×34358689800; a side must be 1 to 2³¹ − 1"
    ),
    (
      "doubling-concat",
      "node 23 'cat22' (Concat): folds constants of more than 16,000,000 values in all; netcost folds shape arithmetic, not data"
    ),
    (
      "unsqueeze-rank",
      "node 1 'u' (Unsqueeze) on [1, 3, 8, 8]: makes a tensor of rank 104; netcost reads at most 64"
    ),
    (
      "conv-weights-mismatch",
      "node 0 'conv' (Conv) on [1, 3, 8, 8], [8, 5, 3, 3]: has weights [8, 5, 3, 3] and group 1 on 3 input channels; ONNX's Conv takes C_out × (C_in / group) × kH × kW with C_out a multiple of group"
    ),
    (
      "zero-filters",
      "node 0 'conv' (Conv) on [1, 3, 8, 8], [0, 3, 3, 3]: has weights [0, 3, 3, 3] and group 1 on 3 input channels; ONNX's Conv takes C_out × (C_in / group) × kH × kW with C_out a multiple of group"
    ),
    (
      "squeeze-axis-out-of-rank",
      "node 1 'sq' (Squeeze) on [1, 3, 8, 8]: squeezes axis 7 of dims [1, 3, 8, 8]; ONNX squeezes distinct axes of size 1"
    ),
    ("split-duplicate-outputs", "node 0 'split' (Split) on [1, 3, 8, 8]: makes 'a' twice"),
    (
      "resize-sizes-channels",
      "node 1 'up' (Resize) on [1, 3, 8, 8]: has sizes [1, 6, 16, 16]; netcost resizes height and width, not the batch or channels"
    ),
    (
      "op-type-as-number",
      "cannot read the ONNX model: 'op_type' has wire type 0 where ONNX's schema has 2 (at byte 25)"
    ),
    (
      "group-zero",
      "node 0 'conv' (Conv) on [1, 3, 8, 8], [4, 3, 3, 3]: has group 0; ONNX's group is at least 1"
    ),
    (
      "field-past-its-message",
      "cannot read the ONNX model: a field of 10 bytes runs past the end of its message at byte 16 (at byte 13)"
    ),
    // Arity as the ONNX specs give it: folding trapped on a missing input, and extra inputs
    // were dropped without a word (the importers' review, issue 25).
    ("fold-gather-one-input", "node 1 'g' (Gather): input 2 is missing"),
    ("fold-where-empty-input", "node 2 'w' (Where): input 2 is missing"),
    (
      "relu-two-inputs",
      "node 0 'relu' (Relu) on [1, 3, 8, 8], [1, 3, 8, 8]: has 2 inputs; ONNX's Relu takes at most 1 input"
    ),
    (
      "conv-four-inputs",
      "node 0 'conv' (Conv) on [1, 3, 8, 8], [4, 3, 3, 3], [1, 3, 8, 8]: has 4 inputs; ONNX's Conv takes at most 3 inputs"
    ),
    ("gather-nan-index", "node 2 'g' (Gather): gathers index NaN of an axis of 4"),
    (
      "custom-domain",
      "node 0 'fused' (FusedConv) on [1, 3, 8, 8]: is in domain 'com.microsoft', which netcost does not read"
    ),
  ]

  static func parse(_ name: String) throws -> Pipeline.ParsedSpec {
    let bytes = try Fixture.bytes("onnx/malformed/\(name).onnx")
    return bytes.withUnsafeBytes { Pipeline.parse(onnx: $0, name: "\(name).onnx") }
  }

  @Test(arguments: cases)
  func refused(_ name: String, _ message: String) throws {
    let spec = try Self.parse(name)
    #expect(spec.diagnostics.map(\.message) == [message])
    #expect(Pipeline.resolve(spec).value == nil)
  }

  /// The valid one beside them: one ReLU on 1×3×8×8.
  @Test func validOne() throws {
    let network = try #require(Pipeline.resolve(try Self.parse("valid")).value)
    #expect(network.layers.map(\.name) == ["relu"])
    #expect(network.input == Shape(8, 8, 3))
  }

  /// A height and width left open (`[N, 3, H, W]`, dynamic axes) are asked for, then given.
  @Test func openInputIsGivenOnTheCommandLine() throws {
    let spec = try Self.parse("symbolic-height")
    #expect(spec.diagnostics.isEmpty)
    let missing = Pipeline.resolve(spec)
    #expect(missing.value == nil)
    #expect(
      missing.diagnostics.map(\.message) == ["the model leaves its input's height and width open"])
    let given = Pipeline.resolve(spec, overrides: ["height": 12, "width": 10])
    #expect(given.value?.input == Shape(12, 10, 3))
    #expect(Pipeline.resolve(spec, overrides: ["resolution": 32]).value?.input == Shape(32, 32, 3))
  }

  /// Resize by constant scales: ⌊8·2⌋ × ⌊8·1.5⌋, the channels kept.
  @Test func resizeByScales() throws {
    let analysis = try #require(Pipeline.analyze(try Self.parse("resize-by-scales")).value)
    #expect(analysis.rows.map(\.output) == [Shape(16, 12, 3)])
    #expect(analysis.rows.map(\.kind) == [.resize])
  }

  /// Every prefix of a real export is refused cleanly, never a crash: the truncations a download
  /// or a full disk leaves.
  @Test func everyTruncationOfAnExportIsAnError() throws {
    let bytes = try Fixture.bytes("onnx/mobilenet_v2.legacy.onnx")
    for length in stride(from: 0, to: bytes.count, by: 997) {
      let spec = Array(bytes[..<length]).withUnsafeBytes {
        Pipeline.parse(onnx: $0, name: "cut.onnx")
      }
      #expect(spec.diagnostics.count == 1, "at \(length) bytes")
    }
  }
}
