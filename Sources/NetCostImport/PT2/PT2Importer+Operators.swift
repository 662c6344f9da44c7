import NetCostCore

/// Each ATen operator netcost reads, of the default opset and of the core opset
/// (`run_decompositions()`), by the operator's own rules (`native_functions.yaml`). An operator
/// outside this table is an error naming it, the node, its module and its inputs' shapes.
extension PT2Importer {
  /// The operators read, by name without namespace and overload (an in-place one, `relu_`, is
  /// read as its functional form).
  static let operators = [
    "conv2d", "convolution", "_convolution", "linear", "addmm", "mm", "bmm", "matmul",
    "batch_norm", "_native_batch_norm_legit_no_training", "_native_batch_norm_legit_functional",
    "_native_batch_norm_legit", "native_batch_norm", "layer_norm", "native_layer_norm",
    "max_pool2d", "max_pool2d_with_indices", "avg_pool2d", "adaptive_avg_pool2d",
    "_adaptive_avg_pool2d", "mean", "sum", "upsample_nearest2d", "upsample_bilinear2d",
    "upsample_bicubic2d",
    "relu", "hardtanh", "clamp", "clamp_min", "relu6", "gelu", "silu", "sigmoid", "tanh",
    "hardswish", "hardsigmoid",
    "leaky_relu", "softmax", "_softmax", "log_softmax", "_log_softmax", "dropout",
    "native_dropout", "add", "sub", "mul", "div", "cat", "flatten", "view", "reshape", "unflatten",
    "_unsafe_view", "permute", "transpose", "t", "expand", "expand_as", "select", "unbind", "slice",
    "squeeze", "unsqueeze", "chunk", "split", "split_with_sizes", "unsafe_split",
    "unsafe_split_with_sizes", "as_strided", "clone", "contiguous", "alias", "detach", "_to_copy",
    "to",
    "lift_fresh_copy", "scaled_dot_product_attention", "sym_size", "eq", "ne", "lt", "le", "gt",
    "ge", "logical_not", "logical_and", "logical_or", "any", "all", "isnan", "isinf",
    "full_like", "zeros_like", "ones_like", "empty_like", "new_zeros", "new_ones", "new_full",
    "new_empty", "where", "roll", "masked_fill", "pad",
    "constant_pad_nd",
  ]

  /// Operators that move or copy values without computing: on weights alone, their result is
  /// still a weight (a Linear's weight transposed for `addmm`, ViT's class token expanded).
  static let moves: Set<String> = [
    "view", "reshape", "_unsafe_view", "permute", "transpose", "t", "expand", "expand_as", "select",
    "unbind", "slice", "squeeze", "unsqueeze", "chunk", "split", "split_with_sizes", "as_strided",
    "clone", "contiguous", "alias", "detach",
    "_to_copy", "to", "lift_fresh_copy", "flatten", "index", "index_select", "gather",
  ]

  /// Operators that make a constant of a tensor's dims or dtype, whatever its values.
  static let fills: Set<String> = [
    "new_zeros", "new_ones", "new_full", "new_empty", "full_like", "zeros_like", "ones_like",
    "empty_like",
  ]

  mutating func apply(_ node: PT2Program.Node) throws(Failure) {
    guard node.target.hasPrefix("torch.ops.aten.") else {
      throw fail(
        node, "calls '\(node.target)', which is not an ATen operator netcost reads",
        notes: [.skip(node.operatorName)])
    }
    var op = node.operatorName
    if op.hasSuffix("_"), !op.hasSuffix("__") { op.removeLast() }
    if builder.skipped.contains(node.operatorName) || builder.skipped.contains(op) {
      builder.skip(node.operatorName)
      guard let first = firstTensorName(node), let t = tensors[first] else {
        throw fail(node, "reads no tensor to pass through")
      }
      for output in node.outputNames.indices { try define(node, output, as: t) }
      return
    }
    if op == "sym_size" {
      let x = try tensor(node, "self")
      let d = Self.axis(try int(node, "dim", 0), rank: x.dims.count)
      guard x.dims.indices.contains(d), let name = node.outputNames.first else {
        throw fail(node, "asks for axis \(d) of a rank-\(x.dims.count) tensor")
      }
      sizes[name] = x.dims[d]
      return
    }
    // Operators on weights and constants alone compute nothing netcost counts.
    let read = node.inputs.flatMap { input -> [String] in
      switch input.argument {
      case .tensor(let name): [name]
      case .tensors(let names): names.compactMap { $0 }
      default: []
      }
    }
    if let missing = read.first(where: { tensors[$0] == nil }) {
      throw fail(node, "reads '\(missing)', which nothing before it makes")
    }
    if !read.contains(where: { tensors[$0]?.input != nil }) || Self.fills.contains(op) {
      let source = read.first.flatMap { tensors[$0] }
      // An update of a buffer in place (batch norm's `num_batches_tracked += 1`) is bookkeeping.
      for output in node.outputNames.indices {
        try defineConstant(node, output, from: source, moved: Self.moves.contains(op))
      }
      return
    }
    try compute(node, op)
  }

