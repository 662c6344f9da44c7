import NetCostCore

/// Operators that move data without computing: views and reshapes, permutations, picks and
/// slices. Each is nothing when netcost's view of the tensor stays the same, else the `reshape`,
/// `transpose` or `slice` it is.
extension PT2Importer {
  /// flatten(self, start_dim, end_dim): the axes from start to end merged into one.
  mutating func flatten(_ node: PT2Program.Node) throws(Failure) {
    let x = try data(node, "self")
    let rank = x.dims.count
    let start = Self.axis(try int(node, "start_dim", 0), rank: rank)
    let end = Self.axis(try int(node, "end_dim", -1), rank: rank)
    guard rank >= 1, 0 <= start, start <= end, end < rank,
      let merged = Shape.product(x.dims[start...end])
    else {
      throw fail(node, "flattens axes \(start) to \(end) of a rank-\(rank) tensor")
    }
    let dims = Array(x.dims[..<start]) + [merged] + Array(x.dims[(end + 1)...])
    try define(node, as: try move(node, x, to: dims))
  }

  /// view, reshape and _unsafe_view to a shape (−1 takes what is left).
  /// unflatten(self, dim, sizes): one axis split into several (nn.MultiheadAttention's
  /// projection into q, k and v): a reshape.
  mutating func reshape(_ node: PT2Program.Node) throws(Failure) {
    let x = try data(node, "self")
    var shape = try ints(node, node.argument("size") != nil ? "size" : "shape", [])
    guard let total = Shape.product(x.dims) else {
      throw fail(node, "reshapes a tensor of more values than 64 bits count")
    }
    if node.operatorName == "unflatten" {
      let dim = try int(node, "dim", 0)
      let at = Self.axis(dim, rank: x.dims.count)
      guard x.dims.indices.contains(at) else {
        throw fail(node, "unflattens axis \(dim) of a rank-\(x.dims.count) tensor")
      }
      shape = Array(x.dims[..<at]) + (try ints(node, "sizes", [])) + Array(x.dims[(at + 1)...])
    }
    var dims = shape
    if let unknown = dims.firstIndex(of: -1) {
      let rest = dims.enumerated().filter { $0.offset != unknown }.map(\.element)
      guard let known = Shape.product(rest), known > 0, total % known == 0 else {
        throw fail(node, "cannot reshape \(total) values to \(shape)")
      }
      dims[unknown] = total / known
    }
    guard dims.allSatisfy({ $0 >= 1 }), Shape.product(dims) == total else {
      throw fail(node, "cannot reshape \(total) values to \(shape)")
    }
    try define(node, as: try move(node, x, to: dims))
  }

  /// squeeze(self, dim or dims) and unsqueeze(self, dim): axes of size 1 taken out or put in.
  mutating func squeeze(_ node: PT2Program.Node) throws(Failure) {
    let x = try data(node, "self")
    let rank = x.dims.count
    var dims = x.dims
    if node.operatorName == "unsqueeze" {
      let at = Self.axis(try int(node, "dim", 0), rank: rank + 1)
      guard (0...rank).contains(at), rank < OnnxImporter.maxRank else {
        throw fail(node, "unsqueezes axis \(at) of a rank-\(rank) tensor")
      }
      dims.insert(1, at: at)
    } else {
      let given = try ints(node, node.argument("dims") != nil ? "dims" : "dim", Array(0..<rank))
      let axes = Set(given.map { Self.axis($0, rank: rank) }.filter { x.dims.indices.contains($0) })
      dims = x.dims.enumerated().filter { !(axes.contains($0.offset) && $0.element == 1) }
        .map(\.element)
    }
    try define(node, as: try move(node, x, to: dims))
  }

  /// A tensor given new dims without computing: nothing when netcost's view is the same, else a
  /// `reshape` to the new view. An image's tensor reshaped keeps its channels first (N×C×H×W →
  /// N×C×HW); the batch stays the first axis when the new dims start with it, and may be merged
  /// into another only at batch 1.
  mutating func move(
    _ node: PT2Program.Node, _ x: Tensor, to dims: [Int], suffix: String = ""
  ) throws(Failure) -> Tensor {
    var t = x
    t.dims = dims
    let image =
      x.layout == .channelsFirst && x.batchAxis == 0 && dims.count >= 3
      || dims.count >= 4 && dims.suffix(2) == [1, 1]
    t.layout = image ? .channelsFirst : .channelsLast
    t.batchAxis = dims.count >= 2 && dims[0] == batch ? 0 : nil
    guard batch == 1 || t.batchAxis != nil else {
      throw fail(
        node,
        "merges the batch of \(batch) into another axis (\(dims)); netcost follows one sample",
        help: "export the model at batch 1")
    }
    guard let from = OnnxImporter.view(x), let to = OnnxImporter.view(t) else {
      throw fail(node, "makes a \(dims.count)-D tensor; netcost holds ranks 1 to \(Shape.maxRank)")
    }
    if from == to { return t }
    return try emit(node, .reshape(to), reading: [x], suffix: suffix, like: t)
  }

