/// Every text a document shows, with control and bidirectional characters escaped
/// (`TerminalText.escaped`): names come from model files, and a layer named with an escape
/// sequence must not set the terminal's title or clear its screen, nor a newline break a table
/// row, on the terminal, in Markdown or in CSV. The renderers call this first.
extension Document {
  var escapingControls: Document {
    let e = TerminalText.escaped
    return Document(
      blocks.map { block in
        switch block {
        case .heading(let level, let title): .heading(level, e(title))
        case .image(let alt, let path): .image(alt: e(alt), path: e(path))
        case .lines(let lines): .lines(lines.map(e))
        case .table(let table): .table(table.escapingControls)
        case .summary(let entries):
          .summary(entries.map { (name: e($0.name), value: e($0.value), remark: e($0.remark)) })
        case .notes(let notes): .notes(notes.map(e))
        }
      })
  }
}

extension Table {
  var escapingControls: Table {
    var table = self
    table.rows = rows.map { row in
      row.map { cell in
        switch cell {
        case .text(let text): .text(TerminalText.escaped(text))
        case .display(let text, let raw):
          .display(TerminalText.escaped(text), raw: TerminalText.escaped(raw))
        default: cell
        }
      }
    }
    return table
  }
}
