/// Attention's relative position bias (`posbias`): the shape rule and the cost. Swin (Liu et al.
/// 2021, Sec. 3.2) and MaxViT learn one bias per head for each of the (2w − 1)² offsets between
/// two tokens of a w × w window, gather it into `heads × w² × w²` and add it to the scores;
/// Swin V2 (Liu et al. 2022, Sec. 3.3) computes that table from the offsets' coordinates with a
/// small MLP (2 → mlp, ReLU, → heads, no bias) instead. torchvision models/swin_transformer.py
/// and maxvit.py.
extension Operation {
  /// The scores `[…, heads, w², w²]` with the bias added: the same shape. The bias
  /// `heads × w² × w²` must broadcast to them.
  static func biasedScores(_ scores: Shape, window: Int) throws(LayerError) -> Shape {
    let (tokens, overflow) = window.multipliedReportingOverflow(by: window)
    guard !overflow else { throw .overflow }
    let heads = scores.rank >= 3 ? scores[scores.rank - 3] : 1
    guard let bias = Shape(dims: [heads, tokens, tokens]) else { throw .overflow }
    guard scores.rank >= 3, try broadcast([scores, bias]) == scores else {
      throw .notBroadcastable([scores, bias])
    }
    return scores
  }

  /// The bias's parameters and MACs for `heads` heads (the scores' third axis from the last).
  static func positionBiasCost(
    heads: Count, window: Count, mlp: Count
  ) throws(LayerError) -> (cost: Cost, params: Count?, macs: Count?) {
    let offsets = try Formulas.relativeOffsets(window: window)
    guard mlp.value > 0 else {
      let params = try Formulas.positionBiasTable(offsets: offsets, heads: heads)
      return (Cost(params: params.value), params, nil)
    }
    let (params, macs) = try Formulas.continuousPositionBias(
      offsets: offsets, heads: heads, mlp: mlp)
    return (Cost(params: params.value, biases: mlp.value, macs: macs.value), params, macs)
  }
}

extension Formulas {
  /// The relative offsets between two tokens of a w × w window: (2w − 1)², each of the two
  /// coordinates from −(w − 1) to w − 1 (Swin, Sec. 3.2).
  static func relativeOffsets(window w: Count) throws(LayerError) -> Count {
    let side = try Count(2, like: w) * w - Count(1, like: w)
    return try side * side
  }

  /// A learned table of the bias of each offset for each head: (2w − 1)²·heads values (Swin's
  /// B̂ ∈ ℝ^((2M−1)×(2M−1)), per head; torchvision's `relative_position_bias_table`). Gathering it
  /// into the scores' shape and adding it are not multiply-accumulates.
  static func positionBiasTable(offsets: Count, heads: Count) throws(LayerError) -> Count {
    try offsets * heads
  }

  /// Swin V2's continuous position bias: an MLP on each offset's two coordinates, a linear layer
  /// 2 → mlp with a bias, ReLU, a linear layer mlp → heads without: mlp·(2 + 1 + heads) params,
  /// (2w − 1)²·mlp·(2 + heads) MACs (torchvision's `cpb_mlp`, run once a forward).
  static func continuousPositionBias(
    offsets: Count, heads: Count, mlp: Count
  ) throws(LayerError) -> (params: Count, macs: Count) {
    let perUnit = try Count(2, like: mlp) + heads
    let params = try mlp * (try perUnit + Count(1, like: mlp))
    let macs = try offsets.grouped * (try mlp * perUnit).grouped
    return (params, macs)
  }
}
