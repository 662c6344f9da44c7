/// Every shape and cost formula, once, over `Count`s, each with its source. The analyzer evaluates
/// them; `--explain` prints them with the numbers substituted. Docs: `docs/cost-model.md`.
package enum Formulas {
  /// Output size of a window of k values moved by `stride` over n values (one dimension: the
  /// height and the width each have their own k, s, p and d).
  ///
  /// Explicit padding p: (n − k′ + 2·p) / s + 1, rounded down, with k′ = d·(k − 1) + 1 (CS231n;
  /// EECS 498-007 Lecture 8's W′ = (W − K + 2P) / S + 1). Caffe's ceil mode rounds up instead, then
  /// drops a last window that would start in the padding (PyTorch's rule). `padding` nil is
  /// TensorFlow's `same`: ⌈n / s⌉. The window must fit in the padded input, checked before dividing.
  static func windowOutput(
    _ n: Count, kernel: Int, stride: Int, padding: Int?, dilation: Int, ceil: Bool
  ) throws(LayerError) -> Count {
    let explaining = n.text != nil
    func count(_ value: Int) -> Count { Count(value, explaining: explaining) }
    let s = count(stride)
    guard let p = padding else { return n.dividedRoundingUp(by: s) }
    let window =
      dilation == 1
      ? count(kernel) : try count(dilation) * (try count(kernel) - count(1)) + count(1)
    var span = try n - window
    if p > 0 { span = try span + (try count(2) * count(p)) }
    guard span.value >= 0 else {
      // The caller knows both dimensions and completes the message.
      throw .windowLargerThanInput(window: .square(window.value), paddedHeight: 0, paddedWidth: 0)
    }
    var out =
      try (ceil ? span.dividedRoundingUp(by: s) : span.dividedRoundingDown(by: s)) + count(1)
    if ceil, try ((try out - count(1)) * s).value >= (try n + count(p)).value {
      out = try out - count(1)
    }
    return out
  }

  /// A transposed convolution's output side (PyTorch's ConvTranspose2d docs): (n − 1)·s − 2·p +
  /// d·(k − 1) + output_padding + 1. `padding` nil is TensorFlow's `same`: n·s.
  static func transposedWindowOutput(
    _ n: Count, kernel: Int, stride: Int, padding: Int?, dilation: Int, outputPadding: Int
  ) throws(LayerError) -> Count {
    let explaining = n.text != nil
    func count(_ value: Int) -> Count { Count(value, explaining: explaining) }
    guard let p = padding else { return try n * count(stride) }
    var out = try (try n - count(1)) * count(stride)
    if dilation == 1 {
      out = try out + (try count(kernel) - count(1))
    } else {
      out = try out + (try count(dilation) * (try count(kernel) - count(1)))
    }
    if outputPadding > 0 { out = try out + count(outputPadding) }
    out = try out + count(1)
    if p > 0 { out = try out - (try count(2) * count(p)) }
    return out
  }

  /// A transposed convolution's MACs: every weight at every input position (fvcore's and
  /// FlopCounterMode's count; the papers' for an upsampling layer).
  static func transposedConvolutionMACs(
    weights: Count, height: Count, width: Count
  ) throws(LayerError) -> Count {
    try (try height * width).grouped * weights.grouped
  }

  /// A padded side: n + before + after (Keras ZeroPadding2D).
  static func paddedSize(_ n: Count, _ before: Int, _ after: Int) throws(LayerError) -> Count {
    var size = n
    for zeros in [before, after] where zeros > 0 { size = try size + Count(zeros, like: n) }
    return size
  }

  /// A side after `before` and `after` are cut off (Keras Cropping2D): at least one must stay.
  static func croppedSize(_ n: Count, _ before: Int, _ after: Int) throws(LayerError) -> Count {
    let (cut, overflow) = before.addingReportingOverflow(after)
    guard !overflow, cut < n.value else {
      throw .cropLeavesNothing(cut: overflow ? Int.max : cut, size: n.value)
    }
    return try n - Count(cut, like: n)
  }

  /// Convolution parameters: C_out·(C_in / g)·K·K weights (+ C_out biases); depthwise (g = C_in)
  /// drops the C_in / g = 1. MobileNet eq. 2 (D_K·D_K·M·N), eq. 4 (D_K·D_K·M), EECS 498-007 Lecture 8's
  /// "Cout x Cin x K x K + Cout".
  static func convolutionWeights(
    filters: Count, perGroup: Count?, kernel: (height: Count, width: Count)
  )
    throws(LayerError) -> Count
  {
    var channels = filters
    if let perGroup { channels = try channels * perGroup }
    return try channels * kernel.height * kernel.width
  }

  /// Convolution MACs: (C_out·H′·W′)·((C_in / g)·K·K), the output values times the taps each one
  /// sums (EECS 498-007 Lecture 8; MobileNet's D_K·D_K·M·N·D_F·D_F, eq. 2, 4 and 5).
  static func convolutionMACs(
    filters: Count, height: Count, width: Count, perGroup: Count?,
    kernel: (height: Count, width: Count)
  ) throws(LayerError) -> Count {
    let outputs = try filters * height * width
    var taps = kernel.height
    if let perGroup { taps = try perGroup * kernel.height }
    taps = try taps * kernel.width
    return try outputs.grouped * taps.grouped
  }

  /// Fully connected: C_in·C_out weights (+ C_out biases), C_in·C_out MACs (torchvision AlexNet's
  /// fc6: 9216·4096 + 4096).
  static func denseWeights(inputs: Count, units: Count) throws(LayerError) -> Count {
    try inputs * units
  }

  /// Fully connected at every position of an H×W map (Keras's Dense on a map, ConvNeXt's linear
  /// layers): (H·W)·(C_in·C_out), a 1×1 convolution's count.
  static func denseMACs(positions: Count, weights: Count) throws(LayerError) -> Count {
    try positions.grouped * weights.grouped
  }

  /// A product of two computed tensors, `[…, M, K] · […, K, N]`: each of the output's …·M·N
  /// values sums K products (attention's Q·Kᵀ: heads·L·L·d).
  static func matrixProductMACs(outputs: Count, inner: Count) throws(LayerError) -> Count {
    try outputs.grouped * inner
  }

  /// Batch norm: `vectors` per-channel vectors (γ, β, moving mean, moving variance in Keras: 4;
  /// fewer without γ or β) plus Caffe's one moving-average factor.
  static func batchNormParams(
    channels: Count, vectors: Int, factor: Bool
  ) throws(LayerError) -> Count {
    let params = try Count(vectors, like: channels) * channels
    return factor ? try params + Count(1, like: channels) : params
  }

  /// Per-channel parameters: Caffe's Scale (a factor, and an offset with `bias_term`) and PReLU
  /// (a slope): `vectors`·C.
  static func perChannelParams(channels: Count, vectors: Int) throws(LayerError) -> Count {
    vectors == 1 ? channels : try Count(vectors, like: channels) * channels
  }

  /// A layer's output: C·H·W·4 bytes at fp32 (EECS 498-007 Lecture 8's memory column), times
  /// the batch (left out at 1) and at the data type's bytes per value; for a tensor that is not
  /// a map, the product of its dims in place of C·H·W.
  package static func activationBytes(
    _ shape: Shape, settings: MemorySettings = .standard, explaining: Bool
  ) throws(LayerError) -> Count {
    // Without text, the same products in the same order on plain integers: the analyzer asks
    // for every row's bytes, and a `Count` per factor costs an array and its strings' checks.
    if !explaining {
      var total = 1
      func times(_ factor: Int) throws(LayerError) {
        let (product, overflow) = total.multipliedReportingOverflow(by: factor)
        if overflow { throw .overflow }
        total = product
      }
      if shape.isMap {
        try times(shape.channels)
        try times(shape.height)
        try times(shape.width)
      } else {
        for axis in 0..<shape.rank { try times(shape[axis]) }
      }
      if settings.batch != 1 { try times(settings.batch) }
      try times(settings.dtype.bytes)
      return Count(total, explaining: false)
    }
    func count(_ value: Int) -> Count { Count(value, explaining: explaining) }
    let map =
      shape.isMap
      ? try count(shape.channels) * count(shape.height) * count(shape.width)
      : try Count.product(shape.dims.map(count))
    let batch = settings.batch == 1 ? map : try map * count(settings.batch)
    return try batch * count(settings.dtype.bytes)
  }

  /// With bias: weights + C_out.
  static func withBias(_ weights: Count, _ bias: Bool, _ outputs: Count) throws(LayerError) -> Count
  {
    bias ? try weights + outputs : weights
  }
}
