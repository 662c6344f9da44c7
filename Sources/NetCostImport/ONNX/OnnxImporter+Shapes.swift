import NetCostCore

/// Operators that move data without computing (reshapes, transposes, joins, splits), elementwise
/// arithmetic, and the patterns exporters spell in several nodes (channel shuffle, GELU).
extension OnnxImporter {
  /// Add, Sub, Mul and Div: two computed tensors of one shape (or a 1×1×C scale, as
  /// squeeze-and-excite multiplies) join; with a constant, it is a rescaling (nothing learned,
  /// nothing counted); GELU's Erf form is recognised step by step.
  mutating func elementwise(_ node: OnnxNode, _ index: Int) throws(Failure) {
    let a = try tensor(node, index, 0)
    let b = try tensor(node, index, 1)
    let constantB = isConstant(node, 1)
    let constantA = isConstant(node, 0)
    // GELU: x / √2 → erf → + 1 → x · (…) → · 0.5.
    if let step = try geluStep(node, index, a, b, constantA: constantA, constantB: constantB) {
      define(node, as: step)
      return
    }
    if constantA || constantB {
      let (x, _) = try data(node, index, constantA ? 1 : 0)
      let constant = constantA ? a : b
      // The result has the data's dims: a constant that broadcasts past them (more axes, a
      // larger batch) or not at all is not a bias or a scale of it.
      guard Self.broadcasts(constant.dims, to: x.dims) else {
        throw fail(
          node, index,
          "combines data of dims \(x.dims) with a constant of dims \(constant.dims), which does "
            + "not broadcast to them")
      }
      // A bias added after MatMul, a layer scale, a position embedding: weights, counted as
      // the layer's. A single value (GELU's √2, attention's scale) is arithmetic.
      // Counted as the file's values it stands for (a gathered table: the table's), as a run of
      // them: a rescale's learned tensor takes no part in its shape.
      let learned = try isWeight(constant) ? [try weightValues(node, index, constant)] : []
      define(node, as: try emit(node, index, .rescale, reading: [x], learnedShapes: learned))
      return
    }
    var (x, _) = try data(node, index, 0)
    var (y, _) = try data(node, index, 1)
    // Operands of one rank in two orders (MaxViT adds an N×C×H×W made by reshapes to a
    // convolution's): both read as N×C×….
    if x.layout != y.layout, x.dims.count == y.dims.count, x.dims.count >= 3 {
      x = try asChannelsFirst(node, index, x)
      y = try asChannelsFirst(node, index, y)
    }
    // The full-size operand first: a 1×1×C one scales it.
    let (first, second) = (Self.count(x.dims) ?? 0) >= (Self.count(y.dims) ?? 0) ? (x, y) : (y, x)
    let operation: Operation =
      switch node.opType {
      case "Mul", "Div": .multiply
      default: .add
      }
    define(node, as: try emit(node, index, operation, reading: [first, second]))
  }

  mutating func geluStep(
    _ node: OnnxNode, _ index: Int, _ a: Tensor, _ b: Tensor, constantA: Bool, constantB: Bool
  ) throws(Failure) -> Tensor? {
    func constant(_ t: Tensor) -> Double? { t.values?.count == 1 ? t.values?.first : nil }
    switch (node.opType, a.pattern, b.pattern) {
    case ("Div", nil, nil):
      guard constantB, let c = constant(b), abs(c - 2.0.squareRoot()) < 1e-3, let source = a.input
      else { return nil }
      var t = a
      t.input = nil
      t.pattern = .gelu(step: 1, source: source)
      return t
    case ("Add", .gelu(2, let source)?, nil), ("Add", nil, .gelu(2, let source)?):
      guard constant(constantB ? b : a) == 1 else { return nil }
      var t = constantB ? a : b
      t.pattern = .gelu(step: 3, source: source)
      return t
    case ("Mul", .gelu(3, let source)?, nil), ("Mul", nil, .gelu(3, let source)?):
      // Either x · (1 + erf) then · 0.5 (the legacy exporter), or 0.5 · (1 + erf) then · x.
      let other = a.pattern == nil ? a : b
      if constant(other) == 0.5 {
        var t = a.pattern == nil ? b : a
        t.pattern = .gelu(step: 5, source: source)
        return t
      }
      guard other.input == source else { return nil }
      var t = other
      t.input = nil
      t.pattern = .gelu(step: 4, source: source)
      return t
    case ("Mul", .gelu(5, let source)?, nil), ("Mul", nil, .gelu(5, let source)?):
      var x = a.pattern == nil ? a : b
      guard x.input == source else { return nil }
      x.pattern = nil
      return try emit(node, index, .activation(.gelu), reading: [x])
    case ("Mul", .gelu(4, let source)?, nil), ("Mul", nil, .gelu(4, let source)?):
      guard constant(constantB ? b : a) == 0.5 else { return nil }
      var x = constantB ? a : b
      x.pattern = nil
      x.input = source
      return try emit(node, index, .activation(.gelu), reading: [x])
    default:
      return nil
    }
  }

