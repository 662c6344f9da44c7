import Testing

@testable import NetCostCore

/// Output shapes, one row per rule (netscope's test/layers.coffee style).
@Suite struct ShapeTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var operation: Operation
    var inputs: [Shape]
    var expected: Shape
    var why: String
    var testDescription: String { why }
  }

  static func conv(
    _ filters: Int, _ kernel: Extent, stride: Extent = 1, padding: Padding = .explicit(0),
    dilation: Extent = 1, groups: Int = 1, bias: Bool = true
  ) -> Operation {
    .convolution(
      Convolution(
        filters: .count(filters), kernel: kernel, stride: stride,
        padding: padding, dilation: dilation, groups: .count(groups), bias: bias))
  }

  static func dw(
    _ kernel: Extent, stride: Extent, padding: Padding, multiplier: Int = 1
  )
    -> Operation
  {
    .convolution(
      Convolution(
        filters: .perInputChannel(multiplier), kernel: kernel, stride: stride,
        padding: padding, dilation: 1, groups: .depthwise, bias: false))
  }

  static func pool(
    _ kernel: Extent, _ stride: Extent, padding: Extent = 0, ceil: Bool = false
  )
    -> Operation
  {
    .pooling(
      Pooling(
        mode: .max, kernel: kernel, stride: stride, padding: .explicit(padding),
        ceilMode: ceil))
  }

  static let cases: [Case] = [
    Case(
      operation: conv(64, 11, stride: 4, padding: .explicit(2)), inputs: [Shape(227, 227, 3)],
      expected: Shape(56, 56, 64),
      why: "EECS 498-007 Lecture 8, conv1: (227 − 11 + 2·2) / 4 + 1 = 56"),
    Case(
      operation: conv(96, 11, stride: 4), inputs: [Shape(227, 227, 3)],
      expected: Shape(55, 55, 96), why: "AlexNet 2012 conv1: (227 − 11) / 4 + 1 = 55 (§5)"),
    Case(
      operation: conv(96, 11, stride: 4), inputs: [Shape(224, 224, 3)],
      expected: Shape(54, 54, 96), why: "224 does not divide: ⌊213 / 4⌋ + 1 = 54, why 227 is needed"
    ),
    Case(
      operation: pool(3, 2), inputs: [Shape(56, 56, 64)], expected: Shape(27, 27, 64),
      why: "AlexNet pool1: ⌊(56 − 3) / 2 + 1⌋ = 27"),
    Case(
      operation: pool(3, 2, ceil: true), inputs: [Shape(112, 112, 64)],
      expected: Shape(56, 56, 64), why: "GoogLeNet pool1, Caffe ceil: ⌈109 / 2⌉ + 1 = 56"),
    Case(
      operation: pool(3, 2), inputs: [Shape(112, 112, 64)], expected: Shape(55, 55, 64),
      why: "the same pool rounding down gives 55"),
    Case(
      operation: pool(3, 2, ceil: true), inputs: [Shape(109, 109, 96)],
      expected: Shape(54, 54, 96), why: "SqueezeNet pool1: ⌈106 / 2⌉ + 1 = 54"),
    Case(
      operation: pool(2, 2, padding: 1, ceil: true), inputs: [Shape(5, 5, 1)],
      expected: Shape(3, 3, 1),
      why: "ceil mode drops a last window that would start in the padding (PyTorch, Caffe)"),
    Case(
      operation: conv(32, 3, stride: 2, padding: .same), inputs: [Shape(224, 224, 3)],
      expected: Shape(112, 112, 32), why: "TF same: ⌈224 / 2⌉ = 112 (MobileNet conv1)"),
    Case(
      operation: conv(32, 3, stride: 2, padding: .same), inputs: [Shape(7, 7, 3)],
      expected: Shape(4, 4, 32), why: "TF same on an odd size: ⌈7 / 2⌉ = 4"),
    Case(
      operation: .crop(Insets(top: 1, bottom: 0, left: 1, right: 0)), inputs: [Shape(113, 113, 96)],
      expected: Shape(112, 112, 96),
      why: "NASNetMobile's Cropping2D(((1, 0), (1, 0))) after a ZeroPadding2D: 113 − 1 = 112"),
    Case(
      operation: conv(8, 3, padding: .valid), inputs: [Shape(32, 32, 3)],
      expected: Shape(30, 30, 8), why: "TF valid: 32 − 3 + 1 = 30"),
    Case(
      operation: conv(8, 3, padding: .explicit(2), dilation: 2), inputs: [Shape(32, 32, 3)],
      expected: Shape(32, 32, 8), why: "dilation 2 makes a 3×3 kernel span 5"),
    Case(
      operation: dw(3, stride: 1, padding: .same), inputs: [Shape(7, 7, 1024)],
      expected: Shape(7, 7, 1024), why: "MobileNet's last dw keeps 7×7 at stride 1 (§1 erratum)"),
    Case(
      operation: dw(3, stride: 2, padding: .explicit(1), multiplier: 2),
      inputs: [Shape(14, 14, 16)], expected: Shape(7, 7, 32), why: "depth multiplier 2 doubles C"),
    Case(
      operation: conv(256, 5, padding: .explicit(2), groups: 2), inputs: [Shape(27, 27, 96)],
      expected: Shape(27, 27, 256), why: "AlexNet 2012 conv2, grouped"),
    Case(
      operation: .dense(units: 4096, bias: true, flattens: true), inputs: [Shape(6, 6, 256)],
      expected: Shape(1, 1, 4096), why: "fc flattens 6×6×256"),
    Case(
      operation: .dense(units: 384, bias: true, flattens: false), inputs: [Shape(56, 56, 96)],
      expected: Shape(56, 56, 384), why: "fc on each position keeps 56×56 (ConvNeXt-T's MLP)"),
    // Rectangular windows: each side has its own kernel, stride and padding.
    Case(
      operation: conv(192, Extent(1, 7), padding: .explicit(Extent(0, 3))),
      inputs: [Shape(17, 17, 768)], expected: Shape(17, 17, 192),
      why: "Inception v3's 1×7 conv, padding (0, 3), keeps 17×17 (Szegedy et al. 2015, Fig. 6)"),
    Case(
      operation: conv(192, Extent(7, 1), padding: .explicit(Extent(3, 0))),
      inputs: [Shape(17, 17, 192)], expected: Shape(17, 17, 192),
      why: "and its 7×1 partner with padding (3, 0)"),
    Case(
      operation: conv(8, Extent(1, 7)), inputs: [Shape(17, 17, 3)], expected: Shape(17, 11, 8),
      why: "1×7 without padding: height 17 − 1 + 1 = 17, width 17 − 7 + 1 = 11"),
    Case(
      operation: conv(8, Extent(3, 5), stride: Extent(1, 2), padding: .explicit(Extent(1, 2))),
      inputs: [Shape(10, 20, 3)], expected: Shape(10, 10, 8),
      why: "(10 − 3 + 2) / 1 + 1 = 10 and (20 − 5 + 4) / 2 + 1 = 10"),
    Case(
      operation: conv(8, Extent(1, 7), stride: 2, padding: .same), inputs: [Shape(17, 17, 3)],
      expected: Shape(9, 9, 8), why: "TF same ignores the kernel: ⌈17 / 2⌉ = 9 on both sides"),
    Case(
      operation: pool(Extent(3, 1), Extent(2, 1)), inputs: [Shape(9, 9, 4)],
      expected: Shape(4, 9, 4), why: "3×1 pooling, stride 2×1: (9 − 3) / 2 + 1 = 4, width kept"),
    Case(
      operation: .pad(Insets(top: 0, bottom: 1, left: 0, right: 1)), inputs: [Shape(224, 224, 3)],
      expected: Shape(225, 225, 3),
      why: "Keras MobileNet's ZeroPadding2D(((0, 1), (0, 1))) before a stride-2 valid conv"),
    Case(
      operation: .pad(Insets(top: 3, bottom: 3, left: 3, right: 3)), inputs: [Shape(224, 224, 3)],
      expected: Shape(230, 230, 3), why: "Keras ResNet50's ZeroPadding2D(3) before conv1"),
    Case(
      operation: .reshape(Shape(1, 1, 1024)), inputs: [Shape(1, 1, 1024)],
      expected: Shape(1, 1, 1024), why: "Keras MobileNet's Reshape((1, 1, 1024))"),
    Case(
      operation: .maximum, inputs: [Shape(7, 7, 8), Shape(7, 7, 8)], expected: Shape(7, 7, 8),
      why: "Caffe's Eltwise MAX keeps the shape"),
    Case(
      operation: .globalPooling(.average), inputs: [Shape(7, 7, 1024)],
      expected: Shape(1, 1, 1024), why: "global average pooling"),
    Case(
      operation: .flatten, inputs: [Shape(6, 6, 256)], expected: Shape(1, 1, 9216),
      why: "flatten: 6·6·256 = 9216"),
    Case(
      operation: .batchNorm(BatchNorm()), inputs: [Shape(3, 4, 5)], expected: Shape(3, 4, 5),
      why: "batch norm keeps the shape"),
    Case(
      operation: .concat(axis: -1),
      inputs: [
        Shape(28, 28, 64), Shape(28, 28, 128), Shape(28, 28, 32),
        Shape(28, 28, 32),
      ], expected: Shape(28, 28, 256), why: "inception (3a): 64+128+32+32"),
    Case(
      operation: .add, inputs: [Shape(56, 56, 64), Shape(56, 56, 64)],
      expected: Shape(56, 56, 64), why: "residual add"),
  ]

  @Test(arguments: cases)
  func outputShape(_ c: Case) throws {
    #expect(try c.operation.outputShape(for: c.inputs) == c.expected)
  }

  struct ErrorCase: Sendable, CustomTestStringConvertible {
    var operation: Operation
    var inputs: [Shape]
    var expected: LayerError
    var testDescription: String { "\(expected)" }
  }

  static let errors: [ErrorCase] = [
    // Swift's `/` truncates toward zero, so (2 − 3) / 2 + 1 would be 1: the check comes first.
    ErrorCase(
      operation: conv(8, 3), inputs: [Shape(2, 2, 3)],
      expected: .windowLargerThanInput(window: 3, paddedHeight: 2, paddedWidth: 2)),
    ErrorCase(
      operation: pool(7, 1, padding: 1), inputs: [Shape(4, 4, 3)],
      expected: .windowLargerThanInput(window: 7, paddedHeight: 6, paddedWidth: 6)),
    ErrorCase(
      operation: conv(8, 3, padding: .valid), inputs: [Shape(2, 9, 3)],
      expected: .windowLargerThanInput(window: 3, paddedHeight: 2, paddedWidth: 9)),
    ErrorCase(
      operation: conv(8, 1, groups: 2), inputs: [Shape(4, 4, 3)],
      expected: .channelsNotDivisible(role: "input", channels: 3, groups: 2)),
    ErrorCase(
      operation: conv(8, 1, groups: 3), inputs: [Shape(4, 4, 6)],
      expected: .channelsNotDivisible(role: "output", channels: 8, groups: 3)),
    ErrorCase(
      operation: conv(8, Extent(1, 7)), inputs: [Shape(9, 5, 3)],
      expected: .windowLargerThanInput(window: Extent(1, 7), paddedHeight: 9, paddedWidth: 5)),
    ErrorCase(
      operation: .reshape(Shape(2, 2, 3)), inputs: [Shape(1, 1, 10)],
      expected: .reshapeSizeDiffers(from: Shape(1, 1, 10), to: Shape(2, 2, 3))),
    ErrorCase(
      operation: .concat(axis: -1), inputs: [Shape(4, 4, 3), Shape(2, 2, 3)],
      expected: .concatSizesDiffer([Shape(4, 4, 3), Shape(2, 2, 3)], axis: -1)),
    ErrorCase(
      operation: .add, inputs: [Shape(4, 4, 3), Shape(4, 4, 4)],
      expected: .notBroadcastable([Shape(4, 4, 3), Shape(4, 4, 4)])),
    ErrorCase(operation: .flatten, inputs: [Shape(1 << 31, 1 << 31, 1 << 31)], expected: .overflow),
    ErrorCase(
      operation: .crop(Insets(top: 2, bottom: 2, left: 0, right: 0)), inputs: [Shape(4, 9, 3)],
      expected: .cropLeavesNothing(cut: 4, size: 4)),
    ErrorCase(
      operation: .crop(Insets(top: 0, bottom: 0, left: Int.max, right: 1)),
      inputs: [Shape(4, 9, 3)],
      expected: .cropLeavesNothing(cut: Int.max, size: 9)),
  ]

  @Test(arguments: errors)
  func impossibleShapes(_ c: ErrorCase) {
    #expect(throws: c.expected) { try c.operation.outputShape(for: c.inputs) }
  }
}
