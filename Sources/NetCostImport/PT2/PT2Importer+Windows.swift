import NetCostCore

/// Operators that slide a window over N×C×H×W (convolution, pooling), normalise, or reduce the
/// map to a vector.
extension PT2Importer {
  /// A window's kernel, stride, dilation or padding, one value per spatial axis (two for a map,
  /// three for a volume): 1 (0 for padding) to 2³¹ − 1.
  static func isWindow(_ values: [Int], least: Int = 1, axes: Int = 2) -> Bool {
    values.count == axes && values.allSatisfy { $0 >= least && $0 <= Int(Int32.max) }
  }

  /// conv2d and conv3d(input, weight, bias, stride, padding, dilation, groups) and the core
  /// opset's convolution(…, transposed, output_padding, groups): weights C_out × C_in/g × k….
  mutating func convolution(_ node: PT2Program.Node) throws(Failure) {
    var x = try channelsFirst(node, try data(node, "input"))
    let w = try tensor(node, "weight")
    let axes = x.dims.count - 2
    // conv2d reads N×C×H×W, conv3d N×C×T×H×W; the core opset's convolution either.
    let rank = ["conv2d": 4, "conv3d": 5][node.operatorName]
    guard x.dims.count == 4 || x.dims.count == 5, w.dims.count == x.dims.count, w.input == nil,
      rank.map({ $0 == x.dims.count }) ?? true
    else {
      throw fail(
        node, "is not a 2-D or 3-D convolution of N×C×H×W or N×C×T×H×W by a constant weight")
    }
    if axes == 3 { x = try asVolume(node, x) }
    guard !bool(node, "transposed", false) else {
      throw fail(
        node, "is a transposed convolution, which netcost does not model",
        notes: [.skip(node.operatorName)])
    }
    let ones = Array(repeating: 1, count: axes)
    // PyTorch writes a window's one number for every axis (`stride=[2]` is 2×2).
    func perAxis(_ values: [Int]) -> [Int] {
      values.count == 1 ? Array(repeating: values[0], count: axes) : values
    }
    let stride = perAxis(try ints(node, "stride", ones))
    let dilation = perAxis(try ints(node, "dilation", ones))
    let groups = try int(node, "groups", 1)
    let padding: Padding
    switch node.argument("padding") {
    case .string("same")?: padding = .same
    case .string("valid")?: padding = .valid
    default:
      let pads = perAxis(try ints(node, "padding", Array(repeating: 0, count: axes)))
      guard Self.isWindow(pads, least: 0, axes: axes) else {
        throw fail(node, "has padding \(pads)")
      }
      padding = .explicit(OnnxImporter.extent(pads, absent: 0))
    }
    guard Self.isWindow(stride, axes: axes), Self.isWindow(dilation, axes: axes) else {
      throw fail(
        node,
        "has stride \(stride) and dilation \(dilation); netcost reads "
          + "\(OnnxImporter.spelled(axes)) of each, 1 to 2³¹ − 1")
    }
    let (filters, channels) = (w.dims[0], x.dims[1])
    let (inputChannels, overflow) = w.dims[1].multipliedReportingOverflow(by: groups)
    let kernel = Array(w.dims[2...])
    guard groups >= 1, filters >= 1, !overflow, inputChannels == channels, filters % groups == 0,
      Self.isWindow(kernel, axes: axes)
    else {
      throw fail(
        node,
        "has weights \(w.dims) and groups \(groups) on \(channels) input channels; PyTorch takes "
          + "C_out × (C_in / groups) × \(axes == 3 ? "kT × " : "")kH × kW with C_out a multiple "
          + "of groups")
    }
    let depthwise = groups == channels && groups > 1
    let conv = Convolution(
      filters: depthwise ? .perInputChannel(filters / channels) : .count(filters),
      kernel: OnnxImporter.extent(kernel, absent: 1),
      stride: OnnxImporter.extent(stride, absent: 1), padding: padding,
      dilation: OnnxImporter.extent(dilation, absent: 1),
      groups: depthwise ? .depthwise : .count(groups),
      bias: try optionalTensor(node, "bias") != nil)
    let operation = Operation.convolution(conv).droppingIdleDepth
    try define(node, as: try emit(node, operation, reading: [x]))
  }

