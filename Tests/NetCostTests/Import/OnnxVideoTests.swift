import Foundation
import Testing

@testable import NetCost
@testable import NetCostCore
@testable import NetCostRender

/// Volumes: torchvision's video classifiers on a clip, N×C×T×H×W (Tests/Fixtures/onnx-general,
/// made by make_onnx_general.py as the other files, by both exporters): R3D-18's 3×3×3
/// convolutions, MC3-18's mixed ones, R(2+1)D-18's factorised (1, 3, 3) and (3, 1, 1) pairs, S3D's
/// MaxPool3d with padding, AvgPool3d and 1×1×1 classifier. Params equal the file's weights per use,
/// MACs PyTorch's forward hooks and FlopCounterMode's count, exactly; torchvision documents the
/// same (r3d_18 40.70, mc3_18 43.34, r2plus1d_18 40.52, s3d 17.98 GFLOPS, its MACs).
@Suite struct OnnxVideoTests {
  static let files = ["r3d_18", "mc3_18", "r2plus1d_18", "s3d"].flatMap {
    ["\($0).legacy", "\($0).dynamo"]
  }

  @Test(arguments: files)
  func countsAreTheReference(_ file: String) throws {
    let expected = try OnnxGeneralTests.expected(file)
    let totals = try OnnxGeneralTests.analysis(file).totals
    #expect(totals.params == expected.initializerUsesOver1)
    #expect(totals.macs == expected.weightMacs)
    #expect(totals.macs == expected.flopCounterMacs)
    #expect(totals.activationMatmulMacs == 0)
  }

  /// Every row named after a node of the TorchScript exporter's graph has that node's output
  /// shape, N×C×T×H×W as ONNX's shape inference gives it, read as T×H×W×C.
  @Test(arguments: files.filter { $0.hasSuffix(".legacy") })
  func rowShapesAreOnnx(_ file: String) throws {
    struct Shapes: Decodable { var shapes: [String: [Int]] }
    let shapes = try JSONDecoder().decode(
      Shapes.self, from: Data(try Fixture.bytes("onnx-general/\(file).expected.json"))
    ).shapes
    var compared = 0
    for row in try OnnxGeneralTests.analysis(file).rows {
      guard let dims = shapes[row.name + "_output_0"], dims.count == 5, row.kind != .flatten
      else { continue }
      #expect(row.output.dims == [dims[2], dims[3], dims[4], dims[1]], "\(row.name)")
      compared += 1
    }
    #expect(compared >= 20)
  }

  /// `convert` writes a volume back (its input of four sizes, windows of three): the written
  /// spec counts the same, row for row.
  @Test(arguments: files)
  func convertedSpecCountsTheSame(_ file: String) throws {
    try OnnxSecondRoundTests().convertedSpecCountsTheSame(file)
  }

  /// A clip's depth is an input parameter like its height and width (`--input 8x112x112x3`,
  /// `--set depth=8`): R3D-18 at 8 frames halves every layer's depth (16 → 8 … 2 → 1, strides 2
  /// in layer2 to layer4), so every convolution's MACs halve; the classifier's 204,800 stay.
  @Test func depthIsAnInputParameter() throws {
    let bytes = try Fixture.bytes("onnx-general/r3d_18.legacy.onnx")
    let spec = bytes.withUnsafeBytes { Pipeline.parse(onnx: $0, name: "r3d_18.legacy.onnx") }
    let analysis = try #require(Pipeline.analyze(spec, overrides: ["depth": 8]).value)
    #expect(analysis.input.dims == [8, 112, 112, 3])
    #expect(analysis.totals.macs == (40_696_553_472 - 204_800) / 2 + 204_800)
    // A map has no depth.
    let map = try Fixture.bytes("onnx/resnet50.dynamo.onnx")
    let flat = map.withUnsafeBytes { Pipeline.parse(onnx: $0, name: "resnet50.dynamo.onnx") }
    #expect(Pipeline.analyze(flat, overrides: ["depth": 8]).value == nil)
  }

  /// A 2-D input made a clip of one frame (`x.unsqueeze(2)`) before a Conv3d, from both ONNX and
  /// `.pt2` (review/un2.py): PyTorch's 314 params and 8·3·9·14·14 + 80 = 42,416 MACs.
  @Test func unsqueezedFrameIsAVolume() throws {
    let onnx = try OnnxGeneralTests.analysis("review/un2")
    #expect(onnx.totals.params == 314)
    #expect(onnx.totals.macs == 42_416)
    let archive = ZipArchive(bytes: try Fixture.bytes("onnx-general/review/un2.pt2"))
    let program = try #require(try PT2Archive.program(in: archive, path: "un2.pt2"))
    let pt2 = try #require(Pipeline.analyze(Pipeline.parse(program)).value)
    #expect(pt2.totals.params == 314)
    #expect(pt2.totals.macs == 42_416)
  }

  /// R(2+1)D's (1, 3, 3) convolution is the frame's 3×3 window run on every frame, written so;
  /// its (3, 1, 1) one slides over time alone. Hand-worked from torchvision's video/resnet.py
  /// (Conv2Plus1D, midplanes 144 of layer1): 3×3 on 16×56×56×64 → 144 filters, 64·144·9 weights
  /// at 16·56·56 positions; then 3×1×1 → 64, 144·64·3 weights.
  @Test func factorisedConvolutionsOfR2Plus1D() throws {
    let rows = try OnnxGeneralTests.analysis("r2plus1d_18.legacy").rows
    let spatial = try #require(
      rows.first { $0.name.hasSuffix("layer1.0/conv1/conv1.0/conv1.0.0/Conv") })
    #expect(spatial.kindDescription == "conv 3×3/1 +relu")
    #expect(spatial.output.dims == [16, 56, 56, 144])
    #expect(spatial.cost.macs == 16 * 56 * 56 * 144 * 64 * 9)
    let temporal = try #require(
      rows.first { $0.name.hasSuffix("layer1.0/conv1/conv1.0/conv1.0.3/Conv") })
    #expect(temporal.kindDescription == "conv 3×1×1/1 +relu")
    #expect(temporal.cost.macs == 16 * 56 * 56 * 64 * 144 * 3)
  }
}
