/// Output shapes, one small case per operation; the sliding-window rule is shared by convolution
/// and pooling.
extension Operation {
  public func outputShape(for inputs: [Shape]) throws(LayerError) -> Shape {
    precondition(!inputs.isEmpty, "the analyzer passes every layer at least one input")
    let input = inputs[0]
    switch self {
    case .convolution(let conv):
      let groups = conv.groupCount(input: input)
      guard input.channels % groups == 0 else {
        throw .channelsNotDivisible(role: "input", channels: input.channels, groups: groups)
      }
      let filters = try conv.filterCount(input: input)
      guard filters % groups == 0 else {
        throw .channelsNotDivisible(role: "output", channels: filters, groups: groups)
      }
      let (h, w) = try Self.slidingWindow(input, kernel: conv.kernel, stride: conv.stride,
        padding: conv.padding, dilation: conv.dilation, ceil: false)
      return Shape(h, w, filters)
    case .pooling(let pool):
      let (h, w) = try Self.slidingWindow(input, kernel: pool.kernel, stride: pool.stride,
        padding: pool.padding, dilation: 1, ceil: pool.ceilMode)
      return Shape(h, w, input.channels)
    case .dense(let units, _):
      return Shape(1, 1, units)
    case .globalPooling:
      return Shape(1, 1, input.channels)
    case .flatten:
      guard let count = input.elementCount else { throw .overflow }
      return Shape(1, 1, count)
    case .batchNorm, .activation, .localResponseNorm, .dropout:
      return input
    case .concat:
      guard inputs.allSatisfy({ $0.height == input.height && $0.width == input.width }) else {
        throw .concatSizesDiffer(inputs)
      }
      var channels = 0
      for shape in inputs {
        let (sum, overflow) = channels.addingReportingOverflow(shape.channels)
        if overflow { throw .overflow }
        channels = sum
      }
      return Shape(input.height, input.width, channels)
    case .add:
      guard inputs.allSatisfy({ $0 == input }) else { throw .addShapesDiffer(inputs) }
      return input
    }
  }

  /// Output height and width of a k×k window moved by `stride` over the input.
  ///
  /// Explicit padding p: ⌊(n + 2p − k′) / s⌋ + 1 with k′ = d·(k − 1) + 1 (CS231n; seed 003's
  /// W′ = (W − K + 2P) / S + 1). Caffe's ceil mode rounds up instead, but drops a last window that
  /// would start in the padding (PyTorch's rule). TensorFlow `same`: ⌈n / s⌉; `valid`: p = 0.
  static func slidingWindow(_ input: Shape, kernel: Int, stride: Int, padding: Padding,
    dilation: Int, ceil: Bool) throws(LayerError) -> (Int, Int)
  {
    let (span, o1) = dilation.multipliedReportingOverflow(by: kernel - 1)
    let (window, o2) = span.addingReportingOverflow(1)
    if o1 || o2 { throw .overflow }
    func size(_ n: Int) throws(LayerError) -> Int {
      let p: Int
      switch padding {
      case .same: return (n + stride - 1) / stride
      case .valid: p = 0
      case .explicit(let explicit): p = explicit
      }
      let (padded, o3) = n.addingReportingOverflow(2 &* p)
      if o3 || p > Int.max / 4 { throw .overflow }
      guard padded >= window else { throw .windowLargerThanInput(window: window,
        paddedHeight: input.height + 2 * p, paddedWidth: input.width + 2 * p) }
      let steps = padded - window
      var out = (ceil ? (steps + stride - 1) / stride : steps / stride) + 1
      if ceil && (out - 1) * stride >= n + p { out -= 1 }
      return out
    }
    return (try size(input.height), try size(input.width))
  }
}

extension Convolution {
  /// Input channels per group's filter: C_in / groups (1 for depthwise).
  func groupCount(input: Shape) -> Int {
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
