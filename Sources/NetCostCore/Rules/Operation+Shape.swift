/// Output shapes, one small case per operation; the formulas are in `Formulas.swift`.
extension Operation {
  public func outputShape(for inputs: [Shape]) throws(LayerError) -> Shape {
    try workedOutput(for: inputs, explaining: false).shape
  }

  /// An output shape with the arithmetic behind it, where there is some.
  package struct WorkedOutput {
    package var shape: Shape
    /// Sliding windows: the height and width formulas, and a volume's depth.
    package var height: Count? = nil
    package var width: Count? = nil
    package var depth: Count? = nil
    /// Concatenation: the channels added up.
    package var channels: Count? = nil
  }

  /// The output shape with the arithmetic of its height and width (sliding windows) or of its
  /// channels (concatenation).
  package func workedOutput(
    for inputs: [Shape], explaining: Bool
  ) throws(LayerError) -> WorkedOutput {
    precondition(!inputs.isEmpty, "the analyzer passes every layer at least one input")
    let input = inputs[0]
    // A window slides over the first two of three axes, whatever made them (the layout is a
    // label: a reduction's H×W×C is a map to a convolution).
    if input.rank == 4, readsVolume { return try volumeOutput(input, explaining: explaining) }
    if let window = depthWindow { throw .needsVolume(input, window: window) }
    if needsMap, input.rank != 3, !(input.rank == 2 && isOneDimensional) {
      throw .needsMap(input)
    }
    switch self {
    case .transposedConvolution(let conv, let outputPadding):
      return try transposedOutput(conv, outputPadding: outputPadding, input, explaining: explaining)
    case .convolution(let conv) where input.rank == 2:
      return try oneDimensional(conv, input, explaining: explaining)
    case .convolution(let conv):
      let groups = conv.groupCount(input: input)
      guard input.channels % groups == 0 else {
        throw .channelsNotDivisible(role: "input", channels: input.channels, groups: groups)
      }
      let filters = try conv.filterCount(input: input)
      guard filters % groups == 0 else {
        throw .channelsNotDivisible(role: "output", channels: filters, groups: groups)
      }
      let (h, w) = try Self.window(
        input, kernel: conv.kernel, stride: conv.stride,
        padding: conv.padding, dilation: conv.dilation, ceil: false, explaining: explaining)
      return WorkedOutput(shape: Shape(h.value, w.value, filters), height: h, width: w)
    case .pooling(let pool) where input.rank == 2:
      // Over a sequence (L×C, PyTorch's MaxPool1d): a map of height 1 and a window of height 1.
      guard pool.kernel.height == 1, pool.stride.height == 1 else { throw .needsMap(input) }
      if case .explicit(let p) = pool.padding, p.height != 0 { throw .needsMap(input) }
      let (_, w) = try Self.window(
        Shape(1, input[0], input[1]), kernel: pool.kernel, stride: pool.stride,
        padding: pool.padding, dilation: .square(1), ceil: pool.ceilMode, explaining: explaining)
      guard let output = Shape(dims: [w.value, input[1]]) else { throw .rankOutOfRange(2) }
      return WorkedOutput(shape: output, width: w)
    case .pooling(let pool):
      let (h, w) = try Self.window(
        input, kernel: pool.kernel, stride: pool.stride,
        padding: pool.padding, dilation: .square(1), ceil: pool.ceilMode, explaining: explaining)
      return WorkedOutput(shape: Shape(h.value, w.value, input.channels), height: h, width: w)
    case .dense(let units, _, let flattens):
      guard !flattens else { return WorkedOutput(shape: Shape(1, 1, units)) }
      var output = input
      output[input.rank - 1] = units
      return WorkedOutput(shape: output)
    case .globalPooling:
      return WorkedOutput(shape: Shape(1, 1, input.channels))
    case .adaptivePooling(let size):
      return WorkedOutput(shape: Shape(size, size, input.channels))
    case .flatten:
      guard let count = input.elementCount else { throw .overflow }
      return WorkedOutput(shape: Shape(1, 1, count))
    case .batchNorm, .activation, .localResponseNorm, .dropout, .scale, .rescale, .parametricReLU,
      .layerNorm:
      return WorkedOutput(shape: input)
    case .groupNorm(let groups, _):
      guard groups >= 1, input.channels % groups == 0 else {
        throw .channelsNotDivisible(role: "input", channels: input.channels, groups: groups)
      }
      return WorkedOutput(shape: input)
    case .pad(let insets):
      let h = try Formulas.paddedSize(
        Count(input.height, explaining: explaining), insets.top, insets.bottom)
      let w = try Formulas.paddedSize(
        Count(input.width, explaining: explaining), insets.left, insets.right)
      return WorkedOutput(shape: Shape(h.value, w.value, input.channels), height: h, width: w)
    case .crop(let insets):
      let h = try Formulas.croppedSize(
        Count(input.height, explaining: explaining), insets.top, insets.bottom)
      let w = try Formulas.croppedSize(
        Count(input.width, explaining: explaining), insets.left, insets.right)
      return WorkedOutput(shape: Shape(h.value, w.value, input.channels), height: h, width: w)
    case .resize(let height, let width):
      return WorkedOutput(shape: Shape(height, width, input.channels))
    case .reshape(let target):
      guard input.elementCount == target.elementCount else {
        throw .reshapeSizeDiffers(from: input, to: target)
      }
      return WorkedOutput(shape: target)
    case .concat(let axis):
      let at = try Self.axis(axis, rank: input.rank)
      guard
        inputs.allSatisfy({ other in
          other.rank == input.rank
            && (0..<input.rank).allSatisfy { $0 == at || other[$0] == input[$0] }
        })
      else {
        throw .concatSizesDiffer(inputs, axis: axis)
      }
      // The channels add up: 64 + 128 + 32 + 32 = 256 (GoogLeNet's inception 3a).
      let joined = try Count.sum(inputs.map { Count($0[at], explaining: explaining) })
      var output = input
      output[at] = joined.value
      return WorkedOutput(shape: output, channels: at == input.rank - 1 ? joined : nil)
    case .add, .maximum, .multiply:
      return WorkedOutput(shape: try Self.broadcast(inputs))
    case .positionBias(let window, _):
      return WorkedOutput(shape: try Self.biasedScores(input, window: window))
    case .matmul(let transposed):
      return WorkedOutput(shape: try Self.matrixProduct(inputs, transposed: transposed))
    case .transpose(let perm):
      return WorkedOutput(shape: try Self.transposed(input, perm))
    case .reduce(let reduction):
      return WorkedOutput(shape: try Self.reduced(input, reduction))
    case .slice(let slice):
      return WorkedOutput(shape: try Self.sliced(input, slice))
    case .expand(let target):
      return WorkedOutput(shape: try Self.broadcast([input, target]))
    case .padAxis(let axis, let before, let after):
      let at = try Self.axis(axis, rank: input.rank)
      var output = input
      output[at] = try sum(sum(input[at], before), after)
      guard output.elementCount != nil else { throw .overflow }
      return WorkedOutput(shape: output)
    case .tile(let repeats):
      return WorkedOutput(shape: try Self.tiled(input, repeats))
    case .constant(let shape):
      return WorkedOutput(shape: shape)
    case .channelShuffle(let groups):
      guard input.channels % groups == 0 else {
        throw .channelsNotDivisible(role: "input", channels: input.channels, groups: groups)
      }
      return WorkedOutput(shape: input)
    case .channelSplit(let parts, let part):
      guard part <= parts else { throw .partOutOfRange(part: part, parts: parts) }
      guard input.channels % parts == 0 else {
        throw .channelsNotDivisible(role: "input", channels: input.channels, groups: parts)
      }
      var output = input
      output[input.rank - 1] = input.channels / parts
      return WorkedOutput(shape: output)
    }
  }

