import NetCostCore

/// Products: a weight's (linear, and the core opset's addmm and mm), two computed tensors'
/// (bmm, matmul, attention's Q·Kᵀ and A·V, counted apart), and elementwise arithmetic.
extension PT2Importer {
  /// linear(input, weight, bias): weights out × in on the last axis, at every position.
  mutating func linear(_ node: PT2Program.Node) throws(Failure) {
    let x = try ordered(node, try data(node, "input"))
    let w = try tensor(node, "weight")
    guard w.input == nil, w.dims.count == 2, w.dims[0] >= 1, x.dims.last == w.dims[1] else {
      throw fail(node, "multiplies \(x.dims) by weights \(w.dims), whose inner sizes differ")
    }
    let bias = try optionalTensor(node, "bias") != nil
    let dense = Operation.dense(units: w.dims[0], bias: bias, flattens: Self.flattens(x))
    try define(node, as: try emit(node, dense, reading: [x]))
  }

  /// addmm(bias, mat1, mat2) and mm(self, mat2) by a weight K × M (a Linear's, transposed), and
  /// bmm and matmul, which multiply two computed tensors (or, matmul, one by a weight).
  mutating func product(_ node: PT2Program.Node, _ op: String) throws(Failure) {
    let (left, right) =
      op == "addmm" ? ("mat1", "mat2") : ("self", op == "matmul" ? "other" : "mat2")
    let a = try ordered(node, try data(node, left))
    let b = try tensor(node, right)
    if b.input != nil {
      guard op != "addmm" else {
        throw fail(node, "adds a bias to the product of two computed tensors")
      }
      let y = try ordered(node, b, operand: 2)
      try define(node, as: try emit(node, .matmul(transposed: false), reading: [a, y]))
      return
    }
    guard b.dims.count == 2, b.dims[1] >= 1, a.dims.last == b.dims[0] else {
      throw fail(node, "multiplies \(a.dims) by weights \(b.dims), whose inner sizes differ")
    }
    let bias = op == "addmm" ? try optionalTensor(node, "self") != nil : false
    let dense = Operation.dense(units: b.dims[1], bias: bias, flattens: Self.flattens(a))
    try define(node, as: try emit(node, dense, reading: [a]))
  }

  /// Whether a product by a weight takes the whole sample (N×F): rows that are not the batch
  /// (ConvNeXt's core-opset linear on (N·H·W)×C, the batch merged in) are a linear layer at every
  /// row, as are tokens.
  static func flattens(_ x: Tensor) -> Bool { x.batchAxis == 0 && x.dims.count <= 2 }

  /// scaled_dot_product_attention(q, k, v): softmax(Q·Kᵀ)·V over the last two axes, as three
  /// layers, the two products counted apart from the weights' (FlopCounterMode counts both).
  /// Without dropout PyTorch runs one fused kernel (the CPU's flash attention, CUDA's flash or
  /// memory-efficient one), which no hook sees and which keeps no T×T weights: the layers are
  /// `fused` (docs/memory.md). With dropout netcost follows the CPU, whose fused kernel takes
  /// none: the math backend, softmax, dropout and products apart (CUDA's fused kernels do take
  /// dropout; what they keep is not measured here).
  mutating func attention(_ node: PT2Program.Node) throws(Failure) {
    let q = try ordered(node, try data(node, "query"))
    let k = try ordered(node, try data(node, "key"), operand: 2)
    let v = try ordered(node, try data(node, "value"), operand: 3)
    // dropout_p as dropout's p is read: a number from 0 up to 1, absent meaning 0.
    let p: Double
    switch node.argument("dropout_p") {
    case nil, .none?: p = 0
    case .float(let x)?: p = x
    case .int(let n)?: p = Double(n)
    default: throw fail(node, "argument 'dropout_p' is not a number")
    }
    guard p >= 0, p < 1 else {
      throw fail(node, "drops attention with probability \(p.shortDescription)")
    }
    let fused = p == 0
    func mark() { if fused, !callers.isEmpty { callers[callers.count - 1].0 = .fused } }
    let scores = try emit(node, .matmul(transposed: true), reading: [q, k], suffix: "/scores")
    mark()
    var weights = try emit(node, .activation(.softmax), reading: [scores], suffix: "/softmax")
    mark()
    if !fused {
      // The math backend drops weights apart, as F.dropout: its mask is kept, and ·V keeps
      // the dropped weights.
      sawTraining = true
      weights = try emit(node, .dropout(rate: p), reading: [weights], suffix: "/dropout")
    }
    let output = try emit(node, .matmul(transposed: false), reading: [weights, v])
    mark()
    try define(node, as: output)
  }

