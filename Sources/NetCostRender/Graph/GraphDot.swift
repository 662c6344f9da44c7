import NetCostCore

/// A network's graph in Graphviz's dot language, for those who lay graphs out with their own
/// tools: a node per row with the same text and colour as the SVG's boxes, an edge per input.
public enum GraphDot {
  public static func render(_ graph: LayerGraph, color metric: GraphMetric = .macs) -> String {
    let shares = metric.shares(graph.analysis)
    var out = [
      "digraph \(quoted(graph.analysis.network)) {",
      "  graph [rankdir=TB, labelloc=t, fontname=\"Helvetica\", "
        + "label=\(quoted([graph.heading, graph.totals, "colour: share of " + metric.title]))];",
      "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=10];",
      "  edge [color=\"#777777\"];",
      "  input [shape=ellipse, fillcolor=\"#ffffff\", label=\(quoted(graph.inputLine))];",
    ]
    for index in graph.analysis.rows.indices {
      let share = shares.indices.contains(index) ? shares[index] : 0
      out.append(
        "  row\(index) [label=\(quoted(graph.lines(index))), "
          + "fillcolor=\"\(GraphPalette.colour(share))\", "
          + "fontcolor=\"\(GraphPalette.ink(share))\", "
          + "tooltip=\(quoted(graph.details(index, shares: shares, metric: metric)))];"
      )
    }
    for (row, sources) in graph.rows.inputs.enumerated() {
      for source in sources {
        switch source {
        case .input: out.append("  input -> row\(row);")
        case .row(let from): out.append("  row\(from) -> row\(row);")
        }
      }
    }
    out.append("}")
    return out.joined(separator: "\n") + "\n"
  }

  /// A dot string of `lines`: in each, control characters shown escaped (`\u{1B}`), then `"`
  /// and `\` escaped; between them dot's `\n`.
  static func quoted(_ lines: [String]) -> String {
    var out = "\""
    for (i, line) in lines.enumerated() {
      if i > 0 { out += "\\n" }
      // By scalar: a quote with a combining mark is one Character, and still ends a dot string.
      for scalar in TerminalText.escaped(line).unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        default: out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }

  static func quoted(_ text: String) -> String { quoted([text]) }
}
