/// Renders diagnostics as a compiler does: a `file:line:col: error: message` headline editors can
/// jump to, the source line with a caret under the range, then notes and help.
///
/// ```
/// net.netspec:7:1: error: unknown layer kind 'dwcnv'
///   |
/// 7 | dwcnv kernel = 3, stride = 1
///   | ^^^^^
///   = help: did you mean 'dwconv'?
/// ```
public struct DiagnosticRenderer: Sendable {
  /// The longest source line a snippet shows whole.
  static let maxLine = 120

  public var colored: Bool

  public init(colored: Bool = false) {
    self.colored = colored
  }

  /// The diagnostics in source order, each followed by a blank line: at most
  /// `Limit.diagnosticsPerLine` for one line and `Limit.diagnostics` in all, then one line that
  /// counts the rest. Rendering is linear in what is shown, whatever was found.
  public func render(_ diagnostics: [Diagnostic], in source: SourceFile) -> String {
    let ordered = diagnostics.enumerated().sorted {
      ($0.element.range.lowerBound, $0.offset) < ($1.element.range.lowerBound, $1.offset)
    }.map(\.element)
    var shown: [Diagnostic] = []
    var line = 0
    var onLine = 0
    for diagnostic in ordered where shown.count < Limit.diagnostics.value {
      let at = diagnostic.range.lowerBound.line
      onLine = at == line ? onLine + 1 : 1
      line = at
      if onLine <= Limit.diagnosticsPerLine.value { shown.append(diagnostic) }
    }
    var out = shown.map { render($0, in: source) + "\n" }.joined(separator: "\n")
    if shown.count < diagnostics.count {
      let more = diagnostics.count - shown.count
      out +=
        "\n" + paint("error", "31") + ": "
        + paint("\(more) more error\(more == 1 ? "" : "s") not shown", "1")
        + " (netcost shows \(Limit.diagnosticsPerLine.value) for a line and "
        + "\(Limit.diagnostics.value) in all)\n"
    }
    return out
  }

  /// One diagnostic with its snippet, notes and help.
  public func render(_ diagnostic: Diagnostic, in source: SourceFile) -> String {
    let label = paint("error", "31")
    if source.isBinary {
      var out =
        paint("\(TerminalText.escaped(source.name)):", "1") + " " + label + ": "
        + paint(TerminalText.message(diagnostic.message), "1") + "\n"
      for note in diagnostic.notes {
        out += "  = " + paint("note", "36") + ": " + TerminalText.message(note.message) + "\n"
      }
      if let help = diagnostic.help {
        out += "  = " + paint("help", "32") + ": " + TerminalText.message(help) + "\n"
      }
      return String(out.dropLast())
    }
    var out = headline(source.name, diagnostic.range.lowerBound, label, diagnostic.message)
    out += snippet(diagnostic.range, in: source)
    for note in diagnostic.notes {
      if let range = note.range {
        out += headline(source.name, range.lowerBound, paint("note", "36"), note.message)
        out += snippet(range, in: source)
      } else {
        out +=
          gutter(width(for: diagnostic.range)) + " = " + paint("note", "36") + ": "
          + TerminalText.message(note.message) + "\n"
      }
    }
    if let help = diagnostic.help {
      out +=
        gutter(width(for: diagnostic.range)) + " = " + paint("help", "32") + ": "
        + TerminalText.message(help) + "\n"
    }
    return String(out.dropLast())
  }

  private func headline(
    _ file: String, _ at: SourceLocation, _ label: String, _ text: String
  )
    -> String
  {
    paint("\(TerminalText.escaped(file)):\(at.line):\(at.column):", "1") + " " + label + ": "
      + paint(TerminalText.message(text), "1") + "\n"
  }

  /// The quoted line with a caret line; the gutter widens with the line number. A long line is
  /// shown as a window of `maxLine` characters around the caret, so one line cannot flood a
  /// terminal; control characters are escaped and the caret counts each character's columns.
  private func snippet(_ range: SourceRange, in source: SourceFile) -> String {
    let start = range.lowerBound
    guard let text = source.line(start.line) else { return "" }
    let scalars = text.unicodeScalars
    let count = scalars.count
    let lastColumn = range.upperBound.line == start.line ? range.upperBound.column : count + 1
    let first = max(1, min(start.column, count + 1))
    let last = max(first + 1, min(lastColumn, count + 1))
    let from = count > Self.maxLine ? max(0, first - 1 - Self.maxLine / 3) : 0
    let to = min(count, from + Self.maxLine)
    var line = from > 0 ? "…" : ""
    var caret = from > 0 ? " " : ""
    var column = from + 1
    for scalar in scalars.dropFirst(from).prefix(to - from) {
      let (shown, columns) = TerminalText.shown(scalar)
      line += shown
      if column < last { caret += String(repeating: column < first ? " " : "^", count: columns) }
      column += 1
    }
    if to < count { line += "…" }
    // A range at or past the end of the line (a missing token) still gets its caret.
    if !caret.contains("^") { caret += "^" }
    let pad = width(for: range)
    return gutter(pad) + " |\n" + "\(start.line)".leftPadded(to: pad) + " | " + line + "\n"
      + gutter(pad) + " | " + paint(caret, "31") + "\n"
  }

  private func width(for range: SourceRange) -> Int { "\(range.lowerBound.line)".count }
  private func gutter(_ width: Int) -> String { String(repeating: " ", count: width) }

  private func paint(_ text: String, _ code: String) -> String {
    colored ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }
}

extension String {
  package func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: " ", count: width - count) + self
  }

  package func rightPadded(to width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }
}
