import Testing

@testable import NetCost
@testable import NetCostCore
@testable import NetCostRender

/// Model files an adversarial review found read wrongly with exit 0 (issue 25): each is now
/// read as its format defines it, or refused with a located message.
@Suite struct ImportHardeningTests {
  static let caffeInput = "input: \"data\"\ninput_shape { dim: 1 dim: 3 dim: 8 dim: 8 }\n"

  static func parse(_ name: String, _ text: String) -> Pipeline.ParsedSpec {
    Pipeline.parse(SourceFile(name: name, text: text))
  }

  /// Protobuf's text format escapes, C's: `\101` and `\x41` are "A", not the digits.
  @Test(arguments: [
    (#"r\101"#, "rA"), (#"r\x41"#, "rA"), (#"r\u00e9"#, "ré"), (#"a\tb"#, "a\tb"),
    (#"q\"q"#, "q\"q"), (#"r\1012"#, "rA2"),
  ])
  func caffeStringEscapes(_ written: String, _ name: String) throws {
    let text =
      Self.caffeInput
      + "layer { name: \"\(written)\" type: \"ReLU\" bottom: \"data\" top: \"r\" }\n"
    let network = try #require(Pipeline.resolve(Self.parse("m.prototxt", text)).value)
    #expect(network.layers.map(\.name) == [name])
  }

  @Test func anUnknownEscapeIsAnError() {
    let text =
      Self.caffeInput + "layer { name: \"r\\q\" type: \"ReLU\" bottom: \"data\" top: \"r\" }\n"
    #expect(
      Self.parse("m.prototxt", text).diagnostics.map(\.message) == [
        "a string has the escape '\\q', which protobuf's text format does not define"
      ])
  }

  @Test func caffeInputShapeGivenTwice() {
    let text =
      Self.caffeInput + "input_shape { dim: 1 dim: 3 dim: 16 dim: 16 }\n"
      + "layer { name: \"r\" type: \"ReLU\" bottom: \"data\" top: \"r\" }\n"
    #expect(
      Self.parse("m.prototxt", text).diagnostics.map(\.message) == [
        "the model declares its input's shape twice"
      ])
  }

  static func keras(_ layers: String, inputs: String = "") -> String {
    """
    {"class_name": "Functional", "config": {"name": "m", "layers": [\(layers)],
     "input_layers": [\(inputs)], "output_layers": [["c", 0, 0]]}}
    """
  }

  static let kerasInput =
    #"{"class_name": "InputLayer", "name": "in", "config": {"batch_shape": [null, 8, 8, 3], "name": "in"}, "inbound_nodes": []}"#

  @Test func kerasPaddingMustBeAWord() {
    let conv =
      #"{"class_name": "Conv2D", "name": "c", "config": {"name": "c", "filters": 4, "kernel_size": [3, 3], "padding": 5}, "inbound_nodes": [[["in", 0, 0, {}]]]}"#
    #expect(
      Self.parse("m.json", Self.keras(Self.kerasInput + ", " + conv)).diagnostics.map(\.message)
        == ["'padding' must be 'same' or 'valid', got 5"])
  }

  /// Two inputs of one shape were read as one input, and the model analysed as if it had one.
  @Test func kerasSecondInputOfTheSameShape() {
    let second = Self.kerasInput.replacingOccurrences(of: "\"in\"", with: "\"in2\"")
    let add =
      #"{"class_name": "Add", "name": "c", "config": {"name": "c"}, "inbound_nodes": [[["in", 0, 0, {}], ["in2", 0, 0, {}]]]}"#
    let text = Self.keras(
      Self.kerasInput + ", " + second + ", " + add, inputs: #"["in", 0, 0], ["in2", 0, 0]"#)
    #expect(
      Self.parse("m.json", text).diagnostics.map(\.message) == ["the model has a second input"])
  }

  /// JSON has no infinity: a figure that is not finite is written as null.
  @Test func jsonWritesNoInfinity() {
    #expect(JSONValue.number(.infinity).rendered() == "null")
    #expect(JSONValue.number(.nan).rendered() == "null")
    #expect(JSONValue.number(1.5).rendered() == "1.5")
  }
}

