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
      let starts = try clampedValues(node, index, 1)
      let ends = try clampedValues(node, index, 2)
      let axes =
        node.inputs.count > 3 && !node.inputs[3].isEmpty
        ? try values(node, index, 3) : Array(0..<starts.count)
      let steps =
        node.inputs.count > 4 && !node.inputs[4].isEmpty
        ? try clampedValues(node, index, 4) : starts.map { _ in 1 }
      guard starts.count == ends.count, axes.count == starts.count, steps.count == starts.count
      else { throw fail(node, index, "slices a weight with starts, ends and axes that differ") }
      for (i, a) in axes.enumerated() {
        let at = axis(a, rank: t.dims.count)
        guard t.dims.indices.contains(at), steps[i] >= 1 else {
          throw fail(node, index, "slices axis \(a) of a weight by step \(steps[i])")
        }
        let n = t.dims[at]
        let from = max(0, min(starts[i] < 0 ? starts[i] + n : starts[i], n))
        let to = max(from, min(ends[i] < 0 ? ends[i] + n : ends[i], n))
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
      let rank = max(shape.count, x.dims.count)
      let a = Array(repeating: 1, count: rank - x.dims.count) + x.dims
      let b = Array(repeating: 1, count: rank - shape.count) + shape
      guard zip(a, b).allSatisfy({ $0 == $1 || $0 == 1 || $1 == 1 }) else {
        throw fail(node, index, "expands a weight of dims \(x.dims) to \(shape)")
      }
      t.dims = zip(a, b).map { $0 == 1 ? $1 : $0 }
    case "Add", "Sub", "Mul", "Div", "Equal", "Where", "Not", "Less", "Greater", "Pow", "Sqrt",
      "Neg", "Abs", "Max", "Min", "And", "Or", "Mod", "Floor", "Ceil", "Reciprocal", "Exp", "Log":
      // Arithmetic on constants whose values are not read (Swin's shift mask from a stored
      // table): a constant of the broadcast dims, computed, so not a weight.
      var dims: [Int] = []
      for name in node.inputs where !name.isEmpty {
        let other = try tensor(node, index, node.inputs.firstIndex(of: name) ?? 0)
        let rank = max(dims.count, other.dims.count)
        let a = Array(repeating: 1, count: rank - dims.count) + dims
        let b = Array(repeating: 1, count: rank - other.dims.count) + other.dims
        guard zip(a, b).allSatisfy({ $0 == $1 || $0 == 1 || $1 == 1 }) else {
          throw fail(node, index, "combines constants of dims that do not broadcast")
        }
        dims = zip(a, b).map { $0 == 1 ? $1 : $0 }
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
