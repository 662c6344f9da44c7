import NetCostCore

/// Pad, of the spatial axes of N×C×H×W or of any other axis but the batch.
extension OnnxImporter {
  /// Pad: zeros (or a constant, or the border reflected, repeated or wrapped: the same size, and
  /// no arithmetic) before and after each axis, `pads` [x1_begin, x2_begin, …, x1_end, …] over
  /// every axis or over `axes` (opset 18). On the spatial axes of N×C×H×W a `pad`; on any other
  /// axis but the batch, a `pad axis =` per padded axis (BoTNet's relative positions, EfficientViT's
  /// value padded with ones).
  mutating func pad(_ node: OnnxNode, _ index: Int) throws(Failure) {
    var (x, _) = try data(node, index, 0)
    let given = node.inputs.count > 1 ? try values(node, index, 1) : (ints(node, "pads") ?? [])
    let mode = string(node, "mode") ?? "constant"
    guard ["constant", "reflect", "edge", "wrap"].contains(mode) else {
      throw fail(node, index, "pads in mode '\(mode)'")
    }
    let rank = x.dims.count
    let axes =
      node.inputs.count > 3 && !node.inputs[3].isEmpty
      ? try values(node, index, 3).map { axis($0, rank: rank) } : Array(0..<rank)
    guard given.count == 2 * axes.count, axes.allSatisfy({ (0..<rank).contains($0) }),
      Set(axes).count == axes.count, given.allSatisfy({ $0 == 0 || Self.isWindowValue($0) })
    else {
      throw fail(
        node, index,
        "pads \(given) over axes \(axes) of a rank-\(rank) tensor, or by a negative amount")
    }
    var pads = Array(repeating: 0, count: 2 * rank)
    for (i, a) in axes.enumerated() {
      pads[a] = given[i]
      pads[a + rank] = given[i + axes.count]
    }
    if let b = x.batchAxis, pads[b] != 0 || pads[b + rank] != 0 {
      throw fail(node, index, "pads the batch")
    }
    let (h, w, c) = x.layout == .channelsFirst ? (2, 3, 1) : (1, 2, 3)
    if rank == 4, x.batchAxis == 0, pads[c] == 0, pads[c + 4] == 0 {
      let insets = Insets(top: pads[h], bottom: pads[h + 4], left: pads[w], right: pads[w + 4])
      define(node, as: try emit(node, index, .pad(insets), reading: [x]))
      return
    }
    let order = Self.axesInOrder(x)
    for a in 0..<rank where pads[a] != 0 || pads[a + rank] != 0 {
      guard let at = order.firstIndex(of: a) else {
        throw fail(node, index, "pads axis \(a), which netcost cannot place")
      }
      x = try emit(
        node, index, .padAxis(axis: at, before: pads[a], after: pads[a + rank]), reading: [x],
        suffix: "/axis\(a)")
    }
    define(node, as: x)
  }
}
