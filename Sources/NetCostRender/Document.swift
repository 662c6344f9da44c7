import NetCostCore

/// What a command prints, before it is text: a title, lines, tables and notes. The terminal and
/// Markdown renderers lay the same document out each in their own way.
public struct Document: Sendable {
  public enum Block: Sendable {
    /// A heading; level 1 is the document's title.
    case heading(Int, String)
    /// A chart file (Markdown links it; the terminal names it).
    case image(alt: String, path: String)
    case lines([String])
    case table(Table)
    /// Aligned `name  value  (remark)` lines; a table in Markdown.
    case summary([(name: String, value: String, remark: String)])
    /// Numbered notes under a table (`[1] …`).
    case notes([String])
  }

  public var blocks: [Block]

  public init(_ blocks: [Block]) {
    self.blocks = blocks
  }

  /// On a terminal of known width every line fits it: prose wraps, a summary's remark moves
  /// under its figure, and tables are fitted by `TerminalRenderer`.
  public func renderedForTerminal(style: TerminalStyle = .plain) -> String {
    var out = TextWriter()
    write(forTerminal: style, into: &out)
    return out.text
  }

  /// `renderedForTerminal`, written as it is made: a table's rows are never held as text.
  public func write(forTerminal style: TerminalStyle = .plain, into out: inout TextWriter) {
    for (i, block) in escapingControls.blocks.enumerated() {
      if i > 0 { out.write("\n") }
      if case .table(let table) = block {
        TerminalRenderer.write(table, style: style, into: &out)
      } else {
        out.write(Self.terminalText(block, style: style))
      }
    }
  }

  /// Every block but a table, as the terminal shows it.
  private static func terminalText(_ block: Block, style: TerminalStyle) -> String {
    func fitted(_ line: String, indent: String = "  ") -> String {
      guard let width = style.width, line.unicodeScalars.count > width else { return line + "\n" }
      return line.wrapped(to: width, indent: indent).map { $0 + "\n" }.joined()
    }
    switch block {
    case .heading(_, let title): return fitted(title)
    case .image(let alt, let path): return fitted(alt + ": " + TerminalText.escaped(path))
    case .lines(let lines): return lines.map { fitted($0) }.joined()
    case .table(let table): return TerminalRenderer.render(table, style: style)
    case .summary(let entries):
      let nameWidth = entries.map(\.name.count).max() ?? 0
      let valueWidth = entries.map(\.value.count).max() ?? 0
      return entries.map {
        let figure =
          $0.name.rightPadded(to: nameWidth) + "  " + $0.value.leftPadded(to: valueWidth)
        guard !$0.remark.isEmpty else { return figure + "\n" }
        let line = figure + "  (" + $0.remark + ")"
        if let width = style.width, line.unicodeScalars.count > width {
          return figure + "\n" + fitted("    (" + $0.remark + ")", indent: "     ")
        }
        return line + "\n"
      }.joined()
    case .notes(let notes):
      return notes.enumerated().map { fitted("[\($0.offset + 1)] \($0.element)", indent: "    ") }
        .joined()
    }
  }

  /// The document's main table (its first) as CSV: a CSV file holds one table.
  public func renderedAsCSV() -> String {
    var out = TextWriter()
    write(asCSV: &out)
    return out.text
  }

  /// `renderedAsCSV`, written as it is made.
  public func write(asCSV out: inout TextWriter) {
    for case .table(let table) in escapingControls.blocks {
      CSVRenderer.write(table, into: &out)
      return
    }
  }

  public func renderedAsMarkdown() -> String {
    var out = TextWriter()
    write(asMarkdown: &out)
    return out.text
  }

  /// `renderedAsMarkdown`, written as it is made: a table's rows are never held as text.
  public func write(asMarkdown out: inout TextWriter) {
    for (i, block) in escapingControls.blocks.enumerated() {
      if i > 0 { out.write("\n") }
      if case .table(let table) = block {
        MarkdownRenderer.write(table, into: &out)
      } else {
        out.write(Self.markdownText(block))
      }
    }
  }

  /// Every block but a table, as Markdown writes it.
  private static func markdownText(_ block: Block) -> String {
    switch block {
    case .heading(let level, let title):
      return String(repeating: "#", count: max(1, level)) + " " + title.markdownProse + "\n"
    case .image(let alt, let path): return "![\(alt.markdownProse)](\(path.markdownDestination))\n"
    case .lines(let lines): return lines.map { $0.markdownLine + "  \n" }.joined()
    case .table(let table): return MarkdownRenderer.render(table)
    case .summary(let entries):
      let table = Table(
        columns: [
          .init(title: "total", alignment: .left), .init(title: "count", alignment: .right),
          .init(title: "", alignment: .left),
        ],
        // Shown literally, as names are: a remark names layers from the file ("at <b>x</b>").
        rows: entries.map {
          [.name($0.name.trimmingLeadingSpaces), .name($0.value), .name($0.remark)]
        })
      return MarkdownRenderer.render(table)
    case .notes(let notes):
      return notes.enumerated().map { "\($0.offset + 1). \($0.element.markdownLine)\n" }
        .joined()
    }
  }
}

extension String {
  fileprivate var trimmingLeadingSpaces: String { String(drop { $0 == " " }) }
}
