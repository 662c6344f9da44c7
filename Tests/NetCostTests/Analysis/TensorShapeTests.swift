import Testing

@testable import NetCostCore

/// The shape and cost rules of tensors of any rank, one row per rule, each checked against the
/// rule's source: NumPy's broadcasting (numpy.org/doc/stable/user/basics.broadcasting.html, which
/// PyTorch follows), `torch.matmul`'s batched broadcast, `torch.permute`, `torch.mean(dim,
/// keepdim)`, Python's slice clamping, and ViT-B/16's sizes (Dosovitskiy et al. 2021, Table 1:
/// 197 tokens of 768, 12 heads of 64).
@Suite struct TensorShapeTests {
  static func dims(_ d: [Int]) -> Shape { Shape(dims: d) ?? Shape(0, 0, 0) }

  static let cases: [ShapeTests.Case] = [
    ShapeTests.Case(
      operation: .matmul(transposed: true), inputs: [dims([12, 197, 64]), dims([12, 197, 64])],
      expected: dims([12, 197, 197]), why: "ViT-B/16 scores: Q·Kᵀ per head, 12×197×197"),
    ShapeTests.Case(
      operation: .matmul(transposed: false), inputs: [dims([12, 197, 197]), dims([12, 197, 64])],
      expected: dims([12, 197, 64]), why: "ViT-B/16 context: A·V per head"),
    ShapeTests.Case(
      operation: .matmul(transposed: false), inputs: [dims([4, 1, 5, 3]), dims([2, 3, 7])],
      expected: dims([4, 2, 5, 7]), why: "torch.matmul broadcasts the batch axes: 4×1 and 2 → 4×2"),
    ShapeTests.Case(
      operation: .transpose([0, 2, 1, 3]), inputs: [dims([197, 12, 64, 1])],
      expected: dims([197, 64, 12, 1]), why: "permute: output axis i is input axis perm[i]"),
    ShapeTests.Case(
      operation: .transpose([-1, 0, 1]), inputs: [dims([3, 4, 5])], expected: dims([5, 3, 4]),
      why: "a negative axis counts from the last"),
    ShapeTests.Case(
      operation: .reduce(Reduction(mode: .mean, axes: [0, 1], keepsAxes: true)),
      inputs: [Shape(7, 7, 512)], expected: Shape(1, 1, 512),
      why: "x.mean((2, 3), keepdim=True) on a map: squeeze-and-excite's squeeze"),
    ShapeTests.Case(
      operation: .reduce(Reduction(mode: .sum, axes: [-2], keepsAxes: false)),
      inputs: [dims([197, 768])], expected: dims([768]), why: "x.sum(dim=-2) drops the axis"),
    ShapeTests.Case(
      operation: .reduce(Reduction(mode: .max, axes: [], keepsAxes: false)),
      inputs: [dims([2, 3])], expected: dims([1]), why: "no axes reduces every axis to one value"),
    ShapeTests.Case(
      operation: .slice(Slice(axis: 0, start: 1, end: 197)), inputs: [dims([197, 768])],
      expected: dims([196, 768]), why: "x[:, 1:]: the patch tokens without the class token"),
    ShapeTests.Case(
      operation: .slice(Slice(axis: -1, start: 0, end: 10_000, step: 3)), inputs: [Shape(2, 2, 8)],
      expected: Shape(2, 2, 3), why: "x[..., 0:10000:3] of 8: clamped to 8, then 0, 3, 6"),
    ShapeTests.Case(
      operation: .slice(Slice(axis: 2, start: -3, end: -1)), inputs: [Shape(2, 2, 8)],
      expected: Shape(2, 2, 2), why: "x[..., -3:-1]: negative ends count from the end"),
    ShapeTests.Case(
      operation: .add, inputs: [dims([197, 768]), dims([1, 768])], expected: dims([197, 768]),
      why: "broadcasting: 1 stretches"),
    ShapeTests.Case(
      operation: .multiply, inputs: [Shape(56, 56, 64), dims([64])], expected: Shape(56, 56, 64),
      why: "broadcasting: missing leading axes are 1"),
    ShapeTests.Case(
      operation: .add, inputs: [dims([8, 1, 6]), dims([7, 1])], expected: dims([8, 7, 6]),
      why: "NumPy's example: 8×1×6 and 7×1 broadcast to 8×7×6"),
    ShapeTests.Case(
      operation: .expand(dims([197, 768])), inputs: [dims([1, 768])], expected: dims([197, 768]),
      why: "expand: the class token repeated"),
    ShapeTests.Case(
      operation: .concat(axis: 0), inputs: [dims([1, 768]), dims([196, 768])],
      expected: dims([197, 768]), why: "ViT: the class token joined before 196 patch tokens"),
    ShapeTests.Case(
      operation: .dense(units: 3072, bias: true, flattens: false), inputs: [dims([197, 768])],
      expected: dims([197, 3072]), why: "a linear layer maps the last axis at every token"),
    ShapeTests.Case(
      operation: ShapeTests.conv(1, Extent(1, 3), padding: .explicit(Extent(0, 1))),
      inputs: [dims([64, 1])], expected: dims([64, 1]),
      why: "ECA's Conv1d(1, 1, 3, padding=1) over 64 channels as a sequence"),
    ShapeTests.Case(
      operation: .reshape(dims([1024, 2, 16, 2])), inputs: [Shape(32, 32, 64)],
      expected: dims([1024, 2, 16, 2]), why: "MobileViT's unfold: 65,536 values either way"),
    ShapeTests.Case(
      operation: .pooling(
        Pooling(
          mode: .max, kernel: Extent(1, 3), stride: Extent(1, 2), padding: .explicit(Extent(0, 1)),
          ceilMode: false)),
      inputs: [dims([1024, 8])], expected: dims([512, 8]),
      why: "MaxPool1d(3, 2, padding=1) over 1,024 steps: (1024 + 2 − 3) / 2 + 1"),
    ShapeTests.Case(
      operation: .padAxis(axis: -1, before: 0, after: 1), inputs: [dims([8, 196, 16])],
      expected: dims([8, 196, 17]), why: "EfficientViT's F.pad(v, (0, 1), value=1)"),
    ShapeTests.Case(
      operation: .padAxis(axis: 1, before: 2, after: 3), inputs: [Shape(4, 4, 8)],
      expected: Shape(4, 9, 8), why: "one axis of a map: the width, 2 before and 3 after"),
    ShapeTests.Case(
      operation: .tile([1, 49, 1]), inputs: [dims([1, 1, 64])], expected: dims([1, 49, 64]),
      why: "torch.Tensor.repeat: GCViT's global query repeated over 49 windows"),
    ShapeTests.Case(
      operation: .tile([2, 3, 1]), inputs: [Shape(4, 5, 8)], expected: Shape(8, 15, 8),
      why: "numpy.tile: each axis times its repeat, a map stays a map"),
    ShapeTests.Case(
      operation: .groupNorm(groups: 32, affine: true), inputs: [Shape(56, 56, 256)],
      expected: Shape(56, 56, 256), why: "GroupNorm(32, 256) keeps the shape"),
    ShapeTests.Case(
      operation: .constant(dims([196, 196, 3])), inputs: [Shape(224, 224, 3)],
      expected: dims([196, 196, 3]),
      why: "ConViT's relative positions: a buffer, whatever the input"),
  ]

