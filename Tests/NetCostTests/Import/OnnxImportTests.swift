import Foundation
import Testing

@testable import NetCost
@testable import NetCostAnalysis
@testable import NetCostCore
@testable import NetCostImport
@testable import NetCostRender

/// torchvision models exported by both of PyTorch's exporters (Tests/Fixtures/onnx, made by
/// make_onnx.py with torch 2.15.0, their weights dropped) against what ONNX and PyTorch say of
/// them, recorded by the script in NAME.EXPORTER.expected.json.
@Suite struct OnnxImportTests {
  static let models = [
    "resnet50", "mobilenet_v2", "mobilenet_v3_large", "googlenet", "shufflenet_v2_x1_0",
    "efficientnet_b0", "inception_v3", "convnext_tiny",
  ]
  /// Opset 18 from both exporters, and the legacy exporter at opsets 11 and 13, where axes, split
  /// sizes and pads are attributes rather than inputs.
  static let files =
    models.flatMap { ["\($0).legacy", "\($0).dynamo"] } + [
      "shufflenet_v2_x1_0.legacy-opset11", "shufflenet_v2_x1_0.legacy-opset13",
      "mobilenet_v3_large.legacy-opset11", "mobilenet_v3_large.legacy-opset13",
      "inception_v3.legacy-opset11",
    ]

  struct Expected: Decodable {
    enum Dim: Decodable, Equatable {
      case value(Int)
      case symbol(String)
      init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let v = try? c.decode(Int.self) {
          self = .value(v)
        } else {
          self = .symbol(try c.decode(String.self))
        }
      }
    }
    var params: Int
    /// The file's float weights of more than one value, once per node that reads them
    /// (add_initializer_uses.py): `params` plus the biases added after MatMul and layer scales.
    var initializerUsesOver1: Int
    var macs: Int
    var shapes: [String: [Dim]]
  }

  static func expected(_ file: String) throws -> Expected {
    try JSONDecoder().decode(
      Expected.self, from: Data(try Fixture.bytes("onnx/\(file).expected.json")))
  }

  static func analysis(_ file: String, _ overrides: [String: Double] = [:]) throws -> Analysis {
    let bytes = try Fixture.bytes("onnx/\(file).onnx")
    let spec = bytes.withUnsafeBytes { Pipeline.parse(onnx: $0, name: "\(file).onnx") }
    let outcome = Pipeline.analyze(spec, overrides: overrides)
    guard let analysis = outcome.value else {
      throw Run.Failure(
        description: DiagnosticRenderer().render(outcome.diagnostics, in: spec.source))
    }
    return analysis
  }

  /// Conv + fully connected MACs equal PyTorch's modules' weights × output positions, and params
  /// the file's weights counted per use.
  @Test(arguments: files)
  func macsAndParamsAreTheReference(_ file: String) throws {
    let expected = try Self.expected(file)
    let analysis = try Self.analysis(file)
    #expect(analysis.totals.macs == expected.macs)
    #expect(analysis.totals.params == expected.initializerUsesOver1)
  }

  /// torchvision documents these GFLOPS (as weight-only MACs): ResNet-50 4,089,184,256 and
  /// MobileNetV2 300,774,272 (published.md; the figures), from both exporters.
  @Test func documentedMacs() throws {
    for exporter in ["legacy", "dynamo"] {
      #expect(try Self.analysis("resnet50.\(exporter)").totals.macs == 4_089_184_256)
      #expect(try Self.analysis("mobilenet_v2.\(exporter)").totals.macs == 300_774_272)
    }
  }

  /// Every tensor's shape equals ONNX's shape inference (which agrees with PyTorch's).
  @Test(arguments: files)
  func everyShapeIsOnnxs(_ file: String) throws {
    let expected = try Self.expected(file)
    let bytes = try Fixture.bytes("onnx/\(file).onnx")
    let dims = try #require(bytes.withUnsafeBytes { OnnxImporter.tensorDims($0) })
    var compared = 0
    for (name, shape) in expected.shapes {
      // Where ONNX's inference gave up (`unk__49`: after a Slice with computed bounds) netcost
      // knows the size; the rest must agree.
      guard let ours = dims[name], shape.allSatisfy({ if case .value = $0 { true } else { false } })
      else { continue }
      #expect(ours.map(Expected.Dim.value) == shape, "\(name)")
      compared += 1
    }
    #expect(compared > 50)
  }

  /// torchvision's Inception v3 exported (batch norm folded; the auxiliary classifier, which runs
  /// only in training, dropped) computes the MACs of netcost's own spec of it, 5,713,216,096
  /// (torchvision's 5.713 GFLOPS), and its convolutions' weights.
  @Test func inceptionV3MatchesTheSpec() throws {
    let spec = try Run.analysis("inception-v3", ["aux": 0])
    for exporter in ["legacy", "dynamo"] {
      let onnx = try Self.analysis("inception_v3.\(exporter)")
      #expect(onnx.totals.macs == spec.totals.macs)
      #expect(onnx.totals.weights == spec.totals.weights)
    }
    #expect(spec.totals.macs == 5_713_216_096)
  }

  /// torchvision's GoogLeNet exported computes the MACs of netcost's googlenet with
  /// `torchvision = 1` (1,498,376,192: torchvision's 1.498 GFLOPS) and its conv and fc weights.
  @Test func googlenetMatchesTheTorchvisionVariant() throws {
    let spec = try Run.analysis("googlenet", ["torchvision": 1])
    for exporter in ["legacy", "dynamo"] {
      let onnx = try Self.analysis("googlenet.\(exporter)")
      #expect(onnx.totals.macs == spec.totals.macs)
      #expect(onnx.totals.weights == spec.totals.weights)
    }
    #expect(spec.totals.trainableParams == 6_624_904)
  }

  /// An export with dynamic height and width (`dynamic_axes`) analyses at the size given: at 224
  /// it is the fixed export's 300,774,272 MACs, at 160 the built-in spec's.
  @Test func dynamicAxesTakeTheGivenSize() throws {
    let at224 = try Self.analysis("mobilenet_v2.legacy-dynamic", ["resolution": 224])
    #expect(at224.totals == (try Self.analysis("mobilenet_v2.legacy")).totals)
    let at160 = try Self.analysis("mobilenet_v2.legacy-dynamic", ["resolution": 160])
    #expect(
      at160.totals.macs == (try Run.analysis("mobilenet-v2", ["resolution": 160])).totals.macs)
  }

  /// The input size is the file's unless given: resnet50 at 160 is rebuilt, reshapes and all.
  @Test func inputOverride() throws {
    let at160 = try Self.analysis("resnet50.dynamo", ["resolution": 160])
    let spec = try Run.analysis("resnet50", ["resolution": 160])
    #expect(at160.totals.macs == spec.totals.macs)
    #expect(at160.input == Shape(160, 160, 3))
  }
}

