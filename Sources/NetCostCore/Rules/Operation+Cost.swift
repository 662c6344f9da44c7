/// What a layer costs: parameters and multiply-accumulates (MACs, the papers' "mult-adds").
/// The formulas are in `Formulas.swift`; `docs/cost-model.md` gives each with its source.
public struct Cost: Hashable, Sendable {
  /// Weights and biases, plus all four batch-norm vectors.
  public var params = 0
  /// Parameters not trained by gradient descent: batch norm's moving mean and variance (Keras).
  public var nonTrainableParams = 0
  /// All batch-norm parameters (γ, β, mean, variance): the papers leave them out of their counts.
  public var batchNormParams = 0
  /// Bias terms of convolutions and fully connected layers.
  public var biases = 0
  public var macs = 0
  /// Multiply-accumulates of products of two computed tensors (attention's Q·Kᵀ and A·V): not
  /// a weight's, so not in `macs`, which every paper and tool counts from weights.
  public var activationMatmulMacs = 0

  /// Weights alone, no biases and no batch norm: what MobileNet's Table 2 and 3 count.
  public var weights: Int { params - biases - batchNormParams }

  public static let zero = Cost()

  package init(
    params: Int = 0, nonTrainableParams: Int = 0, batchNormParams: Int = 0, biases: Int = 0,
    macs: Int = 0, activationMatmulMacs: Int = 0
  ) {
    self.params = params
    self.nonTrainableParams = nonTrainableParams
    self.batchNormParams = batchNormParams
    self.biases = biases
    self.macs = macs
    self.activationMatmulMacs = activationMatmulMacs
  }
}

extension Operation {
  public func cost(inputs: [Shape], output: Shape) throws(LayerError) -> Cost {
    try workedCost(inputs: inputs, output: output, explaining: false).cost
  }

  /// The cost with the arithmetic of its parameters and MACs (nil where the operation has none).
  package func workedCost(
    inputs: [Shape], output: Shape, explaining: Bool
  ) throws(LayerError)
    -> (cost: Cost, params: Count?, macs: Count?)
  {
    let input = inputs[0]
    func count(_ value: Int) -> Count { Count(value, explaining: explaining) }
    switch self {
    case .convolution(let conv):
      let groups = conv.groupCount(input: input)
      // Depthwise filters see one channel each: the factor C_in / g = 1 is left out.
      let perGroup: Count? =
        switch conv.groups {
        case .depthwise: nil
        case .count(1): count(input.channels)
        case .count: count(input.channels).dividedRoundingDown(by: count(groups)).grouped
        }
      let kernel = try conv.kernel.sides(count)
      let filters = count(output.channels)
      let weights = try Formulas.convolutionWeights(
        filters: filters, perGroup: perGroup,
        kernel: kernel)
      let params = try Formulas.withBias(weights, conv.bias, filters)
      let (h, w) = try Self.plane(of: output, count)
      let macs = try Formulas.convolutionMACs(
        filters: filters, height: h, width: w, perGroup: perGroup, kernel: kernel)
      let cost = Cost(
        params: params.value, biases: conv.bias ? output.channels : 0,
        macs: macs.value)
      return (cost, params, macs)
    case .transposedConvolution(let conv, _):
      let (cost, params, macs) = try transposedCost(
        conv, input: input, output: output, explaining: explaining)
      return (cost, params, macs)
    case .dense(let units, let bias, let flattens):
      let inputs: Int
      if flattens {
        guard let flattened = input.elementCount else { throw .overflow }
        inputs = flattened
      } else {
        inputs = input.channels
      }
      let weights = try Formulas.denseWeights(inputs: count(inputs), units: count(units))
      let params = try Formulas.withBias(weights, bias, count(units))
      guard let positions = output.positions else { throw .overflow }
      let macs =
        positions == 1
        ? weights
        : try Formulas.denseMACs(
          positions: output.isMap
            ? try count(output.height) * count(output.width) : count(positions),
          weights: weights)
      let cost = Cost(params: params.value, biases: bias ? units : 0, macs: macs.value)
      return (cost, params, macs)
    case .batchNorm(let bn):
      let vectors = 2 + (bn.scale ? 1 : 0) + (bn.center ? 1 : 0)
      let params = try Formulas.batchNormParams(
        channels: count(input.channels), vectors: vectors, factor: bn.factor)
      // The moving statistics (and Caffe's factor) are not trained: 2·C (+ 1).
      let statistics = 2 * input.channels + (bn.factor ? 1 : 0)
      let cost = Cost(
        params: params.value, nonTrainableParams: statistics, batchNormParams: params.value)
      return (cost, params, nil)
    case .scale(let bias, let norm):
      // Caffe's Scale is batch norm's γ and β in every model that has one (BatchNorm keeps only
      // the statistics), so its params count with batch norm's; a layer scale's do not.
      let params = try Formulas.perChannelParams(
        channels: count(input.channels), vectors: bias ? 2 : 1)
      let cost = Cost(params: params.value, batchNormParams: norm ? params.value : 0)
      return (cost, params, nil)
    case .layerNorm(let bias):
      let params = try Formulas.perChannelParams(
        channels: count(input.channels), vectors: bias ? 2 : 1)
      return (Cost(params: params.value), params, nil)
    case .groupNorm(_, let affine):
      guard affine else { return (Cost(), nil, nil) }
      let params = try Formulas.perChannelParams(channels: count(input.channels), vectors: 2)
      return (Cost(params: params.value), params, nil)
    case .parametricReLU:
      let params = try Formulas.perChannelParams(channels: count(input.channels), vectors: 1)
      return (Cost(params: params.value), params, nil)
    case .matmul(let transposed):
      let b = inputs[1]
      let inner = count(transposed ? b[b.rank - 1] : b[b.rank - 2])
      let outputs = try Count.product(output.dims.map(count))
      let macs = try Formulas.matrixProductMACs(outputs: outputs, inner: inner)
      return (Cost(activationMatmulMacs: macs.value), nil, macs)
    case .positionBias(let window, let mlp):
      let heads = input.rank >= 3 ? input[input.rank - 3] : 1
      return try Self.positionBiasCost(heads: count(heads), window: count(window), mlp: count(mlp))
    case .pooling, .globalPooling, .adaptivePooling, .activation, .localResponseNorm, .dropout,
      .flatten, .concat,
      .add, .maximum, .multiply, .channelShuffle, .channelSplit, .pad, .crop, .reshape, .rescale,
      .resize, .transpose, .reduce, .slice, .expand, .tile, .constant, .padAxis:
      // Comparisons, additions and nonlinearities are not multiply-accumulates: 0, as the papers.
      return (.zero, nil, nil)
    }
  }
}

