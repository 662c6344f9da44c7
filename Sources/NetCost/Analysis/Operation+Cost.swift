/// What a layer costs: parameters and multiply-accumulates (MACs, the papers' "mult-adds").
/// Every formula is here once; `docs/cost-model.md` gives each with its source.
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

  /// Weights alone, no biases and no batch norm: what MobileNet's Table 2 and 3 count.
  public var weights: Int { params - biases - batchNormParams }

  public static let zero = Cost()
}

extension Operation {
  public func cost(inputs: [Shape], output: Shape) throws(LayerError) -> Cost {
    let input = inputs[0]
    switch self {
    case .convolution(let conv):
      return try Self.convolutionCost(conv, input: input, output: output)
    case .dense(let units, let bias):
      // Fully connected: C_in·C_out weights (+ C_out biases), C_in·C_out MACs (seed 003's fc6),
      // with C_in = H·W·C of the flattened input.
      guard let inputs = input.elementCount else { throw .overflow }
      let weights = try product([inputs, units])
      let biases = bias ? units : 0
      return Cost(params: try sum(weights, biases), biases: biases, macs: weights)
    case .batchNorm:
      // γ, β, moving mean, moving variance per channel; the last two are not trained (Keras).
      let all = try product([4, input.channels])
      return Cost(params: all, nonTrainableParams: all / 2, batchNormParams: all)
    case .pooling, .globalPooling, .activation, .localResponseNorm, .dropout, .flatten, .concat,
      .add:
      // Comparisons, additions and nonlinearities are not multiply-accumulates: 0, as the papers.
      return .zero
    }
  }

  /// Convolution, MobileNet's F²K²NM generalised to groups:
  /// params = K_h·K_w·(C_in / g)·C_out (+ C_out biases); MACs = H_out·W_out·K_h·K_w·(C_in / g)·C_out.
  /// Depthwise (g = C_in, C_out = C_in): F²K²N. Pointwise (K = 1): F²NM.
  static func convolutionCost(_ conv: Convolution, input: Shape, output: Shape)
    throws(LayerError) -> Cost
  {
    let groups = conv.groupCount(input: input)
    let weights = try product([conv.kernel, conv.kernel, input.channels / groups, output.channels])
    let biases = conv.bias ? output.channels : 0
    let macs = try product([output.height, output.width, weights])
    return Cost(params: try sum(weights, biases), biases: biases, macs: macs)
  }
}

/// Multiplies without trapping: a count past 2⁶³ − 1 is an error, not a crash.
func product(_ factors: [Int]) throws(LayerError) -> Int {
  var result = 1
  for factor in factors {
    let (next, overflow) = result.multipliedReportingOverflow(by: factor)
    if overflow { throw .overflow }
    result = next
  }
  return result
}

func sum(_ a: Int, _ b: Int) throws(LayerError) -> Int {
  let (result, overflow) = a.addingReportingOverflow(b)
  if overflow { throw .overflow }
  return result
}
