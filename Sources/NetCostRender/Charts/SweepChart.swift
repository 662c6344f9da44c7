import NetCostAnalysis
import NetCostCore

/// A sweep as points: MACs (log scale) against published top-1 accuracy, as the MobileNet
/// paper's Figures 4 and 5, for the points whose accuracy the spec records; with fewer than two
/// such points, MACs against parameters. Either way a chart that does not show every point
/// against accuracy says so (`caveat`), in the chart and, from the CLI, on stderr.
public enum SweepChart {
  /// The points with a published accuracy, when at least two have one.
  static func accuracies(_ sweep: Sweep) -> [(point: Sweep.Point, accuracy: Double)]? {
    let known = sweep.points.compactMap { point in
      SweepReport.published(.accuracy, point, sweep).map { (point, $0.value) }
    }
    return known.count >= 2 ? known : nil
  }

  /// What the chart leaves out or draws instead, or nil when it draws every point by accuracy.
  public static func caveat(_ sweep: Sweep) -> String? {
    let total = sweep.points.count
    guard let known = accuracies(sweep) else {
      return "fewer than two of the \(total) points have a published accuracy, "
        + "so the chart shows MACs against parameters"
    }
    guard known.count < total else { return nil }
    return "published accuracy for \(known.count) of the \(total) points; "
      + "only those \(known.count) are drawn"
  }

  public static func render(_ sweep: Sweep) -> String {
    let width = 800, height = 560
    let left = 80.0, right = 30.0, top = 60.0, bottom = 70.0
    var svg = SVG(width: width, height: height)
    let known = accuracies(sweep)
    let byAccuracy = known != nil
    let points = known?.map(\.point) ?? sweep.points
    let ys: [Double] =
      known?.map(\.accuracy) ?? points.map { Double($0.totals.paramsWithoutBatchNorm) }
    let network = sweep.network
    svg.text(
      network
        + (byAccuracy
          ? ": MACs against top-1 accuracy (published)"
          : ": MACs against parameters"),
      x: Double(width) / 2, y: 24, size: 16, anchor: .middle,
      bold: true)
    if let caveat = caveat(sweep) {
      svg.text(caveat, x: Double(width) / 2, y: 44, size: 12, anchor: .middle)
    }
    let xScale = Scale(
      .logarithmic, covering: points.map { Double($0.totals.macs) }, from: left,
      to: Double(width) - right)
    let yScale = Scale(
      byAccuracy ? .linear : .logarithmic, covering: ys,
      from: Double(height) - bottom, to: top, fromZero: false)
    svg.line(x1: left, y1: yScale.from, x2: Double(width) - right, y2: yScale.from, stroke: "#333")
    svg.line(x1: left, y1: yScale.from, x2: left, y2: yScale.to, stroke: "#333")
    for tick in xScale.ticks {
      let x = xScale.position(tick)
      svg.line(x1: x, y1: yScale.from + 4, x2: x, y2: yScale.to, stroke: "#eee")
      svg.text(
        NumberFormat.compact(Int(tick)), x: x, y: yScale.from + 18, size: 10, anchor: .middle)
    }
    for tick in yScale.ticks {
      let y = yScale.position(tick)
      svg.line(x1: left - 4, y1: y, x2: Double(width) - right, y2: y, stroke: "#eee")
      let label =
        byAccuracy
        ? NumberFormat.trimmed(NumberFormat.fixed(tick, places: 1)) + " %"
        : NumberFormat.compact(Int(tick))
      svg.text(label, x: left - 6, y: y + 4, size: 10, anchor: .end)
    }
    svg.text(
      "MACs (log scale); points labelled " + sweep.axes.joined(separator: ", "),
      x: (left + Double(width) - right) / 2, y: Double(height) - 20, size: 12, anchor: .middle,
      bold: true)
    svg.text(
      byAccuracy ? "top-1 accuracy" : "params (log scale)", x: 16,
      y: (yScale.from + yScale.to) / 2, size: 12, anchor: .middle, rotate: -90, bold: true)
    for (point, y) in zip(points, ys) {
      let label = sweep.axes.map { point.parameter($0)?.shortDescription ?? "" }
        .joined(separator: ", ")
      let cx = xScale.position(Double(point.totals.macs))
      let cy = yScale.position(y)
      svg.circle(
        x: cx, y: cy, r: 5, fill: "#4e79a7",
        title: "\(sweep.axes.joined(separator: ", ")) = \(label): "
          + "\(NumberFormat.short(point.totals.macs)) MACs")
      // Slanted, so labels of points at one height do not run into each other.
      svg.text(label, x: cx + 6, y: cy - 7, size: 10, rotate: -35)
    }
    return svg.rendered
  }
}
