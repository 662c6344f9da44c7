/// Windows over a volume, depth × height × width × channels (PyTorch's Conv3d, MaxPool3d,
/// AvgPool3d, ConvTranspose3d on N×C×D×H×W): the depth by the same one-side rule as the height and
/// the width, each frame H×W×C by the map's rule. A window without a depth (`Extent.depth` nil)
/// spans one frame and steps by one, a 2-D window run on every frame.
extension Operation {
  /// Layers that also read a volume.
  var readsVolume: Bool {
    switch self {
    case .convolution, .transposedConvolution, .pooling, .globalPooling: true
    default: false
    }
  }

  /// The window's extents, where the operation slides one: kernel, stride, dilation, padding.
  private var windowExtents: (kernel: Extent, stride: Extent, dilation: Extent, padding: Padding)? {
    switch self {
    case .convolution(let c), .transposedConvolution(let c, _):
      (c.kernel, c.stride, c.dilation, c.padding)
    case .pooling(let p): (p.kernel, p.stride, .square(1), p.padding)
    default: nil
    }
  }

  /// The first extent with a depth: a window over depth, which only a volume has.
  var depthWindow: Extent? {
    guard let w = windowExtents else { return nil }
    // Asked of every layer: no array of the extents is made.
    var depth = w.kernel.depth ?? w.stride.depth ?? w.dilation.depth
    if case .explicit(let p) = w.padding, depth == nil { depth = p.depth }
    return depth == nil ? nil : w.kernel
  }

  /// The same operation over one frame: every extent's depth left out.
  private var frameOperation: Operation {
    func flat(_ e: Extent) -> Extent { Extent(e.height, e.width) }
    func flat(_ p: Padding) -> Padding {
      if case .explicit(let e) = p { return .explicit(flat(e)) }
      return p
    }
    switch self {
    case .convolution(var c):
      (c.kernel, c.stride, c.dilation, c.padding) = (
        flat(c.kernel), flat(c.stride), flat(c.dilation), flat(c.padding)
      )
      return .convolution(c)
    case .transposedConvolution(var c, let outputPadding):
      (c.kernel, c.stride, c.dilation, c.padding) = (
        flat(c.kernel), flat(c.stride), flat(c.dilation), flat(c.padding)
      )
      return .transposedConvolution(c, outputPadding: outputPadding)
    case .pooling(var p):
      (p.kernel, p.stride, p.padding) = (flat(p.kernel), flat(p.stride), flat(p.padding))
      return .pooling(p)
    default: return self
    }
  }

  /// The operation with its window's depth left out where it changes nothing (a kernel, stride
  /// and dilation of depth 1, no padding along it): the frame's window, which a volume runs on
  /// every frame (R(2+1)D's `(1, 3, 3)` convolution is written `kernel = 3`).
  package var droppingIdleDepth: Operation {
    guard let w = windowExtents else { return self }
    var padding = 0
    if case .explicit(let p) = w.padding { padding = p.depth(absent: 0) }
    guard w.kernel.depth(absent: 1) == 1, w.stride.depth(absent: 1) == 1,
      w.dilation.depth(absent: 1) == 1, padding == 0
    else { return self }
    return frameOperation
  }

  /// A volume's output: the depth by the window's depth sides, the rest by the frame's rule.
  func volumeOutput(_ input: Shape, explaining: Bool) throws(LayerError) -> WorkedOutput {
    let frame = Shape(input[1], input[2], input[3])
    if case .globalPooling = self {
      guard let shape = Shape(dims: [1, 1, 1, input[3]]) else { throw .rankOutOfRange(4) }
      return WorkedOutput(shape: shape)
    }
    let worked = try frameOperation.workedOutput(for: [frame], explaining: explaining)
    let depth = try depthSide(input[0], explaining: explaining)
    guard
      let shape = Shape(
        dims: [depth.value, worked.shape.height, worked.shape.width, worked.shape.channels])
    else { throw .rankOutOfRange(4) }
    var output = worked
    output.shape = shape
    output.depth = depth
    return output
  }

  /// The output's depth, by the one-side rule of the window (or of the transposed window).
  private func depthSide(_ n: Int, explaining: Bool) throws(LayerError) -> Count {
    guard let w = windowExtents else { return Count(n, explaining: explaining) }
    let kernel = w.kernel.depth(absent: 1)
    let stride = w.stride.depth(absent: 1)
    let dilation = w.dilation.depth(absent: 1)
    var padding: Int? =
      switch w.padding {
      case .explicit(let p): p.depth(absent: 0)
      case .valid: 0
      case .same: nil
      }
    let count = Count(n, explaining: explaining)
    if case .transposedConvolution(_, let given) = self {
      // A window without a depth runs on every frame: its output padding is the frame's alone.
      let spansDepth = [w.kernel, w.stride, w.dilation].contains { $0.depth != nil }
      let outputPadding = spansDepth ? given : 0
      if outputPadding > 0, outputPadding >= max(stride, dilation) {
        throw .outputPaddingTooLarge(outputPadding, stride: w.stride, dilation: w.dilation)
      }
      // `same` with an output padding: Keras's ⌊k′/2⌋, as on the other sides.
      if padding == nil, outputPadding > 0 {
        padding = try sum(product([dilation, kernel - 1]), 1) / 2
      }
      let side = try Formulas.transposedWindowOutput(
        count, kernel: kernel, stride: stride, padding: padding, dilation: dilation,
        outputPadding: outputPadding)
      guard side.value >= 1 else { throw .transposedOutputEmpty(height: side.value, width: 0) }
      return side
    }
    var ceil = false
    if case .pooling(let p) = self { ceil = p.ceilMode }
    do throws(LayerError) {
      return try Formulas.windowOutput(
        count, kernel: kernel, stride: stride, padding: padding, dilation: dilation, ceil: ceil)
    } catch {
      guard case .windowLargerThanInput = error else { throw error }
      throw .windowDeeperThanInput(
        window: try sum(product([dilation, kernel - 1]), 1),
        paddedDepth: try sum(n, product([2, padding ?? 0])))
    }
  }
}