  /// permute(self, dims), transpose(self, dim0, dim1) and t(self): N×C×H×W ⇄ N×H×W×C is the same
  /// map to netcost; another order that keeps netcost's is nothing; any other is a `transpose`.
  mutating func permute(_ node: PT2Program.Node, _ op: String) throws(Failure) {
    let x = try data(node, "self")
    let rank = x.dims.count
    var perm = Array(0..<rank)
    switch op {
    case "permute": perm = try ints(node, "dims", []).map { Self.axis($0, rank: rank) }
    case "transpose":
      let (a, b) = (
        Self.axis(try int(node, "dim0", 0), rank: rank),
        Self.axis(try int(node, "dim1", 1), rank: rank)
      )
      guard perm.indices.contains(a), perm.indices.contains(b) else {
        throw fail(node, "swaps axes \(a) and \(b) of a rank-\(rank) tensor")
      }
      perm.swapAt(a, b)
    default: perm.reverse()
    }
    guard perm.count == rank, Set(perm) == Set(0..<rank) else {
      throw fail(node, "has dims \(perm), which do not name each of its \(rank) axes once")
    }
    var t = x
    t.dims = perm.map { x.dims[$0] }
    switch (rank, x.layout, x.batchAxis, perm) {
    case (4, .channelsFirst, 0?, [0, 2, 3, 1]): t.layout = .channelsLast
    case (4, .channelsLast, 0?, [0, 3, 1, 2]): t.layout = .channelsFirst
    default:
      // Channel axes reordered among themselves (ShuffleNet's N×g×c×H×W → N×c×g×H×W) keep an
      // image's frame: the map's height and width stay where they are.
      let keepsMap =
        x.layout == .channelsFirst && x.batchAxis == 0 && rank >= 4 && perm[0] == 0
        && perm[rank - 2] == rank - 2 && perm[rank - 1] == rank - 1
      t.layout = keepsMap ? .channelsFirst : .channelsLast
      t.batchAxis = x.batchAxis.flatMap { perm.firstIndex(of: $0) }
      let from = OnnxImporter.axesInOrder(x)
      var order: [Int] = []
      for o in OnnxImporter.axesInOrder(t) {
        guard let i = from.firstIndex(of: perm[o]) else {
          throw fail(node, "moves the batch axis among the others (dims \(perm))")
        }
        order.append(i)
      }
      if order != Array(order.indices) {
        t = try emit(node, .transpose(order), reading: [x], like: t)
      }
    }
    try define(node, as: t)
  }

  /// expand(self, size) of computed data: a copy to the larger shape (−1 keeps an axis).
  mutating func expand(_ node: PT2Program.Node) throws(Failure) {
    let x = try data(node, "self")
    // expand_as(self, other): to the other tensor's sizes (MobileViTv2's context scores).
    let size =
      node.operatorName == "expand_as" ? try tensor(node, "other").dims : try ints(node, "size", [])
    guard size.count >= x.dims.count else { throw fail(node, "expands \(x.dims) to \(size)") }
    let padded = Array(repeating: 1, count: size.count - x.dims.count) + x.dims
    var dims: [Int] = []
    for (have, want) in zip(padded, size) {
      guard want == -1 || want == have || have == 1, want == -1 || want >= 1 else {
        throw fail(node, "expands \(x.dims) to \(size)")
      }
      dims.append(want == -1 ? have : want)
    }
    guard dims != x.dims else {
      try define(node, as: x)
      return
    }
    var target = x
    target.dims = dims
    guard dims.count == x.dims.count, let to = OnnxImporter.view(target) else {
      throw fail(node, "expands \(x.dims) to \(size), which netcost has no view of")
    }
    try define(node, as: try emit(node, .expand(to), reading: [x], like: target))
  }

  /// select(self, dim, index) (`x[:, 0]`, ViT's class token): a slice of one, then that axis
  /// taken out.
  mutating func select(_ node: PT2Program.Node) throws(Failure) {
    let x = try data(node, "self")
    let d = Self.axis(try int(node, "dim", 0), rank: x.dims.count)
    let index = try int(node, "index", 0)
    try define(node, as: try picked(node, x, axis: d, index: index, suffix: ""))
  }

