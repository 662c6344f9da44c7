/// Every shape and cost formula, once, over `Count`s, each with its source. The analyzer evaluates
/// them; `--explain` prints them with the numbers substituted. Docs: `docs/cost-model.md`.
enum Formulas {
  /// Output size of a k×k window moved by `stride` over n values.
  ///
  /// Explicit padding p: (n − k′ + 2·p) / s + 1, rounded down, with k′ = d·(k − 1) + 1 (CS231n;
  /// EECS 498-007 Lecture 8's W′ = (W − K + 2P) / S + 1). Caffe's ceil mode rounds up instead, then drops a last
  /// window that would start in the padding (PyTorch's rule). TensorFlow `same`: ⌈n / s⌉;
  /// `valid`: p = 0. The window must fit in the padded input, checked before dividing.
  static func windowOutput(
    _ n: Count, kernel: Int, stride: Int, padding: Padding, dilation: Int,
    ceil: Bool
  ) throws(LayerError) -> Count {
    let explaining = n.text != nil
    func count(_ value: Int) -> Count { Count(value, explaining: explaining) }
    let s = count(stride)
    let p: Int
    switch padding {
    case .same: return n.dividedRoundingUp(by: s)
    case .valid: p = 0
    case .explicit(let explicit): p = explicit
    }
    let window =
      dilation == 1
      ? count(kernel) : try count(dilation) * (try count(kernel) - count(1)) + count(1)
    var span = try n - window
    if p > 0 { span = try span + (try count(2) * count(p)) }
    guard span.value >= 0 else {
      // The caller knows both dimensions and completes the padded size.
      throw .windowLargerThanInput(window: window.value, paddedHeight: 0, paddedWidth: 0)
    }
    var out =
      try (ceil ? span.dividedRoundingUp(by: s) : span.dividedRoundingDown(by: s)) + count(1)
    if ceil, try ((try out - count(1)) * s).value >= (try n + count(p)).value {
      out = try out - count(1)
    }
    return out
  }

  /// Convolution parameters: C_out·(C_in / g)·K·K weights (+ C_out biases); depthwise (g = C_in)
  /// drops the C_in / g = 1. MobileNet eq. 2 (D_K·D_K·M·N), eq. 4 (D_K·D_K·M), EECS 498-007 Lecture 8's
  /// "Cout x Cin x K x K + Cout".
  static func convolutionWeights(
    filters: Count, perGroup: Count?, kernel: Count
  )
    throws(LayerError) -> Count
  {
    var channels = filters
    if let perGroup { channels = try channels * perGroup }
    return try channels * kernel * kernel
  }

  /// Convolution MACs: (C_out·H′·W′)·((C_in / g)·K·K), the output values times the taps each one
  /// sums (EECS 498-007 Lecture 8; MobileNet's D_K·D_K·M·N·D_F·D_F, eq. 2, 4 and 5).
  static func convolutionMACs(
    filters: Count, height: Count, width: Count, perGroup: Count?,
    kernel: Count
  ) throws(LayerError) -> Count {
    let outputs = try filters * height * width
    var taps = kernel
    if let perGroup { taps = try perGroup * kernel }
    taps = try taps * kernel
    return try outputs.grouped * taps.grouped
  }

  /// Fully connected: C_in·C_out weights (+ C_out biases), C_in·C_out MACs (torchvision AlexNet's fc6: 9216·4096 + 4096).
  static func denseWeights(inputs: Count, units: Count) throws(LayerError) -> Count {
    try inputs * units
  }

  /// Batch norm: γ, β, moving mean, moving variance per channel (Keras).
  static func batchNormParams(channels: Count) throws(LayerError) -> Count {
    try Count(4, like: channels) * channels
  }

  /// A layer's output at fp32: C·H·W·4 bytes (EECS 498-007 Lecture 8's memory column).
  static func activationBytes(_ shape: Shape, explaining: Bool) throws(LayerError) -> Count {
    func count(_ value: Int) -> Count { Count(value, explaining: explaining) }
    return try count(shape.channels) * count(shape.height) * count(shape.width)
      * count(bytesPerActivation)
  }

  /// With bias: weights + C_out.
  static func withBias(_ weights: Count, _ bias: Bool, _ outputs: Count) throws(LayerError) -> Count
  {
    bias ? try weights + outputs : weights
  }
}
