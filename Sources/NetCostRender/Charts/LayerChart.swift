import NetCostAnalysis
import NetCostCore

/// Per-layer MACs and parameters as bars, one panel above the other: the shape of a network's
/// cost at a glance (where convolutions spend compute, where fully connected layers hold weights).
public enum LayerChart {
  public static func render(_ analysis: Analysis) -> String {
    let width = 800
    let left = 80.0, right = 20.0, panel = 200.0, gap = 50.0, top = 50.0
    let labelSpace = 130.0
    let height = Int(top + panel + gap + panel + labelSpace)
    var svg = SVG(width: width, height: height)
    let title = analysis.network + ": MACs and parameters per layer"
    svg.text(title, x: Double(width) / 2, y: 24, size: 16, anchor: .middle, bold: true)
    let rows = analysis.rows
    let band = (Double(width) - left - right) / Double(max(rows.count, 1))
    let panels: [(String, String, (LayerRow) -> Int)] = [
      ("MACs", "#4e79a7", { $0.cost.macs }), ("params", "#e15759", { $0.cost.params }),
    ]
    for (index, (name, colour, value)) in panels.enumerated() {
      let bottom = top + panel + Double(index) * (panel + gap)
      let scale = Scale(
        .linear, covering: rows.map { Double(value($0)) }, from: bottom,
        to: bottom - panel)
      axis(&svg, scale, left: left, right: Double(width) - right, name: name)
      for (i, row) in rows.enumerated() {
        let x = left + Double(i) * band + band * 0.1
        let y = scale.position(Double(value(row)))
        svg.rect(
          x: x, y: y, width: band * 0.8, height: bottom - y, fill: colour,
          title: "\(row.name): \(NumberFormat.grouped(value(row))) \(name)")
      }
    }
    // Layer names under the lower panel, slanted; thinned out when there are many.
    let every = max(1, Int((Double(rows.count) / 60).rounded(.up)))
    let base = top + 2 * panel + gap
    for (i, row) in rows.enumerated() where i % every == 0 {
      let x = left + (Double(i) + 0.5) * band
      svg.text(
        row.name, x: x, y: base + 12, size: rows.count > 40 ? 8 : 10, anchor: .end,
        rotate: -60)
    }
    return svg.rendered
  }

  /// A y axis with ticks, labels and light grid lines.
  static func axis(_ svg: inout SVG, _ scale: Scale, left: Double, right: Double, name: String) {
    svg.line(x1: left, y1: scale.from, x2: right, y2: scale.from, stroke: "#333")
    svg.line(x1: left, y1: scale.from, x2: left, y2: scale.to, stroke: "#333")
    for tick in scale.ticks {
      let y = scale.position(tick)
      svg.line(x1: left - 4, y1: y, x2: right, y2: y, stroke: "#ddd")
      svg.text(NumberFormat.compact(Int(tick)), x: left - 6, y: y + 4, size: 10, anchor: .end)
    }
    svg.text(
      name, x: 16, y: (scale.from + scale.to) / 2, size: 12, anchor: .middle,
      rotate: -90, bold: true)
  }
}
