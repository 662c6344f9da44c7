import NetCostCore

/// Computing the value a published figure claims, under the figure's own convention.
extension Analysis {
  /// Why a figure's value cannot be computed; the verifier reports it at the figure. The last
  /// three arise before there is an analysis: the network a reduction is measured against is
  /// missing, or the figure's conditions are refused or make the spec fail.
  public enum FigureError: Error, Hashable, Sendable {
    case noSuchLayer(String)
    case noSuchKind(String, known: [String])
    case notComputed
    /// A receptive-field figure of a row whose field is unknown.
    case noReceptiveField(String)
    /// The row sees the whole image: published fields (the TF-Slim library's) are undefined there.
    case globalReceptiveField(String)
    case noSuchNetwork(String)
    case refusedConditions(String)
    case failsUnderConditions(firstError: String?)
    /// Its conditions would analyse the network once more, past this many layers in all
    /// (`Limit.checkedLayers`).
    case overAnalysisLimit(Int)
    /// Its rows would be read past this many rows read for figures in all
    /// (`Limit.checkedRows`).
    case overRowLimit(Int)
  }

  /// The figure's metric for this analysis, in the metric's base unit (MACs, parameters, bytes,
  /// percent, or a ratio). `other` is the analysis of the network a reduction is measured against.
  /// `index`: the rows by name, made once for an analysis whose figures name many layers
  /// (`RowIndex`); made here when not given. `rows`: what the figures of one check may still
  /// read, which this figure's spend.
  public func value(
    of figure: PublishedFigure, versus other: Analysis? = nil, index: RowIndex? = nil,
    reading budget: inout RowBudget
  )
    throws(FigureError) -> Double
  {
    // Only a metric of rows reads them: a network's totals, its memory and a tool's count do not.
    let selection =
      figure.metric.readsRows
      ? try selectedRows(of: figure, index: index, reading: &budget)
      : Selection(rows: [], last: nil)
    let rows = selection.rows
    func sum(_ part: (LayerRow) -> Int) -> Double {
      Double(rows.reduce(0) { $0 + part(self.rows[$1]) })
    }
    switch figure.metric {
    case .macs: return sum { $0.cost.macs }
    case .macsWithProducts: return sum { $0.cost.macs + $0.cost.activationMatmulMacs }
    // Under the tool's convention (`Pipeline.verify` analyses with it).
    case .torchinfoMACs, .fvcoreMACs, .ptflopsMACs, .ptflopsAtenMACs, .thopMACs, .flops:
      guard convention == figure.metric.convention else { throw .notComputed }
      return Double(totals.macs)
    case .params: return sum { $0.cost.params - $0.cost.batchNormParams }
    case .weights: return sum { $0.cost.weights }
    case .memory: return sum { $0.activationBytes }
    case .activations: return sum { $0.activationBytes / bytesPerActivation }
    case .totalParams: return Double(totals.params)
    case .trainableParams: return Double(totals.trainableParams)
    case .nonTrainableParams: return Double(totals.nonTrainableParams)
    case .paramMemory: return Double(totals.params) * Double(bytesPerActivation)
    case .savedBytes, .trainingGrowth:
      guard let training = memory?.training else { throw .notComputed }
      return Double(figure.metric == .savedBytes ? training.savedForBackward : training.growth)
    case .inferencePeak:
      guard let peak = memory?.peakWithWorkspace else { throw .notComputed }
      return Double(peak)
    case .rfSize, .rfStride, .rfPadding:
      // The field of the last row selected: a block's output.
      guard let last = selection.last.map({ self.rows[$0] }) else { throw .notComputed }
      guard let field = last.receptiveField else { throw .noReceptiveField(last.name) }
      guard !field.global else { throw .globalReceptiveField(last.name) }
      let axis = field.height
      return Double(
        figure.metric == .rfSize
          ? axis.size : figure.metric == .rfStride ? axis.stride : axis.padding)
    case .tensorMemory:
      // Table 3 assumes 16-bit activations.
      return Double(
        rows.map {
          self.rows[$0].trainingOnly
            ? 0 : (self.rows[$0].output.elementCount ?? 0) * DataType.fp16.bytes
        }
        .max() ?? 0)
    case .macsShare: return 100 * sum { $0.cost.macs } / Double(max(totals.macs, 1))
    case .weightsShare: return 100 * sum { $0.cost.weights } / Double(max(totals.weights, 1))
    case .macsReduction:
      guard let other else { throw .notComputed }
      return Double(other.totals.macs) / Double(max(totals.macs, 1))
    case .paramsReduction:
      guard let other else { throw .notComputed }
      return Double(other.totals.paramsWithoutBatchNorm)
        / Double(max(totals.paramsWithoutBatchNorm, 1))
    case .accuracy: throw .notComputed
    }
  }

  /// The rows a figure selects, each once, in the order they are first selected, and the last
  /// row selected: the last of the last name's rows, where a field is read.
  struct Selection {
    var rows: [Int]
    var last: Int?
  }