  /// Height and width of a window moved over `input`; a window that does not fit is reported with
  /// the padded size of both dimensions.
  private static func window(
    _ input: Shape, kernel: Extent, stride: Extent, padding: Padding,
    dilation: Extent, ceil: Bool, explaining: Bool
  ) throws(LayerError) -> (Count, Count) {
    let pad: Extent? =
      switch padding {
      case .explicit(let p): p
      case .valid: Extent.square(0)
      case .same: nil  // TensorFlow's `same` pads whatever ⌈n / s⌉ needs.
      }
    do throws(LayerError) {
      let h = try Formulas.windowOutput(
        Count(input.height, explaining: explaining), kernel: kernel.height,
        stride: stride.height, padding: pad?.height, dilation: dilation.height, ceil: ceil)
      let w = try Formulas.windowOutput(
        Count(input.width, explaining: explaining), kernel: kernel.width,
        stride: stride.width, padding: pad?.width, dilation: dilation.width, ceil: ceil)
      return (h, w)
    } catch {
      guard case .windowLargerThanInput = error else { throw error }
      // Checked again: only one dimension may have been computed before the other failed.
      let p = pad ?? .square(0)
      throw .windowLargerThanInput(
        window: Extent(
          try sum(product([dilation.height, kernel.height - 1]), 1),
          try sum(product([dilation.width, kernel.width - 1]), 1)),
        paddedHeight: try sum(input.height, product([2, p.height])),
        paddedWidth: try sum(input.width, product([2, p.width])))
    }
  }
}

extension Convolution {
  /// The groups the channels are split into: C_in for depthwise.
  package func groupCount(input: Shape) -> Int {
    switch groups {
    case .count(let g): g
    case .depthwise: input.channels
    }
  }

  func filterCount(input: Shape) throws(LayerError) -> Int {
    switch filters {
    case .count(let n): return n
    case .perInputChannel(let multiplier):
      let (n, overflow) = input.channels.multipliedReportingOverflow(by: multiplier)
      if overflow { throw .overflow }
      return n
    }
  }
}
