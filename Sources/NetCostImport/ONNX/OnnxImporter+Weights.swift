import NetCostCore

/// Constants whose values are not read (weights in external data, or too large to fold): only
/// their dims move through the operators that move them, and a weight stays one.
extension OnnxImporter {
  /// A weight's dims after an operator that only moves it (Expand, Reshape, Squeeze, Unsqueeze,
  /// Transpose, Identity, Cast): still a weight, values unread. False for anything else.
  mutating func moveWeight(_ node: OnnxNode, _ index: Int) throws(Failure) -> Bool {
    let x = try tensor(node, index, 0)
    var t = Tensor(dims: x.dims, input: nil, weight: x.weight, weightValues: x.weightValues)
    switch node.opType {
    case "Identity", "Cast": break
    case "Reshape": t.dims = try reshaped(node, index, x, try values(node, index, 1))
    case "Squeeze", "Unsqueeze": t.dims = try squeezed(node, index, x)
    case "Transpose":
      let perm = ints(node, "perm") ?? Array((0..<x.dims.count).reversed())
      guard Set(perm) == Set(x.dims.indices), perm.count == x.dims.count else {
        throw fail(node, index, "has perm \(perm) for a weight of dims \(x.dims)")
      }
      t.dims = perm.map { x.dims[$0] }
    case "Gather":
      // A table indexed by constants (Swin's relative position bias): a weight of the dims ONNX
      // gives, the data's with the axis replaced by the indices'.
      let indices = try tensor(node, index, 1)
      let at = axis(int(node, "axis", 0), rank: x.dims.count)
      guard x.dims.indices.contains(at) else {
        throw fail(node, index, "gathers axis \(at) of a weight of dims \(x.dims)")
      }
      t.dims = Array(x.dims[..<at]) + indices.dims + Array(x.dims[(at + 1)...])
    case "Slice":
      // Part of a weight: its dims as Slice clamps them.
      let (starts, ends, axes, steps) = try sliceArguments(node, index)
      for (i, a) in axes.enumerated() {
        let at = axis(a, rank: t.dims.count)
        guard t.dims.indices.contains(at), steps[i] >= 1 else {
          throw fail(node, index, "slices axis \(a) of a weight by step \(steps[i])")
        }
        let (from, to) = Self.clamped(starts[i], ends[i], size: t.dims[at])
        t.dims[at] = (to - from + steps[i] - 1) / steps[i]
      }
    case "ScatterND":
      // A weight written into a constant (Swin's relative position bias, precomputed): a
      // weight of the constant's dims.
      let updates = try tensor(node, index, 2)
      t.weight = updates.weight
      t.weightValues = updates.weightValues
    case "Expand":
      let shape = try values(node, index, 1)
      guard let dims = Self.broadcast(x.dims, shape) else {
        throw fail(node, index, "expands a weight of dims \(x.dims) to \(shape)")
      }
      t.dims = dims
    case "Add", "Sub", "Mul", "Div", "Equal", "Where", "Not", "Less", "Greater", "Pow", "Sqrt",
      "Neg", "Abs", "Max", "Min", "And", "Or", "Mod", "Floor", "Ceil", "Reciprocal", "Exp", "Log":
      // Arithmetic on constants whose values are not read (Swin's shift mask from a stored
      // table): a constant of the broadcast dims, computed, so not a weight.
      var dims: [Int] = []
      for i in node.inputs.indices where !node.inputs[i].isEmpty {
        guard let joined = Self.broadcast(dims, try tensor(node, index, i).dims) else {
          throw fail(node, index, "combines constants of dims that do not broadcast")
        }
        dims = joined
      }
      t.dims = dims
      t.weight = false
      t.integer = ["Equal", "Not", "Less", "Greater", "And", "Or"].contains(node.opType)
    default: return false
    }
    t.batchAxis = nil
    define(node, as: t)
    return true
  }
}
