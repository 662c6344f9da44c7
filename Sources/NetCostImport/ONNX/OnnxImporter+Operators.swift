import NetCostCore

/// Each ONNX operator netcost reads, by the operator's own rules (onnx/docs/Operators.md). An
/// operator outside this table is an error naming it, the node and its inputs' shapes.
extension OnnxImporter {
  static let operators = [
    "Conv", "Gemm", "MatMul", "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool",
    "ReduceMean", "Relu", "Clip", "LeakyRelu", "PRelu", "Sigmoid", "HardSigmoid", "HardSwish",
    "Tanh", "Gelu", "Erf", "Softmax", "Add", "Mul", "Div", "Sub", "Concat", "Split", "Slice",
    "Flatten", "Reshape", "Transpose", "Squeeze", "Unsqueeze", "Identity", "Dropout",
    "BatchNormalization", "LayerNormalization", "Constant", "Pad", "Shape", "Gather", "Cast",
    "Resize", "Upsample", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceProd", "ReduceL1",
    "ReduceL2", "ReduceLogSum", "ReduceLogSumExp", "ReduceSumSquare", "Expand", "LogSoftmax",
    "Einsum", "DepthToSpace", "SpaceToDepth", "RandomUniformLike", "RandomNormalLike",
    "RandomUniform", "RandomNormal", "Bernoulli", "InstanceNormalization", "GroupNormalization",
    "Tile", "ConvTranspose", "Mish", "Softplus", "Elu", "LpPool", "GlobalLpPool",
  ]

