import Testing

@testable import NetCost
@testable import NetCostCore
@testable import NetCostRender

/// `netcost convert` writes a spec that analyses to the imported model's figures, row for row:
/// names, kinds, shapes, params, MACs and memory, for every import fixture.
@Suite struct RoundTripTests {
  static let fixtures = [
    "caffe/alexnet.prototxt", "caffe/googlenet.prototxt", "caffe/squeezenet-1.0.prototxt",
    "caffe/squeezenet-1.1.prototxt", "caffe/vgg16.prototxt", "keras/mobilenet.json",
    "keras/mobilenet-0.5-cifar10.json", "keras/resnet50.json", "keras/vgg16.json",
    "keras/nested.json", "keras/sequential.json", "keras/keras2-functional.json",
    "keras/upsampling.json", "keras/transposed.json",
  ]

  @Test(arguments: fixtures)
  func convertedSpecAnalysesTheSame(_ file: String) throws {
    let network = try Fixture.network(file)
    let imported = try Fixture.analysis(file)
    let text = SpecWriter.write(network, from: file)
    let converted = try Run.analysis(of: SourceFile(name: "converted.netspec", text: text))
    #expect(converted.rows == imported.rows)
    #expect(converted.totals == imported.totals)
    #expect(converted.input == imported.input)
    #expect(converted.network == imported.network)
  }

  /// A spec written a piece of layers at a time, pieces side by side on the cores, is the one
  /// written whole: the `training {` and `}` around runs of training-only layers (one of them
  /// last) fall wherever a piece starts or ends.
  @Test func convertedInPiecesIsConvertedWhole() throws {
    let spec = """
      network "pieces"
      input 8 x 8 x 3
      a: conv filters = 4, kernel = 3
      training {
        aux: fc units = 2
        aux2: relu
      }
      b: relu
      c: conv filters = 4, kernel = 1
      training {
        head: fc units = 3
      }
      """
    let source = SourceFile(name: "pieces.netspec", text: spec)
    let network = try #require(Pipeline.resolve(Pipeline.parse(source)).value)
    var whole = TextWriter()
    SpecWriter.write(network, into: &whole, layersPerPiece: 100_000)
    #expect(whole.text.components(separatedBy: "training {").count == 3)
    #expect(whole.text.hasSuffix("  \"head\": fc units = 3\n}\n"))
    for layersPerPiece in [1, 2, 3, 4] {
      var pieces = TextWriter()
      SpecWriter.write(network, into: &pieces, layersPerPiece: layersPerPiece)
      #expect(pieces.text == whole.text, "\(layersPerPiece) layers a piece")
    }
  }

  /// Names a spec's strings cannot hold are made writable, and still unique.
  @Test func awkwardNamesAreWritten() throws {
    let layer = { (name: String, input: Layer.Input) in
      Layer(
        name: name, kind: .relu, operation: .activation(.relu), inputs: [input],
        range: .start, headRange: .start, arguments: [], callSites: [])
    }
    let network = Network(
      name: "odd \"net\"", title: nil, source: nil, parameters: [], input: Shape(4, 4, 1),
      layers: [
        layer("a{b}", .network), layer("a(b)", .layer(0)), layer("input", .layer(1)),
        layer("line\nbreak", .network),
      ])
    let text = SpecWriter.write(network)
    #expect(
      text == """
        network "odd \\"net\\""

        input 4 x 4 x 1

        "a(b)": relu
        "a(b)_2": relu
        "input_2": relu
        "line_break": relu from = input

        """)
    let analysis = try Run.analysis(of: SourceFile(name: "odd.netspec", text: text))
    #expect(analysis.rows.map(\.name) == ["a(b)", "line_break"])
  }

  /// A 250-byte label prefixes its block's layers past the 256 bytes a label may have: written
  /// back, each keeps its last 256 bytes (where such names differ), and the spec reads again
  /// to the same figures (the fuzzer found it).
  @Test func namesPastTheLimitKeepTheirEnd() throws {
    let label = String(repeating: "p", count: 250)
    let text = """
      input 8 x 8 x 3
      block b() { conv filters = 4, kernel = 1 -> relu }
      "\(label)1": b()
      "\(label)2": b()
      """
    let original = try Run.analysis(of: SourceFile(name: "long.netspec", text: text))
    let network = try #require(
      Pipeline.resolve(Pipeline.parse(SourceFile(name: "long.netspec", text: text))).value)
    let written = SpecWriter.write(network)
    let converted = try Run.analysis(of: SourceFile(name: "converted.netspec", text: written))
    #expect(converted.totals == original.totals)
    #expect(converted.rows.allSatisfy { $0.name.utf8.count <= 256 })
    #expect(converted.rows.map(\.name).last?.hasSuffix("2/conv_1") == true)
  }
}
