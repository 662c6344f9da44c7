import NetCostCore

/// Constants whose values are not read (weights in external data, or too large to fold): only
/// their dims move through the operators that move them, and a weight stays one.
extension OnnxImporter {
  /// Which axes of weight `x` repeat its values: none when its values are its dims' product,
  /// those followed in `repeatedAxes` otherwise, nil when not known.
  static func repeatedAxes(_ x: Tensor) -> [Bool]? {
    if x.weightValues == Shape.product(x.dims) {
      return Array(repeating: false, count: x.dims.count)
    }
    guard let r = x.repeatedAxes, r.count == x.dims.count else { return nil }
    return r
  }

  /// What a weight moved by `node` from `x` stands for: its values and which of its axes repeat
  /// them (`share` says what a pick of rows stands for); a lookup by indices repeats what it
  /// looks up along the indices' axes; moves keep both.
  func carried(
    _ node: OnnxNode, _ index: Int, from x: Tensor
  ) throws(Failure) -> (values: Int, repeated: [Bool]?) {
    let repeated = Self.repeatedAxes(x)
    switch node.opType {
    case "Identity", "Cast": return (x.weightValues, repeated)
    case "Squeeze", "Unsqueeze":
      let (dims, positions) = try squeezedAxes(node, index, x)
      guard let repeated else { return (x.weightValues, nil) }
      var axes = Array(repeating: false, count: dims.count)
      for (i, p) in positions.enumerated() { if let p { axes[p] = repeated[i] } }
      return (x.weightValues, axes)
    case "Transpose":
      let perm = ints(node, "perm") ?? Array((0..<x.dims.count).reversed())
      guard let repeated, perm.allSatisfy(repeated.indices.contains) else {
        return (x.weightValues, nil)
      }
      return (x.weightValues, perm.map { repeated[$0] })
    case "Gather":
      let indices = try tensor(node, index, 1)
      let at = axis(int(node, "axis", 0), rank: x.dims.count)
      guard x.dims.indices.contains(at) else { return (x.weightValues, nil) }
      let picked = indices.values.map { Set($0).count } ?? Shape.product(indices.dims) ?? 0
      let values = try share(of: x, axis: at, rows: picked, repeated: repeated, node, index)
      return (
        values,
        repeated.map { r in
          Array(r[..<at]) + Array(repeating: true, count: indices.dims.count)
            + Array(r[(at + 1)...])
        }
      )
    case "Slice":
      let (starts, ends, axes, steps) = try sliceArguments(node, index)
      var t = x
      for (i, a) in axes.enumerated() {
        let at = axis(a, rank: t.dims.count)
        guard t.dims.indices.contains(at), steps[i] >= 1 else { return (x.weightValues, nil) }
        let (from, to) = Self.clamped(starts[i], ends[i], size: t.dims[at])
        let kept = (to - from + steps[i] - 1) / steps[i]
        t.weightValues = try share(of: t, axis: at, rows: kept, repeated: repeated, node, index)
        t.dims[at] = kept
      }
      return (t.weightValues, repeated)
    default: return (x.weightValues, nil)
    }
  }

