import NetCostCore

/// How a terminal wants its text: how wide it is, and whether it takes bold.
public struct TerminalStyle: Sendable {
  /// Columns to fit tables in; nil when the output is not a terminal (a file, a pipe).
  public var width: Int?
  public var bold: Bool

  public init(width: Int? = nil, bold: Bool = false) {
    self.width = width
    self.bold = bold
  }

  public static let plain = TerminalStyle()

  /// Text made of lines, each with its control characters escaped (names from model files) and
  /// wrapped to the width when there is one (`--explain`'s arithmetic).
  public func fitted(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      let shown = TerminalText.escaped(String(line))
      guard let width, shown.unicodeScalars.count > width else { return shown }
      return shown.wrapped(to: width, indent: "    ").joined(separator: "\n")
    }.joined(separator: "\n")
  }
}

/// Plain text for a terminal: aligned columns under a rule, numbers grouped by thousands.
public enum TerminalRenderer {
  public static func render(_ table: Table, style: TerminalStyle = .plain) -> String {
    var out = TextWriter()
    write(table, style: style, into: &out)
    return out.text
  }

  /// Two passes over the rows: the widths first, then the lines, written as they are made. Rows
  /// are made and formatted a piece at a time (`rowsPerPiece`), a few pieces side by side on
  /// the machine's cores, each into its own `TableText`; the pieces' texts are kept for the
  /// second pass while they fit in `keptBytes`, and the later ones are made again (issue 25).
  public static func write(
    _ table: Table, style: TerminalStyle = .plain, into out: inout TextWriter
  ) {
    write(table, style: style, into: &out, keeping: TableText.kept)
  }

  static func write(
    _ table: Table, style: TerminalStyle, into out: inout TextWriter, keeping keptBytes: Int,
    rowsPerPiece: Int? = nil
  ) {
    let count = table.columns.count
    let rows = table.rows
    var header = table.columns.map(\.title)
    var widths = header.map(columns)
    let rowsPerPiece = rowsPerPiece ?? TableText.rowsPerPiece(rows.count)
    let pieces = Parallel.pieces(of: rows.count, size: rowsPerPiece)
    var kept: [TableText?] = []
    var keptSoFar = 0
    Parallel.inOrder(pieces) { piece in
      var text = TableText(columns: count)
      var widths = Array(repeating: 0, count: count)
      for index in piece {
        let (r, copied) = text.append(index, of: rows, afterRowAbove: index > piece.lowerBound)
        // Room for the piece's rows, guessed from its first, so they are not copied as they grow.
        if index == piece.lowerBound { text.reserve(rows: piece.count, upTo: keptBytes) }
        // A copied row's cells but the first are the row above's, counted already.
        text.withBytes { all in
          for i in 0..<(copied ? 1 : count) {
            widths[i] = max(widths[i], TableText.columns(all[text.range(r, i)]))
          }
        }
      }
      return (text, widths)
    } take: { made in
      for i in 0..<count { widths[i] = max(widths[i], made.1[i]) }
      keptSoFar += made.0.byteCount
      kept.append(keptSoFar <= keptBytes ? made.0 : nil)
    }
    var shown = Array(table.columns.indices)
    var wrapping: Int?
    var notice: String?
    var cut: [Int] = []
    if let limit = style.width {
      let fit = TableFit(columns: table.columns, natural: widths, limit: limit)
      cut = table.columns.indices.filter { fit.isCut($0, natural: widths) }
      notice = self.notice(cut: !cut.isEmpty, dropped: fit.dropped.map { header[$0] })
      for i in cut { header[i] = shortened(header[i], to: fit.widths[i]) }
      (shown, widths, wrapping) = (fit.shown, fit.widths, fit.wrapping)
    }
    let lines = Lines(
      shown: shown, widths: widths, alignments: table.columns.map(\.alignment), cut: cut,
      wrapping: wrapping)
    var titles = TableText(columns: count)
    titles.append(header.map { .text($0) })
    var titleLines = lines
    titles.withBytes { titleLines.write(row: 0, of: titles, in: $0, bold: style.bold, into: &out) }
    // The rule under the header, written as it goes (a column can be millions wide).
    for (n, i) in shown.enumerated() {
      if n > 0 { out.write(spaces: 2) }
      for _ in 0..<widths[i] { out.write(bytes: [0xE2, 0x94, 0x80]) }  // "─"
    }
    out.write(byte: 0x0A)
    let texts = kept
    Parallel.inOrder(pieces) { piece in
      var text: TableText
      if let kept = texts[piece.lowerBound / max(1, rowsPerPiece)] {
        text = kept
      } else {
        text = TableText(columns: count)
        for index in piece {
          text.append(index, of: rows, afterRowAbove: index > piece.lowerBound)
        }
      }
      var lines = lines.ownCopy()
      var written = TextWriter()
      text.withBytes { all in
        for r in 0..<piece.count {
          lines.write(row: r, of: text, in: all, into: &written)
          if r == 0 { written.reserve(items: piece.count, first: written.position) }
        }
      }
      return written.bytes
    } take: { bytes in
      out.write(piece: bytes)
    }
    if let notice, let limit = style.width {
      for line in notice.wrapped(to: limit) {
        out.write(line)
        out.write(byte: 0x0A)
      }
    }
  }

  /// The columns a text takes: its Unicode scalars (every character netcost prints takes one
  /// column), counted as the UTF-8 bytes that start one, far cheaper than counting graphemes.
  static func columns(_ text: String) -> Int {
    var text = text
    return text.withUTF8 { TableText.columns($0) }
  }

