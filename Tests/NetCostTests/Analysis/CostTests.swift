import Testing

@testable import NetCostCore

/// Parameters and MACs per operation, each row worked by hand from the formula it tests.
@Suite struct CostTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var operation: Operation
    var input: Shape
    var params: Int
    var macs: Int
    var nonTrainable = 0
    var why: String
    var testDescription: String { why }
  }

  static let cases: [Case] = [
    Case(
      operation: ShapeTests.conv(64, 11, stride: 4, padding: .explicit(2)),
      input: Shape(227, 227, 3), params: 64 * 3 * 11 * 11 + 64, macs: 72_855_552,
      why: "EECS 498-007 Lecture 8, conv1: 64·3·11·11 + 64 = 23,296; (64·56·56)·(3·11·11)"),
    Case(
      operation: ShapeTests.conv(256, 5, padding: .explicit(2), groups: 2),
      input: Shape(27, 27, 96), params: 5 * 5 * 48 * 256 + 256, macs: 27 * 27 * 5 * 5 * 48 * 256,
      why: "grouped: each filter sees C_in / g = 48 channels (§5 '5 × 5 × 48')"),
    Case(
      operation: ShapeTests.dw(3, stride: 1, padding: .same), input: Shape(14, 14, 512),
      params: 3 * 3 * 512, macs: 14 * 14 * 3 * 3 * 512,
      why: "depthwise F²K²N (MobileNet eq. 4), no bias"),
    Case(
      operation: ShapeTests.conv(512, 1), input: Shape(14, 14, 512),
      params: 512 * 512 + 512, macs: 14 * 14 * 512 * 512, why: "pointwise F²NM, with bias"),
    Case(
      operation: ShapeTests.conv(512, 3, padding: .explicit(1)), input: Shape(14, 14, 512),
      params: 3 * 3 * 512 * 512 + 512, macs: 462_422_016,
      why: "MobileNet Table 3's full conv: 462 M mult-adds, 2.36 M params"),
    Case(
      operation: .dense(units: 4096, bias: true, flattens: true), input: Shape(6, 6, 256),
      params: 9216 * 4096 + 4096, macs: 37_748_736, why: "torchvision AlexNet fc6: 9216·4096 + 4096"
    ),
    Case(
      operation: .dense(units: 10, bias: false, flattens: true), input: Shape(1, 1, 512),
      params: 5120,
      macs: 5120, why: "fc without bias"),
    Case(
      operation: .batchNorm(BatchNorm()), input: Shape(112, 112, 32), params: 128, macs: 0,
      nonTrainable: 64,
      why: "batch norm: 4·C, of which the moving mean and variance (2·C) are not trained"),
    Case(
      operation: .batchNorm(BatchNorm(scale: false, center: false, factor: true)),
      input: Shape(56, 56, 64), params: 129, macs: 0, nonTrainable: 129,
      why: "Caffe BatchNorm's three blobs: mean, variance (C each) and one factor, none trained"),
    Case(
      operation: .batchNorm(BatchNorm(scale: false)), input: Shape(7, 7, 10), params: 30,
      macs: 0, nonTrainable: 20, why: "Keras BatchNormalization(scale=False): no γ, 3·C"),
    Case(
      operation: .scale(bias: true), input: Shape(56, 56, 64), params: 128, macs: 0,
      why: "Caffe Scale with bias_term: γ and β, 2·C"),
    Case(
      operation: .parametricReLU, input: Shape(56, 56, 64), params: 64, macs: 0,
      why: "PReLU: one slope per channel"),
    Case(
      operation: .layerNorm(bias: true), input: Shape(56, 56, 96), params: 192, macs: 0,
      why: "ConvNeXt-T's first LayerNorm: γ and β over 96 channels (torchvision convnext_tiny)"),
    Case(
      operation: ShapeTests.conv(192, Extent(1, 7), padding: .explicit(Extent(0, 3)), bias: false),
      input: Shape(17, 17, 768), params: 192 * 768 * 1 * 7, macs: 17 * 17 * 192 * 768 * 7,
      why: "Inception v3's 1×7 conv: C_out·C_in·1·7 weights, each of 17·17·192 outputs sums 768·7"
    ),
    Case(
      operation: .dense(units: 384, bias: true, flattens: false), input: Shape(56, 56, 96),
      params: 96 * 384 + 384, macs: 56 * 56 * 96 * 384,
      why: "fc on every position: weights once, MACs per position (a 1×1 conv's count)"),
    Case(
      operation: ShapeTests.pool(3, 2), input: Shape(55, 55, 96), params: 0, macs: 0,
      why: "pooling: no parameters, no MACs"),
    Case(
      operation: .activation(.relu), input: Shape(55, 55, 96), params: 0, macs: 0,
      why: "activations cost no MACs"),
    Case(
      operation: .concat(axis: -1), input: Shape(28, 28, 64), params: 0, macs: 0,
      why: "concat is free"),
  ]

  @Test(arguments: cases)
  func cost(_ c: Case) throws {
    let inputs = c.operation == .concat(axis: -1) ? [c.input, c.input] : [c.input]
    let output = try c.operation.outputShape(for: inputs)
    let cost = try c.operation.cost(inputs: inputs, output: output)
    #expect(cost.params == c.params)
    #expect(cost.macs == c.macs)
    #expect(cost.nonTrainableParams == c.nonTrainable)
  }

  @Test func overflowIsAnErrorNotATrap() {
    let huge = Shape(1 << 20, 1 << 20, 1 << 20)
    #expect(throws: LayerError.overflow) {
      try Operation.dense(units: 1 << 30, bias: true, flattens: true).cost(
        inputs: [huge], output: Shape(1, 1, 1 << 30))
    }
  }
}
