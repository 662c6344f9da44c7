import NetCostCore

/// Elementwise functions that compute no multiply-accumulate: named activations, and any other
/// function of one computed tensor (with constants beside it) as a `math` layer.
extension OnnxImporter {
  /// Functions of one tensor and of a tensor with constants, each a `math` layer: the row is
  /// named by its node, whose operator says which function it is.
  static let mathOperators: Set<String> = [
    "Sqrt", "Exp", "Log", "Neg", "Abs", "Reciprocal", "Sin", "Cos", "Tan", "Floor", "Ceil",
    "Round", "Sign", "Not", "IsNaN", "IsInf", "CumSum", "Selu", "Celu", "ThresholdedRelu",
    "Softsign", "HardShrink", "Shrink", "Pow", "Equal", "Less", "Greater", "LessOrEqual",
    "GreaterOrEqual", "Mod", "And", "Or", "Xor", "Where", "Min", "Max", "BitShift",
  ]

  /// `node` as a `math` layer on its one computed input; constants beside it (an exponent, a
  /// bound, a mask) may not make the result larger than that input. Max, Min and Where of two
  /// computed tensors are an elementwise `max` (broadcast as Add is, no arithmetic counted).
  mutating func math(_ node: OnnxNode, _ index: Int) throws(Failure) {
    var computed = node.inputs.indices.filter {
      !node.inputs[$0].isEmpty && tensors[node.inputs[$0]]?.input != nil
    }
    // Where(condition, x, y) picks from x and y: a computed condition only chooses (the dynamo
    // exporter's Softplus: Where(x > 20, x, softplus(x))).
    if node.opType == "Where", computed.count >= 2, computed.first == 0 {
      computed.removeFirst()
    }
    if computed.count >= 2, ["Max", "Min", "Where"].contains(node.opType) {
      let operands = try computed.map { (i) throws(Failure) in try data(node, index, i).0 }
      // Every input, a Where's condition too, broadcast to the operands' dims.
      var dims: [Int] = []
      for d in operands.map(\.dims) { dims = Self.broadcast(dims, d) ?? [] }
      let all = try node.inputs.indices.filter { !node.inputs[$0].isEmpty }.map {
        (i) throws(Failure) in try tensor(node, index, i).dims
      }
      guard all.allSatisfy({ Self.broadcasts($0, to: dims) })
      else {
        throw fail(node, index, "combines tensors of dims \(all), which do not broadcast")
      }
      define(node, as: try emit(node, index, .maximum, reading: operands))
      return
    }
    guard computed.count == 1, let at = computed.first else {
      throw fail(
        node, index,
        "combines \(computed.count) computed tensors elementwise; netcost models this operator "
          + "on one computed tensor and constants")
    }
    let (x, _) = try data(node, index, at)
    var dims = x.dims
    for i in node.inputs.indices where i != at && !node.inputs[i].isEmpty {
      // CumSum's axis is a scalar; a Where's condition, a Pow's exponent broadcast.
      let other = try tensor(node, index, i)
      guard let joined = Self.broadcast(dims, other.dims) else {
        throw fail(node, index, "combines dims \(x.dims) with a constant of dims \(other.dims)")
      }
      dims = joined
    }
    guard dims == x.dims else {
      throw fail(
        node, index,
        "broadcasts \(x.dims) to \(dims) by a constant; netcost models a function that keeps "
          + "its input's dims")
    }
    define(node, as: try emit(node, index, .activation(.math), reading: [x]))
  }
}
