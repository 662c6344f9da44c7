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
    Parallel.inOrder(Parallel.pieces(of: rows.count, size: TableText.rowsPerPiece(rows.count))) {
      piece in
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
          if isName {
            Self.write(literally: cell, escapingPipes: true, into: &lines)
          } else if cell.contains(0x7C) {
            for byte in cell {
              if byte == 0x7C { lines.write("\\|") } else { lines.write(byte: byte) }
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
  /// Text from a file (a name) or prose as a Markdown page shows it, literally:
  /// - `<`, `>` and `&` as entities, the bytes a page reads as HTML (`<script>`, `&#60;`);
  /// - a `]` that would end a link's or an image's text (before `(`, `[` or `:`) escaped, so
  ///   that `![x](http://…)` in a name is no image or link; netcost's own `[1]` stays as it is;
  /// - the `:` of `://` and the `.` of `www.` escaped, so that GitHub's autolinks make no link
  ///   of a bare address (an e-mail address still shows as one, its text its target);
  /// - a `\\` escaped, so that a name's own backslash cannot undo the escapes above
  ///   (`[x\\](…)` would read `\\\\]`: a backslash, then a live `]`);
  /// - with `escapingPipes`, a `|`, which would end a table's cell.
  /// As bytes, as a page's parser reads them: a `<` that a combining mark follows is one Swift
  /// character, and still a `<`.
  static func write(literally text: [UInt8], escapingPipes: Bool, into out: inout TextWriter) {
    var start = 0
    for (i, byte) in text.enumerated() {
      let escaped: StaticString
      switch byte {
      case 0x3C: escaped = "&lt;"
      case 0x3E: escaped = "&gt;"
      case 0x26: escaped = "&amp;"
      case 0x7C where escapingPipes: escaped = "\\|"
      case 0x5D where i + 1 < text.count && [0x28, 0x5B, 0x3A].contains(text[i + 1]):
        escaped = "\\]"
      case 0x3A where text[(i + 1)...].starts(with: [0x2F, 0x2F]): escaped = "\\:"
      case 0x5C: escaped = "\\\\"
      // Wherever it is: an autolink may start after `_`, `*`, `~` or `(` too.
      case 0x2E
      where i >= 3 && text[(i - 3)..<i].lazy.map({ $0 | 0x20 }).elementsEqual([0x77, 0x77, 0x77]):
        escaped = "\\."
      default: continue
      }
      out.write(bytes: text[start..<i])
      out.write(escaped)
      start = i + 1
    }
    out.write(bytes: text[start...])
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
  /// Prose as Markdown shows it literally (`MarkdownRenderer.write(literally:)`), so a name from
  /// a model file (`<script>`, `![x](http://…)`) or a usage line's `<network>` is shown, not read
  /// as HTML or a link. Everywhere, code spans too: which backticks pair is CommonMark's to decide
  /// (escapes, spans over the lines of a paragraph), and a hostile name's backticks must not hide
  /// markup; netcost's own code spans hold none of what is escaped.
  var markdownProse: String {
    var out = TextWriter()
    MarkdownRenderer.write(literally: Array(utf8), escapingPipes: false, into: &out)
    return out.text
  }

  /// A line of prose as a line of a Markdown paragraph or list item: `markdownProse`, and what
  /// would begin a block escaped where the line begins: a fence, a heading, a list item, a rule
  /// or a heading's underline, a table's pipe, and leading spaces or tabs (indented code) as
  /// character references. A network named ```` ``` ```` made every table after its name one
  /// code block (the review of issue 25). netcost's own markup (`**paper** — …`) begins none.
  var markdownLine: String {
    let prose = Array(markdownProse.utf8)
    var out = TextWriter()
    var i = 0
    while i < prose.count, prose[i] == 0x20 || prose[i] == 0x09 {
      out.write(prose[i] == 0x20 ? "&#32;" : "&#9;")
      i += 1
    }
    let rest = prose[i...]
    if let mark = Self.blockMark(rest) {
      out.write(bytes: rest.prefix(mark))
      out.write("\\")
      out.write(bytes: rest.dropFirst(mark))
    } else {
      out.write(bytes: rest)
    }
    return out.text
  }

  /// Where the mark is (an offset into `line`) that makes `line` begin a block, as CommonMark
  /// reads a line's start (§4.1 rules, §4.2 headings, §4.3 underlines, §4.5 fences, §5.2 list
  /// items; GFM's tables): escaping it leaves a paragraph's text.
  private static func blockMark(_ line: ArraySlice<UInt8>) -> Int? {
    guard let first = line.first else { return nil }
    let run = line.prefix { $0 == first }.count
    let after = line.dropFirst(run).first
    let spaceOrEnd = after == nil || after == 0x20 || after == 0x09
    let onlyMarks = line.allSatisfy { $0 == first || $0 == 0x20 || $0 == 0x09 }
    switch first {
    case UInt8(ascii: "`"), UInt8(ascii: "~"): return run >= 3 ? 0 : nil
    case UInt8(ascii: "#"): return run <= 6 && spaceOrEnd ? 0 : nil
    case UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "+"):
      return spaceOrEnd || (onlyMarks && first != UInt8(ascii: "+")) ? 0 : nil
    case UInt8(ascii: "_"), UInt8(ascii: "="): return onlyMarks ? 0 : nil
    case UInt8(ascii: "|"): return 0
    case UInt8(ascii: "0")...UInt8(ascii: "9"):
      // `1. ` and `1) ` (or the mark ending the line): an ordered list's item. `60.97 M` is none.
      let digits = line.prefix { (0x30...0x39).contains($0) }.count
      let rest = line.dropFirst(digits)
      guard let mark = rest.first, mark == 0x2E || mark == 0x29 else { return nil }
      let next = rest.dropFirst().first
      return next == nil || next == 0x20 || next == 0x09 ? digits : nil
    default: return nil
    }
  }

  /// A file's path as a Markdown link's destination: percent-encoded but for letters, digits and
  /// `-._~/`, so a chart beside `my report.md` (a space, a parenthesis, `<`) is still the image's
  /// file, and nothing in the name ends the link early.
  var markdownDestination: String {
    var out = ""
    for byte in utf8 {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
        UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
        out.unicodeScalars.append(Unicode.Scalar(byte))
      default:
        let hex = String(byte, radix: 16, uppercase: true)
        out += "%" + (byte < 0x10 ? "0" : "") + hex
      }
    }
    return out
  }
}