/// Multiplies without trapping: a count past 2⁶³ − 1 is an error, not a crash.
extension Operation {
  /// A window's positions as a height and a width: a 1-D convolution's L′×C′ output is a map of
  /// height 1, a volume's D′×H′×W′×C′ one of height D′·H′.
  static func plane(
    of shape: Shape, _ count: (Int) -> Count
  ) throws(LayerError) -> (height: Count, width: Count) {
    switch shape.rank {
    case 2: (count(1), count(shape[0]))
    case 4: (try count(shape[0]) * count(shape[1]), count(shape[2]))
    default: (count(shape.height), count(shape.width))
    }
  }
}

extension Extent {
  /// A kernel's sides as the formulas take them: its height (times its depth, for a volume's
  /// window) and its width.
  func sides(_ count: (Int) -> Count) throws(LayerError) -> (height: Count, width: Count) {
    guard let depth else { return (count(height), count(width)) }
    return (try count(depth) * count(height), count(width))
  }
}

/// Inlinable, so the array of a call's factors (`product([elements, batch, 4])`) is made on the
/// stack or not at all: the memory walks call this for each of a million layers.
@inlinable
package func product(_ factors: [Int]) throws(LayerError) -> Int {
  var result = 1
  for factor in factors {
    let (next, overflow) = result.multipliedReportingOverflow(by: factor)
    if overflow { throw .overflow }
    result = next
  }
  return result
}

package func sum(_ a: Int, _ b: Int) throws(LayerError) -> Int {
  let (result, overflow) = a.addingReportingOverflow(b)
  if overflow { throw .overflow }
  return result
}

extension Layer {
  /// The values of the weights a layer applies besides its inputs (`learned`).
  package static func params(learned: [Shape]) throws(LayerError) -> Int {
    var total = 0
    for shape in learned {
      guard let count = shape.elementCount else { throw .overflow }
      total = try sum(total, count)
    }
    return total
  }
}
