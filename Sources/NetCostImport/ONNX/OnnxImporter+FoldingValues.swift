import NetCostCore

// Only the C library's exp, log and pow: Foundation would add some 60 MB to a static binary.
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#elseif canImport(Musl)
  import Musl
#endif

/// Folding on constants' values, axis by axis as ONNX defines each operator: Gather, Concat,
/// Slice (negative steps too), and elementwise arithmetic and comparisons with broadcasting.
extension OnnxImporter {
  /// Values picked along `axis` by constant indices: the data's dims with the axis replaced by
  /// the indices' (ONNX's Gather), each index's block of the later axes in turn.
  mutating func foldGather(
    _ node: OnnxNode, _ index: Int, _ data: Tensor, _ picks: Tensor, integer: Bool
  ) throws(Failure) {
    let values = data.values ?? []
    let dims = data.dims.isEmpty ? [values.count] : data.dims
    let at = axis(int(node, "axis", 0), rank: dims.count)
    let indices = picks.values ?? []
    guard dims.indices.contains(at), Self.count(dims) == values.count,
      Self.count(picks.dims) == indices.count
    else { throw fail(node, index, "gathers from constants whose dims and values differ") }
    let n = dims[at]
    let outer = Self.count(dims[..<at]) ?? 0
    let inner = Self.count(dims[(at + 1)...]) ?? 0
    guard let total = Self.count([outer, indices.count, inner]) else {
      throw fail(node, index, "gathers past 2⁶³ values")
    }
    try spend(total, node, index)
    try spendSteps([outer, indices.count], node, index)
    var result: [Double] = []
    result.reserveCapacity(total)
    for o in 0..<outer {
      for i in indices {
        guard let k = Int(exactly: i.rounded()), k >= -n, k < n else {
          throw fail(node, index, "gathers index \(i.shortDescription) of an axis of \(n)")
        }
        let start = (o * n + (k < 0 ? k + n : k)) * inner
        result += values[start..<(start + inner)]
      }
    }
    let shape = Array(dims[..<at]) + picks.dims + Array(dims[(at + 1)...])
    define(node, as: Tensor(dims: shape, values: result, integer: integer))
  }

  /// Constants joined along an axis: each input's block of the axis and those after it, in turn
  /// for every index of the axes before it.
  mutating func foldConcat(
    _ node: OnnxNode, _ index: Int, _ parts: [Tensor], integer: Bool
  ) throws(Failure) {
    // Scalars join as one-value vectors (shape arithmetic's Unsqueeze is often folded away).
    let shaped = parts.map { p in p.dims.isEmpty ? Tensor(dims: [1], values: p.values) : p }
    guard let first = shaped.first else { throw fail(node, index, "joins nothing") }
    let rank = first.dims.count
    let at = axis(int(node, "axis", 0), rank: rank)
    guard (0..<rank).contains(at),
      shaped.allSatisfy({ p in
        p.dims.count == rank && (0..<rank).allSatisfy { $0 == at || p.dims[$0] == first.dims[$0] }
          && Self.count(p.dims) == p.values?.count
      })
    else {
      throw fail(node, index, "joins constants whose dims do not agree")
    }
    let outer = Self.count(first.dims[..<at]) ?? 0
    try spendSteps([outer, shaped.count], node, index)
    var result: [Double] = []
    for o in 0..<outer {
      for p in shaped {
        let block = Self.count(p.dims[at...]) ?? 0
        result += p.values?[(o * block)..<((o + 1) * block)] ?? []
      }
    }
    var dims = first.dims
    var joined = 0
    for p in shaped {
      let (sum, overflow) = joined.addingReportingOverflow(p.dims[at])
      guard !overflow else { throw fail(node, index, "joins constants past 2⁶³ values an axis") }
      joined = sum
    }
    dims[at] = joined
    define(node, as: Tensor(dims: dims, values: result, integer: integer))
  }

