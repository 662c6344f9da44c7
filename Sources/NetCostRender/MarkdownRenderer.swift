import NetCostCore

/// GitHub-flavoured Markdown pipe tables: numbers right-aligned and grouped, as the terminal shows
/// them, so a table pastes into notes and READMEs.
public enum MarkdownRenderer {
  public static func render(_ table: Table) -> String {
    var out = TextWriter()
    write(table, into: &out)
    return out.text
  }

  /// `render`, written as it is made, a piece of rows at a time on the machine's cores: a
  /// million rows are never held as text (issue 25).
  public static func write(_ table: Table, into out: inout TextWriter) {
    @Sendable func row(_ cells: [String]) -> String {
      "| " + cells.map { $0.replacingPipes }.joined(separator: " | ") + " |\n"
    }
    out.write(row(table.columns.map(\.title)))
    out.write(
      "|" + table.columns.map { $0.alignment == .right ? "---:" : "---" }.joined(separator: "|")
        + "|\n")
    let rows = table.rows
    Parallel.inOrder(Parallel.pieces(of: rows.count, size: CSVRenderer.rowsPerPiece)) { piece in
      var lines = TextWriter()
      for r in piece { lines.write(row(rows[r].map(TableText.text))) }
      return lines.bytes
    } take: { bytes in
      out.write(piece: bytes)
    }
  }
}

extension String {
  /// A `|` inside a cell would end it.
  fileprivate var replacingPipes: String {
    // Nearly every cell has none: looked for as a byte, and the cell kept as it is.
    guard utf8.contains(0x7C) else { return self }
    var out = ""
    for c in self { out += c == "|" ? "\\|" : String(c) }
    return out
  }
}