  mutating func erf(_ node: OnnxNode, _ index: Int) throws(Failure) {
    let x = try tensor(node, index, 0)
    guard case .gelu(1, let source)? = x.pattern else {
      throw fail(
        node, index, "is an Erf outside GELU's x·(1 + erf(x/√2))/2, which netcost does not model")
    }
    var t = x
    t.pattern = .gelu(step: 2, source: source)
    define(node, as: t)
  }

  mutating func concat(_ node: OnnxNode, _ index: Int) throws(Failure) {
    var inputs: [Tensor] = []
    var weights: [Tensor] = []
    for i in node.inputs.indices where !node.inputs[i].isEmpty {
      if isConstant(node, i) {
        weights.append(try tensor(node, index, i))
      } else {
        inputs.append(try data(node, index, i).0)
      }
    }
    guard let first = inputs.first else { throw fail(node, index, "joins nothing computed") }
    let rank = first.dims.count
    let at = axis(int(node, "axis", 1), rank: rank)
    guard (0..<rank).contains(at), inputs.allSatisfy({ $0.layout == first.layout }) else {
      throw fail(node, index, "joins along axis \(int(node, "axis", 1)) of a rank-\(rank) tensor")
    }
    guard at != first.batchAxis else { throw fail(node, index, "joins along the batch") }
    guard let internalAxis = Self.axesInOrder(first).firstIndex(of: at) else {
      throw fail(node, index, "joins along axis \(at), which netcost cannot place")
    }
    // The channels of a map stay `-1`, as the spec language writes a concatenation.
    let joined = internalAxis == Self.axesInOrder(first).count - 1 ? -1 : internalAxis
    var learned: [Shape] = []
    for w in weights { learned.append(try weightView(node, index, w, like: first)) }
    define(
      node,
      as: inputs.count == 1 && learned.isEmpty
        ? first
        : try emit(
          node, index, .concat(axis: joined), reading: inputs, learnedShapes: learned))
  }

  /// The dims a Reshape gives: 0 copies the input's, −1 takes what is left.
  func reshaped(
    _ node: OnnxNode, _ index: Int, _ x: Tensor, _ shape: [Int]
  ) throws(Failure) -> [Int] {
    // A 0 copies the input's size there, unless `allowzero` makes it a size of zero (refused
    // below: netcost reads no empty tensors).
    let copies = int(node, "allowzero", 0) == 0
    var dims = shape.enumerated().map { i, d in
      copies && d == 0 && i < x.dims.count ? x.dims[i] : d
    }
    guard let total = Self.count(x.dims) else {
      throw fail(node, index, "reshapes a tensor of more values than 64 bits count")
    }
    if let unknown = dims.firstIndex(of: -1) {
      let rest = dims.enumerated().filter { $0.offset != unknown }.map(\.element)
      guard let known = Self.count(rest), known > 0, total % known == 0 else {
        throw fail(node, index, "cannot reshape \(total) values to \(shape)")
      }
      dims[unknown] = total / known
    }
    guard dims.allSatisfy({ $0 >= 1 }), Self.count(dims) == total else {
      throw fail(node, index, "cannot reshape \(total) values to \(shape)")
    }
    return dims
  }

