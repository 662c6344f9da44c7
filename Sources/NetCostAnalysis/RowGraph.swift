import NetCostCore

/// Which rows read which: a network's connections between the rows of its analysis (a row is a
/// layer and what folds into it), for drawing the network as a graph. Made from the network
/// alone, so its size is known, and a graph too large to draw refused, before any analysis.
public struct RowGraph: Hashable, Sendable {
  /// Where a row's input comes from.
  public enum Source: Hashable, Sendable {
    /// The network's input image.
    case input
    /// An earlier row, by its index in `Analysis.rows`.
    case row(Int)
  }

  /// For each row, what its layers read, each once, in the order first read.
  public var inputs: [[Source]]

  public var count: Int { inputs.count }

  public init(inputs: [[Source]]) {
    self.inputs = inputs
  }

  /// The rows of `network` as the analyzer makes them, with their inputs.
  public init(_ network: Network) {
    var rowOfLayer: [Int] = []
    rowOfLayer.reserveCapacity(network.layers.count)
    var inputs: [[Source]] = []
    for (index, layer) in network.layers.enumerated() {
      if network.foldsIntoPreviousRow(index), let row = rowOfLayer.last {
        rowOfLayer.append(row)
        continue
      }
      var sources: [Source] = []
      // A concat of a million inputs must not compare each with every other.
      var seen = Set<Source>()
      for input in layer.inputs {
        let source: Source =
          switch input {
          case .network: .input
          case .layer(let i): i < rowOfLayer.count ? .row(rowOfLayer[i]) : .input
          }
        if seen.insert(source).inserted { sources.append(source) }
      }
      inputs.append(sources)
      rowOfLayer.append(inputs.count - 1)
    }
    self.inputs = inputs
  }

  /// Each row's rank, for drawing top to bottom: one below the lowest of what it reads, the
  /// input's rank being 0 (a longest-path layering, so every edge points down).
  public var ranks: [Int] {
    var ranks: [Int] = []
    ranks.reserveCapacity(inputs.count)
    for sources in inputs {
      var rank = 1
      for case .row(let r) in sources where r < ranks.count { rank = max(rank, ranks[r] + 1) }
      ranks.append(rank)
    }
    return ranks
  }

  /// The ranks the edges pass without stopping, counted over every edge: each is a bend the
  /// drawing routes around the rows of that rank.
  public func bends(ranks: [Int]) -> Int {
    var bends = 0
    for (row, sources) in inputs.enumerated() {
      for source in sources {
        let from =
          switch source {
          case .input: 0
          case .row(let r): r < ranks.count ? ranks[r] : 0
          }
        bends = bends.saturatingAdd(max(ranks[row] - from - 1, 0))
      }
    }
    return bends
  }
}

extension Network {
  /// Whether layer `index` goes into the row of the layer before it: a batch norm, activation,
  /// LRN or dropout (`LayerKind.foldsIntoPrevious`) that reads that layer alone. The analyzer's
  /// rule for its rows, in one place so that a graph of the rows follows it too.
  func foldsIntoPreviousRow(_ index: Int) -> Bool {
    let layer = layers[index]
    return layer.kind.foldsIntoPrevious && layer.inputs.count == 1
      && layer.inputs[0] == .layer(index - 1)
  }
}
