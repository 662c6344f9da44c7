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

  /// All diagnostics in source order, each followed by a blank line.
  public func render(_ diagnostics: [Diagnostic], in source: SourceFile) -> String {
    let ordered = diagnostics.enumerated().sorted {
      ($0.element.range.lowerBound, $0.offset) < ($1.element.range.lowerBound, $1.offset)
    }
    return ordered.map { render($0.element, in: source) + "\n" }.joined(separator: "\n")
  }

  /// One diagnostic with its snippet, notes and help.
  public func render(_ diagnostic: Diagnostic, in source: SourceFile) -> String {
    let label = paint("error", "31")
    var out = headline(source.name, diagnostic.range.lowerBound, label, diagnostic.message)
    out += snippet(diagnostic.range, in: source)
    for note in diagnostic.notes {
      if let range = note.range {
        out += headline(source.name, range.lowerBound, paint("note", "36"), note.message)
        out += snippet(range, in: source)
      } else {
        out +=
          gutter(width(for: diagnostic.range)) + " = " + paint("note", "36") + ": "
          + note.message + "\n"
      }
    }
    if let help = diagnostic.help {
      out += gutter(width(for: diagnostic.range)) + " = " + paint("help", "32") + ": " + help + "\n"
    }
    return String(out.dropLast())
  }

  private func headline(
    _ file: String, _ at: SourceLocation, _ label: String, _ text: String
  )
    -> String
  {
    paint("\(file):\(at.line):\(at.column):", "1") + " " + label + ": " + paint(text, "1") + "\n"
  }

  /// The quoted line with a caret line; the gutter widens with the line number.
  private func snippet(_ range: SourceRange, in source: SourceFile) -> String {
    let start = range.lowerBound
    guard let text = source.line(start.line) else { return "" }
    var scalars = Array(text.unicodeScalars).map { $0 == "\t" ? " " : $0 }
    let lastColumn =
      range.upperBound.line == start.line ? range.upperBound.column : scalars.count + 1
    var first = max(1, min(start.column, scalars.count + 1))
    var length = max(1, min(lastColumn, scalars.count + 1) - first)
    // A very long line is shown as a window around the caret, so one line cannot flood a terminal.
    if scalars.count > Self.maxLine {
      let from = max(0, first - 1 - Self.maxLine / 3)
      let to = min(scalars.count, from + Self.maxLine)
      let window = Array(scalars[from..<to])
      scalars = (from > 0 ? ["…"] : []) + window + (to < scalars.count ? ["…"] : [])
      first = first - from + (from > 0 ? 1 : 0)
      length = min(length, scalars.count - first + 1)
    }
    let pad = width(for: range)
    var line = ""
    line.unicodeScalars.append(contentsOf: scalars)
    let caret = String(repeating: " ", count: first - 1) + String(repeating: "^", count: length)
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
  func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: " ", count: width - count) + self
  }

  func rightPadded(to width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }
}