  mutating func reshape(_ node: OnnxNode, _ index: Int) throws(Failure) {
    let x = try tensor(node, index, 0)
    let dims = try reshaped(node, index, x, try values(node, index, 1))
    // Channel shuffle's last step: back to N×C×H×W from the transposed N×c×g×H×W.
    if case .shuffleTransposed(let groups, let source)? = x.pattern, dims.count == 4 {
      var input = x
      input.pattern = nil
      input.input = source
      input.dims = dims
      input.layout = .channelsFirst
      define(node, as: try emit(node, index, .channelShuffle(groups: groups), reading: [input]))
      return
    }
    let (data, source) = try self.data(node, index, 0)
    // Its first step: N×C×H×W to N×g×(C/g)×H×W.
    if data.dims.count == 4, data.layout == .channelsFirst, dims.count == 5,
      dims[1] * dims[2] == data.dims[1], dims[3] == data.dims[2], dims[4] == data.dims[3]
    {
      define(
        node,
        as: Tensor(
          dims: dims, layout: .channelsFirst,
          pattern: .shuffleSplit(groups: dims[1], source: source)))
      return
    }
    // An image's tensor reshaped keeps its channels first (N×C×H×W → N×C×HW, N×r×C×H×W), and
    // anything given spatial axes of 1 (`view(B, -1, 1, 1)`, N×r×C×1×1) is one too; tokens
    // reshaped stay in their own order.
    let image =
      data.layout == .channelsFirst && data.batchAxis == 0 && dims.count >= 3
      || dims.count >= 4 && dims.suffix(2) == [1, 1]
      || data.dims.count <= 2 && dims.count == 3 && dims.last == 1
    try move(node, index, data, to: dims, layout: image ? .channelsFirst : .channelsLast)
  }

  mutating func transpose(_ node: OnnxNode, _ index: Int) throws(Failure) {
    let x = try tensor(node, index, 0)
    let perm = ints(node, "perm") ?? Array((0..<x.dims.count).reversed())
    if case .shuffleSplit(let groups, let source)? = x.pattern, perm == [0, 2, 1, 3, 4] {
      var t = x
      t.dims = perm.map { x.dims[$0] }
      t.pattern = .shuffleTransposed(groups: groups, source: source)
      define(node, as: t)
      return
    }
    let (data, _) = try self.data(node, index, 0)
    let rank = data.dims.count
    guard perm.count == rank, Set(perm) == Set(0..<rank) else {
      throw fail(
        node, index, "has perm \(perm), which does not name each of its \(rank) axes once")
    }
    var t = data
    t.dims = perm.map { data.dims[$0] }
    switch (rank, data.layout, data.batchAxis, perm) {
    // N×C×H×W ⇄ N×H×W×C: the same map to netcost, which keeps the channels last either way.
    case (4, .channelsFirst, 0?, [0, 2, 3, 1]): t.layout = .channelsLast
    case (4, .channelsLast, 0?, [0, 3, 1, 2]): t.layout = .channelsFirst
    default:
      t.layout = .channelsLast
      t.batchAxis = data.batchAxis.flatMap { perm.firstIndex(of: $0) }
      try permute(node, index, data, into: t)
      return
    }
    define(node, as: t)
  }

  /// `x` seen in the frame of `target` (the same values, axes reordered): nothing when netcost's
  /// order of the axes is the same (N×C×L → N×L×C keeps L×C), else a `transpose` of netcost's
  /// axes.
  mutating func permute(
    _ node: OnnxNode, _ index: Int, _ x: Tensor, into target: Tensor, perm: [Int]? = nil
  ) throws(Failure) {
    let perm = perm ?? ints(node, "perm") ?? Array((0..<x.dims.count).reversed())
    let from = Self.axesInOrder(x)
    // Each of the output's axes in netcost's order is input axis perm[o] of ONNX's order.
    var order: [Int] = []
    for o in Self.axesInOrder(target) {
      guard let i = from.firstIndex(of: perm[o]) else {
        throw fail(node, index, "moves the batch axis among the others (perm \(perm))")
      }
      order.append(i)
    }
    if order == Array(order.indices) {
      define(node, as: target)
      return
    }
    var like = target
    like.input = x.input
    define(node, as: try emit(node, index, .transpose(order), reading: [x], like: like))
  }

