import Testing

@testable import NetCostCore

/// Windows over a volume, depth × height × width × channels (PyTorch's Conv3d, MaxPool3d,
/// AvgPool3d, ConvTranspose3d; issue 22's third round): the depth by the one-side rule, the frame
/// by the map's, and a window without a depth run on every frame. Figures worked by hand from
/// PyTorch's shape formulas (the Conv3d, MaxPool3d and ConvTranspose3d docs), each stated.
@Suite struct VolumeTests {
  static func volume(_ d: Int, _ h: Int, _ w: Int, _ c: Int) -> Shape {
    Shape(dims: [d, h, w, c]) ?? Shape(1, 1, 1)
  }

  static func conv(
    _ filters: Int, _ kernel: Extent, stride: Extent = 1, padding: Padding = .explicit(0),
    dilation: Extent = 1, groups: Int = 1
  ) -> Operation {
    .convolution(
      Convolution(
        filters: .count(filters), kernel: kernel, stride: stride, padding: padding,
        dilation: dilation, groups: .count(groups), bias: true))
  }

  struct Case: Sendable, CustomTestStringConvertible {
    var operation: Operation
    var input: Shape
    var output: Shape
    var macs: Int
    var why: String
    var testDescription: String { why }
  }

  static let cases: [Case] = [
    Case(
      operation: conv(
        64, Extent(7, 7, depth: 3), stride: Extent(2, 2, depth: 1),
        padding: .explicit(Extent(3, 3, depth: 1))),
      input: volume(16, 112, 112, 3), output: volume(16, 56, 56, 64),
      macs: 16 * 56 * 56 * 64 * (3 * 7 * 7 * 3),
      why: "R3D-18's stem: depth (16 + 2 − 3) / 1 + 1 = 16, sides (112 + 6 − 7) / 2 + 1 = 56"),
    Case(
      operation: conv(144, 3, padding: .explicit(1)), input: volume(16, 56, 56, 64),
      output: volume(16, 56, 56, 144), macs: 16 * 56 * 56 * 144 * (3 * 3 * 64),
      why: "R(2+1)D's (1, 3, 3): a 3×3 window run on each of the 16 frames"),
    Case(
      operation: conv(
        8, Extent(3, 3, depth: 3), stride: Extent(2, 2, depth: 2),
        dilation: Extent(1, 1, depth: 2)),
      input: volume(9, 9, 9, 4), output: volume(3, 4, 4, 8), macs: 3 * 4 * 4 * 8 * 27 * 4,
      why: "dilated depth: k′ = 2·(3 − 1) + 1 = 5, (9 − 5) / 2 + 1 = 3; sides (9 − 3) / 2 + 1 = 4"),
    Case(
      operation: conv(8, Extent(3, 3, depth: 3), padding: .same, groups: 4),
      input: volume(5, 7, 7, 8), output: volume(5, 7, 7, 8), macs: 5 * 7 * 7 * 8 * (27 * 2),
      why: "same padding keeps every side; 4 groups of 2 channels"),
    Case(
      operation: .pooling(
        Pooling(
          mode: .max, kernel: Extent(3, 3, depth: 3), stride: Extent(2, 2, depth: 2),
          padding: .explicit(Extent(1, 1, depth: 1)), ceilMode: false)),
      input: volume(8, 32, 32, 8), output: volume(4, 16, 16, 8), macs: 0,
      why: "MaxPool3d(3, 2, 1): (8 + 2 − 3) / 2 + 1 = 4, (32 + 2 − 3) / 2 + 1 = 16"),
    Case(
      operation: .pooling(
        Pooling(
          mode: .average, kernel: Extent(7, 7, depth: 2), stride: 1, padding: .explicit(0),
          ceilMode: false)),
      input: volume(2, 7, 7, 1024), output: volume(1, 1, 1, 1024), macs: 0,
      why: "S3D's AvgPool3d((2, 7, 7), stride 1) over its last 2×7×7 volume"),
    Case(
      operation: .transposedConvolution(
        Convolution(
          filters: .count(4), kernel: Extent(2, 2, depth: 2), stride: Extent(2, 2, depth: 2),
          padding: .explicit(0), dilation: 1, groups: .count(1), bias: true), outputPadding: 0),
      input: volume(4, 16, 16, 8), output: volume(8, 32, 32, 4), macs: 4 * 16 * 16 * (8 * 4 * 8),
      why:
        "ConvTranspose3d(8, 4, 2, stride 2): (4 − 1)·2 + 2 = 8; every weight at each input position"
    ),
    Case(
      operation: .transposedConvolution(
        Convolution(
          filters: .count(4), kernel: 3, stride: 2, padding: .explicit(1), dilation: 1,
          groups: .count(1), bias: true), outputPadding: 1),
      input: volume(4, 8, 8, 4), output: volume(4, 16, 16, 4), macs: 4 * 8 * 8 * (4 * 4 * 9),
      why:
        "ConvTranspose3d((1, 3, 3), (1, 2, 2), (0, 1, 1), output_padding (0, 1, 1)): per frame, the depth kept"
    ),
    Case(
      operation: .globalPooling(.average), input: volume(2, 7, 7, 512),
      output: volume(1, 1, 1, 512), macs: 0, why: "AdaptiveAvgPool3d(1): one value per channel"),
  ]

