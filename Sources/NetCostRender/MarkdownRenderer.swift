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
    Parallel.inOrder(Parallel.pieces(of: rows.count, size: TableText.rowsPerPiece)) { piece in
      // Each cell's text as bytes, straight into the piece's lines: a row makes no strings.
      var lines = TextWriter()
      var cell: [UInt8] = []
      for r in piece {
        lines.write("| ")
        for (i, c) in rows[r].enumerated() {
          if i > 0 { lines.write(" | ") }
          cell.removeAll(keepingCapacity: true)
          TableText.append(c, to: &cell)
          let isName = if case .name = c { true } else { false }
          if cell.contains(0x7C) || (isName && cell.contains(where: Self.isHTML)) {
            for byte in cell {
              switch byte {
              case 0x7C: lines.write("\\|")  // A pipe would end the cell.
              // A name's markup is shown, not read: `<script>` from a model file.
              case 0x3C where isName: lines.write("&lt;")
              case 0x3E where isName: lines.write("&gt;")
              case 0x26 where isName: lines.write("&amp;")
              default: lines.write(byte: byte)
              }
            }
          } else {
            lines.write(bytes: cell)
          }
        }
        lines.write(" |\n")
      }
      return lines.bytes
    } take: { bytes in
      out.write(piece: bytes)
    }
  }
}

extension MarkdownRenderer {
  /// `<`, `>` and `&`: the bytes a Markdown page reads as HTML.
  fileprivate static func isHTML(_ byte: UInt8) -> Bool {
    byte == 0x3C || byte == 0x3E || byte == 0x26
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

extension String {
  /// Prose as Markdown shows it literally: `<`, `>` and `&` as entities, so a name from a model
  /// file (`<script>`) or a usage line's `<network>` is shown, not read as HTML. Everywhere,
  /// code spans too: which backticks pair is CommonMark's to decide (escapes, spans over the
  /// lines of a paragraph), and a hostile name's backticks must not hide markup; netcost's own
  /// code spans hold none of the three.
  var markdownProse: String {
    guard utf8.contains(where: { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 }) else { return self }
    var out = ""
    for c in self {
      switch c {
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "&": out += "&amp;"
      default: out.append(c)
      }
    }
    return out
  }
}