  /// What fitting the table did, and how to see it all; nil when it did nothing.
  private static func notice(cut: Bool, dropped: [String]) -> String? {
    var parts: [String] = []
    if cut { parts.append("text cut") }
    if !dropped.isEmpty {
      parts.append("left out: " + dropped.joined(separator: ", "))
    }
    guard !parts.isEmpty else { return nil }
    return "(" + parts.joined(separator: "; ") + "; a wider terminal or --format csv shows all)"
  }

  /// A cell cut to `width` columns with '…' where it is wider.
  static func shortened(_ text: String, to width: Int) -> String {
    guard columns(text) > width else { return text }
    return String(String.UnicodeScalarView(text.unicodeScalars.prefix(width - 1))) + "…"
  }
}

/// The lines of a table once its columns are known: each row's cells placed from their bytes
/// in place, padded to the columns' widths (a million rows: no copy of a cell).
private struct Lines {
  let shown: [Int]
  let widths: [Int]
  let alignments: [Table.Alignment]
  let cut: [Int]
  let wrapping: Int?
  /// Where a wrapping cell's further lines start: under its first (it is the last column).
  let indent: Int
  /// Spaces not yet written: a line's trailing spaces are never written (an empty last cell,
  /// a left-aligned last column), so spaces wait for the text after them.
  private var pending = 0
  /// What the last row whose cells but the first were made anew wrote after its first cell,
  /// from no spaces pending: a row copied from it (`TableText.copiesRowAbove`) writes its own
  /// first cell and this (a loop's passes, named apart: a million rows of one layer).
  private var rest: (row: Int, bytes: [UInt8])? = nil

  init(shown: [Int], widths: [Int], alignments: [Table.Alignment], cut: [Int], wrapping: Int?) {
    (self.shown, self.widths, self.alignments) = (shown, widths, alignments)
    (self.cut, self.wrapping) = (cut, wrapping)
    indent = shown.dropLast().map { widths[$0] + 2 }.reduce(0, +)
  }

  /// The same lines in arrays of their own, for a piece made on a core of its own: each row
  /// retains and releases them, and arrays two cores share pass their header's cache line to
  /// and fro (a million rows' table: a fifth of its time).
  func ownCopy() -> Lines {
    Lines(
      shown: shown.map { $0 }, widths: widths.map { $0 }, alignments: alignments.map { $0 },
      cut: cut.map { $0 }, wrapping: wrapping)
  }

  /// Row `row` of `text`, written straight into `out` (a million rows: no line is gathered).
  mutating func write(
    row: Int, of text: TableText, in all: UnsafeBufferPointer<UInt8>, bold: Bool = false,
    into out: inout TextWriter
  ) {
    if !bold, wrapping == nil, cut.isEmpty, shown.first == 0, text.copiesRowAbove(row) {
      writeRepeating(row: row, of: text, in: all, into: &out)
      return
    }
    pending = 0
    if bold { out.write("\u{1B}[1m") }
    var more: ArraySlice<String> = []
    for (n, i) in shown.enumerated() {
      let bytes = UnsafeBufferPointer(rebasing: all[text.range(row, i)])
      guard i == wrapping || cut.contains(i) else {
        place(bytes, at: n, column: i, into: &out)
        continue
      }
      // A cut or wrapping column's text is rare: it is cut or wrapped as a string.
      var fitted = String(decoding: bytes, as: UTF8.self)
      if cut.contains(i) { fitted = TerminalRenderer.shortened(fitted, to: widths[i]) }
      if i == wrapping, TerminalRenderer.columns(fitted) > widths[i] {
        let lines = fitted.wrapped(to: widths[i], indent: "")
        (fitted, more) = (lines.first ?? "", lines.dropFirst())
      }
      var utf8 = fitted
      utf8.withUTF8 { place($0, at: n, column: i, into: &out) }
    }
    if bold { out.write("\u{1B}[0m") }
    out.write(byte: 0x0A)
    // A wrapping cell's further lines, under its first.
    for more in more {
      out.write(spaces: indent)
      out.write(more)
      out.write(byte: 0x0A)
    }
  }

  /// Row `row`, whose cells but the first are the row before's: its first cell, then the text
  /// after it, made once for the rows alike.
  private mutating func writeRepeating(
    row: Int, of text: TableText, in all: UnsafeBufferPointer<UInt8>, into out: inout TextWriter
  ) {
    if rest?.row != row - 1 {
      var made = TextWriter()
      pending = 0
      for (n, i) in shown.enumerated() where n > 0 {
        place(UnsafeBufferPointer(rebasing: all[text.range(row, i)]), at: n, column: i, into: &made)
      }
      rest = (row, made.bytes)
    }
    pending = 0
    place(UnsafeBufferPointer(rebasing: all[text.range(row, 0)]), at: 0, column: 0, into: &out)
    if let rest, !rest.bytes.isEmpty {
      out.write(spaces: pending)
      out.write(bytes: rest.bytes)
    }
    out.write(byte: 0x0A)
    rest?.row = row
  }

  private mutating func place(
    _ bytes: UnsafeBufferPointer<UInt8>, at n: Int, column i: Int, into out: inout TextWriter
  ) {
    let pad = max(0, widths[i] - TableText.columns(bytes))
    if n > 0 { pending += 2 }
    if alignments[i] == .right { pending += pad }
    // The text's own trailing spaces wait too: a line ends with none.
    var end = bytes.count
    while end > 0 && bytes[end - 1] == 0x20 { end -= 1 }
    if end > 0 {
      out.write(spaces: pending)
      out.write(bytes: UnsafeBufferPointer(rebasing: bytes[..<end]))
      pending = 0
    }
    pending += bytes.count - end
    if alignments[i] == .left && n < shown.count - 1 { pending += pad }
  }
}