  /// A node that reads computed data.
  mutating func compute(_ node: PT2Program.Node, _ op: String) throws(Failure) {
    switch op {
    case "conv2d", "conv3d", "convolution", "_convolution": try convolution(node)
    case "linear": try linear(node)
    case "addmm", "mm", "bmm", "matmul": try product(node, op)
    case "batch_norm", "_native_batch_norm_legit_no_training",
      "_native_batch_norm_legit_functional",
      "_native_batch_norm_legit", "native_batch_norm":
      try batchNorm(node)
    case "layer_norm", "native_layer_norm": try layerNorm(node)
    case "group_norm", "native_group_norm", "instance_norm": try groupNorm(node, op)
    case "max_pool2d", "max_pool2d_with_indices", "avg_pool2d", "max_pool3d",
      "max_pool3d_with_indices", "avg_pool3d":
      try pooling(node, op)
    case "adaptive_avg_pool2d", "_adaptive_avg_pool2d", "adaptive_avg_pool3d",
      "_adaptive_avg_pool3d":
      try adaptivePooling(node)
    case "upsample_nearest2d", "upsample_bilinear2d", "upsample_bicubic2d": try upsample(node)
    case "mean": try reduce(node, .mean)
    case "sum": try reduce(node, .sum)
    case "relu": try activation(node, .relu)
    case "relu6": try activation(node, .relu6)
    case "hardtanh", "clamp", "clamp_min": try hardtanh(node)
    case "gelu": try activation(node, .gelu)
    case "silu": try activation(node, .swish)
    case "sigmoid": try activation(node, .sigmoid)
    case "tanh": try activation(node, .tanh)
    case "hardswish": try activation(node, .hswish)
    case "hardsigmoid": try activation(node, .hsigmoid)
    case "leaky_relu": try activation(node, .leakyrelu)
    case "softmax", "_softmax", "log_softmax", "_log_softmax": try softmax(node)
    case "dropout", "native_dropout": try dropout(node, op)
    case "add", "sub", "mul", "div": try elementwise(node, op)
    case "cat": try concat(node)
    case "flatten": try flatten(node)
    case "view", "reshape", "_unsafe_view", "unflatten": try reshape(node)
    case "permute", "transpose", "t": try permute(node, op)
    case "expand", "expand_as": try expand(node)
    case "select": try select(node)
    case "chunk", "split", "split_with_sizes", "unsafe_split", "unsafe_split_with_sizes":
      try split(node, op)
    case "as_strided":
      // Re-strided to the same number of values (ConvNeXt's core opset after its pooling): a view.
      let x = try data(node, "self")
      let size = try ints(node, "size", [])
      guard Shape.product(size) == Shape.product(x.dims), size.allSatisfy({ $0 >= 1 }) else {
        throw fail(node, "views \(x.dims) as \(size), other values than its own")
      }
      try define(node, as: try move(node, x, to: size))
    case "unbind": try unbind(node)
    case "slice": try slice(node)
    case "squeeze", "unsqueeze": try squeeze(node)
    case "clone", "contiguous", "alias", "detach", "_to_copy", "to", "lift_fresh_copy":
      guard let first = firstTensorName(node), let t = tensors[first] else {
        throw fail(node, "reads no tensor")
      }
      try define(node, as: t)
    case "scaled_dot_product_attention": try attention(node)
    case "eq", "ne", "lt", "le", "gt", "ge", "logical_not", "logical_and", "logical_or", "any",
      "all", "isnan", "isinf":
      // Masks made from data (the core opset's attention tests its scores for rows of −∞):
      // not data, and nothing netcost counts.
      for output in node.outputNames.indices {
        try defineConstant(node, output, from: nil, moved: false)
      }
    case "where": try select(where: node)
    case "roll", "masked_fill":
      // Values moved around their axes (Swin's shifted windows) or some replaced by a constant
      // (its attention mask): the same dims, nothing netcost counts.
      try define(node, as: try data(node, "self"))
    case "pad", "constant_pad_nd": try pad(node)
    case "index_select":
      // As many indices as the axis has (the core opset's roll): the values reordered.
      let x = try data(node, "self")
      let d = Self.axis(try int(node, "dim", 0), rank: x.dims.count)
      let index = try tensor(node, "index")
      guard x.dims.indices.contains(d), index.input == nil, index.dims == [x.dims[d]] else {
        throw fail(node, "picks some of axis \(d) by indices of dims \(index.dims)")
      }
      try define(node, as: x)
    default:
      throw fail(
        node, "is an operator netcost does not model",
        help: Suggest.closest(to: op, in: Self.operators).map { "did you mean 'aten.\($0)'?" },
        notes: [.skip(node.operatorName)])
    }
  }