  /// The batch moves with the axes around it: Unsqueeze at 0 of N×F makes 1×N×F, whose batch is
  /// axis 1 (CrossViT stacks its heads' logits so, then concatenates and averages them).
  mutating func squeeze(_ node: OnnxNode, _ index: Int) throws(Failure) {
    let (x, _) = try data(node, index, 0)
    let (dims, positions) = try squeezedAxes(node, index, x)
    let batch: Int?? = x.batchAxis.map { positions[$0] }
    try move(node, index, x, to: dims, layout: x.layout, batchAxis: batch ?? .some(nil))
  }

  /// Squeeze's or Unsqueeze's dims: axes from the attribute (before opset 13) or the input.
  func squeezed(_ node: OnnxNode, _ index: Int, _ x: Tensor) throws(Failure) -> [Int] {
    try squeezedAxes(node, index, x).dims
  }

  /// Squeeze's or Unsqueeze's dims, and where each input axis went (nil: squeezed away).
  func squeezedAxes(
    _ node: OnnxNode, _ index: Int, _ x: Tensor
  ) throws(Failure) -> (dims: [Int], positions: [Int?]) {
    let given =
      node.inputs.count > 1 && !node.inputs[1].isEmpty
      ? try values(node, index, 1) : (ints(node, "axes") ?? [])
    if node.opType == "Squeeze" {
      let rank = x.dims.count
      var axes = Set<Int>()
      for value in given {
        let a = axis(value, rank: rank)
        guard (0..<rank).contains(a), x.dims[a] == 1, axes.insert(a).inserted else {
          throw fail(
            node, index,
            "squeezes axis \(value) of dims \(x.dims); ONNX squeezes distinct axes of size 1")
        }
      }
      var positions: [Int?] = []
      var dims: [Int] = []
      for (offset, size) in x.dims.enumerated() {
        let dropped = axes.isEmpty ? size == 1 && offset > 0 : axes.contains(offset)
        positions.append(dropped ? nil : dims.count)
        if !dropped { dims.append(size) }
      }
      return (dims, positions)
    }
    // Unsqueeze: the output's rank is the input's plus the axes; each axis, counted in the
    // output, takes a 1 and the input's dims fill the rest in order (linear in the rank).
    let rank = x.dims.count + given.count
    guard rank <= Self.maxRank else {
      throw fail(
        node, index, "makes a tensor of rank \(rank); netcost reads at most \(Self.maxRank)")
    }
    var isNew = Array(repeating: false, count: rank)
    for value in given {
      let a = axis(value, rank: rank)
      guard (0..<rank).contains(a), !isNew[a] else {
        throw fail(
          node, index, "unsqueezes axis \(value) at rank \(rank); ONNX takes distinct axes in range"
        )
      }
      isNew[a] = true
    }
    var rest = x.dims.makeIterator()
    let positions = isNew.indices.filter { !isNew[$0] }.map { Optional($0) }
    return (isNew.map { $0 ? 1 : (rest.next() ?? 1) }, positions)
  }

  /// A tensor given new dims without computing: nothing at all when netcost's view is the same,
  /// else a `reshape` to the new view. The batch stays the first axis when the new dims start
  /// with it; otherwise it was merged into another axis, which only a batch of 1 allows.
  mutating func move(
    _ node: OnnxNode, _ index: Int, _ x: Tensor, to dims: [Int], layout: Tensor.Layout,
    batchAxis: Int?? = nil
  ) throws(Failure) {
    var t = x
    t.dims = dims
    t.layout = layout
    // Only a window over a volume makes one; new dims are a map's, a sequence's or tokens'.
    if dims.count != x.dims.count { t.spatialAxes = 2 }
    t.leadingAxis = false
    if let given = batchAxis {
      t.batchAxis = given
    } else {
      // The batch as the file gives it (1 when symbolic), whatever axis `x` holds it on.
      let n = batch ?? 1
      t.batchAxis = dims.count >= 2 && dims[0] == n ? 0 : nil
      if n > 1, t.batchAxis == nil {
        throw fail(
          node, index,
          "merges the batch of \(n) into another axis (\(dims)); netcost follows one sample",
          help: "export the model at batch 1")
      }
    }
    guard let from = Self.view(x), let to = Self.view(t) else {
      throw fail(
        node, index, "makes a \(dims.count)-D tensor; netcost holds ranks 1 to \(Shape.maxRank)")
    }
    if from == to {
      define(node, as: t)
      return
    }
    define(node, as: try emit(node, index, .reshape(to), reading: [x], like: t))
  }
}