  /// add, sub, mul and div (and their in-place forms): two computed tensors join, broadcast; one
  /// and a weight (ViT's position embedding) is a rescaling whose weight counts as the layer's,
  /// one times a weight per channel a layer scale; one times a constant drawn per sample
  /// (stochastic depth's noise) a product with that constant; one and a number or another
  /// constant is a rescaling.
  mutating func elementwise(_ node: PT2Program.Node, _ op: String) throws(Failure) {
    let a = try tensor(node, "self")
    let other: Tensor?
    if case .tensor? = node.argument("other") {
      other = try tensor(node, "other")
    } else {
      other = nil
    }
    guard let b = other, a.input != nil, b.input != nil else {
      let x = a.input != nil ? a : (other ?? a)
      let constant = a.input != nil ? other : a
      if op == "mul", let c = constant, x.input != nil, try scales(node, x, by: c) { return }
      var learned: [Shape] = []
      if let w = constant, w.weight, w.weightValues > 1 {
        guard let shape = Shape(dims: [w.weightValues]) else {
          throw fail(node, "applies a weight of dims \(w.dims)")
        }
        learned = [shape]
      }
      try define(node, as: try emit(node, .rescale, reading: [x], learned: learned))
      return
    }
    var (x, y) = (a, b)
    if x.layout != y.layout, x.dims.count == y.dims.count, x.dims.count >= 3 {
      x = try channelsFirst(node, x)
      y = try channelsFirst(node, y)
    }
    // The full-size operand first: a 1×1×C one scales it (squeeze-and-excite).
    let (first, second) =
      (Shape.product(x.dims) ?? 0) >= (Shape.product(y.dims) ?? 0) ? (x, y) : (y, x)
    let operation: Operation = op == "mul" || op == "div" ? .multiply : .add
    try define(node, as: try emit(node, operation, reading: [first, second]))
  }

  /// `x · c` as autograd sees it (it keeps `c` for x's gradient, `x` for a weight's): a layer
  /// scale (ConvNeXt's, timm's LayerScale: a weight of one value per channel) is a `scale`,
  /// which keeps its input; stochastic depth's noise (a constant with one value per sample,
  /// `empty(N, 1, 1, 1).bernoulli_(p).div_(p)`) a `constant` multiplied in, which is kept.
  /// False, nothing emitted, for any other constant.
  mutating func scales(_ node: PT2Program.Node, _ x: Tensor, by c: Tensor) throws(Failure) -> Bool {
    guard let data = OnnxImporter.view(x), data.rank >= 1 else { return false }
    let channels = data[data.rank - 1]
    if c.weight {
      guard c.weightValues == channels, channels > 1,
        let w = try? weightView(node, c, like: x), w.elementCount == channels,
        w[w.rank - 1] == channels
      else { return false }
      try define(node, as: try emit(node, .scale(bias: false, norm: false), reading: [x]))
      return true
    }
    guard let b = x.batchAxis, c.dims.count == x.dims.count, c.dims[b] == batch, batch >= 1 else {
      return false
    }
    var perSample = x
    perSample.dims = c.dims
    perSample.dims[b] = 1
    guard let shape = OnnxImporter.view(perSample) else { return false }
    var noise = try emit(node, .constant(shape), reading: [x], suffix: "/noise")
    noise.dims = c.dims
    try define(node, as: try emit(node, .multiply, reading: [x, noise]))
    return true
  }

  /// cat(tensors, dim): the computed tensors joined along one axis, a weight among them (ViT's
  /// class token) as the layer's learned tensor.
  mutating func concat(_ node: PT2Program.Node) throws(Failure) {
    guard case .tensors(let names)? = node.argument("tensors") else {
      throw fail(node, "has no list of tensors to join")
    }
    var inputs: [Tensor] = []
    var weights: [Tensor] = []
    for name in names {
      guard let name, let t = tensors[name] else {
        throw fail(node, "reads '\(name ?? "None")', which nothing before it makes")
      }
      if t.input != nil { inputs.append(t) } else { weights.append(t) }
    }
    guard let first = inputs.first else { throw fail(node, "joins nothing computed") }
    let rank = first.dims.count
    let at = Self.axis(try int(node, "dim", 0), rank: rank)
    let order = OnnxImporter.axesInOrder(first)
    guard (0..<rank).contains(at), at != first.batchAxis, let inOrder = order.firstIndex(of: at),
      inputs.allSatisfy({ $0.layout == first.layout && $0.dims.count == rank })
    else {
      throw fail(node, "joins along axis \(at) of rank-\(rank) tensors of different frames")
    }
    // The channels of a map stay `-1`, as the spec language writes a concatenation.
    let joined = inOrder == order.count - 1 ? -1 : inOrder
    var learned: [Shape] = []
    for w in weights { learned.append(try weightView(node, w, like: first)) }
    guard inputs.count > 1 || !learned.isEmpty else {
      try define(node, as: first)
      return
    }
    try define(
      node, as: try emit(node, .concat(axis: joined), reading: inputs, learned: learned))
  }

  /// A weight's shape in netcost's frame of the data it meets: its dims aligned to the data's from
  /// the last (as PyTorch broadcasts), the batch axis (which must be 1) left out.
  func weightView(_ node: PT2Program.Node, _ w: Tensor, like x: Tensor) throws(Failure) -> Shape {
    guard w.dims.count <= x.dims.count else {
      throw fail(node, "applies a weight of dims \(w.dims) to data of dims \(x.dims)")
    }
    var t = x
    t.dims = Array(repeating: 1, count: x.dims.count - w.dims.count) + w.dims
    // A weight expanded to the batch (ViT's class token, `expand(B, -1, -1)`) is one sample's.
    if let b = x.batchAxis, w.weight, t.dims[b] == batch { t.dims[b] = 1 }
    guard x.batchAxis.map({ t.dims[$0] == 1 }) ?? true, let shape = OnnxImporter.view(t) else {
      throw fail(
        node, "joins a weight of dims \(w.dims) to data of dims \(x.dims)",
        help: batch > 1 ? "export the model at batch 1" : nil)
    }
    return shape
  }
}