  mutating func apply(_ node: OnnxNode, index: Int) throws(Failure) {
    try checkOutputsAreNew(node, index)
    let type = node.skipName
    // An operator the user chose to skip passes its first input through, at no cost.
    if builder.skipped.contains(type) {
      builder.skip(type)
      let first = try tensor(node, index, 0)
      for output in node.outputs.indices { define(node, output, as: first) }
      return
    }
    guard node.domain.isEmpty || node.domain == "ai.onnx" else {
      throw fail(
        node, index, "is in domain '\(node.domain)', which netcost does not read",
        notes: [.skip(type)])
    }
    guard !node.hasSubgraph else {
      throw fail(
        node, index, "holds a graph of its own (If, Loop, Scan), which netcost does not analyse",
        notes: [.skip(type)])
    }
    try checkArity(node, index)
    // Shape arithmetic on constants is folded, whatever the operator.
    if try fold(node, index) {
      // A weight moved (or mapped value by value: ConViT's sigmoid gate) stays a weight;
      // arithmetic on constants makes none.
      let moves = [
        "Identity", "Cast", "Reshape", "Squeeze", "Unsqueeze", "Flatten", "Gather", "Transpose",
        "Slice", "Expand", "Concat", "Tile", "Sigmoid", "Tanh", "Relu", "Softmax", "Clip", "Neg",
        "Exp",
      ]
      if moves.contains(node.opType), let first = node.inputs.first, tensors[first]?.weight == true
      {
        // Joined weights stand for all their values; a moved one for its own.
        let values = node.inputs.reduce(0) { total, name in
          let t = tensors[name]
          return t?.weight == true ? total + (t?.weightValues ?? 0) : total
        }
        guard let x = tensors[first] else { return }
        let (own, repeated) = try carried(node, index, from: x)
        for output in node.outputs where !output.isEmpty {
          tensors[output]?.weight = true
          tensors[output]?.weightValues = node.opType == "Concat" ? values : own
          tensors[output]?.repeatedAxes = node.opType == "Concat" ? nil : repeated
        }
      }
      return
    }
    try materializeShuffleSplits(node, index)
    switch node.opType {
    case "Conv": try convolution(node, index)
    case "ConvTranspose": try transposedConvolution(node, index)
    case "Gemm": try gemm(node, index)
    case "MatMul": try matMul(node, index)
    case "MaxPool", "AveragePool", "LpPool": try pooling(node, index)
    case "GlobalLpPool": try globalLpPooling(node, index)
    case "GlobalAveragePool", "GlobalMaxPool":
      let (read, _) = try data(node, index, 0)
      var x = try asChannelsFirst(node, index, read)
      // Over N×C×D×H×W the volume's three axes.
      if x.dims.count == 5 { x = try asVolume(node, index, x) }
      define(
        node,
        as: try emit(
          node, index, .globalPooling(node.opType == "GlobalMaxPool" ? .max : .average),
          reading: [x]))
    case "ReduceMean": try reduceMean(node, index)
    case "ReduceSum", "ReduceMax", "ReduceMin", "ReduceProd", "ReduceL1", "ReduceL2",
      "ReduceLogSum", "ReduceLogSumExp", "ReduceSumSquare":
      try reduce(node, index)
    case "Tile":
      // Data repeated along its axes (GCViT's global query over the windows): a copy.
      let (x, _) = try data(node, index, 0)
      var like = x
      like.dims = try tiledDims(node, index, x)
      if let b = x.batchAxis, like.dims[b] != x.dims[b] {
        throw fail(node, index, "repeats the batch; netcost follows one sample")
      }
      guard let from = Self.view(x), let to = Self.view(like), from.rank == to.rank else {
        throw fail(node, index, "repeats a \(x.dims.count)-D tensor netcost has no view of")
      }
      let repeats = (0..<from.rank).map { to[$0] / from[$0] }
      define(node, as: try emit(node, index, .tile(repeats), reading: [x], like: like))
    case "Expand":
      // Data repeated to a larger shape (ECA's expand_as): a copy, no arithmetic.
      let (x, _) = try data(node, index, 0)
      let shape = try values(node, index, 1)
      var target = x
      guard shape.count <= x.dims.count, let dims = Self.broadcast(x.dims, shape) else {
        throw fail(node, index, "expands dims \(x.dims) to \(shape)")
      }
      target.dims = dims
      guard let to = Self.view(target) else {
        throw fail(node, index, "expands to \(target.dims), which netcost has no view of")
      }
      define(node, as: try emit(node, index, .expand(to), reading: [x], like: target))
    case "Relu": try activation(node, index, .relu)
    case "LeakyRelu": try activation(node, index, .leakyrelu)
    case "Sigmoid": try activation(node, index, .sigmoid)
    case "HardSigmoid": try activation(node, index, .hsigmoid)
    case "HardSwish": try activation(node, index, .hswish)
    case "Tanh": try activation(node, index, .tanh)
    case "Gelu": try activation(node, index, .gelu)
    case "Mish": try activation(node, index, .mish)
    case "Softplus": try activation(node, index, .softplus)
    case "Elu": try activation(node, index, .elu)
    case "Softmax", "LogSoftmax":
      let rank = try tensor(node, index, 0).dims.count
      let at = int(node, "axis", -1)
      guard (-rank..<rank).contains(at) else {
        throw fail(node, index, "takes axis \(at) of a rank-\(rank) tensor")
      }
      try activation(node, index, .softmax)
    case "Einsum": try einsum(node, index)
    case "DepthToSpace", "SpaceToDepth": try depthToSpace(node, index)
    case "RandomUniformLike", "RandomNormalLike", "Bernoulli", "RandomUniform", "RandomNormal":
      // Stochastic depth's random keep mask in a training-mode export: values drawn at run
      // time, of the dims of its input or its `shape`; what it scales keeps its own cost.
      var dims = ints(node, "shape") ?? []
      if node.inputs.first.map({ !$0.isEmpty }) == true { dims = try tensor(node, index, 0).dims }
      define(node, as: Tensor(dims: dims, input: nil))
    case "Clip": try clip(node, index)
    case "PRelu":
      let (x, _) = try data(node, index, 0)
      try checkApplied(node, index, 1, "slope", over: x.dims)
      let slope = try tensor(node, index, 1)
      // netcost's parametric ReLU learns a slope per channel (PyTorch's PReLU(C)); one slope
      // for every channel (PyTorch's PReLU()) or one per value (Keras's PReLU()) is a leaky
      // ReLU whose slope's values are counted as the file holds them.
      if let view = Self.view(x), Self.count(slope.dims) == view.channels {
        define(node, as: try emit(node, index, .parametricReLU, reading: [x]))
      } else {
        let learned = slope.weight && !slope.integer ? [try weightValues(node, index, slope)] : []
        define(
          node,
          as: try emit(node, index, .activation(.leakyrelu), reading: [x], learnedShapes: learned))
      }
    case "Erf": try erf(node, index)
    case "Add", "Sub", "Mul", "Div": try elementwise(node, index)
    case "Concat": try concat(node, index)
    case "Split": try split(node, index)
    case "Slice": try slice(node, index)
    case "Flatten":
      let (x, _) = try data(node, index, 0)
      let at = axis(int(node, "axis", 1), rank: x.dims.count)
      guard (0...x.dims.count).contains(at) else {
        throw fail(node, index, "flattens from axis \(int(node, "axis", 1)) of \(x.dims.count)")
      }
      if at == 1 && x.batchAxis == 0 {
        var like = x
        like.dims = [x.dims.first ?? 1, 0]
        define(node, as: try emit(node, index, .flatten, reading: [x], like: like))
      } else {
        // Flattening from another axis keeps the values in their order: a reshape to the two
        // products (LeViT's N×L×C → (N·L)×C).
        guard let outer = Self.count(x.dims[..<at]), let inner = Self.count(x.dims[at...]) else {
          throw fail(node, index, "flattens \(x.dims) past 2⁶³ values")
        }
        try move(node, index, x, to: [outer, inner], layout: .channelsLast)
      }
    case "Reshape": try reshape(node, index)
    case "Transpose": try transpose(node, index)
    case "Squeeze", "Unsqueeze": try squeeze(node, index)
    case "Identity", "Dropout", "Cast":
      define(node, as: try tensor(node, index, 0))
    case "BatchNormalization":
      // Batch norm normalises axis 1: a tensor in another order is read as N×C×… first.
      let (read, _) = try data(node, index, 0)
      let x = read.dims.count == 2 ? read : try asChannelsFirst(node, index, read)
      guard x.dims.count >= 2 else { throw fail(node, index, "normalises a tensor of no channels") }
      for (i, name) in ["scale", "B", "input_mean", "input_var"].enumerated() {
        try checkApplied(node, index, i + 1, name, over: [x.dims[1]], exactly: true)
      }
      sawBatchNorm = true
      define(node, as: try emit(node, index, .batchNorm(BatchNorm()), reading: [x]))
    case "LayerNormalization":
      // Over ONNX's last axis: an N×C×… tensor is read in ONNX's order first.
      let (read, _) = try data(node, index, 0)
      let x = try inOnnxOrder(node, index, read)
      let rank = x.dims.count
      guard axis(int(node, "axis", -1), rank: rank) == rank - 1 else {
        throw fail(node, index, "normalises over axes other than the last")
      }
      for (i, name) in [(1, "Scale"), (2, "B")] {
        try checkApplied(node, index, i, name, over: Array(x.dims.suffix(1)))
      }
      let bias = node.inputs.count > 2 && !node.inputs[2].isEmpty
      sawLayerNorm = true
      define(node, as: try emit(node, index, .layerNorm(bias: bias), reading: [x]))
    case "InstanceNormalization", "GroupNormalization": try groupNormalization(node, index)
    case "Pad": try pad(node, index)
    case "Resize", "Upsample": try resize(node, index)
    case "Gather":
      // Values picked by constant indices: the data moves, nothing is computed. Its dims are
      // the data's with the axis replaced by the indices' dims.
      var (x, _) = try data(node, index, 0)
      let indices = try tensor(node, index, 1)
      let given = int(node, "axis", 0)
      let at = axis(given, rank: x.dims.count)
      guard x.dims.indices.contains(at) else {
        throw fail(node, index, "takes axis \(given) of a rank-\(x.dims.count) tensor")
      }
      guard isConstant(node, 1) else { throw fail(node, index, "gathers by computed indices") }
      let dims = Array(x.dims[..<at]) + indices.dims + Array(x.dims[(at + 1)...])
      // As a reshape: a 4-D result of an image's tensor or of a vector is N×C×H×W.
      let layout: Tensor.Layout =
        dims.count == 4 && (x.layout == .channelsFirst || x.dims.count <= 2)
        ? .channelsFirst : .channelsLast
      // Every index of the axis (the dynamo exporter's as_strided goes through one): the same
      // values moved. Fewer: a slice.
      if x.dims[at] > 1, Self.count(indices.dims) != x.dims[at] {
        // Picking some of an axis (ViT's class token, attention's q, k and v): a slice of
        // them, which must be consecutive, then the dims ONNX gives.
        let picked = try clampedValues(node, index, 1).map { $0 < 0 ? $0 + x.dims[at] : $0 }
        guard let first = picked.first, picked == Array(first..<(first + picked.count)),
          first >= 0, first + picked.count <= x.dims[at]
        else {
          throw fail(
            node, index,
            "gathers indices \(picked) of an axis of \(x.dims[at]); netcost reads a run of them "
              + "inside the axis")
        }
        x = try sliced(
          node, index, x, axis: at, start: first, end: first + picked.count, step: 1,
          suffix: "/pick")
      }
      try move(node, index, x, to: dims, layout: layout)
    case let op where Self.mathOperators.contains(op): try math(node, index)
    default:
      throw fail(
        node, index, "is an operator netcost does not model",
        help: Suggest.closest(to: node.opType, in: Self.operators).map { "did you mean '\($0)'?" },
        notes: [.skip(type)])
    }
  }

