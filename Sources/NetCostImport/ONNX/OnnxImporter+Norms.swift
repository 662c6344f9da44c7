import NetCostCore

/// Normalizations that learn a scale and an offset per channel, given as the node's inputs.
extension OnnxImporter {
  /// InstanceNormalization (every channel its own group) and GroupNormalization (`num_groups`):
  /// a `groupnorm`. Weights of one value per channel are its γ and β; any others are counted as
  /// the file's weights, per use, as they are. Exporters write PyTorch's GroupNorm as a reshape
  /// to N×G×(C/G·H·W), an InstanceNormalization by ones and zeros they made (Constant nodes from
  /// the TorchScript exporter: nothing learned; initializers from the dynamo exporter: counted,
  /// 2·G values), and the real γ and β applied after it by Mul and Add.
  mutating func groupNormalization(_ node: OnnxNode, _ index: Int) throws(Failure) {
    let (read, _) = try data(node, index, 0)
    let x = read.dims.count <= 2 ? read : try asChannelsFirst(node, index, read)
    guard let view = Self.view(x) else {
      throw fail(node, index, "normalizes a \(x.dims.count)-D tensor")
    }
    let channels = view.channels
    let groups = node.opType == "InstanceNormalization" ? channels : int(node, "num_groups", 0)
    guard groups >= 1, channels % groups == 0 else {
      throw fail(node, index, "normalizes \(channels) channels in \(groups) groups")
    }
    var perChannel = true
    var weights = 0
    var count = 0
    for i in [1, 2] where i < node.inputs.count && !node.inputs[i].isEmpty {
      let t = try tensor(node, index, i)
      // One value per channel, or (GroupNormalization before opset 21) per group.
      guard let size = Self.count(t.dims), size == channels || size == groups else {
        throw fail(
          node, index,
          "has a scale or bias of dims \(t.dims) for \(channels) channels in \(groups) groups")
      }
      guard try isWeight(t) else { continue }
      let (sum, overflow) = weights.addingReportingOverflow(t.weightValues)
      guard !overflow else { throw fail(node, index, "applies weights past 2⁶³ values") }
      weights = sum
      count += 1
      perChannel = perChannel && size == channels && t.weightValues == channels
    }
    let affine = perChannel && count == 2
    // Other weights are counted as they are, as one run of values (`learned`).
    let learned = weights > 0 ? [Shape(dims: [weights])].compactMap { $0 } : []
    sawLayerNorm = true
    define(
      node,
      as: try emit(
        node, index, .groupNorm(groups: groups, affine: affine), reading: [x],
        learnedShapes: affine ? [] : learned))
  }
}
