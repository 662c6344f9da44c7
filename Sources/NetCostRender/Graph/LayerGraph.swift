import NetCostAnalysis
import NetCostCore

/// A network to draw: its analysis (a node per row) and how the rows connect (the edges), with
/// the text every drawing of it shows (`GraphSVG`, `GraphHTML`, `GraphDot`).
public struct LayerGraph: Sendable {
  public var analysis: Analysis
  public let rows: RowGraph

  /// Nil when `rows` does not have one entry per row of `analysis`.
  public init?(analysis: Analysis, rows: RowGraph) {
    guard rows.count == analysis.rows.count else { return nil }
    self.analysis = analysis
    self.rows = rows
  }

  /// The longest text a box shows on a line; the whole is in its details.
  static let shownCharacters = 30
  /// The longest text of any kind kept at all: a row that folds a million activations has a
  /// kind a million words long.
  static let keptCharacters = 300

  /// `text` cut to `limit` characters, with an ellipsis when cut.
  static func cut(_ text: String, _ limit: Int) -> String {
    text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
  }

  /// The lines of row `index`'s box: name, kind, output shape, params and MACs (short).
  func lines(_ index: Int) -> [String] {
    let row = analysis.rows[index]
    return [
      Self.cut(row.name, Self.shownCharacters),
      Self.cut(row.kindDescription, Self.shownCharacters),
      row.output.description,
      "\(NumberFormat.short(row.cost.params)) params · \(NumberFormat.short(row.cost.macs)) MACs",
    ]
  }

  /// Row `index`'s details, for a tooltip: every figure in full, with its share.
  func details(_ index: Int, shares: [Double], metric: GraphMetric) -> [String] {
    let row = analysis.rows[index]
    var lines = [
      Self.cut(row.name, Self.keptCharacters), Self.cut(row.kindDescription, Self.keptCharacters),
      "output \(row.output)",
      "params \(NumberFormat.grouped(row.cost.params))",
      "\(analysis.convention.unit.rawValue) \(NumberFormat.grouped(row.cost.macs))",
      "memory \(NumberFormat.kilobytes(row.activationBytes)) KB",
    ]
    if let time = analysis.roofline?.rows[index] {
      lines.append("time ≥ \(NumberFormat.fixed(time.seconds * 1e6, places: 2)) µs")
    }
    let share = shares.indices.contains(index) ? shares[index] : 0
    lines.append(
      "\(NumberFormat.fixed(share * 100, places: 2)) % of the network's \(metric.title)")
    return lines
  }

  /// The input's box: `input 224×224×3`.
  var inputLine: String { "input \(analysis.input)" }

  /// The title: the network and its title, cut to what the narrowest picture holds at the
  /// title's size (a model file's name may be any length).
  var heading: String {
    Self.cut(analysis.network + (analysis.title.map { ": " + $0 } ?? ""), 80)
  }

  /// The totals under the title.
  var totals: String {
    let t = analysis.totals
    var parts = [
      "\(NumberFormat.grouped(analysis.rows.count)) rows",
      "params \(NumberFormat.grouped(t.params))",
      "\(analysis.convention.unit.rawValue) \(NumberFormat.grouped(t.macs)) "
        + "(\(NumberFormat.short(t.macs)))",
      "memory \(NumberFormat.kilobytes(t.activationBytes)) KB",
    ]
    if let roofline = analysis.roofline {
      parts.append(
        "time ≥ \(NumberFormat.fixed(roofline.seconds * 1e3, places: 3)) ms on "
          + roofline.device.name)
    }
    return parts.joined(separator: " · ")
  }
}
