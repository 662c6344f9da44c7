/// One analysis per configuration of a grid of parameter values (`netcost sweep`).
public struct Sweep: Sendable {
  /// The swept parameters, outermost first.
  public var axes: [String]
  /// One analysis per grid point, the last axis varying fastest.
  public var analyses: [Analysis]

  public init(axes: [String], analyses: [Analysis]) {
    self.axes = axes
    self.analyses = analyses
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

  public init(analyses: [Analysis], baseline: Int = 0) {
    self.analyses = analyses
    self.baseline = baseline
  }

  /// This network's count over the baseline's: 1/32.86 for MobileNet's params against VGG16.
  public func ratio(_ index: Int, _ count: (Totals) -> Int) -> Double {
    Double(count(analyses[index].totals)) / Double(max(count(analyses[baseline].totals), 1))
  }
}
