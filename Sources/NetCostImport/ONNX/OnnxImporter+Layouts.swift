import NetCostCore

/// Reading a tensor in another frame: in ONNX's own order of the axes (MatMul), as N×C×H×W (Conv),
/// and a weight met elementwise in the frame of the data it meets.
extension OnnxImporter {
  /// `x` with its axes in ONNX's order (the batch left out), for an operator that works on
  /// ONNX's last axes (MatMul, Softmax's axis): N×C×… maps become a `transpose` first.
  mutating func inOnnxOrder(
    _ node: OnnxNode, _ index: Int, _ x: Tensor, operand: Int = 1
  ) throws(Failure) -> Tensor {
    guard x.layout == .channelsFirst else { return x }
    return try relaid(node, index, x, as: .channelsLast, suffix: "/order\(operand)")
  }

  /// `x` read as N×C×H×W (or N×C×L) by an operator that takes its channels on axis 1: a tensor
  /// in another order becomes a `transpose` first.
  mutating func asChannelsFirst(
    _ node: OnnxNode, _ index: Int, _ x: Tensor
  ) throws(Failure) -> Tensor {
    guard x.layout != .channelsFirst else { return x }
    return try relaid(node, index, x, as: .channelsFirst, suffix: "/order")
  }

  /// `x` in another layout, a `transpose` of netcost's axes between the two orders; `x` itself
  /// when it has no batch first or fewer than three axes, whose order no layout changes.
  mutating func relaid(
    _ node: OnnxNode, _ index: Int, _ x: Tensor, as layout: Tensor.Layout, suffix: String
  ) throws(Failure) -> Tensor {
    guard x.batchAxis == 0, x.dims.count >= 3 else { return x }
    var target = x
    target.layout = layout
    return try reordered(node, index, x, as: target, suffix: suffix)
  }

  /// `x` seen as `target` (the same dims in another frame): a `transpose` of netcost's axes
  /// between the two views, nothing when they agree.
  mutating func reordered(
    _ node: OnnxNode, _ index: Int, _ x: Tensor, as target: Tensor, suffix: String
  ) throws(Failure) -> Tensor {
    let from = Self.axesInOrder(x)
    let order = Self.axesInOrder(target).compactMap { from.firstIndex(of: $0) }
    guard order.count == from.count, order != Array(order.indices) else { return target }
    return try emit(node, index, .transpose(order), reading: [x], suffix: suffix, like: target)
  }

  /// A 5-D N×C×… tensor read as a volume N×C×D×H×W by a window over three axes: one made 5-D
  /// otherwise (an Unsqueeze of N×C×H×W at axis 2, which netcost sees as H×W×C×1) moves its
  /// axes first.
  mutating func asVolume(_ node: OnnxNode, _ index: Int, _ x: Tensor) throws(Failure) -> Tensor {
    guard x.dims.count == 5, x.spatialAxes != 3 else { return x }
    var target = x
    target.spatialAxes = 3
    return try reordered(node, index, x, as: target, suffix: "/volume")
  }

  /// A window's input whose batch was merged into its first axis (EfficientViT's B·windows ×
  /// C × H × W): read as N′×C×H×W, its first axis kept and the channels put last.
  mutating func mergedBatchAsChannelsFirst(
    _ node: OnnxNode, _ index: Int, _ x: Tensor
  ) throws(Failure) -> Tensor {
    guard x.batchAxis == nil, x.dims.count == 4 else { return x }
    var target = x
    target.layout = .channelsFirst
    target.leadingAxis = true
    return try reordered(node, index, x, as: target, suffix: "/order")
  }

  /// A constant is a weight when it is one of the file's (`Tensor.weight`) and holds real
  /// numbers, two or more: a bias, a scale, a class token. A single number is arithmetic.
  func isWeight(_ t: Tensor) throws(Failure) -> Bool {
    t.weight && !t.integer && (Self.count(t.dims) ?? 0) > 1
  }

  /// The weight's values as a run of them, for a layer that counts them and takes no shape from
  /// them (a rescale).
  func weightValues(_ node: OnnxNode, _ index: Int, _ w: Tensor) throws(Failure) -> Shape {
    guard let shape = Shape(dims: [max(1, w.weightValues)]) else {
      throw fail(node, index, "applies a weight of dims \(w.dims)")
    }
    return shape
  }

  /// A weight's shape in netcost's frame of the data it meets: its dims aligned to the data's
  /// from the last (as ONNX broadcasts), the batch axis (which must be 1) left out.
  func weightView(
    _ node: OnnxNode, _ index: Int, _ w: Tensor, like x: Tensor
  ) throws(Failure) -> Shape {
    guard w.dims.count <= x.dims.count else {
      throw fail(node, index, "applies a weight of dims \(w.dims) to data of dims \(x.dims)")
    }
    var t = x
    t.dims = Array(repeating: 1, count: x.dims.count - w.dims.count) + w.dims
    guard x.batchAxis.map({ t.dims[$0] == 1 }) ?? true, let shape = Self.view(t) else {
      throw fail(
        node, index, "applies a weight of dims \(w.dims) to data of dims \(x.dims)",
        help: (batch ?? 1) > 1 ? "export the model at batch 1" : nil)
    }
    return shape
  }

  /// A reshape of N×C×H×W to N×g×(C/g)×H×W is kept as a channel shuffle's first step; read by
  /// anything but the shuffle's transpose (ResNeSt's split attention sums over g), it is the
  /// reshape it is, a layer named after the node that reads it.
  mutating func materializeShuffleSplits(_ node: OnnxNode, _ index: Int) throws(Failure) {
    guard node.opType != "Transpose" else { return }
    for name in node.inputs where !name.isEmpty {
      guard let t = tensors[name], case .shuffleSplit(_, let source)? = t.pattern, t.dims.count == 5
      else { continue }
      let input = Tensor(
        dims: [t.dims[0], t.dims[1] * t.dims[2], t.dims[3], t.dims[4]], layout: .channelsFirst,
        input: source)
      var reshaped = t
      reshaped.pattern = nil
      reshaped.layout = .channelsFirst
      guard let to = Self.view(reshaped) else { continue }
      reshaped = try emit(
        node, index, .reshape(to), reading: [input], suffix: "/reshape", like: reshaped)
      tensors[name] = reshaped
    }
  }
}

extension OnnxImporter {
  /// Input `i` as data: a computed tensor as it is; a constant read where the operator takes
  /// data (XCiT's Fourier position encoding into a convolution, ConViT's relative positions
  /// into a linear layer) becomes a `constant` layer first, in `layout` (ONNX's N×C×H×W for a
  /// convolution), its values counted as learned when they are the file's weights.
  mutating func dataOrConstant(
    _ node: OnnxNode, _ index: Int, _ i: Int, layout: Tensor.Layout
  ) throws(Failure) -> (Tensor, Layer.Input) {
    let t = try tensor(node, index, i)
    guard t.input == nil, t.pattern == nil else { return try data(node, index, i) }
    var source = t
    source.layout = layout
    source.batchAxis = t.dims.count >= 2 && t.dims[0] == 1 ? 0 : nil
    source.input = .network
    source.values = nil
    guard let shape = Self.view(source) else {
      throw fail(node, index, "reads a constant of dims \(t.dims) as data")
    }
    let learned = try isWeight(t) ? [try weightValues(node, index, t)] : []
    let made = try emit(
      node, index, .constant(shape), reading: [source], suffix: "/constant\(i + 1)",
      learnedShapes: learned)
    guard let input = made.input else { throw fail(node, index, "reads a constant as data") }
    return (made, input)
  }
}
