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
        // As an initializer's: each dim 0 to 2³¹ − 1.
        guard t.dims.allSatisfy({ $0 >= 0 && $0 <= Int64(Int32.max) }) else {
          throw fail(node, index, "holds a constant of dims \(t.dims)")
        }
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
        throw fail(
          node, index,
          "has a range of \(steps.shortDescription) values, which netcost does not fold")
      }
      let count = max(0, Int(steps))
      try spend(count, node, index)
      result = (0..<count).map { start + Double($0) * delta }
      define(node, as: Tensor(dims: [count], values: result, integer: integer))
      return true
    case "Neg", "Abs", "Sqrt", "Reciprocal", "Exp", "Log", "Round", "Not", "Sign", "Sin", "Cos":
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
        case "Sin": sin(x)
        case "Cos": cos(x)
        default: x == 0 ? 1 : 0
        }
      }
      define(node, as: Tensor(dims: aDims, values: result, integer: integer))
      return true
    case "Add", "Sub", "Mul", "Div", "Mod", "Pow", "Equal", "Less", "Greater", "LessOrEqual",
      "GreaterOrEqual", "Max", "Min", "And", "Or", "Where", "Expand":
      try foldElementwise(node, index, inputs, integer: integer)
      return true
    case "Tile":
      let source = tensors[inputs[0]] ?? Tensor(dims: [])
      let dims = try tiledDims(node, index, source)
      let count = Self.count(dims) ?? Int.max
      try spend(count, node, index)
      guard Self.count(aDims) == a.count else {
        throw fail(node, index, "tiles a constant of dims \(aDims) holding \(a.count) values")
      }
      // Each output position reads the input at its index modulo each axis.
      result = (0..<count).map { flat in
        var rest = flat
        var from = 0
        var step = 1
        for axis in stride(from: dims.count - 1, through: 0, by: -1) {
          from += (rest % dims[axis] % aDims[axis]) * step
          rest /= dims[axis]
          step *= aDims[axis]
        }
        return a[from]
      }
      define(node, as: Tensor(dims: dims, values: result, integer: integer))
      return true
    default:
      // Not folded by value: what only moves constants, or computes from them, keeps their dims.
      return try moveWeight(node, index)
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

  /// Counts `values` against the folding budget, before they are made where that is possible.
  /// The steps of a fold's loops, the product of `counts`, spent as values: a constant of no
  /// values may still have 2⁶² positions before its empty axis to walk (a 146-byte file
  /// folded forever, issue 25).
  mutating func spendSteps(_ counts: [Int], _ node: OnnxNode, _ index: Int) throws(Failure) {
    try spend(Self.count(counts) ?? Int.max, node, index)
  }

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
