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
          if cell.contains(0x7C) || (isName && cell.contains(where: { Self.entity($0) != nil })) {
            for byte in cell {
              if byte == 0x7C {
                lines.write("\\|")  // A pipe would end the cell.
              } else if isName, let entity = Self.entity(byte) {
                lines.write(entity)  // A name's markup is shown, not read: `<script>`.
              } else {
                lines.write(byte: byte)
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
  /// The entity a Markdown page shows for `<`, `>` and `&`, the bytes it reads as HTML; nil
  /// for any other byte.
  fileprivate static func entity(_ byte: UInt8) -> StaticString? {
    switch byte {
    case 0x3C: "&lt;"
    case 0x3E: "&gt;"
    case 0x26: "&amp;"
    default: nil
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

extension String {
  /// Prose as Markdown shows it literally: `<`, `>` and `&` as entities, so a name from a model
  /// file (`<script>`) or a usage line's `<network>` is shown, not read as HTML. Everywhere,
  /// code spans too: which backticks pair is CommonMark's to decide (escapes, spans over the
  /// lines of a paragraph), and a hostile name's backticks must not hide markup; netcost's own
  /// code spans hold none of the three.
  var markdownProse: String {
    // As bytes, as a page's HTML parser reads them: a `<` that a combining mark follows is one
    // Swift character, and still a `<`.
    guard utf8.contains(where: { MarkdownRenderer.entity($0) != nil }) else { return self }
    var out = TextWriter()
    for byte in utf8 {
      if let entity = MarkdownRenderer.entity(byte) {
        out.write(entity)
      } else {
        out.write(byte: byte)
      }
    }
    return out.text
  }
}
