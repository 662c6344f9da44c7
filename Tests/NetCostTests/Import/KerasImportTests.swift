import Foundation
import Testing

@testable import NetCost
@testable import NetCostCore
@testable import NetCostImport
@testable import NetCostRender

/// Keras models (Tests/Fixtures/keras, made by make_keras.py with keras 3.15.1) against what
/// Keras itself prints: `model.summary()`'s totals and every layer's output shape, recorded by the
/// script in NAME.expected.json.
@Suite struct KerasImportTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var params: Int
    var trainable: Int
    var testDescription: String { name }
  }

  // Totals: Keras applications' summaries (published.md, "Keras model.summary() totals": MobileNet
  // 4,253,864 / 4,231,976; ResNet50 25,636,712 / 25,583,592; VGG16 138,357,544), MobileNet
  // α = 0.5 on 32×32×3 with 10 classes as keras 3.15.1 prints it (834,666 / 823,722), and two
  // models of the script's own that use every layer class netcost reads.
  static let cases: [Case] = [
    Case(name: "mobilenet", params: 4_253_864, trainable: 4_231_976),
    Case(name: "mobilenet-0.5-cifar10", params: 834_666, trainable: 823_722),
    Case(name: "resnet50", params: 25_636_712, trainable: 25_583_592),
    Case(name: "vgg16", params: 138_357_544, trainable: 138_357_544),
    Case(name: "nested", params: 33_058, trainable: 33_026),
    Case(name: "sequential", params: 34_826, trainable: 34_826),
    Case(name: "mixer", params: 94_026, trainable: 94_026),
    Case(name: "attention", params: 52_042, trainable: 52_042),
    // UpSampling2D and Conv1D (issue 22): Conv2D(8) 224, Conv1D(4, no bias) 12, Conv1D(2) 26.
    Case(name: "upsampling", params: 262, trainable: 262),
    // Conv2DTranspose: 3·8·16 + 8, 8·8·9, 8·4·4 + 4, 4·4·9 + 4.
    Case(name: "transposed", params: 1_248, trainable: 1_248),
    // Conv3D and 3-D pooling: 3·8·75 + 8, batch norm 4·8, 8·16·27, Dense 16·10 + 10.
    Case(name: "volume", params: 5_466, trainable: 5_450),
  ]

  struct Expected: Decodable {
    struct Layer: Decodable {
      var name: String
      var output: [Int]
      var params: Int
    }
    var params: Int
    var trainable: Int
    var nonTrainable: Int
    var layers: [Layer]
  }

  static func expected(_ name: String) throws -> Expected {
    try JSONDecoder().decode(
      Expected.self, from: Data(try Fixture.bytes("keras/\(name).expected.json")))
  }

  /// `to_json()` and the `.keras` archive give Keras's totals.
  @Test(arguments: cases)
  func totalsAreKerasSummary(_ c: Case) throws {
    let expected = try Self.expected(c.name)
    #expect(expected.params == c.params && expected.trainable == c.trainable)
    let json = try Fixture.analysis("keras/\(c.name).json")
    #expect(json.totals.params == c.params)
    #expect(json.totals.trainableParams == c.trainable)
    let archive = ZipArchive(bytes: try Fixture.bytes("keras/\(c.name).keras"))
    let config = try archive.entry("config.json", limit: 4 << 20)
    let outcome = Pipeline.analyze(
      Pipeline.parse(
        SourceFile(
          name: "\(c.name).keras/config.json", text: String(decoding: config, as: UTF8.self))))
    #expect(outcome.value?.totals == json.totals)
  }

  /// Every Keras layer's output shape is netcost's for the layer of that name; (C) is 1×1×C, and
  /// any other rank its dims (the Mixer's tokens, (64, 64)).
  @Test(arguments: cases)
  func everyLayerHasKerasShape(_ c: Case) throws {
    let shapes = try Fixture.layerShapes(try Fixture.network("keras/\(c.name).json"))
    for layer in try Self.expected(c.name).layers {
      let dims = layer.output
      let expected = dims.count == 1 ? Shape(1, 1, dims[0]) : Shape(dims: dims)
      #expect(shapes[layer.name] == expected, "\(layer.name)")
    }
  }

  /// Keras's ResNet50 strides in the first 1×1 of a stage (the paper's layout) and gives every
  /// conv a bias: MACs are netcost's resnet50 with stride_in_1x1 = 1, and the params differ by
  /// exactly the conv biases (26,560).
  @Test func resnet50IsThePaperLayoutWithBiases() throws {
    let keras = try Fixture.analysis("keras/resnet50.json")
    let spec = try Run.analysis("resnet50", ["stride_in_1x1": 1])
    #expect(keras.totals.macs == spec.totals.macs)
    #expect(keras.totals.macs == 3_857_973_248)
    #expect(keras.totals.params - spec.totals.params == 26_560)
  }

  /// Conv3D over a clip: every weight at every output position, (3·5·5·3)·8 at 8·16·16 and
  /// (3·3·3·8)·16 at 6·6·6, and the Dense 16·10 (hand-worked from Keras's layer shapes).
  @Test func volumeCountsEveryOutputPosition() throws {
    let analysis = try Fixture.analysis("keras/volume.json")
    let macs = 8 * 16 * 16 * 8 * (3 * 5 * 5 * 3) + 6 * 6 * 6 * 16 * (27 * 8) + 16 * 10
    #expect(analysis.totals.macs == macs)
    #expect(macs == 4_433_056)
  }

  /// Conv2DTranspose applies every weight at every input position (fvcore's and FlopCounterMode's
  /// count; Keras's output sizes are checked with every layer's shape above): C_in·C_out·k² ×
  /// the input's H·W for each of the four layers.
  @Test func transposedCountsEveryInputPosition() throws {
    let analysis = try Fixture.analysis("keras/transposed.json")
    let macs =
      3 * 8 * 16 * 16 * 16 + 8 * 8 * 9 * 32 * 32 + 8 * 4 * 4 * 65 * 65 + 4 * 4 * 9 * 195 * 195
    #expect(analysis.totals.macs == macs)
    #expect(analysis.rows.map(\.kind) == [.deconv, .deconv, .deconv, .deconv])
  }

  /// The MLP-Mixer block: Dense on tokens counts every row, Permute moves nothing. 4·4·3·64 per
  /// patch × 64 patches, 64·128 and 128·64 per channel × 64 channels (token mixing), 64·256 and
  /// 256·64 per token × 64 tokens (channel mixing), 4096·10 for the head.
  @Test func mixerCountsEveryToken() throws {
    let mixer = try Fixture.analysis("keras/mixer.json")
    let macs = 4 * 4 * 3 * 64 * 64 + 2 * 64 * 64 * 128 + 2 * 64 * 64 * 256 + 4096 * 10
    #expect(mixer.totals.macs == macs)
    #expect(macs == 3_383_296)
    #expect(mixer.rows.filter { $0.kind == .transpose }.map(\.cost.macs) == [0, 0])
  }

  /// MultiHeadAttention(num_heads=3, key_dim=16) on 64 tokens of 48: four projections of
  /// 64·48·48 MACs each, and Q·Kᵀ and A·V of 3·64·64·16 each, counted apart.
  @Test func attentionProductsAreApart() throws {
    let attention = try Fixture.analysis("keras/attention.json")
    let rows = attention.rows.filter { $0.name.hasPrefix("attn") }
    #expect(rows.reduce(0) { $0 + $1.cost.macs } == 4 * 64 * 48 * 48)
    #expect(attention.totals.activationMatmulMacs == 2 * 3 * 64 * 64 * 16)
    #expect(rows.last?.output == Shape(dims: [64, 48]))
  }

  /// MobileNet α = 0.5 on CIFAR-10's 32×32 equals the built-in spec at the same parameters.
  @Test func mobilenetCifarMatchesTheSpec() throws {
    let keras = try Fixture.analysis("keras/mobilenet-0.5-cifar10.json")
    let spec = try Run.analysis("mobilenet", ["alpha": 0.5, "resolution": 32, "classes": 10])
    #expect(keras.totals.macs == spec.totals.macs)
    #expect(keras.totals.params == spec.totals.params)
  }

  /// Keras 2's `to_json()` layout (`batch_input_shape`, nodes as `[[name, node, tensor, {}]]`),
  /// hand-written in that layout: the same figures as Keras 3's.
  @Test func keras2Layout() throws {
    let analysis = try Fixture.analysis("keras/keras2-functional.json")
    #expect(analysis.input == Shape(28, 28, 1))
    #expect(analysis.totals.params == 34_826)
    #expect(analysis.totals.macs == (try Fixture.analysis("keras/sequential.json")).totals.macs)
  }

  /// A merge of one tensor (Keras 3 accepts `Concatenate()([x])`) is that tensor: no layer, and
  /// the converted spec, which has no one-input merge, analyses to the same figures. Found by
  /// the fuzzer (Tests/Fuzz/corpus/import-one-input-merge.json).
  @Test func aMergeOfOneInputIsItsInput() throws {
    let text = """
      {"class_name": "Functional", "config": {"name": "one", "layers": [
        {"class_name": "InputLayer", "config": {"batch_shape": [null, 8, 8, 3], "name": "x"},
         "name": "x", "inbound_nodes": []},
        {"class_name": "Conv2D", "config": {"name": "c", "filters": 4, "kernel_size": [3, 3],
         "strides": [1, 1], "padding": "same", "use_bias": true, "dilation_rate": [1, 1],
         "groups": 1}, "name": "c",
         "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {"keras_history": ["x", 0, 0]}}], "kwargs": {}}]},
        {"class_name": "Concatenate", "config": {"name": "cat", "axis": -1}, "name": "cat",
         "inbound_nodes": [{"args": [[{"class_name": "__keras_tensor__", "config": {"keras_history": ["c", 0, 0]}}]], "kwargs": {}}]},
        {"class_name": "Add", "config": {"name": "sum"}, "name": "sum",
         "inbound_nodes": [{"args": [[{"class_name": "__keras_tensor__", "config": {"keras_history": ["cat", 0, 0]}}]], "kwargs": {}}]}
      ], "input_layers": [["x", 0, 0]], "output_layers": [["sum", 0, 0]]}}
      """
    let spec = Pipeline.parse(SourceFile(name: "one.json", text: text))
    let network = try #require(Pipeline.resolve(spec).value)
    #expect(network.layers.map(\.name) == ["c"])
    let written = SourceFile(name: "w.netspec", text: SpecWriter.write(network))
    #expect(Pipeline.analyze(written).value?.totals == Pipeline.analyze(spec).value?.totals)
  }
}