extension ImportHardeningTests {
  /// A merge of more than a thousand inputs, as an ONNX Concat can have and `convert` writes it,
  /// reads back: each list item is bounded as an expression of its own (issue 25).
  @Test func aMergeOfTwoThousandInputsReadsBack() throws {
    let names = Array(repeating: "a", count: 2000).joined(separator: ", ")
    let text = "input 4 x 4 x 1\na: relu\nc: concat from = [\(names)]\n"
    let analysis = try Run.analysis(of: SourceFile(name: "wide.netspec", text: text))
    #expect(analysis.rows.last?.output == Shape(4, 4, 2000))
    let converted = SpecWriter.write(
      try #require(Pipeline.resolve(Pipeline.parse(SourceFile(name: "w", text: text))).value),
      from: "wide.netspec")
    let again = try Run.analysis(of: SourceFile(name: "again.netspec", text: converted))
    #expect(again.totals.activationBytes == analysis.totals.activationBytes)
  }

  /// A name with bidirectional overrides (from a model file, or a spec) is written by `convert`
  /// with each replaced, as control characters are, so the spec shows in the order netcost reads
  /// it: an adversarial review found U+202E written raw.
  @Test func convertWritesNoBidirectionalOverride() throws {
    let text = "input 4 x 4 x 1\n\"\u{202E}evil\u{202C}\": relu\n"
    let network = try #require(
      Pipeline.resolve(Pipeline.parse(SourceFile(name: "b", text: text))).value)
    let converted = SpecWriter.write(network, from: "b.netspec")
    #expect(!converted.unicodeScalars.contains { $0 != "\n" && TerminalText.isControl($0) })
    #expect(converted.contains("\"_evil_\": relu"))
  }

  /// `convert` writes each name between quotes, a quote or backslash in it escaped (a name that
  /// needs none is written straight into the output), and the spec reads back the same names.
  @Test func convertQuotesNamesAndReadsThemBack() throws {
    let text = #"""
      input 4 x 4 x 1
      "a\"b": relu
      "c\\d": relu
      plain: relu
      x: add from = ["a\"b", plain]
      """#
    let network = try #require(
      Pipeline.resolve(Pipeline.parse(SourceFile(name: "q", text: text))).value)
    let converted = SpecWriter.write(network)
    #expect(
      converted.hasSuffix(
        #"""
        "a\"b": relu
        "c\\d": relu
        "plain": relu
        "x": add from = ["a\"b", "plain"]

        """#))
    let again = try #require(
      Pipeline.resolve(Pipeline.parse(SourceFile(name: "again", text: converted))).value)
    #expect(again.layers.map(\.name) == [#"a"b"#, #"c\d"#, "plain", "x"])
  }

  /// A reshape to a map and one to the same dims as a list, one after the other, stay what
  /// each was written as: in the layers (the second does not take the first's operation) and
  /// in `convert`'s keys (each its own, not the last written). A review found both taking the
  /// one before's, as `==` compares a target shape's dims alone.
  @Test func reshapesOfOneSizeKeepTheirLayouts() throws {
    let text = """
      input 4 x 4 x 3
      b: reshape dims = [4, 4, 3]
      a: reshape height = 4, width = 4, channels = 3
      c: reshape dims = [4, 4, 3], from = input
      """
    let network = try #require(
      Pipeline.resolve(Pipeline.parse(SourceFile(name: "r", text: text))).value)
    #expect(network.layers.map { $0.operation.targetLayout } == [.plain, .map, .plain])
    #expect(
      SpecWriter.write(network).hasSuffix(
        """
        "b": reshape dims = [4, 4, 3]
        "a": reshape height = 4, width = 4, channels = 3
        "c": reshape dims = [4, 4, 3], from = input

        """))
  }

  /// `--explain`'s sum of a concatenation's channels is joined once, not copied at every term.
  @Test func aLongChannelSumIsExplained() throws {
    let total = try Count.sum((1...5).map { Count($0, explaining: true) })
    #expect(total.value == 15 && total.text == "1 + 2 + 3 + 4 + 5")
  }
}

extension Operation {
  /// The layout of a reshape's target shape (nil for another operation), for the test above.
  fileprivate var targetLayout: Shape.Layout? {
    if case .reshape(let shape) = self { return shape.layout }
    return nil
  }
}