  /// Batch norm over axis 1, in every spelling: `batch_norm(…, training)`, and the core opset's
  /// `_native_batch_norm_legit_no_training`, `_native_batch_norm_legit_functional` (training,
  /// which also returns the statistics) and `_native_batch_norm_legit` (no running statistics).
  mutating func batchNorm(_ node: PT2Program.Node) throws(Failure) {
    let read = try data(node, "input")
    let x = read.dims.count == 2 ? read : try channelsFirst(node, read)
    let scale = try optionalTensor(node, "weight") != nil
    let center = try optionalTensor(node, "bias") != nil
    let statistics = try optionalTensor(node, "running_mean") != nil
    guard statistics else {
      throw fail(
        node,
        "normalises without running statistics (track_running_stats=False), which netcost "
          + "does not model")
    }
    let training =
      switch node.operatorName {
      case "_native_batch_norm_legit_no_training": false
      case "_native_batch_norm_legit_functional": true
      default: bool(node, "training", false)
      }
    if training { sawTraining = true } else { sawEvaluation = true }
    let output = try emit(node, .batchNorm(BatchNorm(scale: scale, center: center)), reading: [x])
    try define(node, as: output)
    // The saved mean and inverse deviation, and the running statistics' new values: not data.
    for extra in node.outputNames.indices.dropFirst() {
      try defineConstant(node, extra, from: nil, moved: false)
    }
  }

  /// Layer norm over the last axis: `layer_norm(input, normalized_shape, weight, bias)`.
  mutating func layerNorm(_ node: PT2Program.Node) throws(Failure) {
    let x = try ordered(node, try data(node, "input"))
    let shape = try ints(node, "normalized_shape", [])
    guard shape.count == 1, shape.first == x.dims.last else {
      throw fail(node, "normalises over \(shape); netcost reads layer norm over the last axis")
    }
    guard try optionalTensor(node, "weight") != nil else {
      throw fail(node, "is a layer norm without a weight (elementwise_affine=False)")
    }
    let bias = try optionalTensor(node, "bias") != nil
    try define(node, as: try emit(node, .layerNorm(bias: bias), reading: [x]))
    for extra in node.outputNames.indices.dropFirst() {
      try defineConstant(node, extra, from: nil, moved: false)
    }
  }

  /// group_norm(input, num_groups, weight?, bias?, …), instance_norm (every channel a group) and,
  /// after run_decompositions(),
  /// native_group_norm(input, weight?, bias?, N, C, HxW, group, eps), whose mean and reciprocal
  /// deviation per group are two more outputs.
  mutating func groupNorm(_ node: PT2Program.Node, _ op: String) throws(Failure) {
    let x = try channelsFirst(node, try data(node, "input"))
    // instance_norm(input, weight?, bias?, …): a group per channel.
    let groups =
      op == "instance_norm"
      ? (x.dims.count >= 2 ? x.dims[1] : 0)
      : try int(node, op == "group_norm" ? "num_groups" : "group", 0)
    let weight = try optionalTensor(node, "weight") != nil
    let bias = try optionalTensor(node, "bias") != nil
    guard weight == bias else {
      throw fail(node, "is a group norm with only one of its weight and bias")
    }
    try define(node, as: try emit(node, .groupNorm(groups: groups, affine: weight), reading: [x]))
    for extra in node.outputNames.indices.dropFirst() {
      try defineConstant(node, extra, from: nil, moved: false)
    }
  }

  /// max_pool2d(self, kernel_size, stride = kernel_size, padding, dilation, ceil_mode),
  /// avg_pool2d(…, ceil_mode, count_include_pad); `max_pool2d_with_indices` also returns where
  /// each maximum was.
  mutating func pooling(_ node: PT2Program.Node, _ op: String) throws(Failure) {
    var x = try channelsFirst(node, try data(node, "self"))
    let axes = x.dims.count - 2
    if axes == 3 { x = try asVolume(node, x) }
    func perAxis(_ values: [Int]) -> [Int] {
      values.count == 1 ? Array(repeating: values[0], count: axes) : values
    }
    let kernel = perAxis(try ints(node, "kernel_size", []))
    let given = perAxis(try ints(node, "stride", []))
    let stride = given.isEmpty ? kernel : given
    let pads = perAxis(try ints(node, "padding", Array(repeating: 0, count: axes)))
    let dilation = perAxis(try ints(node, "dilation", Array(repeating: 1, count: axes)))
    guard axes == 2 || axes == 3, Self.isWindow(kernel, axes: axes),
      Self.isWindow(stride, axes: axes), Self.isWindow(pads, least: 0, axes: axes),
      dilation.allSatisfy({ $0 == 1 })
    else {
      throw fail(
        node,
        "has kernel \(kernel), stride \(stride) and padding \(pads); netcost reads a 2-D or 3-D "
          + "window of dilation 1 on N×C×H×W or N×C×T×H×W")
    }
    let pool = Pooling(
      mode: op.hasPrefix("avg_pool") ? .average : .max,
      kernel: OnnxImporter.extent(kernel, absent: 1),
      stride: OnnxImporter.extent(stride, absent: 1),
      padding: .explicit(OnnxImporter.extent(pads, absent: 0)),
      ceilMode: bool(node, "ceil_mode", false))
    try define(node, as: try emit(node, Operation.pooling(pool).droppingIdleDepth, reading: [x]))
    if node.outputNames.count > 1 { try defineConstant(node, 1, from: nil, moved: false) }
  }

