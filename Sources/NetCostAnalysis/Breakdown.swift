import NetCostCore

/// Where the cost goes: MACs, weights and parameters summed per kind of layer, as MobileNet's
/// Table 2 ("Conv 1×1 94.86 % of mult-adds, 74.59 % of parameters").
public struct Breakdown: Sendable {
  public struct Entry: Hashable, Sendable {
    /// The kind as the papers name it: `Conv 1×1`, `Conv DW 3×3`, `Fully Connected`.
    public var kind: String
    public var layers: Int
    public var macs: Int
    /// Weights only, as Table 2 counts them (no biases, no batch norm).
    public var weights: Int
    public var params: Int
  }

  public var network: String
  public var entries: [Entry]
  public var totals: Totals

  /// Entries by MACs, then weights, largest first.
  public init(_ analysis: Analysis) {
    // Entries in the order their kinds first appear, found by kind once a row; a row with the
    // last row's operation (a loop's passes share one) has its kind, not named again.
    var found: [Entry] = []
    var indexOf: [String: Int] = [:]
    var last: (operation: Operation, index: Int)? = nil
    for row in analysis.rows {
      let index: Int
      if let last, Operation.same(last.operation, row.operation) {
        index = last.index
      } else {
        let kind = row.category
        if let known = indexOf[kind] {
          index = known
        } else {
          index = found.count
          indexOf[kind] = index
          found.append(Entry(kind: kind, layers: 0, macs: 0, weights: 0, params: 0))
        }
        last = (row.operation, index)
      }
      found[index].layers += 1
      found[index].macs += row.cost.macs
      found[index].weights += row.cost.weights
      found[index].params += row.cost.params
    }
    network = analysis.network
    totals = analysis.totals
    entries = found.enumerated().sorted {
      ($1.element.macs, $1.element.weights, $0.offset) < (
        $0.element.macs, $0.element.weights, $1.offset
      )
    }.map(\.element)
  }
}

extension LayerRow {
  /// The row's kind for breakdowns, in the papers' words.
  public var category: String {
    switch operation {
    case .convolution(let conv):
      conv.groups == .depthwise
        ? "Conv DW \(conv.kernel.window)" : "Conv \(conv.kernel.window)"
    case .transposedConvolution(let conv, _): "Deconv \(conv.kernel.window)"
    case .dense: "Fully Connected"
    case .pooling(let pool) where pool.power != nil: "LP Pool " + pool.kernel.window
    case .pooling(let pool):
      (pool.mode == .max ? "Max Pool " : "Avg Pool ") + pool.kernel.window
    case .globalPooling(let mode): mode == .max ? "Global Max Pool" : "Global Avg Pool"
    case .adaptivePooling(let size): "Adaptive Avg Pool \(size)×\(size)"
    case .batchNorm: "Batch Norm"
    case .activation: "Activation"
    case .localResponseNorm: "LRN"
    case .dropout: "Dropout"
    case .flatten: "Flatten"
    case .concat: "Concat"
    case .add: "Add"
    case .maximum: "Max"
    case .pad: "Zero Padding"
    case .crop: "Cropping"
    case .scale: "Scale"
    case .layerNorm: "Layer Norm"
    case .groupNorm: "Group Norm"
    case .rescale: "Rescale"
    case .parametricReLU: "Activation"
    case .reshape: "Reshape"
    case .resize: "Resize"
    case .channelShuffle: "Shuffle"
    case .channelSplit: "Split"
    case .multiply: "Multiply"
    case .matmul: "Matrix Product"
    case .transpose: "Transpose"
    case .reduce(let r): "Reduce \(r.mode.rawValue)"
    case .slice: "Slice"
    case .expand: "Expand"
    case .tile: "Tile"
    case .padAxis: "Padding"
    case .constant: "Constant"
    case .positionBias: "Position Bias"
    }
  }
}