  /// With a kernel of three sizes one number is every side's, as PyTorch's Conv3d(4, 4, 3,
  /// stride=2, padding=1) on 16×8×8: 8×4×4 outputs × 3·3·3·4 taps × 4 filters = 55,296; a pool's
  /// stride likewise.
  @Test func oneNumberIsEverySideOfAVolumeWindow() throws {
    let analysis = try Run.analysis(
      of: SourceFile(
        name: "v.netspec",
        text:
          "input 16 x 8 x 8 x 4\nconv filters = 4, kernel = 3 x 3 x 3, stride = 2, padding = 1\n"
          + "maxpool kernel = 2 x 2 x 2, stride = 2\n"))
    #expect(analysis.rows.map(\.output.dims) == [[8, 4, 4, 4], [4, 2, 2, 4]])
    #expect(analysis.totals.macs == 8 * 4 * 4 * 4 * (27 * 4))
  }

  @Test(arguments: cases)
  func outputAndMACs(_ c: Case) throws {
    let output = try c.operation.outputShape(for: [c.input])
    #expect(output == c.output)
    #expect(try c.operation.cost(inputs: [c.input], output: output).macs == c.macs)
  }

  struct ErrorCase: Sendable, CustomTestStringConvertible {
    var operation: Operation
    var input: Shape
    var expected: LayerError
    var testDescription: String { "\(expected)" }
  }

  static let errors: [ErrorCase] = [
    ErrorCase(
      operation: conv(8, Extent(3, 3, depth: 9)), input: volume(4, 8, 8, 3),
      expected: .windowDeeperThanInput(window: 9, paddedDepth: 4)),
    ErrorCase(
      operation: conv(8, Extent(3, 3, depth: 3), dilation: Extent(1, 1, depth: 3)),
      input: volume(6, 8, 8, 3), expected: .windowDeeperThanInput(window: 7, paddedDepth: 6)),
    ErrorCase(
      operation: conv(8, Extent(3, 3, depth: 3)), input: Shape(8, 8, 3),
      expected: .needsVolume(Shape(8, 8, 3), window: Extent(3, 3, depth: 3))),
    ErrorCase(
      operation: conv(8, 3, stride: Extent(1, 1, depth: 2)), input: Shape(8, 8, 3),
      expected: .needsVolume(Shape(8, 8, 3), window: 3)),
    ErrorCase(
      operation: conv(8, Extent(1, 1, depth: Int.max), dilation: Extent(1, 1, depth: 2)),
      input: volume(4, 8, 8, 3), expected: .overflow),
    ErrorCase(
      operation: conv(2, 1), input: volume(1 << 21, 1 << 21, 1 << 21, 3), expected: .overflow),
  ]

  @Test(arguments: errors)
  func impossibleVolumes(_ c: ErrorCase) {
    #expect(throws: c.expected) {
      let output = try c.operation.outputShape(for: [c.input])
      _ = try c.operation.cost(inputs: [c.input], output: output)
    }
  }
}