  /// A constant sliced on its axes, steps negative too (a reversal), as ONNX's Slice clamps.
  mutating func foldSlice(
    _ node: OnnxNode, _ index: Int, _ x: Tensor, integer: Bool
  ) throws(Failure) {
    let (starts, ends, axes, steps) = try sliceArguments(node, index)
    var dims = x.dims.isEmpty ? [x.values?.count ?? 0] : x.dims
    var values = x.values ?? []
    guard Self.count(dims) == values.count else {
      throw fail(node, index, "slices a constant whose dims and values differ")
    }
    for (i, a) in axes.enumerated() {
      let at = axis(a, rank: dims.count)
      let step = steps[i]
      guard (0..<dims.count).contains(at), step != 0 else {
        throw fail(node, index, "slices axis \(a) of a constant by step \(step)")
      }
      let n = dims[at]
      try spendSteps([n], node, index)
      var picked: [Int] = []
      if step > 0 {
        let (from, to) = Self.clamped(starts[i], ends[i], size: n)
        picked = Array(stride(from: from, to: to, by: step))
      } else {
        var k = max(-1, min(starts[i] < 0 ? starts[i] + n : starts[i], n - 1))
        let end = max(-1, min(ends[i] < 0 ? ends[i] + n : ends[i], n - 1))
        while k > end {
          picked.append(k)
          k += step
        }
      }
      let outer = Self.count(dims[..<at]) ?? 0
      let inner = Self.count(dims[(at + 1)...]) ?? 0
      try spendSteps([outer, picked.count], node, index)
      var sliced: [Double] = []
      for o in 0..<outer {
        for k in picked {
          let start = (o * n + k) * inner
          sliced += values[start..<(start + inner)]
        }
      }
      values = sliced
      dims[at] = picked.count
    }
    try spend(values.count, node, index)
    define(node, as: Tensor(dims: dims, values: values, integer: integer))
  }

  /// Elementwise arithmetic and comparisons on constants, a constant broadcast to the larger
  /// (NumPy's rule on the dims), and `Where`'s choice.
  mutating func foldElementwise(
    _ node: OnnxNode, _ index: Int, _ inputs: [String], integer: Bool
  ) throws(Failure) {
    var operands = inputs.map { tensors[$0] ?? Tensor(dims: []) }
    if node.opType == "Expand" {
      // Expand(x, shape): x broadcast to `shape`, itself a list of sizes.
      let shape = try values(node, index, 1)
      operands = [operands[0], Tensor(dims: shape, values: [0])]
    }
    var dims: [Int] = []
    for t in operands {
      guard let joined = Self.broadcast(dims, t.dims) else {
        throw fail(node, index, "combines constants of dims that do not broadcast")
      }
      dims = joined
    }
    guard let count = Self.count(dims) else {
      throw fail(node, index, "makes a constant of dims \(dims)")
    }
    try spend(count, node, index)
    // The value of an operand at flat position `i` of the output (dims aligned from the last).
    func value(_ t: Tensor, _ i: Int) -> Double {
      guard let values = t.values, !values.isEmpty else { return 0 }
      if values.count == 1 { return values[0] }
      var rest = i
      var flat = 0
      var step = 1
      let offset = dims.count - t.dims.count
      for axis in stride(from: dims.count - 1, through: 0, by: -1) {
        let position = rest % max(dims[axis], 1)
        rest /= max(dims[axis], 1)
        guard axis >= offset else { break }
        let size = t.dims[axis - offset]
        if size > 1 { flat += position * step }
        step *= size
      }
      return flat < values.count ? values[flat] : 0
    }
    var result: [Double] = []
    result.reserveCapacity(count)
    for i in 0..<count {
      let x = value(operands[0], i)
      let y = operands.count > 1 ? value(operands[1], i) : 0
      let v: Double
      switch node.opType {
      case "Add": v = x + y
      case "Sub": v = x - y
      case "Mul": v = x * y
      // Integer division truncates toward zero, as ONNX's Div on integer tensors does.
      case "Div": v = y == 0 ? .infinity : integer ? (x / y).rounded(.towardZero) : x / y
      case "Mod": v = y == 0 ? 0 : x - y * (x / y).rounded(.down)
      case "Pow": v = pow(x, y)
      case "Equal": v = x == y ? 1 : 0
      case "Less": v = x < y ? 1 : 0
      case "Greater": v = x > y ? 1 : 0
      case "LessOrEqual": v = x <= y ? 1 : 0
      case "GreaterOrEqual": v = x >= y ? 1 : 0
      case "Max": v = max(x, y)
      case "Min": v = min(x, y)
      case "And": v = x != 0 && y != 0 ? 1 : 0
      case "Or": v = x != 0 || y != 0 ? 1 : 0
      case "Where": v = x != 0 ? y : value(operands[2], i)
      default: v = x  // Expand
      }
      result.append(v)
    }
    let integral =
      node.opType == "Where"
      ? (operands.count > 2 && operands[1].integer && operands[2].integer)
      : ["Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual", "And", "Or"].contains(
        node.opType) || integer
    define(node, as: Tensor(dims: dims, values: result, integer: integral))
  }
}