  /// A window's kernel, stride, dilation or pad: 1 to 2³¹ − 1, as Caffe's and Keras's readers
  /// take them. A stride of 2⁶² is a valid ONNX attribute, but no spec can write it exactly, so
  /// `convert` could not hand it back.
  static func isWindowValue(_ value: Int) -> Bool { value >= 1 && value <= Int(Int32.max) }

  mutating func activation(_ node: OnnxNode, _ index: Int, _ a: Activation) throws(Failure) {
    let (x, _) = try data(node, index, 0)
    define(node, as: try emit(node, index, .activation(a), reading: [x]))
  }

  /// Clip(0, 6) is ReLU6 (MobileNetV2), Clip(0, ∞) ReLU.
  mutating func clip(_ node: OnnxNode, _ index: Int) throws(Failure) {
    var low = float(node, "min") ?? -Double.infinity
    var high = float(node, "max") ?? Double.infinity
    if node.inputs.count > 1, !node.inputs[1].isEmpty,
      let v = tensors[node.inputs[1]]?.values?.first
    {
      low = v
    }
    if node.inputs.count > 2, !node.inputs[2].isEmpty,
      let v = tensors[node.inputs[2]]?.values?.first
    {
      high = v
    }
    switch (low, high) {
    case (0, 6): try activation(node, index, .relu6)
    case (0, .infinity): try activation(node, index, .relu)
    default:
      // A clamp to other bounds (F.normalize's clamp_min(ε)): a function of one tensor.
      try math(node, index)
    }
  }

