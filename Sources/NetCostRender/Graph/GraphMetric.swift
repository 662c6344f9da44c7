import NetCostAnalysis
import NetCostCore

/// What a graph's colours show: each row's share of the network's MACs, output memory,
/// parameters, or roofline time (which needs a device).
public enum GraphMetric: String, CaseIterable, Sendable {
  case macs, memory, params, time

  /// How the legend names it.
  var title: String {
    switch self {
    case .macs: "MACs"
    case .memory: "output memory"
    case .params: "parameters"
    case .time: "roofline time"
    }
  }

  /// Each row's value, or nil for `time` without a roofline.
  func values(_ analysis: Analysis) -> [Double]? {
    switch self {
    case .macs: analysis.rows.map { Double($0.cost.macs) }
    case .memory: analysis.rows.map { Double($0.activationBytes) }
    case .params: analysis.rows.map { Double($0.cost.params) }
    case .time: analysis.roofline.map { $0.rows.map(\.seconds) }
    }
  }

  /// Each row's share of the sum, from 0 to 1; all 0 when the sum is 0 (or there is no value).
  func shares(_ analysis: Analysis) -> [Double] {
    let values = values(analysis) ?? []
    let total = values.reduce(0, +)
    guard total > 0, total.isFinite, values.count == analysis.rows.count else {
      return Array(repeating: 0, count: analysis.rows.count)
    }
    return values.map { $0 / total }
  }
}

/// The colour scale: a box is white when its share is 0, then yellow to dark red by share, in
/// bins that double (ColorBrewer's YlOrRd, a sequential scale that reads in grey too).
enum GraphPalette {
  /// The lower bounds of the bins, as shares, with their colours.
  static let bins: [(from: Double, colour: String)] = [
    (0, "#ffffcc"), (0.005, "#ffeda0"), (0.01, "#fed976"), (0.02, "#feb24c"),
    (0.05, "#fd8d3c"), (0.1, "#f03b20"), (0.2, "#bd0026"),
  ]
  static let zero = "#f4f4f4"

  static func bin(_ share: Double) -> Int? {
    guard share > 0 else { return nil }
    return bins.lastIndex { share >= $0.from } ?? 0
  }

  static func colour(_ share: Double) -> String {
    bin(share).map { bins[$0].colour } ?? zero
  }

  /// Text on the darkest bins is white, to stay legible.
  static func ink(_ share: Double) -> String {
    (bin(share) ?? 0) >= bins.count - 2 ? "#ffffff" : "#111111"
  }

  /// `0.5–1 %`: each bin's label for the legend, after "0" for the white boxes.
  static var labels: [(label: String, colour: String)] {
    func percent(_ share: Double) -> String {
      NumberFormat.trimmed(NumberFormat.fixed(share * 100, places: 1))
    }
    var labels = [("0", zero)]
    for (i, bin) in bins.enumerated() {
      let label =
        i == 0
        ? "< \(percent(bins[1].from)) %"
        : i == bins.count - 1
          ? "≥ \(percent(bin.from)) %" : "\(percent(bin.from))–\(percent(bins[i + 1].from)) %"
      labels.append((label, bin.colour))
    }
    return labels
  }
}