  mutating func activation(_ node: PT2Program.Node, _ a: Activation) throws(Failure) {
    let x = try data(node, firstArgument(node))
    try define(node, as: try emit(node, .activation(a), reading: [x]))
  }

  /// The first argument's name: `self` for most operators, `input` for the functional ones.
  func firstArgument(_ node: PT2Program.Node) -> String {
    node.inputs.first?.name ?? "self"
  }

  /// hardtanh(0, 6) is ReLU6 (MobileNetV2's), hardtanh(0, ∞) ReLU; so are clamp(0, 6) and
  /// clamp(0) (the core opset's hardswish and hardsigmoid clamp x + 3 to [0, 6]).
  mutating func hardtanh(_ node: PT2Program.Node) throws(Failure) {
    let clamps = node.operatorName.hasPrefix("clamp")
    let low = float(node, clamps ? "min" : "min_val") ?? (clamps ? -.infinity : -1)
    let high = float(node, clamps ? "max" : "max_val") ?? (clamps ? .infinity : 1)
    let afterReLU = clamps ? madeByReLU(try tensor(node, "self")) : false
    switch (low, high) {
    case (0, 6): try activation(node, .relu6)
    case (0, .infinity): try activation(node, .relu)
    // The core opset clamps in two steps, min 0 then max 6: together a ReLU6.
    case (-.infinity, 6) where afterReLU:
      try activation(node, .relu6)
    default:
      throw fail(
        node,
        "clips to [\(low.shortDescription), \(high.shortDescription)]; netcost models [0, 6] (ReLU6) and [0, ∞) (ReLU)"
      )
    }
  }

  /// where(condition, self, other) choosing between data and a constant (the core opset's
  /// attention: zeros where a row of scores was all −∞): the data, as it is.
  mutating func select(where node: PT2Program.Node) throws(Failure) {
    let a = try tensor(node, "self")
    let b = try tensor(node, "other")
    guard (a.input == nil) != (b.input == nil) else {
      throw fail(node, "chooses between two computed tensors, which netcost does not model")
    }
    try define(node, as: a.input != nil ? a : b)
  }

  /// Whether a layer's ReLU made `x`.
  func madeByReLU(_ x: Tensor) -> Bool {
    guard case .layer(let i)? = x.input, i < builder.layers.count else { return false }
    return builder.layers[i].operation == .activation(.relu)
  }

  /// Softmax over the last axis (attention's scores): netcost's softmax is over the channels.
  mutating func softmax(_ node: PT2Program.Node) throws(Failure) {
    let x = try data(node, "self")
    let d = Self.axis(try int(node, "dim", -1), rank: x.dims.count)
    guard d == x.dims.count - 1 || x.dims.count == 2 else {
      throw fail(node, "is a softmax over axis \(d); netcost reads it over the last axis")
    }
    try define(node, as: try emit(node, .activation(.softmax), reading: [try ordered(node, x)]))
  }

  /// Dropout as it runs: in training (`train=True`) a layer that draws its mask, in evaluation
  /// nothing at all. `aten.dropout` with p = 0 gives its input back in training too (ATen's
  /// `_dropout_impl`, on every device): no mask, nothing saved (timm's `proj_drop` of rate 0).
  mutating func dropout(_ node: PT2Program.Node, _ op: String) throws(Failure) {
    let x = try data(node, firstArgument(node))
    let p = float(node, "p") ?? 0.5
    guard bool(node, "train", op == "native_dropout") else {
      sawEvaluation = true
      try define(node, as: x)
      return
    }
    guard p >= 0, p < 1 else { throw fail(node, "drops with probability \(p.shortDescription)") }
    sawTraining = true
    if p == 0 && op == "dropout" {
      try define(node, as: x)
      return
    }
    let output = try emit(node, .dropout(rate: p), reading: [x])
    try define(node, as: output)
    // native_dropout's second output is its mask: what backward reads, not data.
    if node.outputNames.count > 1 { try defineConstant(node, 1, from: nil, moved: false) }
  }
}