  /// The values of weight `x` that `rows` of its `axis` hold. A table read in part as it is
  /// stored counts whole, as PyTorch counts a parameter (and each reading node, per use); a table
  /// already looked up (some axes repeat its values) and then split along an axis that holds
  /// them apart (EfficientViT's biases gathered once, then one head each) counts that share
  /// in each part, so the parts count the table once.
  func share(
    of x: Tensor, axis: Int, rows: Int, repeated: [Bool]?, _ node: OnnxNode, _ index: Int
  ) throws(Failure) -> Int {
    let size = x.dims[axis]
    guard rows < size, size > 0, let repeated, repeated.contains(true), !repeated[axis],
      x.weightValues % size == 0
    else { return x.weightValues }
    let (scaled, overflow) = x.weightValues.multipliedReportingOverflow(by: max(rows, 0))
    guard !overflow else { throw fail(node, index, "picks past 2⁶³ values of a weight") }
    return scaled / size
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
    case "GatherND":
      // A table gathered by tuples of constant indices (LeViT's and GCViT's attention biases
      // from the dynamo exporter): the indices' dims but the last, then the table's dims the
      // tuples do not index.
      let indices = try tensor(node, index, 1)
      let batchDims = int(node, "batch_dims", 0)
      guard let k = indices.dims.last, batchDims >= 0, batchDims < indices.dims.count,
        k >= 1, batchDims + k <= x.dims.count,
        Array(x.dims.prefix(batchDims)) == Array(indices.dims.prefix(batchDims))
      else {
        throw fail(
          node, index, "gathers a weight of dims \(x.dims) by indices of dims \(indices.dims)")
      }
      // Indices read from the file must name a place inside the table (−size…size − 1).
      for (i, v) in (indices.values ?? []).enumerated() {
        let size = x.dims[batchDims + i % k]
        guard v >= Double(-size), v < Double(size) else {
          throw fail(node, index, "gathers index \(v.shortDescription) of an axis of \(size)")
        }
      }
      t.dims = Array(indices.dims.dropLast()) + Array(x.dims[(batchDims + k)...])
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
    case "Concat":
      // Constants joined (EdgeNeXt's position encoding): their dims summed along the axis (which
      // of them are weights, `apply` says for every join).
      let parts = try node.inputs.indices.filter { !node.inputs[$0].isEmpty }.map {
        (i) throws(Failure) in try tensor(node, index, i)
      }
      let at = axis(int(node, "axis", 0), rank: x.dims.count)
      guard x.dims.indices.contains(at),
        parts.allSatisfy({ part in
          part.dims.count == x.dims.count
            && part.dims.indices.allSatisfy { $0 == at || part.dims[$0] == x.dims[$0] }
        })
      else { throw fail(node, index, "joins constants whose dims do not agree off axis \(at)") }
      var total = 0
      for p in parts {
        let (sum, overflow) = total.addingReportingOverflow(p.dims[at])
        guard !overflow else { throw fail(node, index, "joins constants past 2⁶³ values") }
        total = sum
      }
      t.dims[at] = total
    case "Tile":
      // A weight repeated (XCiT's position encoding tiled over the batch): still the weight.
      t.dims = try tiledDims(node, index, x)
    case "ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceProd", "ReduceL1",
      "ReduceL2", "ReduceLogSum", "ReduceLogSumExp", "ReduceSumSquare":
      // Statistics of a weight (a standardized convolution's mean and deviation, BiT's StdConv
      // and NFNet's ScaledStdConv): computed from weights, so a constant, not a weight.
      t.dims = try reducedDims(node, index, x.dims)
      t.weight = false
    case "Expand":
      let shape = try values(node, index, 1)
      guard let dims = Self.broadcast(x.dims, shape) else {
        throw fail(node, index, "expands a weight of dims \(x.dims) to \(shape)")
      }
      t.dims = dims
    case "Sigmoid", "Tanh", "Relu", "Softmax", "Clip", "Neg", "Exp":
      // A function of one weight, value by value (ConViT's gate): its dims (that it stands for
      // the weight's values, `apply` says, as for a moved weight).
      break
    case "BatchNormalization", "LayerNormalization", "InstanceNormalization", "CumSum":
      // Normalized or scanned constants (a standardized convolution's weight written as batch
      // norm over it, BiT's StdConv2d; EdgeNeXt's position grid): computed, of the same dims.
      t.weight = false
    case "Add", "Sub", "Mul", "Div", "Equal", "Where", "Not", "Less", "Greater", "Pow", "Sqrt",
      "Abs", "Max", "Min", "And", "Or", "Mod", "Floor", "Ceil", "Reciprocal", "Log",
      "Sin", "Cos", "Erf", "LessOrEqual", "GreaterOrEqual", "ScatterElements":
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
    (t.weightValues, t.repeatedAxes) = try carried(node, index, from: x)
    t.batchAxis = nil
    define(node, as: t)
    return true
  }

  /// A Tile's output dims: each axis times its repeat, one repeat per axis, each at least 1.
  func tiledDims(_ node: OnnxNode, _ index: Int, _ x: Tensor) throws(Failure) -> [Int] {
    let repeats = try values(node, index, 1)
    guard repeats.count == x.dims.count, repeats.allSatisfy({ $0 >= 1 }) else {
      throw fail(
        node, index, "repeats \(repeats), not one count of at least 1 per axis of \(x.dims)")
    }
    var dims: [Int] = []
    for (d, r) in zip(x.dims, repeats) {
      let (size, overflow) = d.multipliedReportingOverflow(by: r)
      guard !overflow, Self.count(dims + [size]) != nil else {
        throw fail(node, index, "repeats \(x.dims) by \(repeats), past 2⁶³ values")
      }
      dims.append(size)
    }
    return dims
  }

  /// A reduction's output dims: axes from the attribute or the second input (as `reduce` reads
  /// them), each kept as 1 or dropped.
  func reducedDims(_ node: OnnxNode, _ index: Int, _ dims: [Int]) throws(Failure) -> [Int] {
    let fromInput = node.opType == "ReduceSum" ? opset >= 13 : opset >= 18
    var given: [Int] =
      fromInput && node.inputs.count > 1 && !node.inputs[1].isEmpty
      ? try values(node, index, 1) : (ints(node, "axes") ?? [])
    if given.isEmpty {
      if int(node, "noop_with_empty_axes", 0) == 1 { return dims }
      given = Array(dims.indices)
    }
    var reduced = Set<Int>()
    for value in given {
      let a = axis(value, rank: dims.count)
      guard dims.indices.contains(a), reduced.insert(a).inserted else {
        throw fail(node, index, "reduces axis \(value) of a rank-\(dims.count) constant")
      }
    }
    let keeps = int(node, "keepdims", 1) == 1
    return dims.indices.compactMap { reduced.contains($0) ? (keeps ? 1 : nil) : dims[$0] }
  }
}