  /// upsample_nearest2d, upsample_bilinear2d and upsample_bicubic2d (`F.interpolate`, the `.vec`
  /// and `.default` forms): the height and width of N×C×H×W resized to `output_size`, or to
  /// ⌊side · scale⌋ as PyTorch computes it from `scale_factors` or `scales_h` and `scales_w`.
  mutating func upsample(_ node: PT2Program.Node) throws(Failure) {
    let x = try channelsFirst(
      node, try data(node, node.argument("input") != nil ? "input" : "self"))
    guard x.dims.count == 4, x.batchAxis == 0 else {
      throw fail(node, "resizes \(x.dims); netcost resizes the height and width of N×C×H×W")
    }
    var size = try ints(node, "output_size", [])
    if size.isEmpty {
      var scales: [Double] = []
      if case .floats(let given)? = node.argument("scale_factors") { scales = given }
      if let h = float(node, "scales_h"), let w = float(node, "scales_w") { scales = [h, w] }
      guard scales.count == 2 else { throw fail(node, "resizes by no size and no scale") }
      for (side, scale) in zip(x.dims[2...], scales) {
        let scaled = (Double(side) * scale).rounded(.down)
        guard scaled.isFinite, scaled >= 1, scaled <= Double(Int32.max) else {
          throw fail(node, "resizes a side of \(side) by \(scale.shortDescription)")
        }
        size.append(Int(scaled))
      }
    }
    guard size.count == 2, Self.isWindow(size) else {
      throw fail(node, "resizes \(x.dims) to \(size)")
    }
    try define(node, as: try emit(node, .resize(height: size[0], width: size[1]), reading: [x]))
  }

  /// adaptive_avg_pool2d to 1×1 (adaptive_avg_pool3d to 1×1×1) is global average pooling; to a
  /// square s×s, adaptive pooling.
  mutating func adaptivePooling(_ node: PT2Program.Node) throws(Failure) {
    var x = try channelsFirst(node, try data(node, "self"))
    let size = try ints(node, "output_size", [])
    if x.dims.count == 5, size.allSatisfy({ $0 == 1 }), size.count == 3 || size.count == 1 {
      x = try asVolume(node, x)
      try define(node, as: try emit(node, .globalPooling(.average), reading: [x]))
      return
    }
    guard x.dims.count == 4, size.count == 2, size[0] == size[1], Self.isWindow(size) else {
      throw fail(node, "pools to \(size); netcost reads a square output of N×C×H×W")
    }
    let operation: Operation =
      size[0] == 1 ? .globalPooling(.average) : .adaptivePooling(size: size[0])
    try define(node, as: try emit(node, operation, reading: [x]))
  }

  /// mean.dim and sum.dim_IntList: a mean over the height and width is global average pooling
  /// (the core opset's adaptive_avg_pool2d to 1×1); any other a `reduce` (MobileViTv2's
  /// attention sums its context scores over the tokens).
  mutating func reduce(_ node: PT2Program.Node, _ mode: Reduction.Mode) throws(Failure) {
    let x = try data(node, "self")
    let rank = x.dims.count
    let axes = Set(try ints(node, "dim", Array(0..<rank)).map { Self.axis($0, rank: rank) })
    let keep = bool(node, "keepdim", false)
    let channelsFirst = x.layout == .channelsFirst
    let spatial = Set(channelsFirst ? Array(2..<max(2, rank)) : Array(1..<max(1, rank - 1)))
    let volume = rank == 5 && channelsFirst && x.spatialAxes == 3
    if mode == .mean, rank == 4 || volume, axes == spatial, x.batchAxis == 0 {
      var output = try emit(node, .globalPooling(.average), reading: [x])
      if !keep { output.dims = [x.dims[0], x.dims[channelsFirst ? 1 : rank - 1]] }
      try define(node, as: output)
      return
    }
    let order = OnnxImporter.axesInOrder(x)
    var inOrder: [Int] = []
    for a in axes.sorted() {
      guard a != x.batchAxis, let i = order.firstIndex(of: a) else {
        throw fail(node, "reduces axis \(a) of a rank-\(rank) tensor, or its batch")
      }
      inOrder.append(i)
    }
    let reduction = Reduction(mode: mode, axes: inOrder, keepsAxes: keep)
    try define(node, as: try emit(node, .reduce(reduction), reading: [x]))
  }