  /// Gemm: A (N×K) times B (K×units, or units×K with transB), plus C: fully connected.
  mutating func gemm(_ node: OnnxNode, _ index: Int) throws(Failure) {
    let (a, _) = try dataOrConstant(node, index, 0, layout: .channelsLast)
    let b = try tensor(node, index, 1)
    guard isConstant(node, 1), b.dims.count == 2, a.dims.count == 2, int(node, "transA", 0) == 0
    else {
      throw fail(node, index, "is not a fully connected layer (N×K times a constant K×M)")
    }
    let transposed = int(node, "transB", 0) == 1
    let units = transposed ? b.dims[0] : b.dims[1]
    guard units >= 1, a.dims[1] == (transposed ? b.dims[1] : b.dims[0]) else {
      throw fail(
        node, index,
        "multiplies \(a.dims) by weights \(b.dims)\(transposed ? " (transposed)" : ""), "
          + "whose inner sizes differ")
    }
    try checkApplied(node, index, 2, "C", over: [a.dims[0], units])
    let bias = node.inputs.count > 2 && !node.inputs[2].isEmpty
    // Rows that are not the batch (tokens with the batch merged in, as torchvision's attention
    // reshapes L×N×E to (L·N)×E at batch 1): a linear layer at every row.
    let rows = a.batchAxis == nil
    define(
      node,
      as: try emit(
        node, index, .dense(units: units, bias: bias, flattens: !rows), reading: [a]))
  }

