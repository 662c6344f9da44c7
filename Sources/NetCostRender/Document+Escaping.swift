import NetCostCore

/// Every text a document shows, with control and bidirectional characters escaped
/// (`TerminalText.escaped`): names come from model files, and a layer named with an escape
/// sequence must not set the terminal's title or clear its screen, nor a newline break a table
/// row, on the terminal, in Markdown or in CSV. The renderers call this first.
extension Document {
  var escapingControls: Document {
    // Nearly every document has nothing to escape: it is then used as it is, not copied (a
    // million rows would be held twice).
    guard hasControls else { return self }
    let e = TerminalText.escaped
    return Document(
      blocks.map { block in
        switch block {
        case .heading(let level, let title): .heading(level, e(title))
        // A path is the file's own bytes: Markdown percent-encodes them, the terminal escapes
        // them as it shows them (a tab in `-o`'s name is `%09`, not the text `\u{9}` encoded).
        case .image(let alt, let path): .image(alt: e(alt), path: path)
        case .lines(let lines): .lines(lines.map(e))
        case .table(let table): .table(table.escapingControls)
        case .summary(let entries):
          .summary(entries.map { (name: e($0.name), value: e($0.value), remark: e($0.remark)) })
        case .notes(let notes): .notes(notes.map(e))
        }
      })
  }

  private var hasControls: Bool {
    let any = TerminalText.hasControls
    return blocks.contains { block in
      switch block {
      case .heading(_, let title): any(title)
      case .image(let alt, _): any(alt)
      case .lines(let lines), .notes(let lines): lines.contains(where: any)
      // A table escapes each row as it is made.
      case .table: true
      case .summary(let entries):
        entries.contains { any($0.name) || any($0.value) || any($0.remark) }
      }
    }
  }
}

extension Table {
  /// Each row escaped as it is made: looking for control characters first would make every
  /// row of a million-row table one more time.
  var escapingControls: Table {
    var table = self
    table.rows = rows.map(cells: { Self.escaping($0) }, first: { Self.escaping($0) ?? $0 })
    return table
  }

  /// The row, its cells escaped: the row itself where none has anything to escape.
  private static func escaping(_ row: [Cell]) -> [Cell] {
    let any = TerminalText.hasControls
    guard
      row.contains(where: { cell in
        switch cell {
        case .text(let text), .name(let text): any(text)
        case .display(let text, let raw): any(text) || any(raw)
        default: false
        }
      })
    else { return row }
    return row.map { escaping($0) ?? $0 }
  }

  /// The cell escaped; nil where it has nothing to escape.
  private static func escaping(_ cell: Cell) -> Cell? {
    let any = TerminalText.hasControls
    switch cell {
    case .text(let text) where any(text): return .text(TerminalText.escaped(text))
    case .name(let text) where any(text): return .name(TerminalText.escaped(text))
    case .display(let text, let raw) where any(text) || any(raw):
      return .display(TerminalText.escaped(text), raw: TerminalText.escaped(raw))
    default: return nil
    }
  }
}