  /// unbind(self, dim): every index of an axis, each its own tensor (attention's q, k and v).
  mutating func unbind(_ node: PT2Program.Node) throws(Failure) {
    let x = try data(node, "self")
    let d = Self.axis(try int(node, "dim", 0), rank: x.dims.count)
    guard x.dims.indices.contains(d), node.outputNames.count == x.dims[d] else {
      throw fail(node, "unbinds axis \(d) into \(node.outputNames.count) tensors")
    }
    for i in 0..<x.dims[d] {
      try define(node, i, as: try picked(node, x, axis: d, index: i, suffix: "/\(i)"))
    }
  }

  /// Index `index` of axis `axis`: a `slice` of one, then that axis taken out.
  mutating func picked(
    _ node: PT2Program.Node, _ x: Tensor, axis d: Int, index: Int, suffix: String
  ) throws(Failure) -> Tensor {
    guard x.dims.indices.contains(d), d != x.batchAxis else {
      throw fail(node, "picks from axis \(d) of a rank-\(x.dims.count) tensor, or its batch")
    }
    let i = index < 0 ? index + x.dims[d] : index
    guard i >= 0, i < x.dims[d] else {
      throw fail(node, "picks index \(index) of an axis of \(x.dims[d])")
    }
    var one = x
    if x.dims[d] > 1 {
      guard let at = OnnxImporter.axesInOrder(x).firstIndex(of: d) else {
        throw fail(node, "picks from axis \(d), which netcost cannot place")
      }
      var like = x
      like.dims[d] = 1
      one = try emit(
        node, .slice(Slice(axis: at, start: i, end: i + 1)), reading: [x], suffix: suffix,
        like: like)
    }
    var dims = one.dims
    dims.remove(at: d)
    return try move(node, one, to: dims, suffix: suffix + "/squeeze")
  }

  /// chunk(self, chunks, dim), split(self, split_size, dim) and split_with_sizes(self,
  /// split_sizes, dim): consecutive parts of one axis, each a `slice` (ShuffleNetV2's halves).
  mutating func split(_ node: PT2Program.Node, _ op: String) throws(Failure) {
    let x = try data(node, "self")
    let d = Self.axis(try int(node, "dim", 0), rank: x.dims.count)
    guard x.dims.indices.contains(d), d != x.batchAxis,
      let at = OnnxImporter.axesInOrder(x).firstIndex(of: d)
    else {
      throw fail(node, "splits axis \(d) of a rank-\(x.dims.count) tensor, or its batch")
    }
    let n = x.dims[d]
    var sizes: [Int]
    switch op {
    case "chunk":
      let chunks = try int(node, "chunks", 1)
      guard chunks >= 1 else { throw fail(node, "splits into \(chunks) chunks") }
      let each = (n + chunks - 1) / chunks
      sizes = Array(repeating: each, count: n / each) + (n % each == 0 ? [] : [n % each])
    case "split", "unsafe_split":
      let each = try int(node, "split_size", n)
      guard each >= 1 else { throw fail(node, "splits into parts of \(each)") }
      sizes = Array(repeating: each, count: n / each) + (n % each == 0 ? [] : [n % each])
    default: sizes = try ints(node, "split_sizes", [n])
    }
    let names = node.outputNames
    guard sizes.allSatisfy({ $0 >= 1 }), sizes.reduce(0, +) == n, sizes.count == names.count else {
      throw fail(node, "splits \(n) into \(sizes) for \(names.count) outputs")
    }
    var start = 0
    for (i, size) in sizes.enumerated() {
      var like = x
      like.dims[d] = size
      let part =
        size == n
        ? x
        : try emit(
          node, .slice(Slice(axis: at, start: start, end: start + size)), reading: [x],
          suffix: "/\(i)", like: like)
      try define(node, i, as: part)
      start += size
    }
  }

  /// slice(self, dim, start, end, step) (`x[:, 1:]`): part of one axis.
  mutating func slice(_ node: PT2Program.Node) throws(Failure) {
    let x = try data(node, "self")
    let d = Self.axis(try int(node, "dim", 0), rank: x.dims.count)
    let n = x.dims.indices.contains(d) ? x.dims[d] : 0
    let step = try int(node, "step", 1)
    var start = try int(node, "start", 0)
    var end = try int(node, "end", n)
    if start < 0 { start += n }
    if end < 0 { end += n }
    (start, end) = (min(max(start, 0), n), min(max(end, 0), n))
    guard n > 0, d != x.batchAxis, step >= 1, start < end,
      let at = OnnxImporter.axesInOrder(x).firstIndex(of: d)
    else {
      throw fail(node, "slices axis \(d) of dims \(x.dims) from \(start) to \(end) by \(step)")
    }
    guard start > 0 || end < n || step > 1 else {
      try define(node, as: x)
      return
    }
    var like = x
    like.dims[d] = (end - start + step - 1) / step
    let cut = Slice(axis: at, start: start, end: end, step: step)
    try define(node, as: try emit(node, .slice(cut), reading: [x], like: like))
  }
}
