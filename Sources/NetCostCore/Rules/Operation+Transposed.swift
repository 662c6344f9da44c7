/// The transposed convolution's shape and cost: PyTorch's ConvTranspose2d (and ConvTranspose1d
/// on L×C, as a map of height 1).
extension Operation {
  /// (n − 1)·s − 2·p + d·(k − 1) + output_padding + 1 on each side (`same`: n·s), the filters'
  /// channels; input and output channels must divide by the groups.
  func transposedOutput(
    _ conv: Convolution, outputPadding: Int, _ input: Shape, explaining: Bool
  ) throws(LayerError) -> WorkedOutput {
    let flat = input.rank == 2
    let map = flat ? Shape(1, input[0], input[1]) : input
    guard map.rank == 3 else { throw .needsMap(input) }
    // Over a sequence the window has height 1, as a 1-D convolution's.
    if flat {
      var explicitHeight = 0
      if case .explicit(let p) = conv.padding { explicitHeight = p.height }
      guard conv.kernel.height == 1, conv.stride.height == 1, conv.dilation.height == 1,
        explicitHeight == 0
      else { throw .needsMap(input) }
    }
    // PyTorch's rule: the output padding is smaller than the stride or the dilation, on every
    // side it pads (the width alone over a sequence).
    let sides =
      flat
      ? [(conv.stride.width, conv.dilation.width)]
      : [
        (conv.stride.height, conv.dilation.height), (conv.stride.width, conv.dilation.width),
      ]
    if sides.contains(where: { outputPadding >= max($0.0, $0.1) && outputPadding > 0 }) {
      throw .outputPaddingTooLarge(outputPadding, stride: conv.stride, dilation: conv.dilation)
    }
    let groups = conv.groupCount(input: map)
    guard map.channels % groups == 0 else {
      throw .channelsNotDivisible(role: "input", channels: map.channels, groups: groups)
    }
    let filters = try conv.filterCount(input: map)
    guard filters % groups == 0 else {
      throw .channelsNotDivisible(role: "output", channels: filters, groups: groups)
    }
    // `same` is n·s; with an output padding, Keras's rule: ⌊k′/2⌋ each side, k′ the dilated
    // kernel (keras/src/utils/conv_utils.py deconv_output_length).
    let pad: Extent? =
      switch conv.padding {
      case .explicit(let p): p
      case .valid: .square(0)
      case .same where outputPadding > 0:
        Extent(
          (conv.dilation.height * (conv.kernel.height - 1) + 1) / 2,
          (conv.dilation.width * (conv.kernel.width - 1) + 1) / 2)
      case .same: nil
      }
    func side(
      _ n: Int, _ k: Int, _ s: Int, _ p: Int?, _ d: Int, _ op: Int
    ) throws(LayerError)
      -> Count
    {
      try Formulas.transposedWindowOutput(
        Count(n, explaining: explaining), kernel: k, stride: s, padding: p, dilation: d,
        outputPadding: op)
    }
    let h =
      flat
      ? Count(1, explaining: explaining)
      : try side(
        map.height, conv.kernel.height, conv.stride.height, pad?.height, conv.dilation.height,
        outputPadding)
    let w = try side(
      map.width, conv.kernel.width, conv.stride.width, pad?.width, conv.dilation.width,
      outputPadding)
    guard h.value >= 1, w.value >= 1 else {
      throw .transposedOutputEmpty(height: h.value, width: w.value)
    }
    if flat {
      guard let output = Shape(dims: [w.value, filters]) else { throw .rankOutOfRange(2) }
      return WorkedOutput(shape: output, width: w)
    }
    return WorkedOutput(shape: Shape(h.value, w.value, filters), height: h, width: w)
  }

  /// C_in·(C_out/g)·k_h·k_w weights (+ C_out biases), each at every input position.
  func transposedCost(
    _ conv: Convolution, input: Shape, output: Shape, explaining: Bool
  ) throws(LayerError) -> (Cost, Count, Count) {
    func count(_ value: Int) -> Count { Count(value, explaining: explaining) }
    let channels = input.channels
    let filters = output.channels
    let groups = count(conv.groupCount(input: input))
    let perGroup = count(filters).dividedRoundingDown(by: groups).grouped
    let weights = try Formulas.convolutionWeights(
      filters: count(channels), perGroup: perGroup,
      kernel: try conv.kernel.sides(count))
    let params = try Formulas.withBias(weights, conv.bias, count(filters))
    let (h, w) = try Self.plane(of: input, count)
    let macs = try Formulas.transposedConvolutionMACs(
      weights: weights, height: h, width: w)
    let cost = Cost(
      params: params.value, biases: conv.bias ? filters : 0, macs: macs.value)
    return (cost, params, macs)
  }
}
