import NetCostCore

// Only the C library's exp, log and pow: Foundation would add some 60 MB to a static binary.
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#elseif canImport(Musl)
  import Musl
#endif

/// Shape arithmetic folded to constants: exporters compute a reshape's target from `Shape`, with
/// `Gather`, `Div`, `Unsqueeze` and `Concat` on its dims; netcost computes the same numbers once,
/// as ONNX defines them (integer division truncates).
extension OnnxImporter {
  /// Folds a node whose inputs are all constants (or which only reads a shape): its outputs are
  /// constants too. Returns false for a node on data.
  mutating func fold(_ node: OnnxNode, _ index: Int) throws(Failure) -> Bool {
    switch node.opType {
    case "Constant":
      var tensor = Tensor(dims: [])
      switch node.attributes["value"] {
      case .tensor(let t)?:
        tensor.dims = t.dims.map { Int(clamping: $0) }
        tensor.values = t.values
        tensor.integer = OnnxTensor.integerTypes.contains(t.dataType)
      default:
        if case .int(let v)? = node.attributes["value_int"] {
          tensor.values = [Double(v)]
          tensor.integer = true
        }
        if case .ints(let v)? = node.attributes["value_ints"] {
          tensor.values = v.map(Double.init)
          tensor.dims = [v.count]
          tensor.integer = true
        }
        if case .float(let v)? = node.attributes["value_float"] { tensor.values = [v] }
        if case .floats(let v)? = node.attributes["value_floats"] {
          tensor.values = v
          tensor.dims = [v.count]
        }
      }
      define(node, as: tensor)
      return true
    case "Shape":
      // A tensor's dims are known here even when its values are computed.
      let t = try tensor(node, index, 0)
      let rank = t.dims.count
      let start = axis(int(node, "start", 0), rank: rank)
      let end = axis(int(node, "end", rank), rank: rank)
      let dims = Array(t.dims[max(0, min(start, rank))..<max(0, min(max(start, end), rank))])
      define(node, as: Tensor(dims: [dims.count], values: dims.map(Double.init), integer: true))
      return true
    default: break
    }
    let inputs = node.inputs.filter { !$0.isEmpty }
    guard !inputs.isEmpty,
      inputs.allSatisfy({ tensors[$0]?.input == nil && tensors[$0]?.pattern == nil })
    else { return false }
    // A weight (values in the file's external data, or not read) moved without computing: a
    // class token expanded or reshaped stays a weight, of new dims.
    if inputs.contains(where: { tensors[$0]?.values == nil }) {
      return try moveWeight(node, index)
    }
    let a = tensors[inputs[0]]?.values ?? []
    let aDims = tensors[inputs[0]]?.dims ?? []
    let integer =
      node.opType == "Cast"
      ? OnnxTensor.integerTypes.contains(Int64(int(node, "to", 1)))
      : inputs.allSatisfy { tensors[$0]?.integer ?? false }
    var result: [Double]
    var dims: [Int] = [0]
    switch node.opType {
    case "Identity", "Cast", "Reshape", "Squeeze", "Unsqueeze", "Flatten", "Floor", "Ceil":
      result = a
      if node.opType == "Floor" { result = a.map { $0.rounded(.down) } }
      if node.opType == "Ceil" { result = a.map { $0.rounded(.up) } }
    case "Gather":
      try foldGather(
        node, index, tensors[inputs[0]] ?? Tensor(dims: []),
        tensors[inputs[1]] ?? Tensor(dims: []), integer: integer)
      return true
    case "Concat":
      var total = 0
      for input in inputs { total = min(total + (tensors[input]?.values?.count ?? 0), Int.max / 2) }
      try spend(total, node, index)
      try foldConcat(node, index, inputs.compactMap { tensors[$0] }, integer: integer)
      return true
    case "Slice":
      try foldSlice(node, index, tensors[inputs[0]] ?? Tensor(dims: []), integer: integer)
      return true
    case "Clip":
      // Bounds from inputs (opset 11 on) or attributes; what is clipped is shape arithmetic
      // (timm's same-padding computes its pads with Clip).
      var low = float(node, "min") ?? -.infinity
      var high = float(node, "max") ?? .infinity
      if node.inputs.count > 1, let v = tensors[node.inputs[1]]?.values?.first { low = v }
      if node.inputs.count > 2, let v = tensors[node.inputs[2]]?.values?.first { high = v }
      try spend(a.count, node, index)
      define(
        node,
        as: Tensor(dims: aDims, values: a.map { min(max($0, low), high) }, integer: integer))
      return true
    case "ScatterND":
      // Values written at constant indices (Swin's shift mask, made in a loop).
      guard inputs.count == 3, let indices = tensors[inputs[1]], let updates = tensors[inputs[2]],
        let k = indices.dims.last, k >= 1, k <= aDims.count, Self.count(aDims) == a.count,
        Self.count(indices.dims) == indices.values?.count,
        Self.count(updates.dims) == updates.values?.count
      else { throw fail(node, index, "scatters constants netcost cannot fold") }
      try spend(a.count, node, index)
      let block = Self.count(aDims[k...]) ?? 0
      let where_ = indices.values ?? []
      let written = updates.values ?? []
      var result = a
      for (n, start) in stride(from: 0, to: where_.count, by: k).enumerated() {
        var flat = 0
        for axis in 0..<k {
          let v = Int(exactly: where_[start + axis].rounded()) ?? -1
          let position = v < 0 ? v + aDims[axis] : v
          guard (0..<aDims[axis]).contains(position) else {
            throw fail(node, index, "scatters to index \(v) of an axis of \(aDims[axis])")
          }
          flat = flat * aDims[axis] + position
        }
        guard (n + 1) * block <= written.count else {
          throw fail(node, index, "scatters fewer updates than its indices name")
        }
        for j in 0..<block { result[flat * block + j] = written[n * block + j] }
      }
      define(node, as: Tensor(dims: aDims, values: result, integer: integer))
      return true
    case "Transpose":
      let perm = ints(node, "perm") ?? Array((0..<aDims.count).reversed())
      guard perm.count == aDims.count, Set(perm) == Set(aDims.indices),
        Self.count(aDims) == a.count
      else {
        throw fail(node, index, "transposes a constant of dims \(aDims) by \(perm)")
      }
      try spend(a.count, node, index)
      let dims = perm.map { aDims[$0] }
      var result = Array(repeating: 0.0, count: a.count)
      // Strides of the input's axes; each output position reads the input at its permuted index.
      // Strides of the input's axes (their products fit: they are at most the values' count,
      // checked above, unless an axis is 0, when there is nothing to move).
      var strides = Array(repeating: 1, count: aDims.count)
      if !a.isEmpty {
        for i in stride(from: aDims.count - 2, through: 0, by: -1) {
          strides[i] = strides[i + 1] * aDims[i + 1]
        }
      }
      for flat in 0..<a.count {
        var rest = flat
        var source = 0
        for o in stride(from: dims.count - 1, through: 0, by: -1) {
          source += (rest % dims[o]) * strides[perm[o]]
          rest /= dims[o]
        }
        result[flat] = a[source]
      }
      define(node, as: Tensor(dims: dims, values: result, integer: integer))
      return true
    case "ConstantOfShape":
      let shape = a.map { Int(clamping: Int64(exactly: $0.rounded()) ?? -1) }
      guard let count = Self.count(shape) else {
        throw fail(node, index, "makes a constant of dims \(shape)")
      }
      try spend(count, node, index)
      var fill = 0.0
      var integral = false
      if case .tensor(let t)? = node.attributes["value"], let v = t.values?.first {
        fill = v
        integral = OnnxTensor.integerTypes.contains(t.dataType)
      }
      define(
        node,
        as: Tensor(dims: shape, values: Array(repeating: fill, count: count), integer: integral))
      return true
    case "Range":
      let (b, c) = (
        tensors[inputs[1]]?.values ?? [], tensors[inputs.count > 2 ? inputs[2] : ""]?.values ?? []
      )
      guard let start = a.first, let limit = b.first, let delta = c.first, delta != 0,
        abs(start) < 1e15, abs(limit) < 1e15
      else { throw fail(node, index, "has a range netcost cannot fold") }
      let steps = ((limit - start) / delta).rounded(.up)
      guard steps.isFinite, steps <= Double(Self.foldingBudget) else {
        throw fail(node, index, "has a range of \(steps) values, which netcost does not fold")
      }
      let count = max(0, Int(steps))
      try spend(count, node, index)
      result = (0..<count).map { start + Double($0) * delta }
      define(node, as: Tensor(dims: [count], values: result, integer: integer))
      return true
    case "Neg", "Abs", "Sqrt", "Reciprocal", "Exp", "Log", "Round", "Not", "Sign":
      try spend(a.count, node, index)
      result = a.map { x in
        switch node.opType {
        case "Neg": -x
        case "Abs": abs(x)
        case "Sqrt": x.squareRoot()
        case "Reciprocal": 1 / x
        case "Exp": exp(x)
        case "Log": log(x)
        case "Round": x.rounded(.toNearestOrEven)
        case "Sign": x > 0 ? 1 : x < 0 ? -1 : 0
        default: x == 0 ? 1 : 0
        }
      }
      define(node, as: Tensor(dims: aDims, values: result, integer: integer))
      return true
    case "Add", "Sub", "Mul", "Div", "Mod", "Pow", "Equal", "Less", "Greater", "LessOrEqual",
      "GreaterOrEqual", "Max", "Min", "And", "Or", "Where", "Expand":
      try foldElementwise(node, index, inputs, integer: integer)
      return true
    default:
      return false
    }
    dims = result.count == 1 && aDims.isEmpty ? [] : [result.count]
    if let source = tensors[inputs[0]] {
      switch node.opType {
      case "Reshape": dims = try reshaped(node, index, source, try values(node, index, 1))
      case "Squeeze", "Unsqueeze": dims = try squeezed(node, index, source)
      case "Identity", "Cast", "Floor", "Ceil": dims = source.dims
      default: break
      }
    }
    if integer { result = result.map { $0.rounded(.towardZero) } }
    if node.opType != "Concat" { try spend(result.count, node, index) }
    define(node, as: Tensor(dims: dims, values: result, integer: integer))
    return true
  }

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
    var result: [Double] = []
    result.reserveCapacity(total)
    for o in 0..<outer {
      for i in indices {
        guard let k = Int(exactly: i.rounded()), k >= -n, k < n else {
          throw fail(node, index, "gathers index \(i) of an axis of \(n)")
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
    let starts = try clampedValues(node, index, 1)
    let ends = try clampedValues(node, index, 2)
    let axes =
      node.inputs.count > 3 && !node.inputs[3].isEmpty
      ? try values(node, index, 3) : Array(0..<starts.count)
    let steps =
      node.inputs.count > 4 && !node.inputs[4].isEmpty
      ? try clampedValues(node, index, 4) : starts.map { _ in 1 }
    var dims = x.dims.isEmpty ? [x.values?.count ?? 0] : x.dims
    var values = x.values ?? []
    guard starts.count == ends.count, axes.count == starts.count, steps.count == starts.count,
      Self.count(dims) == values.count
    else {
      throw fail(node, index, "slices a constant with starts, ends, axes and steps that differ")
    }
    for (i, a) in axes.enumerated() {
      let at = axis(a, rank: dims.count)
      let step = steps[i]
      guard (0..<dims.count).contains(at), step != 0 else {
        throw fail(node, index, "slices axis \(a) of a constant by step \(step)")
      }
      let n = dims[at]
      var picked: [Int] = []
      if step > 0 {
        var k = max(0, min(starts[i] < 0 ? starts[i] + n : starts[i], n))
        let end = max(0, min(ends[i] < 0 ? ends[i] + n : ends[i], n))
        while k < end {
          picked.append(k)
          k += step
        }
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
      let rank = max(dims.count, t.dims.count)
      let a = Array(repeating: 1, count: rank - dims.count) + dims
      let b = Array(repeating: 1, count: rank - t.dims.count) + t.dims
      dims = []
      for (x, y) in zip(a, b) {
        guard x == y || x == 1 || y == 1 else {
          throw fail(node, index, "combines constants of dims that do not broadcast")
        }
        dims.append(x == 1 ? y : x)
      }
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

  /// Counts `values` against the folding budget, before they are made where that is possible.
  mutating func spend(_ values: Int, _ node: OnnxNode, _ index: Int) throws(Failure) {
    guard values <= Self.foldingBudget - foldedValues else {
      throw fail(
        node, index,
        "folds constants of more than \(NumberFormat.grouped(Self.foldingBudget)) values in all; "
          + "netcost folds shape arithmetic, not data")
    }
    foldedValues += values
  }
}