  /// MatMul by a constant K×M matrix: fully connected on the last axis, at every position.
  mutating func matMul(_ node: OnnxNode, _ index: Int) throws(Failure) {
    let (a, _) = try dataOrConstant(node, index, 0, layout: .channelsLast)
    let b = try tensor(node, index, 1)
    if !isConstant(node, 1) {
      // Two computed tensors (attention's Q·Kᵀ and A·V): a product counted apart.
      let (y, _) = try data(node, index, 1)
      guard a.batchAxis == y.batchAxis || a.batchAxis == nil || y.batchAxis == nil else {
        throw fail(node, index, "multiplies tensors whose batches are on different axes")
      }
      let left = try inOnnxOrder(node, index, a)
      let right = try inOnnxOrder(node, index, y, operand: 2)
      define(node, as: try emit(node, index, .matmul(transposed: false), reading: [left, right]))
      return
    }
    guard b.dims.count == 2 else {
      throw fail(node, index, "multiplies by a constant of dims \(b.dims), not a K×M matrix")
    }
    // ONNX multiplies along the last axis: an N×C×… tensor is read in ONNX's order first
    // (a Linear after flatten(2) works on the positions, not the channels).
    let rows = try inOnnxOrder(node, index, a)
    guard rows.dims.last == b.dims[0] else {
      throw fail(
        node, index, "multiplies \(rows.dims) by weights \(b.dims), whose inner sizes differ")
    }
    guard b.dims[1] >= 1 else { throw fail(node, index, "multiplies by weights \(b.dims)") }
    define(
      node,
      as: try emit(
        node, index, .dense(units: b.dims[1], bias: false, flattens: false), reading: [rows]))
  }

  /// Resize (Upsample before opset 10) to constant `sizes` or by constant `scales` (N×C×H×W,
  /// the output ⌊H·s⌋ as ONNX rounds it).
  mutating func resize(_ node: OnnxNode, _ index: Int) throws(Failure) {
    let (read, _) = try data(node, index, 0)
    guard read.dims.count == 4 else { throw fail(node, index, "resizes other than N×C×H×W") }
    let x = try asChannelsFirst(node, index, read)
    let sizesAt = node.opType == "Resize" ? 3 : -1
    let scalesAt = node.opType == "Resize" ? (opset >= 11 ? 2 : 1) : 1
    var height = 0
    var width = 0
    if sizesAt > 0, node.inputs.count > sizesAt, !node.inputs[sizesAt].isEmpty {
      let sizes = try values(node, index, sizesAt)
      // ONNX takes one of the two; an exporter may leave scales as an empty tensor.
      if node.inputs.count > scalesAt, !node.inputs[scalesAt].isEmpty,
        try Self.count(tensor(node, index, scalesAt).dims) != 0
      {
        throw fail(node, index, "has both scales and sizes; ONNX's Resize takes one of them")
      }
      guard sizes.count == 4, sizes[0] == x.dims[0], sizes[1] == x.dims[1] else {
        throw fail(
          node, index,
          "has sizes \(sizes); netcost resizes height and width, not the batch or channels")
      }
      (height, width) = (sizes[2], sizes[3])
    } else {
      let t = try tensor(node, index, scalesAt)
      guard let scales = t.values, scales.count == 4, scales[0] == 1, scales[1] == 1,
        scales[2] > 0, scales[3] > 0, scales[2] < 65_536, scales[3] < 65_536
      else {
        throw fail(node, index, "has no constant scales or sizes netcost can read")
      }
      // A size past 64 bits (scales of 65,535 repeated) is an error, not a trap.
      guard let h = Int(exactly: (Double(x.dims[2]) * scales[2]).rounded(.down)),
        let w = Int(exactly: (Double(x.dims[3]) * scales[3]).rounded(.down))
      else {
        throw fail(node, index, "resizes past 2⁶³ values a side")
      }
      (height, width) = (h, w)
    }
    guard Self.isWindowValue(height), Self.isWindowValue(width) else {
      throw fail(node, index, "resizes to \(height)×\(width); a side must be 1 to 2³¹ − 1")
    }
    define(node, as: try emit(node, index, .resize(height: height, width: width), reading: [x]))
  }
}
