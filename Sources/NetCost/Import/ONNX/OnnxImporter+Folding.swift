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
      inputs.allSatisfy({ tensors[$0]?.values != nil && tensors[$0]?.input == nil })
    else { return false }
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
      let indices = tensors[inputs[1]]?.values ?? []
      try spend(indices.count, node, index)
      result = []
      for i in indices {
        guard abs(i) < 1e15 else { throw fail(node, index, "gathers index \(i)") }
        let k = Int(i < 0 ? i + Double(a.count) : i)
        guard a.indices.contains(k) else {
          throw fail(node, index, "gathers index \(i) of \(a.count)")
        }
        result.append(a[k])
      }
      dims = (tensors[inputs[1]]?.dims ?? []).isEmpty ? [] : [result.count]
      define(node, as: Tensor(dims: dims, values: result, integer: integer))
      return true
    case "Concat":
      var total = 0
      for input in inputs { total = min(total + (tensors[input]?.values?.count ?? 0), Int.max / 2) }
      try spend(total, node, index)
      result = inputs.flatMap { tensors[$0]?.values ?? [] }
    case "Slice":
      let starts = try values(node, index, 1)
      let ends = try values(node, index, 2)
      guard let s = starts.first, let e = ends.first else { return false }
      let n = a.count
      let from = max(0, min(s < 0 ? s + n : s, n))
      let to = max(from, min(e < 0 ? e + n : e, n))
      result = Array(a[from..<to])
    case "Add", "Sub", "Mul", "Div":
      let b = tensors[inputs[1]]?.values ?? []
      guard a.count == b.count || a.count == 1 || b.count == 1 else {
        throw fail(node, index, "combines constants of \(a.count) and \(b.count) values")
      }
      let count = max(a.count, b.count)
      try spend(count, node, index)
      result = (0..<count).map { i in
        let x = a[a.count == 1 ? 0 : i]
        let y = b[b.count == 1 ? 0 : i]
        switch node.opType {
        case "Add": return x + y
        case "Sub": return x - y
        case "Mul": return x * y
        // Integer division truncates toward zero, as ONNX's Div on integer tensors does.
        default: return y == 0 ? .infinity : integer ? (x / y).rounded(.towardZero) : x / y
        }
      }
      dims = a.count >= b.count ? aDims : (tensors[inputs[1]]?.dims ?? [])
      define(node, as: Tensor(dims: dims, values: result, integer: integer))
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
