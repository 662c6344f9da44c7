import Foundation
import Testing

@testable import NetCost
@testable import NetCostCore
@testable import NetCostImport

/// The keras.applications models whose layers netcost once refused (issue 22): ConvNeXtTiny
/// (LayerNormalization, LayerScale), NASNetMobile (Cropping2D), InceptionResNetV2
/// (CustomScaleLayer) and MobileNetV3Small saved with its input open. Each `.keras` archive and
/// its NAME.expected.json were written by `make_keras.py applications` (keras 3.15.1, JAX):
/// Keras's `count_params()`, trainable total, every layer's output shape, and MACs counted from
/// Keras's own layer shapes and kernels.
@Suite struct KerasApplicationsTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var params: Int
    var trainable: Int
    var macs: Int
    /// What the command line gives a model that leaves its input open (`--input 224x224x3`).
    var overrides: [String: Double] = [:]
    var testDescription: String { name }
  }

  // keras 3.15.1's count_params() and trainable totals as the script printed them; ConvNeXtTiny's
  // MACs are also netcost's convnext_tiny (torchvision's layout, 4.46 GFLOPS in its docs).
  static let cases: [Case] = [
    Case(name: "ConvNeXtTiny", params: 28_589_128, trainable: 28_589_128, macs: 4_455_531_264),
    Case(name: "NASNetMobile", params: 5_326_716, trainable: 5_289_978, macs: 563_638_816),
    Case(
      name: "InceptionResNetV2", params: 55_873_736, trainable: 55_813_192,
      macs: 13_155_794_016),
    Case(
      name: "MobileNetV3Small", params: 2_554_968, trainable: 2_542_856, macs: 56_510_400,
      overrides: ["height": 224, "width": 224]),
  ]

  struct Expected: Decodable {
    struct Layer: Decodable {
      var name: String
      var output: [Int]
      /// An Activation layer's function; `linear` is no layer in netcost (its output is its input).
      var activation: String?
    }
    var params: Int
    var trainable: Int
    var macs: Int
    var layers: [Layer]
  }

  static func source(_ name: String) throws -> SourceFile {
    let archive = ZipArchive(bytes: try Fixture.bytes("keras/\(name).keras"))
    let config = try archive.entry("config.json", limit: 4 << 20)
    return SourceFile(
      name: "\(name).keras/config.json", text: String(decoding: config, as: UTF8.self))
  }

  @Test(arguments: cases)
  func totalsAreKeras(_ c: Case) throws {
    let expected = try JSONDecoder().decode(
      Expected.self, from: Data(try Fixture.bytes("keras/\(c.name).expected.json")))
    #expect(expected.params == c.params && expected.trainable == c.trainable)
    #expect(expected.macs == c.macs)
    let spec = Pipeline.parse(try Self.source(c.name))
    let analysis = try #require(Pipeline.analyze(spec, overrides: c.overrides).value)
    #expect(analysis.totals.params == c.params)
    #expect(analysis.totals.trainableParams == c.trainable)
    #expect(analysis.totals.macs == c.macs)
    let network = try #require(Pipeline.resolve(spec, overrides: c.overrides).value)
    let shapes = try Fixture.layerShapes(network)
    let linear = expected.layers.filter { $0.activation == "linear" }
    for layer in linear { #expect(shapes[layer.name] == nil, "\(layer.name)") }
    #expect(linear.count == (c.name == "ConvNeXtTiny" ? 18 : 0))  // one per block, 3+3+9+3
    for layer in expected.layers where layer.activation != "linear" {
      let dims = layer.output
      let shape = dims.count == 1 ? Shape(1, 1, dims[0]) : Shape(dims[0], dims[1], dims[2])
      #expect(shapes[layer.name] == shape, "\(layer.name)")
    }
  }

  /// An open input is a located error that names the flags that give it.
  @Test func anOpenInputSaysWhatGivesIt() throws {
    let source = try Self.source("MobileNetV3Small")
    let outcome = Pipeline.analyze(Pipeline.parse(source))
    let error = try #require(outcome.diagnostics.first)
    #expect(error.message == "the model leaves its input's height and width open")
    #expect(error.help?.contains("--input") == true)
    let quoted = source.line(error.range.lowerBound.line)?.dropFirst(
      error.range.lowerBound.column - 1)
    #expect(quoted?.hasPrefix("[null, null, null, 3]") == true)
  }
}