  /// The indices of the rows `figure` reads, each once, in the order they are first selected
  /// (a row named twice, or named and within a block named too, counts once). Every row a
  /// name or a kind makes the figure look at is spent from `budget`: a figure naming one
  /// block of 100,000 rows 10,000 times copied a billion rows (22 GB, issue 25).
  func selectedRows(
    of figure: PublishedFigure, index: RowIndex?, reading budget: inout RowBudget
  ) throws(FigureError) -> Selection {
    func spend(_ count: Int) throws(FigureError) {
      budget.left -= count
      if budget.left < 0 { throw .overRowLimit(budget.limit) }
    }
    switch figure.selector {
    case .layers(let names):
      let index = index ?? RowIndex(rows)
      var selected: [Int] = []
      var seen = [Bool](repeating: false, count: names.count > 1 ? rows.count : 0)
      var namesSeen = Set<String>()
      // A tensor is one row's output: a block's label names its last row, not the block's rows.
      let exact = figure.metric == .tensorMemory
      var last: Int?
      for name in names where namesSeen.insert(name).inserted {
        let matching = index.rows(named: name, withinBlock: !exact)
        if matching.isEmpty { throw .noSuchLayer(name) }
        try spend(matching.count)
        if name == names.last { last = matching.last }
        guard names.count > 1 else { return Selection(rows: matching, last: last) }
        for row in matching where !seen[row] {
          seen[row] = true
          selected.append(row)
        }
      }
      return Selection(rows: selected, last: last)
    case .kind(let kind):
      try spend(rows.count)
      let selected = rows.indices.filter { rows[$0].category == kind }
      if selected.isEmpty {
        throw .noSuchKind(kind, known: Breakdown(self).entries.map(\.kind))
      }
      return Selection(rows: selected, last: selected.last)
    case .network, .versus:
      try spend(rows.count)
      return Selection(rows: Array(rows.indices), last: rows.indices.last)
    }
  }

  /// The layers the analysis walked: each row's, and those folded into it (a chain of a million
  /// activations is one row). What analysing it again costs.
  public var layerCount: Int { rows.reduce(rows.count) { $0 + $1.folded.count } }

  /// Whether `figure` is about this analysis's parameter values: each parameter equals the
  /// figure's condition, or its default when the figure names none.
  public func isAt(_ figure: PublishedFigure) -> Bool {
    Sweep.Point(parameters: parameters, totals: totals).isAt(figure)
  }
}

/// An analysis's rows by name, and by each block label their names start with (`res2/conv1`
/// is within `res2`): a figure's layers are found without a scan of every row for each name
/// (200,000 rows and a figure of 999 names took 20 s).
/// The rows the published figures of one check may read in all (`Limit.checkedRows`), and
/// those left.
public struct RowBudget: Sendable {
  public let limit: Int
  public var left: Int

  public init(limit: Int = Limit.checkedRows.value) {
    (self.limit, left) = (limit, limit)
  }
}

public struct RowIndex: Sendable {
  /// The first row of each name, and the others of a name that several rows have: most names
  /// are one row's, and an array each was a million allocations for a million rows.
  private var named: [String: Int] = [:]
  private var alsoNamed: [String: [Int]] = [:]
  private var within: [String: [Int]] = [:]

  public init(_ rows: [LayerRow]) {
    named.reserveCapacity(rows.count)
    for i in rows.indices {
      let name = rows[i].name
      if named[name] == nil {
        named[name] = i
      } else {
        alsoNamed[name, default: []].append(i)
      }
      // The labels of the blocks the row is within, its name before each '/' character (as
      // the resolver splits a reference): found as bytes in an ASCII name, where each byte is a
      // character; as characters, they were half the time `verify` took over 100,000 rows.
      if name.utf8.allSatisfy({ $0 < 0x80 }) {
        var end = name.utf8.endIndex
        while let slash = name.utf8[..<end].lastIndex(of: UInt8(ascii: "/")) {
          within[String(name[..<slash]), default: []].append(i)
          end = slash
        }
      } else {
        var label = name[...]
        while let slash = label.lastIndex(of: "/") {
          label = label[..<slash]
          within[String(label), default: []].append(i)
        }
      }
    }
  }

  /// The rows named `name`, and with `withinBlock` those within a block so labelled, in the
  /// analysis's order.
  func rows(named name: String, withinBlock: Bool) -> [Int] {
    let exact = named[name].map { [$0] + (alsoNamed[name] ?? []) } ?? []
    guard withinBlock, let inner = within[name] else { return exact }
    // Two increasing lists, merged (no row is both named so and within such a block).
    var merged: [Int] = []
    merged.reserveCapacity(exact.count + inner.count)
    var (a, b) = (0, 0)
    while a < exact.count || b < inner.count {
      if b == inner.count || (a < exact.count && exact[a] < inner[b]) {
        merged.append(exact[a])
        a += 1
      } else {
        merged.append(inner[b])
        b += 1
      }
    }
    return merged
  }
}
