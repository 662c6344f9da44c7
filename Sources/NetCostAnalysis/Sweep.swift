import NetCostCore

/// One configuration per point of a grid of parameter values (`netcost sweep`): its parameters
/// and totals. Rows are not kept, so a sweep of ten thousand points stays small.
public struct Sweep: Sendable {
  public struct Point: Sendable {
    public var parameters: [Network.Parameter]
    /// Under the sweep's convention (`totals.macs`).
    public var totals: Totals
    /// The papers' MACs, which published figures are checked against.
    public var paperMACs: Int

    public init(parameters: [Network.Parameter], totals: Totals, paperMACs: Int? = nil) {
      self.parameters = parameters
      self.totals = totals
      self.paperMACs = paperMACs ?? totals.macs
    }

    public func parameter(_ name: String) -> Double? {
      parameters.first { $0.name == name }?.value
    }

    /// Whether `figure` is about this point: each parameter equals the figure's condition, or its
    /// default when the figure names none.
    public func isAt(_ figure: PublishedFigure) -> Bool {
      parameters.allSatisfy { $0.value == (figure.conditions[$0.name] ?? $0.defaultValue) }
    }
  }

  public var network: String
  public var title: String?
  /// The swept parameters, outermost first.
  public var axes: [String]
  /// One point per configuration, the last axis varying fastest.
  public var points: [Point]
  /// What sources printed for the network, the same at every point.
  public var published: [PublishedFigure]
  /// How the points' MACs are counted.
  public var convention: Convention = .paper

  public init(
    network: String, title: String?, axes: [String], points: [Point],
    published: [PublishedFigure]
  ) {
    self.network = network
    self.title = title
    self.axes = axes
    self.points = points
    self.published = published
  }

  /// Every combination of the axes' values, the last axis varying fastest.
  public static func grid(_ axes: [(name: String, values: [Double])]) -> [[String: Double]] {
    axes.reduce([[:]]) { points, axis in
      points.flatMap { point in
        axis.values.map { value in point.merging([axis.name: value]) { $1 } }
      }
    }
  }
}

/// Several networks side by side, each as a ratio to a baseline (`netcost compare`).
public struct Comparison: Sendable {
  public var analyses: [Analysis]
  public var baseline: Int
  /// How every analysis's MACs are counted (one convention for all).
  public var convention: Convention { analyses.first?.convention ?? .paper }

  public init(analyses: [Analysis], baseline: Int = 0) {
    self.analyses = analyses
    self.baseline = baseline
  }

  /// This network's count over the baseline's: 1/32.86 for MobileNet's params against VGG16.
  /// Two zeros are equal (1); a count over a baseline of zero has no ratio (nil), and neither has
  /// zero over a count: "infinitely fewer" is said as no number, not as one.
  public func ratio(_ index: Int, _ count: (Totals) -> Int) -> Double? {
    let value = count(analyses[index].totals)
    let base = count(analyses[baseline].totals)
    if value == base { return 1 }
    guard value > 0, base > 0 else { return nil }
    return Double(value) / Double(base)
  }
}
