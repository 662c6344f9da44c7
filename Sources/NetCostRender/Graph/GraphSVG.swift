/// A network as an SVG 1.1 picture: a box per row (its name, kind, output, params and MACs, and
/// every figure in its tooltip) coloured by its share of a metric, the edges between them, the
/// totals and a legend. Every box is a `<g class="node">`, so the boxes can be counted.
public enum GraphSVG {
  /// The room above the graph for the title, the totals and the legend.
  static let header = 92.0
  /// The narrowest picture: the legend's width.
  static let minimumWidth = 780.0

  /// A standalone SVG file.
  public static func render(_ graph: LayerGraph, color metric: GraphMetric = .macs) -> String {
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + element(graph, metric: metric)
  }

  /// The `<svg>` element, for a file or inside an HTML page.
  static func element(_ graph: LayerGraph, metric: GraphMetric) -> String {
    let layout = GraphLayout(graph.rows, top: header)
    let width = max(layout.width, minimumWidth)
    // A narrow graph (a chain) is centred under the title.
    let dx = (width - layout.width) / 2
    let height = header + layout.height
    let n = SVG.number
    var out = [
      "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(n(width))\" "
        + "height=\"\(n(height))\" viewBox=\"0 0 \(n(width)) \(n(height))\" "
        + "font-family=\"sans-serif\">",
      "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" "
        + "markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#777\"/>"
        + "</marker></defs>",
      "<rect x=\"0\" y=\"0\" width=\"\(n(width))\" height=\"\(n(height))\" fill=\"white\"/>",
    ]
    out += heading(graph, metric: metric)
    out.append("<g class=\"edges\" fill=\"none\" stroke=\"#777\" stroke-width=\"1.2\">")
    for edge in layout.edges { out.append(path(edge, dx: dx)) }
    out.append("</g>")
    let input = layout.input
    out.append(
      "<g class=\"input\">\(rect(input, dx: dx, fill: "#ffffff", rounded: 18))"
        + text(graph.inputLine, x: input.centre + dx, y: input.y + 23, size: 12, anchor: "middle")
        + "</g>")
    let shares = metric.shares(graph.analysis)
    for (index, box) in layout.rows.enumerated() {
      out.append(node(graph, index, box: box, dx: dx, shares: shares, metric: metric))
    }
    out.append("</svg>")
    return out.joined(separator: "\n") + "\n"
  }

  /// The title, the totals, and the legend of colours.
  private static func heading(_ graph: LayerGraph, metric: GraphMetric) -> [String] {
    var out = [
      text(graph.heading, x: 20, y: 26, size: 16, bold: true),
      text(graph.totals, x: 20, y: 46, size: 12),
      text("colour: share of \(metric.title)", x: 20, y: 72, size: 12),
    ]
    var x = 190.0
    for (label, colour) in GraphPalette.labels {
      out.append(
        "<rect x=\"\(SVG.number(x))\" y=\"60\" width=\"14\" height=\"14\" fill=\"\(colour)\" "
          + "stroke=\"#999\"/>" + text(label, x: x + 18, y: 72, size: 11))
      x += 74
    }
    return out
  }

  /// A row's box: a `<g class="node">` with its details as the tooltip.
  private static func node(
    _ graph: LayerGraph, _ index: Int, box: GraphLayout.Box, dx: Double, shares: [Double],
    metric: GraphMetric
  ) -> String {
    let share = shares.indices.contains(index) ? shares[index] : 0
    let ink = GraphPalette.ink(share)
    let details = graph.details(index, shares: shares, metric: metric).map(SVG.escape)
    var out =
      "<g class=\"node\" id=\"row-\(index)\"><title>\(details.joined(separator: "\n"))</title>"
      + rect(box, dx: dx, fill: GraphPalette.colour(share), rounded: 4)
    for (i, line) in graph.lines(index).enumerated() {
      out += text(
        line, x: box.x + dx + 8, y: box.y + 16 + Double(i) * 14.5, size: i == 0 ? 12 : 11,
        bold: i == 0, fill: ink)
    }
    return out + "</g>"
  }

  private static func rect(
    _ box: GraphLayout.Box, dx: Double, fill: String, rounded: Double
  )
    -> String
  {
    let n = SVG.number
    return "<rect x=\"\(n(box.x + dx))\" y=\"\(n(box.y))\" width=\"\(n(box.width))\" "
      + "height=\"\(n(box.height))\" rx=\"\(n(rounded))\" fill=\"\(fill)\" stroke=\"#555\"/>"
  }

  /// An edge: curves across the gaps between ranks, straight down through the ranks it passes.
  private static func path(_ edge: GraphLayout.Edge, dx: Double) -> String {
    let n = SVG.number
    let points = edge.points.map { GraphLayout.Point(x: $0.x + dx, y: $0.y) }
    guard let first = points.first else { return "" }
    var d = "M\(n(first.x)),\(n(first.y))"
    for (j, (a, b)) in zip(points, points.dropFirst()).enumerated() {
      if j % 2 == 0 {
        let middle = n((a.y + b.y) / 2)
        d += " C\(n(a.x)),\(middle) \(n(b.x)),\(middle) \(n(b.x)),\(n(b.y))"
      } else {
        d += " L\(n(b.x)),\(n(b.y))"
      }
    }
    return "<path d=\"\(d)\" marker-end=\"url(#arrow)\"/>"
  }

  private static func text(
    _ content: String, x: Double, y: Double, size: Double, anchor: String = "start",
    bold: Bool = false, fill: String = "#111111"
  ) -> String {
    let weight = bold ? " font-weight=\"bold\"" : ""
    return "<text x=\"\(SVG.number(x))\" y=\"\(SVG.number(y))\" font-size=\"\(SVG.number(size))\" "
      + "text-anchor=\"\(anchor)\" fill=\"\(fill)\"\(weight)>\(SVG.escape(content))</text>"
  }
}