extension OnnxImportTests {
  /// `netcost convert model.onnx` writes a spec that analyses to the same figures, row for row.
  @Test(arguments: files)
  func convertRoundTrips(_ file: String) throws {
    let bytes = try Fixture.bytes("onnx/\(file).onnx")
    let spec = bytes.withUnsafeBytes { Pipeline.parse(onnx: $0, name: "\(file).onnx") }
    let network = try #require(Pipeline.resolve(spec).value)
    let imported = try Self.analysis(file)
    let text = SpecWriter.write(network, from: "\(file).onnx")
    let converted = try Run.analysis(of: SourceFile(name: "converted.netspec", text: text))
    #expect(converted.rows == imported.rows)
    #expect(converted.totals == imported.totals)
  }

  /// Exported graphs have batch norm folded into the convolutions: the output says so.
  @Test func foldedBatchNormIsSaid() throws {
    #expect(
      try Self.analysis("resnet50.legacy").source?.contains(
        "convolutions with biases and no BatchNormalization") == true)
    #expect(try Self.analysis("convnext_tiny.legacy").source?.contains("folded") == false)
  }

  /// ConvNeXt's Linear biases (added after MatMul) and layer scales are weights applied
  /// elementwise, counted as their layers' params: the legacy export's count is then PyTorch's
  /// 28,589,128 (torchvision convnext_tiny), 39,744 more than the weight layers' alone.
  @Test func elementwiseWeightsAreParams() throws {
    let analysis = try Self.analysis("convnext_tiny.legacy")
    #expect(analysis.totals.params == 28_589_128)
    #expect(try Self.expected("convnext_tiny.legacy").params + 39_744 == 28_589_128)
  }

  /// ShuffleNet's Reshape → Transpose → Reshape is one channel shuffle, from both exporters.
  @Test func channelShuffleIsRecognised() throws {
    for exporter in ["legacy", "dynamo"] {
      let kinds = try Self.analysis("shufflenet_v2_x1_0.\(exporter)").rows.flatMap {
        [$0.kind] + $0.folded
      }
      #expect(kinds.filter { $0 == .shuffle }.count == 16)
      #expect(!kinds.contains(.reshape))
    }
  }
}
