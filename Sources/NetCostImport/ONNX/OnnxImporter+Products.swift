import NetCostCore

/// Operators that combine or reduce along axes: Einsum's batched products, DepthToSpace and
/// SpaceToDepth, and the reductions.
extension OnnxImporter {
  /// Einsum in the forms exporters write for attention: `…ik,…kj->…ij` (a product) and
  /// `…ik,…jk->…ij` (by the second's transpose), the same batch letters leading all three, each
  /// letter one axis (PyTorch writes them spaced: `B G H I D, B G H J D -> B G H I J`).
  mutating func einsum(_ node: OnnxNode, _ index: Int) throws(Failure) {
    let equation = (string(node, "equation") ?? "").filter { !$0.isWhitespace }
    let sides = equation.split(separator: "->", omittingEmptySubsequences: false)
    let operands = sides.first?.split(separator: ",", omittingEmptySubsequences: false) ?? []
    guard sides.count == 2, operands.count == 2, !equation.contains("."), node.inputs.count == 2
    else {
      throw fail(node, index, "has equation '\(equation)'; netcost reads products of two tensors")
    }
    let a = Array(operands[0])
    let b = Array(operands[1])
    let out = Array(sides[1])
    guard let transposed = Self.productForm(a, b, out) else {
      throw fail(
        node, index,
        "has equation '\(equation)', which is not a batched product netcost maps (…ik,…kj->…ij)")
    }
    let (x, _) = try data(node, index, 0)
    let (y, _) = try data(node, index, 1)
    let left = try inOnnxOrder(node, index, x)
    let right = try inOnnxOrder(node, index, y, operand: 2)
    define(
      node,
      as: try emit(node, index, .matmul(transposed: transposed), reading: [left, right]))
  }

  /// Whether the letters of `a`, `b` and `out` are `…ik,…kj->…ij` (false) or `…ik,…jk->…ij`
  /// (true, the second transposed), with one batch prefix; nil for any other form.
  static func productForm(_ a: [Character], _ b: [Character], _ out: [Character]) -> Bool? {
    guard a.count >= 2, b.count == a.count, out.count == a.count else { return nil }
    let batch = a.dropLast(2)
    guard b.dropLast(2) == batch, out.dropLast(2) == batch else { return nil }
    let (i, k) = (a[a.count - 2], a[a.count - 1])
    let (b1, b2) = (b[b.count - 2], b[b.count - 1])
    let (o1, o2) = (out[out.count - 2], out[out.count - 1])
    guard o1 == i else { return nil }
    if b1 == k && o2 == b2 { return false }
    if b2 == k && o2 == b1 { return true }
    return nil
  }

  /// DepthToSpace (N×C×H×W → N×C/b²×Hb×Wb) and SpaceToDepth (the inverse): the same values
  /// moved, as a reshape.
  mutating func depthToSpace(_ node: OnnxNode, _ index: Int) throws(Failure) {
    let (read, _) = try data(node, index, 0)
    let x = try asChannelsFirst(node, index, read)
    let b = int(node, "blocksize", 0)
    let square = b.multipliedReportingOverflow(by: b)
    guard x.dims.count == 4, b >= 1, b <= 1 << 15, !square.overflow else {
      throw fail(node, index, "has blocksize \(b) on dims \(x.dims)")
    }
    let (n, c, h, w) = (x.dims[0], x.dims[1], x.dims[2], x.dims[3])
    let dims: [Int]
    if node.opType == "DepthToSpace" {
      guard c % square.partialValue == 0 else {
        throw fail(node, index, "moves \(c) channels into blocks of \(b)×\(b)")
      }
      dims = [n, c / square.partialValue, h * b, w * b]
    } else {
      guard h % b == 0, w % b == 0 else {
        throw fail(node, index, "cuts \(h)×\(w) into blocks of \(b)×\(b)")
      }
      dims = [n, c * square.partialValue, h / b, w / b]
    }
    try move(node, index, x, to: dims, layout: .channelsFirst)
  }

  /// ReduceSum, ReduceMax and the other reductions over any axes but the batch: a `reduce` of
  /// netcost's axes. Axes come from the attribute (ReduceSum before opset 13, the others before
  /// 18) or the second input; none given reduces every axis unless `noop_with_empty_axes`.
  mutating func reduce(_ node: OnnxNode, _ index: Int) throws(Failure) {
    let (x, _) = try data(node, index, 0)
    let fromInput = node.opType == "ReduceSum" ? opset >= 13 : opset >= 18
    var given: [Int] =
      fromInput && node.inputs.count > 1 && !node.inputs[1].isEmpty
      ? try values(node, index, 1) : (ints(node, "axes") ?? [])
    let rank = x.dims.count
    if given.isEmpty {
      if int(node, "noop_with_empty_axes", 0) == 1 {
        define(node, as: x)
        return
      }
      given = Array(0..<rank)
    }
    let order = Self.axesInOrder(x)
    var axes: [Int] = []
    for value in given {
      let a = axis(value, rank: rank)
      guard (0..<rank).contains(a), a != x.batchAxis, let inOrder = order.firstIndex(of: a) else {
        throw fail(node, index, "reduces axis \(value) of a rank-\(rank) tensor (or its batch)")
      }
      axes.append(inOrder)
    }
    let mode: Reduction.Mode =
      switch node.opType {
      case "ReduceMean": .mean
      case "ReduceSum": .sum
      case "ReduceMax": .max
      case "ReduceMin": .min
      case "ReduceProd": .product
      case "ReduceL1": .l1
      case "ReduceL2": .l2
      case "ReduceLogSum": .logsum
      case "ReduceLogSumExp": .logsumexp
      default: .sumsquare
      }
    let reduction = Reduction(mode: mode, axes: axes, keepsAxes: int(node, "keepdims", 1) == 1)
    define(node, as: try emit(node, index, .reduce(reduction), reading: [x]))
  }

  /// ReduceMean over the spatial axes (a map's two, a volume's three) is global average pooling.
  mutating func reduceMean(_ node: OnnxNode, _ index: Int) throws(Failure) {
    let (x, _) = try data(node, index, 0)
    let rank = x.dims.count
    let given: [Int] =
      opset >= 18 && node.inputs.count > 1 ? try values(node, index, 1) : (ints(node, "axes") ?? [])
    let axes = Set(given.map { axis($0, rank: rank) })
    let channelsFirst = x.layout == .channelsFirst
    let spatial = Set(channelsFirst ? Array(2..<max(2, rank)) : Array(1..<max(1, rank - 1)))
    // Over other axes (a token mean, ECA's channel mean): a `reduce`.
    guard rank == 4 || (rank == 5 && channelsFirst && x.spatialAxes == 3), axes == spatial else {
      return try reduce(node, index)
    }
    var output = try emit(node, index, .globalPooling(.average), reading: [x])
    if int(node, "keepdims", 1) == 0 {
      output.dims = [x.dims[0], x.dims[channelsFirst ? 1 : rank - 1]]
    }
    define(node, as: output)
  }
}