  /// A transposed convolution of `conv`'s hyper-parameters.
  static func deconv(
    _ filters: Int, _ kernel: Extent, stride: Extent, padding: Padding, outputPadding: Int = 0,
    dilation: Extent = 1, groups: Int = 1
  ) -> Operation {
    guard
      case .convolution(let c) = ShapeTests.conv(
        filters, kernel, stride: stride, padding: padding, dilation: dilation, groups: groups)
    else { return .flatten }
    return .transposedConvolution(c, outputPadding: outputPadding)
  }

  /// PyTorch's ConvTranspose2d: H_out = (H_in − 1)·s − 2·p + d·(k − 1) + output_padding + 1
  /// (torch.nn.ConvTranspose2d's documentation); TensorFlow's `same`: H_in·s.
  static let transposed: [ShapeTests.Case] = [
    ShapeTests.Case(
      operation: deconv(8, 4, stride: 2, padding: .explicit(1)), inputs: [Shape(14, 14, 16)],
      expected: Shape(28, 28, 8), why: "DCGAN's 4×4/2 with padding 1 doubles: 13·2 − 2 + 3 + 1"),
    ShapeTests.Case(
      operation: deconv(8, 3, stride: 2, padding: .explicit(1), outputPadding: 1, groups: 2),
      inputs: [Shape(14, 14, 16)], expected: Shape(28, 28, 8),
      why: "3×3/2, padding 1, output_padding 1: 26 − 2 + 2 + 1 + 1"),
    ShapeTests.Case(
      operation: deconv(
        4, Extent(3, 5), stride: Extent(1, 2), padding: .explicit(Extent(0, 2)),
        dilation: Extent(2, 1)),
      inputs: [Shape(56, 56, 8)], expected: Shape(60, 111, 4),
      why: "rectangular and dilated: 55 + 2·2 + 1 = 60 and 110 − 4 + 4 + 1 = 111"),
    ShapeTests.Case(
      operation: deconv(4, 3, stride: 2, padding: .same), inputs: [Shape(7, 7, 8)],
      expected: Shape(14, 14, 4), why: "TensorFlow's same: n·s"),
    ShapeTests.Case(
      operation: deconv(
        6, Extent(1, 5), stride: Extent(1, 3), padding: .explicit(Extent(0, 1)),
        outputPadding: 2),
      inputs: [dims([20, 4])], expected: dims([62, 6]),
      why: "ConvTranspose1d(4, 6, 5, stride=3, padding=1, output_padding=2) on 20 steps: 62"),
  ]