  /// pad(self, pad) and constant_pad_nd(self, pad): `pad` is (before, after) per axis from the
  /// last. Nothing at all when every amount is 0 (Swin pads its map to whole windows); the height
  /// and width of N×C×H×W, a `pad`; any other axis but the batch, a `pad axis =` per padded axis
  /// (EfficientViT pads its values with a column of ones), as ONNX's Pad is read.
  mutating func pad(_ node: PT2Program.Node) throws(Failure) {
    var x = try data(node, "self")
    let amounts = try ints(node, "pad", [])
    guard amounts.contains(where: { $0 != 0 }) else {
      try define(node, as: x)
      return
    }
    let rank = x.dims.count
    let mode = node.argument("mode").flatMap { if case .string(let m) = $0 { m } else { nil } }
    guard amounts.count % 2 == 0, amounts.count <= 2 * rank,
      amounts.allSatisfy({ $0 >= 0 && $0 <= Int(Int32.max) }), mode == nil || mode == "constant"
    else {
      throw fail(
        node,
        "pads by \(amounts); netcost pads up to every axis of a rank-\(rank) tensor by "
          + "zeros or more, with a constant")
    }
    // (before, after) of each axis, from the first.
    var pads = Array(repeating: (before: 0, after: 0), count: rank)
    for k in 0..<amounts.count / 2 { pads[rank - 1 - k] = (amounts[2 * k], amounts[2 * k + 1]) }
    if rank == 4, x.layout == .channelsFirst, x.batchAxis == 0, pads[1] == (0, 0) {
      let insets = Insets(
        top: pads[2].before, bottom: pads[2].after, left: pads[3].before, right: pads[3].after)
      try define(node, as: try emit(node, .pad(insets), reading: [x]))
      return
    }
    let order = OnnxImporter.axesInOrder(x)
    for a in 0..<rank where pads[a] != (0, 0) {
      guard a != x.batchAxis, let at = order.firstIndex(of: a) else {
        throw fail(node, "pads axis \(a) of a rank-\(rank) tensor, or its batch")
      }
      x = try emit(
        node, .padAxis(axis: at, before: pads[a].before, after: pads[a].after), reading: [x],
        suffix: "/axis\(a)")
    }
    try define(node, as: x)
  }

  /// `x` read as N×C×H×W by an operator that takes its channels on axis 1: a tensor in another
  /// order becomes a `transpose` first.
  mutating func channelsFirst(_ node: PT2Program.Node, _ x: Tensor) throws(Failure) -> Tensor {
    guard x.layout != .channelsFirst else { return x }
    return try relaid(node, x, as: .channelsFirst, suffix: "/order")
  }

  /// `x` with its axes in PyTorch's order (the batch left out), for an operator on the last axis
  /// (linear, layer norm, softmax): an N×C×… map becomes a `transpose` first.
  mutating func ordered(
    _ node: PT2Program.Node, _ x: Tensor, operand: Int = 1
  ) throws(Failure) -> Tensor {
    guard x.layout == .channelsFirst else { return x }
    return try relaid(node, x, as: .channelsLast, suffix: "/order\(operand)")
  }

  /// A 5-D N×C×… tensor read as a volume N×C×T×H×W by conv3d or a 3-D pool: one made 5-D
  /// otherwise (`x.unsqueeze(2)` of N×C×H×W) moves its axes first.
  mutating func asVolume(_ node: PT2Program.Node, _ x: Tensor) throws(Failure) -> Tensor {
    guard x.dims.count == 5, x.spatialAxes != 3 else { return x }
    var target = x
    target.spatialAxes = 3
    guard x.batchAxis == 0 else { return target }
    return try reordered(node, x, as: target, suffix: "/volume")
  }

  mutating func relaid(
    _ node: PT2Program.Node, _ x: Tensor, as layout: Tensor.Layout, suffix: String
  ) throws(Failure) -> Tensor {
    guard x.batchAxis == 0, x.dims.count >= 3 else { return x }
    var target = x
    target.layout = layout
    return try reordered(node, x, as: target, suffix: suffix)
  }

  /// `x` seen as `target` (the same dims in another frame): a `transpose` of netcost's axes
  /// between the two views, nothing when they agree.
  mutating func reordered(
    _ node: PT2Program.Node, _ x: Tensor, as target: Tensor, suffix: String
  ) throws(Failure) -> Tensor {
    let from = OnnxImporter.axesInOrder(x)
    let order = OnnxImporter.axesInOrder(target).compactMap { from.firstIndex(of: $0) }
    guard order != Array(order.indices) else { return target }
    return try emit(node, .transpose(order), reading: [x], suffix: suffix, like: target)
  }
}
