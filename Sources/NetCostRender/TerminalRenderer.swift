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

  /// Two passes over the rows: the widths first, then the lines, written as they are made. A
  /// table of up to `keptRows` rows keeps each row's text from the first pass for the second; a
  /// longer one (a million-layer spec) makes each row again rather than hold them all (issue 25).
  public static func write(
    _ table: Table, style: TerminalStyle = .plain, into out: inout TextWriter
  ) {
    write(table, style: style, into: &out, keeping: keptRows)
  }

  static func write(
    _ table: Table, style: TerminalStyle, into out: inout TextWriter, keeping keptRows: Int
  ) {
    var header = table.columns.map(\.title)
    var widths = header.map(columns)
    let keeping = table.rows.count <= keptRows
    var kept: [[String]] = []
    for row in table.rows {
      let cells = row.map(text)
      for (i, cell) in cells.enumerated() where i < widths.count {
        widths[i] = max(widths[i], columns(cell))
      }
      if keeping { kept.append(cells) }
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
    let indent = shown.dropLast().map { widths[$0] + 2 }.reduce(0, +)
    // One line's bytes, reused: its trailing spaces are trimmed before it is written.
    var line: [UInt8] = []
    func append(_ cells: [String], bold: Bool = false) {
      line.removeAll(keepingCapacity: true)
      if bold { line += "\u{1B}[1m".utf8 }
      var more: ArraySlice<String> = []
      for (n, i) in shown.enumerated() {
        var cell = cells[i]
        if i == wrapping, columns(cell) > widths[i] {
          let lines = cell.wrapped(to: widths[i], indent: "")
          (cell, more) = (lines.first ?? "", lines.dropFirst())
        }
        let pad = widths[i] - columns(cell)
        if n > 0 { line += [0x20, 0x20] }
        switch table.columns[i].alignment {
        case .left:
          line += cell.utf8
          if n < shown.count - 1 && pad > 0 { line += repeatElement(0x20, count: pad) }
        case .right:
          if pad > 0 { line += repeatElement(0x20, count: pad) }
          line += cell.utf8
        }
      }
      while line.last == 0x20 { line.removeLast() }  // An empty last cell.
      if bold { line += "\u{1B}[0m".utf8 }
      line.append(0x0A)
      out.write(bytes: line)
      // A wrapping cell's further lines, under its first (it is always the last column).
      for more in more {
        out.write(spaces: indent)
        out.write(more)
        out.write(byte: 0x0A)
      }
    }
    append(header, bold: style.bold)
    // The rule under the header, written as it goes (a column can be millions wide).
    for (n, i) in shown.enumerated() {
      if n > 0 { out.write(spaces: 2) }
      for _ in 0..<widths[i] { out.write(bytes: [0xE2, 0x94, 0x80]) }  // "─"
    }
    out.write(byte: 0x0A)
    for index in table.rows.indices {
      var cells = keeping ? kept[index] : table.rows[index].map(text)
      for i in cut { cells[i] = shortened(cells[i], to: widths[i]) }
      append(cells)
    }
    if let notice, let limit = style.width {
      for line in notice.wrapped(to: limit) {
        out.write(line)
        out.write(byte: 0x0A)
      }
    }
  }

  /// Rows whose text a table keeps between its two passes: about 15 MB at most.
  static let keptRows = 100_000

  /// The columns a text takes: its Unicode scalars (every character netcost prints takes one
  /// column), counted as the UTF-8 bytes that start one, far cheaper than counting graphemes.
  static func columns(_ text: String) -> Int {
    var text = text
    return text.withUTF8 { bytes in
      var count = 0
      for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
      return count
    }
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
  private static func shortened(_ text: String, to width: Int) -> String {
    guard columns(text) > width else { return text }
    return String(String.UnicodeScalarView(text.unicodeScalars.prefix(width - 1))) + "…"
  }

  static func text(_ cell: Table.Cell) -> String {
    switch cell {
    case .text(let s): s
    case .count(let n): NumberFormat.grouped(n)
    case .kilobytes(let bytes): NumberFormat.kilobytes(bytes)
    case .megabytes(let bytes): NumberFormat.megabytes(bytes)
    case .millions(let n): NumberFormat.decimal(n, over: 1_000_000, places: 2)
    case .shape(let shape): shape.description
    case .fixed(let x, let places): NumberFormat.fixed(x, places: places)
    case .ratio(let x): NumberFormat.ratio(x)
    case .difference(let x): NumberFormat.signedPercent(x)
    case .display(let text, _): text
    case .empty: ""
    }
  }
}