  @Test(arguments: transposed)
  func transposedOutputShape(_ c: ShapeTests.Case) throws {
    #expect(try c.operation.outputShape(for: c.inputs) == c.expected)
  }

  /// Every weight at every input position: 16·8·4·4 · 14·14 = 401,408, fvcore's and
  /// FlopCounterMode's count (Tests/Fixtures/conventions/layers.jsonl), 2,056 params with bias.
  @Test func transposedCountsInputPositions() throws {
    let op = Self.deconv(8, 4, stride: 2, padding: .explicit(1))
    let x = Shape(14, 14, 16)
    let cost = try op.cost(inputs: [x], output: try op.outputShape(for: [x]))
    #expect(cost.macs == 401_408 && cost.params == 2_056)
    #expect(throws: LayerError.transposedOutputEmpty(height: -8, width: -8)) {
      try Self.deconv(4, 3, stride: 1, padding: .explicit(9)).outputShape(for: [Shape(8, 8, 4)])
    }
  }

  @Test(arguments: cases)
  func outputShape(_ c: ShapeTests.Case) throws {
    let output = try c.operation.outputShape(for: c.inputs)
    #expect(output == c.expected)
    #expect(output.description == c.expected.description)
  }

  static let errors: [ShapeTests.ErrorCase] = [
    ShapeTests.ErrorCase(
      operation: .matmul(transposed: false), inputs: [dims([197, 64]), dims([197, 64])],
      expected: .matmulSizesDiffer(dims([197, 64]), dims([197, 64]))),
    ShapeTests.ErrorCase(
      operation: .matmul(transposed: false), inputs: [dims([197, 64])],
      expected: .inputCount(expected: 2, got: 1)),
    ShapeTests.ErrorCase(
      operation: .matmul(transposed: false), inputs: [dims([3, 2, 4]), dims([5, 4, 2])],
      expected: .notBroadcastable([dims([3, 2, 4]), dims([5, 4, 2])])),
    ShapeTests.ErrorCase(
      operation: .matmul(transposed: false), inputs: [dims([4]), dims([4, 2])],
      expected: .matmulSizesDiffer(dims([4]), dims([4, 2]))),
    ShapeTests.ErrorCase(
      operation: .transpose([0, 0, 1]), inputs: [dims([2, 3, 4])],
      expected: .notAPermutation([0, 0, 1], rank: 3)),
    ShapeTests.ErrorCase(
      operation: .transpose([0, 1]), inputs: [dims([2, 3, 4])],
      expected: .notAPermutation([0, 1], rank: 3)),
    ShapeTests.ErrorCase(
      operation: .transpose([0, 1, 3]), inputs: [dims([2, 3, 4])],
      expected: .notAPermutation([0, 1, 3], rank: 3)),
    ShapeTests.ErrorCase(
      operation: .reduce(Reduction(mode: .mean, axes: [1, -1], keepsAxes: false)),
      inputs: [dims([2, 3])], expected: .repeatedAxis(-1)),
    ShapeTests.ErrorCase(
      operation: .reduce(Reduction(mode: .mean, axes: [2], keepsAxes: false)),
      inputs: [dims([2, 3])], expected: .axisOutOfRange(axis: 2, rank: 2)),
    ShapeTests.ErrorCase(
      operation: .slice(Slice(axis: 0, start: 5, end: 5)), inputs: [dims([8])],
      expected: .emptySlice(start: 5, end: 5, step: 1, size: 8)),
    ShapeTests.ErrorCase(
      operation: .slice(Slice(axis: -3, start: 0, end: 1)), inputs: [dims([8, 2])],
      expected: .axisOutOfRange(axis: -3, rank: 2)),
    ShapeTests.ErrorCase(
      operation: .add, inputs: [dims([197, 768]), dims([196, 768])],
      expected: .notBroadcastable([dims([197, 768]), dims([196, 768])])),
    ShapeTests.ErrorCase(
      operation: .concat(axis: 0), inputs: [dims([1, 768]), dims([196, 384])],
      expected: .concatSizesDiffer([dims([1, 768]), dims([196, 384])], axis: 0)),
    ShapeTests.ErrorCase(
      operation: ShapeTests.pool(2, 2), inputs: [dims([197, 768])],
      expected: .needsMap(dims([197, 768]))),
    ShapeTests.ErrorCase(
      operation: ShapeTests.conv(8, 3), inputs: [dims([64, 1])], expected: .needsMap(dims([64, 1]))
    ),
    ShapeTests.ErrorCase(
      operation: .matmul(transposed: false),
      inputs: [dims([1 << 40, 1 << 40]), dims([1 << 40, 1 << 40])], expected: .overflow),
    ShapeTests.ErrorCase(
      operation: .tile([2, 2]), inputs: [dims([3, 4, 5])],
      expected: .repeatsDiffer([2, 2], rank: 3)),
    ShapeTests.ErrorCase(
      operation: .tile([0, 1]), inputs: [dims([3, 4])], expected: .repeatsDiffer([0, 1], rank: 2)),
    ShapeTests.ErrorCase(
      operation: .tile([1 << 40, 1 << 40]), inputs: [dims([1 << 20, 2])], expected: .overflow),
    ShapeTests.ErrorCase(
      operation: .groupNorm(groups: 32, affine: true), inputs: [Shape(7, 7, 48)],
      expected: .channelsNotDivisible(role: "input", channels: 48, groups: 32)),
  ]

  @Test(arguments: errors)
  func impossibleShapes(_ c: ShapeTests.ErrorCase) {
    #expect(throws: c.expected) {
      let output = try c.operation.outputShape(for: c.inputs)
      _ = try c.operation.cost(inputs: c.inputs, output: output)
    }
  }

  /// ViT-B/16's attention in one block (Table 1: 12 heads, D = 768, 197 tokens): Q·Kᵀ and A·V
  /// each 12·197·197·64 = 29,805,312 multiply-accumulates, none of them a weight's.
  @Test func attentionProductsAreCountedApart() throws {
    let q = Self.dims([12, 197, 64])
    let scores = Operation.matmul(transposed: true)
    let s = try scores.outputShape(for: [q, q])
    let cost = try scores.cost(inputs: [q, q], output: s)
    #expect(cost.activationMatmulMacs == 29_805_312)
    #expect(cost.macs == 0 && cost.params == 0)
    let context = Operation.matmul(transposed: false)
    let c = try context.outputShape(for: [s, q])
    #expect(try context.cost(inputs: [s, q], output: c).activationMatmulMacs == 29_805_312)
  }

  /// A linear layer on tokens: 197 positions × 768·3072 weights (ViT-B's MLP), not 1 position.
  @Test func linearOnTokensCountsEveryToken() throws {
    let fc = Operation.dense(units: 3072, bias: true, flattens: false)
    let x = Self.dims([197, 768])
    let cost = try fc.cost(inputs: [x], output: try fc.outputShape(for: [x]))
    #expect(cost.macs == 197 * 768 * 3072)
    #expect(cost.params == 768 * 3072 + 3072)
  }

  /// ECA's Conv1d over 256 channels as a sequence, kernel 5 (ECA-Net, Wang et al. 2020, eq. 12:
  /// k = |log₂256 / 2 + 1/2|_odd = 5): 5 weights at each of 256 positions, 1,280 MACs.
  @Test func oneDimensionalConvolutionCountsEveryPosition() throws {
    let conv = ShapeTests.conv(1, Extent(1, 5), padding: .explicit(Extent(0, 2)), bias: false)
    let x = Self.dims([256, 1])
    let output = try conv.outputShape(for: [x])
    #expect(output == Self.dims([256, 1]))
    #expect(try conv.cost(inputs: [x], output: output).macs == 1280)
  }

  /// GroupNorm(32, 256) on ResNet's 56×56×256 (torch.nn.GroupNorm: weight and bias of
  /// num_channels each): 512 parameters, none without `affine`, and no multiply-accumulate.
  @Test func groupNormLearnsTwoVectorsPerChannel() throws {
    let x = Shape(56, 56, 256)
    for (affine, params) in [(true, 512), (false, 0)] {
      let norm = Operation.groupNorm(groups: 32, affine: affine)
      let cost = try norm.cost(inputs: [x], output: try norm.outputShape(for: [x]))
      #expect(cost.params == params && cost.macs == 0)
    }
  }

  /// Shapes are values of their dims: the layout labels, it does not distinguish.
  @Test func equalityIsOfTheDims() {
    #expect(Shape(2, 3, 4) == Self.dims([2, 3, 4]))
    #expect(Shape(2, 3, 4).isMap && !Self.dims([2, 3, 4]).isMap)
    #expect(Shape(dims: []) == nil && Shape(dims: Array(repeating: 1, count: 9)) == nil)
    #expect(Self.dims([197, 768]).description == "197×768")
  }
}
